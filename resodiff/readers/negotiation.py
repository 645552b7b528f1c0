"""What a text under negotiation carries beyond an adopted resolution's: margin labels,
[square brackets] and status notes.

- Margin labels: ``PP4 bis``, ``OP3 ter``, ``OP7 alt``, ``op 12``, and the French ``3 bis.``;
  a label gives the paragraph its id (``PP4bis``) and is kept as typed.
- Square brackets mark text not yet agreed. They stay in the text (nothing is lost) and are
  listed as (start, end) spans; an unclosed ``[`` runs to the paragraph's end and a ``]`` with
  no opening one starts at its beginning, because a bracketed paragraph with sub-paragraphs
  opens in the chapeau and closes in its last sub-paragraph.
- Status notes ("agreed ad ref", "pending", "convenu ad ref.", "en suspens" ...): the phrases
  are the language profile's; a note after the label, at the paragraph's end or on a line of
  its own becomes the paragraph's status and leaves the text.

An adopted resolution has none of these, and reads exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from resodiff.languages import Profile
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph

SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "alt")
_SUFFIX = "|".join(SUFFIXES)
_MARGIN = re.compile(
    rf"^(?P<typed>(?P<kind>PP|OP)\s*(?P<num>\d{{1,3}})(?:\s*(?P<suffix>{_SUFFIX})(?![a-z]))?)"
    r"(?:\s*[.:)\-–—]|\t)?\s+(?P<rest>\S.*)$", re.IGNORECASE)
# "3 bis. Prie ..." : an operative number with a suffix (French and Spanish drafts).
_SUFFIXED_NUMBER = re.compile(
    rf"^(?P<typed>(?P<num>\d{{1,3}})\s*(?P<suffix>{_SUFFIX}))\s*\.\s+(?P<rest>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    kind: str  # PREAMBLE or OPERATIVE
    number: str  # "4bis": the printed number and its suffix, lower case
    typed: str  # "PP4 bis", as in the margin
    plain: int | None  # 4 for "PP4", None for "PP4 bis": where the count goes on from

    @property
    def id(self) -> str:
        return ("PP" if self.kind == PREAMBLE else "OP") + self.number


def margin_label(line: str) -> tuple[Label, str] | None:
    """The label a line opens with, and the rest of the line; None for an ordinary line."""
    m = _MARGIN.match(line)
    if m:
        kind = PREAMBLE if m["kind"].upper() == "PP" else OPERATIVE
    else:
        m = _SUFFIXED_NUMBER.match(line)
        if not m:
            return None
        kind = OPERATIVE
    suffix = (m["suffix"] or "").lower()
    number = str(int(m["num"])) + suffix
    return Label(kind, number, m["typed"], None if suffix else int(m["num"])), m["rest"]


# ---- status notes ----------------------------------------------------------------------------


def _status_patterns(prof: Profile) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    return _compiled(prof.code, prof.status_notes)


@cache
def _compiled(code: str, notes: tuple[tuple[str, tuple[str, ...]], ...]
              ) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    status_of = {}
    for status, phrases in notes:
        for typed in phrases:
            status_of[typed.lower()] = status
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                            for p in sorted(status_of, key=len, reverse=True))
    def phrase(n: int) -> str:
        return rf"(?P<phrase{n}>{alternatives})\.?"

    def delimited(n: int, dash: str = "[-–—]") -> str:
        return rf"(?:\(\s*{phrase(n)}\s*\)|\[\s*{phrase(n + 1)}\s*\]|{dash}\s*{phrase(n + 2)})"

    # At the end: delimited, or bare after the clause's own punctuation ("...; agreed ad ref").
    trailing = re.compile(rf"(?P<before>.*?)(?P<note>\s*{delimited(1)}|(?<=[,;:.])\s+{phrase(4)})\s*$",
                          re.IGNORECASE | re.DOTALL)
    leading = re.compile(rf"^(?P<note>{delimited(1, '[-–—]?')})\s+(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
    alone = re.compile(rf"^(?P<note>{delimited(1)}|{phrase(4)})\s*$", re.IGNORECASE)
    return trailing, leading, alone, status_of


@cache
def _note_ends(code: str, notes: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    """The last character a trailing note can have: a bracket, a full stop, a phrase's last letter."""
    lasts = "".join(sorted({typed[-1] for _, phrases in notes for typed in phrases}))
    return re.compile("[" + re.escape(")]." + lasts) + "]", re.IGNORECASE)


def _status(m: re.Match[str], status_of: dict[str, str]) -> str:
    found = next(g for name, g in m.groupdict().items() if name.startswith("phrase") and g)
    return status_of[re.sub(r"\s+", " ", found.lower())]


def status_line(line: str, prof: Profile) -> tuple[str, str] | None:
    """(status, note as typed) when the whole line is a status note."""
    if not prof.status_notes:
        return None
    _, _, alone, status_of = _status_patterns(prof)
    m = alone.match(line.strip())
    return (_status(m, status_of), m["note"].strip()) if m else None


def leading_status(text: str, prof: Profile) -> tuple[str, str | None, str | None]:
    """A note right after the label: ``(agreed ad ref) Requests ...`` -> text, status, note."""
    if not prof.status_notes:
        return text, None, None
    _, leading, _, status_of = _status_patterns(prof)
    m = leading.match(text)
    if not m:
        return text, None, None
    return m["rest"], _status(m, status_of), m["note"].strip()


def trailing_status(text: str, prof: Profile) -> tuple[str, str | None, str | None]:
    """A note at the paragraph's end: ``...; (pending)`` -> text, status, note."""
    if not prof.status_notes or len(text) > 20000:
        return text, None, None
    # The note ends the text: most paragraphs end otherwise, and need not be tried at every position.
    if not _note_ends(prof.code, prof.status_notes).match(text.rstrip()[-1:]):
        return text, None, None
    trailing, _, _, status_of = _status_patterns(prof)
    m = trailing.match(text)
    if not m or not m["before"].strip():
        return text, None, None
    return m["before"].rstrip(), _status(m, status_of), m["note"].strip()


# ---- square brackets ----------------------------------------------------------------------------


def bracket_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Outermost [ ... ] spans of ``text`` as (start, end), end past the closing bracket."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]":
            if depth == 0:
                # Closing what an earlier paragraph (the chapeau) opened.
                spans = [(0, i + 1)]
                continue
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return tuple(spans)


def with_brackets(para: Paragraph) -> Paragraph:
    """The paragraph (and its sub-paragraphs) with their bracket spans listed."""
    subs = tuple(with_brackets(s) for s in para.subparagraphs)
    spans = bracket_spans(para.text) if ("[" in para.text or "]" in para.text) else ()
    if not spans and subs == para.subparagraphs:
        return para
    return replace(para, brackets=spans, subparagraphs=subs)
