"""The resolution model: what every reader produces and every later stage consumes.

Frozen dataclasses, so a parsed resolution can be shared between the aligner, the drafter and
the terminal app without anyone mutating it behind the others' backs. The JSON form
(``to_json``) is the contract reviewers' tools read, written down as a JSON Schema in
``resodiff/schemas/resolution.schema.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PREAMBLE = "preamble"
OPERATIVE = "operative"
SUBPARAGRAPH = "subparagraph"


@dataclass(frozen=True)
class Revision:
    """A tracked change a Word file carried in this paragraph: who proposed what, and when."""

    kind: str  # "insertion" or "deletion"
    text: str
    author: str | None = None
    date: str | None = None  # as Word stamped it (ISO 8601)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "author": self.author, "date": self.date}


@dataclass(frozen=True)
class Comment:
    """A Word comment on this paragraph: its author and the words it is anchored on."""

    text: str
    anchor: str  # the commented words ("" for a comment on a point)
    author: str | None = None
    date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"author": self.author, "date": self.date, "anchor": self.anchor, "text": self.text}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as printed.

    ``id`` follows the contract: PP<k> (k-th preambular paragraph), OP<n> (printed number n,
    OPII.3 inside section II), OP4(a) for a sub-paragraph. ``text`` is the clean paragraph
    without its number or label, starting with its lead; for a paragraph with sub-paragraphs
    it is the chapeau only, the sub-paragraphs carry their own text.
    """

    id: str
    kind: str
    text: str
    lead: str | None = None
    footnotes: tuple[str, ...] = ()
    subparagraphs: tuple[Paragraph, ...] = ()
    number: str | None = None  # as printed: "12", "a", "iv"
    section: str | None = None  # "II" where the operative part has sections
    # Where each of ``footnotes`` stood: offsets into ``text``, same order; () when unknown.
    # Not in the JSON contract; the drafter uses it to put Word footnotes where they were.
    footnote_at: tuple[int, ...] = ()
    # Negotiation texts (zero draft, Rev.1 ...): the margin label as typed ("PP4 bis"), the
    # paragraph's status from its note ("agreed" / "pending") and the note as typed, the
    # [square-bracketed] spans of ``text`` as (start, end) offsets (brackets included, kept in
    # the text), and a Word file's tracked changes and comments. All empty in an adopted text.
    label: str | None = None
    status: str | None = None
    status_note: str | None = None
    brackets: tuple[tuple[int, int], ...] = ()
    revisions: tuple[Revision, ...] = ()
    comments: tuple[Comment, ...] = ()
    # Stretches of ``text`` printed in italics besides the lead (titles of publications, Latin
    # terms): (start, end) offsets. In the JSON form as "emphasis" where there are any.
    emphasis: tuple[tuple[int, int], ...] = ()
    # A draft's flags ("[À ACTUALISER : année 2017]") the reader took out of the text: their
    # reasons, for a person to see. Not text, not in the JSON contract.
    annotations: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        """The paragraph with its sub-paragraphs, as one string (what alignment compares)."""
        parts = [self.text]
        for sub in self.subparagraphs:
            parts.append(f"({sub.number}) {sub.full_text}" if sub.number else sub.full_text)
        return " ".join(p for p in parts if p)

    def all_footnotes(self) -> tuple[str, ...]:
        """Footnote numbers anchored in this paragraph or any of its sub-paragraphs."""
        out = list(self.footnotes)
        for sub in self.subparagraphs:
            out.extend(sub.all_footnotes())
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        if self.kind == SUBPARAGRAPH:
            data: dict[str, Any] = {"id": self.id, "text": self.text, "footnotes": list(self.footnotes)}
            if self.subparagraphs:
                data["subparagraphs"] = [s.to_json() for s in self.subparagraphs]
        else:
            data = {"id": self.id, "lead": self.lead, "text": self.text, "footnotes": list(self.footnotes)}
            if self.kind == OPERATIVE or self.subparagraphs:  # the contract always lists an OP's
                data["subparagraphs"] = [s.to_json() for s in self.subparagraphs]
        if self.emphasis:  # an addition to the contract, only where there is any
            data["emphasis"] = [list(span) for span in self.emphasis]
        return self._negotiation_json(data)

    def _negotiation_json(self, data: dict[str, Any]) -> dict[str, Any]:
        """Negotiation keys only where a text has them: an adopted text's contract is unchanged."""
        if self.label is not None:
            data["label"] = self.label
        if self.status is not None:
            data["status"] = self.status
            data["status_note"] = self.status_note
        if self.brackets:
            data["brackets"] = [list(span) for span in self.brackets]
        if self.revisions:
            data["revisions"] = [r.to_json() for r in self.revisions]
        if self.comments:
            data["comments"] = [c.to_json() for c in self.comments]
        return data

    @property
    def open(self) -> bool:
        """Still under negotiation: bracketed text anywhere in it, or a "pending" note."""
        return self.status == "pending" or bool(self.brackets) or any(s.open for s in self.subparagraphs)


@dataclass(frozen=True)
class Resolution:
    """A parsed resolution. Fields a text does not give are None, never guessed."""

    language: str
    preamble: tuple[Paragraph, ...] = ()
    operative: tuple[Paragraph, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (number, text) in order
    symbol: str | None = None
    session: int | None = None
    title: str | None = None
    agenda_item: str | None = None
    issued: str | None = None  # ISO date of "Distr." line
    adopted: str | None = None  # ISO date of adoption
    drafts: tuple[str, ...] = ()
    meeting: int | None = None
    references: tuple[str, ...] = ()
    source: str | None = None  # file name it was read from
    source_format: str | None = None  # "un-text", "pdf-markdown", "plain-text", "fragment", ...
    notes: tuple[str, ...] = field(default=())  # what the reader noticed: "tracked changes", ...
    # Italic stretches of footnote texts: (number, ((start, end), ...)) for the notes that have
    # any. In the JSON form as "footnote_emphasis" ({"1": [[15, 34]]}) where there are any.
    footnote_emphasis: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.preamble + self.operative

    def paragraph(self, pid: str) -> Paragraph | None:
        """Find a paragraph or sub-paragraph by id (PP3, OP12, OP4(a))."""
        for para in self.paragraphs:
            if para.id == pid:
                return para
            for sub in _walk(para.subparagraphs):
                if sub.id == pid:
                    return sub
        return None

    def footnote(self, number: str) -> str | None:
        return dict(self.footnotes).get(number)

    def footnote_italics(self, number: str) -> tuple[tuple[int, int], ...]:
        """The italic stretches of footnote ``number``'s text (offsets into it)."""
        return dict(self.footnote_emphasis).get(number, ())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "symbol": self.symbol,
            "session": self.session,
            "language": self.language,
            "title": self.title,
            "agenda_item": self.agenda_item,
            "issued": self.issued,
            "adopted": self.adopted,
            "drafts": list(self.drafts),
            "meeting": self.meeting,
            "preamble": [p.to_json() for p in self.preamble],
            "operative": [p.to_json() for p in self.operative],
            "footnotes": dict(self.footnotes),
            "references": list(self.references),
        }
        if self.footnote_emphasis:  # an addition to the contract, only where there is any
            data["footnote_emphasis"] = {n: [list(s) for s in spans] for n, spans in self.footnote_emphasis}
        return data


def spans(text: str, marked: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut at the (start, end) spans ``marked``: (piece, inside a span) in order."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(marked):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], False))
    return out


def _walk(paras: tuple[Paragraph, ...]):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)
