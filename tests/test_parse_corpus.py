"""The real English documents in ../shared/corpus: counts against hand-counted truth.

tests/data/ga80_truth_part*.tsv were counted by reading the 70 documents, not by running the
parser; the parser must agree with them.
"""

from __future__ import annotations

import csv
import re

import pytest

from resodiff.model import walk
from resodiff.readers import read

from conftest import CORPUS, DATA, needs_shared
from contracts import conforms

pytestmark = needs_shared

TRUTH = [row for part in sorted(DATA.glob("ga80_truth_part*.tsv"))
         for row in csv.DictReader(part.open(encoding="utf-8"), delimiter="\t")]
# Known limits, each a real defect of the extraction the parser does not repair (yet):
KNOWN = {
    # five sub-paragraphs of a preambular paragraph lost their labels (a)-(e) and read as PPs
    ("A_RES_80_34.md", "pp"): "sub-paragraph labels stripped by the extraction",
}
# Sub-paragraphs whose labels the extraction stripped cannot be counted from the text.
UNLABELLED_SUBS = {"A_RES_80_11.md", "A_RES_80_12.md", "A_RES_80_34.md"}
# Footnotes that belong to the annex, not to the resolution's own paragraphs.
ANNEX_FOOTNOTES = {"A_RES_80_3.md", "A_RES_80_5.md", "A_RES_80_9.md"}
PINNED = ["A_RES_80_1.md", "A_RES_80_3.md", "A_RES_80_4.md", "A_RES_80_6.md", "A_RES_80_7.md",
          "A_RES_80_13.md", "A_RES_80_16.md", "A_RES_80_23.md", "A_RES_80_30.md", "A_RES_80_37.md",
          "A_RES_80_54.md", "A_RES_80_57.md", "A_RES_80_59.md"]


def test_truth_covers_all_70():
    assert len(TRUTH) == 70
    assert {r["file"] for r in TRUTH} == {p.name for p in (CORPUS / "ga-80").glob("*.md")}


def _param(row, what):
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[(row["file"], what)])] if (row["file"], what) in KNOWN else []
    return pytest.param(row, id=row["file"], marks=marks)


@pytest.fixture(scope="module")
def parsed():
    return {r["file"]: read(CORPUS / "ga-80" / r["file"]) for r in TRUTH}


@pytest.mark.parametrize("row", [_param(r, "pp") for r in TRUTH])
def test_preamble_count(row, parsed):
    assert len(parsed[row["file"]].preamble) == int(row["pp"])


@pytest.mark.parametrize("row", [_param(r, "op") for r in TRUTH])
def test_operative_count(row, parsed):
    numbered = [p for p in parsed[row["file"]].operative if p.number]
    assert len(numbered) == int(row["op"])
    if row["last_op"] not in ("-", ""):
        assert numbered[-1].number == row["last_op"].split(".")[-1]


@pytest.mark.parametrize("row", [_param(r, "fn") for r in TRUTH])
def test_footnote_count(row, parsed):
    assert len(parsed[row["file"]].footnotes) == int(row["fn"])


@pytest.mark.parametrize("row", [r for r in TRUTH if r["file"] not in UNLABELLED_SUBS], ids=lambda r: r["file"])
def test_subparagraph_count(row, parsed):
    res = parsed[row["file"]]
    assert sum(len(list(walk(p.subparagraphs))) for p in res.paragraphs) == int(row["subs"])


def test_footnotes_anchored(parsed):
    """Nearly every footnote is tied to a paragraph, each at most once."""
    total = anchored = 0
    for name, res in parsed.items():
        if name in ANNEX_FOOTNOTES:
            continue
        marks = [n for p in res.paragraphs for n in p.all_footnotes()]
        assert len(marks) == len(set(marks)), name
        total += len(res.footnotes)
        anchored += len(set(marks) & {n for n, _ in res.footnotes})
    assert anchored / total >= 0.97, f"{anchored}/{total}"


def _texts(res):
    for p in res.paragraphs:
        yield p.id, p.text
        for s in walk(p.subparagraphs):
            yield s.id, s.text


@pytest.mark.parametrize("row", TRUTH, ids=lambda r: r["file"])
def test_no_noise_left(row, parsed):
    res = parsed[row["file"]]
    raw = (CORPUS / "ga-80" / row["file"]).read_text(encoding="utf-8")
    body = raw.split("The General Assembly", 1)[-1].split("\n---\n", 1)[0].splitlines()
    texts = list(_texts(res))
    for header in re.findall(r'running header "([^"]+)"', row["noise"]):
        # the title may be quoted in a paragraph; it must not survive as a line of its own
        in_text = sum(line.count(header) for line in body if line.strip() != header)
        assert sum(t.count(header) for _, t in texts) == in_text, header
    for pid, text in texts:
        assert "[^" not in text, pid
        assert not re.search(r"\b\d{2}-\d{5}\b|\*\d{7}\*", text), pid
        assert not re.search(r"[a-z][,;]\d{1,2}(?:\s|$)", text), (pid, text)  # glued footnote digit


