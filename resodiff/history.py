"""Series and lineages: many versions of one resolution, and each paragraph's history.

Two pure parts, no I/O:

* **Series.** ``group_series(documents)`` puts the resolutions of a corpus into series: two
  documents of one language belong together when their titles are the same (case, dashes and
  quotes folded) or when one's recall footnote names the other ("Résolutions 57/35, ...,
  73/259"); the links chain, so a series is a connected group. Members are ordered by session;
  the symbols the recall footnotes name that the corpus lacks are the series' ``missing``.
* **History.** ``history(versions)`` aligns each pair of consecutive versions with
  ``align.align`` and chains the links, so that every paragraph has a ``Lineage``: one step
  per version it lives in, oldest first - "added" where it first appears, then "unchanged",
  "modified", "moved", "split" or "merged", and a last "deleted" step (id None) in the version
  that dropped it. A split gives each part the whole past of the paragraph it came from; in a
  merge the first part (in reading order) carries on and the others end there, ``absorbed``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resodiff import symbols, worddiff
from resodiff.align import Row, align
from resodiff.errors import SeriesError
from resodiff.fold import title_key
from resodiff.languages import profile as language_profile
from resodiff.model import Resolution

# ---- series -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One resolution as the series logic sees it: what the corpus index keeps of it.

    ``recalls``: the earlier resolutions its recall footnote names (``recalled``).
    ``front_matter``: the fields taken from the file's front matter because the text gives
    none (a fragment has no header): ("title", "session").
    """

    path: Path
    language: str
    symbol: str | None = None
    session: int | None = None
    title: str | None = None
    agenda_item: str | None = None
    adopted: str | None = None
    recalls: tuple[str, ...] = ()
    paragraphs: int = 0
    front_matter: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """What a person calls it: the symbol, else the file name."""
        return self.symbol or self.path.name


@dataclass(frozen=True)
class Series:
    title: str | None
    language: str
    members: tuple[Document, ...]  # oldest first
    missing: tuple[str, ...] = ()  # named by a recall footnote, not in the corpus; oldest first


# A General Assembly resolution in a footnote: "57/35", "73/259 B"; not a document symbol
# ("A/75/345"), nor a special session's ("S-10/2", "ES-11/1").
_GA_RESOLUTION = re.compile(r"(?<![\w/.\-–])(\d{1,3})/(\d{1,4})(?![\w/])")


def recalled(res: Resolution) -> tuple[str, ...]:
    """The earlier members of ``res``'s series its recall footnote names, as printed.

    A recall footnote hangs on a preambular paragraph that opens with a recall lead
    ("Rappelant", "Recalling") and speaks of the series' resolutions ("toutes ses résolutions
    sur ...", "its previous resolutions"); its General Assembly resolutions of earlier sessions
    are the members. Returns symbols (A/RES/57/35, ...) in the order printed, no duplicates.
    """
    try:
        words = language_profile(res.language).draft
    except KeyError:
        return ()
    if words is None:
        return ()
    lead_re = re.compile(rf"(?:{words.recall_leads_re})\b", re.IGNORECASE)
    series_re = re.compile(rf"\b(?:{words.resolutions_re})\b|{words.series_re}", re.IGNORECASE)
    found: list[str] = []
    for para in res.preamble:
        if not lead_re.match(para.lead or para.text) or not series_re.search(para.text):
            continue
        for number in para.all_footnotes():
            for session, n in _GA_RESOLUTION.findall(res.footnote(number) or ""):
                if res.session is None or int(session) < res.session:
                    found.append(f"A/RES/{int(session)}/{n}")
    return tuple(dict.fromkeys(found))


def _member_order(doc: Document):
    # No tie-break on the path: sorting is stable, so versions of one session and symbol (a
    # draft and its revision, named in that order) stay in the order they were given.
    return (doc.session is None, doc.session or 0, symbols.order(doc.symbol))


def group_series(documents: Iterable[Document], *, one_per_symbol: bool = True) -> list[Series]:
    """Every series among ``documents`` (a single resolution is a series of one), by title.

    Two files of one symbol and language (a PDF and its text export) count once: the one with
    more paragraphs stands for both. ``one_per_symbol=False`` keeps them all, in one series
    (versions a user names: a draft under negotiation keeps its symbol).
    """
    kept: dict[tuple[str, ...], Document] = {}
    for doc in documents:
        same = (doc.symbol, doc.language) if doc.symbol and one_per_symbol else (str(doc.path),)
        old = kept.get(same)
        if old is None or (doc.paragraphs, str(old.path)) > (old.paragraphs, str(doc.path)):
            kept[same] = doc
    docs = sorted(kept.values(), key=_member_order)
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_title: dict[tuple[str, str], int] = {}
    by_symbol: dict[tuple[str, str], int] = {}
    for i, doc in enumerate(docs):
        key = title_key(doc.title)
        if key:
            union(i, by_title.setdefault((doc.language, key), i))
        if doc.symbol:
            union(i, by_symbol.setdefault((doc.symbol, doc.language), i))
    for i, doc in enumerate(docs):
        for symbol in doc.recalls:
            j = by_symbol.get((symbol, doc.language))
            if j is not None:
                union(i, j)
    groups: dict[int, list[Document]] = defaultdict(list)
    for i, doc in enumerate(docs):
        groups[find(i)].append(doc)
    out = []
    for members in groups.values():
        have = {m.symbol for m in members}
        missing = {s for m in members for s in m.recalls if s not in have}
        titled = [m.title for m in members if m.title]
        out.append(Series(titled[-1] if titled else None, members[0].language, tuple(members),
                          tuple(sorted(missing, key=symbols.order))))
    return sorted(out, key=lambda s: (title_key(s.title) or "\uffff", s.language, _member_order(s.members[0])))


