"""Negotiation texts (issue 16): margin labels, [brackets], status notes, who proposed what.

The rounds in tests/data/rounds are built from real resolutions by tests/data/rounds/make.py;
the Word Rev.1 by tests/rounds_docx.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import DATA, needs_shared
from resodiff.languages import profile
from resodiff.readers import read, read_bytes
from resodiff.readers import negotiation as neg
from resodiff.readers.text import parse_text

ROUNDS = DATA / "rounds"
ICC = [ROUNDS / n for n in ("icc.0-zero.txt", "icc.1-rev1.txt", "icc.2-rev2.txt")]
ASEAN = [ROUNDS / n for n in ("asean.fr.0-zero.txt", "asean.fr.1-rev1.txt")]


@pytest.fixture(scope="module")
def word_rev1(tmp_path_factory) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    import rounds_docx

    return rounds_docx.build(tmp_path_factory.mktemp("rounds") / "icc.1-rev1.docx")


# ---- the fixtures are what the recipe makes ------------------------------------------------------


@needs_shared
def test_fixtures_are_the_recipes_output():
    sys.path.insert(0, str(ROUNDS))
    import make

    built = make.build()
    assert sorted(built) == sorted(p.name for p in ROUNDS.glob("*.txt"))
    for name, text in built.items():
        assert (ROUNDS / name).read_text(encoding="utf-8") == text, name


# ---- margin labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "pid", "typed"), [
    ("PP4 bis Noting", "PP4bis", "PP4 bis"),
    ("PP4bis Noting", "PP4bis", "PP4bis"),
    ("OP3 ter Requests", "OP3ter", "OP3 ter"),
    ("OP7 alt Emphasizes", "OP7alt", "OP7 alt"),
    ("op12 Quater. Decides", "OP12quater", "op12 Quater"),
    ("OP 5 quinquies: Invites", "OP5quinquies", "OP 5 quinquies"),
    ("OP10\tCalls upon", "OP10", "OP10"),
    ("3 bis. Prie", "OP3bis", "3 bis"),
    ("12 TER. Décide", "OP12ter", "12 TER"),
])
def test_margin_labels(line, pid, typed):
    label, rest = neg.margin_label(line)
    assert (label.id, label.typed) == (pid, typed)
    assert rest.split()[0] in ("Noting", "Requests", "Emphasizes", "Decides", "Invites", "Calls", "Prie", "Décide")


@pytest.mark.parametrize("line", ["3. Requests", "PPP4 Noting", "OP3bisque Requests", "Opens the way", "12 bises. x",
                                  "PP4", "2020 ter. Decides"])
def test_not_margin_labels(line):
    assert neg.margin_label(line) is None


# ---- status notes -------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "text", "status", "note"), [
    ("en", "Requests the report; (agreed ad ref)", "agreed", "(agreed ad ref)"),
    ("en", "Requests the report; [Ad Ref]", "agreed", "[Ad Ref]"),
    ("en", "Requests the report; – pending", "pending", "– pending"),
    ("en", "Requests the report; agreed ad referendum", "agreed", "agreed ad referendum"),
    ("fr", "Prie le Secrétaire général ; (convenu ad ref.)", "agreed", "(convenu ad ref.)"),
    ("fr", "Prie le Secrétaire général ; (en suspens)", "pending", "(en suspens)"),
    ("es", "Solicita al Secretario General; (acordado ad ref.)", "agreed", "(acordado ad ref.)"),
    ("es", "Solicita al Secretario General; (pendiente)", "pending", "(pendiente)"),
])
def test_trailing_status(code, text, status, note):
    rest, found, typed = neg.trailing_status(text, profile(code))
    assert (found, typed) == (status, note)
    assert rest + " " + typed == text  # nothing lost: the note is kept as typed


@pytest.mark.parametrize("text", [
    "Decides to remain seized of the matter pending the report;",  # "pending" in running text
    "Requests a report (agreed by consensus) on the matter;",
    "Takes note of the agreed ad ref text of the Declaration;",
])
def test_running_text_is_no_status(text):
    assert neg.trailing_status(text, profile("en"))[1] is None


def test_status_at_the_label_and_on_its_own_line():
    res = parse_text("The General Assembly,\n\nOP1 (agreed ad ref) Requests a report;\n\nOP2 Decides to act;\n\n"
                     "[Pending]\n", language="en")
    assert [(p.id, p.status, p.status_note, p.text) for p in res.operative] == [
        ("OP1", "agreed", "(agreed ad ref)", "Requests a report;"), ("OP2", "pending", "[Pending]", "Decides to act;")]


# ---- brackets ---------------------------------------------------------------------------------------


def test_bracket_spans():
    assert neg.bracket_spans("a [b [c] d] e [f]") == ((2, 11), (14, 17))
    assert neg.bracket_spans("[Requests all States:") == ((0, 21),)  # closes in its last sub-paragraph
    assert neg.bracket_spans("(b) to act];") == ((0, 11),)


def test_a_bracketed_paragraph_with_subparagraphs():
    res = parse_text("The General Assembly,\n\nOP1 [Requests all States:\n\n(a) To act;\n\n(b) To report];\n", language="en")
    op = res.operative[0]
    assert op.lead == "Requests" and op.brackets == ((0, len(op.text)),)
    assert [s.brackets for s in op.subparagraphs] == [(), ((0, len("To report]")),)]
    assert op.open


# ---- the rounds, parsed and pinned ----------------------------------------------------------------


def _body_lines(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    return [ln for ln in body.splitlines()[2:] if ln.strip()]


@needs_shared
@pytest.mark.parametrize("path", ICC[:2] + ASEAN, ids=lambda p: p.name)
def test_round_pinned(path, data_regression):
    data_regression.check(read(path).to_json())


@pytest.mark.parametrize("path", ICC + ASEAN, ids=lambda p: p.name)
def test_every_character_kept(path):
    if not path.exists():
        pytest.skip("built from ../shared/corpus")
    res = read(path)
    lines = _body_lines(path)
    assert len(lines) == len(res.paragraphs)
    for line, para in zip(lines, res.paragraphs, strict=True):
        # The margin: a label as typed; "3 bis." and "3." printed with their full stop.
        margin = para.label if para.label and not re.match(r"\d", para.label) else f"{para.label or para.number}."
        rebuilt = f"{margin} {para.text}" + (f" {para.status_note}" if para.status_note else "")
        assert rebuilt == line
        for start, end in para.brackets:
            assert para.text[start] == "[" and para.text[end - 1] == "]"


@needs_shared
def test_word_rev1_pinned(word_rev1, data_regression):
    res = read(word_rev1)
    data_regression.check({"notes": list(res.notes), "resolution": res.to_json()})


@needs_shared
def test_word_rev1_reads_as_the_text_rev1(word_rev1):
    """Accepted, the Word Rev.1 is the text Rev.1: ids, texts, statuses, brackets."""
    word, text = read(word_rev1), read(ICC[1])

    def key(res):
        return [(p.id, p.label, p.text, p.status, p.brackets) for p in res.paragraphs]

    assert key(word) == key(text)


@needs_shared
def test_word_rev1_authors(word_rev1):
    res = read(word_rev1)
    authors = {p.id: {r.author for r in p.revisions} for p in res.paragraphs if p.revisions}
    assert authors["OP3bis"] == {"European Union"} and authors["PP4bis"] == {"African Group"}
    op9 = res.paragraph("OP9")
    assert [(r.kind, r.text) for r in op9.revisions] == [("deletion", ", its personnel or those cooperating with it")]
    pp2 = res.paragraph("PP2")
    assert [(c.author, c.anchor[:14]) for c in pp2.comments] == [("African Group", "[, including t")]
    # The view read does not change who proposed what.
    original = read_bytes(word_rev1.read_bytes(), word_rev1.name, as_original=True)
    assert original.paragraph("OP9").revisions == op9.revisions


# ---- comparing rounds ---------------------------------------------------------------------------------


def _rows(old, new):
    from resodiff.compare import compare

    return {(tuple(r["old"]), tuple(r["new"])): r for r in compare(old, new)["rows"]}


@needs_shared
def test_compare_zero_draft_to_rev1():
    rows = _rows(read(ICC[0]), read(ICC[1]))
    assert rows[("OP5",), ("OP5",)]["tags"] == ["brackets-removed", "status-changed"]
    assert rows[("PP1",), ("PP1",)]["status"] == "unchanged" and rows[("PP1",), ("PP1",)]["tags"] == ["status-changed"]
    assert rows[("OP3",), ("OP3",)]["tags"] == []  # no note in either round
    assert rows[(), ("OP3bis",)]["status"] == "added"
    # The label says OP7 is OP7; the words say the zero draft's OP7 alt became Rev.1's OP7: words win.
    assert rows[("OP7alt",), ("OP7",)]["tags"] == ["renumbered", "brackets-removed", "status-changed"]
    assert rows[("OP7",), ()]["status"] == "deleted"
    back = _rows(read(ICC[1]), read(ICC[0]))
    assert "brackets-added" in back[("OP5",), ("OP5",)]["tags"]


def test_a_label_links_a_rewritten_paragraph():
    old = "The General Assembly,\n\n{}1 Requests the Secretary-General to submit a report on the financing of the Court;\n"
    new = ("The General Assembly,\n\n{}1 Invites Member States to consider voluntary contributions for the financing "
           "of the Court's trust fund for victims and witnesses;\n")
    labelled = _rows(parse_text(old.format("OP"), language="en"), parse_text(new.format("OP"), language="en"))
    row = labelled[("OP1",), ("OP1",)]
    assert row["status"] == "modified" and row["why"][0].startswith("same margin label OP1")
    plain = _rows(parse_text(old.format("") .replace("1 R", "1. R"), language="en"),
                  parse_text(new.format("").replace("1 I", "1. I"), language="en"))
    assert (("OP1",), ("OP1",)) not in plain  # without labels the words alone are too weak: said so
    assert set(plain) == {(("OP1",), ()), ((), ("OP1",))}


@needs_shared
def test_changes_name_their_author(word_rev1):
    rows = _rows(read(ICC[0]), read(word_rev1))
    op9 = rows[("OP9",), ("OP9",)]
    assert op9["authors"] == [{"op": "-", "text": ", its personnel or those cooperating with it", "author": "European Union"}]
    assert {a["author"] for a in rows[("PP4bis",), ("PP4bis",)]["authors"]} == {"African Group"}
    assert "authors" not in rows[("OP3",), ("OP3",)]  # unchanged, no revision
    assert all("authors" not in r for r in _rows(read(ICC[0]), read(ICC[1])).values())  # a text file has none


# ---- resodiff rounds ------------------------------------------------------------------------------------

PREVIOUS = DATA.parent.parent.parent / "shared" / "corpus" / "en" / "ga-72-partial" / "N1735495.partial.md"


def _rounds_json(capsys, *files) -> dict:
    import json

    from resodiff.cli import main

    assert main(["rounds", *map(str, files), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _schema_check(data: dict, name: str) -> None:
    import json

    import jsonschema

    schema = json.loads((Path(__file__).parent.parent / "resodiff" / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


@needs_shared
def test_rounds_json_pinned(capsys, word_rev1, data_regression):
    """Four rounds: the 72nd-session text, the zero draft, the Word Rev.1, Rev.2."""
    data = _rounds_json(capsys, PREVIOUS, ICC[0], word_rev1, ICC[2])
    _schema_check(data, "rounds")
    data_regression.check(data)


@needs_shared
def test_rounds_paths(capsys, word_rev1):
    data = _rounds_json(capsys, PREVIOUS, ICC[0], word_rev1, ICC[2])
    para = {p["id"]: p for p in data["paragraphs"] if not p["dropped"]}

    def path(pid):
        return [(s["round"], s["id"], s["change"], s["state"] and (s["state"]["bracketed"], s["state"]["status"]))
                for s in para[pid]["steps"]]

    # OP5: adopted in the 72nd session, bracketed whole in the zero draft, brackets lifted and
    # agreed ad ref in Rev.1 (by the African Group's revision), agreed in Rev.2.
    assert path("OP5") == [(0, "OP5", "added", (None, None)), (1, "OP5", "modified", ("whole", None)),
                           (2, "OP5", "modified", (None, "agreed")), (3, "OP5", "unchanged", (None, "agreed"))]
    assert {p["author"] for p in para["OP5"]["steps"][2]["proposals"]} == {"African Group"}
    # OP3 bis: proposed in Rev.1 by the European Union, bracketed; agreed in Rev.2.
    assert path("OP3bis") == [(2, "OP3bis", "added", ("whole", None)), (3, "OP3bis", "modified", (None, "agreed"))]
    assert para["OP3bis"]["authors"] == ["European Union"]
    # OP11: its last clause bracketed since the zero draft, pending in Rev.2: still open.
    assert [s["state"]["bracketed"] for s in para["OP11"]["steps"][1:]] == ["part", "part", "part"]
    assert data["still_open"] == ["OP11", "OP12"]
    gone = {p["id"] for p in data["paragraphs"] if p["dropped"]}
    assert "PP4bis" in gone
    assert [s["id"] for s in para["OP7"]["steps"]] == ["OP7alt", "OP7", "OP7"]  # OP7 alt lives on as OP7


def test_rounds_text_french(capsys):
    from resodiff.cli import main

    assert main(["rounds", str(DATA.parent.parent / "corpus" / "A_RES_75_15.fr.md"), *map(str, ASEAN)]) == 0
    out = capsys.readouterr().out
    # The zero draft's PP4 bis is 75/15's PP8 cut short: found where it came from.
    assert "PP4bis        0 PP8: adopted → 1: moved, bracketed → 2: modified, convenu ad ref" in out
    assert "OP3bis        1: new, partly bracketed → 2: modified, convenu ad ref" in out
    assert out.rstrip().endswith("Still open in asean.fr.1-rev1.txt: PP5 (en suspens), OP3 (en suspens), OP5 (en suspens)")


def test_rounds_needs_two(capsys):
    from resodiff.cli import main

    assert main(["rounds", str(ASEAN[0])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: rounds: give at least two rounds")


# ---- the compilation table --------------------------------------------------------------------------


def _compile(tmp_path, fmt, *files) -> Path:
    from resodiff.cli import main

    out = tmp_path / f"table.{fmt}"
    assert main(["report", "--compilation", *map(str, files), "-o", str(out)]) == 0
    return out


def _docx_structure(path: Path) -> dict:
    """The table as cells; in the latest text, inserted runs as {+...+} and deleted as [-...-]."""
    import docx

    document = docx.Document(str(path))
    section = document.sections[0]
    table = document.tables[0]
    rows = []
    for row in table.rows:
        cells = []
        for k, cell in enumerate(row.cells):
            if k == 2:
                text = "".join(f"{{+{r.text}+}}" if r.underline and r.bold else f"[-{r.text}-]" if r.font.strike
                               else r.text for p in cell.paragraphs for r in p.runs)
            else:
                text = "\n".join(p.text for p in cell.paragraphs)
            cells.append(text)
        rows.append(cells)
    return {"landscape": section.page_width > section.page_height,
            "header_repeated": table.rows[0]._tr.trPr is not None
            and table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None,
            "rows": rows}


def _html_structure(path: Path) -> list[list[str]]:
    from lxml import html

    tree = html.fromstring(path.read_bytes())
    out = []
    for tr in tree.iter("tr"):
        cells = []
        for td in tr:
            for el in td.iter("ins", "del"):
                el.text = ("{+%s+}" if el.tag == "ins" else "[-%s-]") % (el.text or "")
            items = td.findall(".//li")  # proposals: one per line, as in the Word table
            cells.append("\n".join(" ".join(li.text_content().split()) for li in items) if items
                         else " ".join(td.text_content().split()))
        out.append(cells)
    return out


@needs_shared
def test_compilation_docx_pinned(tmp_path, word_rev1, data_regression):
    path = _compile(tmp_path, "docx", PREVIOUS, ICC[0], word_rev1, ICC[2])
    data = _docx_structure(path)
    assert data["landscape"] and data["header_repeated"]
    assert len(data["rows"]) == 1 + 17
    data_regression.check(data)


@needs_shared
def test_compilation_html_and_markdown(tmp_path, word_rev1, data_regression):
    """The HTML and Markdown tables say what the Word one says, row for row."""
    docx_rows = _docx_structure(_compile(tmp_path, "docx", PREVIOUS, ICC[0], word_rev1, ICC[2]))["rows"]
    html_rows = _html_structure(_compile(tmp_path, "html", PREVIOUS, ICC[0], word_rev1, ICC[2]))
    data_regression.check({"rows": html_rows})
    assert [r[0] for r in html_rows] == [r[0] for r in docx_rows]
    assert [r[3] for r in html_rows] == [r[3] for r in docx_rows]
    assert [r[4] for r in html_rows] == [r[4] for r in docx_rows]
    op9 = next(r for r in html_rows if r[0] == "OP9")
    assert op9[2].endswith("against the Court[-]-]{+, its personnel or those cooperating with it+};")
    md = _compile(tmp_path, "md", PREVIOUS, ICC[0], word_rev1, ICC[2]).read_text(encoding="utf-8")
    assert md.count("\n| ") == 1 + 17
    assert "| OP11 |" in md and "partly bracketed, pending" in md


def test_compilation_french(tmp_path):
    from resodiff.compilation import compile_rounds

    table = compile_rounds([read(DATA.parent.parent / "corpus" / "A_RES_75_15.fr.md"), *map(read, ASEAN)])
    assert table.headings[0] == "Paragraphe" and table.headings[1] == "Résolution précédente (A/RES/75/15)"
    rows = {r.id: r for r in table.rows}
    assert rows["OP3bis"].status == "convenu ad ref" and rows["OP3bis"].previous == ""
    assert rows["PP5"].open and rows["PP5"].status == "en suspens"
    assert ("-", "vivement") in [(op, t.strip("[] ")) for op, t in rows["OP3bis"].latest]


# ---- the app: resodiff tui --rounds ---------------------------------------------------------------


def test_app_rounds_status_column_and_still_open_filter():
    import asyncio

    from textual.widgets import DataTable

    from resodiff.tui.rounds_view import RoundsApp, StepsScreen

    files = [DATA.parent.parent / "corpus" / "A_RES_75_15.fr.md", *ASEAN]

    async def go():
        app = RoundsApp(files)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.query_one(DataTable)
            ids = [table.get_row_at(k)[0] for k in range(table.row_count)]
            assert ids[:7] == ["PP1", "PP2", "PP3", "PP4", "PP4bis", "PP5", "OP1"]
            status = {table.get_row_at(k)[0]: str(table.get_row_at(k)[1]) for k in range(table.row_count)}
            assert status["PP4bis"] == "convenu ad ref" and status["PP5"] == "en suspens"
            assert status["PP6"] == "abandonné"  # in the rounds' language
            await pilot.press("o")
            assert [table.get_row_at(k)[0] for k in range(table.row_count)] == ["PP5", "OP3", "OP5"]
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, StepsScreen) and app.screen.thread.id == "PP5"
            await pilot.press("escape")
            await pilot.press("o")
            assert table.row_count == len(ids)

    asyncio.run(go())


def test_tui_rounds_needs_two_files(capsys):
    from resodiff.cli import main

    assert main(["tui", "--rounds", str(ASEAN[0])]) == 2
    assert "tui --rounds: give the rounds as two or more FILEs" in capsys.readouterr().err


# ---- the JSON contracts -------------------------------------------------------------------------------


@needs_shared
def test_negotiation_outputs_conform(word_rev1, capsys):
    from contracts import conforms

    from resodiff.compare import compare

    for path in [*ICC, *ASEAN, word_rev1]:
        conforms(read(path).to_json(), "resolution")
    rows = compare(read(ICC[0]), read(word_rev1))
    assert any("authors" in r for r in rows["rows"])
    conforms(rows, "compare")
    conforms(_rounds_json(capsys, PREVIOUS, ICC[0], word_rev1, ICC[2]), "rounds")
