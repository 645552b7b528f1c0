"""Negotiation rounds built from real resolutions, by recorded edits (run: python make.py).

Nobody publishes the informal rounds of a GA text, so these are reconstructed: the adopted
text's own paragraphs, labelled in the margin as facilitators do (PP1, OP3 bis, OP7 alt),
with the contested words in [square brackets] and the status notes of each round. Every
paragraph's words come from the real resolution named in the file's header; the edits below
are the only invented part and say what they do.

- English: A/RES/80/6 (Report of the International Criminal Court), PP1-PP4 and OP1-OP12,
  from ../shared/corpus/en/ga-80/A_RES_80_6.md; the round before it is the 72nd-session ICC
  fragment ../shared/corpus/en/ga-72-partial/N1735495.partial.md, read in place.
- French: A/RES/75/15 (ASEAN), PP1-PP5 and OP1-OP6, from the bundled corpus/A_RES_75_15.fr.md.

``tests/test_rounds.py`` checks the committed files are what this recipe makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ICC = ROOT.parent / "shared" / "corpus" / "en" / "ga-80" / "A_RES_80_6.md"
ASEAN = ROOT / "corpus" / "A_RES_75_15.fr.md"


def _texts(path: Path) -> dict[str, str]:
    from resodiff.readers import read

    res = read(path)
    return {p.id: p.text for p in res.paragraphs}


def _file(source: str, round_name: str, how: str, formula: str, rows: list[tuple[str, str, str]]) -> str:
    lines = ["---", f"made_from: {source}", f"round: {round_name}", f"how: {how}",
             "made_by: tests/data/rounds/make.py", "---", "", formula, ""]
    for label, text, note in rows:
        lines += [f"{label} {text}" + (f" ({note})" if note else ""), ""]
    return "\n".join(lines)


def icc() -> dict[str, str]:
    t = _texts(ICC)
    src = "A/RES/80/6 (../shared/corpus/en/ga-80/A_RES_80_6.md), PP1-PP4 and OP1-OP12"
    pp2_tail = ", including the prohibition of the illegal use of force enshrined in the Charter of the United Nations,"
    pp2 = t["PP2"].removesuffix(pp2_tail)
    pp4bis = "Noting with concern the threats against the Court, its officials and those cooperating with it,"
    op3bis = ("Encourages States Parties to the Rome Statute to consider becoming Parties to the Agreement "
              "on the Privileges and Immunities of the International Criminal Court;")
    op7_short = "Emphasizes the importance of international cooperation and judicial assistance in conducting effective investigations and prosecutions;"
    op9_tail = ", and condemns any threats, attacks or interference against the Court, its personnel or those cooperating with it;"
    op9 = t["OP9"].removesuffix(op9_tail)
    part9 = "in accordance with part 9 of the Rome Statute, "
    invites = ", and invites States not Parties to consider further facilitating cooperation with the Court;"
    op11 = t["OP11"].replace(part9, "").removesuffix(invites)

    zero = [
        ("PP1", t["PP1"], ""),
        ("PP2", pp2 + "[" + pp2_tail[:-1] + "],", ""),  # the use-of-force clause contested
        ("PP3", t["PP3"], ""),
        ("PP4", t["PP4"], ""),
        ("PP4 bis", f"[{pp4bis}]", ""),  # a new paragraph, bracketed whole
        *[(f"OP{n}", t[f"OP{n}"], "") for n in (1, 2, 3, 4)],
        ("OP5", f"[{t['OP5']}]", ""),
        ("OP6", t["OP6"], ""),
        ("OP7", f"[{op7_short}]", ""),  # the 72nd-session text ...
        ("OP7 alt", f"[{t['OP7']}]", ""),  # ... and the alternative that was adopted
        ("OP8", t["OP8"], ""),
        ("OP9", op9 + "[" + op9_tail[:-1] + "];", ""),
        ("OP10", t["OP10"], ""),
        ("OP11", op11.replace("in the future, ", f"in the future, [{part9.strip()}] ")
         + "[" + invites[:-1] + "];", ""),
        ("OP12", t["OP12"], ""),
    ]
    rev1 = [
        ("PP1", t["PP1"], "agreed ad ref"),
        ("PP2", pp2 + "[" + pp2_tail[:-1] + "],", "pending"),
        ("PP3", t["PP3"], "agreed ad ref"),
        ("PP4", t["PP4"], "agreed ad ref"),
        ("PP4 bis", "[Noting with concern the threats and attacks against the Court,]", ""),
        *[(f"OP{n}", t[f"OP{n}"], "agreed ad ref") for n in (1, 2)],
        ("OP3", t["OP3"], ""),
        ("OP3 bis", f"[{op3bis}]", ""),  # proposed in Rev.1
        ("OP4", t["OP4"], "agreed ad ref"),
        ("OP5", t["OP5"], "agreed ad ref"),  # brackets removed
        ("OP6", t["OP6"], "agreed ad ref"),
        ("OP7", t["OP7"], "pending"),  # the alternative kept, unbracketed
        ("OP8", t["OP8"], "agreed ad ref"),
        ("OP9", op9 + "[, and condemns any threats, attacks or interference against the Court];", ""),
        ("OP10", t["OP10"], "agreed ad ref"),
        ("OP11", t["OP11"].removesuffix(invites) + "[" + invites[:-1] + "];", ""),
        ("OP12", t["OP12"], ""),
    ]
    rev2 = [
        ("PP1", t["PP1"], "agreed ad ref"),
        ("PP2", t["PP2"], "agreed ad ref"),  # brackets removed, the clause kept
        ("PP3", t["PP3"], "agreed ad ref"),
        ("PP4", t["PP4"], "agreed ad ref"),
        *[(f"OP{n}", t[f"OP{n}"], "agreed ad ref") for n in (1, 2, 3)],
        ("OP3 bis", op3bis, "agreed ad ref"),
        *[(f"OP{n}", t[f"OP{n}"], "agreed ad ref") for n in (4, 5, 6, 7, 8, 9, 10)],  # PP4 bis gone into OP9
        ("OP11", t["OP11"].removesuffix(invites) + "[" + invites[:-1] + "];", "pending"),
        ("OP12", t["OP12"], "pending"),
    ]
    formula = "The General Assembly,"
    return {
        "icc.0-zero.txt": _file(src, "zero draft", "the adopted paragraphs, OP7 as in the 72nd-session text with the adopted "
                                "one as OP7 alt, a new PP4 bis, the later-agreed clauses of PP2, OP9 and OP11 in brackets",
                                formula, zero),
        "icc.1-rev1.txt": _file(src, "Rev.1", "PP4 bis shortened, OP3 bis proposed in brackets, OP5 and OP11's part 9 "
                                "unbracketed, OP7 alt kept as OP7, OP9's clause cut, ad ref notes", formula, rev1),
        "icc.2-rev2.txt": _file(src, "Rev.2", "the adopted text of 80/6 (PP1-PP4, OP1-OP12) with OP3 bis agreed, PP4 bis "
                                "dropped, OP11's last clause still bracketed and OP12 pending", formula, rev2),
    }


def asean() -> dict[str, str]:
    t = _texts(ASEAN)
    src = "A/RES/75/15 (corpus/A_RES_75_15.fr.md), PP1-PP5 and OP1-OP6"
    pp4bis = ("Consciente des difficultés sans précédent que pose la pandémie de maladie à coronavirus 2019 (COVID-19),")
    op3bis = "Encourage [vivement] les deux organisations à renforcer leur coopération en matière de santé publique ;"
    covid = ", l'Organisation célébrant son soixante-quinzième anniversaire"

    def pp(n: int) -> str:
        return t[f"PP{n}"]

    zero = [("PP1", pp(1), ""), ("PP2", pp(2), ""), ("PP3", pp(3), ""), ("PP4", pp(4), ""),
            ("PP4 bis", f"[{pp4bis}]", ""), ("PP5", pp(5), ""),
            ("1.", t["OP1"], ""), ("2.", t["OP2"], ""), ("3.", t["OP3"], ""),
            ("3 bis.", op3bis, ""), ("4.", f"[{t['OP4']}]", ""), ("5.", t["OP5"], ""), ("6.", t["OP6"], "")]
    rev1 = [("PP1", pp(1), "convenu ad ref."), ("PP2", pp(2), "convenu ad ref."), ("PP3", pp(3), "convenu ad ref."),
            ("PP4", pp(4), "convenu ad ref."), ("PP4 bis", pp4bis, "convenu ad ref."), ("PP5", pp(5), "en suspens"),
            ("1.", t["OP1"], "convenu ad ref."), ("2.", t["OP2"], "convenu ad ref."), ("3.", t["OP3"], "en suspens"),
            ("3 bis.", op3bis.replace("[vivement] ", ""), "convenu ad ref."), ("4.", t["OP4"], "convenu ad ref."),
            ("5.", t["OP5"], "en suspens"), ("6.", t["OP6"], "convenu ad ref.")]
    assert covid not in pp4bis
    formula = "L'Assemblée générale,"
    return {
        "asean.fr.0-zero.txt": _file(src, "projet zéro", "les paragraphes adoptés, un PP4 bis (COVID-19) entre crochets, "
                                     "un 3 bis. nouveau avec [vivement], le paragraphe 4 entre crochets", formula, zero),
        "asean.fr.1-rev1.txt": _file(src, "Rev.1", "crochets levés, notes « convenu ad ref. » et « en suspens »",
                                     formula, rev1),
    }


def build() -> dict[str, str]:
    out = asean()
    if ICC.exists():
        out.update(icc())
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for name, text in build().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(name)