def pick_series(documents: Sequence[Document]) -> tuple[Series, tuple[Document, ...]]:
    """The one series among ``documents`` that a user who names many files means, and the
    documents of other series, left out (``group_series`` decides what belongs together).

    That is the series with the most members. A document with no title and no recall link
    cannot be told apart from it, so it stays in; files of one symbol are versions of one
    resolution (drafts keep theirs), all kept. Raises SeriesError, naming the series, where
    two series are as large as each other: there is no telling which one was meant.
    """
    groups = group_series(documents, one_per_symbol=False)
    titled = [s for s in groups if s.title is not None or len(s.members) > 1]
    if not titled:  # nothing to group by: the files are all the user says they are
        chosen = Series(None, groups[0].language if groups else "", ())
    else:
        most = max(len(s.members) for s in titled)
        largest = [s for s in titled if len(s.members) == most]
        if len(largest) > 1:
            shown = "; ".join(f"“{s.title or '(no title)'}” ({', '.join(m.name for m in s.members)})"
                              for s in largest)
            raise SeriesError(f"these files are {len(largest)} different series, as large as each other: {shown}; "
                              "give the files of one")
        chosen = largest[0]
    untitled = [m for s in groups if s not in titled for m in s.members]
    members = sorted(chosen.members + tuple(untitled), key=_member_order)
    kept = {id(m) for m in members}
    left_out = tuple(d for d in documents if id(d) not in kept)
    if len({m.language for m in members}) > 1:
        shown = ", ".join(f"{m.name}: {m.language}" for m in members)
        raise SeriesError(f"the files are in different languages ({shown}); give one language")
    language = members[0].language if members else chosen.language
    return Series(chosen.title, language, tuple(members), chosen.missing), left_out


def find_series(series: Sequence[Series], name: str, language: str | None = None) -> Series:
    """The series ``name`` designates: a member's symbol ("A/RES/64/79", "64/79"), or its title
    (the whole title, else a part of it that only one series' title contains)."""
    pool = [s for s in series if language is None or s.language == language]
    wanted = symbols.resolution(name)
    if wanted:
        hits = [s for s in pool if any(m.symbol == wanted for m in s.members)]
        what = f"no resolution {wanted}"
    else:
        key = title_key(name) or ""
        hits = [s for s in pool if title_key(s.title) == key]
        if not hits:
            hits = [s for s in pool if key and key in (title_key(s.title) or "")]
        what = f"no series titled “{name}”"
    if not hits:
        raise SeriesError(f"{what} in the corpus (`resodiff corpus list` shows what it holds)")
    if len(hits) > 1:
        shown = "; ".join(f"{s.title or s.members[0].name} ({s.language})" for s in hits[:4])
        more = f" and {len(hits) - 4} more" if len(hits) > 4 else ""
        hint = "--language" if len({s.title for s in hits}) == 1 else "more of the title"
        raise SeriesError(f"“{name}” matches {len(hits)} series: {shown}{more}; give {hint}")
    return hits[0]


# ---- history ----------------------------------------------------------------------------------

ADDED, DELETED, MERGED, SPLIT = "added", "deleted", "merged", "split"


@dataclass(frozen=True)
class Step:
    """A paragraph in one version: its id there (None once dropped) and how it got there.

    ``diff``: the word diff from the previous version where the text changed; ``()`` otherwise.
    """

    version: int  # index into History.versions
    symbol: str | None
    session: int | None
    id: str | None
    status: str
    diff: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """The text changed at this step (a moved paragraph may be unchanged), or it was split
        or merged."""
        return self.status in (SPLIT, MERGED) or (self.status not in (ADDED, DELETED)
                                                   and worddiff.has_changes(list(self.diff)))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"symbol": self.symbol, "session": self.session, "id": self.id,
                                "status": self.status}
        if self.changed:
            data["diff"] = [[op, text] for op, text in self.diff]
        return data


@dataclass(frozen=True)
class Lineage:
    steps: tuple[Step, ...]
    absorbed: bool = False  # ended by being merged into another paragraph

    @property
    def entered(self) -> Step:
        return self.steps[0]

    @property
    def changes(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.changed)

    @property
    def last_changed(self) -> Step | None:
        changes = self.changes
        return changes[-1] if changes else None

    @property
    def dropped(self) -> Step | None:
        return self.steps[-1] if self.steps[-1].status == DELETED else None

    @property
    def last(self) -> Step:
        """The last version the paragraph lives in."""
        return self.steps[-2] if self.dropped and len(self.steps) > 1 else self.steps[-1]


