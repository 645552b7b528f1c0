"""One file as the corpus sees it: a resolution read and described as a ``Document``.

``describe`` reads a file and says what the index keeps of it: symbol, session, language,
title, agenda item, the series' recall footnote, and - where the text has no header (an
operative-paragraph fragment) - the title and session its front matter gives. ``parse_file``
is the same for the index, in a worker process: it never raises for a file that is not a
resolution, it says why instead. Reads the one file it is given; writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from resodiff.errors import ReadError, ResodiffError
from resodiff.history import Document, recalled
from resodiff.library.phrases import shingles
from resodiff.model import Resolution
from resodiff.readers import read_bytes, read_file, sniff
from resodiff.readers.decode import decode
from resodiff.readers.header import front_matter


@dataclass(frozen=True)
class Parsed:
    """A file read for the index: its description and its passages, or why it was refused."""

    document: Document | None
    passages: tuple[tuple[str, str], ...] = ()  # (paragraph id, text), reading order
    error: str | None = None
    grams: tuple[str, ...] = ()  # each passage's word pairs, space-separated (``shingles``)


def describe(path: Path, data: bytes | None = None) -> tuple[Resolution, Document]:
    """Read a resolution file and describe it for the corpus.

    The title and session come from the text; where the text gives none (an operative-paragraph
    fragment has no header) they come from the file's front matter, and ``front_matter`` says so.
    Raises ReadError.
    """
    path = Path(path)
    if data is None:
        data = read_file(path)  # bounded; refuses FIFOs and devices
    res = read_bytes(data, str(path), source=path.name)
    front: dict[str, str] = {}
    if (not res.title or res.session is None) and sniff(data) == "text":  # a fragment: its front matter
        front, _ = front_matter(decode(data, str(path)))
    title, session, taken = res.title, res.session, []
    if not title and front.get("title"):
        title = front["title"]
        taken.append("title")
    if session is None and (m := re.match(r"\s*(\d{1,3})\b", front.get("session", ""))):
        session = int(m[1])
        taken.append("session")
    doc = Document(path=path, language=res.language, symbol=res.symbol, session=session, title=title,
                   agenda_item=res.agenda_item, adopted=res.adopted, recalls=recalled(res),
                   paragraphs=len(res.paragraphs), front_matter=tuple(taken))
    return res, doc


def passages(res: Resolution) -> tuple[tuple[str, str], ...]:
    """(id, text) of every paragraph and sub-paragraph with text, in reading order."""
    out: list[tuple[str, str]] = []

    def walk(paras):
        for p in paras:
            if p.text:
                out.append((p.id, p.text))
            walk(p.subparagraphs)

    walk(res.paragraphs)
    return tuple(out)


def parse_file(path: Path, data: bytes | None = None) -> Parsed:
    """``describe`` for the index; never raises for a file that is not a resolution."""
    try:
        res, doc = describe(path, data)
    except ResodiffError as exc:
        return Parsed(None, error=_reason(str(exc), path))
    except Exception as exc:  # a reader's bug must not stop a whole corpus from being indexed
        return Parsed(None, error=f"could not be read ({type(exc).__name__}: {exc})")
    found = passages(res)
    return Parsed(doc, found, grams=tuple(shingles(text) for _, text in found))


def read_job(args: tuple[str, str | None]) -> tuple[str | None, Parsed | None]:
    """Read one file for the index, in a worker process: (path, the sha256 the index has for
    it or None) -> (its sha256, ``parse_file`` of it), (sha256, None) when its content is the
    one indexed, or (None, None) when it cannot be read (gone since the folder was listed)."""
    path, known = args
    try:
        data = read_file(path)  # bounded; a FIFO or device put in the folder is not waited on
    except ReadError:
        return None, None
    sha = hashlib.sha256(data).hexdigest()
    return sha, (None if sha == known else parse_file(Path(path), data))


def parse_job(args: tuple[str, bytes | None]) -> Parsed:
    """``parse_file`` for ``ProcessPoolExecutor.map``: (path, bytes or None)."""
    return parse_file(Path(args[0]), args[1])


def _reason(message: str, path: Path) -> str:
    """"x/y.md: the file is empty" -> "the file is empty": the index keeps the path apart."""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
