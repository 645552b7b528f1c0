"""The command line: parse arguments, call the core, print. Errors are one line, status 2."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from resodiff import __version__
from resodiff.errors import ResodiffError

# Command name -> its module (NAME, add(subparsers), run(args)). Only the command that runs is
# imported: the terminal app must not wait for the report or index code to load.
COMMANDS = {name: f"resodiff.commands.{name}" for name in (
    "parse", "compare", "fetch", "draft", "tui", "corpus", "history", "blame", "report", "rounds")}


def _parser(names) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="resodiff", description="Parse, compare and roll forward UN General Assembly resolutions.")
    p.add_argument("--version", action="version", version=f"resodiff {__version__}")
    sub = p.add_subparsers(dest="command")
    for name in names:
        import_module(COMMANDS[name]).add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        argv = ["tui", *argv]  # `resodiff OLD NEW` (or one FILE): the terminal app on them
    # Help and usage errors list every command; a command line that names one loads only it.
    names = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    args = _parser(names).parse_args(argv)
    try:
        if args.command is None:
            # The main job: the terminal app on the bundled example (its outline outside a terminal).
            return import_module(COMMANDS["tui"]).run_default()
        return import_module(COMMANDS[args.command]).run(args)
    except ResodiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `resodiff parse X | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