@dataclass(frozen=True)
class History:
    versions: tuple[Resolution, ...]  # oldest first
    lineages: tuple[Lineage, ...]  # by the version they entered, then reading order there

    def lineage(self, pid: str, version: int = -1) -> Lineage | None:
        """The lineage of paragraph ``pid`` of a version (default: the newest): where it lives on
        (not where it was merged away)."""
        index = version % len(self.versions)
        for lineage in self.lineages:
            if lineage.absorbed:
                continue
            for step in lineage.steps:
                if step.version == index and step.id == pid and step.status != DELETED:
                    return lineage
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "versions": [{"symbol": v.symbol, "session": v.session, "language": v.language, "source": v.source}
                         for v in self.versions],
            "lineages": [[s.to_json() for s in lin.steps] for lin in self.lineages],
        }


@dataclass
class _Thread:
    steps: list[Step]
    order: tuple[int, int, int]  # (version entered, position there, creation): the output order
    absorbed: bool = False


def history(versions: Sequence[Resolution]) -> History:
    """Every paragraph's lineage across ``versions`` (oldest first, one language)."""
    versions = tuple(versions)
    if not versions:
        raise SeriesError("history: no versions given")
    languages = {v.language for v in versions}
    if len(languages) > 1:
        shown = ", ".join(f"{v.symbol or v.source}: {v.language}" for v in versions)
        raise SeriesError(f"history: the versions are in different languages ({shown}); give one language")
    threads: list[_Thread] = []
    created = iter(range(1 << 62))

    def start(version: int, pid: str, status: str, position: int, past: list[Step] | None = None,
              **kw) -> _Thread:
        res = versions[version]
        step = Step(version, res.symbol, res.session, pid, status, **kw)
        thread = _Thread((past or []) + [step], (version, position, next(created)))
        threads.append(thread)
        return thread

    first = versions[0]
    live: dict[str, _Thread] = {p.id: start(0, p.id, ADDED, k) for k, p in enumerate(first.paragraphs)}
    for v in range(1, len(versions)):
        old, new = versions[v - 1], versions[v]
        position = {p.id: k for k, p in enumerate(new.paragraphs)}
        nxt: dict[str, _Thread] = {}
        for row in align(old, new):
            _chain(row, v, new, live, nxt, position, start)
        live = nxt
    lineages = tuple(Lineage(tuple(t.steps), t.absorbed) for t in sorted(threads, key=lambda t: t.order))
    return History(versions, lineages)


def _chain(row: Row, v: int, new: Resolution, live: dict, nxt: dict, position: dict, start) -> None:
    """Extend the threads of one aligned row into version ``v``."""
    def step(pid: str | None, status: str) -> Step:
        diff = row.diff if status != DELETED else ()
        return Step(v, new.symbol, new.session, pid, status, tuple(diff), tuple(row.tags))

    if row.status == ADDED:
        nxt[row.new[0]] = start(v, row.new[0], ADDED, position[row.new[0]])
        return
    olds = [live[o] for o in row.old if o in live]
    if not olds:  # an old id the previous step never saw: treat the new side as added
        for pid in row.new:
            nxt[pid] = start(v, pid, ADDED, position[pid])
        return
    if row.status == DELETED:
        for thread in olds:
            thread.steps.append(step(None, DELETED))
        return
    if row.status == SPLIT:
        parent = olds[0]
        past = list(parent.steps)
        for k, pid in enumerate(row.new):
            if k == 0:
                parent.steps.append(step(pid, SPLIT))
                nxt[pid] = parent
            else:
                thread = start(v, pid, SPLIT, position[pid], past=past, diff=tuple(row.diff), tags=tuple(row.tags))
                thread.order = (parent.order[0], parent.order[1], thread.order[2])
                nxt[pid] = thread
        return
    status = row.status
    for k, thread in enumerate(olds):
        thread.steps.append(step(row.new[0], status))
        if k:
            thread.absorbed = True
    nxt[row.new[0]] = olds[0]


# ---- the views people read: one paragraph's blame --------------------------------------------


@dataclass(frozen=True)
class Blame:
    """A paragraph of the newest version with the step it entered and the step it last changed."""

    id: str
    text: str
    entered: Step
    changed: Step | None


def blame(hist: History) -> list[Blame]:
    """For each paragraph of the newest version, in reading order: when it entered, when it
    last changed (None: never since it entered)."""
    newest = hist.versions[-1]
    out = []
    for para in newest.paragraphs:
        lineage = hist.lineage(para.id)
        if lineage is None:  # cannot happen: every paragraph of the newest version has a lineage
            raise SeriesError(f"{newest.symbol or newest.source}: {para.id} has no lineage")
        out.append(Blame(para.id, para.full_text, lineage.entered, lineage.last_changed))
    return out


def order_versions(versions: Sequence[Resolution]) -> list[Resolution]:
    """Versions by session, oldest first; if a session is unknown, the order given."""
    if any(v.session is None for v in versions):
        return list(versions)
    return sorted(versions, key=lambda v: (v.session, symbols.order(v.symbol)))

