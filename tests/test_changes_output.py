"""Changes as people read them: through a pipe ([-…-]{+…+}), on a terminal (strike-through,
underline, colour; --color, NO_COLOR), one set of format names, and --ignore case,punctuation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import CORPUS, SEED, needs_shared
from tui_docs import edited_seed

from resodiff import marks
from resodiff.cli import main
from resodiff.compare import compare
from resodiff.languages import profile
from resodiff.readers import read
from resodiff.worddiff import dates, only_changes_of, references

OLD_80_6 = CORPUS / "ga-72-partial" / "N1735495.partial.md"
NEW_80_6 = CORPUS / "ga-80" / "A_RES_80_6.md"
STRIKE, UNDERLINE = "\x1b[9", "\x1b[4"


def resodiff(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command as a shell runs it, its output into a pipe."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "resodiff.cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=120, check=False)


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    return edited_seed(tmp_path)


# ---- through a pipe, and on a terminal ---------------------------------------------------------

def test_piped_compare_marks_every_change(edited: Path):
    done = resodiff("compare", str(SEED), str(edited))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "[-" in out and "{+" in out and "\x1b" not in out
    assert "[-soixante-dix-septième-]{+soixante-dix-neuvième+}" in out
    assert "Encourage {+vivement+}" in out
    assert not any(line.endswith(" ") for line in out.splitlines())  # no padding to the width


def test_color_always_styles_a_pipe_and_never_marks_it(edited: Path):
    always = resodiff("compare", str(SEED), str(edited), "--color", "always").stdout
    assert STRIKE in always and UNDERLINE in always and "{+" not in always
    assert "\x1b[31" in always or "\x1b[9;31" in always  # red for deletions
    never = resodiff("compare", str(SEED), str(edited), "--color", "never").stdout
    assert "\x1b" not in never and "{+vivement+}" in never


def test_no_color_keeps_the_marks_of_a_terminal_without_colour():
    class Terminal:
        def isatty(self) -> bool:
            return True

    args = SimpleNamespace(color="auto")
    assert marks.styled(args, Terminal()) and not marks.styled(SimpleNamespace(color="never"), Terminal())
    old = os.environ.pop("NO_COLOR", None)
    try:
        os.environ["NO_COLOR"] = "1"
        console = marks.console(SimpleNamespace(color="always"))  # always: colour asked for by name
        assert not console.no_color
        args = SimpleNamespace(color="auto")
        original = sys.stdout
        sys.stdout = Terminal()  # type: ignore[assignment]
        try:
            console = marks.console(args)
        finally:
            sys.stdout = original
        assert console.no_color and console.is_terminal
        with console.capture() as capture:
            console.print(marks.mark([("=", "States "), ("-", "parties"), ("+", "Parties")], True))
        styled = capture.get()
        assert STRIKE in styled and UNDERLINE in styled and "\x1b[31" not in styled and "[-" not in styled
    finally:
        os.environ.pop("NO_COLOR", None)
        if old is not None:
            os.environ["NO_COLOR"] = old


def test_markers_keep_spaces_outside_and_every_character_inside():
    text = marks.mark([("=", "a "), ("-", " [x] {y} "), ("+", "*z*"), ("=", ".")], False).plain
    assert text == "a  [-[x] {y}-] {+*z*+}."


def test_history_piped_and_on_a_terminal(tmp_path: Path, edited: Path):
    piped = resodiff("history", str(SEED), str(edited))
    assert piped.returncode == 0, piped.stderr
    assert "[-soixante-dix-septième-]{+soixante-" in piped.stdout and "\x1b" not in piped.stdout
    styled = resodiff("history", str(SEED), str(edited), "--color", "always").stdout
    assert STRIKE in styled and UNDERLINE in styled and "{+" not in styled


# ---- one set of format names ------------------------------------------------------------------

def test_format_names_are_the_same_everywhere(tmp_path: Path, edited: Path, capsys):
    assert main(["compare", str(SEED), str(edited), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert main(["compare", str(SEED), str(edited), "--format", "md"]) == 0
    assert capsys.readouterr().out == markdown and markdown.startswith("#")
    for fmt in ("txt", "text"):
        assert main(["compare", str(SEED), str(edited), "--format", fmt, "--color", "never"]) == 0
        assert "{+vivement+}" in capsys.readouterr().out
        assert main(["parse", str(SEED), "--format", fmt]) == 0
        assert "OP1" in capsys.readouterr().out
    assert main(["draft", str(SEED), "--format", "txt", "-o", str(tmp_path / "d.txt")]) == 0
    assert main(["draft", str(SEED), "--format", "markdown", "-o", str(tmp_path / "d.md")]) == 0
    assert (tmp_path / "d.txt").read_text(encoding="utf-8") != (tmp_path / "d.md").read_text(encoding="utf-8")
    assert main(["report", str(SEED), str(edited), "--format", "markdown", "-o", str(tmp_path / "r.out")]) == 0
    assert (tmp_path / "r.out").read_text(encoding="utf-8").startswith("#")
    assert main(["history", str(SEED), str(edited), "--format", "txt"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["compare", str(SEED), str(edited), "--format", "pdf"])
    assert exc.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


# ---- cleaner tags ------------------------------------------------------------------------------

def test_a_year_inside_a_document_symbol_is_no_date():
    en = profile("en")
    assert dates("summonses issued by the Court, A/67/828-S/2013/210, annex.", en) == []
    assert references("A/67/828-S/2013/210, annex.") == ["A/67/828-S/2013/210"]
    assert dates("the statement of 12 February 2013 (S/PRST/2013/2)", en) == ["2013-02-12"]
    assert dates("for the biennium 2017/18", en) == ["2017"]


@needs_shared
def test_a_removed_document_symbol_is_tagged_references_not_dates():
    rows = {tuple(r["new"]): r for r in compare(read(OLD_80_6), read(NEW_80_6))["rows"]}
    op14 = rows[("OP14",)]
    assert next(text for op, text in op14["diff"] if op == "-").startswith("A/67/828-S/2013/210, annex.")
    assert "references" in op14["tags"] and "dates" not in op14["tags"]
    assert "dates" in rows[("OP22",)]["tags"]  # "1 August 2012–31 July 2013" went: real dates


# ---- --ignore case,punctuation -----------------------------------------------------------------

def test_only_changes_of():
    diff = [("=", "States "), ("-", "parties"), ("+", "Parties"), ("=", " to it")]
    assert only_changes_of(diff, ["case"]) and not only_changes_of(diff, ["punctuation"])
    comma = [("=", "Urges States"), ("-", ","), ("=", " in particular")]
    assert only_changes_of(comma, ["punctuation"]) and not only_changes_of(comma, ["case"])
    both = [("=", "States "), ("-", "parties,"), ("+", "Parties"), ("=", " to it")]
    assert only_changes_of(both, ["case", "punctuation"]) and not only_changes_of(both, ["case"])
    assert not only_changes_of([("=", "same")], ["case"])
    assert not only_changes_of([("-", "parties"), ("+", "Parties and States")], ["case", "punctuation"])


@needs_shared
def test_ignore_case_takes_80_6s_parties_rows_out_of_the_modified_count(capsys):
    old, new = read(OLD_80_6), read(NEW_80_6)
    plain, ignoring = compare(old, new), compare(old, new, ("case",))
    case_rows = [r["new"] for r in plain["rows"] if r["status"] == "modified"
                 and {t for op, t in r["diff"] if op != "="} <= {"parties", "Parties", "party", "Party"}]
    assert case_rows == [["OP2"], ["OP10"], ["OP18"], ["OP19"]]
    assert [r["new"] for r in ignoring["rows"] if r.get("ignored")] == case_rows
    assert ignoring["summary"]["modified"] == plain["summary"]["modified"] - 4
    assert ignoring["summary"]["ignored"] == 4 and "ignored" not in plain["summary"]
    # OP11 also changes parties/Parties, but says more: still modified
    assert next(r for r in ignoring["rows"] if r["new"] == ["OP11"]).get("ignored") is None
    # the rows and their diffs are the same: set aside, not hidden
    assert [r["diff"] for r in plain["rows"]] == [r["diff"] for r in ignoring["rows"]]

    assert main(["compare", str(OLD_80_6), str(NEW_80_6), "--ignore", "case", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "modified  OP2 → OP2  (set aside: --ignore)" in out
    assert "[-parties-]{+Parties+}" in out  # still shown
    assert f"{plain['summary']['modified'] - 4} modified" in out and "4 ignored" in out
    assert main(["compare", str(OLD_80_6), str(NEW_80_6), "--ignore", "case", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == ignoring["summary"]


@needs_shared
def test_ignore_in_reports(tmp_path: Path, capsys):
    out = tmp_path / "r.json"
    assert main(["report", str(OLD_80_6), str(NEW_80_6), "--ignore", "case,punctuation", "-o", str(out)]) == 0
    assert "4 ignored" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["ignored"] == 4


def test_ignore_refuses_unknown_kinds(edited: Path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", str(SEED), str(edited), "--ignore", "case,spelling"])
    assert exc.value.code == 2
    assert "give one or more of case, punctuation" in capsys.readouterr().err


@needs_shared
def test_compare_names_a_fragment_by_its_file_and_leaves_its_missing_preamble_out():
    """72nd-session fragment -> 80/6: the fragment has no symbol, so it is named by its file (as
    in the app and the reports), and 80/6's preamble is "not in this text", never "added"."""
    old = CORPUS / "ga-72-partial" / "N1735495.partial.md"
    done = resodiff("compare", str(old), str(CORPUS / "ga-80" / "A_RES_80_6.md"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "N1735495.partial.md → A/RES/80/6"
    assert sum("PP" in line and "(not in this text: fragment)" in line for line in lines) == 14
    assert not any(line.startswith("added") and "PP" in line for line in lines)
    assert lines[-1] == "summary: 8 unchanged, 14 modified, 10 added"


def test_history_shows_control_characters_as_escapes(tmp_path: Path):
    """An ESC sequence inside a changed paragraph: history prints it as a visible escape, piped
    and on a terminal, and never sends it."""
    text = SEED.read_text(encoding="utf-8")
    old = tmp_path / "A_RES_75_15.fr.md"
    new = tmp_path / "A_RES_75_15.rev.fr.md"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("Rappelant ", "Rappelant \x1b[2J ", 1), encoding="utf-8")
    for color in ("never", "always"):
        done = resodiff("history", str(old), str(new), "--color", color)
        assert done.returncode == 0, done.stderr
        assert "\\x1b[2J" in done.stdout and "\x1b[2J" not in done.stdout


def test_a_number_replacing_a_number_never_runs_into_it_on_a_terminal():
    """Struck "3" then underlined "5" would read "35": a thin space (the display's) keeps them
    apart when styled; piped, the markers already do."""
    pieces = [("=", "le "), ("-", "3"), ("+", "5"), ("=", " novembre"), ("-", "2017"), ("+", "2026")]
    assert marks.mark(pieces, True).plain == "le 3\u20095 novembre2017\u20092026"
    assert marks.mark(pieces, False).plain == "le [-3-]{+5+} novembre[-2017-]{+2026+}"
    assert marks.mark([("-", "a "), ("+", "b")], True).plain == "a b"  # a space already parts them