@pytest.mark.parametrize("name", PINNED)
def test_pinned(name, parsed, data_regression):
    data_regression.check(conforms(parsed[name].to_json(), "resolution"))


def test_what_the_pins_show_that_may_surprise(parsed):
    """Read against the sources when re-checking the pins: right, though they look wrong."""
    # 80/23 OP2 opens "Pending the total elimination of nuclear weapons, urges ...": the lead is
    # what a paragraph opens with (the contract), so it is null, not "urges" (pinned so).
    op2 = parsed["A_RES_80_23.md"].paragraph("OP2")
    assert op2 is not None and op2.lead is None and op2.text.startswith("Pending the total elimination")
    # 80/1's Distr. line has no date ("Distr.: General"): issued is null, not guessed.
    assert parsed["A_RES_80_1.md"].issued is None
    # 80/3's 16 footnotes belong to its annex (the Awaza Declaration), which is not parsed: no
    # paragraph of the resolution carries them (pinned with every "footnotes" list empty).
    assert not any(p.all_footnotes() for p in parsed["A_RES_80_3.md"].paragraphs)
    assert len(parsed["A_RES_80_3.md"].footnotes) == 16
    # 80/57's OP4 stands after the footnotes in the extraction; it is read back into place.
    assert parsed["A_RES_80_57.md"].operative[-1].text.startswith("Decides to include in the provisional agenda")
    assert "Decides to include" not in dict(parsed["A_RES_80_57.md"].footnotes)["3"]


def test_every_text_conforms_to_the_parse_schema(parsed):
    for res in parsed.values():
        conforms(res.to_json(), "resolution")


def test_title_cut_short_is_completed(parsed):
    assert parsed["A_RES_80_4.md"].title == ("Necessity of ending the economic, commercial and financial embargo "
                                             "imposed by the United States of America against Cuba")
    # the front matter of 80/52 names another resolution: the body wins
    assert parsed["A_RES_80_52.md"].title == "Implementation of the Convention on Cluster Munitions"


def test_text_pushed_into_footnotes_is_restored(parsed):
    r57 = parsed["A_RES_80_57.md"]
    assert r57.paragraph("OP4").text.startswith("Decides to include in the provisional agenda of its eighty-first session")
    assert r57.footnote("3") == "A/79/88."
    assert r57.meeting == 52
    r59 = parsed["A_RES_80_59.md"]
    assert r59.paragraph("PP6").text.endswith(",") and "1653 (XVI)" in r59.paragraph("PP6").text
    assert [p.id for p in r59.operative] == ["OP1", "OP2"]


def test_bogus_footnote_numbers_join_their_footnote(parsed):
    assert parsed["A_RES_80_6.md"].footnote("9").endswith("1 August 2012–31 July 2013 (S/INF/68).")
    assert parsed["A_RES_80_18.md"].footnote("2").endswith("7 February 1984.")


def test_lost_operative_number_is_inferred(parsed):
    r3 = parsed["A_RES_80_3.md"]
    assert [p.id for p in r3.operative] == ["OP1", "OP2"]
    assert r3.paragraph("OP2").number == "2"
    assert r3.paragraph("OP2").lead == "Expresses its profound gratitude"


def test_right_to_development_draft():
    res = read(CORPUS / "drafts" / "right-to-development-56th-draft.txt")
    assert res.session == 56 and res.agenda_item == "119 (b)" and res.title == "The right to development"
    assert len(res.preamble) == 14
    assert [p.number for p in res.operative] == [str(n) for n in range(1, 26)]
    assert [s.id for s in res.paragraph("OP5").subparagraphs] == [f"OP5({c})" for c in "abcdef"]
    assert res.paragraph("OP5(c)").text == ("The views of concerned international organizations and agencies "
                                           "and relevant regional institutions and actors;")
    assert res.paragraph("OP23").lead == "Notes also"
    for pid, text in _texts(res):
        assert "0166657" not in text and "01-66657" not in text, pid


@pytest.mark.parametrize("path", sorted((CORPUS / "ga-72-partial").glob("*.md")) + sorted((CORPUS / "malaria-series").glob("*.md")),
                         ids=lambda p: p.name)
def test_fragments_keep_printed_numbers(path):
    raw = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    printed = list(dict.fromkeys(re.findall(r"(?m)^(\d{1,3})\.\s+[A-Z]", raw)))
    res = read(path)
    assert res.preamble == ()
    assert [p.number for p in res.operative] == printed
    assert len({p.id for p in res.operative}) == len(res.operative)
