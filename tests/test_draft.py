"""The next session's draft (resodiff/draft.py) of the seed and of small texts made to test one rule.

The seed's skeleton for the 77th session is pinned (tests/test_draft/) and read line by line; the
must-show checks of issue 6 are asserted here as well, so that a re-pinned file cannot hide them.
"""

from __future__ import annotations

import re

import pytest

from resodiff.draft import build
from resodiff.draft_render import render_text
from resodiff.errors import DraftError
from resodiff.languages import profile
from resodiff.readers import read
from resodiff.readers.text import parse_text

from conftest import SEED


@pytest.fixture(scope="module")
def seed_draft():
    return build(read(SEED))


@pytest.fixture(scope="module")
def seed_md(seed_draft):
    """The Markdown draft with French non-breaking spaces read as spaces (the typography is
    checked on its own in test_draft_roundtrip.py)."""
    return render_text(seed_draft, "md").replace("\u202f", " ").replace("\u00a0", " ")


def _para(text: str, start: str) -> str:
    """The rendered paragraph (one line) that starts with ``start``."""
    lines = [ln for ln in text.splitlines() if ln.startswith(start)]
    assert len(lines) == 1, (start, lines)
    return lines[0]


# ---- the seed, A/RES/75/15, rolled to the 77th session ------------------------------------


def test_seed_skeleton_is_pinned(seed_md, file_regression):
    file_regression.check(seed_md, basename="seed_77", extension=".md")


def test_seed_text_skeleton_is_pinned(seed_draft, file_regression):
    file_regression.check(render_text(seed_draft, "text"), basename="seed_77", extension=".txt")


def test_seed_header(seed_draft, seed_md):
    assert (seed_draft.session, seed_draft.period, seed_draft.next_session) == (77, 2, 79)
    head = seed_md.split("L'Assemblée générale,")[0].splitlines()
    assert "Soixante-dix-septième session" in head
    assert "A/77/L.__" in head and "Distr. limitée" in head and "Point __ de l'ordre du jour" in head
    assert ("**Coopération entre l'Organisation des Nations Unies et l'Association des nations "
            "de l'Asie du Sud-Est**") in head  # the title unchanged


def test_seed_closing_paragraphs_name_the_79th_session(seed_draft, seed_md):
    for pid in ("OP27", "OP28"):
        text = next(p.text for p in seed_draft.operative if p.id == pid)
        assert "sa soixante-dix-neuvième session" in text
        assert "soixante-dix-septième" not in text
    assert "à sa soixante-dix-neuvième session, un rapport" in _para(seed_md, "27. ")
    assert "provisoire de sa soixante-dix-neuvième session" in _para(seed_md, "28. ")


def test_seed_footnote_3_gets_75_15(seed_draft, seed_md):
    note = {f.number: f.text for f in seed_draft.footnotes}["3"]
    assert note == ("Résolutions 57/35, 59/5, 61/46, 63/35, 65/235, 67/110, 69/110, 71/255, "
                    "73/259 et 75/15.")
    assert _para(seed_md, "[^3]: ").endswith("73/259 et 75/15.")
    assert "- alinéa 4 du préambule, note 3 : 71/255 et 73/259 → 71/255, 73/259 et 75/15" in seed_md


@pytest.mark.parametrize("pid, name, start, reasons, tail", [
    ("PP5", "alinéa 5 du préambule", "*Rappelant également* le cinquantième",
     ["« cinquantième anniversaire »", "année 2017"], ","),
    ("PP6", "alinéa 6 du préambule", "*Soulignant* que 2020", ["année 2020", "« soixante-quinzième anniversaire »"], ","),
    ("PP14", "alinéa 14 du préambule", "*Se félicitant* de l'exposé", ["date 30 janvier 2020"], ","),
    ("OP7", "paragraphe 7", "7. ", ["date 15 novembre 2020", "« onzième Sommet »"], " ;"),
    ("OP24", "paragraphe 24", "24. ", ["période achevée (2016-2020)"], " ;"),
])
def test_seed_flags_with_reasons(seed_draft, seed_md, pid, name, start, reasons, tail):
    para = next(p for p in seed_draft.paragraphs if p.id == pid)
    assert list(para.reasons) == reasons
    marker = "[À ACTUALISER : " + " ; ".join(reasons) + "]"
    assert para.marker == marker
    assert para.tail == tail
    # Visible at the end of the paragraph, before its final punctuation (which it keeps) ...
    assert _para(seed_md, start).endswith(" " + marker + tail)
    # ... and in the list after the draft's marked end, the paragraph named in French.
    notes = seed_md.split("## Notes de rédaction (hors texte du projet)")[1]
    assert f"- {name} : {' ; '.join(reasons)}" in notes.splitlines()


