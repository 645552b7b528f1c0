"""Corpus search: every place a phrase, or a close variant of it, stands in the index.

FTS5 finds the candidates, in order - by the phrase's rarest word pairs, which a variant keeps
but for the two over the word that changed, and one piece of the phrase intact, which a variant
with ``changes`` edits keeps (``_candidates``) - and a word-level edit distance
(``phrases.best_match``) decides, lazily, only as many as asked for. Results come oldest
first. Reads the index (a ``sqlite3.Connection``); writes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from resodiff import symbols
from resodiff.errors import CorpusError
from resodiff.library.phrases import STOPWORDS, Match, fts_phrase, grams, look, piece_re, pieces, words

VARIANT_MIN_WORDS = 4  # a phrase shorter than this is only looked for as it is
COMMON = 1000  # passages a word is in (or 1 %, if more) beyond which it is a formula word
RARE_WORDS = 3  # rare words, besides one per change allowed, a variant must share with the phrase
GRAMS = 3  # rare word pairs of the phrase a paragraph must have to be looked at (besides the lost)


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


def query_words(phrase: str, changes: int) -> tuple[list[str], int]:
    """The folded words to look for, and the changes allowed: none for a phrase of fewer than
    4 words (2 per allowed change, plus 2), whose shorter variants would match almost anything.
    Raises CorpusError for a phrase without words or a negative number of changes."""
    query = [w for w, _, _ in words(phrase)]
    if not query:
        raise CorpusError("search: the phrase has no words to look for")
    if changes < 0:
        raise CorpusError("search: --changes cannot be negative")
    if len(query) < max(VARIANT_MIN_WORDS, 2 * (changes + 1)):
        changes = 0
    return query, changes


def chrono(session: int | None, adopted: str | None, symbol: str | None, path: str) -> str:
    """The order results come in, as one text the index sorts by: session, adoption date, the
    symbol's numbers, the file; a text without a session last."""
    numbers = "".join(f"{n:09d}" for n in symbols.order(symbol))
    return f"{'1' if session is None else '0'}{session or 0:05d}{(adopted or '')[:10]:<10}{numbers}\x00{path}"


def find(conn: sqlite3.Connection, folder: Path, query: list[str], changes: int, language: str | None,
         limit: int | None = None) -> list[Hit]:
    """The first ``limit`` (default: all) paragraphs of the index holding ``query`` (folded
    words) at most ``changes`` word edits away, oldest first; paths are ``folder`` / the stored
    relative path.

    The index gives the candidates in order, read and scored as they come, only until ``limit``
    are found: the first page of a formula phrase found in thousands of places costs what the
    page costs.
    """
    table, match = _candidates(conn, query, changes)
    # Ids are laid out in date order (``store._place``): FTS5's answers in id order are the
    # places oldest first, each joined to its text as it comes, read only as far as the page
    # needs - no sort of every candidate, no text read that is not scored.
    cursor = conn.execute(
        f"SELECT p.pid, p.text, p.doc FROM {table} JOIN paragraphs p ON p.id = {table}.rowid"
        + (" JOIN documents d ON d.id = p.doc" if language else "") + f" WHERE {table}.{table} MATCH ?"
        + (" AND d.language = ?" if language else "") + f" ORDER BY {table}.rowid",
        [match] + ([language] if language else []))
    # A variant keeps one of changes + 1 pieces intact (the index made sure of it); the look
    # for them places the word-by-word scoring around the piece.
    patterns = [piece_re(tuple(p)) for p in pieces(query, changes + 1)]
    # How far around an intact piece the rest of a variant can reach, in characters.
    reach = 2 * sum(len(w) + 2 for w in query) + 40 * changes
    hits: list[Hit] = []
    seen: dict[str, Match | None] = {}  # agreed language recurs word for word: score each text once
    documents: dict[int, tuple] = {}  # read (and its path built) once per document with a place
    try:
        for pid, text, doc in cursor:
            if text in seen:
                found = seen[text]
            else:
                found = seen[text] = look(query, text, changes, patterns, reach)
            if found is None:
                continue
            (a, b), edits = found
            if doc not in documents:
                path, symbol, session, lang, adopted = conn.execute(
                    "SELECT path, symbol, session, language, adopted FROM documents WHERE id = ?", (doc,)).fetchone()
                documents[doc] = (symbol, session, lang, folder / path, adopted)
            symbol, session, lang, path, adopted = documents[doc]
            hits.append(Hit(symbol, session, lang, pid, path, text[a:b], text, edits, adopted))
            if limit is not None and len(hits) >= limit:
                break
    finally:
        cursor.close()  # a statement left open would hold its snapshot of the index
    return hits


