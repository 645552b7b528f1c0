"""A negotiation followed round by round: previous resolution, zero draft, Rev.1, Rev.2 ...

Pure, no I/O. ``follow(versions)`` chains each paragraph through the rounds with
``history.history`` (which aligns consecutive rounds; in rounds the margin labels help it) and
adds what a facilitator tracks: in each round, whether the paragraph is bracketed (whole or in
part) and its status note ("agreed ad ref", "pending"), and who proposed what (the Word
revisions and comments it carried in that round). A paragraph is still open when, in the last
round, it has text in brackets or is pending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from resodiff.history import DELETED, history
from resodiff.model import Comment, Paragraph, Resolution, Revision
from resodiff.readers.negotiation import bracket_spans

PREVIOUS, ROUND = "previous resolution", "round"


@dataclass(frozen=True)
class State:
    """A paragraph as it stands in one round."""

    bracketed: str | None  # "whole", "part" or None
    status: str | None  # "agreed", "pending" or None (no note)
    note: str | None  # the note as typed, "(agreed ad ref)"
    open: bool

    @classmethod
    def of(cls, para: Paragraph) -> State:
        bracketed = None
        if _all_spans(para):
            text = para.full_text.rstrip()
            bracketed = "whole" if bracket_spans(text) == ((0, len(text)),) else "part"
        return cls(bracketed, para.status, para.status_note, para.open)

    def words(self, labels: Mapping[str, str] | None = None) -> str:
        """"partly bracketed, pending": what a drafter says of it. ``labels``: the words for
        "bracketed", "partly bracketed" and "no note" in the text's language (the note itself
        is the text's own)."""
        say = (labels or {}).get
        parts = []
        if self.bracketed:
            parts.append(say("bracketed", "bracketed") if self.bracketed == "whole"
                         else say("partly bracketed", "partly bracketed"))
        if self.note:
            parts.append(self.note.strip("()[]–—- ").rstrip("."))
        return ", ".join(parts) if parts else say("no note", "no note")

    def to_json(self) -> dict[str, Any]:
        return {"bracketed": self.bracketed, "status": self.status, "note": self.note, "open": self.open}


def _all_spans(para: Paragraph) -> list[tuple[int, int]]:
    return [*para.brackets, *(s for sub in para.subparagraphs for s in _all_spans(sub))]


@dataclass(frozen=True)
class Step:
    round: int
    id: str | None  # None: dropped in this round
    change: str  # history's status: added, unchanged, modified, moved, split, merged, deleted
    state: State | None  # None once dropped
    tags: tuple[str, ...] = ()
    diff: tuple[tuple[str, str], ...] = ()
    revisions: tuple[Revision, ...] = ()  # the Word revisions it carried in this round
    comments: tuple[Comment, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "id": self.id,
            "change": self.change,
            "state": self.state.to_json() if self.state else None,
            "tags": list(self.tags),
            "diff": [[op, text] for op, text in self.diff],
            "proposals": [r.to_json() for r in self.revisions],
            "comments": [c.to_json() for c in self.comments],
        }


@dataclass(frozen=True)
class Thread:
    """One paragraph through the rounds, oldest first."""

    steps: tuple[Step, ...]

    @property
    def id(self) -> str:
        """Its id in the last round it lives in."""
        return next(s.id for s in reversed(self.steps) if s.id is not None)

    @property
    def dropped(self) -> bool:
        return self.steps[-1].id is None

    @property
    def open(self) -> bool:
        last = self.steps[-1]
        return last.state is not None and last.state.open

    def authors(self) -> list[str]:
        seen = [r.author for s in self.steps for r in s.revisions if r.author]
        seen += [c.author for s in self.steps for c in s.comments if c.author]
        return list(dict.fromkeys(seen))


@dataclass(frozen=True)
class Rounds:
    versions: tuple[Resolution, ...]
    kinds: tuple[str, ...]  # PREVIOUS or ROUND, per version
    threads: tuple[Thread, ...]  # by the round they entered, then reading order

    @property
    def still_open(self) -> list[Thread]:
        last = len(self.versions) - 1
        return [t for t in self.threads if t.open and t.steps[-1].round == last]

    def name(self, index: int) -> str:
        v = self.versions[index]
        return v.source or v.symbol or f"round {index}"

    def to_json(self) -> dict[str, Any]:
        last = len(self.versions) - 1
        living = [t for t in self.threads if not t.dropped and t.steps[-1].round == last]
        states = [t.steps[-1].state for t in living]
        return {
            "rounds": [{"round": k, "source": v.source, "symbol": v.symbol, "language": v.language, "kind": kind}
                       for k, (v, kind) in enumerate(zip(self.versions, self.kinds, strict=True))],
            "paragraphs": [{"id": t.id, "dropped": t.dropped, "open": t.open, "authors": t.authors(),
                            "steps": [s.to_json() for s in t.steps]} for t in self.threads],
            "still_open": [t.id for t in self.still_open],
            "summary": {
                "paragraphs": len(living),
                "agreed": sum(1 for s in states if s and s.status == "agreed" and not s.bracketed),
                "pending": sum(1 for s in states if s and s.status == "pending"),
                "bracketed": sum(1 for s in states if s and s.bracketed),
                "no_note": sum(1 for s in states if s and not s.status and not s.bracketed),
                "dropped": sum(1 for t in self.threads if t.dropped),
            },
        }


