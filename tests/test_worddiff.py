"""Word-level diff and change tags (resodiff/worddiff.py)."""

from itertools import pairwise

import pytest

from resodiff.languages import profile
from resodiff.worddiff import (
    DELETE,
    EQUAL,
    INSERT,
    change_tags,
    clean,
    dates,
    lead_tags,
    ordered,
    references,
    same_substance,
    sessions,
    token_key,
    tokenize,
    word_diff,
)

EN, FR = profile("en"), profile("fr")


def old_side(diff):
    return "".join(text for op, text in diff if op != INSERT)


def new_side(diff):
    return "".join(text for op, text in diff if op != DELETE)


def changes(diff):
    return [(op, text) for op, text in diff if op != EQUAL]


# ---- the diff reads as whole words ----------------------------------------------------------

def test_one_word_replaced_not_letter_soup():
    old = "Se félicite de la tenue du onzième Sommet ASEAN-ONU, le 3 novembre 2019 à Bangkok;"
    new = "Se félicite de la tenue du douzième Sommet ASEAN-ONU, le 3 novembre 2019 à Bangkok;"
    diff = word_diff(old, new)
    # "onzième" and "douzième" share "zième": a character diff would show "-on" "+dou".
    assert changes(diff) == [(DELETE, "onzième"), (INSERT, "douzième")]
    assert diff[0] == (EQUAL, "Se félicite de la tenue du ")
    assert diff[-1] == (EQUAL, " Sommet ASEAN-ONU, le 3 novembre 2019 à Bangkok;")


def test_lead_gains_an_adverb():
    diff = word_diff("Encourage l'Organisation des Nations Unies à poursuivre;",
                     "Encourage vivement l'Organisation des Nations Unies à poursuivre;")
    assert changes(diff) == [(INSERT, "vivement ")]


def test_symbols_change_as_one_token():
    diff = word_diff("Takes note of the report (A/72/342);", "Takes note of the report (A/80/348);")
    assert changes(diff) == [(DELETE, "A/72/342"), (INSERT, "A/80/348")]


@pytest.mark.parametrize(
    "old,new",
    [
        ("Requests the Secretary-General to report at its seventy-third session on progress;",
         "Also requests the Secretary-General to submit a report at its eighty-first session;"),
        ("Welcomes the eleventh Summit, held in Bangkok on 3 November 2019;",
         "Welcomes the twelfth Summit, held virtually on 12 November 2020, and its outcome;"),
        ("Calls upon States to ratify the Convention;", "Urges all States to accede to the Convention promptly;"),
    ],
)
def test_pieces_are_whole_tokens_and_rebuild_both_texts(old, new):
    diff = word_diff(old, new)
    assert new_side(diff) == new
    assert old_side(diff) == old
    for side, text in ((old_side, old), (new_side, new)):
        cuts, pos = set(), 0
        for token in tokenize(text):
            pos += len(token)
            cuts.add(pos)
        pos = 0
        for op, piece in diff:
            if (side is old_side and op == INSERT) or (side is new_side and op == DELETE):
                continue
            pos += len(piece)
            assert pos in cuts, f"{piece!r} ends inside a word"


def test_quote_style_and_spacing_are_no_change():
    old = "Recalls the \u201cRoll Back Malaria\u201d\u00a0Partnership and the Agency's work;"
    new = "Recalls the \u00ab Roll Back Malaria \u00bb Partnership and the Agency\u2019s work;"
    assert changes(word_diff(old, new)) == []
    assert same_substance(old, new)


def test_equal_pieces_take_the_new_spelling():
    diff = word_diff("the Agency's report and its annex", "the Agency\u2019s report and its annexes")
    assert diff[0] == (EQUAL, "the Agency\u2019s report and its ")


def test_final_punctuation_is_not_substance():
    assert same_substance("Decides to remain seized of the matter.", "Decides to remain seized of the matter;")
    assert not same_substance("Decides to remain seized of the matter.", "Decides to remain seized of this matter;")
    assert not same_substance("States, and", "States and")


def test_token_key_folds_style_only():
    assert token_key("Agency\u2019s") == token_key("Agency's")
    assert token_key("\u00ab ") == token_key("\u201c")
    assert token_key("AU\u2011PATTEC") == token_key("AU-PATTEC")
    assert token_key("Agency") != token_key("agency")


