"""The command line itself: mistyped commands, and help that names every command without loading it."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import import_module

import pytest

from resodiff.cli import COMMANDS, main


@pytest.mark.parametrize(("argv", "nearest"), [
    (["comapre", "a", "b"], "compare"),
    (["pars", "FILE"], "parse"),
    (["histroy"], "history"),
    (["repot", "x", "y"], "report"),
])
def test_a_mistyped_command_suggests_the_nearest_and_goes_no_further(argv, nearest, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"error: {argv[0]}: no such command or file (did you mean {nearest}?)\n"


def test_a_word_near_no_command_lists_them_all(capsys):
    assert main(["zzz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: zzz: no such command or file (commands: parse, compare,")
    assert err.count("\n") == 1


def test_a_missing_file_is_still_named_as_a_file(capsys, tmp_path):
    assert main([str(tmp_path / "old.md"), str(tmp_path / "new.md")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'old.md'}: no such file\n"


def test_the_help_table_says_what_each_command_module_says():
    """`--help` reads COMMANDS instead of importing every command: the two must agree."""
    for name, summary in COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        import_module(f"resodiff.commands.{name}").add(sub)
        action = next(a for a in parser._subparsers._group_actions)  # the subparsers action
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        assert helps == {name: summary}


def test_help_imports_no_command(tmp_path):
    code = ("import sys; from resodiff.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('resodiff.commands.', 'textual'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "usage: resodiff" in out
    for name in COMMANDS:
        assert name in out  # every command is listed ...
    assert out.rstrip().splitlines()[-1] == "[]"  # ... and none was imported


def test_a_commands_own_help_loads_that_command_only(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["compare", "--help"])
    assert exit_.value.code == 0
    assert "usage: resodiff compare" in capsys.readouterr().out
