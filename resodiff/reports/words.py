"""The words reports use about changes (the reports' own language is English)."""

from __future__ import annotations

from typing import Any

from resodiff.model import Resolution
from resodiff.reports.content import Entry, describe as name_of

TAG_WORDS = {
    "renumbered": "renumbered",
    "to-preamble": "now preambular",
    "to-operative": "now operative",
    "lead-verb": "lead changed",
    "strengthened": "strengthened",
    "weakened": "weakened",
    "dates": "dates",
    "session": "session",
    "references": "references",
    "footnotes": "footnotes",
    "punctuation-only": "punctuation only",
}

# What each text's header says, in the order the reports list it: (label, key of ``metadata``).
FIELDS = (
    ("Document", "name"),
    ("Session", "session"),
    ("Adopted", "adopted"),
    ("Agenda item", "agenda_item"),
    ("Drafts", "drafts"),
    ("Paragraphs", "paragraphs"),
    ("Footnotes", "footnotes"),
    ("File", "file"),
)


def tag_words(tags) -> str:
    """"lead changed · strengthened": a row's tags as a reader says them (renumbering is shown
    in the margin already)."""
    return " · ".join(TAG_WORDS.get(t, t) for t in tags if t != "renumbered")


def describe(entry: Entry) -> str:
    """The margin's word for an entry's status ("" for an unchanged paragraph)."""
    old = " + ".join(entry.old)
    if entry.moved and entry.status in ("moved", "modified", "unchanged"):
        return f"moved from {old}"
    return {
        "modified": "modified",
        "added": "new paragraph",
        "deleted": "deleted",
        "split": f"split from {old}" + (" (moved)" if entry.moved else ""),
        "merged": f"merged from {old}" + (" (moved)" if entry.moved else ""),
        "moved": f"moved from {old}",
    }.get(entry.status, "")


def metadata(res: Resolution) -> dict[str, Any]:
    """A text's header as the reports show it; "—" where the text does not say."""
    pp, op = len(res.preamble), len(res.operative)

    def show(value):
        if value is None or value == () or value == "":
            return "—"
        return ", ".join(value) if isinstance(value, tuple) else value

    return {
        "name": name_of(res),
        "session": show(res.session),
        "adopted": show(res.adopted),
        "agenda_item": show(res.agenda_item),
        "drafts": show(res.drafts),
        "paragraphs": f"{pp} preambular, {op} operative",
        "footnotes": str(len(res.footnotes)),
        "file": show(res.source),
    }
