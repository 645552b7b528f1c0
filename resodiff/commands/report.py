"""`resodiff report OLD NEW -o FILE` and `resodiff report --series FILES... -o FILE`: change
reports for reviewers, as HTML, Markdown, Word (tracked changes) or JSON."""

from __future__ import annotations

import os
import sys
from datetime import datetime, UTC
from pathlib import Path

from resodiff.commands.common import resolved, symbol_options
from resodiff.commands.compare import add_ignore_option
from resodiff.errors import OutputError, ReportError
from resodiff.formats import add_format_option
from resodiff.output import write_new
from resodiff.readers import read
from resodiff.reports import FORMATS, format_for, make, render
from resodiff.terminal import neutralise

NAME = "report"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="write a change report (html, md, docx with tracked changes, json)",
                              description="Write the changes from OLD to NEW as a report for reviewers, or, "
                                          "with --series, the changes across many versions.")
    p.add_argument("files", nargs="*", metavar="FILE", help="OLD and NEW: the earlier and the later text")
    p.add_argument("--series", nargs="+", metavar="FILE",
                   help="many versions: each compared with the one before (in session order)")
    p.add_argument("--compilation", nargs="+", metavar="FILE",
                   help="negotiation rounds: the previous resolution then the rounds, oldest first; "
                        "writes the compilation table (docx, html or md)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the report to write")
    add_format_option(p, FORMATS, help="default: from the output file's extension")
    p.add_argument("--side-by-side", action="store_true", help="HTML: the two texts in two columns")
    p.add_argument("--language", choices=("fr", "en", "es"), help="skip language detection")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    symbol_options(p)
    add_ignore_option(p)


def run(args) -> int:
    if args.compilation:
        return _compilation(args)
    if args.series and args.files:
        raise ReportError("report: give OLD and NEW, or --series FILES..., not both")
    inputs = [resolved(args, name) for name in args.series or args.files]
    if args.series is None and len(inputs) != 2:
        raise ReportError("report: give two files, OLD and NEW (or --series FILES... for many versions)")
    fmt = format_for(args.output, args.format)
    if args.series and fmt == "docx":
        raise ReportError("a series report is written as html, md or json, not docx")
    if args.series and args.side_by_side:
        raise ReportError("--side-by-side is for the report of two texts, not a series")
    output = Path(args.output)
    for name in inputs:
        if output.exists() and Path(name).exists() and output.samefile(name):
            raise OutputError(f"{output}: is one of the texts being compared; write the report to another file")
    layout = "side-by-side" if args.side_by_side else "inline"
    # Two texts are read here; a series is read, and kept to one series, below.
    texts = [] if args.series else [read(name, language=args.language) for name in inputs]
    if not args.series and fmt == "docx" and all(Path(n).suffix.lower() == ".docx" for n in inputs):
        # Two Word drafts: the revision (L./Rev.) is written on OLD's own document, its
        # formatting kept, every change tracked in its paragraphs (resodiff.tracked, helper b).
        from resodiff.tracked import tracked_revision

        data = tracked_revision(Path(inputs[0]), *texts, date=_date().strftime("%Y-%m-%dT%H:%M:%SZ"))
        write_new(output, data, force=args.force)
        print(f"{output}: {inputs[0]} revised, its changes tracked in its own formatting")
        return 0
    if args.series:
        from resodiff.reports.series import make_series, render as render_series
        from resodiff.versions import read_series

        versions = read_series([Path(name) for name in inputs], language=args.language)
        if versions.warning:
            print(f"warning: {versions.warning}", file=sys.stderr)
        data = render_series(make_series(versions.texts), fmt)
        what = f"{len(versions.texts)} versions"
    else:
        report = make(texts[0], texts[1], tuple(args.ignore or ()))
        data = render(report, fmt, layout=layout, date=_date())
        what = ", ".join(f"{n} {status}" for status, n in report.summary.items() if n)
    write_new(output, data, force=args.force)
    print(neutralise(f"{output}: {fmt} report ({what})", name=True))
    return 0


def _compilation(args) -> int:
    """The facilitator's table: one row per paragraph of the latest round (resodiff.compilation)."""
    from resodiff.compilation import compile_rounds
    from resodiff.reports.compilation import FORMATS as TABLE_FORMATS
    from resodiff.reports.compilation import render as render_table

    if args.files or args.series:
        raise ReportError("report: give --compilation PREVIOUS ROUND..., without other files or --series")
    if len(args.compilation) < 2:
        raise ReportError("report --compilation: give the previous resolution and at least one round, oldest first")
    fmt = format_for(args.output, args.format)
    if fmt not in TABLE_FORMATS:
        raise ReportError(f"a compilation table is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
    output = Path(args.output)
    for name in args.compilation:
        if output.exists() and Path(name).exists() and output.samefile(name):
            raise OutputError(f"{output}: is one of the rounds; write the table to another file")
    table = compile_rounds([read(name, language=args.language) for name in args.compilation])
    write_new(output, render_table(table, fmt), force=args.force)
    still = sum(1 for row in table.rows if row.open)
    print(f"{output}: {fmt} compilation table ({len(table.rows)} paragraphs, {still} still open)")
    return 0


def _date() -> datetime:
    """The date of the DOCX's revisions: now, or SOURCE_DATE_EPOCH for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)
