"""What the app opens and the work of opening it: read, align, compare (run in a worker).

In: a ``Request`` (two files, a series folder, one file or the bundled example as an outline,
or one text beside the next session's draft ``resodiff.draft`` makes of it). Out: a
``Loaded`` with the two resolutions, the compare dict and the rows to show. No Textual here:
``load`` is a plain function the screen runs in a thread, and tests call directly.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resodiff.bundled import example
from resodiff.errors import ResodiffError
from resodiff.model import Paragraph, Resolution
from resodiff.tui.rows import ViewRow, rows_from_compare, rows_from_resolution
from resodiff.words import Words, app_words, table

if TYPE_CHECKING:
    from resodiff.history import History

# The readers, the aligner and history are imported by the functions that use them: the app's
# first screen (and the unpickling of a preloaded result, tui/preload.py) needs none of them.

PAIR, SERIES, OUTLINE, DRAFT = "pair", "series", "outline", "draft"

# Files a series folder may hold; anything else in it (README, JSON, images) is not a member.
SERIES_SUFFIXES = (".md", ".txt", ".docx", ".pdf")


@cache
def before_reading() -> Words:
    """The app's words until a text is read and its language known: English, which the
    reports' typography leaves as it is (so the language profiles need not be loaded)."""
    return Words(*table("en", "report", "app"), typeset=False)


@dataclass(frozen=True)
class Member:
    """One version: where it was read from and what it says."""

    path: Path
    resolution: Resolution
    # What the file's front matter says where the text does not (a fragment has no header).
    front_symbol: str | None = None
    front_session: int | None = None
    front_title: str | None = None
    front_year: str | None = None

    @property
    def label(self) -> str:
        """The symbol where the text (or its front matter) gives one, else the file name."""
        return self.resolution.symbol or self.front_symbol or self.path.name

    @property
    def session(self) -> int | None:
        return self.resolution.session if self.resolution.session is not None else self.front_session

    def heading(self, words: Words) -> str:
        """"A/RES/80/6, session 80": the label and the session, where either is known."""
        return words("history.version", label=self.label, session=self.session) if self.session is not None \
            else self.label

    @property
    def order(self) -> tuple:
        """Series order: by session, then by resolution number, then by file name."""
        res = self.resolution
        number = re.search(r"/(\d+)$", res.symbol or "")
        return (self.session if self.session is not None else 10**6,
                int(number.group(1)) if number else 10**6, self.path.name)


@dataclass(frozen=True)
class Request:
    """What to open. ``pick``: indices (old, new) into a series; ``members``: a series already
    read (the version picker reuses it instead of reading the folder again)."""

    kind: str
    paths: tuple[Path, ...] = ()
    pick: tuple[int, int] | None = None
    members: tuple[Member, ...] = ()

    @classmethod
    def bundled(cls) -> Request:
        return cls(OUTLINE, (example(),))

    def describe(self) -> str:
        """What the loading screen says it is reading: names and arrows, no words (the
        language to say them in is the text's, not known until it is read)."""
        if self.kind == SERIES and self.members and self.pick:
            old, new = (self.members[i].label for i in self.pick)
            return f"{old} → {new} …"
        if self.kind == SERIES:
            return f"{self.paths[0]}{os.sep} …"
        if self.kind == DRAFT:
            return f"{self.paths[0].name} → …"
        return " → ".join(p.name for p in self.paths) + " …"


@dataclass(frozen=True)
class Loaded:
    """The outcome of a request: ``data`` is the compare dict (None for an outline)."""

    request: Request
    new: Member
    old: Member | None = None
    data: dict[str, Any] | None = None
    rows: tuple[ViewRow, ...] = ()
    members: tuple[Member, ...] = ()  # a series, in order
    pick: tuple[int, int] | None = None
    skipped: tuple[str, ...] = field(default=())  # "file: why" for series files not read; other series
    history: History | None = None  # every paragraph's lineage across the versions (h)
    # The app's words in the language of the text shown (the new one's, as the reports do),
    # typeset where the texts are read: the screen need not load the language profiles.
    words: Words = field(default_factory=before_reading)

    @property
    def is_comparison(self) -> bool:
        return self.data is not None

    @property
    def labels(self) -> tuple[str, str]:
        """(old, new) as the screen names them: symbols, or file names when the symbols agree."""
        if self.old is None:
            return ("", self.new.label)
        old, new = self.old.label, self.new.label
        if old == new:
            old, new = self.old.path.name, self.new.path.name
        return old, new


def speaking(loaded: Loaded) -> Loaded:
    """``loaded`` with the words of its new text's language (else the old one's; else English)."""
    old = loaded.old.resolution.language if loaded.old is not None else None
    return replace(loaded, words=app_words(loaded.new.resolution.language or old))


