"""The JSON contracts live in resodiff/schemas: each is a valid draft 2020-12 schema, ships in the
package, describes what the commands print, and refuses what breaks it."""

from __future__ import annotations

import contextlib
import copy
import io
import json

import pytest
from jsonschema import Draft202012Validator

from resodiff import schemas
from resodiff.cli import main

from conftest import CORPUS, SEED, needs_shared
from contracts import SCHEMAS, conforms, problems
from edited_seed import edited_seed_text


@pytest.mark.parametrize("name", schemas.NAMES)
def test_each_schema_is_a_valid_2020_12_schema_named_after_its_file(name):
    schema = SCHEMAS[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")


def test_an_unknown_schema_is_refused_by_name():
    with pytest.raises(KeyError, match="no schema 'diff'"):
        schemas.load("diff")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict]:
    """What each command prints (or writes) as JSON, on the seed and a hand-edited next version."""
    folder = tmp_path_factory.mktemp("contracts")
    edited = folder / "A_RES_77_12_edited.fr.md"
    edited.write_text(edited_seed_text(), encoding="utf-8")
    out: dict[str, dict] = {}

    def run(name: str, *args: str) -> None:
        target = folder / f"{name}.json"
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):  # module scope: no capsys
            assert main(list(args)) == 0
        out[name] = json.loads(target.read_text(encoding="utf-8") if target.exists() else buffer.getvalue())

    run("resolution", "parse", str(SEED), "--format", "json")
    run("compare", "compare", str(SEED), str(edited), "--format", "json")
    run("history", "history", str(SEED), str(edited), "--format", "json")
    run("report", "report", str(SEED), str(edited), "-o", str(folder / "report.json"))
    run("series-report", "report", "--series", str(SEED), str(edited), "-o", str(folder / "series-report.json"))
    run("rounds", "rounds", str(SEED), str(edited), "--format", "json")
    return out


@pytest.mark.parametrize("name", schemas.NAMES)
def test_each_command_prints_what_its_schema_says(outputs, name):
    conforms(outputs[name], name)


def _set(path: str, value):
    def change(data):
        *parents, last = path.split("/")
        node = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is DELETE:
            del node[int(last) if isinstance(node, list) else last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        return data
    return change


DELETE = object()

# (schema, what is broken, the change, a word of the message the validator must give)
BROKEN = [
    ("resolution", "a field missing", _set("symbol", DELETE), "'symbol' is a required property"),
    ("resolution", "a session as text", _set("session", "75"), "is not of type 'integer', 'null'"),
    ("resolution", "an unknown field", _set("sponsors", []), "'sponsors' was unexpected"),
    ("resolution", "an id that is no id", _set("operative/0/id", "OP-1"), "does not match"),
    ("resolution", "a date not ISO", _set("adopted", "23 novembre 2020"), "does not match"),
    ("resolution", "an operative paragraph without its sub-paragraph list",
     _set("operative/0/subparagraphs", DELETE), "'subparagraphs' is a required property"),
    ("resolution", "an italic span that is no pair", _set("preamble/0/emphasis", [[3]]), "is too short"),
    ("resolution", "footnote italics for a note as text", _set("footnote_emphasis", {"1": "3-9"}), "is not of type 'array'"),
    ("compare", "the evidence of a link as one string", _set("rows/0/why", "moved"), "is not of type 'array'"),
    ("compare", "an unknown status", _set("rows/0/status", "changed"), "is not one of"),
    ("compare", "a diff piece with an unknown op", _set("rows/0/diff/0", ["~", "x"]), "is not one of"),
    ("compare", "a summary without a status", _set("summary/split", DELETE), "'split' is a required property"),
    ("compare", "an added row with an old id", _set("rows/0", {
        "status": "added", "old": ["PP1"], "new": ["PP1"], "similarity": 0.0, "tags": [],
        "lead": {"old": None, "new": None}, "diff": []}), "is expected to be empty"),
    ("compare", "a similarity above 1", _set("rows/0/similarity", 1.5), "is greater than the maximum"),
    ("history", "one version only", _set("versions/1", DELETE), "is too short"),
    ("history", "a dropped paragraph that keeps an id", _set("lineages/0/0/status", "deleted"),
     "is not of type 'null'"),
    ("report", "a text without its file name", _set("old/source", DELETE), "'source' is a required property"),
    ("report", "a text with a field parse does not give", _set("new/path", "/tmp/x"), "'path' was unexpected"),
    ("series-report", "a step that is no comparison", _set("steps/0/rows", DELETE), "'rows' is a required property"),
    ("rounds", "a status no round gives", _set("paragraphs/0/steps/1/state/status", "adopted"), "is not one of"),
    ("rounds", "one round only", _set("rounds/1", DELETE), "is too short"),
    ("resolution", "a margin label's suffix no drafter types", _set("operative/0/id", "OP1quinto"), "does not match"),
    ("resolution", "a status without its note", _set("operative/0/status", "agreed"), "'status_note' is a dependency"),
]


@pytest.mark.parametrize("name, what, change, message", BROKEN, ids=[f"{n}: {w}" for n, w, _, _ in BROKEN])
def test_a_broken_object_fails_its_schema(outputs, name, what, change, message):
    good = outputs[name]
    assert problems(good, name) == []
    broken = change(copy.deepcopy(good))
    found = problems(broken, name)
    assert found and any(message in p for p in found), found
    with pytest.raises(AssertionError, match=f"the {name} JSON breaks its schema"):
        conforms(broken, name)


@needs_shared
def test_compare_with_ignore_prints_what_its_schema_says(capsys):
    """`--ignore case,punctuation` adds `ignored` to the rows it sets aside and to the summary:
    both are in the schema (72 -> 80/6 has case-only rows)."""
    old = CORPUS / "ga-72-partial" / "N1735495.partial.md"
    new = CORPUS / "ga-80" / "A_RES_80_6.md"
    assert main(["compare", str(old), str(new), "--ignore", "case,punctuation", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["ignored"] > 0
    assert any(row.get("ignored") for row in data["rows"])
    conforms(data, "compare")
