"""Paragraph alignment (resodiff/align.py) on hand-built resolutions."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resodiff.align import STATUSES, Row, align
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution
from resodiff.worddiff import DELETE, EQUAL, INSERT


# ---- building resolutions by hand ----------------------------------------------------------

def pp(k, text, **kw):
    return Paragraph(f"PP{k}", PREAMBLE, text, **kw)


def op(n, text, **kw):
    return Paragraph(f"OP{n}", OPERATIVE, text, number=str(n), **kw)


def resolution(preamble=(), operative=(), language="en", **kw):
    """Ids are given by position, as the parser gives them: PP<k>, OP<printed number>."""
    pps = tuple(pp(k, t) if isinstance(t, str) else replace(t, id=f"PP{k}", kind=PREAMBLE)
                for k, t in enumerate(preamble, 1))
    ops = tuple(op(n, t) if isinstance(t, str) else replace(t, id=f"OP{n}", kind=OPERATIVE, number=str(n))
                for n, t in enumerate(operative, 1))
    return Resolution(language, pps, ops, **kw)


def by_old(rows, pid):
    return next(r for r in rows if pid in r.old)


def by_new(rows, pid):
    return next(r for r in rows if pid in r.new)


PRE = [
    "Recalling its resolution 79/6 of 12 November 2024 on cooperation between the United Nations and the Pacific Islands Forum,",
    "Noting the Boe Declaration on Regional Security adopted by the leaders of the Forum in 2018,",
    "Welcoming the strengthening of the partnership between the two secretariats in recent years,",
]
OPS = [
    "Takes note of the report of the Secretary-General on cooperation between the United Nations and regional organizations;",
    "Encourages the United Nations and the Forum to intensify their dialogue on climate change, ocean governance and sea-level rise;",
    "Welcomes the convening of the annual high-level meeting between the two secretariats in Suva;",
    "Calls upon the specialized agencies to expand technical assistance for fisheries management and maritime surveillance;",
    "Stresses the importance of disaster risk reduction and early warning systems for small island developing States;",
    "Invites Member States to contribute to the trust fund supporting regional capacity-building in statistics and data;",
    "Requests the Secretary-General to submit to the General Assembly at its eighty-first session a report on the implementation of the present resolution;",
    "Decides to include in the provisional agenda of its eighty-first session the sub-item entitled \u201cCooperation between the United Nations and the Pacific Islands Forum\u201d.",
]


def base():
    return resolution(PRE, OPS, symbol="A/RES/79/6", session=79)


# ---- identity -------------------------------------------------------------------------------

def test_text_against_itself_is_all_unchanged():
    res = base()
    rows = align(res, res)
    assert [r.status for r in rows] == ["unchanged"] * 11
    assert [r.new for r in rows] == [(p.id,) for p in res.paragraphs]
    assert all(r.old == r.new and r.similarity == 1.0 and r.tags == () for r in rows)
    assert all(r.diff == ((EQUAL, p.text),) for r, p in zip(rows, res.paragraphs))


def test_row_fields():
    rows = align(base(), base())
    row = rows[3]
    assert isinstance(row, Row)
    assert (row.status, row.old, row.new, row.lead_old, row.lead_new) == ("unchanged", ("OP1",), ("OP1",), "Takes note", "Takes note")
    assert rows[0].lead_new == "Recalling"
    with pytest.raises(AttributeError):
        row.status = "modified"  # frozen


# ---- each status ----------------------------------------------------------------------------

def test_modified_with_diff_and_tags():
    new_ops = list(OPS)
    new_ops[6] = OPS[6].replace("eighty-first", "eighty-third")
    new_ops[1] = OPS[1].replace("Encourages", "Urges")
    rows = align(base(), resolution(PRE, new_ops))
    row = by_old(rows, "OP7")
    assert (row.status, row.new, row.tags) == ("modified", ("OP7",), ("session",))
    assert [d for d in row.diff if d[0] != EQUAL] == [(DELETE, "eighty-first"), (INSERT, "eighty-third")]
    lead = by_old(rows, "OP2")
    assert lead.status == "modified"
    assert lead.tags == ("lead-verb", "strengthened")
    assert (lead.lead_old, lead.lead_new) == ("Encourages", "Urges")
    assert 0 < lead.similarity < 1


def test_deleted_and_added_stand_where_they_were():
    new_ops = OPS[:2] + OPS[3:5] + ["Expresses its appreciation to the Government of Fiji for hosting the Pacific regional conference on ocean science;"] + OPS[5:]
    rows = align(base(), resolution(PRE, new_ops))
    statuses = [(r.status, r.old, r.new) for r in rows]
    assert ("deleted", ("OP3",), ()) in statuses
    assert ("added", (), ("OP5",)) in statuses
    # rows follow the new text; the deleted OP3 right after the row of OP2, its predecessor
    order = [r.new[0] if r.new else "-" + r.old[0] for r in rows]
    assert order == ["PP1", "PP2", "PP3", "OP1", "OP2", "-OP3", "OP3", "OP4", "OP5", "OP6", "OP7", "OP8"]
    deleted = by_old(rows, "OP3")
    assert deleted.diff == ((DELETE, OPS[2]),) and deleted.similarity == 0.0 and deleted.lead_old == "Welcomes"


def test_renumbering_alone_is_no_change():
    new_ops = OPS[:1] + OPS[3:]  # OP2 and OP3 deleted: OP4..OP8 become OP2..OP6
    rows = align(base(), resolution(PRE, new_ops))
    for n in range(4, 9):
        row = by_old(rows, f"OP{n}")
        assert (row.status, row.new, row.tags) == ("unchanged", (f"OP{n - 2}",), ("renumbered",))
    assert by_old(rows, "OP1").tags == ()
    assert [r.status for r in rows].count("deleted") == 2


def test_moved_far_and_moved_with_edit():
    new_ops = list(OPS)
    moved = new_ops.pop(1)  # OP2 goes to the end, edited
    new_ops.insert(6, moved.replace("sea-level rise", "sea-level rise and its security implications"))
    swapped = new_ops.pop(0)  # OP1 goes after old OP4, unedited
    new_ops.insert(3, swapped)
    rows = align(base(), resolution(PRE, new_ops))
    far = by_old(rows, "OP2")
    assert (far.status, far.new) == ("moved", ("OP7",))
    assert [d for d in far.diff if d[0] != EQUAL] == [(INSERT, " and its security implications")]
    assert by_old(rows, "OP1").status in ("moved", "unchanged")
    assert [r.status for r in rows].count("moved") == 2
    assert not any(r.status in ("added", "deleted") for r in rows)


def test_split():
    whole = ("Calls upon the specialized agencies to expand technical assistance for fisheries management and "
             "maritime surveillance, and encourages the Forum secretariat to share data on illegal, unreported "
             "and unregulated fishing with the Food and Agriculture Organization of the United Nations;")
    old = resolution(PRE, OPS[:3] + [whole] + OPS[4:])
    new = resolution(PRE, OPS[:3] + [
        "Calls upon the specialized agencies to expand technical assistance for fisheries management and maritime surveillance;",
        "Encourages the Forum secretariat to share data on illegal, unreported and unregulated fishing with the Food and Agriculture Organization of the United Nations;",
    ] + OPS[4:])
    rows = align(old, new)
    row = by_old(rows, "OP4")
    assert (row.status, row.old, row.new) == ("split", ("OP4",), ("OP4", "OP5"))
    assert by_old(rows, "OP5").tags == ("renumbered",)
    assert len(rows) == 11


def test_merge():
    old = resolution(PRE, OPS[:4] + [
        "Stresses the importance of disaster risk reduction for small island developing States;",
        "Also stresses the need for early warning systems covering every Pacific island community by 2027;",
    ] + OPS[5:])
    new = resolution(PRE, OPS[:4] + [
        "Stresses the importance of disaster risk reduction for small island developing States and the need for early warning systems covering every Pacific island community by 2027;",
    ] + OPS[5:])
    rows = align(old, new)
    row = by_new(rows, "OP5")
    assert (row.status, row.old, row.new) == ("merged", ("OP5", "OP6"), ("OP5",))
    assert row.lead_old == "Stresses"


def test_merge_of_a_paragraph_condensed_into_a_clause():
    # Malaria series, A/RES/62/180 OP17 + OP18 -> A/RES/63/234 OP27: OP18 survives as five words.
    op17 = ("Reaffirms the right to use, to the fullest extent, the provisions contained in the World Trade "
            "Organization Agreement on Trade-Related Aspects of Intellectual Property Rights, which provide "
            "flexibilities for the protection of public health, and in particular to promote access to medicines "
            "for all, including the production, under compulsory licensing, of generic drugs in the prevention "
            "and treatment of malaria;")
    op18 = ("Resolves to assist developing countries to employ the flexibilities outlined in the TRIPS Agreement "
            "in the fight against malaria and to strengthen their capacities for this purpose;")
    merged = op17[:-1] + ", and resolves to assist developing countries in this regard;"
    rows = align(resolution(PRE, OPS[:2] + [op17, op18] + OPS[2:]), resolution(PRE, OPS[:2] + [merged] + OPS[2:]))
    row = by_new(rows, "OP3")
    assert (row.status, row.old) == ("merged", ("OP3", "OP4"))


def test_preamble_and_operative_may_cross():
    new_pre = PRE[:2]
    new_ops = ["Welcomes the strengthening of the partnership between the two secretariats in recent years;"] + OPS
    rows = align(base(), resolution(new_pre, new_ops))
    row = by_old(rows, "PP3")
    assert (row.status, row.new) == ("modified", ("OP1",))
    assert row.tags == ("renumbered", "to-operative", "lead-verb")
    assert (row.lead_old, row.lead_new) == ("Welcoming", "Welcomes")
    mirror = by_old(align(resolution(new_pre, new_ops), base()), "OP1")
    assert mirror.tags == ("renumbered", "to-preamble", "lead-verb")


# ---- formulas repeated a dozen times ---------------------------------------------------------

FORMULA = "Encourage l\u2019Organisation des Nations Unies et l\u2019Association des nations de l\u2019Asie du Sud-Est "
ENDINGS = [
    "à renforcer leur coopération en matière de gestion des catastrophes;",
    "à coopérer dans le domaine de la santé publique et de la préparation aux pandémies;",
    "à promouvoir l\u2019égalité des genres et l\u2019autonomisation des femmes;",
    "à lutter contre la traite des personnes et le trafic de migrants;",
    "à collaborer sur la connectivité numérique et la cybersécurité;",
    "à soutenir la sécurité maritime et la liberté de navigation;",
    "à réduire les écarts de développement entre les États membres;",
    "à agir ensemble contre les changements climatiques et la pollution marine;",
    "à renforcer la coopération en matière de lutte contre le terrorisme;",
    "à promouvoir l\u2019éducation, la jeunesse et les échanges culturels;",
    "à appuyer le développement durable des zones rurales et l\u2019agriculture;",
    "à échanger des données statistiques sur les objectifs de développement durable;",
]


def test_repeated_formulas_are_not_cross_matched():
    old_ops = [FORMULA + e for e in ENDINGS]
    new_ops = list(old_ops)
    del new_ops[2]  # OP3 deleted: OP4..OP9 become OP3..OP8
    # a new OP9 with the same formula, then old OP10..OP12 keep their numbers
    new_ops.insert(8, FORMULA + "à mettre en place un dialogue régulier sur la gouvernance d\u2019Internet;")
    new_ops[0] = new_ops[0].replace("gestion des catastrophes", "prévention et gestion des catastrophes")
    old, new = resolution((), old_ops, "fr"), resolution((), new_ops, "fr")
    rows = align(old, new)
    links = {(r.old, r.new) for r in rows if r.old and r.new}
    expected = {(("OP1",), ("OP1",)), (("OP2",), ("OP2",))}
    expected |= {((f"OP{n}",), (f"OP{n - 1}",)) for n in range(4, 10)}
    expected |= {((f"OP{n}",), (f"OP{n}",)) for n in range(10, 13)}
    assert links == expected
    assert by_old(rows, "OP3").status == "deleted"
    assert by_new(rows, "OP9").status == "added"
    assert by_old(rows, "OP1").status == "modified"
    assert all(r.status in ("unchanged", "modified", "added", "deleted") for r in rows)


def test_weak_link_in_order_does_not_hide_a_strong_move():
    x = "Invites Member States to contribute to the trust fund supporting regional capacity-building in statistics and data;"
    weak = "Invites Member States to contribute to the voluntary fund for the participation of indigenous peoples;"
    rows = align(resolution((), [x] + OPS[:3]), resolution((), [weak] + OPS[:3] + [x]))
    assert (by_old(rows, "OP1").status, by_old(rows, "OP1").new) == ("moved", ("OP5",))
    assert by_new(rows, "OP1").status == "added"


def test_ambiguous_match_stays_silent():
    x = "Invites Member States to contribute to the trust fund supporting regional capacity-building in statistics and data;"
    old = resolution((), [x] + OPS[:3])
    new = resolution((), OPS[:2] + [x.replace("statistics", "statistical systems"), OPS[2],
                                    x.replace("and data", "and open data")])
    rows = align(old, new)
    assert by_old(rows, "OP1").status == "deleted"
    assert {r.new for r in rows if r.status == "added"} == {("OP3",), ("OP5",)}


# ---- what similarity sees through ------------------------------------------------------------

def test_noise_is_no_change():
    noisy = [
        "Takes note of the report1 of the Secretary-General on coop-\neration between the United Nations and regional organizations;",
        "Encourages the United Nations and the Forum to intensify their dialogue on climate change, ocean governance and sea\u2011level rise;",
        "*Welcomes* the convening of the annual high-level meeting between the two secretariats in\u00a0Suva;",
    ] + OPS[3:7] + [
        "Decides to include in the provisional agenda of its eighty-first session the sub-item entitled \"Cooperation between the United Nations and the Pacific Islands Forum\".",
    ]
    rows = align(base(), resolution(PRE, noisy))
    assert [r.status for r in rows] == ["unchanged"] * 11


def test_footnotes_compared_by_text_not_number():
    old = resolution(PRE, [op(1, OPS[0], footnotes=("3",))] + OPS[1:], footnotes=(("3", "A/79/345."),))
    renumbered = resolution(PRE, [op(1, OPS[0], footnotes=("5",))] + OPS[1:], footnotes=(("5", "A/79/345."),))
    changed = resolution(PRE, [op(1, OPS[0], footnotes=("3",))] + OPS[1:], footnotes=(("3", "A/80/412."),))
    assert by_old(align(old, renumbered), "OP1").status == "unchanged"
    row = by_old(align(old, changed), "OP1")
    assert (row.status, row.tags) == ("modified", ("footnotes",))


# ---- mirror images ---------------------------------------------------------------------------

MIRROR_STATUS = {"added": "deleted", "deleted": "added", "split": "merged", "merged": "split"}
MIRROR_TAG = {"strengthened": "weakened", "weakened": "strengthened", "to-operative": "to-preamble",
              "to-preamble": "to-operative"}


def mirrored(row):
    return (MIRROR_STATUS.get(row.status, row.status), row.new, row.old, round(row.similarity, 6),
            tuple(sorted(MIRROR_TAG.get(t, t) for t in row.tags)), row.lead_new, row.lead_old)


def plain(row):
    return (row.status, row.old, row.new, round(row.similarity, 6), tuple(sorted(row.tags)), row.lead_old, row.lead_new)


def edited():
    """The base text as a drafter edits it: one of every change."""
    new_pre = ["Recalling its resolution 80/6 of 5 December 2025 on cooperation between the United Nations and the Pacific Islands Forum,",
               PRE[2], PRE[1]]
    new_ops = [
        OPS[0],
        "Calls upon the specialized agencies to expand technical assistance for fisheries management;",
        "Further calls upon the specialized agencies to expand maritime surveillance across the region;",
        OPS[4].replace("Stresses", "Also stresses"),
        "Expresses its appreciation to the Government of Fiji for hosting the Pacific regional conference on ocean science;",
        OPS[1].replace("Encourages", "Strongly urges"),
        OPS[5],
        OPS[6].replace("eighty-first", "eighty-third"),
        OPS[7].replace("eighty-first", "eighty-third"),
    ]
    return resolution(new_pre, new_ops, symbol="A/RES/80/6", session=80)


def test_mirror_symmetry():
    forward = align(base(), edited())
    backward = align(edited(), base())
    assert sorted(mirrored(r) for r in forward) == sorted(plain(r) for r in backward)
    statuses = {r.status for r in forward}
    assert {"unchanged", "modified", "moved", "added", "deleted", "split"} <= statuses


def test_every_row_rebuilds_its_texts():
    old, new = base(), edited()
    for row in align(old, new):
        old_text = " ".join(old.paragraph(i).text for i in row.old)
        new_text = " ".join(new.paragraph(i).text for i in row.new)
        assert "".join(t for o, t in row.diff if o != DELETE) == (new_text if row.new else "")
        if row.status != "unchanged":
            assert "".join(t for o, t in row.diff if o != INSERT) == (old_text if row.old else "")


def test_every_paragraph_appears_once():
    old, new = base(), edited()
    rows = align(old, new)
    assert sorted(i for r in rows for i in r.old) == sorted(p.id for p in old.paragraphs)
    assert [i for r in rows for i in r.new] == [p.id for p in new.paragraphs]
    assert all(r.status in STATUSES for r in rows)


def test_deterministic():
    assert align(base(), edited()) == align(base(), edited())


# ---- any sequence of drafters' edits ---------------------------------------------------------

EDITS = st.lists(st.tuples(st.sampled_from(["delete", "insert", "edit", "move", "split", "merge"]),
                           st.integers(0, 50), st.integers(0, 50)), max_size=6)
EXTRA = ["Expresses its appreciation to the Government of Fiji for hosting the Pacific regional conference on ocean science;",
         "Notes with concern the rising cost of climate adaptation for atoll nations;"]


def apply_edits(texts, edits):
    texts = list(texts)
    for kind, x, y in edits:
        if not texts:
            break
        k = x % len(texts)
        if kind == "delete":
            del texts[k]
        elif kind == "insert":
            texts.insert(k, EXTRA[y % 2])
        elif kind == "edit":
            words = texts[k].split(" ")
            words[y % len(words)] = "notably"
            texts[k] = " ".join(words)
        elif kind == "move":
            texts.insert(y % len(texts), texts.pop(k))
        elif kind == "split" and ", " in texts[k]:
            head, _, tail = texts[k].partition(", ")
            texts[k:k + 1] = [head + ";", tail[:1].upper() + tail[1:]]
        elif kind == "merge" and k + 1 < len(texts):
            texts[k:k + 2] = [texts[k].rstrip(";.,") + " and " + texts[k + 1][:1].lower() + texts[k + 1][1:]]
    return texts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_any_edits_mirror_and_cover_every_paragraph(edits):
    old = base()
    new = resolution(PRE, apply_edits(OPS, edits))
    forward, backward = align(old, new), align(new, old)
    assert sorted(mirrored(r) for r in forward) == sorted(plain(r) for r in backward)
    assert sorted(i for r in forward for i in r.old) == sorted(p.id for p in old.paragraphs)
    assert [i for r in forward for i in r.new] == [p.id for p in new.paragraphs]
    for row in forward:
        new_text = " ".join(new.paragraph(i).text for i in row.new)
        assert "".join(t for o, t in row.diff if o != DELETE) == new_text
    if not edits:
        assert all(r.status == "unchanged" for r in forward)


# ---- the higher bar: across the boundary, end to end (issue 19) -----------------------------

def test_no_link_across_the_boundary_on_a_different_report():
    # An old operative paragraph endorsing one report and a new preambular one noting another sit
    # in order between the same neighbours and share "the report of the Secretary-General on the
    # work of": the leads differ (Endorses / Taking note) and the text did not come whole.
    old = resolution(PRE, ["Endorses the report of the Secretary-General on the work of the Organization and its recommendations;"] + OPS)
    new = resolution(PRE + ["Taking note of the report of the Secretary-General on the work of the Peacebuilding Commission,"], OPS)
    rows = align(old, new)
    assert by_old(rows, "OP1").status == "deleted" and by_new(rows, "PP4").status == "added"


def test_no_end_to_end_link_on_a_stock_request():
    # The old opening request and a new closing one share only "Requests the Secretary-General to
    # report to the General Assembly at its ... session on the implementation of the ...".
    old = resolution(PRE, ["Requests the Secretary-General to report to the General Assembly at its seventy-second "
                           "session on the implementation of the present resolution;"] + OPS[1:6] + [OPS[7]])
    new = resolution(PRE, OPS[1:6] + ["Requests the Secretary-General to report to the General Assembly at its eighty-first "
                                      "session on the implementation of the fisheries partnership;", OPS[7]])
    rows = align(old, new)
    assert by_old(rows, "OP1").status == "deleted" and by_new(rows, "OP6").status == "added"


def test_a_paragraph_made_preambular_keeps_its_link_and_says_why():
    welcome = "Welcomes the convening of the annual high-level meeting between the two secretariats in Suva;"
    old = resolution(PRE, OPS)
    new = resolution(PRE + ["Welcoming the convening of the annual high-level meeting between the two secretariats in Suva,"],
                     [t for t in OPS if t != welcome])
    row = by_old(align(old, new), "OP3")
    assert (row.status, row.new) == ("moved", ("PP4",)) and "to-preamble" in row.tags
    assert any(w.startswith("across the preamble/operative boundary") and "“Welcomes” → “Welcoming”" in w for w in row.why)


def test_the_one_pair_left_in_place_with_the_same_lead_is_linked():
    old = resolution(PRE, OPS[:6] + ["Requests the Secretary-General to report to the General Assembly at its seventy-ninth "
                                     "session on the implementation of the present resolution;", OPS[7]])
    new = resolution(PRE, OPS[:6] + ["Requests the Secretary-General, in consultation with the Forum, to submit at its "
                                     "eighty-first session an evaluation of the partnership in fisheries;", OPS[7]])
    row = by_old(align(old, new), "OP7")
    assert (row.status, row.new) == ("modified", ("OP7",)) and row.why[0].startswith("in place")


def test_sub_paragraphs_run_into_the_text_are_one_modified_row_whose_diff_drops_the_labels():
    chapeau = "Requests the Secretary-General, within available resources:"
    subs = (Paragraph("OP7(a)", "subparagraph", "To circulate an annual note verbale to Member States;", number="a"),
            Paragraph("OP7(b)", "subparagraph", "To report on the experience gained at the regional seminars;", number="b"))
    old = resolution(PRE, OPS[:6] + [op(7, chapeau, subparagraphs=subs), OPS[7]])
    new = resolution(PRE, OPS[:6] + ["Requests the Secretary-General, within available resources, to circulate an annual "
                                     "note verbale to Member States and to report on the experience gained at the "
                                     "regional seminars;", OPS[7]])
    rows = [r for r in align(old, new) if r.status != "unchanged"]
    assert [(r.status, r.old, r.new) for r in rows] == [("modified", ("OP7",), ("OP7",))]
    deleted = " ".join(t for o, t in rows[0].diff if o == DELETE)
    assert "(a)" in deleted and "(b)" in deleted


# ---- splits and merges by what each piece contributes (issue 19) ----------------------------

def test_two_reworded_preambular_paragraphs_merged_with_their_clauses_interleaved():
    # Before issue 19: PP4 modified and PP5 deleted. "Noting B" adds "extreme weather events" and
    # "small island developing States" to "Deeply concerned by A", each in its own place.
    old = resolution(PRE + ["Deeply concerned by the impact of sea-level rise on low-lying coastal communities of the Pacific,",
                            "Noting the vulnerability of small island developing States to extreme weather events and storm surges,"], OPS)
    new = resolution(PRE + ["Deeply concerned by the impact of sea-level rise and extreme weather events on the low-lying "
                            "coastal communities of small island developing States in the Pacific,"], OPS)
    rows = [r for r in align(old, new) if r.status != "unchanged"]
    assert [(r.status, r.old, r.new) for r in rows] == [("merged", ("PP4", "PP5"), ("PP4",))]
    assert rows[0].why and rows[0].why[0].startswith("each piece found")


def test_a_split_into_two_reworded_halves_is_one_row():
    old = resolution(PRE, OPS[:3] + ["Calls upon States to strengthen national legislation on the transfer of conventional arms and "
                                     "to establish effective stockpile management, including marking, record-keeping and the "
                                     "destruction of surplus weapons;"] + OPS[3:])
    new = resolution(PRE, OPS[:3] + ["Calls upon States to strengthen their national legislation on transfers of conventional arms;",
                                     "Encourages States to establish effective management of their stockpiles, including marking, "
                                     "record-keeping and destruction of surplus;"] + OPS[3:])
    rows = [r for r in align(old, new) if r.status != "unchanged"]
    assert [(r.status, r.old, r.new) for r in rows] == [("split", ("OP4",), ("OP4", "OP5"))]


def test_a_short_clause_split_off_is_part_of_the_split():
    old = resolution(PRE + ["Taking note of the report of the Secretary-General, and welcoming the progress made in the "
                            "implementation of the joint strategic plan of the two organizations since its adoption,"], OPS)
    new = resolution(PRE + ["Taking note of the report of the Secretary-General,",
                            "Welcoming the progress made in implementing the joint strategic plan of the two organizations since its adoption,"], OPS)
    rows = [r for r in align(old, new) if r.status != "unchanged"]
    assert [(r.status, r.old, r.new) for r in rows] == [("split", ("PP4",), ("PP4", "PP5"))]
