"""The corpus: a folder of resolution files, and its SQLite index.

The folder is the truth; the index (SQLite with FTS5) is a cache of what the readers make of
each file: symbol, session, language, title, agenda item, the series' recall footnote, and the
text of every paragraph and sub-paragraph for full-text search. ``refresh`` brings the index up
to date with the folder: a file whose modification time or size changed is hashed, and read
again if its content did; files gone from the folder leave the index. Files that are not
resolutions (a README, a table) are remembered as refused, with the reason, so they are not
read again and again.

* ``add`` copies files into the folder (named by symbol and language, A_RES_75_15.fr.md, as
  ``resodiff fetch`` names them) and indexes them. Copies are atomic and never overwrite a
  different file (``replace=True`` does), so two processes adding at once lose nothing; the
  index is written in short ``BEGIN IMMEDIATE`` transactions, WAL journal, waiting on a busy
  database rather than failing.
* A damaged index file is deleted and rebuilt from the folder, with a warning in
  ``Library.warnings``: the index is a cache, nothing is lost.
* ``search`` finds every place a phrase, or a close variant of it (a word changed, added or
  left out), appears. FTS5 finds the candidates - by the phrase's rarest word pairs, which a
  variant keeps but for the two over the word that changed (``_candidates``) - a regular
  expression checks that a piece of the phrase stands intact, and a word-level edit distance
  (rapidfuzz) decides. Results come oldest first.

Nothing here prints: warnings are collected, errors are ``CorpusError`` in one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from resodiff.errors import CorpusError, ReadError, ResodiffError
from resodiff.history import Document, Series, group_series, recalled, symbol_order, title_key
from resodiff.languages import CODES
from resodiff.languages import profile as language_profile
from resodiff.model import Resolution

SCHEMA = 5
INDEX_DIR = ".resodiff"  # inside the corpus folder, hidden: never taken for a resolution
INDEX_NAME = "index.sqlite3"
# Files in the folder that are never resolutions: the parsed JSON `resodiff fetch` keeps beside
# each document, and the index itself.
SKIP_SUFFIXES = frozenset({".json", ".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".part"})
BUSY_MS = 120_000  # how long a writer waits for another process's transaction
BATCH = 200  # files written per transaction while refreshing
PARALLEL_FROM = 64  # read files in worker processes when there are at least this many
VARIANT_MIN_WORDS = 4  # a phrase shorter than this is only looked for as it is
COMMON = 1000  # passages a word is in (or 1 %, if more) beyond which it is a formula word
RARE_WORDS = 3  # rare words, besides one per change allowed, a variant must share with the phrase
GRAMS = 3  # rare word pairs of the phrase a paragraph must have to be looked at (besides the lost)

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    error TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, symbol TEXT, session INTEGER,
    language TEXT NOT NULL, title TEXT, title_key TEXT, agenda_item TEXT, adopted TEXT,
    recalls TEXT NOT NULL, paragraphs INTEGER NOT NULL, front_matter TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_symbol ON documents(symbol);
CREATE INDEX IF NOT EXISTS documents_session ON documents(session);
CREATE INDEX IF NOT EXISTS documents_language ON documents(language);
CREATE INDEX IF NOT EXISTS documents_title ON documents(title_key);
CREATE INDEX IF NOT EXISTS documents_agenda ON documents(agenda_item);
CREATE TABLE IF NOT EXISTS paragraphs(
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, pid TEXT NOT NULL, pos INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    text, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
-- Word pairs of each passage ("urges_all"), contentless: far rarer than single words, they find
-- the few paragraphs a phrase can be in without reading the long lists of formula words.
CREATE VIRTUAL TABLE IF NOT EXISTS shingles USING fts5(
    grams, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_-'");
-- In how many passages each word pair occurs: which pairs of a phrase are rare, at a glance.
CREATE TABLE IF NOT EXISTS gram_counts(gram TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS paragraphs_in AFTER INSERT ON paragraphs BEGIN
    INSERT INTO passages(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS paragraphs_out AFTER DELETE ON paragraphs BEGIN
    INSERT INTO passages(passages, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


def default_folder() -> Path:
    """The user's corpus folder (platformdirs): the one `resodiff fetch` stores documents in."""
    from resodiff.ods import default_corpus

    return default_corpus()


