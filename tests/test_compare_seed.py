"""The seed against versions of it edited by hand the way drafters edit: every link right.

Each edit is made on the seed's own text (the UN text export), then both texts go through the
parser and the aligner, as `resodiff compare` does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from resodiff.align import align
from resodiff.compare import compare
from resodiff.readers import read
from resodiff.readers.text import parse_text

from conftest import ROOT, SEED
from contracts import conforms

TEXT = SEED.read_text(encoding="utf-8")


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


def _op_index(blocks: list[str], n: int) -> int:
    return next(i for i, b in enumerate(blocks) if b.startswith(f"{n}. *"))


def _renumber(blocks: list[str]) -> str:
    """Number the operative paragraphs 1, 2, … again, as a drafter's word processor would."""
    out, n = [], 0
    for b in blocks:
        if re.match(r"^\d+\. \*", b):
            n += 1
            b = re.sub(r"^\d+\.", f"{n}.", b)
        out.append(b)
    return "\n\n".join(out)


def _pp_block(blocks: list[str], lead_start: str) -> int:
    return next(i for i, b in enumerate(blocks) if b.startswith(lead_start))


def _rows(new_text: str):
    old = read(SEED)
    new = parse_text(new_text, source="edited.md")
    return old, new, align(old, new)


def _changed(rows):
    """Rows other than unchanged, as (status, old ids, new ids)."""
    return [(r.status, r.old, r.new) for r in rows if r.status != "unchanged"]


def test_deleted_preambular_paragraph():
    blocks = _blocks(TEXT)
    del blocks[_pp_block(blocks, "Notant avec satisfaction que les activités")]
    _, _, rows = _rows("\n\n".join(blocks))
    assert _changed(rows) == [("deleted", ("PP3",), ())]
    pp4 = next(r for r in rows if r.old == ("PP4",))
    assert pp4.new == ("PP3",) and pp4.status == "unchanged" and "renumbered" in pp4.tags


def test_inserted_operative_paragraph_renumbers_the_rest():
    blocks = _blocks(TEXT)
    i = _op_index(blocks, 5)
    blocks.insert(i + 1, "6. *Invite* les États Membres à appuyer le Fonds COVID-19 de l'Association des "
                         "nations de l'Asie du Sud-Est ;")
    _, _, rows = _rows(_renumber(blocks))
    assert _changed(rows) == [("added", (), ("OP6",))]
    assert all("renumbered" in r.tags for r in rows if r.old and r.old[0] in {f"OP{n}" for n in range(6, 29)})


def test_swapped_neighbours():
    blocks = _blocks(TEXT)
    i, j = _op_index(blocks, 5), _op_index(blocks, 6)
    blocks[i], blocks[j] = blocks[j], blocks[i]
    _, _, rows = _rows(_renumber(blocks))
    assert _changed(rows) in ([("moved", ("OP5",), ("OP6",))], [("moved", ("OP6",), ("OP5",))])


def test_moved_far():
    blocks = _blocks(TEXT)
    moved = blocks.pop(_op_index(blocks, 2))
    blocks.insert(_op_index(blocks, 20) + 1, moved)
    _, _, rows = _rows(_renumber(blocks))
    assert _changed(rows) == [("moved", ("OP2",), ("OP20",))]


def test_split():
    blocks = _blocks(TEXT)
    i = _op_index(blocks, 15)
    # OP15 runs on over a page break in the seed: join it first, then cut it in two
    head, _cut, tail = blocks[i].partition(", encourage à cet égard")
    blocks[i:i + 1] = [head + " ;", "16. *Encourage* à cet égard" + tail]
    _, _, rows = _rows(_renumber(blocks))
    assert _changed(rows) == [("split", ("OP15",), ("OP15", "OP16"))]


def test_merge():
    blocks = _blocks(TEXT)
    i, j = _op_index(blocks, 24), _op_index(blocks, 25)
    second = re.sub(r"^25\. \*Encourage également\* ", "", blocks[j])
    blocks[i] = blocks[i].rstrip(" ;") + ", et encourage également " + second
    del blocks[j]
    _, _, rows = _rows(_renumber(blocks))
    assert _changed(rows) == [("merged", ("OP24", "OP25"), ("OP24",))]


def test_lead_verb_strengthened_and_dates_rolled():
    text = TEXT.replace("4. *Encourage* le système", "4. *Encourage vivement* le système")
    text = text.replace("tenue par visioconférence, le 15 novembre 2020, du onzième Sommet",
                        "tenue par visioconférence, le 12 novembre 2022, du douzième Sommet")
    _, _, rows = _rows(text)
    changed = [r for r in rows if r.status != "unchanged"]
    assert [(r.status, r.old, r.new) for r in changed] == [("modified", ("OP4",), ("OP4",)),
                                                          ("modified", ("OP7",), ("OP7",))]
    op4, op7 = changed
    assert "lead-verb" in op4.tags and "strengthened" in op4.tags
    assert (op4.lead_old, op4.lead_new) == ("Encourage", "Encourage vivement")
    assert "dates" in op7.tags
    assert ("-", "onzième") in op7.diff and ("+", "douzième") in op7.diff  # whole words


