"""The command line: parse arguments, call the core, print. Errors are one line, status 2."""

from __future__ import annotations

import argparse
import sys
import warnings
from importlib import import_module

from resodiff import __version__
from resodiff.errors import ReadWarning, ResodiffError
from resodiff.terminal import neutralise

# Command name -> what `resodiff --help` says of it. Each command is the module
# resodiff.commands.<name> (NAME, add(subparsers), run(args)); only the command that runs is
# imported, and `--help` imports none: this table is its text (tests/test_cli.py checks it
# against each module's own help).
COMMANDS = {
    "parse": "show the structure of a resolution (header, PP, OP, footnotes)",
    "compare": "compare two versions paragraph by paragraph, word by word",
    "fetch": "download resolutions from the UN document system into the corpus",
    "draft": "write the next session's draft skeleton of a resolution",
    "tui": "the terminal app: two versions side by side, change by change",
    "corpus": "the corpus of resolutions: add files, list them, search their text",
    "history": "each paragraph's history across the versions of a resolution",
    "blame": "a resolution with, beside each paragraph, when it entered and last changed",
    "report": "write a change report (html, md, docx with tracked changes, json)",
    "rounds": "a negotiation round by round: each paragraph's path, who proposed what, what is open",
}
DESCRIPTION = "Parse, compare and roll forward UN General Assembly resolutions."
EPILOG = "resodiff OLD NEW opens the terminal app on two versions; resodiff alone on the bundled example."


def _module(name: str):
    return import_module(f"resodiff.commands.{name}")


def _parser(command: str | None) -> argparse.ArgumentParser:
    """The parser; ``command``'s own arguments when one is named, the others as names only."""
    p = argparse.ArgumentParser(prog="resodiff", description=DESCRIPTION, epilog=EPILOG)
    p.add_argument("--version", action="version", version=f"resodiff {__version__}")
    sub = p.add_subparsers(dest="command")
    for name, summary in COMMANDS.items():
        if name == command:
            _module(name).add(sub)
        else:
            sub.add_parser(name, help=summary)
    if command in sub.choices:  # every command reads files: one limit for all of them
        sub.choices[command].add_argument("--max-size", type=_size, metavar="SIZE",
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


def unknown_command(word: str) -> str | None:
    """The error for a first word that is neither a command nor something to open, else None.

    A path that exists, a word with a dot or a slash (a file name, a symbol such as 75/15) goes
    to the app, whose error names the file; a bare word that is neither is a mistyped command.
    """
    from pathlib import Path

    if Path(word).exists() or any(c in word for c in "./\\"):
        return None
    from difflib import get_close_matches

    near = get_close_matches(word.lower(), COMMANDS, n=2, cutoff=0.6)
    if not near and len(word) >= 3:
        near = [name for name in COMMANDS if name.startswith(word.lower()[:3])][:2]
    if near:
        return f"{word}: no such command or file (did you mean {' or '.join(near)}?)"
    return f"{word}: no such command or file (commands: {', '.join(COMMANDS)}; resodiff --help)"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        problem = unknown_command(argv[0])
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        argv = ["tui", *argv]  # `resodiff OLD NEW` (or one FILE): the terminal app on them
    args = _parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    warnings.showwarning = _show_warning  # a reader's warning is one line, like an error
    warnings.simplefilter("always", ReadWarning)
    if getattr(args, "max_size", None):
        from resodiff import readers

        readers.MAX_BYTES = args.max_size
    try:
        if args.command is None:
            # The main job: the terminal app on the bundled example (its outline outside a terminal).
            return _module("tui").run_default()
        return _module(args.command).run(args)
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
