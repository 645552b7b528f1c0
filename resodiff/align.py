"""Paragraph alignment of two versions of a resolution: a pure function, no I/O.

In: two ``Resolution``s. Out: ``list[Row]``, one row per paragraph link, in the new text's
order, deleted paragraphs where they stood.

How (each step only handles what the previous could not explain):

1. *Candidates.* Each paragraph is reduced to its content words (``worddiff.clean``, lower
   case, the profile's stop words dropped), and only pairs sharing some of their rarest words
   are ever scored: formulas shared by every paragraph ("Encourages the United Nations and
   ...") say nothing about which two belong together. Scores are rapidfuzz's compiled LCS over
   words (one character per word); no loop ever visits all pairs.
2. *Order.* The heaviest chain of candidate links increasing in both texts (a weighted longest
   common subsequence, O(P log P) with a Fenwick tree), over preamble and operative part as one
   sequence so paragraphs may cross between them. A link only enters the chain if it is close
   to the best option of both its ends, so order never forces a poor match over a good one.
3. *Moves.* Among paragraphs still alone, clear mutual best matches outside the order that
   share distinctive words, not only a formula.
4. *Splits and merges.* A link (or a pair still alone) grows by neighbouring lone paragraphs
   whose words are mostly found in the other side, when the group matches or covers clearly
   better, or which supply the end of the other side that the link leaves unexplained.
5. Everything else is added or deleted: where a match is ambiguous the aligner says nothing
   rather than invent one.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
import itertools
from itertools import pairwise
from math import sqrt

from rapidfuzz.distance import LCSseq

from resodiff import worddiff
from resodiff.languages import profile as _language_profile
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution

STATUSES = ("unchanged", "modified", "moved", "added", "deleted", "split", "merged")

# Thresholds, tuned on the labelled 72 -> 80 and malaria pairs (benchmarks/link_quality.py).
MATCH = 0.4         # least score of an in-order link
MARGIN = 0.2        # an in-order link is at most this far below the best option of either end
BASE = 0.3          # taken off every score in the chain: one strong link outweighs two weak ones
MOVE = 0.5          # least score of a link outside the order
MOVE_MARGIN = 0.1   # ... and its lead over the runner-up of either end (else: ambiguous, silent)
DISTINCTIVE = 4     # a word in at most this many paragraphs (or a fifth of them) is not a formula
MOVE_DISTINCT = 0.3  # least share of such words a moved pair has in common
# A link across the preamble/operative boundary, or from one end of a part to the other, needs
# more than its words: a lead over the next candidate of both ends, distinctive words shared,
# and a compatible lead ("Welcomes" -> "Welcoming") unless the text came nearly whole.
BOUNDARY_MARGIN = 0.2
WHOLE = 0.8         # a paragraph carried nearly whole: its lead may change, it may travel far
FAR = 0.5           # a move this far (share of the part) is long-range
PART = 0.7          # share of a split/merge part's words found, in order, in the whole
GAIN = 0.05         # ... and the group's score grows by this much (or its coverage clearly)
RARE = 10           # rarest words per paragraph used to find candidates
COMMON = 40         # a word in more paragraphs than this finds no candidates (unless nothing else)
TOP = 8             # candidates kept per paragraph and direction


@dataclass(frozen=True)
class Row:
    """One line of a comparison.

    ``old``/``new``: paragraph ids (PP3, OP12), several for a split (new side) or a merge (old
    side), empty for an added (old) or deleted (new) paragraph. ``similarity``: 0..1 score of the
    link (1.0 unchanged, 0.0 added/deleted). ``tags``: names from ``worddiff.TAG_ORDER``.
    ``diff``: ``(op, text)`` pieces of the texts as read, op in "=", "-", "+", "=" in the new
    spelling; ``old_spelling``: ``(index, text)`` for the "=" pieces the old text spells otherwise
    (``worddiff.contract``).
    """

    status: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    similarity: float = 0.0
    tags: tuple[str, ...] = ()
    lead_old: str | None = None
    lead_new: str | None = None
    diff: tuple[tuple[str, str], ...] = ()
    # The evidence for a link the order alone does not vouch for (a move, a split or merge, a
    # crossing between preamble and operative part, a pair filled in place): short phrases for
    # people, in the contract as "why"; () for plain in-order links and unlinked paragraphs.
    why: tuple[str, ...] = ()
    old_spelling: tuple[tuple[int, str], ...] = ()
    # Changes that came from a Word revision of the new text: (op, text, author), op "+"/"-"
    # as in ``diff``; () when the new text carried no tracked changes.
    authors: tuple[tuple[str, str, str], ...] = ()


@dataclass
class _Side:
    """One text, prepared for alignment: paragraphs in reading order (preamble then operative)."""

    res: Resolution
    paras: tuple[Paragraph, ...]
    clean: list[str]   # noise removed, as shown in diffs
    words: list[str]   # encoded: one character per content word
    sets: list[set[str]]  # the same, as sets
    stamp: list[int]   # checksum of the words, for tie-breaks that read the same both ways


@dataclass(frozen=True)
class _Link:
    olds: tuple[int, ...]
    news: tuple[int, ...]
    score: float
    in_order: bool
    why: tuple[str, ...] = ()


# ---- entry point ------------------------------------------------------------------------------

def align(old: Resolution, new: Resolution) -> list[Row]:
    """Rows linking the paragraphs of ``old`` and ``new`` (see the module docstring)."""
    vocabulary: dict[str, str] = {}
    _found_lead.cache_clear()  # leads are cached for one comparison, not across them
    language = _profile(new.language)
    stop = language.stopwords if language is not None else frozenset()
    memo: dict[str, tuple] = {}
    a, b = _prepare(old, vocabulary, stop, memo), _prepare(new, vocabulary, stop, memo)
    df = _document_frequency(a, b)
    scores = _score_candidates(a, b, _candidates(a, b, df, vocabulary))
    bar = _Bar(a, b, scores, df, language)
    chain = _chain(a, b, scores, bar)
    linked_a = {i for i, _ in chain}
    linked_b = {j for _, j in chain}
    links = [_Link((i,), (j,), scores[i, j], True, bar.why(i, j, scores[i, j])) for i, j in chain]
    spelled = {ch: w for w, ch in vocabulary.items()}
    moves = _moves(a, b, scores, df, linked_a, linked_b, bar)
    links += [_Link((i,), (j,), scores[i, j], False, why + bar.why(i, j, scores[i, j]))
              for i, j, why in _explained(moves, spelled)]
    links = _splits_and_merges(a, b, scores, links)
    links += _in_place(a, b, links, language)
    links += _by_label(a, b, links)
    return _rows(a, b, links, language)


def _profile(code: str):
    try:
        return _language_profile(code)
    except KeyError:  # a language without a profile: no lead scale, no dates, still a diff
        return None


# ---- preparation ------------------------------------------------------------------------------

def _prepare(res: Resolution, vocabulary: dict[str, str], stop: frozenset[str], memo: dict) -> _Side:
    """The text's paragraphs cleaned and encoded. ``memo`` (text -> results) is shared by the two
    sides of one comparison: most paragraphs come back unchanged, and are prepared once."""
    paras = res.paragraphs
    clean: list[str] = []
    words: list[str] = []
    sets: list[set[str]] = []
    stamp: list[int] = []
    for p in paras:
        text = p.full_text
        done = memo.get(text)
        if done is None:
            done = memo[text] = _prepare_text(worddiff.clean(text), stop, vocabulary)
        if res.symbol and res.symbol in done[0]:
            done = _prepare_text(worddiff.clean(done[0], (res.symbol,)), stop, vocabulary)
        text_clean, encoded, word_set, checksum = done
        clean.append(text_clean)
        words.append(encoded)
        sets.append(word_set)
        stamp.append(checksum)
    return _Side(res, paras, clean, words, sets, stamp)


def _prepare_text(clean: str, stop: frozenset[str], vocabulary: dict[str, str]):
    """(clean text, encoded words, their set, checksum) of one paragraph."""
    lower = clean.lower()
    codes = _encode_words(lower, stop, vocabulary)
    # The set from the vocabulary's own strings: a set of the encoded text's characters would
    # make a new string per character (they are past the range Python keeps one of each).
    word_set = set(codes)
    word_set.discard("")
    # From the text, not the encoding: which characters words get depends on which text came first.
    return clean, "".join(codes), word_set, zlib.crc32(lower.encode("utf-8"))


# Words of one or two letters encode to nothing (below): they are not even found.
_WORD = re.compile(r"\w{3,}")


def _encode_words(text: str, stop: frozenset[str], vocabulary: dict[str, str]) -> list[str]:
    """The paragraph's content words (``text`` in lower case), one character each ("" for the
    others: joined, they give its encoding).

    Function words (the profile's stop words, and any word of one or two letters) match between
    any two paragraphs and would blur every score; they encode to nothing.
    """
    words = _WORD.findall(text)
    try:
        return list(map(vocabulary.__getitem__, words))
    except KeyError:  # words met for the first time
        pass
    for w in words:
        if w not in vocabulary:
            if w in stop:
                vocabulary[w] = ""
            else:
                n = len(vocabulary) + 0x100
                vocabulary[w] = chr(n if n < 0xD800 else n + 0x800)  # skip the surrogate block
    return list(map(vocabulary.__getitem__, words))


# ---- step 1: candidates and scores ------------------------------------------------------------

def _document_frequency(a: _Side, b: _Side) -> Counter:
    """In how many paragraphs of both texts each (encoded) word occurs."""
    return Counter(itertools.chain.from_iterable(a.sets + b.sets))


def _candidates(a: _Side, b: _Side, df: Counter, vocabulary: dict[str, str]) -> set[tuple[int, int]]:
    """Pairs worth scoring: sharing rare words (both directions), the same text, or the same id.

    A paragraph whose words occur once in each text (most of an amended resolution) is paired
    with its twin and not probed further: any other candidate would score too far below 1.0 to
    be linked. Others still find it through the index.
    """
    count_a = Counter(a.words)
    count_b = Counter(b.words)
    twins = {w for w, n in count_a.items() if count_b.get(w) == n and w}
    spelled = {ch: w for w, ch in vocabulary.items()}
    by_rank = sorted(df, key=lambda ch: (df[ch], spelled[ch]))
    rank = {ch: k for k, ch in enumerate(by_rank)}
    probe_a = [set() if w in twins else s for w, s in zip(a.words, a.sets)]
    probe_b = [set() if w in twins else s for w, s in zip(b.words, b.sets)]
    pairs: set[tuple[int, int]] = set()
    pairs.update(_probe(probe_a, b.sets, rank, by_rank))
    pairs.update((i, j) for j, i in _probe(probe_b, a.sets, rank, by_rank))
    by_text = defaultdict(list)
    for j, w in enumerate(b.words):
        by_text[w].append(j)
    ids_b = {p.id: j for j, p in enumerate(b.paras)}
    for i, w in enumerate(a.words):
        pairs.update((i, j) for j in by_text.get(w, ()))
        if a.paras[i].id in ids_b:
            pairs.add((i, ids_b[a.paras[i].id]))
    return pairs


def _index(sets: list[set[str]], wanted: set[str]) -> dict[str, list[int]]:
    """Which paragraphs hold each word of ``wanted``, in order (the only words looked up)."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(sets):
        for w in s & wanted:
            index[w].append(k)
    return index


def _probe(sets: list[set[str]], others: list[set[str]], rank: dict[str, int], by_rank: list[str]):
    """For each paragraph, the ``TOP`` paragraphs of the other side sharing most of its rarest
    words (``rank``: each word's place from rarest to commonest; ``by_rank``: the words so)."""
    probes = [(k, [by_rank[r] for r in sorted(map(rank.__getitem__, s))[:RARE]]) for k, s in enumerate(sets) if s]
    index = _index(others, set().union(*(keys for _, keys in probes)))
    hits: Counter[int] = Counter()  # one counter, emptied for each paragraph (cheaper than a new one)
    for k, keys in probes:
        hits.clear()
        for w in keys:
            posting = index.get(w, ())
            if len(posting) > COMMON and hits:
                continue  # a formula word: only used when the paragraph has nothing rarer
            hits.update(posting)  # counted in the order met, as the tie-break below relies on
        # A stable sort: ties keep the order words and postings were met in, which is
        # deterministic, and the same whichever text is called old (both directions are probed).
        best = sorted(hits, key=hits.__getitem__, reverse=True)[:TOP] if len(hits) > TOP else list(hits)
        for other in best:
            yield k, other


# Two paragraphs longer than ~20,000 words each (no resolution has one over a few hundred):
# scored without their LCS, which would take seconds to minutes (issue 17: a 10 MB paragraph).
HUGE = 20_000 * 20_000


def _score(x: str, y: str) -> float:
    """Similarity of two encoded word strings, 0..1.

    The Dice share of words in common order, or, when one text is mostly found inside the other
    (a paragraph extended or cut down), that coverage, discounted as the lengths drift apart.
    """
    lx, ly = len(x), len(y)
    if not lx or not ly:
        return 1.0 if lx == ly else 0.0
    # The LCS is quadratic: for a giant paragraph, the words in common, order aside.
    lcs = sum((Counter(x) & Counter(y)).values()) if lx * ly > HUGE else LCSseq.similarity(x, y)
    short, long_ = min(lx, ly), max(lx, ly)
    dice = 2 * lcs / (lx + ly)
    cover = lcs / short * (0.3 + 0.7 * sqrt(short / long_))
    return max(dice, cover)


def _coverage(part: str, whole: str) -> float:
    """Share of ``part``'s words found, in order, in ``whole``."""
    return LCSseq.similarity(part, whole) / len(part) if part else 0.0


def _score_candidates(a: _Side, b: _Side, pairs) -> dict[tuple[int, int], float]:
    return {(i, j): _score(a.words[i], b.words[j]) for i, j in pairs}


def _tiebreak(a: _Side, b: _Side, i: int, j: int) -> float:
    # Symmetric in the two texts, so OLD NEW and NEW OLD break ties the same way.
    return ((a.stamp[i] + b.stamp[j]) % 997) * 1e-9


# ---- step 2: the chain ------------------------------------------------------------------------

def _chain(a: _Side, b: _Side, scores: dict[tuple[int, int], float], bar: _Bar | None = None) -> list[tuple[int, int]]:
    """The heaviest set of admissible links increasing in both texts, in order."""
    top_a, top_b = bar.top() if bar is not None else _two_best(scores)
    pairs = sorted((i, j) for (i, j), s in scores.items()
                   if s >= MATCH and s >= top_a[i][0] - MARGIN and s >= top_b[j][0] - MARGIN
                   and (a.paras[i].kind == b.paras[j].kind or bar is None or bar.crossing(i, j, s) is not None))
    weight = [scores[p] - BASE + _tiebreak(a, b, *p) for p in pairs]
    total = [0.0] * len(pairs)
    back = [-1] * len(pairs)
    tree = _MaxFenwick(len(b.paras))
    start = 0
    while start < len(pairs):
        end = start
        while end < len(pairs) and pairs[end][0] == pairs[start][0]:
            end += 1
        # Links of one old paragraph never chain to each other: query all, then record all.
        for k in range(start, end):
            value, prev = tree.query(pairs[k][1])
            total[k], back[k] = value + weight[k], prev
        for k in range(start, end):
            tree.update(pairs[k][1], total[k], k)
        start = end
    if not pairs:
        return []
    k = max(range(len(pairs)), key=lambda n: total[n])
    out = []
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


class _MaxFenwick:
    """Prefix maximum over positions 0..n-1 with point updates, carrying the argmax."""

    def __init__(self, n: int):
        self.n = n
        self.value = [0.0] * (n + 1)
        self.arg = [-1] * (n + 1)

    def query(self, pos: int) -> tuple[float, int]:
        """Best (value, arg) over positions strictly before ``pos``."""
        best, arg = 0.0, -1
        while pos > 0:
            if self.value[pos] > best:
                best, arg = self.value[pos], self.arg[pos]
            pos -= pos & -pos
        return best, arg

    def update(self, pos: int, value: float, arg: int) -> None:
        pos += 1
        while pos <= self.n:
            if value > self.value[pos]:
                self.value[pos], self.arg[pos] = value, arg
            pos += pos & -pos


# ---- step 3: moves ----------------------------------------------------------------------------

def _moves(a: _Side, b: _Side, scores, df: Counter, linked_a: set[int], linked_b: set[int],
           bar: _Bar | None = None) -> list[tuple]:
    """Clear mutual best links between paragraphs the order left alone, sharing more than formulas."""
    # Outside the order nothing else vouches for a link, so shared formula words ("Encourages the
    # United Nations and ...", in every other paragraph) must not count: only distinctive ones do.
    distinctive = max(DISTINCTIVE, (len(a.paras) + len(b.paras)) // 5)
    lone = {(i, j): s for (i, j), s in scores.items() if i not in linked_a and j not in linked_b}
    by_a: dict[int, list[float]] = defaultdict(list)
    by_b: dict[int, list[float]] = defaultdict(list)
    for (i, j), s in lone.items():
        by_a[i].append(s)
        by_b[j].append(s)
    out = []
    for (i, j), s in sorted(lone.items(), key=lambda kv: -(kv[1] + _tiebreak(a, b, *kv[0]))):
        if s < MOVE or i in linked_a or j in linked_b:
            continue
        runner = max(_runner_up(by_a[i], s), _runner_up(by_b[j], s))
        if runner > s - MOVE_MARGIN:
            continue  # another paragraph fits about as well: say nothing
        rare_a = {w for w in a.words[i] if df[w] <= distinctive}
        rare_b = {w for w in b.words[j] if df[w] <= distinctive}
        if _dice(rare_a, rare_b) < MOVE_DISTINCT:
            continue  # only formulas in common
        if bar is not None and not bar.allows(i, j, s):
            continue  # across the boundary or end to end on weak evidence
        out.append((i, j, s, runner, rare_a & rare_b))
        linked_a.add(i)
        linked_b.add(j)
    return out


def _explained(moves, spelled: dict[str, str]):
    """(i, j, why) of each move: its score, its lead over the next candidate, the rare words."""
    for i, j, s, runner, shared in moves:
        words = sorted(spelled[w] for w in shared)
        yield i, j, (f"out of order: score {s:.2f}, next candidate {runner:.2f}",
                     "shared rare words: " + ", ".join(words[:6]) + (", ..." if len(words) > 6 else ""))


class _Bar:
    """The higher bar for links across the preamble/operative boundary and long-range moves."""

    def __init__(self, a: _Side, b: _Side, scores, df: Counter, profile):
        self.a, self.b, self.df, self.profile = a, b, df, profile
        self.distinctive = max(DISTINCTIVE, (len(a.paras) + len(b.paras)) // 5)
        self.scores = scores
        self.top_a: dict[int, tuple[float, float]] | None = None  # the two best scores of each
        self.top_b: dict[int, tuple[float, float]] = {}            # end, when first needed
        self.place_a: list[float] = []
        self.place_b: list[float] = []

    def top(self) -> tuple[dict[int, tuple[float, float]], dict[int, tuple[float, float]]]:
        if self.top_a is None:
            self.top_a, self.top_b = _two_best(self.scores)
        return self.top_a, self.top_b

    def allows(self, i: int, j: int, s: float) -> bool:
        if self.a.paras[i].kind != self.b.paras[j].kind:
            return self.crossing(i, j, s) is not None
        if s >= WHOLE:
            return True
        if not self.place_a:
            self.place_a, self.place_b = _places(self.a), _places(self.b)
        return abs(self.place_a[i] - self.place_b[j]) < FAR

    def crossing(self, i: int, j: int, s: float) -> str | None:
        """The evidence for a link across the boundary, or None where it is too weak: a text
        carried nearly whole, or else a lead over the next candidate of either end, distinctive
        words shared and the same lead verb."""
        top_a, top_b = self.top()
        runner = max(_second(top_a[i], s), _second(top_b[j], s))
        lead_a = _lead(self.a.paras[i], self.profile)
        lead_b = _lead(self.b.paras[j], self.profile)
        evidence = (f"across the preamble/operative boundary: score {s:.2f}, next candidate {runner:.2f}, "
                    f"leads “{lead_a}” → “{lead_b}”")
        if s >= WHOLE:
            return evidence  # carried nearly whole: the usual rules for its kind of link suffice
        if s - runner < BOUNDARY_MARGIN:
            return None
        rare_a = {w for w in self.a.words[i] if self.df[w] <= self.distinctive}
        rare_b = {w for w in self.b.words[j] if self.df[w] <= self.distinctive}
        if _dice(rare_a, rare_b) < MOVE_DISTINCT or not _same_verb(lead_a, lead_b):
            return None
        return evidence

    def why(self, i: int, j: int, s: float) -> tuple[str, ...]:
        if self.a.paras[i].kind == self.b.paras[j].kind:
            return ()
        found = self.crossing(i, j, s)
        return (found,) if found else ()


def _two_best(scores) -> tuple[dict[int, tuple[float, float]], dict[int, tuple[float, float]]]:
    """For each paragraph of either side, its two best candidate scores (0 when missing)."""
    top_a: dict[int, tuple[float, float]] = {}
    top_b: dict[int, tuple[float, float]] = {}
    none = (0.0, 0.0)
    for (i, j), s in scores.items():
        first, second = top_a.get(i, none)
        if s > second:
            top_a[i] = (s, first) if s > first else (first, s)
        first, second = top_b.get(j, none)
        if s > second:
            top_b[j] = (s, first) if s > first else (first, s)
    return top_a, top_b


def _second(top: tuple[float, float], own: float) -> float:
    """The best score once ``own`` (one of the two) is set aside: as ``_runner_up``."""
    return top[1] if own == top[0] else top[0]


def _places(side: _Side) -> list[float]:
    """Each paragraph's place in its part (preamble or operative), 0 at the start, 1 at the end."""
    sizes = Counter(p.kind for p in side.paras)
    seen: Counter[str] = Counter()
    out = []
    for p in side.paras:
        out.append(seen[p.kind] / max(1, sizes[p.kind] - 1))
        seen[p.kind] += 1
    return out


def _same_verb(x: str | None, y: str | None) -> bool:
    """Whether two leads open with the same verb, in any form ("Welcomes", "Welcoming";
    "Prend note", "Prenant note"; "Also requests", "Requests")."""
    if not x or not y:
        return False
    vx, vy = _verb(x), _verb(y)
    common = len(next((p for p in (vx[:k] for k in range(min(len(vx), len(vy)), 0, -1)) if vy.startswith(p)), ""))
    return bool(vx) and (vx == vy or common >= 4)


def _verb(lead: str) -> str:
    words = [w for w in re.findall(r"\w+", lead.lower()) if w not in _LEAD_FILLERS and len(w) > 2]
    return re.sub(r"(ing|ant|ent|es|ed|s|e)$", "", words[0]) if words else ""


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def _runner_up(values: list[float], own: float) -> float:
    """The best of ``values`` once ``own`` is taken out (0 if none)."""
    rest = sorted(values, reverse=True)
    rest.remove(own)
    return rest[0] if rest else 0.0


# ---- step 4: splits and merges ----------------------------------------------------------------

def _splits_and_merges(a: _Side, b: _Side, scores, links: list[_Link]) -> list[_Link]:
    """Grow links into splits (one old, several new) and merges (several old, one new)."""
    taken_a = {i for link in links for i in link.olds}
    taken_b = {j for link in links for j in link.news}
    out: list[_Link] = []
    order = sorted(links, key=lambda link: -(link.score + _tiebreak(a, b, link.olds[0], link.news[0])))
    for link in order:
        out.append(_grow(a, b, link, taken_a, taken_b))
    # Pairs still alone whose smaller side lies inside the other: a split or merge of pieces too
    # small to have been linked one by one.
    seeds = sorted(((s, i, j) for (i, j), s in scores.items() if i not in taken_a and j not in taken_b),
                   key=lambda t: -(t[0] + _tiebreak(a, b, t[1], t[2])))
    for s, i, j in seeds:
        if i in taken_a or j in taken_b:
            continue
        part, whole = sorted((a.words[i], b.words[j]), key=len)
        if _coverage(part, whole) < PART:
            continue
        seed = _Link((i,), (j,), s, True)
        grown = _grow(a, b, seed, taken_a | {i}, taken_b | {j})
        if len(grown.olds) + len(grown.news) > 2 and grown.score >= MATCH:
            taken_a.update(grown.olds)
            taken_b.update(grown.news)
            out.append(grown)
    return out


def _grow(a: _Side, b: _Side, link: _Link, taken_a: set[int], taken_b: set[int]) -> _Link:
    """Add free neighbouring paragraphs to one side of ``link`` while they clearly belong to it."""
    olds, news, score = list(link.olds), list(link.news), link.score
    while True:
        options: list[tuple[float, list[int], list[int]]] = []
        if len(olds) == 1:  # may split: new neighbours taken from the old paragraph
            whole, current = a.words[olds[0]], _join(b, news)
            for grown, k in _neighbours(news, len(b.paras), taken_b):
                option = _score(whole, _join(b, grown))
                if _belongs(b.words[k], whole, current, _join(b, grown), option - score, k > news[0]):
                    options.append((option, olds, grown))
        if len(news) == 1:  # may merge: old neighbours folded into the new paragraph
            whole, current = b.words[news[0]], _join(a, olds)
            for grown, k in _neighbours(olds, len(a.paras), taken_a):
                option = _score(_join(a, grown), whole)
                if _belongs(a.words[k], whole, current, _join(a, grown), option - score, k > olds[0]):
                    options.append((option, grown, news))
        if not options:
            break
        score, olds, news = max(options, key=lambda t: t[0])
        taken_a.update(olds)
        taken_b.update(news)
    if len(olds) + len(news) > 2:
        whole, pieces = (a.words[olds[0]], [b.words[k] for k in news]) if len(olds) == 1 else \
            (b.words[news[0]], [a.words[k] for k in olds])
        found = ", ".join(f"{_coverage(p, whole):.0%}" for p in pieces)
        return _Link(tuple(olds), tuple(news), score, link.in_order, link.why + (
            f"each piece found, in order, in the whole: {found} of its words",))
    return _Link(tuple(olds), tuple(news), score, link.in_order, link.why)


def _neighbours(group: list[int], size: int, taken: set[int]):
    """(group one longer, the paragraph added) at either end, where that paragraph is free."""
    for k, grown in ((group[0] - 1, [group[0] - 1] + group), (group[-1] + 1, group + [group[-1] + 1])):
        if 0 <= k < size and k not in taken:
            yield grown, k


def _belongs(part: str, whole: str, current: str, grown: str, gain: float, after: bool) -> bool:
    """Whether the free paragraph ``part`` is a piece of ``whole`` beside ``current``.

    Either it is mostly found in ``whole`` and, with it, the group matches clearly better or
    explains clearly more of ``whole`` (a split that repeats the lead: "Calls upon ... to A and
    B" -> "Calls upon ... to A", "Further calls upon ... to B"); or the end of ``whole`` that
    ``current`` does not reach (the tail if ``part`` comes after, the head if before) mostly
    comes from it: a paragraph condensed into a clause when it was merged ("..., and resolves
    to assist developing countries in this regard").
    """
    if _coverage(part, whole) >= PART:
        more = LCSseq.similarity(grown, whole) - LCSseq.similarity(current, whole)
        # A piece counts by what it contributes, not by its share of the whole: a short clause
        # split off a long paragraph ("Prenant acte du rapport du Secrétaire général,") adds few
        # words to the group, but nearly all of its own.
        if gain >= GAIN or more >= max(2, 0.1 * len(whole)) or more >= max(3, PART * len(part)):
            return True
    unmatched = _unmatched(whole, current)
    rest = _beyond(whole, unmatched, after)
    found = LCSseq.similarity(rest, part) if len(rest) >= 3 else 0
    if found >= 3 and found >= PART * len(rest) and found >= 0.2 * len(part):
        return True
    # Two reworded paragraphs merged with their clauses interleaved ("Deeply concerned by A" +
    # "Noting B" -> "Deeply concerned by A and B"): what ``current`` leaves unexplained, wherever
    # it stands in ``whole``, comes mostly from ``part``, in any order, and most of ``part`` is in it.
    rest = "".join(whole[k] for k in sorted(unmatched))
    found = sum((Counter(rest) & Counter(part)).values()) if len(rest) >= 3 else 0
    return found >= 3 and found >= PART * len(rest) and found >= 0.5 * len(part)


def _unmatched(whole: str, current: str) -> set[int]:
    """Positions of ``whole``'s words that ``current`` does not explain (outside their LCS)."""
    return {op.dest_pos for op in LCSseq.editops(current, whole) if op.tag == "insert"}


def _beyond(whole: str, unmatched: set[int], after: bool) -> str:
    """The words of ``whole`` after (or before) everything the current group matches in it."""
    matched = set(range(len(whole))) - unmatched
    if not matched:
        return whole
    return whole[max(matched) + 1:] if after else whole[:min(matched)]


def _join(side: _Side, group) -> str:
    return "".join(side.words[k] for k in group)


# ---- step 5: pairs left in place ---------------------------------------------------------------

IN_PLACE = 0.2      # least score of the one old and one new paragraph left between two links
_LEAD_FILLERS = frozenset("also further again once more strongly vivement également encore".split())


def _in_place(a: _Side, b: _Side, links: list[_Link], profile) -> list[_Link]:
    """Link the one old and one new paragraph left alone between two neighbouring in-order links
    (or after the last, before the first) when they open with the same lead verb: a paragraph
    rewritten where it stood ("Requests the Secretary-General to report ..." become "Requests the
    Secretary-General ... to submit an evaluation report"). The order on both sides vouches for
    it, so its words may differ more than a free link's; a different lead says nothing."""
    taken_a = {i for link in links for i in link.olds}
    taken_b = {j for link in links for j in link.news}
    fences = sorted((min(k.olds), max(k.olds), min(k.news), max(k.news)) for k in links if k.in_order)
    fences = [(-1, -1, -1, -1)] + fences + [(len(a.paras), len(a.paras), len(b.paras), len(b.paras))]
    out = []
    for (_, end_a, _, end_b), (start_a, _, start_b, _) in pairwise(fences):
        free_a = [i for i in range(end_a + 1, start_a) if i not in taken_a]
        free_b = [j for j in range(end_b + 1, start_b) if j not in taken_b]
        if len(free_a) != 1 or len(free_b) != 1 or start_b < end_b:
            continue
        i, j = free_a[0], free_b[0]
        pa, pb = a.paras[i], b.paras[j]
        if pa.kind != pb.kind:
            continue
        lead_a, lead_b = _lead(pa, profile), _lead(pb, profile)
        if not lead_a or not lead_b or _lead_core(lead_a) != _lead_core(lead_b):
            continue
        s = _score(a.words[i], b.words[j])
        if s >= IN_PLACE:
            out.append(_Link((i,), (j,), s, True, (
                f"in place: the only paragraphs left between the same neighbours, both led by "
                f"“{lead_b}”; score {s:.2f}",)))
    return out


LABEL = 0.15        # least score of two paragraphs left alone that carry the same margin label


def _by_label(a: _Side, b: _Side, links: list[_Link]) -> list[_Link]:
    """Negotiation rounds: the paragraphs the text evidence left alone that carry the same margin
    label on both sides (OP5 and OP5, PP4 bis and PP4 bis) are one paragraph rewritten - the
    label is the facilitator's own link. Only after every text link, so a label never overrides
    clear text evidence (OP7 alt that became OP7 links by its words), and only in order."""
    if not any(p.label for p in a.paras) or not any(p.label for p in b.paras):
        return []
    taken_a = {i for link in links for i in link.olds}
    taken_b = {j for link in links for j in link.news}
    fences = sorted((min(k.olds), min(k.news)) for k in links if k.in_order)
    by_id = {b.paras[j].id: j for j in range(len(b.paras)) if j not in taken_b and b.paras[j].label}
    out = []
    for i, pa in enumerate(a.paras):
        j = by_id.get(pa.id)
        if i in taken_a or j is None or not pa.label or pa.kind != b.paras[j].kind:
            continue
        if any((fi < i) != (fj < j) for fi, fj in fences):
            continue  # would cross a link the words vouch for
        s = _score(a.words[i], b.words[j])
        if s >= LABEL:
            out.append(_Link((i,), (j,), s, True, (f"same margin label {pa.id} in both rounds; score {s:.2f}",)))
    return out


def _lead_core(lead: str) -> frozenset[str]:
    """The lead's words without the adverbs that only rank it ("Also requests" -> requests)."""
    return frozenset(w for w in re.findall(r"\w+", lead.lower()) if w not in _LEAD_FILLERS)


# ---- step 6: rows -----------------------------------------------------------------------------

def _rows(a: _Side, b: _Side, links: list[_Link], profile) -> list[Row]:
    """Rows in the new text's order; a deleted paragraph follows the row of its nearest in-order
    predecessor, where it stood."""
    keyed: list[tuple[tuple, Row]] = []
    anchor: dict[int, int] = {}
    for link in links:
        keyed.append(((min(link.news), 0, 0), _link_row(a, b, link, profile)))
        if link.in_order:
            anchor.update((i, min(link.news)) for i in link.olds)
    linked_a = {i for link in links for i in link.olds}
    linked_b = {j for link in links for j in link.news}
    for j in range(len(b.paras)):
        if j not in linked_b:
            p = b.paras[j]
            keyed.append(((j, 0, 0), Row("added", (), (p.id,), 0.0, (), None, _lead(p, profile),
                                          ((worddiff.INSERT, p.full_text),))))
    before = None  # the last old paragraph before i that anchors an in-order link
    for i in range(len(a.paras)):
        if i not in linked_a:
            p = a.paras[i]
            key = (anchor[before] if before is not None else -1, 1, i)
            keyed.append((key, Row("deleted", (p.id,), (), 0.0, (), _lead(p, profile), None,
                                   ((worddiff.DELETE, p.full_text),))))
        if i in anchor:
            before = i
    keyed.sort(key=lambda kr: kr[0])
    return [row for _, row in keyed]


def _link_row(a: _Side, b: _Side, link: _Link, profile) -> Row:
    olds = [a.paras[i] for i in link.olds]
    news = [b.paras[j] for j in link.news]
    old_text = " ".join(a.clean[i] for i in link.olds)
    new_text = " ".join(b.clean[j] for j in link.news)
    lead_old, lead_new = _lead(olds[0], profile), _lead(news[0], profile)
    notes_old = [n for p in olds for n in p.all_footnotes()]
    notes_new = [n for p in news for n in p.all_footnotes()]
    # Most paragraphs carry no footnote: no need to look their texts up.
    same_notes = (not notes_old and not notes_new) or _footnotes(a.res, notes_old) == _footnotes(b.res, notes_new)
    tags: list[str] = []
    if len(olds) > 1 or len(news) > 1:
        status = "merged" if len(olds) > 1 else "split"
    elif worddiff.same_substance(old_text, new_text) and same_notes:
        status = "unchanged" if link.in_order else "moved"
    else:
        status = "modified" if link.in_order else "moved"
    if link.in_order and len(olds) == len(news) == 1 and olds[0].id != news[0].id:
        tags.append("renumbered")
    if olds[0].kind != news[0].kind:
        tags.append("to-operative" if news[0].kind == OPERATIVE else "to-preamble")
    # The diff is of the texts as read (each side keeps its spelling); tags read the cleaned ones.
    same = status == "unchanged" or (status == "moved" and worddiff.same_substance(old_text, new_text))
    pieces = worddiff.pieces(" ".join(p.full_text for p in olds), " ".join(p.full_text for p in news), same,
                             (a.res.symbol,) if a.res.symbol else (), (b.res.symbol,) if b.res.symbol else ())
    diff, spelled = worddiff.contract(pieces)
    if not same:
        tags += worddiff.lead_tags(lead_old, lead_new, profile)
        tags += worddiff.change_tags(old_text, new_text, diff, profile)
    if not same_notes:
        tags.append("footnotes")
    tags += worddiff.status_tags(_statuses(olds), _statuses(news))
    score = 1.0 if status == "unchanged" else round(link.score, 6)
    why = link.why
    return Row(status, tuple(p.id for p in olds), tuple(p.id for p in news), score,
               worddiff.ordered(tags), lead_old, lead_new, tuple(diff), why, tuple(spelled), _authors(news, diff))


def _statuses(paras: list[Paragraph]) -> str | None:
    found = sorted({p.status for p in paras if p.status})
    return "/".join(found) if found else None


def _authors(news: list[Paragraph], diff) -> tuple[tuple[str, str, str], ...]:
    """Each changed piece of ``diff`` that a tracked revision of the new text holds (or that
    holds one), with that revision's author: who proposed it."""
    revisions = [r for p in news for q in (p, *p.subparagraphs) for r in q.revisions if r.author]
    if not revisions:
        return ()
    out = []
    for op, text in diff:
        if op == worddiff.EQUAL or not text.strip():
            continue
        kind = "insertion" if op == worddiff.INSERT else "deletion"
        piece = _squashed(text)
        for rev in revisions:
            held = _squashed(rev.text)
            if rev.kind == kind and piece and held and (piece in held or held in piece):
                out.append((op, text, rev.author or ""))
                break
    return tuple(out)


def _squashed(text: str) -> str:
    """Words and brackets only: a revision's text and a diff piece differ in spacing."""
    return re.sub(r"[^\w\[\]]+", "", text).lower()


def _lead(para: Paragraph, profile) -> str | None:
    """The paragraph's lead as the reader gave it, else as the language profile finds it."""
    if para.lead or profile is None:
        return para.lead
    return _found_lead(profile.code, para.kind, para.text)


@lru_cache(maxsize=1 << 14)
def _found_lead(code: str, kind: str, text: str) -> str | None:
    # Cached: most paragraphs come back unchanged, and each row asks for both sides' leads.
    profile = _language_profile(code)
    if kind == PREAMBLE:
        return profile.pp_lead(text)
    if kind == OPERATIVE:
        return profile.op_lead(text)
    return None


def _footnotes(res: Resolution, numbers: list[str]) -> Counter:
    """The footnotes a group of paragraphs carries (``numbers``), by text where known: numbers
    shift between versions, so footnote 3 becoming footnote 5 with the same text is no change."""
    out: Counter[str] = Counter()
    for number in numbers:
        text = res.footnote(number)
        out[" ".join(worddiff.clean(text).lower().split()) if text else "?"] += 1
    return out
