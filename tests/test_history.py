"""Series and lineages (resodiff/history.py) on hand-built texts and the bundled seed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from resodiff.errors import SeriesError
from resodiff.history import (Document, Series, blame, find_series, group_series, history, order_versions,
                              pick_series, recalled, title_key)
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution
from resodiff.readers import read

from conftest import ROOT, SEED


def op(n, text):
    return Paragraph(f"OP{n}", OPERATIVE, text, number=str(n))


def version(symbol, session, operative, language="en"):
    return Resolution(language, (), tuple(op(n, t) for n, t in enumerate(operative, 1)), symbol=symbol,
                      session=session, source=symbol.replace("/", "_") + ".md")


# ---- the recall footnote and series --------------------------------------------------------------

def test_the_seed_recall_footnote_names_the_members_of_series_toml():
    manifest = tomllib.loads((ROOT / "corpus" / "series.toml").read_text(encoding="utf-8"))
    earlier = [m["symbol"] for m in manifest["member"] if not m["text"]]
    res = read(SEED)
    assert list(recalled(res)) == earlier
    doc = Document(SEED, res.language, res.symbol, res.session, res.title, recalls=recalled(res))
    (series,) = group_series([doc])
    assert series.title == manifest["series"]["title"]
    assert [m.symbol for m in series.members] == ["A/RES/75/15"]
    assert list(series.missing) == earlier


def test_recall_ignores_other_footnotes_and_symbols():
    pre = (
        Paragraph("PP1", PREAMBLE, "Recalling the Final Document of the Tenth Special Session of the General Assembly,",
                  lead="Recalling", footnotes=("1",)),
        Paragraph("PP2", PREAMBLE, "Recalling also its previous resolutions on the question,", lead="Recalling also",
                  footnotes=("2",)),
        Paragraph("PP3", PREAMBLE, "Taking note of the report of the Secretary-General and its resolutions,",
                  lead="Taking note", footnotes=("3",)),
    )
    notes = (("1", "Resolution S-10/2."), ("2", "Resolutions 70/12, ES-10/19, 72/30 and 79/4; see A/78/345."),
             ("3", "A/79/300; resolution 77/1."))
    res = Resolution("en", pre, (op(1, "Decides to remain seized of the matter."),), notes, symbol="A/RES/79/4", session=79)
    assert recalled(res) == ("A/RES/70/12", "A/RES/72/30")


def doc(symbol, title, recalls=(), language="en", paragraphs=3):
    session = int(symbol.split("/")[2])
    return Document(Path(f"/c/{symbol.replace('/', '_')}.{language}.md"), language, symbol, session, title,
                    recalls=tuple(recalls), paragraphs=paragraphs)


def test_group_series_by_title_and_by_recall_chain():
    docs = [
        doc("A/RES/77/12", "Cooperation between the United Nations and the Pacific Islands Forum",
            recalls=["A/RES/71/5", "A/RES/73/10", "A/RES/75/9"]),
        doc("A/RES/75/9", "Cooperation between the United Nations and the Pacific Islands Forum."),
        doc("A/RES/73/10", "Cooperation between the United Nations and the Pacific Islands Forum Secretariat"),  # retitled
        doc("A/RES/79/6", "COOPERATION BETWEEN THE UNITED NATIONS AND THE PACIFIC ISLANDS FORUM"),
        doc("A/RES/79/6", "Coopération entre l’Organisation des Nations Unies et le Forum des îles du Pacifique", language="fr"),
        doc("A/RES/77/30", "Oceans and the law of the sea"),
        doc("A/RES/77/12", "Cooperation between the United Nations and the Pacific Islands Forum", paragraphs=1),  # a second copy
    ]
    series = group_series(docs)
    forum = find_series(series, "pacific islands forum", language="en")
    assert [m.symbol for m in forum.members] == ["A/RES/73/10", "A/RES/75/9", "A/RES/77/12", "A/RES/79/6"]
    assert forum.members[2].paragraphs == 3  # of two copies of one symbol, the fuller one
    assert forum.missing == ("A/RES/71/5",)
    assert forum.title == "COOPERATION BETWEEN THE UNITED NATIONS AND THE PACIFIC ISLANDS FORUM"  # the newest's
    assert find_series(series, "79/6", language="fr").language == "fr"
    assert [m.symbol for m in find_series(series, "A/RES/77/30").members] == ["A/RES/77/30"]
    with pytest.raises(SeriesError, match="matches 2 series"):
        find_series(series, "79/6")
    with pytest.raises(SeriesError, match="no series titled"):
        find_series(series, "Decade to Roll Back Malaria")
    with pytest.raises(SeriesError, match="no resolution A/RES/50/1"):
        find_series(series, "50/1")


def test_title_key_folds_what_is_not_the_title():
    assert title_key("2001–2010: Decade to Roll Back Malaria.") == title_key("2001-2010:  decade to roll back malaria")
    assert title_key("Coopération “Sud-Sud”") == title_key("Cooperation Sud-Sud")
    assert title_key(None) is None


# ---- lineages ------------------------------------------------------------------------------------

A = "Takes note of the report of the Secretary-General on cooperation between the United Nations and regional organizations;"
B = "Encourages the United Nations and the Forum to intensify their dialogue on climate change, ocean governance and sea-level rise;"
C = ("Calls upon the specialized agencies to expand technical assistance for fisheries management and maritime surveillance, "
     "and encourages the Forum secretariat to share data on illegal, unreported and unregulated fishing with the Food and "
     "Agriculture Organization of the United Nations;")
C1 = "Calls upon the specialized agencies to expand technical assistance for fisheries management and maritime surveillance;"
C2 = ("Encourages the Forum secretariat to share data on illegal, unreported and unregulated fishing with the Food and "
      "Agriculture Organization of the United Nations;")
D = "Invites Member States to contribute to the trust fund supporting regional capacity-building in statistics and data;"
E1 = "Stresses the importance of disaster risk reduction for small island developing States;"
E2 = "Also stresses the need for early warning systems covering every Pacific island community by 2027;"
E = ("Stresses the importance of disaster risk reduction for small island developing States and the need for early "
     "warning systems covering every Pacific island community by 2027;")
R = "Requests the Secretary-General to submit to the General Assembly at its {} session a report on the implementation of the present resolution;"


def chains(hist):
    return [[(s.session, s.id, s.status) for s in lin.steps] for lin in hist.lineages]


def test_lineages_through_edits_splits_merges_and_drops():
    v1 = version("A/RES/75/9", 75, [A, B, C, E1, E2, R.format("seventy-seventh")])
    v2 = version("A/RES/77/12", 77, [A, B.replace("intensify", "deepen"), C1, C2, E1, E2, D, R.format("seventy-ninth")])
    v3 = version("A/RES/79/6", 79, [B.replace("intensify", "deepen"), C1, C2, E, D, R.format("eighty-first")])
    hist = history([v1, v2, v3])
    assert chains(hist) == [
        [(75, "OP1", "added"), (77, "OP1", "unchanged"), (79, None, "deleted")],
        [(75, "OP2", "added"), (77, "OP2", "modified"), (79, "OP1", "unchanged")],
        [(75, "OP3", "added"), (77, "OP3", "split"), (79, "OP2", "unchanged")],
        [(75, "OP3", "added"), (77, "OP4", "split"), (79, "OP3", "unchanged")],  # a part keeps the whole past
        [(75, "OP4", "added"), (77, "OP5", "unchanged"), (79, "OP4", "merged")],
        [(75, "OP5", "added"), (77, "OP6", "unchanged"), (79, "OP4", "merged")],
        [(75, "OP6", "added"), (77, "OP8", "modified"), (79, "OP6", "modified")],
        [(77, "OP7", "added"), (79, "OP5", "unchanged")],
    ]
    assert [lin.absorbed for lin in hist.lineages] == [False] * 5 + [True, False, False]
    assert hist.lineage("OP4") is hist.lineages[4]  # the merged paragraph lives on in the first part's lineage
    assert hist.lineages[0].dropped.session == 79

    steps = hist.to_json()["lineages"][1]
    assert [sorted(s) for s in steps] == [["id", "session", "status", "symbol"],
                                          ["diff", "id", "session", "status", "symbol"],
                                          ["id", "session", "status", "symbol"]]
    assert steps[1]["symbol"] == "A/RES/77/12"
    assert ["-", "intensify"] in steps[1]["diff"] and ["+", "deepen"] in steps[1]["diff"]

    blamed = {b.id: (b.entered.session, b.changed.session if b.changed else None) for b in blame(hist)}
    assert blamed == {"OP1": (75, 77), "OP2": (75, 77), "OP3": (75, 77), "OP4": (75, 79), "OP5": (77, None),
                      "OP6": (75, 79)}


def test_a_move_without_a_word_changed_is_no_change():
    v1 = version("A/RES/75/9", 75, [A, B, C, D, E, R.format("seventy-seventh")])
    v2 = version("A/RES/77/12", 77, [B, C, D, E, A, R.format("seventy-seventh")])
    hist = history([v1, v2])
    moved = hist.lineage("OP5")
    assert [s.status for s in moved.steps] == ["added", "moved"]
    assert moved.last_changed is None


def test_history_refuses_mixed_languages_and_orders_by_session():
    fr = version("A/RES/77/12", 77, [A], language="fr")
    en = version("A/RES/75/9", 75, [A])
    with pytest.raises(SeriesError, match="different languages"):
        history([en, fr])
    with pytest.raises(SeriesError, match="no versions"):
        history([])
    later, earlier = version("A/RES/77/12", 77, [A]), version("A/RES/75/9", 75, [A])
    assert order_versions([later, earlier]) == [earlier, later]
    unknown = Resolution("en", (), (op(1, A),))
    assert order_versions([later, unknown, earlier]) == [later, unknown, earlier]  # as given


# ---- the one series a user's files are -------------------------------------------------------

def _doc(name: str, title: str | None = None, symbol: str | None = None, session: int | None = None,
         recalls: tuple[str, ...] = ()) -> Document:
    return Document(Path(name), "en", symbol, session, title, recalls=recalls)


def test_pick_series_keeps_the_largest_series_and_leaves_out_the_others():
    decade = [_doc(f"d{n}.md", "Decade to Roll Back Malaria", f"A/RES/{n}/1", n) for n in (55, 57, 58)]
    millennium = _doc("m.md", "United Nations Millennium Declaration", "A/RES/55/2", 55)
    linked = _doc("r.md", None, "A/RES/59/1", 59, recalls=("A/RES/58/1",))  # no title, but recalls 58/1
    series, left_out = pick_series([millennium, *reversed(decade), linked])
    assert [d.path.name for d in series.members] == ["d55.md", "d57.md", "d58.md", "r.md"]
    assert series.title == "Decade to Roll Back Malaria" and left_out == (millennium,)


def test_pick_series_keeps_what_cannot_be_told_apart_and_versions_of_one_symbol():
    drafts = [_doc(f"rev{k}.md", "Oceans", "A/C.2/80/L.7", 80) for k in (1, 2, 3)]  # a draft keeps its symbol
    untitled = _doc("notes.md")
    series, left_out = pick_series([*drafts, untitled])
    assert [d.path.name for d in series.members] == ["rev1.md", "rev2.md", "rev3.md", "notes.md"]
    assert left_out == ()
    plain = [_doc("a.md"), _doc("b.md")]  # nothing to group by: all of them
    assert pick_series(plain) == (Series(None, "en", tuple(plain)), ())


def test_pick_series_refuses_two_series_of_one_size():
    with pytest.raises(SeriesError, match=r"2 different series, as large as each other: “Malaria” \(A/RES/64/79\); "
                                          r"“United Nations Millennium Declaration” \(A/RES/55/2\); give the files of one"):
        pick_series([_doc("a.md", "United Nations Millennium Declaration", "A/RES/55/2", 55),
                     _doc("b.md", "Malaria", "A/RES/64/79", 64)])
