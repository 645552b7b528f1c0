"""The HTML report: one self-contained file (styles inline, no scripts, nothing fetched),
readable on screen and printable on A4, in the report's language. The layout is
``templates/report/report.html.j2``.

``layout``: "inline" (the new text with its changes marked) or "side-by-side" (the old text
and the new in two columns, deletions marked on the left, insertions on the right).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from resodiff import __version__
from resodiff.languages import typeset
from resodiff.reports.content import NEW_SIDE, OLD_SIDE, Note, Report, Seg, side
from resodiff.reports.pieces import shown
from resodiff.reports.templating import environment
from resodiff.reports.words import FIELDS, Words, headers, metadata, words_for

LAYOUTS = ("inline", "side-by-side")


def note_side(note: Note, which: tuple[str, ...]) -> list[Seg]:
    """A footnote's pieces on one side, keeping their marks."""
    return [Seg(s.op, text, None, s.lead) for s in note.segs if (text := s.on(which))]


def legend(w: Words, key: str, **names: str) -> Markup:
    """The "how to read" line, its two examples marked as they are in the text."""
    marks = {"ins": Markup("<ins>{}</ins>").format(w("report.inserted_text")),
             "del": Markup("<del>{}</del>").format(w("report.deleted_text"))}
    line = w(key, ins="\x00ins\x00", **{"del": "\x00del\x00"}, **names)
    parts = line.split("\x00")
    return Markup("").join(marks[p] if k % 2 else escape(p) for k, p in enumerate(parts))


def render(report: Report, layout: str = "inline") -> str:
    """The report as an HTML document."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    w = words_for(report)
    language = report.new.language
    template = environment(autoescape=True).get_template("report.html.j2")
    meta = {"old": metadata(report.old, w), "new": metadata(report.new, w)}
    return template.render(
        r=report,
        w=w,
        layout=layout,
        version=__version__,
        names={"old": meta["old"]["name"], "new": meta["new"]["name"]},
        heads=headers(report, w),
        meta=meta,
        fields=FIELDS,
        legend=legend(w, "report.legend_inline", new=meta["new"]["name"], old=meta["old"]["name"]),
        shown=lambda items, gaps=True: shown(items, language, gaps=gaps),
        side=side,
        note_side=note_side,
        old_side=OLD_SIDE,
        new_side=NEW_SIDE,
        typeset=lambda text: typeset(text, language),
    )
