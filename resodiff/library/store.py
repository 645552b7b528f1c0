"""The corpus store: a folder of resolution files, and its SQLite index (index, refresh, locking).

The folder is the truth; the index (SQLite with FTS5) is a cache of what the readers make of
each file (``document.describe``): symbol, session, language, title, agenda item, the series'
recall footnote, and the text of every paragraph and sub-paragraph for full-text search.
``refresh`` brings the index up to date with the folder: a file whose modification time or
size changed is hashed, and read again if its content did; files gone from the folder leave
the index. Files that are not resolutions (a README, a table) are remembered as refused, with
the reason, so they are not read again and again.

* ``add`` copies files into the folder (named by symbol and language, A_RES_75_15.fr.md, as
  ``resodiff fetch`` names them) and indexes them. Copies are atomic (``output.write_new``)
  and never overwrite a different file (``replace=True`` does), so two processes adding at
  once lose nothing; the index is written in short ``BEGIN IMMEDIATE`` transactions, WAL
  journal, waiting on a busy database rather than failing - but for a first indexing (many
  files at once), which is one transaction.
* Paragraph ids follow the date order of ``search.chrono`` (``_place``, ``_lay_out``), so a
  search reads FTS5's answers in id order and stops when its page is full.
* A damaged index file is deleted and rebuilt from the folder, with a warning in
  ``Library.warnings``: the index is a cache, nothing is lost.
* ``search`` is ``search.find`` over the index, brought up to date first.

Nothing here prints: warnings are collected, errors are ``CorpusError`` in one line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from platformdirs import user_cache_path

from resodiff import symbols
from resodiff.errors import CorpusError, OutputError, ReadError
from resodiff.fold import title_key
from resodiff.history import Document, Series, group_series
from resodiff.library import search as searching
from resodiff.library.document import Parsed, parse_job, read_job
from resodiff.library.folder import INDEX_DIR, SKIP_SUFFIXES, candidate, stored_name
from resodiff.library.phrases import shingles
from resodiff.output import write_new
from resodiff.readers import read_file
from resodiff.workers import die_with_parent

SCHEMA = 7
INDEX_NAME = "index.sqlite3"
BUSY_MS = 120_000  # how long a writer waits for another process's transaction
BATCH = 500  # files written per transaction while refreshing
WINDOW = 4000  # files handed to the worker processes at a time
RACY_NS = 2_000_000_000  # a folder changed this close to its reading may change unseen (clock ticks): ``_vouch``
PARALLEL_FROM = 64  # read files in worker processes when there are at least this many
BULK_FROM = 200  # this many files to read, and as many as the index holds: laid out once at the end
# Paragraph ids are laid out in date order (``_place``): a document's passages take a run of ids
# in the gap between its neighbours' runs, ids live in [1, SPACE), and runs are STEP ids apart
# (room for about ten documents put one by one between two, and any number after the last;
# FTS5 stores id differences, so wider gaps make a larger index: 2**16 costs a fifth more than
# consecutive ids, 2**47 twice as much).
SPACE = 2 ** 62
STEP = 2 ** 16

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Each folder's modification time when last read (NULL: too recent to vouch for).
CREATE TABLE IF NOT EXISTS folders(path TEXT PRIMARY KEY, mtime_ns INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
    error TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, symbol TEXT, session INTEGER,
    language TEXT NOT NULL, title TEXT, title_key TEXT, agenda_item TEXT, adopted TEXT,
    recalls TEXT NOT NULL, paragraphs INTEGER NOT NULL, front_matter TEXT NOT NULL,
    chrono TEXT NOT NULL,  -- search results come in this order (search.chrono)
    passages INTEGER NOT NULL,  -- paragraphs and sub-paragraphs with text: rows in paragraphs
    first INTEGER);  -- the id of its first passage (NULL: none; never NULL at a commit otherwise)
CREATE INDEX IF NOT EXISTS documents_symbol ON documents(symbol);
CREATE INDEX IF NOT EXISTS documents_session ON documents(session);
CREATE INDEX IF NOT EXISTS documents_language ON documents(language);
CREATE INDEX IF NOT EXISTS documents_title ON documents(title_key);
CREATE INDEX IF NOT EXISTS documents_agenda ON documents(agenda_item);
CREATE INDEX IF NOT EXISTS documents_chrono ON documents(chrono);
-- Ids in date order: the id order is (documents.chrono, pos), so a search reads FTS5's answers
-- in id order and stops when its page is full (``_place``, ``_lay_out``).
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
"""