def is_round(res: Resolution) -> bool:
    """A negotiation text: it carries margin labels, brackets or status notes somewhere."""
    return any(p.label or p.status or _all_spans(p) or p.revisions for p in res.paragraphs)


def follow(versions: Sequence[Resolution]) -> Rounds:
    """Every paragraph's path through ``versions`` (oldest first)."""
    versions = tuple(versions)
    hist = history(versions)
    kinds = tuple(PREVIOUS if k == 0 and not is_round(v) else ROUND for k, v in enumerate(versions))
    threads = []
    for lineage in hist.lineages:
        steps = []
        for s in lineage.steps:
            para = versions[s.version].paragraph(s.id) if s.id is not None else None
            steps.append(Step(
                round=s.version, id=s.id, change=s.status,
                state=State.of(para) if para is not None and s.status != DELETED else None,
                tags=s.tags, diff=s.diff if s.changed else (),
                revisions=_revisions(para) if para is not None else (),
                comments=_comments(para) if para is not None else ()))
        threads.append(Thread(tuple(steps)))
    return Rounds(versions, kinds, tuple(_reading_order(threads, versions[-1])))


def _reading_order(threads: list[Thread], last: Resolution) -> list[Thread]:
    """The last round's paragraphs in its reading order, then those dropped along the way (by
    the round that dropped them): a facilitator reads the latest text top to bottom."""
    position = {p.id: k for k, p in enumerate(last.paragraphs)}
    final = len(threads) and max(s.round for t in threads for s in t.steps)
    living = [t for t in threads if not t.dropped and t.steps[-1].round == final]
    gone = [t for t in threads if t not in living]
    living.sort(key=lambda t: position.get(t.id, len(position)))
    gone.sort(key=lambda t: t.steps[-1].round)  # stable: reading order of their round within
    return living + gone


def _revisions(para: Paragraph) -> tuple[Revision, ...]:
    return para.revisions + tuple(r for sub in para.subparagraphs for r in _revisions(sub))


def _comments(para: Paragraph) -> tuple[Comment, ...]:
    return para.comments + tuple(c for sub in para.subparagraphs for c in _comments(sub))


# ---- the text people read ----------------------------------------------------------------------------


def rounds_text(r: Rounds) -> str:
    """Per paragraph its path ("zero: new, bracketed → Rev.1: modified, agreed ad ref"), who
    proposed what, and what is still open."""
    lines = ["Rounds, oldest first:"]
    for k in range(len(r.versions)):
        lines.append(f"  {k}  {r.name(k)}" + ("  (previous resolution)" if r.kinds[k] == PREVIOUS else ""))
    lines.append("")
    width = max((len(t.id) for t in r.threads), default=4)
    for t in r.threads:
        path = " → ".join(_step_words(r, s, t.id) for s in t.steps)
        mark = "open" if t.open else ("gone" if t.dropped else "    ")
        lines.append(f"{t.id:<{width}}  {mark}  {path}")
        for s in t.steps:
            for rev in s.revisions:
                sign = "+" if rev.kind == "insertion" else "−"
                lines.append(f"{'':<{width}}        {r.name(s.round)}: {rev.author or '?'} {sign} “{rev.text.strip()}”")
            for c in s.comments:
                lines.append(f"{'':<{width}}        {r.name(s.round)}: {c.author or '?'} on “{c.anchor}”: {c.text}")
    still = r.still_open
    lines.append("")
    lines.append(f"Still open in {r.name(len(r.versions) - 1)}: "
                 + (", ".join(f"{t.id} ({t.steps[-1].state.words()})" for t in still if t.steps[-1].state)
                    if still else "nothing"))
    return "\n".join(lines)


def _step_words(r: Rounds, s: Step, current: str) -> str:
    where = f"{s.round}" if s.id in (None, current) else f"{s.round} {s.id}"  # the id it had then
    if s.id is None:
        return f"{where}: dropped"
    if r.kinds[s.round] == PREVIOUS:
        return f"{where}: adopted"
    change = {"added": "new", "unchanged": "same"}.get(s.change, s.change)
    state = s.state.words() if s.state else ""
    return f"{where}: {change}, {state}"