def test_a_moved_page_break_is_no_change():
    blocks = _blocks(TEXT)
    notes = [b for b in blocks if b[:1] in "⁴⁵⁶"]
    blocks = [b for b in blocks if b not in notes]
    # put the page break in the middle of PP15 instead of PP12
    i = _pp_block(blocks, "Rappelant les 11 premiers sommets")
    head, _, tail = blocks[i].partition("et l'engagement pris")
    blocks[i:i + 1] = [head + "et", *notes, "l'engagement pris" + tail]
    i12 = _pp_block(blocks, "Se félicitant de l'adoption du Plan")
    blocks[i12:i12 + 2] = [blocks[i12] + " " + blocks[i12 + 1]]
    _, _, rows = _rows("\n\n".join(blocks))
    assert _changed(rows) == []


def test_all_edits_at_once_mirror():
    blocks = _blocks(TEXT)
    del blocks[_pp_block(blocks, "Notant avec satisfaction que les activités")]
    moved = blocks.pop(_op_index(blocks, 2))
    blocks.insert(_op_index(blocks, 20) + 1, moved)
    new = parse_text(_renumber(blocks).replace("*Encourage* le système", "*Encourage vivement* le système"),
                     source="edited.md")
    old = read(SEED)
    forward, backward = compare(old, new), compare(new, old)
    swap = {"added": "deleted", "deleted": "added", "split": "merged", "merged": "split"}
    assert sorted((swap.get(r["status"], r["status"]), r["new"], r["old"]) for r in backward["rows"]) == \
        sorted((r["status"], r["old"], r["new"]) for r in forward["rows"])


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "resodiff.cli", *args], capture_output=True, text=True,
                          cwd=ROOT / "tests")


def test_cli_json_and_text(tmp_path):
    edited = tmp_path / "edited.md"
    edited.write_text(TEXT.replace("4. *Encourage* le système", "4. *Encourage vivement* le système"),
                      encoding="utf-8")
    proc = _cli("compare", str(SEED), str(edited), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = conforms(json.loads(proc.stdout), "compare")
    assert set(data) == {"old", "new", "rows", "summary"}
    assert data["summary"]["modified"] == 1 and data["summary"]["unchanged"] == 45
    text = _cli("compare", str(SEED), str(edited)).stdout
    assert "modified  OP4 → OP4" in text and "lead: Encourage → Encourage vivement" in text
    assert text.rstrip().endswith("summary: 45 unchanged, 1 modified")


def test_cli_itself_is_all_unchanged():
    data = conforms(json.loads(_cli("compare", str(SEED), str(SEED), "--format", "json").stdout), "compare")
    assert {r["status"] for r in data["rows"]} == {"unchanged"} and len(data["rows"]) == 46


def test_cli_different_languages(tmp_path):
    english = tmp_path / "en.md"
    english.write_text("The General Assembly,\n\nRecalling its resolution 79/6 and all its previous "
                       "relevant resolutions,\n\n1. Welcomes the report of the Court;\n\n"
                       "2. Decides to include the item in the agenda of its eighty-first session.\n",
                       encoding="utf-8")
    proc = _cli("compare", str(SEED), str(english))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "different languages" in proc.stderr


@pytest.mark.parametrize("bad", ["missing.md", "empty.md"])
def test_cli_bad_input(tmp_path, bad):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    proc = _cli("compare", str(SEED), str(tmp_path / bad))
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_cli_markdown(tmp_path):
    edited = tmp_path / "edited.md"
    edited.write_text(TEXT.replace("4. *Encourage* le système", "4. *Encourage vivement* le système"),
                      encoding="utf-8")
    proc = _cli("compare", str(SEED), str(edited), "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert "**vivement**" in proc.stdout and "OP4" in proc.stdout


@pytest.mark.parametrize("width", [40, 52, 64, 80])
def test_french_punctuation_never_starts_a_line_of_compare(tmp_path, width):
    """compare's text output of a French pair follows French spacing (issue 18: a lone ";"
    wrapped onto its own line): a no-break space before ; : ? ! », after «, at every width."""
    from edited_seed import edited_seed_text

    edited = tmp_path / "edited.fr.md"
    edited.write_text(edited_seed_text(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "resodiff.cli", "compare", "--all", str(SEED), str(edited)],
                          capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": str(width)})
    lines = done.stdout.splitlines()
    assert len(lines) > 200
    assert not [ln for ln in lines if re.match(r"\s*[;:?!»]", ln)]
    assert not [ln for ln in lines if ln.rstrip().endswith("«")]
    assert "\u202f;" in done.stdout  # typeset, not merely wrapped elsewhere