def test_seed_flags_leave_the_text_unchanged(seed_draft):
    original = {p.id: p.text for p in read(SEED).paragraphs}
    changed = {p.id for p in seed_draft.paragraphs if p.text != original[p.id]}
    assert changed == {"OP27", "OP28"}  # only the session rolled; flagged text is never edited


def test_seed_report_paragraph_gets_a_placeholder(seed_draft):
    pp10 = next(p for p in seed_draft.preamble if p.id == "PP10")
    assert pp10.text == "Prenant acte du rapport du Secrétaire général,"
    assert {f.number: f.text for f in seed_draft.footnotes}["6"] == "Voir A/77/___-S/____/___, sect. II."


def test_seed_history_is_not_flagged(seed_draft):
    flagged = {f.id for f in seed_draft.flagged}
    # Dates older than the series' last two periods are history: 1967, 2008, 2011 (with its
    # "quatrième sommet"), 2015; future years ("à l'horizon 2025", "2030") are targets.
    assert not flagged & {"PP1", "PP2", "PP16", "PP18", "OP2", "OP3", "OP4"}
    assert "OP3" not in flagged


def test_seed_footnote_calls_stay_where_they_were(seed_draft):
    pp1 = seed_draft.preamble[0]
    texts = [s.text for s in pp1.segments]
    call = next(i for i, s in enumerate(pp1.segments) if s.footnote == "1")
    assert texts[call - 1].endswith("Bangkok du 8 août 1967") and texts[call + 1].startswith(", en particulier")
    assert pp1.segments[0].lead and pp1.segments[0].text == "Rappelant"


def test_session_override(seed_draft):
    draft = build(read(SEED), session=76)
    assert draft.session_line == "Soixante-seizième session" and draft.symbol == "A/76/L.__"
    assert draft.period == 2 and draft.next_session == 78  # the series' period is the text's own
    assert "sa soixante-dix-huitième session" in draft.operative[-1].text


def test_session_must_come_after_the_text():
    with pytest.raises(DraftError, match=r"--session 75 is not after"):
        build(read(SEED), session=75)


def test_no_next_session_needs_session(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("27. *Prie*")] + "\n\n30^e séance plénière\n23 novembre 2020"
    res = parse_text(cut, source="cut.md")
    with pytest.raises(DraftError, match="give --session N"):
        build(res)
    draft = build(res, session=77)
    assert (draft.period, draft.next_session) == (2, 79)


def test_flag_and_rollover_words_come_from_the_profiles():
    for code, marker, session_77 in (("fr", "[À ACTUALISER : ", "Soixante-dix-septième session"),
                                     ("en", "[TO UPDATE: ", "Seventy-seventh session"),
                                     ("es", "[POR ACTUALIZAR: ", "Septuagésimo séptimo período de sesiones")):
        prof = profile(code)
        assert prof.draft.flag.format(reasons="x").startswith(marker)
        assert prof.draft.session_line.format(ordinal=prof.ordinal(77, capital=True)) == session_77
    assert profile("es").ordinal(81) == "octogésimo primer"  # before "período": apocope
    assert profile("fr").format_date("2025-12-01") == "1er décembre 2025"
    assert profile("en").format_date("2025-11-11") == "11 November 2025"
    assert profile("es").format_date("2025-12-01") == "1 de diciembre de 2025"


# ---- rules, each on a small text ----------------------------------------------------------

EN_HEAD = """General Assembly

Distr.: General
3 December 2025

Eightieth session

Agenda item 99

Resolution adopted by the General Assembly on 1 December 2025

80/99. Testing the rollover

The General Assembly,

"""
EN_TAIL = """

1. Decides to include in the provisional agenda of its eighty-first session the item entitled "Testing the rollover".

52nd plenary meeting
1 December 2025
"""


def _en(*preamble: str):
    return build(parse_text(EN_HEAD + "\n\n".join(preamble) + EN_TAIL, source="t.md", language="en"))


def _pp(draft, k: int) -> str:
    return draft.preamble[k - 1].text


def test_a_list_ending_with_the_previous_member_gets_the_current_one():
    d = _en("Recalling its resolutions 77/5 of 7 December 2022, 78/5 of 4 December 2023 and 79/5 of 2 December 2024,")
    assert _pp(d, 1) == ("Recalling its resolutions 77/5 of 7 December 2022, 78/5 of 4 December 2023, "
                         "79/5 of 2 December 2024 and 80/99 of 1 December 2025,")


