"""The corpus folder and its index (resodiff/library.py): adding, refreshing, searching, damage,
and two processes adding at once."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from collections import Counter

import pytest

from resodiff.errors import CorpusError
from resodiff.library.phrases import best_match, shingles, words
from resodiff.library.store import Library, Refreshed

from corpus_docs import FORUM, OPS, forum, write


def _index_only(folder):
    """The documents the index holds, without refreshing it from the folder first."""
    with Library(folder) as lib:
        assert_counts_exact(lib)
        return sorted(d.symbol for d in lib.documents())


def assert_counts_exact(lib):
    """``gram_counts`` (kept up to date transaction by transaction) against a count from scratch."""
    expected = Counter()
    for (text,) in lib.conn.execute("SELECT text FROM paragraphs"):
        expected.update(set(shingles(text).split()))
    kept = {g: n for g, n in lib.conn.execute("SELECT gram, passages FROM gram_counts") if n}
    assert kept == dict(expected)


# ---- adding and listing ------------------------------------------------------------------------

def test_add_copies_under_symbol_names_and_indexes(tmp_path):
    src = tmp_path / "incoming"
    files = [forum(src, 75, 9), forum(src, 77, 12, recalls="Resolutions 73/10 and 75/9.")]
    corpus = tmp_path / "corpus"
    with Library(corpus) as lib:
        added = lib.add(files)
        assert [a.status for a in added] == ["added", "added"]
        assert sorted(p.name for p in corpus.iterdir() if not p.name.startswith(".")) == ["A_RES_75_9.en.md", "A_RES_77_12.en.md"]
        docs = lib.documents()
    assert [(d.symbol, d.session, d.language, d.title) for d in docs] == [
        ("A/RES/75/9", 75, "en", FORUM), ("A/RES/77/12", 77, "en", FORUM)]
    assert docs[1].recalls == ("A/RES/73/10", "A/RES/75/9")
    assert docs[1].agenda_item == "12"


def test_add_again_is_harmless_and_a_different_file_is_not_overwritten(tmp_path):
    src = tmp_path / "src"
    first = forum(src, 77, 12)
    corpus = tmp_path / "corpus"
    with Library(corpus) as lib:
        assert lib.add([first])[0].status == "added"
        assert lib.add([first])[0].status == "present"
        other = forum(tmp_path / "other", 77, 12, operative=["Decides to remain seized of the matter."])
        with pytest.raises(CorpusError, match="a different file is already stored"):
            lib.add([other])
        assert "Decides to remain seized" not in (corpus / "A_RES_77_12.en.md").read_text(encoding="utf-8")
        assert lib.add([other], replace=True)[0].status == "replaced"
        assert lib.search("Decides to remain seized of the matter")[0].symbol == "A/RES/77/12"


def test_files_that_are_not_resolutions_are_refused_with_the_reason(tmp_path):
    src = tmp_path / "src"
    good = forum(src, 77, 12)
    (src / "README.md").write_text("# My project\n\nInstall it with pip. Then run the tests with pytest.\n"
                                   "It is a small tool for converting files between formats.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    with Library(tmp_path / "corpus") as lib:
        added = {a.source.name: a for a in lib.add([src])}
        assert added[good.name].status == "added"
        assert added["README.md"].status == "refused" and "no resolution" in added["README.md"].error
        assert added["empty.txt"].status == "refused" and "empty" in added["empty.txt"].error
        assert lib.add([tmp_path / "missing.md"])[0].error == "no such file"


def test_documents_filters(tmp_path):
    corpus = tmp_path / "corpus"
    for session, number in ((73, 10), (75, 9), (77, 12)):
        forum(corpus, session, number)
    write(corpus, "other.md", "A/RES/77/30", "Oceans and the law of the sea", ["Welcomes the report;"])
    with Library(corpus) as lib:
        lib.refresh()
        assert [d.symbol for d in lib.documents(session=77)] == ["A/RES/77/12", "A/RES/77/30"]
        assert [d.symbol for d in lib.documents(title="pacific islands")] == ["A/RES/73/10", "A/RES/75/9", "A/RES/77/12"]
        assert [d.symbol for d in lib.documents(symbol="A/RES/75/9")] == ["A/RES/75/9"]
        assert lib.documents(language="fr") == []
        assert len(lib.documents(agenda_item="12")) == 4


# ---- refreshing --------------------------------------------------------------------------------

def test_refresh_follows_the_folder(tmp_path):
    corpus = tmp_path / "corpus"
    path = forum(corpus, 77, 12)
    with Library(corpus) as lib:
        assert lib.refresh().indexed == 1
        assert lib.refresh().indexed == 0  # nothing changed: nothing read

        os.utime(path, ns=(1, 1))  # touched, same content: hashed, not read again
        assert lib.refresh().indexed == 0

        path.write_text(path.read_text(encoding="utf-8").replace("climate change", "ocean acidification"), encoding="utf-8")
        assert lib.refresh().indexed == 1
        assert lib.search("cooperation on ocean acidification")
        assert not lib.search("cooperation on climate change", changes=0)

        forum(corpus, 79, 6)  # dropped into the folder by hand (or by `resodiff fetch`)
        path.unlink()
        assert lib.refresh().removed == 1
        assert [d.symbol for d in lib.documents()] == ["A/RES/79/6"]
        assert_counts_exact(lib)


def _age(*folders, seconds=3600):
    """Give folders a modification time in the past (as a corpus has between two uses)."""
    for folder in folders:
        st = os.stat(folder)
        os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10 ** 9))


def test_refresh_reads_only_the_folders_that_changed(tmp_path):
    corpus = tmp_path / "corpus"
    path = forum(corpus, 77, 12)
    (corpus / "later").mkdir()
    other = forum(corpus / "later", 79, 6)
    with Library(corpus) as lib:
        assert lib.conn  # the index folder (.resodiff) made: the corpus folder's time moved
        _age(corpus, corpus / "later")
        assert lib.refresh().indexed == 2
        rows = lib.conn.execute("SELECT path, mtime_ns FROM folders ORDER BY path").fetchall()
        assert rows == [("", os.stat(corpus).st_mtime_ns), ("later", os.stat(corpus / "later").st_mtime_ns)]

        # Rewritten in place, its folder's time put back: the folders say nothing changed.
        stamp = os.stat(corpus).st_mtime_ns
        path.write_text(path.read_text(encoding="utf-8").replace("climate change", "ocean acidification"),
                        encoding="utf-8")
        os.utime(corpus, ns=(stamp, stamp))
        assert lib.refresh() == Refreshed()
        assert lib.search("cooperation on climate change", changes=0)
        assert lib.refresh(full=True).indexed == 1  # every file looked at
        assert lib.search("cooperation on ocean acidification", changes=0)

        # Replaced by a rename (as `add --replace`, `fetch` and most editors do): its folder changed.
        _age(corpus)
        fresh = corpus / "later" / "new.tmp"
        fresh.write_text(other.read_text(encoding="utf-8").replace("climate change", "sea-level rise"),
                         encoding="utf-8")
        os.replace(fresh, other)
        done = lib.refresh()
        assert (done.indexed, done.removed) == (1, 0)
        assert [h.path.name for h in lib.search("cooperation on sea-level rise", changes=0)] == [other.name]

        # A folder removed takes its files out of the index.
        os.unlink(other)
        (corpus / "later").rmdir()
        assert lib.refresh().removed == 1
        assert [d.symbol for d in lib.documents()] == ["A/RES/77/12"]
        assert lib.conn.execute("SELECT path FROM folders").fetchall() == [("",)]
        assert_counts_exact(lib)


def _slow_writes(monkeypatch, during=None, seconds=0.5):
    """Make a refresh's writing take ``seconds`` (and do ``during`` first), as a large one does."""
    store_many = Library._store_many

    def slow(self, batch, known):
        if batch:
            if during:
                during()
            time.sleep(seconds)
        return store_many(self, batch, known)

    monkeypatch.setattr(Library, "_store_many", slow)


