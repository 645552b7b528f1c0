"""Drafts of English resolutions from ../shared/corpus/en/ga-80: annual, biennial and triennial series.

Each skeleton is pinned (tests/test_draft_corpus/) and its must-show points asserted here.
"""

from __future__ import annotations

import re

import pytest

from resodiff.draft import build
from resodiff.draft_render import render_text
from resodiff.readers import read

from conftest import CORPUS, needs_shared

pytestmark = needs_shared
GA80 = CORPUS / "ga-80"


def _draft(n: int, **kw):
    return build(read(GA80 / f"A_RES_80_{n}.md"), **kw)


def _text(draft, pid: str) -> str:
    return next(p.text for p in draft.paragraphs if p.id == pid)


@pytest.mark.parametrize("n", [6, 13, 12, 4])
def test_pinned(n, file_regression):
    file_regression.check(render_text(_draft(n), "md"), basename=f"draft_of_80_{n}", extension=".md")


def test_80_6_annual():
    d = _draft(6)
    assert (d.session, d.period, d.next_session) == (81, 1, 82)
    assert d.session_line == "Eighty-first session" and d.symbol == "A/81/L.__"
    assert _text(d, "PP1") == "Recalling its resolution 80/6 of 11 November 2025 and all its previous relevant resolutions,"
    assert _text(d, "OP32").endswith("for consideration by the General Assembly at its eighty-second session.")
    for pid in ("OP13", "OP20", "OP32"):  # every mention of the next session moves with it
        assert "eighty-first" not in _text(d, pid) and "its eighty-second session" in _text(d, pid)
    reasons = {f.id: f.reasons for f in d.flagged}
    assert "ended period (2025/26)" in reasons["OP32"]  # "a report on its activities for 2025/26"
    assert "date 7 to 17 December 2026" in reasons["OP30"]
    assert {f.number: f.text for f in d.footnotes}["8"] == "A/81/___."  # the report of the Secretary-General


def test_80_13_every_two_years():
    d = _draft(13)
    assert (d.session, d.period, d.next_session) == (82, 2, 84)
    assert d.session_line == "Eighty-second session"
    assert "its eighty-fourth session" in _text(d, "OP3") and "its eighty-fourth session" in _text(d, "OP5")
    assert _text(d, "PP1").endswith("76/17 of 6 December 2021, 78/13 of 4 December 2023 and "
                                    "80/13 of 1 December 2025 and other relevant resolutions,")


def test_80_12_every_three_years():
    d = _draft(12)
    assert (d.session, d.period, d.next_session) == (83, 3, 86)
    assert d.session_line == "Eighty-third session"
    assert "provisional agenda of its eighty-sixth session" in _text(d, "OP10")
    assert "eighty-third" not in _text(d, "OP10")
    assert "74/24 of 12 December 2019, 77/33 of 7 December 2022 and 80/12 of 1 December 2025 on objective" in _text(d, "PP1")


def test_80_4_thirty_recalled_resolutions():
    before = read(GA80 / "A_RES_80_4.md").paragraph("PP6").text
    d = _draft(4)
    after = _text(d, "PP6")
    item = r"\d+/\d+ of \d{1,2} [A-Z][a-z]+ \d{4}"
    old_items, new_items = re.findall(item, before), re.findall(item, after)
    assert len(old_items) >= 30 and old_items[-2:] == ["79/7 of 30 October 2024", "76/563 of 11 May 2022"]
    assert new_items == old_items[:-1] + ["80/4 of 29 October 2025", old_items[-1]]  # nothing lost, one added
    assert "78/7 of 2 November 2023, 79/7 of 30 October 2024 and 80/4 of 29 October 2025 and its decision 76/563" in after
    assert _text(d, "PP8").startswith("Concerned that, since the adoption of its resolutions 47/19,")
    assert "78/7, 79/7 and 80/4, the economic" in _text(d, "PP8")
    assert "its eighty-second session" in _text(d, "OP4") and "its eighty-second session" in _text(d, "OP5")
    assert {f.id: f.reasons for f in d.flagged}["OP1"] == ("previous resolution (79/7)", "report symbol to complete (A/81/___)")


def test_only_the_series_list_is_extended():
    # 80/24 recalls its own series (PP1) and another annual series (PP27, 78/27 and 79/47).
    d = _draft(24)
    assert "79/50 of 2 December 2024 and 80/24 of 1 December 2025" in _text(d, "PP1")
    assert "80/24" not in _text(d, "PP27")


def test_a_series_with_a_gap_named_by_its_title():
    # 80/47: "70/60 of 7 December 2015 and 78/39 of 4 December 2023 entitled “<title>”".
    assert "78/39 of 4 December 2023 and 80/47 of 1 December 2025 entitled" in _text(_draft(47), "PP1")


# ---- what benchmarks/rollover.py found against the texts the Assembly adopted next --------------

GA72 = CORPUS / "ga-72-partial"
MALARIA = CORPUS / "malaria-series"


def _fragment(path, **kw):
    from resodiff.commands.draft import with_front_matter

    return build(with_front_matter(read(path), str(path)), **kw)


def test_the_texts_own_session_named_in_full_is_rolled_to_the_drafts():
    """"the official records of the seventy-second session of the General Assembly" (72 -> 80/66)."""
    draft = _fragment(GA72 / "N1741992.partial.md", session=80)
    assert "the eightieth session of the General Assembly" in _text(draft, "OP9")
    assert "seventy-second session of the General Assembly" not in _text(draft, "OP9")


def test_a_period_guessed_from_the_text_alone_is_flagged():
    """55/284 names the 57th session (two years on); the Assembly came back at the 58th. With
    no recall of the previous member to confirm the period, the rolled session is flagged."""
    draft = _fragment(MALARIA / "A_RES_55_284.partial.md")
    op9 = next(p for p in draft.operative if p.id == "OP9")
    assert "its fifty-ninth session" in op9.text
    assert any(f.kind == "rolled" and f.text == "fifty-ninth" for f in op9.flags)
    # A recall of the previous member confirms it: 80/6 recalls 79/6, nothing flagged there.
    assert not any(f.kind == "rolled" for p in _draft(6).paragraphs for f in p.flags)


def test_a_report_the_text_asks_for_no_more_keeps_its_symbol():
    """72's outer-space text takes note of A/72/65 and Add.1 but asks for no new report: 80/44
    keeps them, so the draft keeps them too (flagged), instead of A/80/___."""
    draft = _fragment(GA72 / "N1741898.partial.md", session=80)
    op8 = next(p for p in draft.operative if p.id == "OP8")
    assert "A/72/65 and A/72/65/Add.1" in op8.text and "___" not in op8.text
    assert [f.kind for f in op8.flags] == ["document", "document"]
    # A report asked for every year still gets its placeholder (80/12: "annual report").
    assert {f.number: f.text for f in _draft(12).footnotes}["5"] == "A/83/___."


def test_a_near_target_year_is_flagged():
    """"by 2010" in 62/180 (2007): the Assembly moved the target to 2015 in 63/234."""
    draft = _fragment(MALARIA / "A_RES_62_180.partial.md")
    assert "target year 2010 ahead" in next(p for p in draft.operative if p.id == "OP8").reasons
