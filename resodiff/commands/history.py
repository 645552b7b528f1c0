"""`resodiff history FILES...|--series NAME [--format text|json]`: each paragraph's lineage.

The versions (files given - those of one series, files of other series left out with a
warning (``versions.read_series``) - or a series of the corpus) are put in session order, each aligned
with the next, and the links chained: for every paragraph the version it entered, each version
it changed (with the diff), and the version that dropped it. JSON: ``"lineages"``, one list per
paragraph thread, oldest first, each step {"symbol", "session", "id", "status"} (and "diff"
where the text changed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from resodiff.commands.common import corpus_option, open_library, resolved, symbol_options
from resodiff.errors import SeriesError
from resodiff import marks
from resodiff.formats import add_format_option
from resodiff.history import find_series, history
from resodiff.history_view import history_json, history_rich
from resodiff.readers import read
from resodiff.versions import read_series

NAME = "history"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="each paragraph's history across the versions of a resolution")
    p.add_argument("files", nargs="*", metavar="FILE", help="the versions (any order: sorted by session)")
    p.add_argument("--series", metavar="NAME", help="a series of the corpus: a member's symbol or its title")
    p.add_argument("--language", help="with --series: the series in this language")
    add_format_option(p, ("text", "json"), "text")
    marks.add_color_option(p)
    corpus_option(p)
    symbol_options(p, corpus=False)


def run(args) -> int:
    if bool(args.files) == bool(args.series):
        raise SeriesError("history: give the versions as FILES, or a series of the corpus with --series NAME (not both)")
    series, title = None, None
    if args.series:
        with open_library(args) as lib:
            series = find_series(lib.series(), args.series, args.language)
        versions = [read(m.path) for m in series.members]
    else:
        chosen = read_series([Path(resolved(args, f)) for f in args.files])
        if chosen.warning:
            print(f"warning: {chosen.warning}", file=sys.stderr)
        versions = list(chosen.texts)
        title = chosen.series.members[-1].title if chosen.series.members else None
    if len(versions) < 2:
        what = f"the series “{series.title}”" if series else "history"
        raise SeriesError(f"{what}: only one version; a history needs at least two")
    hist = history(versions)
    if args.format == "json":
        print(json.dumps(history_json(hist, series, title), ensure_ascii=False, indent=2))
    else:
        marks.console(args).print(history_rich(hist, series, title, marks.styled(args)), soft_wrap=True)
    return 0
