"""The words reports use, in the report's language.

The catalogues are ``templates/report/words/<language>.toml`` (fr, en, es; the same keys in
each), loaded by ``resodiff.words`` (the terminal app says their tags and statuses too):
labels, statuses, tags, the margin's notes, the Word report's comments. A report is written in
its new text's language (English where resodiff has no catalogue for it). French words go through the language's typography (non-breaking spaces before ``; : ? !``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from resodiff import words as shared
from resodiff.languages import profile as language_profile
from resodiff.languages import typeset
from resodiff.model import Resolution
from resodiff.reports.content import Entry, Report
from resodiff.reports.content import describe as name_of

# What each text's header says, in the order the reports list it: keys of ``metadata`` and of
# the catalogue's [fields].
FIELDS = ("name", "session", "adopted", "agenda_item", "drafts", "paragraphs", "footnotes", "file")


class Words(shared.Words):
    """The report catalogue (``resodiff.words.Words``), and the margin's word for an entry."""

    def describe(self, entry: Entry) -> str:
        """The margin's word for an entry's status ("" for an unchanged paragraph)."""
        old = " + ".join(entry.old)
        moved = self("margin.moved_suffix") if entry.moved else ""
        if entry.moved and entry.status in ("moved", "modified", "unchanged"):
            return self("margin.moved_from", ids=old)
        return {
            "modified": self("margin.modified"),
            "added": self("margin.added"),
            "deleted": self("margin.deleted"),
            "split": self("margin.split_from", ids=old) + moved,
            "merged": self("margin.merged_from", ids=old) + moved,
            "moved": self("margin.moved_from", ids=old),
        }.get(entry.status, "")


@cache
def words(language: str | None) -> Words:
    """The catalogue of ``language`` (English where there is none)."""
    return Words(*shared.table(language, "report"))


def words_for(report: Report) -> Words:
    """A report speaks its new text's language."""
    return words(report.new.language or report.old.language)


def metadata(res: Resolution, w: Words | None = None) -> dict[str, Any]:
    """A text's header as the reports show it; "—" where the text does not say."""
    w = w or words(res.language)
    pp, op = len(res.preamble), len(res.operative)

    def show(value):
        if value is None or value == () or value == "":
            return "—"
        return ", ".join(value) if isinstance(value, tuple) else value

    def day(iso: str | None) -> str:
        """An ISO date as the report's language writes it ("23 novembre 2020")."""
        try:
            return typeset(language_profile(w.language).format_date(iso), w.language) if iso else "—"
        except (KeyError, ValueError, AttributeError):
            return iso or "—"

    return {
        "name": name_of(res),
        "session": show(res.session),
        "adopted": day(res.adopted),
        "agenda_item": show(res.agenda_item),
        "drafts": show(res.drafts),
        "paragraphs": w("report.counts", pp=pp, op=op),
        "footnotes": str(len(res.footnotes)),
        "file": show(res.source),
    }


def headers(report: Report, w: Words) -> dict[str, tuple[str, str]]:
    """What heads each text's column: ("Previous text", "A/RES/75/15 · A_RES_75_15.fr.md") and
    ("New text", ...). The second line names the text by symbol and by what tells the two apart
    when the symbols are the same (the adoption date, else the file name)."""
    out = {}
    for which, res, other in (("old", report.old, report.new), ("new", report.new, report.old)):
        detail = [name_of(res)]
        if name_of(res) == name_of(other) or res.symbol is None:
            if res.adopted and res.adopted != other.adopted:
                detail.append(metadata(res, w)["adopted"])
            elif res.source and res.source != name_of(res):
                detail.append(res.source)
        out[which] = (w("report.previous" if which == "old" else "report.new"), " · ".join(detail))
    return out
