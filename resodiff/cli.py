"""The command line: parse arguments, call the core, print. Errors are one line, status 2."""

from __future__ import annotations

import argparse
import sys
import warnings
from importlib import import_module

from resodiff import __version__
from resodiff.errors import ReadWarning, ResodiffError
from resodiff.terminal import neutralise

# Command name -> its module (NAME, add(subparsers), run(args)). Only the command that runs is
# imported: the terminal app must not wait for the report or index code to load.
COMMANDS = {name: f"resodiff.commands.{name}" for name in (
    "parse", "compare", "fetch", "draft", "tui", "corpus", "history", "blame", "report")}


def _parser(names) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="resodiff", description="Parse, compare and roll forward UN General Assembly resolutions.")
    p.add_argument("--version", action="version", version=f"resodiff {__version__}")
    sub = p.add_subparsers(dest="command")
    for name in names:
        import_module(COMMANDS[name]).add(sub)
    for command in sub.choices.values():  # every command reads files: one limit for all of them
        command.add_argument("--max-size", type=_size, metavar="SIZE",
                             help="refuse input files larger than this (default: 50M; e.g. 200M, 2G)")
    return p


def _size(text: str) -> int:
    from resodiff.readers import parse_size

    try:
        return parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: a size like 50M, 800k or 2G") from None


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, ReadWarning):
        print(f"warning: {neutralise(str(message), name=True)}", file=sys.stderr)
    else:
        _default_showwarning(message, category, filename, lineno, file, line)


_default_showwarning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        argv = ["tui", *argv]  # `resodiff OLD NEW` (or one FILE): the terminal app on them
    # Help and usage errors list every command; a command line that names one loads only it.
    names = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    args = _parser(names).parse_args(argv)
    warnings.showwarning = _show_warning  # a reader's warning is one line, like an error
    warnings.simplefilter("always", ReadWarning)
    if getattr(args, "max_size", None):
        from resodiff import readers

        readers.MAX_BYTES = args.max_size
    try:
        if args.command is None:
            # The main job: the terminal app on the bundled example (its outline outside a terminal).
            return import_module(COMMANDS["tui"]).run_default()
        return import_module(COMMANDS[args.command]).run(args)
    except ResodiffError as exc:
        print(f"error: {neutralise(str(exc), name=True)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `resodiff parse X | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
