"""The drafter's round trip: source -> draft (md, txt, docx) -> read back -> compare with the source.

A draft must read back as the text it came from: the same preambular and operative paragraphs,
sub-paragraphs and footnotes under the same ids, its flags taken out as annotations (not text),
its own lists of points to update left out (they follow a marked end), and ``compare`` of the
source with its draft shows only the technical updates, as modified rows - never a merge, a
split or a stray paragraph. What each round trip gives is pinned
(tests/test_draft_roundtrip/), and French typography is checked over every French output.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from resodiff.align import align
from resodiff.commands.draft import with_front_matter
from resodiff.draft import build
from resodiff.draft_render import render
from resodiff.readers import read, read_bytes
from resodiff.tracked import tracked_draft

from conftest import CORPUS, SEED

GA80 = CORPUS / "ga-80"
SOURCES = {
    "seed": SEED,
    "80_6": GA80 / "A_RES_80_6.md",
    "80_13": GA80 / "A_RES_80_13.md",
    "80_12": GA80 / "A_RES_80_12.md",
    "80_4": GA80 / "A_RES_80_4.md",
    "malaria_63_234": CORPUS / "malaria-series" / "A_RES_63_234.partial.md",
}
FORMATS = {"md": "md", "txt": "text", "docx": "docx"}


def _walk(paras):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)


def _source(name: str):
    path = SOURCES[name]
    if not path.is_file():
        pytest.skip(f"{path} is absent: real-document tests skipped")
    return with_front_matter(read(path), str(path))


def _shape(res) -> dict:
    return {
        "counts": [len(res.preamble), len(res.operative), len(res.footnotes)],
        "ids": [p.id for p in _walk(res.paragraphs)],
        "footnotes": [n for n, _ in res.footnotes],
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name", list(SOURCES))
def test_a_draft_reads_back_as_its_source(name, fmt, data_regression):
    source = _source(name)
    draft = build(source)
    back = read_bytes(render(draft, FORMATS[fmt]), f"draft.{fmt}")

    assert _shape(back) == _shape(source)  # the same paragraphs, sub-paragraphs and footnotes
    flagged = {p.id for p in _walk(draft.paragraphs) if p.marker}
    # Word carries flags as comments, the others as markers: either way read as annotations.
    assert {p.id for p in _walk(back.paragraphs) if p.annotations} == flagged
    for mine, theirs in zip(_walk(draft.paragraphs), _walk(back.paragraphs)):
        assert theirs.text == mine.text, mine.id  # no marker left in the text, no character lost
        assert "ACTUALISER" not in theirs.text and "TO UPDATE" not in theirs.text

    rows = align(source, back)
    statuses = {r.status for r in rows}
    assert statuses <= {"unchanged", "modified"}, statuses  # no merge, split, added or deleted
    for r in rows:
        assert r.old == r.new  # each paragraph is paired with itself
    changed = [{"id": r.old[0], "tags": list(r.tags)} for r in rows if r.status == "modified"]
    data_regression.check({**_shape(back), "modified": changed,
                           "flagged": sorted(flagged, key=[p.id for p in _walk(back.paragraphs)].index),
                           "notes": [n for n in back.notes if not n.startswith("named ")]},
                          basename=f"{name}_{fmt}")


def test_the_seed_draft_flags_pp6_and_keeps_its_comma():
    source = read(SEED)
    draft = build(source)
    pp6 = next(p for p in draft.preamble if p.id == "PP6")
    assert pp6.reasons == ("année 2020", "« soixante-quinzième anniversaire »")
    md = render(draft, "md").decode()
    line = next(ln for ln in md.splitlines() if ln.startswith("*Soulignant* que 2020"))
    assert line.endswith("sous-régionales [À ACTUALISER\u00a0: année 2020\u202f; «\u202fsoixante-quinzième anniversaire\u202f»],")
    back = read_bytes(md.encode(), "draft.md")
    assert back.paragraph("PP6").annotations == ("année 2020 ; « soixante-quinzième anniversaire »",)
    assert back.paragraph("PP6").text.endswith("sous-régionales,")


# ---- French typography in every French output ----------------------------------------------

_BAD_SPACE = re.compile(r" [;:?!»]|« ")  # a plain space where French wants a non-breaking one


def _docx_texts(data: bytes) -> list[str]:
    """Every paragraph of every text part of a .docx (body, footnotes, comments), runs joined."""
    out = []
    with zipfile.ZipFile(BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "rels" not in name:
                xml = z.read(name).decode()
                for para in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
                    out.append("".join(re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)</w:(?:t|delText)>", para)))
    return out


def _french_outputs(tmp_path: Path) -> dict[str, list[str]]:
    source = read(SEED)
    draft = build(source)
    outputs = {fmt: render(draft, fmt).decode().splitlines() for fmt in ("md", "text")}
    outputs["docx"] = _docx_texts(render(draft, "docx"))
    outputs["tracked"] = _docx_texts(tracked_draft(SEED, source, draft))
    return outputs


def test_no_plain_space_before_french_punctuation_in_any_output(tmp_path):
    for fmt, lines in _french_outputs(tmp_path).items():
        bad = [ln for ln in lines if _BAD_SPACE.search(ln)]
        assert bad == [], (fmt, bad[:3])
        assert any("\u202f;" in ln for ln in lines), fmt  # and the spaces are there
        if fmt != "tracked":  # the tracked file adds only a few words of resodiff's own
            assert any("\u00a0:" in ln for ln in lines), fmt


def test_apostrophes_follow_the_source():
    source = read(SEED)  # straight apostrophes throughout
    straight = render(build(source), "md").decode()
    assert "’" not in straight and "L'Assemblée générale," in straight
    curly_text = SEED.read_text(encoding="utf-8").replace("'", "’")
    curly = render(build(read_bytes(curly_text.encode(), "curly.md")), "md").decode()
    assert "L’Assemblée générale," in curly and "Point __ de l’ordre du jour" in curly
    assert "'" not in curly


def test_word_drafts_are_tagged_with_their_language():
    fr = render(build(read(SEED)), "docx")
    with zipfile.ZipFile(BytesIO(fr)) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:lang w:val="fr-FR"' in styles and "en-US" not in styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    path = GA80 / "A_RES_80_6.md"
    if path.is_file():
        with zipfile.ZipFile(BytesIO(render(build(read(path)), "docx"))) as z:
            assert 'w:lang w:val="en-US"' in z.read("word/styles.xml").decode()
