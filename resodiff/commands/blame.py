"""`resodiff blame FILE [--with EARLIER...] [--format text|json]`: the text, and each paragraph's age.

Prints FILE's paragraphs with, beside each, the version it entered and the version its text
last changed. The earlier versions are FILE's series in the corpus (same title, or named by
its recall footnote), or the files given with --with.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from resodiff import symbols
from resodiff.commands.common import corpus_option, open_library, resolved, symbol_options
from resodiff.errors import SeriesError
from resodiff.formats import add_format_option
from resodiff.history import group_series, history, order_versions
from resodiff.history_view import blame_json, blame_text
from resodiff.library.document import describe
from resodiff.readers import read
from resodiff.terminal import neutralise

NAME = "blame"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="a resolution with, beside each paragraph, when it entered and last changed")
    p.add_argument("file", metavar="FILE", help="the resolution (the newest version)")
    p.add_argument("--with", dest="earlier", nargs="+", metavar="EARLIER",
                   help="the earlier versions (default: FILE's series in the corpus)")
    add_format_option(p, ("text", "json"), "text")
    corpus_option(p)
    symbol_options(p, corpus=False)


def run(args) -> int:
    newest, doc = describe(Path(resolved(args, args.file)))
    if args.earlier:
        earlier = [read(resolved(args, f)) for f in args.earlier]
    else:
        earlier = _from_corpus(args, doc)
        if not earlier:
            print(f"warning: {args.file}: no earlier version in the corpus; every paragraph is new "
                  f"(add them with `resodiff corpus add`, or give them with --with)", file=sys.stderr)
    versions = order_versions(earlier) + [newest]
    if len({v.language for v in versions}) > 1:
        raise SeriesError(f"{args.file}: the earlier versions are not all in {newest.language}")
    hist = history(versions)
    if args.format == "json":
        print(json.dumps(blame_json(hist, doc.title), ensure_ascii=False, indent=2))
    else:
        print(neutralise(blame_text(hist, doc.title)))
    return 0


def _from_corpus(args, doc):
    """The members of ``doc``'s series in the corpus that come before it."""
    with open_library(args) as lib:
        others = [d for d in lib.documents(language=doc.language)
                  if not (doc.symbol and d.symbol == doc.symbol) and d.path.resolve() != doc.path.resolve()]
    for series in group_series(others + [doc]):
        if any(m is doc for m in series.members):
            key = (doc.session if doc.session is not None else 10 ** 6, symbols.order(doc.symbol))
            return [read(m.path) for m in series.members
                    if m is not doc and m.session is not None
                    and (m.session, symbols.order(m.symbol)) < key]
    return []