# Per connection, within a transaction: the passages of documents not yet given ids (many files
# written at once, or no gap left among the neighbours), with their word pairs as the workers
# computed them, until ``_lay_out`` puts them in place before the commit.
_STAGING_SQL = """
CREATE TEMP TABLE IF NOT EXISTS staged(doc INTEGER NOT NULL, pos INTEGER NOT NULL, pid TEXT NOT NULL,
    text TEXT NOT NULL, grams TEXT NOT NULL, PRIMARY KEY(doc, pos)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS placing(doc INTEGER PRIMARY KEY, first INTEGER NOT NULL);
"""


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
        self._bulk = False  # many files written in one transaction: staged, laid out once at its end
        self._unplaced = False  # a document written in this transaction awaits ``_lay_out``

    # -- connection, schema, damage ------------------------------------------------------------

    def _default_index(self) -> Path:
        if os.access(self.folder, os.W_OK):
            return self.folder / INDEX_DIR / INDEX_NAME
        digest = hashlib.sha256(str(self.folder).encode("utf-8")).hexdigest()[:16]
        return user_cache_path("resodiff") / "indexes" / f"{self.folder.name}-{digest}.sqlite3"

    def __enter__(self) -> Self:
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

    def writer_busy(self) -> bool:
        """Whether another process holds the index's write lock right now, so that a refresh
        will wait for it (SQLite's busy handler waits silently: the caller can say so first)."""
        if not self.index.exists():
            return False
        probe = sqlite3.connect(self.index, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.DatabaseError as exc:  # a damaged index is the refresh's to rebuild, not a lock
            return _busy(exc)
        finally:
            probe.close()

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
            conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: a large transaction spills less
            conn.create_function("resodiff_shingles", 1, shingles, deterministic=True)  # for ``_lay_out``
            with _transaction(conn):
                for statement in _statements(_SCHEMA_SQL):
                    conn.execute(statement)
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                elif row[0] != str(SCHEMA):
                    raise _Outdated(row[0])
            for statement in _statements(_STAGING_SQL):
                conn.execute(statement)
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

    def refresh(self, *, full: bool = False) -> Refreshed:
        """Read what changed in the folder since the index last saw it; forget what is gone.

        Folders first: a folder whose modification time is the one the index saw last has the
        same files - none added, removed, renamed or replaced (copies, ``add``, ``fetch`` and
        editors that save by renaming all change it) - and is not read again. A file rewritten
        in place leaves its folder's time alone: it is read again when its folder changes, when
        it is added again, or with ``full=True``, which looks at every file.
        """
        return self._guard(self._refresh, full)

    def _walk(self, full: bool) -> tuple[dict[str, os.stat_result], set[str], dict[str, int], set[str], int]:
        """The folders that changed since the last refresh, read: (their candidate files by
        relative path with their stat, the folders read, every folder's time now, the folders
        gone, and the time the walk began)."""
        recorded: dict[str, int | None] = {} if full else dict(self.conn.execute("SELECT path, mtime_ns FROM folders"))
        below: dict[str, list[str]] = {}
        for rel in recorded:
            if rel:
                below.setdefault(rel.rpartition("/")[0], []).append(rel)
        began = time.time_ns()
        on_disk: dict[str, os.stat_result] = {}
        scanned: set[str] = set()
        stamps: dict[str, int] = {}
        stack = [""]
        while stack:
            rel = stack.pop()
            try:
                stamp = os.stat(os.path.join(self.folder, rel)).st_mtime_ns
            except OSError:
                continue
            stamps[rel] = stamp
            if recorded.get(rel) == stamp:
                stack += below.get(rel, ())
                continue
            scanned.add(rel)
            listed = self._list(rel)
            if listed is not None:
                on_disk.update(listed[0])
                stack += listed[1]
        return on_disk, scanned, stamps, set(recorded) - set(stamps), began

    def _list(self, rel: str) -> tuple[dict[str, os.stat_result], list[str]] | None:
        """A folder's candidate files (relative path: stat) and sub-folders; None if unreadable."""
        prefix = f"{rel}/" if rel else ""
        try:
            entries = list(os.scandir(os.path.join(self.folder, rel)))  # one system call a folder
        except OSError:
            return None
        files: dict[str, os.stat_result] = {}
        folders: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    folders.append(prefix + name)
                elif entry.is_file() and os.path.splitext(name)[1].lower() not in SKIP_SUFFIXES:
                    files[prefix + name] = entry.stat()
            except OSError:
                continue  # gone since the folder was read
        return files, folders

    def _vouch(self, recent: set[str], stamps: dict[str, int], on_disk: dict[str, os.stat_result]) -> set[str]:
        """Of the folders that changed within ``RACY_NS`` of being read (a change in the same
        clock tick would leave their time as it was: git's "racy" files), those that can be
        vouched for now: their time is older than that by now, and read again they hold the
        same files (same times and sizes) and sub-folders as the index was given. A change after
        this second look moves the folder's time. The others are read again next time."""
        if not recent:
            return set()
        horizon = time.time_ns() - RACY_NS
        indexed: dict[str, dict[str, tuple[int, int]]] = {}
        for rel, st in on_disk.items():
            indexed.setdefault(rel.rpartition("/")[0], {})[rel] = (st.st_mtime_ns, st.st_size)
        subfolders: dict[str, set[str]] = {}
        for rel in stamps:
            if rel:
                subfolders.setdefault(rel.rpartition("/")[0], set()).add(rel)
        vouched = set()
        for rel in recent:
            if stamps[rel] >= horizon:
                continue
            listed = self._list(rel)
            try:
                now = os.stat(os.path.join(self.folder, rel)).st_mtime_ns  # after the listing
            except OSError:
                continue
            if listed is None or now != stamps[rel]:
                continue
            files, folders = listed
            if ({p: (st.st_mtime_ns, st.st_size) for p, st in files.items()} == indexed.get(rel, {})
                    and set(folders) == subfolders.get(rel, set())):
                vouched.add(rel)
        return vouched

    def _refresh(self, full: bool = False) -> Refreshed:
        conn = self.conn
        on_disk, scanned, stamps, vanished, began = self._walk(full)
        if not scanned and not vanished:
            return Refreshed()
        known = {row[0]: (row[1], row[2], row[3]) for row in
                 conn.execute("SELECT path, mtime_ns, size, sha256 FROM files")
                 if full or row[0].rpartition("/")[0] in scanned or _under(row[0], vanished)}
        gone = [p for p in known if p not in on_disk]
        if gone:
            with self._writing():
                for rel in gone:
                    if not (self.folder / rel).exists():  # checked again: another process may have added it
                        self._forget(rel)
        stale = [(rel, st) for rel, st in on_disk.items()
                 if known.get(rel, (None, None))[:2] != (st.st_mtime_ns, st.st_size)]
        indexed = 0
        jobs = [(str(self.folder / rel), known[rel][2] if rel in known else None) for rel, _ in stale]
        touched: list[tuple[int, int, str]] = []
        unsure: set[str] = set()  # folders with a file not stored as it is now: read again next time
        # Many files at once (the first indexing of a corpus): one transaction, its passages
        # staged and laid out once at its end, the FTS tables built in id order. Other processes
        # wait for it; stopped half-way, it leaves the index as it was.
        bulk = self._many(len(jobs))
        with self._writing() if bulk else nullcontext():
            self._bulk = bulk
            try:
                batch: list[tuple[str, os.stat_result, str, Parsed]] = []
                for (rel, st), (sha, parsed) in zip(stale, self._read_many(jobs)):
                    if sha is None:
                        unsure.add(rel.rpartition("/")[0])  # gone or unreadable since the walk
                        continue
                    if parsed is None:
                        touched.append((st.st_mtime_ns, st.st_size, rel))  # same content: new stamp only
                        continue
                    batch.append((rel, st, sha, parsed))
                    indexed += 1
                    if len(batch) == BATCH:
                        unsure |= self._store_many(batch, known)
                        batch = []
                unsure |= self._store_many(batch, known)
            finally:
                self._bulk = False
        if bulk:  # the journal held the whole index: give its room back
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with self._writing() as conn:
            conn.executemany("UPDATE files SET mtime_ns = ?, size = ? WHERE path = ?", touched)
            if full:
                conn.execute("DELETE FROM folders")
            conn.executemany("DELETE FROM folders WHERE path = ?", [(rel,) for rel in vanished])
            # A folder changed within the clock tick of its reading may change again unseen with
            # the same time: recorded as unknown (read again next time) unless vouched for now.
            recent = {rel for rel in scanned if rel in stamps and stamps[rel] >= began - RACY_NS} - unsure
            unsure |= recent - self._vouch(recent, stamps, on_disk)
            conn.executemany("INSERT INTO folders VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET mtime_ns ="
                             " excluded.mtime_ns", [(rel, None if rel in unsure else stamps[rel])
                                                        for rel in scanned if rel in stamps])
        return Refreshed(indexed=indexed, removed=len(gone), unchanged=len(on_disk) - indexed)

    def _store_many(self, batch: list[tuple[str, os.stat_result, str, Parsed]], known) -> set[str]:
        """One transaction for a batch of files read: one writer, few commits. Returns the
        folders of the files that changed while they were read (not stored)."""
        missed = set()
        if batch:
            with nullcontext() if self._bulk else self._writing():  # in bulk: inside the one transaction
                for rel, st, sha, parsed in batch:
                    if not self._store(rel, st, sha, parsed, known=rel in known):
                        missed.add(rel.rpartition("/")[0])
                if self._bulk:
                    self._write_counts()
        return missed

    def _read_many(self, jobs: list[tuple[str, str | None]]) -> Iterator[tuple[str | None, Parsed | None]]:
        """``document.read_job`` for each (path, known sha256): in worker processes, all cores,
        when there are many, the results in order as they come."""
        if len(jobs) < PARALLEL_FROM or self.workers < 2:
            yield from map(read_job, jobs)
            return
        with ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent) as pool:
            # A window at a time: results wait for the writer, and must not pile up in memory.
            for start in range(0, len(jobs), WINDOW):
                yield from pool.map(read_job, jobs[start:start + WINDOW], chunksize=8)

    def _parse_many(self, jobs: list[tuple[str, bytes | None]]) -> list[Parsed]:
        if len(jobs) < PARALLEL_FROM or self.workers < 2:
            return [parse_job(j) for j in jobs]
        with ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent) as pool:
            return list(pool.map(parse_job, jobs, chunksize=16))

    def _forget(self, rel: str) -> None:
        conn = self.conn
        row = conn.execute("SELECT id, first FROM documents WHERE path = ?", (rel,)).fetchone()
        if row is not None:
            doc, first = row
            texts = conn.execute("SELECT id, text FROM paragraphs WHERE doc = ?", (doc,)).fetchall()
            grams = [(pid, shingles(text)) for pid, text in texts]
            if first is not None:  # laid out: in the FTS tables, which forget a row only when told what it held
                conn.executemany("INSERT INTO passages(passages, rowid, text) VALUES ('delete', ?, ?)", texts)
                conn.executemany("INSERT INTO shingles(shingles, rowid, grams) VALUES ('delete', ?, ?)", grams)
            else:  # staged earlier in this transaction
                grams = [(None, g) for (g,) in conn.execute("SELECT grams FROM temp.staged WHERE doc = ?", (doc,))]
                conn.execute("DELETE FROM temp.staged WHERE doc = ?", (doc,))
            for _, g in grams:
                self._counts.subtract(set(g.split()))
            conn.execute("DELETE FROM paragraphs WHERE doc = ?", (doc,))
            conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        conn.execute("DELETE FROM files WHERE path = ?", (rel,))

    def _store(self, rel: str, st: os.stat_result, sha: str, parsed: Parsed, *, known: bool = True) -> bool:
        """Write one file's entry (inside a transaction), unless the file changed since it was
        read: then the entry would be stale, and the next refresh reads it again. True if written."""
        try:
            now = os.stat(self.folder / rel)
        except OSError:
            return False
        if (now.st_mtime_ns, now.st_size) != (st.st_mtime_ns, st.st_size):
            return False
        conn = self.conn
        if known:  # a file new to the index has nothing to forget
            self._forget(rel)
        conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)", (rel, st.st_mtime_ns, st.st_size, sha, parsed.error))
        doc = parsed.document
        if doc is None:
            return True
        order = searching.chrono(doc.session, doc.adopted, doc.symbol, rel)
        n = len(parsed.passages)
        first = None if self._bulk or not n else self._place(order, n)
        cur = conn.execute(
            "INSERT INTO documents(path, symbol, session, language, title, title_key, agenda_item, adopted,"
            " recalls, paragraphs, front_matter, chrono, passages, first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rel, doc.symbol, doc.session, doc.language, doc.title, title_key(doc.title), doc.agenda_item,
             doc.adopted, json.dumps(list(doc.recalls)), doc.paragraphs, json.dumps(list(doc.front_matter)),
             order, n, first))
        grams = parsed.grams or tuple(shingles(text) for _, text in parsed.passages)
        self._counts.update(chain.from_iterable(set(g.split()) for g in grams))  # one call: counted in C
        if first is None:  # staged: given ids (and FTS rows) by ``_lay_out`` before the commit
            conn.executemany("INSERT INTO temp.staged VALUES (?, ?, ?, ?, ?)",
                             [(cur.lastrowid, k, pid, text, g) for k, ((pid, text), g) in enumerate(zip(parsed.passages, grams))])
            self._unplaced = self._unplaced or n > 0
            return True
        rows = [(first + k, cur.lastrowid, pid, k, text) for k, (pid, text) in enumerate(parsed.passages)]
        conn.executemany("INSERT INTO paragraphs(id, doc, pid, pos, text) VALUES (?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO passages(rowid, text) VALUES (?, ?)", [(r[0], r[4]) for r in rows])
        conn.executemany("INSERT INTO shingles(rowid, grams) VALUES (?, ?)", [(first + k, g) for k, g in enumerate(grams)])
        return True

    def _place(self, order: str, n: int) -> int | None:
        """The first of ``n`` free ids between the runs of the documents before and after
        ``order`` (``search.chrono``), so that id order stays date order; None when the gap is
        too narrow (then everything is laid out again)."""
        conn = self.conn
        before = conn.execute("SELECT first + passages FROM documents WHERE chrono < ? AND first IS NOT NULL"
                              " ORDER BY chrono DESC LIMIT 1", (order,)).fetchone()
        after = conn.execute("SELECT first FROM documents WHERE chrono > ? AND first IS NOT NULL"
                             " ORDER BY chrono LIMIT 1", (order,)).fetchone()
        if before is None:
            first = SPACE // 2 if after is None else after[0] - STEP - n
        elif after is None:
            first = before[0] + STEP
        else:
            lo, hi = before[0], after[0]
            free = hi - lo - n
            if free < 2:
                return None
            # Just after the one before when the gap is wide: documents added in date order (the
            # usual way) then leave the rest of the gap to the next.
            first = lo + min(STEP, free // 2)
        return first if first >= 1 and first + n <= SPACE else None

    def _many(self, n: int) -> bool:
        """Whether ``n`` files to write are many - ``BULK_FROM`` at least, and as many as the index
        holds - so that they are written unplaced and laid out once at the end: cheaper than
        placing each among its neighbours, and the FTS tables built in id order."""
        return n >= BULK_FROM and n >= self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def _lay_out(self) -> None:
        """Give every document's passages ids in date order, evenly spaced over [1, SPACE) -
        the staged ones included - and fill both FTS tables afresh in that order (inside the
        caller's transaction). Done at the end of a transaction that wrote many files, or in
        which a document found no gap among its neighbours."""
        conn = self.conn
        docs = conn.execute("SELECT id, passages FROM documents WHERE passages > 0 ORDER BY chrono").fetchall()
        span = sum(n for _, n in docs) + STEP * max(0, len(docs) - 1)
        if span >= SPACE:
            raise CorpusError(f"{self.folder}: too many paragraphs to index ({span:,} ids needed)")
        firsts, at = [], (SPACE - span) // 2  # room on both sides: added later, or earlier
        for doc, n in docs:
            firsts.append((doc, at))
            at += n + STEP
        conn.execute("DELETE FROM temp.placing")
        conn.executemany("INSERT INTO temp.placing VALUES (?, ?)", firsts)
        conn.execute("UPDATE documents SET first = (SELECT first FROM temp.placing l WHERE l.doc = documents.id)")
        staged = ("SELECT l.first + s.pos, s.doc, s.pid, s.pos, s.text FROM temp.staged s"
                  " JOIN temp.placing l ON l.doc = s.doc")
        if conn.execute("SELECT 1 FROM paragraphs LIMIT 1").fetchone() is None:  # the first indexing
            conn.execute(f"INSERT INTO paragraphs {staged} ORDER BY 1")
        else:  # a copy in the new order rather than ids changed in place: written once, in id order
            conn.execute("DROP TABLE IF EXISTS laid_out")
            conn.execute("CREATE TABLE laid_out(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, pid TEXT NOT NULL,"
                         " pos INTEGER NOT NULL, text TEXT NOT NULL)")
            conn.execute("INSERT INTO laid_out SELECT l.first + p.pos, p.doc, p.pid, p.pos, p.text FROM paragraphs p"
                         f" JOIN temp.placing l ON l.doc = p.doc UNION ALL {staged} ORDER BY 1")
            conn.execute("DROP TABLE paragraphs")
            conn.execute("ALTER TABLE laid_out RENAME TO paragraphs")
            conn.execute("CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc)")
        conn.execute("INSERT INTO passages(passages) VALUES ('rebuild')")
        conn.execute("INSERT INTO shingles(shingles) VALUES ('delete-all')")
        # The pairs the workers computed for the staged passages; computed again for the others.
        conn.execute("INSERT INTO shingles(rowid, grams) SELECT p.id, coalesce(s.grams, resodiff_shingles(p.text))"
                     " FROM paragraphs p LEFT JOIN temp.staged s ON s.doc = p.doc AND s.pos = p.pos ORDER BY p.id")
        conn.execute("DELETE FROM temp.staged")
        conn.execute("DELETE FROM temp.placing")

    @contextmanager
    def _writing(self):
        """A write transaction that also brings ``gram_counts`` up to date with what it wrote, and
        lays out the documents it could not place (unless many files are being written)."""
        self._counts.clear()
        self._unplaced = False
        try:
            with _transaction(self.conn) as conn:
                yield conn
                self._write_counts()
                if self._unplaced:
                    self._lay_out()
        finally:
            self._counts.clear()
            self._unplaced = False

    def _write_counts(self) -> None:
        changed = [(g, n) for g, n in self._counts.items() if n]
        self.conn.executemany("INSERT INTO gram_counts VALUES (?, ?) ON CONFLICT(gram) DO UPDATE"
                              " SET passages = passages + excluded.passages", changed)
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
                sources += sorted(q for q in p.rglob("*") if q.is_file() and candidate(q.relative_to(p)))
            else:
                sources.append(p)
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
        if resolved.is_relative_to(self.folder) and candidate(resolved.relative_to(self.folder)):
            target, status = resolved, "indexed"
        else:
            target = self.folder / stored_name(src, doc.symbol, doc.language)
            status = self._copy(data, sha, target, replace)
        rel = target.relative_to(self.folder).as_posix()
        st = os.stat(target)
        stored = Parsed(dataclasses.replace(doc, path=target), parsed.passages)
        conn = self.conn
        with self._writing():
            row = conn.execute("SELECT sha256, mtime_ns, size FROM files WHERE path = ?", (rel,)).fetchone()
            if row is None or row[0] != sha or (row[1], row[2]) != (st.st_mtime_ns, st.st_size):
                self._store(rel, st, sha, stored)
        return Added(src, target, status, stored.document)

    def _copy(self, data: bytes, sha: str, target: Path, replace: bool) -> str:
        """Put ``data`` at ``target`` atomically (``output.write_new``); never over a different
        file unless ``replace``. "added", "present" (the same bytes were there) or "replaced"."""
        try:
            write_new(target, data)  # fails if the name is taken, even by a racing `add`: no lost update
            return "added"
        except OutputError as exc:
            if not target.is_file():  # not taken: the folder itself cannot be written
                raise CorpusError(f"{self.folder}: cannot write to the corpus folder ({exc})") from None
        try:
            existing = hashlib.sha256(target.read_bytes()).hexdigest()
        except OSError as exc:
            raise CorpusError(f"{target}: cannot be read to compare ({exc.strerror or exc})") from None
        if existing == sha:
            return "present"
        if not replace:
            raise CorpusError(f"{target.name}: a different file is already stored under this name in "
                              f"{self.folder} (--replace replaces it)")
        try:
            write_new(target, data, force=True)
        except OutputError as exc:
            raise CorpusError(f"{target}: cannot be stored ({exc})") from None
        return "replaced"

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

    def search(self, phrase: str, *, changes: int = 1, language: str | None = None,
               limit: int | None = None) -> list[searching.Hit]:
        """Every paragraph where ``phrase`` appears, or a variant of it at most ``changes`` words
        away (a word changed, added or left out), oldest first; the first ``limit`` of them when
        given. Case, accents and punctuation do not count (``search.query_words`` says which
        phrases are only found as they are)."""
        query, changes = searching.query_words(phrase, changes)
        return self._guard(lambda: searching.find(self.conn, self.folder, query, changes, language, limit))


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
            with suppress(sqlite3.Error):  # the error that got us here is the one to report
                self.conn.execute("ROLLBACK")


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


def _under(rel: str, folders: set[str]) -> bool:
    """Is ``rel`` inside one of ``folders`` (relative paths; "" is the corpus folder)?"""
    return bool(folders) and any(f == "" or rel.startswith(f + "/") for f in folders)


def _oldest_first(item) -> tuple:
    return (item.session is None, item.session or 0, item.adopted or "", symbols.order(item.symbol), str(item.path))