def _folders(lib):
    return dict(lib.conn.execute("SELECT path, mtime_ns FROM folders"))


def test_a_folder_changed_just_before_a_refresh_is_read_again_unless_vouched_for(tmp_path, monkeypatch):
    """A folder whose time is within ``RACY_NS`` of its reading might change again in the same
    clock tick unseen: a quick refresh leaves it to be read again; a refresh that outlasts the
    window looks at it again at its end and records its time when it holds what was indexed."""
    import resodiff.library.store as store
    monkeypatch.setattr(store, "RACY_NS", 300_000_000)
    corpus = tmp_path / "corpus"
    forum(corpus, 77, 12)
    with Library(corpus) as lib:
        assert lib.refresh().indexed == 1  # quick: the folder was just written
        assert _folders(lib) == {"": None}
        time.sleep(0.35)
        assert lib.refresh() == Refreshed(unchanged=1)  # read again (nothing new), its time now recorded
        assert _folders(lib) == {"": os.stat(corpus).st_mtime_ns}

    slow = tmp_path / "slow"
    forum(slow, 77, 12)
    _slow_writes(monkeypatch)
    with Library(slow) as lib:
        assert lib.refresh().indexed == 1  # the folder was racy when read, not any more at the end
        assert _folders(lib) == {"": os.stat(slow).st_mtime_ns}
        assert lib.refresh() == Refreshed()


