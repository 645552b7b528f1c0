"""What several commands share: the ``--corpus`` option and the library it opens, and the
symbol options (--lang, --fetch) that let a FILE argument be a resolution's symbol.

``corpus``, ``blame``, ``history`` and every command that takes a file read the same corpus
folder the same way; the helpers live here rather than in one of them. The index (SQLite)
and the document system (HTTP) are loaded only when a command uses them, so that `parse
FILE` and the app on two files start as quickly as before.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from resodiff.terminal import neutralise
from resodiff.library.folder import default_folder

LANGUAGES = ("fr", "en", "es")  # the document system's languages resodiff reads (ods.LANGUAGES)


def corpus_option(parser) -> None:
    parser.add_argument("--corpus", metavar="DIR",
                        help=f"the corpus folder (default: {default_folder()}, where `resodiff fetch` stores)")


@contextmanager
def open_library(args, refresh: bool = True):
    """The library of ``--corpus`` (or the default folder), brought up to date with its files;
    its warnings (a damaged index rebuilt) go to stderr when done."""
    from resodiff.library.store import Library  # SQLite: only for the commands that open the corpus

    folder = args.corpus or default_folder()
    lib = Library(folder, create=args.corpus is None or getattr(args, "corpus_action", None) == "add")
    try:
        if refresh:
            if lib.writer_busy():
                print(f"resodiff: waiting for another resodiff process that is writing the corpus index "
                      f"({neutralise(str(lib.index), name=True)}) ...", file=sys.stderr, flush=True)
            lib.refresh()
        yield lib
    finally:
        lib.close()
        for warning in lib.warnings:
            print(f"warning: {warning}", file=sys.stderr)


def symbol_options(parser: argparse.ArgumentParser, *, corpus: bool = True) -> None:
    """--lang, --fetch (and --corpus): a FILE may be a symbol (64/79), looked up in the corpus."""
    group = parser.add_argument_group("a symbol for a file (64/79, A/RES/64/79): looked up in the corpus")
    group.add_argument("--lang", choices=LANGUAGES, help="the symbol's text in this language")
    group.add_argument("--fetch", action="store_true",
                       help="fetch a symbol the corpus lacks from the UN document system (in a terminal: asked)")
    group.add_argument("--base-url", metavar="URL", help=argparse.SUPPRESS)  # another copy of the system
    if corpus:
        corpus_option(group)


def resolved(args, name: str) -> str:
    """The path the FILE argument ``name`` stands for: itself, or a symbol's file in the corpus
    (``resolve.resolve`` with the command's --lang/--language, --fetch and --corpus)."""
    if Path(name).expanduser().exists():
        return name
    from resodiff.resolve import resolve  # the corpus and the network: only for what is no file

    return resolve(name, language=getattr(args, "lang", None) or getattr(args, "language", None),
                   corpus=getattr(args, "corpus", None), fetch=getattr(args, "fetch", False),
                   confirm=_ask if sys.stdin.isatty() and sys.stderr.isatty() else None,
                   base_url=getattr(args, "base_url", None))


def _ask(question: str) -> bool:
    """A yes/no question on the terminal; no answer (end of input) is no."""
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        return input().strip().lower() in ("y", "yes")
    except EOFError:
        return False