# ---- cleaning -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw,cleaned",
    [
        ("Having received the report of the Agency;1", "Having received the report of the Agency;"),
        ("the International Tracing Instrument)2 by, inter alia,", "the International Tracing Instrument) by, inter alia,"),
        ("resolution 1325 (2000) of the Council", "resolution 1325 (2000) of the Council"),
        ("the Bangkok Declaration of 8 August 1967\u00b9, in particular", "the Bangkok Declaration of 8 August 1967, in particular"),
        ("*Encourage* l\u2019Organisation", "Encourage l\u2019Organisation"),
        ("sa résolution [71/317](#) du 19 juillet 2017", "sa résolution 71/317 du 19 juillet 2017"),
        ("long-lasting insecticide-treated mos-\nquito nets", "long-lasting insecticide-treated mosquito nets"),
        ("the 30^e séance", "the 30e séance"),
        ("de l'Asie 20-15618 (F) du Sud-Est", "de l'Asie du Sud-Est"),
        ("text\u00a0with\u202fspaces", "text with spaces"),
        ("pre- and post-natal care", "pre- and post-natal care"),
        ("resolutions 57/35, 73/259 and 1.5 degrees", "resolutions 57/35, 73/259 and 1.5 degrees"),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_clean_drops_own_symbol():
    assert clean("the partnership A/RES/75/15 between", drop=("A/RES/75/15",)) == "the partnership between"


# ---- tags -----------------------------------------------------------------------------------

def tags_of(old, new, prof=EN):
    return change_tags(old, new, word_diff(old, new), prof)


def test_dates_tag():
    assert "dates" in tags_of("Recalling its resolution of 12 November 2024,", "Recalling its resolution of 5 December 2025,")
    assert "dates" in tags_of("by 2010 and 2015", "by 2015 and 2030")
    assert "dates" not in tags_of("adopted on 12 November 2024 by consensus,", "adopted on 12 November 2024 without a vote,")
    assert dates("le 1er janvier 2020 et en 2030", FR) == ["2020-01-01", "2030"]


def test_session_tag():
    old = "Decides to include in the provisional agenda of its seventy-third session the item;"
    new = "Decides to include in the provisional agenda of its eighty-first session the item;"
    assert tags_of(old, new) == ("session",)
    assert sessions("à sa soixante-dix-septième session", FR) == [77]
    assert sessions("at its sixty-ninth regular session and its 72nd session", EN) == [69, 72]
    assert "session" not in tags_of("the second report on the matter;", "the third report on the matter;")


def test_references_tag():
    assert "references" in tags_of("Recalling its resolution 79/6,", "Recalling its resolution 80/6,")
    assert "references" in tags_of("Takes note of the report (A/79/342);", "Takes note of the report (A/80/342);")
    assert "references" not in tags_of("Recalling its resolution 79/6 of 2024,", "Recalling also its resolution 79/6 of 2024,")
    assert references("resolutions 57/35 and A/C.3/78/L.41. GC(69)/RES/9 A.2 and 1145 (XII)") == [
        "57/35", "A/C.3/78/L.41", "GC(69)/RES/9 A.2", "1145 (XII)"]


def test_punctuation_only_tag():
    assert tags_of("Urges States, in particular, to act;", "Urges States in particular to act;") == ("punctuation-only",)
    assert "punctuation-only" not in tags_of("Urges States to act;", "Urges all States to act;")


def test_no_tags_without_change():
    text = "Requests the Secretary-General to report at its eightieth session, on 1 May 2025 (A/80/1);"
    assert tags_of(text, text) == ()


@pytest.mark.parametrize(
    "old,new,prof,expected",
    [
        ("Encourages", "Urges", EN, ("lead-verb", "strengthened")),
        ("Invites", "Calls upon", EN, ("lead-verb", "strengthened")),
        ("Demands", "Encourages", EN, ("lead-verb", "weakened")),
        ("Also encourages", "Also strongly encourages", EN, ("lead-verb", "strengthened")),
        ("Encourage", "Encourage vivement", FR, ("lead-verb", "strengthened")),
        ("Exhorte", "Invite", FR, ("lead-verb", "weakened")),
        ("Encourages", "Also encourages", EN, ("lead-verb",)),  # same rank on the scale
        ("Decides", "Notes", EN, ("lead-verb",)),  # not on the scale
        ("Encourages", "encourages", EN, ()),
        ("Encourages", None, EN, ()),
    ],
)
def test_lead_tags(old, new, prof, expected):
    assert lead_tags(old, new, prof) == expected


def test_lead_direction_mirrors():
    assert lead_tags("Urges", "Invites", EN) == ("lead-verb", "weakened")
    assert lead_tags("Invites", "Urges", EN) == ("lead-verb", "strengthened")


def test_tags_are_ordered_and_unique():
    assert ordered(["dates", "renumbered", "lead-verb", "dates", "x-custom"]) == ("renumbered", "lead-verb", "dates", "x-custom")


# ---- the diff of the texts as read: opcodes and pieces ----------------------------------------

from resodiff.worddiff import contract, diff_tokens, from_contract, pieces, side_text  # noqa: E402

LITERAL = "{{ 7*7 }} <script>x</script> A/RES/75/15* 5 * 3 [a] \\ #"


def test_opcodes_index_the_tokens_as_read():
    old, new = "Welcomes the Agency's report1 on {{ 7*7 }};", "Welcomes the Agency\u2019s new report on {{ 7*7 }};"
    old_tokens, new_tokens, codes = diff_tokens(old, new)
    assert "".join(old_tokens) == old and "".join(new_tokens) == new
    assert [c[0] for c in codes] == ["equal", "insert", "equal"]
    _, i1, i2, j1, j2 = codes[1]
    assert "".join(new_tokens[j1:j2]) == "new " and i1 == i2
    # ranges tile both sides
    assert codes[0][1] == codes[0][3] == 0 and codes[-1][2] == len(old_tokens) and codes[-1][4] == len(new_tokens)


def test_each_side_keeps_its_spelling():
    old, new = "Welcomes the Agency's report1 and the \"Plan\";", "Welcomes the Agency\u2019s report and the \u201cPlan\u201d;"
    diff = pieces(old, new)
    assert [op for op, _, _ in diff if op != EQUAL] == []
    assert side_text(diff, "old") == old and side_text(diff, "new") == new
    assert ("=", "Agency\u2019s", "Agency's") in diff and ("=", "report", "report1") in diff
    pairs, spelled = contract(diff)
    assert from_contract(pairs, spelled) == diff
    assert "".join(text for _, text in pairs) == new


@pytest.mark.parametrize("text", [LITERAL, "a*b*c 2 * 3 * 4", "A/RES/75/15*", "5 * 3", "x_y [b] \\ # \u00e9\u4e2d"])
def test_every_character_survives_the_diff(text):
    for old, new in ((text, "Decides " + text), ("Decides " + text, text), (text, text + " also")):
        diff = pieces(old, new)
        assert side_text(diff, "old") == old and side_text(diff, "new") == new


def test_an_asterisk_that_is_text_is_substance():
    assert changes(word_diff("see A/RES/75/15 above", "see A/RES/75/15* above")) == [(INSERT, "*")]
    assert changes(word_diff("*Decides* to act", "Decides to act")) == []


def test_same_substance_pieces_carry_both_spellings():
    diff = pieces("Decides to remain seized of the matter.", "Decides to remain seized of the matter;", same=True)
    assert all(op == EQUAL for op, _, _ in diff)
    assert side_text(diff, "old").endswith("matter.") and side_text(diff, "new").endswith("matter;")


def test_emphasis_and_lone_asterisks_in_the_readers():
    from resodiff.readers.clean import strip_markup
    assert strip_markup(LITERAL) == LITERAL
    assert strip_markup("a*b*c 2 * 3 * 4") == "a*b*c 2 * 3 * 4"
    assert strip_markup("*Se f\u00e9licite* de **Décide**") == "Se f\u00e9licite de Décide"
    assert strip_markup("*Prie*1 le") == "Prie1 le"
    assert strip_markup("*Recalling its") == "Recalling its"  # one line of an emphasis cut by the line end
    assert clean("A/RES/75/15* and 5 * 3") == "A/RES/75/15* and 5 * 3"


# ---- giant paragraphs: the diff cut at anchors --------------------------------------------------

def _giant_pair(words: int, every: int, seed: int = 5) -> tuple[str, str, list[tuple[str, str]]]:
    import random

    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(400)]
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = list(old)
    changed = []
    for k in range(every // 2, words, every):
        new[k] = old[k].upper() + "x"
        changed.append((old[k], new[k]))
    return " ".join(old), " ".join(new), changed


def test_a_giant_paragraph_is_diffed_between_anchors(monkeypatch):
    import resodiff.worddiff as worddiff

    old, new, changed = _giant_pair(3000, 250)
    plain = word_diff(old, new)
    monkeypatch.setattr(worddiff, "GIANT", 500)  # 3,000 words is "giant" for this test
    calls = []
    anchored = worddiff._anchored
    monkeypatch.setattr(worddiff, "_anchored", lambda a, b, space: calls.append(len(a)) or anchored(a, b, space))
    diffed = []  # the lengths diff-match-patch is given: stretches between anchors, not the whole
    diff_main = worddiff._DMP.diff_main
    monkeypatch.setattr(worddiff._DMP, "diff_main", lambda a, b, *rest: diffed.append(len(a)) or diff_main(a, b, *rest))
    diff = word_diff(old, new)
    assert calls, "the anchored diff did not run"
    assert len(diffed) >= len(changed) and max(diffed) < calls[0] / 5
    assert old_side(diff) == old and new_side(diff) == new
    # each changed word, and nothing else, comes out as one deletion and one insertion
    assert [(a, b) for (op1, a), (op2, b) in pairwise(diff) if op1 == DELETE and op2 == INSERT] == changed
    assert sum(op != EQUAL for op, _ in diff) == 2 * len(changed)
    assert diff == plain  # changes far apart: the same diff as diff-match-patch over the whole


def test_a_giant_paragraph_without_anchors_is_still_diffed(monkeypatch):
    import resodiff.worddiff as worddiff

    monkeypatch.setattr(worddiff, "GIANT", 10)
    calls = []
    anchored = worddiff._anchored
    monkeypatch.setattr(worddiff, "_anchored", lambda a, b, space: calls.append(len(a)) or anchored(a, b, space))
    old, new = "a b a b a b a b a b a b", "b a b a b a b a c a b a"  # no stretch found once in each
    diff = word_diff(old, new)
    assert calls, "the anchored diff did not run"
    assert old_side(diff) == old and new_side(diff) == new
