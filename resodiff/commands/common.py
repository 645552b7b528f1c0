"""What several commands share: the ``--corpus`` option and the library it opens.

``corpus``, ``blame``, ``history`` (and every command that takes a symbol) read the same
corpus folder the same way; the helpers live here rather than in one of them.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager

from resodiff.library import Library, default_folder


def corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR",
                        help=f"the corpus folder (default: {default_folder()}, where `resodiff fetch` stores)")


@contextmanager
def open_library(args, refresh: bool = True):
    """The library of ``--corpus`` (or the default folder), brought up to date with its files;
    its warnings (a damaged index rebuilt) go to stderr when done."""
    folder = args.corpus or default_folder()
    lib = Library(folder, create=args.corpus is None or getattr(args, "corpus_action", None) == "add")
    try:
        if refresh:
            lib.refresh()
        yield lib
    finally:
        lib.close()
        for warning in lib.warnings:
            print(f"warning: {warning}", file=sys.stderr)
