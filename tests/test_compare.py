"""``compare``: the JSON contract of ``resodiff compare`` (resodiff/schemas/compare.schema.json)."""

import json

import pytest

from resodiff.align import STATUSES
from resodiff.compare import LanguageMismatch, compare
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution

from contracts import conforms


def pp(k, text):
    return Paragraph(f"PP{k}", PREAMBLE, text)


def op(n, text, **kw):
    return Paragraph(f"OP{n}", OPERATIVE, text, number=str(n), **kw)


def resolution(preamble, operative, language="fr", **kw):
    return Resolution(language, tuple(pp(k, t) for k, t in enumerate(preamble, 1)),
                      tuple(op(n, t) for n, t in enumerate(operative, 1)), **kw)


PRE = [
    "Rappelant les buts et objectifs de l\u2019Association des nations de l\u2019Asie du Sud-Est, consacrés dans la Déclaration de Bangkok du 8 août 1967,",
    "Prenant acte du rapport du Secrétaire général,",
]
OPS = [
    "Se félicite de la tenue du onzième Sommet Association des nations de l\u2019Asie du Sud-Est-Organisation des Nations Unies, le 3 novembre 2019 à Bangkok;",
    "Encourage l\u2019Organisation des Nations Unies et l\u2019Association des nations de l\u2019Asie du Sud-Est à renforcer leur coopération en matière de gestion des catastrophes;",
    "Invite les États Membres à soutenir les programmes de développement rural de l\u2019Association;",
    "Prie le Secrétaire général de lui présenter, à sa soixante-dix-septième session, un rapport sur l\u2019application de la présente résolution;",
    "Décide d\u2019inscrire à l\u2019ordre du jour provisoire de sa soixante-dix-septième session la question subsidiaire intitulée « Coopération entre l\u2019Organisation des Nations Unies et l\u2019Association des nations de l\u2019Asie du Sud-Est ».",
]
NEW_OPS = [
    OPS[0].replace("onzième", "douzième").replace("3 novembre 2019", "12 novembre 2020"),
    OPS[1].replace("Encourage", "Encourage vivement"),
    OPS[3].replace("soixante-dix-septième", "soixante-dix-neuvième"),
    OPS[4].replace("soixante-dix-septième", "soixante-dix-neuvième"),
]


def old_res():
    return resolution(PRE, OPS, symbol="A/RES/75/15", session=75)


def new_res():
    return resolution(PRE, NEW_OPS, symbol="A/RES/77/12", session=77)


def test_contract_shape():
    out = compare(old_res(), new_res())
    assert list(out) == ["old", "new", "rows", "summary"]
    assert out["old"] == {"symbol": "A/RES/75/15", "session": 75, "language": "fr"}
    assert out["new"] == {"symbol": "A/RES/77/12", "session": 77, "language": "fr"}
    for row in out["rows"]:
        assert list(row) == ["status", "old", "new", "similarity", "tags", "lead", "diff"]
        assert row["status"] in STATUSES
        assert isinstance(row["old"], list) and isinstance(row["new"], list) and isinstance(row["tags"], list)
        assert set(row["lead"]) == {"old", "new"}
        assert all(isinstance(piece, list) and len(piece) == 2 and piece[0] in "=-+" for piece in row["diff"])
        assert row["similarity"] == round(row["similarity"], 3)
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    conforms(out, "compare")


def test_rows_and_summary():
    out = compare(old_res(), new_res())
    rows = {(tuple(r["old"]), tuple(r["new"])): r for r in out["rows"]}
    summit = rows[("OP1",), ("OP1",)]
    assert summit["status"] == "modified"
    assert summit["tags"] == ["dates"]
    assert ["-", "onzième"] in summit["diff"] and ["+", "douzième"] in summit["diff"]
    lead = rows[("OP2",), ("OP2",)]
    assert lead["tags"] == ["lead-verb", "strengthened"]
    assert lead["lead"] == {"old": "Encourage", "new": "Encourage vivement"}
    assert lead["diff"][:2] == [["=", "Encourage "], ["+", "vivement "]]
    assert rows[("OP3",), ()]["status"] == "deleted"
    report = rows[("OP4",), ("OP3",)]
    assert (report["status"], report["tags"]) == ("modified", ["renumbered", "session"])
    assert rows[("PP1",), ("PP1",)] == {"status": "unchanged", "old": ["PP1"], "new": ["PP1"], "similarity": 1.0,
                                        "tags": [], "lead": {"old": "Rappelant", "new": "Rappelant"},
                                        "diff": [["=", PRE[0]]]}
    assert out["summary"] == {"unchanged": 2, "modified": 4, "moved": 0, "added": 0, "deleted": 1,
                              "split": 0, "merged": 0}
    assert [r["new"] for r in out["rows"]] == [["PP1"], ["PP2"], ["OP1"], ["OP2"], [], ["OP3"], ["OP4"]]


def test_identity():
    out = compare(old_res(), old_res())
    assert out["summary"] == {s: (7 if s == "unchanged" else 0) for s in STATUSES}


def test_mirror_summary():
    forward = compare(old_res(), new_res())["summary"]
    backward = compare(new_res(), old_res())["summary"]
    swap = {"added": "deleted", "deleted": "added", "split": "merged", "merged": "split"}
    assert {swap.get(k, k): v for k, v in forward.items()} == backward


def test_different_languages_refused():
    english = resolution(["Recalling its resolution 73/259,"], ["Decides to remain seized of the matter."], language="en")
    with pytest.raises(LanguageMismatch) as error:
        compare(old_res(), english)
    assert isinstance(error.value, ValueError)
    message = str(error.value)
    assert "fr" in message and "en" in message and "\n" not in message


def test_language_without_profile_still_compares():
    old = resolution(["Ссылаясь на свою резолюцию 73/259,"], ["Постановляет продолжать заниматься этим вопросом."], language="ru")
    new = resolution(["Ссылаясь на свою резолюцию 75/15,"], ["Постановляет продолжать заниматься этим вопросом."], language="ru")
    out = compare(old, new)
    assert [r["status"] for r in out["rows"]] == ["modified", "unchanged"]
    assert out["rows"][0]["tags"] == ["references"]