def test_a_file_added_in_the_same_clock_tick_is_still_found(tmp_path, monkeypatch):
    """A file dropped into a folder while a refresh runs, on a file system whose clock did not
    tick since the folder was read (its time put back here): the second look at the end sees a
    file the index was not given, so the folder is read again next time and the file found."""
    import resodiff.library.store as store
    monkeypatch.setattr(store, "RACY_NS", 300_000_000)
    corpus = tmp_path / "corpus"
    forum(corpus, 77, 12)

    def drop_one_in_the_same_tick():
        st = os.stat(corpus)
        forum(corpus, 79, 6)
        os.utime(corpus, ns=(st.st_atime_ns, st.st_mtime_ns))

    _slow_writes(monkeypatch, during=drop_one_in_the_same_tick)
    with Library(corpus) as lib:
        assert lib.refresh().indexed == 1
        assert _folders(lib) == {"": None}  # not vouched for: it holds a file the index lacks
        monkeypatch.undo()
        assert lib.refresh().indexed == 1
        assert [d.symbol for d in lib.documents()] == ["A/RES/77/12", "A/RES/79/6"]


def test_refused_files_are_remembered_not_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "table.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    (corpus / "A_RES_77_12.en.json").write_text("{}", encoding="utf-8")  # `fetch`'s parsed JSON: not a file to read
    with Library(corpus) as lib:
        assert lib.refresh().indexed == 1
        assert [p.name for p, reason in lib.refused() if reason] == ["table.tsv"]
        assert lib.refresh().indexed == 0


