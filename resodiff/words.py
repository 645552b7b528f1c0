"""resodiff's own words (labels, statuses, tags, messages) in the language of the text shown.

The catalogues are TOML files under ``templates/``: ``report/words/<language>.toml`` (what
the reports say, and the tags and statuses everything says) and ``app/words/<language>.toml``
(what the terminal app adds: its gutter, keys, panels and dialogs). Each has the same keys in
every language (fr, en, es); a text in another language is labelled in English. French words
go through the language's typography (non-breaking spaces before ``; : ? ! »``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from resodiff.bundled import templates_dir

LANGUAGES = ("en", "fr", "es")
FALLBACK = "en"


@dataclass(frozen=True)
class Words:
    """One language's catalogues: ``words("report.summary")``, ``words("report.was", id="OP3")``.

    ``typeset``: whether a text still needs its language's typography when said (False once
    ``typeset_all`` has applied it to the whole table: the app's words, typeset where the texts
    are read, so that its first screen need not load the language profiles).
    """

    language: str
    table: dict[str, dict[str, str]]
    typeset: bool = True

    def __call__(self, key: str, **fields: Any) -> str:
        section, name = key.split(".", 1)
        text = self.table[section][name]
        text = text.format(**fields) if fields else text
        if not self.typeset:
            return text
        from resodiff.languages import typeset  # here: the app's words come typeset already

        return typeset(text, self.language)

    def has(self, key: str) -> bool:
        section, _, name = key.partition(".")
        return name in self.table.get(section, {})

    def around(self, key: str, field: str, **fields: Any) -> tuple[str, str]:
        """The words before and after ``{field}`` in ``key`` (where a link goes, say)."""
        mark = "\x00"
        before, _, after = self(key, **fields, **{field: mark}).partition(mark)
        return before, after

    def tag_words(self, tags) -> str:
        """"lead changed · strengthened": a row's tags as a reader says them (renumbering is
        shown in the margin already)."""
        return " · ".join(self.tags(t for t in tags if t != "renumbered"))

    def tags(self, tags) -> list[str]:
        return [self("tags." + t) if t in self.table["tags"] else t for t in tags]

    def status(self, status: str) -> str:
        return self("status." + status)

    def note_status(self, status: str) -> str:
        return self("note_status." + status)

    def field(self, key: str) -> str:
        return self("fields." + key)

    def typeset_all(self) -> Words:
        """The same words with the typography applied to every text of the table now.

        Fields filled in later (ids, counts, file names, what the user typed) are left as
        they are: the spaces typography cares about are the catalogue's own."""
        if not self.typeset:
            return self
        from resodiff.languages import typeset

        table = {section: {k: typeset(v, self.language) for k, v in entries.items()}
                 for section, entries in self.table.items()}
        return replace(self, table=table, typeset=False)


def code(language: str | None) -> str:
    """The catalogue language for a text's language: itself where resodiff has one, else English."""
    return language if language in LANGUAGES else FALLBACK


@cache
def catalogue(name: str, language: str) -> dict[str, dict[str, str]]:
    """``templates/<name>/words/<language>.toml`` as a table of sections."""
    with open(templates_dir() / name / "words" / f"{language}.toml", "rb") as f:
        return tomllib.load(f)


def table(language: str | None, *names: str) -> tuple[str, dict[str, dict[str, str]]]:
    """(catalogue language, the sections of the catalogues ``names`` of that language, merged).

    Two catalogues never name the same section: a word has one home (the tags are the
    reports', the app says them too)."""
    lang = code(language)
    merged: dict[str, dict[str, str]] = {}
    for name in names:
        for section, entries in catalogue(name, lang).items():
            if section in merged:
                raise ValueError(f"section [{section}] is in two catalogues ({', '.join(names)})")
            merged[section] = entries
    return lang, merged


@cache
def app_words(language: str | None) -> Words:
    """The terminal app's words: the reports' catalogue and the app's own, typeset."""
    return Words(*table(language, "report", "app")).typeset_all()
