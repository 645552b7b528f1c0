"""The compilation table a facilitator circulates between rounds: pure, no I/O.

One row per paragraph of the latest round, in its reading order: its id (the margin label as
typed), its text in the previous resolution, its latest text with the changes since the round
before marked, its status (bracketed, agreed ad ref, pending) and the proposals made on it
(author: text, from the Word rounds' tracked changes and comments). The renderers
(``resodiff.reports.compilation``) only lay these rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from resodiff import worddiff
from resodiff.model import Resolution
from resodiff.rounds import PREVIOUS, Rounds, Thread, follow

# Column headings per language: a French negotiation gets a French table.
HEADINGS = {
    "en": ("Paragraph", "Previous resolution ({})", "{} (changes since {})", "Status", "Proposals"),
    "fr": ("Paragraphe", "Résolution précédente ({})", "{} (modifications depuis {})", "Statut", "Propositions"),
    "es": ("Párrafo", "Resolución anterior ({})", "{} (cambios desde {})", "Estado", "Propuestas"),
}
NEW = {"en": "new", "fr": "nouveau", "es": "nuevo"}
NO_NOTE = {"en": "no note", "fr": "sans mention", "es": "sin mención"}


@dataclass(frozen=True)
class Row:
    id: str
    label: str | None  # as typed in the latest round's margin
    previous: str  # the previous resolution's text ("" for a paragraph it did not have)
    previous_id: str | None
    latest: tuple[tuple[str, str], ...]  # (op, text): "=" kept, "-" deleted, "+" inserted since the round before
    status: str  # "partly bracketed, pending", "agreed ad ref", "new"...
    open: bool
    proposals: tuple[str, ...]  # "Rev.1 · African Group: − “[”"


@dataclass(frozen=True)
class Table:
    language: str
    headings: tuple[str, ...]
    rows: tuple[Row, ...]
    title: str  # what the table compiles: "icc.2-rev2.txt against icc.1-rev1.docx"


def compile_rounds(versions: Sequence[Resolution]) -> Table:
    """The table over ``versions``: the previous resolution first, then the rounds, oldest first."""
    followed = follow(versions)
    last = len(followed.versions) - 1
    language = followed.versions[-1].language
    rows = tuple(_row(followed, t, language) for t in followed.threads if not t.dropped and t.steps[-1].round == last)
    before = followed.name(last - 1)
    head = HEADINGS.get(language, HEADINGS["en"])
    previous = followed.versions[0].symbol or followed.name(0)
    headings = (head[0], head[1].format(previous), head[2].format(followed.name(last), before), head[3], head[4])
    return Table(language, headings, rows, f"{followed.name(last)} / {before}")


def _row(r: Rounds, t: Thread, language: str) -> Row:
    last = t.steps[-1]
    para = r.versions[last.round].paragraph(last.id or "")
    assert para is not None  # a living thread's last id is in the last round
    first = t.steps[0]
    previous, previous_id = "", None
    if first.round == 0 and r.kinds[0] == PREVIOUS and first.id:
        old = r.versions[0].paragraph(first.id)
        # As compared: footnote markers a fragment's extraction left glued to words dropped.
        previous, previous_id = (worddiff.clean(old.full_text), old.id) if old is not None else ("", None)
    if last.change == "added" and last.round > 0:
        latest: tuple[tuple[str, str], ...] = (("+", para.full_text),)
    elif last.diff:
        latest = last.diff
    else:
        latest = (("=", para.full_text),)
    state = last.state.words() if last.state else ""
    if state == "no note":
        state = NO_NOTE.get(language, state)
    if last.change == "added":
        state = f"{NEW.get(language, 'new')}; {state}"
    proposals = []
    for s in t.steps:
        where = r.name(s.round)
        for rev in s.revisions:
            sign = "+" if rev.kind == "insertion" else "−"
            proposals.append(f"{where} · {rev.author or '?'}: {sign} “{rev.text.strip()}”")
        for c in s.comments:
            proposals.append(f"{where} · {c.author or '?'} on “{c.anchor}”: {c.text}")
    return Row(t.id, para.label, previous, previous_id, latest, state, t.open, tuple(proposals))