def _candidates(conn: sqlite3.Connection, query: list[str], changes: int) -> tuple[str, str]:
    """(FTS table, query) for the paragraphs that may hold the phrase.

    By word pairs where the phrase has enough of them (``shingles``: far rarer than words, so
    the query reads short lists; ``gram_counts`` says which are rarest). As printed: its
    ``GRAMS`` rarest pairs and the phrase of all its pairs (an FTS5 phrase of pairs is the words
    in a row: read in id order, only as far as the page, the long lists of formula pairs cost
    little, and no paragraph that is not a place is read). A variant ``changes`` words off
    keeps one of ``changes + 1`` pieces of the phrase intact - so one of their phrases of
    pairs - and all but the pairs over the changed words: the rarest pairs away from position
    k and the rarest on each side of it, for some k (one word off), or all but ``2 x changes``
    of the rarest (more). A phrase too short for pairs: by its words (``_match``).
    """
    pairs = grams(query)
    lost = 2 * changes
    if len(pairs) <= lost:
        return "passages", _match(conn, query, changes)
    distinct = list(dict.fromkeys(pairs))
    counted = dict.fromkeys(distinct, 0)
    for start in range(0, len(distinct), 500):
        part = distinct[start:start + 500]
        counted.update(conn.execute(f"SELECT gram, passages FROM gram_counts WHERE gram IN"
                                    f" ({','.join('?' * len(part))})", part))

    def rank(g: str) -> tuple[int, str]:
        return counted[g], g

    def rarest(candidates) -> list[str]:
        return sorted(dict.fromkeys(candidates), key=rank)[:GRAMS]

    if changes == 0:
        groups = [rarest(pairs)]
    elif changes == 1:
        groups = []
        for k in range(len(query)):  # the word changed, added before or left out: the k-th
            kept = [(i, g) for i, g in enumerate(pairs) if not k - 1 <= i <= k]
            # The rarest pairs, and the rarest on each side of the change: rare pairs all on one
            # side let through the paragraphs that have that side of the phrase and not the other.
            sides = [min(side, key=rank) for side in ([g for i, g in kept if i < k], [g for i, g in kept if i > k])
                     if side]
            groups.append(rarest(g for _, g in kept) + sides)
    else:
        pick = sorted(counted, key=lambda g: (counted[g], g))[:lost + GRAMS]
        groups = [list(kept) for kept in combinations(pick, len(pick) - lost)]
    if not all(groups):  # a group that asks for nothing would let every paragraph through
        return "passages", _match(conn, query, changes)
    # A group that holds another asks for more of the same paragraphs: the OR needs only the other.
    sets = list(dict.fromkeys(frozenset(g) for g in groups))
    unique = [tuple(sorted(g)) for g in sets if not any(other < g for other in sets)]
    rare = " OR ".join("(" + " AND ".join(fts_phrase([g]) for g in group) + ")" for group in unique)
    if changes == 0:  # the pairs in a row are the words in a row: only the places themselves come
        return "shingles", f"({rare}) AND {fts_phrase(pairs)}"
    intact = " OR ".join(fts_phrase(grams(piece)) for piece in pieces(query, changes + 1))
    return "shingles", f"({rare}) AND ({intact})"


def _match(conn: sqlite3.Connection, query: list[str], changes: int) -> str:
    """The FTS5 query for the candidates, by words.

    The phrase itself when no change is allowed. Otherwise the paragraphs that have all but
    ``changes`` of the ``changes + RARE_WORDS`` rarest words of the phrase (each edit takes at
    most one word away): rare words have short lists in the index, so the query costs little
    however common the rest of the phrase is ("on the Non-Proliferation of Nuclear Weapons").
    A phrase of formulas only: one of ``changes + 1`` pieces of it intact (``changes`` edits
    cannot break them all), with all but ``changes`` of the rarest words of the rest.
    """
    if not changes:
        return fts_phrase(query)
    total = conn.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0]
    common = max(COMMON, total // 100)
    counted = {w: _count(conn, w, common) for w in dict.fromkeys(query) if w not in STOPWORDS and len(w) > 2}

    def rarest(candidates, n: int) -> list[str]:
        return sorted(candidates, key=lambda w: (counted[w], -len(w), w))[:n]

    def all_but_changes(group: list[str]) -> str:
        return " OR ".join("(" + " AND ".join(fts_phrase([w]) for w in kept) + ")"
                           for kept in combinations(group, len(group) - changes))

    rare = [w for w in rarest(counted, changes + RARE_WORDS) if counted[w] < common]
    if len(rare) >= changes + 2:
        return all_but_changes(rare)
    clauses = []
    for piece in pieces(query, changes + 1):
        clause = fts_phrase(piece)
        rest = rarest([w for w in counted if w not in piece], changes + 2)
        if len(rest) == changes + 2:
            clause = f"{clause} AND ({all_but_changes(rest)})"
        clauses.append(f"({clause})")
    return " OR ".join(clauses)


def _count(conn: sqlite3.Connection, token: str, cap: int) -> int:
    """In how many passages a word occurs, counted up to ``cap``: beyond that it is a formula,
    and counting it exactly would cost more than the search."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM passages WHERE passages MATCH ? LIMIT ?)"
    return conn.execute(sql, (fts_phrase([token]), cap)).fetchone()[0]
