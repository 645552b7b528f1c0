"""The words reports use, in the report's language.

The catalogues are ``templates/report/words/<language>.toml`` (fr, en, es; the same keys in
each): labels, statuses, tags, the margin's notes, the Word report's comments. A report is
written in its new text's language (English where resodiff has no catalogue for it). French
words go through the language's typography (non-breaking spaces before ``; : ? !``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from resodiff.bundled import templates_dir
from resodiff.languages import profile as language_profile
from resodiff.languages import typeset
from resodiff.model import Resolution
from resodiff.reports.content import Entry, Report
from resodiff.reports.content import describe as name_of

LANGUAGES = ("en", "fr", "es")
FALLBACK = "en"

# What each text's header says, in the order the reports list it: keys of ``metadata`` and of
# the catalogue's [fields].
FIELDS = ("name", "session", "adopted", "agenda_item", "drafts", "paragraphs", "footnotes", "file")


@dataclass(frozen=True)
class Words:
    """One catalogue: ``words("report.summary")``, ``words("report.was", id="OP3")``."""

    language: str
    table: dict[str, dict[str, str]]

    def __call__(self, key: str, **fields: Any) -> str:
        section, name = key.split(".", 1)
        text = self.table[section][name]
        return typeset(text.format(**fields) if fields else text, self.language)

    def around(self, key: str, field: str, **fields: Any) -> tuple[str, str]:
        """The words before and after ``{field}`` in ``key`` (where a link goes, say)."""
        mark = "\x00"
        before, _, after = self(key, **fields, **{field: mark}).partition(mark)
        return before, after

    def tag_words(self, tags) -> str:
        """"lead changed · strengthened": a row's tags as a reader says them (renumbering is
        shown in the margin already)."""
        return " · ".join(self("tags." + t) if t in self.table["tags"] else t for t in tags if t != "renumbered")

    def tags(self, tags) -> list[str]:
        return [self("tags." + t) if t in self.table["tags"] else t for t in tags]

    def status(self, status: str) -> str:
        return self("status." + status)

    def note_status(self, status: str) -> str:
        return self("note_status." + status)

    def field(self, key: str) -> str:
        return self("fields." + key)

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
    code = language if language in LANGUAGES else FALLBACK
    with open(templates_dir() / "report" / "words" / f"{code}.toml", "rb") as f:
        return Words(code, tomllib.load(f))


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