def test_a_read_only_folder_keeps_its_index_in_the_cache(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    forum(corpus, 77, 12)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with Library(corpus) as lib:
        assert tmp_path / "cache" in lib.index.parents
        lib.refresh()
        assert [d.symbol for d in lib.documents()] == ["A/RES/77/12"]


def test_a_missing_folder_is_an_error_when_not_to_be_created(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus folder"):
        Library(tmp_path / "nowhere", create=False)


# ---- a damaged index ---------------------------------------------------------------------------

def _corpus_with_index(tmp_path):
    corpus = tmp_path / "corpus"
    for session, number in ((73, 10), (75, 9), (77, 12)):
        forum(corpus, session, number)
    with Library(corpus) as lib:
        lib.refresh()
        index = lib.index
    return corpus, index


@pytest.mark.parametrize("damage", ["garbage", "pages", "truncated"])
def test_a_damaged_index_is_rebuilt_with_a_warning(tmp_path, damage):
    corpus, index = _corpus_with_index(tmp_path)
    data = index.read_bytes()
    assert len(data) > 4 * 4096
    if damage == "garbage":
        index.write_bytes(b"this is no database at all " * 200)
    elif damage == "pages":  # the header and schema survive, every table's pages are trash
        index.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    else:
        index.write_bytes(data[: len(data) // 3])
    for side in ("-wal", "-shm"):
        (index.parent / (index.name + side)).unlink(missing_ok=True)
    with Library(corpus) as lib:
        docs = lib.documents()
        hits = lib.search("strengthen their cooperation on climate change")
        warnings = list(lib.warnings)
    assert [d.symbol for d in docs] == ["A/RES/73/10", "A/RES/75/9", "A/RES/77/12"]
    assert [h.symbol for h in hits] == ["A/RES/73/10", "A/RES/75/9", "A/RES/77/12"]
    assert len(warnings) == 1 and "damaged" in warnings[0] and "rebuilt" in warnings[0]


def test_an_index_of_another_schema_is_rebuilt_quietly(tmp_path):
    corpus, index = _corpus_with_index(tmp_path)
    conn = sqlite3.connect(index)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    with Library(corpus) as lib:
        assert len(lib.documents()) == 3
        assert lib.warnings == []


# ---- two processes at once ---------------------------------------------------------------------

def _adder(folder, files, go):
    go.wait()
    with Library(folder, workers=1) as lib:
        for path in files:  # one file a transaction: as many chances to collide as possible
            result = lib.add([path])
            assert result[0].status in ("added", "present"), result


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    src = tmp_path / "src"
    mine = [forum(src / "a", 100 + k, k + 1, name=f"a{k}.md") for k in range(20)]
    theirs = [forum(src / "b", 100 + k, k + 101, name=f"b{k}.md") for k in range(20)]
    shared = mine[:5]  # both add these: stored once, no error
    corpus = tmp_path / "corpus"  # does not exist yet: both create folder and index
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    go = ctx.Event()
    procs = [ctx.Process(target=_adder, args=(corpus, files, go)) for files in (mine, theirs + shared)]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0]
    expected = sorted({f"A/RES/{100 + k}/{k + 1}" for k in range(20)} | {f"A/RES/{100 + k}/{k + 101}" for k in range(20)})
    assert _index_only(corpus) == expected  # in the index as written, before any refresh
    assert len([p for p in corpus.iterdir() if p.suffix == ".md"]) == 40
    assert not [p for p in corpus.iterdir() if p.name.endswith(".part")]


# ---- search ------------------------------------------------------------------------------------

def test_search_exact_and_variants_oldest_first(tmp_path):
    corpus = tmp_path / "corpus"
    forum(corpus, 77, 12)
    forum(corpus, 73, 10, operative=[OPS[0].replace("strengthen", "deepen")] + OPS[1:])
    forum(corpus, 75, 9, operative=[OPS[0].replace("on climate change", "on the climate change")] + OPS[1:])
    forum(corpus, 71, 3, operative=[OPS[0].replace("Pacific Islands Forum", "Forum")] + OPS[1:])  # 2 words out
    phrase = "encourages the United Nations and the Pacific Islands Forum to strengthen their cooperation on climate change"
    with Library(corpus) as lib:
        lib.refresh()
        hits = lib.search(phrase)
        assert [(h.symbol, h.id, h.changes) for h in hits] == [
            ("A/RES/73/10", "OP1", (("strengthen", "deepen"),)),
            ("A/RES/75/9", "OP1", ((None, "the"),)),
            ("A/RES/77/12", "OP1", ()),
        ]
        assert hits[2].text == OPS[0][:-1]  # as printed, without the closing ";"
        assert [h.symbol for h in lib.search(phrase, changes=0)] == ["A/RES/77/12"]
        assert [h.symbol for h in lib.search(phrase, changes=2)] == ["A/RES/71/3", "A/RES/73/10", "A/RES/75/9", "A/RES/77/12"]
        assert lib.search(phrase, language="fr") == []
        # Case, accents and punctuation do not count; a short phrase is only found as it is.
        assert [h.symbol for h in lib.search("PACIFIC   islands, FORUM")] == ["A/RES/73/10", "A/RES/75/9", "A/RES/77/12"]
        assert lib.search("Pacific Islands Council") == []
        assert len(lib.search("climate change")) == 4
        with pytest.raises(CorpusError, match="no words"):
            lib.search(" ;; ")


def assert_laid_out(lib):
    """Paragraph ids in date order - (``documents.chrono``, position) - every one laid out, and
    both FTS tables holding exactly the paragraphs: what lets a search stop at its page."""
    by_date = lib.conn.execute("SELECT p.id FROM paragraphs p JOIN documents d ON d.id = p.doc"
                               " ORDER BY d.chrono, p.pos").fetchall()
    assert by_date == lib.conn.execute("SELECT id FROM paragraphs ORDER BY id").fetchall()
    assert lib.conn.execute("SELECT count(*) FROM paragraphs WHERE id < 1").fetchone() == (0,)
    assert lib.conn.execute("SELECT count(*) FROM temp.staged").fetchone() == (0,)
    assert lib.conn.execute("SELECT count(*) FROM documents WHERE first IS NULL AND passages > 0").fetchone() == (0,)
    for table in ("passages", "shingles"):
        lib.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    texts = lib.conn.execute("SELECT id, text FROM paragraphs").fetchall()
    for rowid, text in texts:  # each passage found by its own words and word pairs
        assert lib.conn.execute("SELECT 1 FROM passages WHERE passages MATCH ? AND rowid = ?",
                                (" ".join(f'"{w}"' for w, _, _ in words(text)), rowid)).fetchone(), text
    grams = {g for _, text in texts for g in shingles(text).split()}
    for gram in list(grams)[:50]:
        expected = sorted(rowid for rowid, text in texts if gram in shingles(text).split())
        assert [r for (r,) in lib.conn.execute("SELECT rowid FROM shingles WHERE shingles MATCH ? ORDER BY rowid",
                                              (f'"{gram}"',))] == expected
    assert_counts_exact(lib)


def _dated(folder, sessions):
    """One forum resolution a session, written in the order given; their symbols by date."""
    for k, session in enumerate(sessions):
        ops = [OPS[0].replace("climate change", f"topic {k}")] + OPS[1:]
        forum(folder, session, 10 + k, operative=ops, name=f"forum_{session}.md")
    return [f"A/RES/{s}/{10 + k}" for s, k in sorted((s, k) for k, s in enumerate(sessions))]


PHRASE = "Encourages the United Nations and the Pacific Islands Forum to strengthen their cooperation"


def test_search_pages_come_oldest_first_however_the_files_came(tmp_path, monkeypatch):
    """Files added one by one out of date order, a gap between two runs of ids used up (then
    every id laid out again), files written in bulk, a file changed and one removed: the ids
    stay in date order, so the first N places are the N oldest."""
    import resodiff.library.store as store
    corpus = tmp_path / "corpus"
    incoming = tmp_path / "incoming"
    sessions = [60, 75, 52, 68, 71, 69, 70, 55, 79, 50]
    expected = _dated(incoming, sessions)
    monkeypatch.setattr(store, "STEP", 8)  # narrow gaps: a few documents between two fill one
    monkeypatch.setattr(store, "SPACE", 2 ** 8)
    laid = []
    lay_out = Library._lay_out
    monkeypatch.setattr(Library, "_lay_out", lambda self: laid.append(1) or lay_out(self))
    with Library(corpus) as lib:
        for session in sessions:  # one `corpus add` each, as a user fetching them one by one
            assert [a.status for a in lib.add([incoming / f"forum_{session}.md"])] == ["added"]
            assert_laid_out(lib)
        assert [h.symbol for h in lib.search(PHRASE)] == expected
        for n in (1, 3, 7):
            assert [h.symbol for h in lib.search(PHRASE, limit=n)] == expected[:n]
        assert [h.symbol for h in lib.search(PHRASE, language="en", limit=2)] == expected[:2]
        assert [h.symbol for h in lib.search("Forum", limit=3)] == expected[:3]  # by words, not pairs
        assert 1 <= len(laid) < len(sessions)  # placed among the others, but for a gap used up

        path = corpus / "A_RES_71_14.en.md"  # changed: read again, placed again among its neighbours
        path.write_text(path.read_text(encoding="utf-8").replace("topic 4", "topic four"), encoding="utf-8")
        os.utime(path.parent, ns=(1, 1))
        assert lib.refresh().indexed == 1
        (corpus / "A_RES_50_19.en.md").unlink()
        assert lib.refresh().removed == 1
        assert_laid_out(lib)
        assert [h.symbol for h in lib.search(PHRASE)] == expected[1:]

    monkeypatch.setattr(store, "BULK_FROM", 3)  # many files at once: written unplaced, laid out at the end
    bulk = tmp_path / "bulk"
    expected = _dated(bulk, [77, 41, 63, 58, 49, 66])
    laid.clear()
    with Library(bulk) as lib:
        assert lib.refresh().indexed == 6
        assert laid == [1]
        assert_laid_out(lib)
        assert [h.symbol for h in lib.search(PHRASE, limit=4)] == expected[:4]


def test_a_first_indexing_stopped_half_way_leaves_the_index_as_it_was(tmp_path, monkeypatch):
    """Many files at once are one transaction, laid out at its end: stopped before, none of
    them is in the index (none half-written, unsearchable); the next refresh reads them all."""
    import resodiff.library.store as store
    corpus = tmp_path / "corpus"
    expected = _dated(corpus, [70, 61, 66, 64])
    monkeypatch.setattr(store, "BULK_FROM", 2)
    monkeypatch.setattr(store, "BATCH", 2)  # their counts written batch by batch, then rolled back too

    def stopped(self):
        raise KeyboardInterrupt

    with Library(corpus) as lib:
        monkeypatch.setattr(Library, "_lay_out", stopped)
        with pytest.raises(KeyboardInterrupt):
            lib.refresh()
        monkeypatch.undo()
        for table in ("files", "documents", "paragraphs", "gram_counts", "folders", "temp.staged"):
            assert lib.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        assert lib.search(PHRASE) == []
        assert lib.refresh().indexed == 4
        assert_laid_out(lib)
        assert [h.symbol for h in lib.search(PHRASE)] == expected


@pytest.mark.parametrize("text, expected", [
    ("x the cat sat on the mat y", ("the cat sat on the mat", ())),
    ("x the cat lay on the mat y", ("the cat lay on the mat", (("sat", "lay"),))),
    ("the big cat sat on the mat", ("the big cat sat on the mat", ((None, "big"),))),
    ("cat sat on the mat, said he", ("cat sat on the mat", (("the", None),))),
    ("the cat sat on the big mat", ("the cat sat on the big mat", ((None, "big"),))),
    ("the dog lay on the mat", None),
    ("The Cat sat ON the mât.", ("The Cat sat ON the mât", ())),
])
def test_best_match(text, expected):
    query = [w for w, _, _ in words("the cat sat on the mat")]
    found = best_match(query, text, 1)
    if expected is None:
        assert found is None
    else:
        (start, end), edits = found
        assert (text[start:end], edits) == expected


# ---- the quick look and the word-by-word scoring agree -----------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from resodiff.library.phrases import _ACCENTED, piece_re as _piece_re  # noqa: E402

WORDS = st.sampled_from(["peace", "Security", "non-proliferation", "Côte", "d’Ivoire", "2030", "Agenda", "the",
                         "Director", "General", "États", "resolution"])
SEPARATORS = st.sampled_from([" ", ", ", " “", "” ", "; ", " (", ") ", "- ", " – ", ",\n", "/"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(WORDS, SEPARATORS), min_size=4, max_size=14), st.data())
def test_a_phrase_taken_from_a_text_is_found_in_it(pieces, data):
    text = "".join(w + s for w, s in pieces).strip()
    tokens = [w for w, _, _ in words(text)]
    start = data.draw(st.integers(0, len(tokens) - 4))
    length = data.draw(st.integers(4, len(tokens) - start))
    query = tokens[start:start + length]
    low = text.lower()
    assert _piece_re(tuple(query)).search(low) or _ACCENTED.search(low)  # never skipped by the quick look
    span, edits = best_match(query, text, 0)
    assert edits == () and [w for w, _, _ in words(text[span[0]:span[1]])] == query
    k = data.draw(st.integers(0, length - 1))
    changed = query[:k] + ["zanzibar"] + query[k + 1:]
    span, edits = best_match(changed, text, 1)
    assert len(edits) == 1 and edits[0][0] == "zanzibar"  # the same words may stand elsewhere too
    assert edits[0][1] in tokens