# ---- what one file gives the index -------------------------------------------------------------


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
    from resodiff.readers import read_bytes, read_file, sniff

    path = Path(path)
    if data is None:
        data = read_file(path)  # bounded; refuses FIFOs and devices
    res = read_bytes(data, str(path), source=path.name)
    front: dict[str, str] = {}
    if sniff(data) == "text":
        from resodiff.readers.decode import decode
        from resodiff.readers.header import front_matter

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


def _passages(res: Resolution) -> tuple[tuple[str, str], ...]:
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
    passages = _passages(res)
    return Parsed(doc, passages, grams=tuple(shingles(text) for _, text in passages))


def _reason(message: str, path: Path) -> str:
    """"x/y.md: the file is empty" -> "the file is empty": the index keeps the path apart."""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _parse_job(args: tuple[str, bytes | None]) -> Parsed:
    return parse_file(Path(args[0]), args[1])


# ---- search results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One place a phrase appears. ``changes``: the word edits from the phrase to the text
    ((phrase word, text word); None where a word was added or left out); () for an exact match."""

    symbol: str | None
    session: int | None
    language: str
    id: str
    path: Path
    text: str  # the matching words as printed
    paragraph: str  # the whole paragraph
    changes: tuple[tuple[str | None, str | None], ...] = ()
    adopted: str | None = None

    @property
    def exact(self) -> bool:
        return not self.changes

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "session": self.session, "language": self.language, "id": self.id,
                "match": "exact" if self.exact else "variant",
                "changes": [list(c) for c in self.changes], "text": self.text, "file": self.path.name}


@dataclass(frozen=True)
class Refreshed:
    indexed: int = 0  # new or changed files read (resolutions and refused)
    removed: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Added:
    """What ``add`` did with one file: "added" (copied and indexed), "indexed" (already in the
    folder), "present" (the same content is already stored there), "replaced", or "refused"."""

    source: Path
    stored: Path | None
    status: str
    document: Document | None = None
    error: str | None = None


# ---- the library -------------------------------------------------------------------------------


class Library:
    """A corpus folder and its index. Use as a context manager, or ``close()`` it.

    ``index``: where the SQLite file lives (default: ``.resodiff/index.sqlite3`` in the folder,
    or the user's cache folder when the corpus folder is read-only).
    ``workers``: processes reading files when many change at once (default: the CPUs).
    """

    def __init__(self, folder: str | Path, *, index: str | Path | None = None, workers: int | None = None,
                 create: bool = True) -> None:
        self.folder = Path(folder).expanduser().resolve()
        if not self.folder.is_dir():
            if not create or self.folder.exists():
                raise CorpusError(f"{self.folder}: no such corpus folder")
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CorpusError(f"{self.folder}: cannot create the corpus folder ({exc.strerror or exc})") from None
        self.index = Path(index).expanduser().resolve() if index else self._default_index()
        self.workers = workers or os.cpu_count() or 1
        self.warnings: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._counts: Counter[str] = Counter()  # changes to gram_counts, written with the transaction

    # -- connection, schema, damage ------------------------------------------------------------

    def _default_index(self) -> Path:
        if os.access(self.folder, os.W_OK):
            return self.folder / INDEX_DIR / INDEX_NAME
        from platformdirs import user_cache_path

        digest = hashlib.sha256(str(self.folder).encode("utf-8")).hexdigest()[:16]
        return user_cache_path("resodiff") / "indexes" / f"{self.folder.name}-{digest}.sqlite3"

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._guard(self._open_waiting)
        return self._conn

    def _open_waiting(self) -> sqlite3.Connection:
        """``_open``, tried again while another process holds the lock: switching to WAL and
        creating the schema can get SQLITE_BUSY at once, without SQLite's busy handler."""
        deadline = time.monotonic() + BUSY_MS / 1000
        pause = 0.02
        while True:
            try:
                return self._open()
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    def _open(self) -> sqlite3.Connection:
        try:
            self.index.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{self.index.parent}: cannot create the index folder ({exc.strerror or exc})") from None
        conn = sqlite3.connect(self.index, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            with _transaction(conn):
                for statement in _statements(_SCHEMA_SQL):
                    conn.execute(statement)
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                elif row[0] != str(SCHEMA):
                    raise _Outdated(row[0])
        except BaseException:
            conn.close()
            raise
        return conn

    def _guard(self, work, *args, **kwargs):
        """Run ``work``; if the index turns out damaged (or of another schema), rebuild it from
        the folder and run ``work`` once more."""
        try:
            return work(*args, **kwargs)
        except _Outdated:
            pass  # written by another version of resodiff: rebuilt without a word
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise CorpusError(f"{self.index}: the corpus index is locked by another process; try again") from None
            if "unable to open" in str(exc):
                raise CorpusError(f"{self.index}: cannot open the corpus index ({exc})") from None
            self.warnings.append(f"{self.index}: the corpus index was damaged ({exc}); rebuilt it from "
                                 f"the files in {self.folder}")
        self._discard()
        try:
            self._conn = self._open()
            self._refresh()
            return self._conn if work == self._open else work(*args, **kwargs)
        except (sqlite3.Error, _Outdated) as exc:  # a new index failing too: the disk, not the file
            raise CorpusError(f"{self.index}: cannot rebuild the corpus index ({exc})") from None

    def _discard(self) -> None:
        """Delete the index file (and its journal), so the next open starts afresh."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{self.index}{suffix}").unlink(missing_ok=True)
            except OSError as exc:
                raise CorpusError(f"{self.index}: damaged and cannot be removed ({exc.strerror or exc})") from None

    # -- keeping the index up to date ----------------------------------------------------------

    def files(self) -> dict[str, os.stat_result]:
        """Every candidate file under the folder, by path relative to it (posix)."""
        out: dict[str, os.stat_result] = {}
        stack = [(str(self.folder), "")]
        while stack:  # os.scandir: one system call a folder, the stat of each entry cached
            folder, prefix = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        stack.append((entry.path, prefix + name + "/"))
                    elif entry.is_file() and os.path.splitext(name)[1].lower() not in SKIP_SUFFIXES:
                        out[prefix + name] = entry.stat()
                except OSError:
                    continue  # gone since the folder was read
        return out

    def refresh(self) -> Refreshed:
        """Read what changed in the folder since the index last saw it; forget what is gone."""
        return self._guard(self._refresh)

    def _refresh(self) -> Refreshed:
        conn = self.conn
        on_disk = self.files()
        known = {row[0]: (row[1], row[2], row[3]) for row in
                 conn.execute("SELECT path, mtime_ns, size, sha256 FROM files")}
        gone = [p for p in known if p not in on_disk]
        if gone:
            with self._writing():
                for rel in gone:
                    if not (self.folder / rel).exists():  # checked again: another process may have added it
                        self._forget(rel)
        stale = [(rel, st) for rel, st in on_disk.items()
                 if known.get(rel, (None, None))[:2] != (st.st_mtime_ns, st.st_size)]
        from resodiff.readers import read_file

        indexed = 0
        step = BATCH * max(1, self.workers)
        for start in range(0, len(stale), step):  # in chunks: never the whole folder in memory
            touched, todo = [], []
            for rel, st in stale[start:start + step]:
                try:
                    data = read_file(self.folder / rel)
                except ReadError:
                    continue  # gone or unreadable since the walk: the next refresh sees it
                sha = hashlib.sha256(data).hexdigest()
                if rel in known and known[rel][2] == sha:
                    touched.append((st.st_mtime_ns, st.st_size, rel))  # same content: new stamp only
                else:
                    todo.append((rel, st, sha, data))
            parsed = self._parse_many([(str(self.folder / rel), data) for rel, _, _, data in todo])
            with _transaction(conn):
                conn.executemany("UPDATE files SET mtime_ns = ?, size = ? WHERE path = ?", touched)
            for k in range(0, len(todo), BATCH):
                with self._writing():
                    for (rel, st, sha, _), result in zip(todo[k:k + BATCH], parsed[k:k + BATCH]):
                        self._store(rel, st, sha, result)
            indexed += len(todo)
        return Refreshed(indexed=indexed, removed=len(gone), unchanged=len(on_disk) - indexed)

    def _parse_many(self, jobs: list[tuple[str, bytes | None]]) -> list[Parsed]:
        if len(jobs) < PARALLEL_FROM or self.workers < 2:
            return [_parse_job(j) for j in jobs]
        from resodiff.workers import die_with_parent

        with ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent) as pool:
            return list(pool.map(_parse_job, jobs, chunksize=16))

    def _forget(self, rel: str) -> None:
        conn = self.conn
        rows = conn.execute("SELECT p.id, p.text FROM paragraphs p JOIN documents d ON d.id = p.doc"
                            " WHERE d.path = ?", (rel,)).fetchall()
        # A contentless index forgets a row only when told what it held: the same pairs again.
        grams = [(pid, shingles(text)) for pid, text in rows]
        conn.executemany("INSERT INTO shingles(shingles, rowid, grams) VALUES ('delete', ?, ?)", grams)
        for _, g in grams:
            self._counts.subtract(set(g.split()))
        conn.execute("DELETE FROM paragraphs WHERE doc IN (SELECT id FROM documents WHERE path = ?)", (rel,))
        conn.execute("DELETE FROM documents WHERE path = ?", (rel,))
        conn.execute("DELETE FROM files WHERE path = ?", (rel,))

    def _store(self, rel: str, st: os.stat_result, sha: str, parsed: Parsed) -> None:
        """Write one file's entry (inside a transaction), unless the file changed since it was
        read: then the entry would be stale, and the next refresh reads it again."""
        try:
            now = os.stat(self.folder / rel)
        except OSError:
            return
        if (now.st_mtime_ns, now.st_size) != (st.st_mtime_ns, st.st_size):
            return
        conn = self.conn
        self._forget(rel)
        conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)", (rel, st.st_mtime_ns, st.st_size, sha, parsed.error))
        doc = parsed.document
        if doc is None:
            return
        cur = conn.execute(
            "INSERT INTO documents(path, symbol, session, language, title, title_key, agenda_item, adopted,"
            " recalls, paragraphs, front_matter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rel, doc.symbol, doc.session, doc.language, doc.title, title_key(doc.title), doc.agenda_item,
             doc.adopted, json.dumps(list(doc.recalls)), doc.paragraphs, json.dumps(list(doc.front_matter))))
        # Ids given, not taken: one writer at a time, and the word pairs need them.
        base = conn.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0] + 1
        conn.executemany("INSERT INTO paragraphs(id, doc, pid, pos, text) VALUES (?, ?, ?, ?, ?)",
                         [(base + k, cur.lastrowid, pid, k, text) for k, (pid, text) in enumerate(parsed.passages)])
        grams = parsed.grams or tuple(shingles(text) for _, text in parsed.passages)
        conn.executemany("INSERT INTO shingles(rowid, grams) VALUES (?, ?)",
                         [(base + k, g) for k, g in enumerate(grams)])
        for g in grams:
            self._counts.update(set(g.split()))

    @contextmanager
    def _writing(self):
        """A write transaction that also brings ``gram_counts`` up to date with what it wrote."""
        self._counts.clear()
        try:
            with _transaction(self.conn) as conn:
                yield conn
                changed = [(g, n) for g, n in self._counts.items() if n]
                conn.executemany("INSERT INTO gram_counts VALUES (?, ?) ON CONFLICT(gram) DO UPDATE"
                                 " SET passages = passages + excluded.passages", changed)
        finally:
            self._counts.clear()

    # -- adding files --------------------------------------------------------------------------

    def add(self, paths: Iterable[str | Path], *, replace: bool = False) -> list[Added]:
        """Copy files (or every file under a folder) into the corpus and index them.

        A file that is not a resolution is refused (status "refused", with the reason); a file
        found inside a folder that is not a resolution is skipped the same way. Never raises for
        one bad file; raises CorpusError when the corpus itself cannot be written.
        """
        return self._guard(self._add, list(paths), replace)

    def _add(self, paths: list, replace: bool) -> list[Added]:
        sources: list[Path] = []
        for p in paths:
            p = Path(p).expanduser()
            if p.is_dir():
                sources += sorted(q for q in p.rglob("*") if q.is_file() and _candidate(q.relative_to(p)))
            else:
                sources.append(p)
        from resodiff.readers import read_file

        out: list[Added] = []
        jobs: list[tuple[Path, bytes]] = []
        for src in sources:
            try:
                jobs.append((src, read_file(src)))  # bounded; a FIFO or device is refused, not waited on
            except ReadError as exc:
                out.append(Added(src, None, "refused", error=str(exc).removeprefix(f"{src}: ")))
        parsed = self._parse_many([(str(src), data) for src, data in jobs])
        for (src, data), result in zip(jobs, parsed):
            if result.document is None:
                out.append(Added(src, None, "refused", error=result.error))
                continue
            out.append(self._add_one(src, data, result, replace))
        order = {str(p): k for k, p in enumerate(sources)}
        return sorted(out, key=lambda a: order.get(str(a.source), -1))

    def _add_one(self, src: Path, data: bytes, parsed: Parsed, replace: bool) -> Added:
        doc = parsed.document
        assert doc is not None
        sha = hashlib.sha256(data).hexdigest()
        resolved = src.resolve()
        if resolved.is_relative_to(self.folder) and _candidate(resolved.relative_to(self.folder)):
            target, status = resolved, "indexed"
        else:
            target = self.folder / _stored_name(src, doc)
            status = self._copy(data, sha, target, replace)
        rel = target.relative_to(self.folder).as_posix()
        st = os.stat(target)
        stored = Parsed(_moved(doc, target), parsed.passages)
        conn = self.conn
        with self._writing():
            row = conn.execute("SELECT sha256, mtime_ns, size FROM files WHERE path = ?", (rel,)).fetchone()
            if row is None or row[0] != sha or (row[1], row[2]) != (st.st_mtime_ns, st.st_size):
                self._store(rel, st, sha, stored)
        return Added(src, target, status, stored.document)

    def _copy(self, data: bytes, sha: str, target: Path, replace: bool) -> str:
        """Put ``data`` at ``target`` atomically; never over a different file unless ``replace``."""
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{target.name}.", suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise CorpusError(f"{self.folder}: cannot write to the corpus folder ({exc.strerror or exc})") from None
        try:
            try:
                os.link(tmp, target)  # atomic, and fails if the name is taken: no lost update
                return "added"
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: create the name exclusively
                try:
                    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                except FileExistsError:
                    pass
                else:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(data)
                    return "added"
            existing = hashlib.sha256(target.read_bytes()).hexdigest()
            if existing == sha:
                return "present"
            if not replace:
                raise CorpusError(f"{target.name}: a different file is already stored under this name in "
                                  f"{self.folder} (--replace replaces it)")
            os.replace(tmp, target)
            return "replaced"
        except CorpusError:
            raise
        except OSError as exc:
            raise CorpusError(f"{target}: cannot be stored ({exc.strerror or exc})") from None
        finally:
            Path(tmp).unlink(missing_ok=True)

    # -- reading the index ---------------------------------------------------------------------

    def documents(self, *, symbol: str | None = None, session: int | None = None, language: str | None = None,
                  title: str | None = None, agenda_item: str | None = None) -> list[Document]:
        """The indexed resolutions, oldest first; each filter narrows (title: words it contains)."""
        return self._guard(self._documents, symbol, session, language, title, agenda_item)

    def _documents(self, symbol, session, language, title, agenda_item) -> list[Document]:
        where, args = [], []
        for column, value in (("symbol", symbol), ("session", session), ("language", language),
                              ("agenda_item", agenda_item)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if title:
            where.append("title_key LIKE ? ESCAPE '\\'")
            key = (title_key(title) or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{key}%")
        sql = ("SELECT path, language, symbol, session, title, agenda_item, adopted, recalls, paragraphs,"
               " front_matter FROM documents" + (" WHERE " + " AND ".join(where) if where else ""))
        docs = [Document(self.folder / r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8],
                         tuple(json.loads(r[9]))) for r in self.conn.execute(sql, args)]
        return sorted(docs, key=_oldest_first)

    def refused(self) -> list[tuple[Path, str]]:
        """Files in the folder that are not resolutions, with the reason."""
        return self._guard(lambda: [(self.folder / r[0], r[1]) for r in
                                    self.conn.execute("SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path")])

    def series(self) -> list[Series]:
        """Every series in the corpus (see ``history.group_series``)."""
        return group_series(self.documents())

    # -- search --------------------------------------------------------------------------------

    def search(self, phrase: str, *, changes: int = 1, language: str | None = None) -> list[Hit]:
        """Every paragraph where ``phrase`` appears, or a variant of it at most ``changes`` words
        away (a word changed, added or left out), oldest first. Case, accents and punctuation do
        not count. A phrase of fewer than 4 words (2 per allowed change, plus 2) is only found
        as it is: a shorter variant would match almost anything."""
        query = [w for w, _, _ in words(phrase)]
        if not query:
            raise CorpusError("search: the phrase has no words to look for")
        if changes < 0:
            raise CorpusError("search: --changes cannot be negative")
        if len(query) < max(VARIANT_MIN_WORDS, 2 * (changes + 1)):
            changes = 0
        return self._guard(self._search, query, changes, language)

    def _search(self, query: list[str], changes: int, language: str | None) -> list[Hit]:
        table, match = self._candidates(query, changes)
        sql = (f"SELECT p.pid, p.pos, p.text, d.path, d.symbol, d.session, d.language, d.adopted FROM {table}"
               f" JOIN paragraphs p ON p.id = {table}.rowid JOIN documents d ON d.id = p.doc"
               f" WHERE {table} MATCH ?" + (" AND d.language = ?" if language else ""))
        args = [match] + ([language] if language else [])
        # A variant keeps one of changes + 1 pieces intact: a quick look for them spares the
        # word-by-word scoring of paragraphs that only share words.
        pieces = [_piece_re(tuple(p)) for p in _pieces(query, changes + 1)]
        # How far around an intact piece the rest of a variant can reach, in characters.
        reach = 2 * sum(len(w) + 2 for w in query) + 40 * changes
        hits = []
        seen: dict[str, object] = {}  # agreed language recurs word for word: score each text once
        files: dict[str, tuple[Path, tuple]] = {}  # per document: its path and its place in time
        for pid, pos, text, path, symbol, session, lang, adopted in self.conn.execute(sql, args):
            found = seen.get(text, seen)
            if found is seen:
                found = seen[text] = _look(query, text, changes, pieces, reach)
            if found is not None:
                span, edits = found
                if path not in files:
                    full = self.folder / path
                    files[path] = full, (session is None, session or 0, adopted or "", symbol_order(symbol), path)
                full, when = files[path]
                hits.append(((when, pos), Hit(symbol, session, lang, pid, full, text[span[0]:span[1]], text,
                                              edits, adopted)))
        hits.sort(key=lambda kh: kh[0])
        return [h for _, h in hits]

    def _candidates(self, query: list[str], changes: int) -> tuple[str, str]:
        """(FTS table, query) for the paragraphs that may hold the phrase.

        By word pairs where the phrase has enough of them (they are far rarer than words, so the
        query reads short lists only; ``gram_counts`` says which are rarest). The phrase: its
        ``GRAMS`` rarest pairs. One word off: a word changed, left out or added at position k
        breaks at most the two pairs over k, so for some k the variant has the rarest of the
        others. More words off: all but ``2 x changes`` of the rarest pairs. A phrase too short
        for that: by its words.
        """
        grams = _grams(query)
        lost = 2 * changes
        if len(grams) <= lost:
            return "passages", self._match(query, changes)
        distinct = list(dict.fromkeys(grams))
        counted = dict.fromkeys(distinct, 0)
        for start in range(0, len(distinct), 500):
            part = distinct[start:start + 500]
            counted.update(self.conn.execute(f"SELECT gram, passages FROM gram_counts WHERE gram IN"
                                             f" ({','.join('?' * len(part))})", part))

        def rarest(candidates) -> list[str]:
            return sorted(dict.fromkeys(candidates), key=lambda g: (counted[g], g))[:GRAMS]

        if changes == 0:
            groups = [rarest(grams)]
        elif changes == 1:
            groups = [rarest(g for i, g in enumerate(grams) if not k - 1 <= i <= k) for k in range(len(query))]
        else:
            pick = sorted(counted, key=lambda g: (counted[g], g))[:lost + GRAMS]
            groups = [list(kept) for kept in combinations(pick, len(pick) - lost)]
        if not all(groups):  # a group that asks for nothing would let every paragraph through
            return "passages", self._match(query, changes)
        unique = list(dict.fromkeys(tuple(sorted(g)) for g in groups))
        return "shingles", " OR ".join("(" + " AND ".join(_phrase([g]) for g in group) + ")" for group in unique)

    def _match(self, query: list[str], changes: int) -> str:
        """The FTS5 query for the candidates.

        The phrase itself when no change is allowed. Otherwise the paragraphs that have all but
        ``changes`` of the ``changes + RARE_WORDS`` rarest words of the phrase (each edit takes at
        most one word away): rare words have short lists in the index, so the query costs little
        however common the rest of the phrase is ("on the Non-Proliferation of Nuclear Weapons").
        A phrase of formulas only: one of ``changes + 1`` pieces of it intact (``changes`` edits
        cannot break them all), with all but ``changes`` of the rarest words of the rest.
        """
        if not changes:
            return _phrase(query)
        common = max(COMMON, self._passages() // 100)
        counted = {w: self._count("passages", w, common) for w in dict.fromkeys(query)
                   if w not in _STOPWORDS and len(w) > 2}

        def rarest(candidates, n: int) -> list[str]:
            return sorted(candidates, key=lambda w: (counted[w], -len(w), w))[:n]

        def all_but_changes(group: list[str]) -> str:
            return " OR ".join("(" + " AND ".join(_phrase([w]) for w in kept) + ")"
                               for kept in combinations(group, len(group) - changes))

        rare = [w for w in rarest(counted, changes + RARE_WORDS) if counted[w] < common]
        if len(rare) >= changes + 2:
            return all_but_changes(rare)
        clauses = []
        for piece in _pieces(query, changes + 1):
            clause = _phrase(piece)
            rest = rarest([w for w in counted if w not in piece], changes + 2)
            if len(rest) == changes + 2:
                clause = f"{clause} AND ({all_but_changes(rest)})"
            clauses.append(f"({clause})")
        return " OR ".join(clauses)

    def _passages(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0]

    def _count(self, table: str, token: str, cap: int) -> int:
        """In how many passages a word occurs, counted up to ``cap``: beyond that it
        is a formula, and counting it exactly would cost more than the search."""
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
        return self.conn.execute(sql, (_phrase([token]), cap)).fetchone()[0]


# ---- helpers -----------------------------------------------------------------------------------


class _Outdated(Exception):
    """An index written by another version of the schema: rebuilt without a warning."""


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (ROLLBACK on error): one writer at a time, waiting."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass


def _statements(script: str) -> list[str]:
    """The statements of a script (triggers keep their inner semicolons)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def _busy(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _candidate(rel: Path) -> bool:
    """A path (relative to a folder being scanned) that may hold a resolution."""
    return not any(part.startswith(".") for part in rel.parts) and rel.suffix.lower() not in SKIP_SUFFIXES


def _stored_name(src: Path, doc: Document) -> str:
    """A_RES_75_15.fr.md: symbol and language, as `resodiff fetch` names files; the file's own
    name when the text gives no symbol."""
    if not doc.symbol:
        return src.name
    from resodiff.ods import file_stem

    suffix = src.suffix.lower() if src.suffix else ".txt"
    return file_stem(doc.symbol, doc.language) + suffix


def _moved(doc: Document, path: Path) -> Document:
    from dataclasses import replace

    return replace(doc, path=path)


def _oldest_first(item) -> tuple:
    return (item.session is None, item.session or 0, item.adopted or "", symbol_order(item.symbol), str(item.path))


# A word; hyphenated compounds are one ("eighty-first" for "seventy-third" is one word changed),
# though FTS5 indexes their parts: a phrase query with them finds them all the same.
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")


def _fold(word: str) -> str:
    """Lower case without accents, as FTS5's unicode61 tokenizer folds ("remove_diacritics 2");
    one kind of hyphen."""
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFKD", word.replace("\u2010", "-").replace("\u2011", "-"))
    return "".join(ch for ch in word if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as the index sees them (folded), with where each stands in it."""
    return [(_fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


_STOPWORDS = frozenset(w for code in CODES for w in language_profile(code).stopwords)


# What stands between two words (``_WORD``): anything but a letter or digit, a hyphen included
# unless it joins two words into one.
_SEPARATOR = r"(?:[^\w\-\u2010\u2011]|_|(?<![^\W_])[-\u2010\u2011]|[-\u2010\u2011](?![^\W_]))+"
_ACCENTED = re.compile(r"[^\W\x00-\x7f]")  # a letter the quick look below cannot fold


@lru_cache(maxsize=256)
def _piece_re(piece: tuple[str, ...]) -> re.Pattern[str]:
    """The folded words of ``piece`` in a row, in lower-case text without accented letters."""
    words_ = [re.escape(w).replace(r"\-", "[-\u2010\u2011]") for w in piece]
    # The first word as a plain literal, so that the engine can skip ahead to it; the check that
    # no letter precedes it comes after (a fixed-width look behind).
    return re.compile(words_[0] + r"(?<![^\W_]" + words_[0] + ")" + "".join(_SEPARATOR + w for w in words_[1:])
                      + r"(?![^\W_])")


def _grams(ws: Sequence[str]) -> list[str]:
    """Word pairs: "urges_all", "all_state", ..."""
    return [f"{a}_{b}" for a, b in zip(ws, ws[1:])]


def shingles(text: str) -> str:
    """The word pairs of a passage, as the ``shingles`` index holds them."""
    return " ".join(_grams(_folded_words(text)))


def _phrase(ws: Sequence[str]) -> str:
    """An FTS5 phrase: the words in order (a compound's parts too, as FTS5 splits them)."""
    return '"' + " ".join(ws) + '"'


def _pieces(query: list[str], n: int) -> list[list[str]]:
    """``query`` cut into ``n`` runs of nearly equal length."""
    size, extra = divmod(len(query), n)
    out, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        out.append(query[start:end])
        start = end
    return [p for p in out if p]


def _look(query: list[str], text: str, changes: int, pieces: list[re.Pattern[str]], reach: int):
    """``best_match`` where a piece of the phrase stands intact (a quick regular expression), in
    the stretch of text around it; None where none does. Text with accented letters, which the
    quick look cannot fold, is scored whole."""
    low = text.lower()
    if _ACCENTED.search(low):
        return best_match(query, text, changes)
    spots = [m.span() for p in pieces for m in p.finditer(low)]
    if not spots:
        return None
    start = text.rfind(" ", 0, max(0, min(a for a, _ in spots) - reach)) + 1  # whole words only
    end = text.find(" ", min(len(text), max(b for _, b in spots) + reach))
    end = len(text) if end < 0 else end
    found = best_match(query, text[start:end], changes)
    if found is None:
        return None
    (a, b), edits = found
    return (a + start, b + start), edits


def _folded_words(text: str) -> list[str]:
    """The folded words of ``text`` (``words`` without the spans; fast: one regex pass)."""
    low = text.lower()
    found = _WORD.findall(low)
    if not low.isascii():
        found = [w if w.isascii() else _fold(w) for w in found]
    return found


def best_match(query: Sequence[str], text: str, changes: int):
    """Where in ``text`` the folded words ``query`` appear with at most ``changes`` word edits.

    Returns ((start, end) character span in ``text``, edits) or None; ``edits`` are (query word,
    text word) pairs, None for a word added or left out; () for an exact match.
    """
    tokens = _folded_words(text)
    code: dict[str, str] = {}
    for w in query:
        code.setdefault(w, chr(0x100 + len(code)))
    q = "".join([code[w] for w in query])
    get = code.get
    t = "".join([get(w, "\x01") for w in tokens])  # other words all look alike: no false hits
    found = _window(q, t, changes)
    if found is None:
        return None
    s, e = found
    spans = [m.span() for m in _WORD.finditer(text)]
    if len(spans) != len(tokens):  # lower case changed a word's length (rare): the slow way
        spans = [(a, b) for _, a, b in words(text)]
    if e - s == len(q) and t[s:e] == q:
        return (spans[s][0], spans[e - 1][1]), ()
    edits = []
    for op in Levenshtein.editops(q, t[s:e]):
        qword = query[op.src_pos] if op.tag in ("replace", "delete") else None
        tword = tokens[s + op.dest_pos] if op.tag in ("replace", "insert") else None
        edits.append((qword, tword))
    return (spans[s][0], spans[e - 1][1]), tuple(edits)


def _window(q: str, t: str, changes: int) -> tuple[int, int] | None:
    """The stretch of ``t`` (word codes) closest to ``q``, at most ``changes`` edits away."""
    at = t.find(q)
    if at >= 0:
        return at, at + len(q)
    if not changes:
        return None
    n = len(q)
    best = None
    offset = 0
    for piece in _pieces(list(q), changes + 1):
        piece_s = "".join(piece)
        k = t.find(piece_s)
        while k >= 0:
            base = k - offset
            for shift in range(-changes, changes + 1):
                for length in range(n - changes, n + changes + 1):
                    s, e = base + shift, base + shift + length
                    if s < 0 or e > len(t) or e <= s:
                        continue
                    d = Levenshtein.distance(q, t[s:e], score_cutoff=changes)
                    if d <= changes:
                        # Fewest edits; then a window whose ends are the phrase's ends ("ABCxD"
                        # is D with x added, not D replaced by x); then the phrase's length.
                        key = (d, t[s] != q[0], t[e - 1] != q[-1], abs(length - n), s)
                        if best is None or key < best[0]:
                            best = (key, s, e)
            k = t.find(piece_s, k + 1)
        offset += len(piece)
    return None if best is None else (best[1], best[2])