def test_the_previous_member_alone_is_moved_on():
    d = _en("Recalling its resolution 79/5 of 2 December 2024 and all its previous relevant resolutions,")
    assert _pp(d, 1) == "Recalling its resolution 80/99 of 1 December 2025 and all its previous relevant resolutions,"
    assert next(c.line for c in d.changes) == "PP1: 79/5 of 2 December 2024 → 80/99 of 1 December 2025"


def test_another_topic_is_left_alone_and_flagged():
    d = _en("Recalling its resolution 79/1 of 22 September 2024, entitled “The Pact for the Future”, and all its previous relevant resolutions,")
    assert "79/1 of 22 September 2024" in _pp(d, 1)
    assert d.preamble[0].reasons == ("recent resolution (79/1)",)


def test_another_series_list_is_left_alone():
    # The series is the one named by the title; a list of another subject ending in the same
    # session is not extended.
    d = _en("Recalling its resolutions 78/5 and 79/5 on testing the rollover,",
            "Recalling also its resolutions 78/27 and 79/47 on another subject,")
    assert _pp(d, 1) == "Recalling its resolutions 78/5, 79/5 and 80/99 on testing the rollover,"
    assert _pp(d, 2) == "Recalling also its resolutions 78/27 and 79/47 on another subject,"


def test_a_list_with_a_gap_is_extended_only_where_it_names_the_series():
    d = _en("Recalling its resolutions 70/60 and 79/5 entitled “Testing the rollover”,",
            "Recalling also its resolutions 77/325 and 79/313 on wildlife,")
    assert _pp(d, 1) == "Recalling its resolutions 70/60, 79/5 and 80/99 entitled “Testing the rollover”,"
    assert "and 80/99" not in _pp(d, 2)


def test_time_window_of_the_flags():
    # Annual series, current session 80 (2025), draft for 81 (2026): years 2023 to 2026.
    d = _en("Noting the meetings held on 3 May 2022 and 4 May 2023, and the plan (2021-2025), the plan (2026-2030) "
            "and the targets for 2030, and the events of 2027,")
    assert d.preamble[0].reasons == ("date 4 May 2023", "ended period (2021-2025)")


def test_numbered_events_and_anniversaries():
    d = _en("Welcoming the twelfth Summit, held in 2025, the fourth Conference, held in 1995, and the tenth anniversary of the Agreement,")
    assert d.preamble[0].reasons == ("“twelfth Summit”", "year 2025", "“tenth anniversary”")


def test_spanish_skeleton():
    text = """Asamblea General

Distr. general
3 de diciembre de 2025

Octogésimo período de sesiones

Tema 99 del programa

Resolución aprobada por la Asamblea General el 1 de diciembre de 2025

80/99. Título de prueba

La Asamblea General,

Recordando su resolución 79/99, de 2 de diciembre de 2024, y todas sus resoluciones anteriores,

1. Decide incluir en el programa provisional de su octogésimo primer período de sesiones el tema titulado "Título de prueba".
"""
    d = build(parse_text(text, source="es.md"))
    assert d.session_line == "Octogésimo primer período de sesiones"
    assert _pp(d, 1) == "Recordando su resolución 80/99, de 1 de diciembre de 2025, y todas sus resoluciones anteriores,"
    assert "su octogésimo segundo período de sesiones" in d.operative[0].text
    md = render_text(d, "md")
    assert "Distr. limitada" in md and "A/81/L.__" in md


def test_markdown_and_text_read_back_as_the_same_resolution(seed_draft):
    """Without its markers and lists, the skeleton is a resolution text resodiff reads back whole."""
    for fmt in ("md", "text"):
        body = render_text(seed_draft, fmt)
        body = re.split(r"\n---\n|\nPoints à actualiser\n", body)[0]  # the lists are no resolution text
        body = re.sub(r" \[À ACTUALISER : [^\]]*\]", "", body)
        back = parse_text(body, source=f"draft.{fmt}")
        assert [p.id for p in back.paragraphs] == [p.id for p in seed_draft.paragraphs]
        assert back.session == 77
        assert dict(back.footnotes) == {f.number: f.text for f in seed_draft.footnotes}
        for mine, theirs in zip(seed_draft.paragraphs, back.paragraphs):
            assert (theirs.text, theirs.lead, theirs.footnotes) == (mine.text, mine.lead, mine.footnotes), mine.id
