"""The HTML report: one self-contained file (styles inline, no scripts, nothing fetched),
readable on screen and printable on A4. The layout is ``templates/report/report.html.j2``.

``layout``: "inline" (the new text with its changes marked) or "side-by-side" (the old text
and the new in two columns, deletions marked on the left, insertions on the right).
"""

from __future__ import annotations

from resodiff import __version__
from resodiff.reports.content import NEW_SIDE, OLD_SIDE, Note, Report, Seg, side
from resodiff.reports.templating import environment
from resodiff.reports.words import FIELDS, describe, metadata, tag_words

LAYOUTS = ("inline", "side-by-side")


def note_side(note: Note, which: tuple[str, ...]) -> list[Seg]:
    """A footnote's pieces on one side, keeping their marks."""
    return [Seg(s.op, text, None, s.lead) for s in note.segs if (text := s.on(which))]


def render(report: Report, layout: str = "inline") -> str:
    """The report as an HTML document."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    template = environment(autoescape=True).get_template("report.html.j2")
    return template.render(
        r=report,
        layout=layout,
        version=__version__,
        names={"old": metadata(report.old)["name"], "new": metadata(report.new)["name"]},
        meta={"old": metadata(report.old), "new": metadata(report.new)},
        fields=FIELDS,
        describe=describe,
        tag_words=tag_words,
        side=side,
        note_side=note_side,
        old_side=OLD_SIDE,
        new_side=NEW_SIDE,
    )
