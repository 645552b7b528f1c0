"""Phrase matching: where a phrase, or a variant of it a few words off, stands in a text.

The corpus search (``search.py``) asks the index for candidate paragraphs and this module for
the verdict on each. Words are folded as the index's FTS5 tokenizer folds them (lower case,
no accents: ``resodiff.fold``); a variant is the phrase with at most ``changes`` words
changed, added or left out, measured as a word-level edit distance (rapidfuzz). Pure: no I/O,
no SQL but the quoting of a phrase for an FTS5 query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from resodiff.fold import fold
from resodiff.languages import CODES
from resodiff.languages import profile as language_profile

# Where a phrase stands in a text: (start, end) characters, and the word edits from the phrase
# to the text ((phrase word, text word), None for a word added or left out; () when exact).
Match = tuple[tuple[int, int], tuple[tuple[str | None, str | None], ...]]

# A word; hyphenated compounds are one ("eighty-first" for "seventy-third" is one word changed),
# though FTS5 indexes their parts: a phrase query with them finds them all the same.
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as the index sees them (folded), with where each stands in it."""
    return [(fold(m.group(), accents=True), m.start(), m.end()) for m in _WORD.finditer(text)]


STOPWORDS = frozenset(w for code in CODES for w in language_profile(code).stopwords)


# What stands between two words (``_WORD``): anything but a letter or digit, a hyphen included
# unless it joins two words into one.
_SEPARATOR = r"(?:[^\w\-\u2010\u2011]|_|(?<![^\W_])[-\u2010\u2011]|[-\u2010\u2011](?![^\W_]))+"
_ACCENTED = re.compile(r"[^\W\x00-\x7f]")  # a letter the quick look below cannot fold


@lru_cache(maxsize=256)
def piece_re(piece: tuple[str, ...]) -> re.Pattern[str]:
    """The folded words of ``piece`` in a row, in lower-case text without accented letters."""
    escaped = [re.escape(w).replace(r"\-", "[-\u2010\u2011]") for w in piece]
    # The first word as a plain literal, so that the engine can skip ahead to it; the check that
    # no letter precedes it comes after (a fixed-width look behind).
    return re.compile(escaped[0] + r"(?<![^\W_]" + escaped[0] + ")" + "".join(_SEPARATOR + w for w in escaped[1:])
                      + r"(?![^\W_])")


def grams(ws: Sequence[str]) -> list[str]:
    """Word pairs: "urges_all", "all_state", ..."""
    return [f"{a}_{b}" for a, b in pairwise(ws)]


def shingles(text: str) -> str:
    """The word pairs of a passage, as the ``shingles`` index holds them."""
    return " ".join(grams(folded_words(text)))


def fts_phrase(ws: Sequence[str]) -> str:
    """An FTS5 phrase: the words in order (a compound's parts too, as FTS5 splits them)."""
    return '"' + " ".join(ws) + '"'


def pieces(query: list[str], n: int) -> list[list[str]]:
    """``query`` cut into ``n`` runs of nearly equal length."""
    size, extra = divmod(len(query), n)
    out, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        out.append(query[start:end])
        start = end
    return [p for p in out if p]


def look(query: list[str], text: str, changes: int, patterns: list[re.Pattern[str]], reach: int) -> Match | None:
    """``best_match`` where a piece of the phrase stands intact (a quick regular expression), in
    the stretch of text around it; None where none does. Text with accented letters, which the
    quick look cannot fold, is scored whole."""
    low = text.lower()
    if _ACCENTED.search(low):
        return best_match(query, text, changes)
    spots = [m.span() for p in patterns for m in p.finditer(low)]
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


def folded_words(text: str) -> list[str]:
    """The folded words of ``text`` (``words`` without the spans; fast: one regex pass)."""
    low = text.lower()
    found = _WORD.findall(low)
    if not low.isascii():
        found = [w if w.isascii() else fold(w, accents=True) for w in found]
    return found


def best_match(query: Sequence[str], text: str, changes: int) -> Match | None:
    """Where in ``text`` the folded words ``query`` appear with at most ``changes`` word edits.

    Returns ((start, end) character span in ``text``, edits) or None; ``edits`` are (query word,
    text word) pairs, None for a word added or left out; () for an exact match.
    """
    tokens = folded_words(text)
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
    edits: list[tuple[str | None, str | None]] = []
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
    for piece in pieces(list(q), changes + 1):
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
