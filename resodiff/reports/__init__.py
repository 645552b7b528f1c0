"""Change reports for reviewers: HTML, Markdown, DOCX with tracked changes, JSON.

``make(old, new)`` compares two texts and lays the comparison out (``content.build``);
``render(report, fmt)`` gives the bytes of the file; ``series`` does the same for many
versions. Writing the file is ``resodiff.output.write_new`` (atomic, no overwriting unless
forced).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from resodiff.compare import LanguageMismatch, compare
from resodiff.errors import ReportError
from resodiff.model import Resolution
from resodiff.reports.content import Report, build, describe

FORMATS = ("html", "md", "docx", "json")
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx", ".json": "json"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format asked for, else the one the output file's extension names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ReportError(f"unknown report format {fmt!r} (use html, md, docx or json)")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ReportError(f"{path}: cannot tell the report format from the name; "
                          "end it in .html, .md, .docx or .json, or give --format")
    return EXTENSIONS[suffix]


def make(old: Resolution, new: Resolution, ignore: tuple[str, ...] = ()) -> Report:
    """Compare two versions and lay the comparison out for the reports; ``ignore``: kinds of
    change set aside (``compare.IGNORABLE``)."""
    try:
        comparison = compare(old, new, ignore)
    except LanguageMismatch as exc:
        raise ReportError(f"{describe(old)} and {describe(new)}: {exc}") from None
    return build(old, new, comparison)


def render(report: Report, fmt: str, *, layout: str = "inline", date: datetime | None = None) -> bytes:
    """The report in ``fmt`` as the bytes of the file. ``layout`` ("inline", "side-by-side")
    applies to HTML; ``date`` stamps the DOCX's revisions (default: now)."""
    if layout != "inline" and fmt != "html":
        raise ReportError(f"the side-by-side layout is for HTML reports, not {fmt}")
    if fmt == "html":
        from resodiff.reports.html import render as html

        return html(report, layout).encode("utf-8")
    if fmt == "md":
        from resodiff.reports.markdown import render as markdown

        return markdown(report).encode("utf-8")
    if fmt == "json":
        from resodiff.reports.json import render as as_json

        return as_json(report).encode("utf-8")
    if fmt == "docx":
        from resodiff.reports.docx import render as docx

        return docx(report, date)
    raise ReportError(f"unknown report format {fmt!r} (use html, md, docx or json)")