def load(request: Request) -> Loaded:
    """Read and compare what ``request`` names. Raises ``ResodiffError`` with a one-line message."""
    return speaking(_load(request))


def _load(request: Request) -> Loaded:
    if request.kind == OUTLINE:
        member = _member(request.paths[0])
        return Loaded(request, new=member, rows=tuple(rows_from_resolution(member.resolution)))
    if request.kind == DRAFT:
        member = _member(request.paths[0])
        return _compared(request, member, Member(member.path, next_session(member.resolution)))
    if request.kind == PAIR:
        old, new = (_member(p) for p in request.paths)
        return _compared(request, old, new)
    if request.kind == SERIES:
        from resodiff.history import history

        members, skipped = (request.members, ()) if request.members else series(request.paths[0])
        pick = request.pick or (len(members) - 2, len(members) - 1)
        loaded = _compared(request, members[pick[0]], members[pick[1]])
        return Loaded(request, new=loaded.new, old=loaded.old, data=loaded.data, rows=loaded.rows,
                      members=members, pick=pick, skipped=skipped,
                      history=history([m.resolution for m in members[:pick[1] + 1]]))
    raise ValueError(f"unknown request kind {request.kind!r}")


def series(folder: Path) -> tuple[tuple[Member, ...], tuple[str, ...]]:
    """The resolutions of the one series in ``folder`` (``versions.read_series``: files of other
    series are left out), in series order, and what was not taken: files that could not be read
    ("file: why") and one line naming those of other series."""
    if not folder.is_dir():
        raise ResodiffError(f"{folder}: no such folder")
    from resodiff.versions import read_series  # the corpus machinery: only for a series

    paths = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name.lower().endswith(SERIES_SUFFIXES)]
    found = read_series(paths, skip_unreadable=True)
    members = [Member(doc.path, res) for doc, res in zip(found.series.members, found.texts, strict=True)]
    if len(members) < 2:
        raise ResodiffError(f"{folder}: a series needs at least two resolutions, found {len(members)}")
    skipped = found.unread + ((found.warning,) if found.warning else ())
    return tuple(sorted(members, key=lambda m: m.order)), skipped


def drafting_available() -> bool:
    """Whether ``resodiff.draft`` is there (looked up, not imported: the screen asks often)."""
    return importlib.util.find_spec("resodiff.draft") is not None


def next_session(res: Resolution) -> Resolution:
    """The next session's draft of ``res`` (``resodiff.draft.build``) as a Resolution to compare."""
    from resodiff.draft import build

    draft = build(res)

    def para(p) -> Paragraph:
        return Paragraph(id=p.id, kind=p.kind, text=p.text, lead=p.lead, footnotes=tuple(p.footnotes),
                         subparagraphs=tuple(para(s) for s in p.subparagraphs), number=p.number,
                         section=p.section, annotations=p.reasons)  # the flags, shown as "to update"

    return Resolution(language=draft.language, preamble=tuple(para(p) for p in draft.preamble),
                      operative=tuple(para(p) for p in draft.operative),
                      footnotes=tuple((f.number, f.text) for f in draft.footnotes),
                      symbol=draft.symbol, session=draft.session, title=draft.title,
                      source="next-session draft")


def _member(path: Path) -> Member:
    from resodiff.readers import read

    res = read(path)
    if res.symbol and res.session is not None and res.title and res.adopted:
        return Member(Path(path), res)
    return Member(Path(path), res, *_front(Path(path)))


def _front(path: Path) -> tuple[str | None, int | None, str | None, str | None]:
    """Symbol, session, title and year as a text file's front matter gives them
    ("session: 72 (2017, inferred ...)", "adoption_date: 2008-12-22"): a fragment has no header."""
    from resodiff.readers.header import front_matter

    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return None, None, None, None
    front, _ = front_matter(head)
    session = re.match(r"\s*(\d{1,3})\b", front.get("session", ""))
    year = re.search(r"\b(19|20)\d\d\b", front.get("adoption_date") or front.get("session", ""))
    return (front.get("symbol") or None, int(session.group(1)) if session else None,
            front.get("title") or None, year.group(0) if year else None)


def _compared(request: Request, old: Member, new: Member) -> Loaded:
    from resodiff.compare import compare

    try:
        data = compare(old.resolution, new.resolution)
    except ValueError as exc:  # LanguageMismatch: one line for the user, like a read error
        raise ResodiffError(f"{old.path.name} and {new.path.name}: {exc}") from exc
    rows = rows_from_compare(data, old.resolution, new.resolution)
    return Loaded(request, new=new, old=old, data=data, rows=tuple(rows))
