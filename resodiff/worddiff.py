"""Word-level differences inside one aligned pair of paragraphs, and the tags a drafter scans for.

In: two paragraph texts (and their leads, the language profile). Out: a list of ``(op, text)``
with op ``"="``, ``"-"`` or ``"+"``, where every piece is made of whole tokens (words, symbols
such as ``A/80/342``, punctuation, spaces), never fragments of a word; and a tuple of tags
("lead-verb", "strengthened", "dates", "session", "references", "punctuation-only").

The diff is diff-match-patch's, run on tokens: each distinct token is mapped to one character,
``diff_main`` and ``diff_cleanupSemantic`` run on the encoded strings, and the result is decoded
back. Tokens are compared by a *key* that folds what is not substance (quote and apostrophe
style, non-breaking spaces and hyphens), so "Agency's" against "Agency’s" is no change.

``clean`` lives here too: the one place that knows which bits of an extracted text are noise
(footnote markers, markup, running headers, line-end hyphenation). The aligner uses it as well.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from bisect import bisect_left
from itertools import accumulate, groupby

from diff_match_patch import diff_match_patch

from resodiff.fold import fold, swap
from resodiff.markup import EMPHASIS

EQUAL, DELETE, INSERT = "=", "-", "+"

# Tags, in the order rows list them (compare and the reports rely on the names).
TAG_ORDER = ("renumbered", "to-preamble", "to-operative", "lead-verb", "strengthened", "weakened",
             "dates", "session", "references", "footnotes", "punctuation-only",
             "brackets-removed", "brackets-added", "status-changed")

# ---- cleaning: what is not substance ---------------------------------------------------------

# (pattern, replacement, guard), applied in this order; a pattern only runs when the text holds
# one of its guard's characters (a cheap test: most paragraphs need none of them). Each line is
# one kind of extraction noise seen in the corpus; the parser removes most of it, this keeps
# comparison honest when it did not.
_NOISE: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = tuple(
    (re.compile(p), r, frozenset(g)) for p, r, g in (
        (r"[\u00a0\u202f\u2007]", " ", "\u00a0\u202f\u2007"),           # non-breaking spaces
        (r"\u00ad", "", "\u00ad"),                                      # soft hyphen
        (r"(\w)[-\u2010\u2011]\s*\n\s*(?=[a-zà-ÿ])", r"\1", "\n"),     # hyphenation at a line end
        (r"\b\d{2}-\d{5}\s*\([A-Z]\)", " ", "-"),                        # job number "20-15618 (F)"
        (r"\*\d{6,8}\*", " ", "*"),                                       # bar-code line "*0166657*"
        (r"\[\^\d{1,3}\]", "", "^"),                                     # markdown footnote ref [^1]
        (r"\[([^\]]*)\]\([^)]*\)", r"\1", "]"),                           # markdown link [71/317](#)
        (r"\^(?=[a-zè]{1,3}\b)", "", "^"),                                # 30^e -> 30e
        (r"\^\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", "^⁰¹²³⁴⁵⁶⁷⁸⁹"),                  # superscript markers
        (EMPHASIS.pattern, r"\2", "*"),                                   # emphasis (*Encourage*)
    )
)
# Every guard character, to find which of them a text holds in one scan.
# Digits as well: a glued footnote marker is one.
_GUARDS = re.compile("[" + re.escape("".join(sorted(set().union(*(g for _, _, g in _NOISE))))) + r"\d]")
# The same table as spans: which groups of each match are text that stays.
# (Non-breaking spaces are folded by ``token_key``, not removed.)
_NOISE_SPANS = tuple((p, r, g, tuple(int(n) for n in re.findall(r"\\(\d)", r)))
                     for p, r, g in _NOISE if r != " " or "\u00a0" not in g)
# A footnote marker glued to the text: one or two digits right after a letter, punctuation or a
# closing quote, not part of a longer number; which of those are markers depends on what
# surrounds them (_is_marker), too fiddly for one quick pattern.
# The character before the digits is matched, not looked behind at: a pattern that starts with
# a character class is scanned for in C, a look-behind is tried at every position.
_MARKER = re.compile(r"[a-zà-ÿ,;:.)”’»\"](\d{1,2})(?![\d/])")
_LOWER = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"
_CLOSING_QUOTES = "”’»\""
_SPACE = ("", " ", "\n", "\t")
_SPACE_OR_MARK = _SPACE + (",", ";", ":", ".")


def _is_marker(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` are a footnote marker, by what surrounds them:
    "report1" (two lower-case letters), "Agency;1" (a word and punctuation, then a space or the
    end), "Instrument)2" (a closing bracket after a letter), "Peace”2" (a closing quote)."""
    before, after = text[max(0, start - 2):start], text[end:end + 1]
    if len(before) < 2:
        return before[-1:] in tuple(_CLOSING_QUOTES) and after in _SPACE_OR_MARK
    first, last = before[0], before[1]
    if first in _LOWER and last in _LOWER:
        return after in _SPACE_OR_MARK + (")",)
    if last in ",;:." and (first in _LOWER or first in ")" + _CLOSING_QUOTES):
        return after in _SPACE
    if last == ")" and first.isalpha():
        return after in _SPACE_OR_MARK
    return last in _CLOSING_QUOTES and after in _SPACE_OR_MARK


# "pre- and post-natal": a hyphen before a space is a line-end break unless a conjunction follows.
_SPACED_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])- (?!(?:and|or|et|ou|y|o|e|u)\b)(?=[a-zà-ÿ])")


def clean(text: str, drop: Iterable[str] = ()) -> str:
    """``text`` without extraction noise, white space collapsed.

    ``drop``: literal strings to remove as well, e.g. the document's own symbol, which only
    appears in a paragraph as a running header (a resolution never cites itself).
    """
    for literal in drop:
        if literal:
            text = text.replace(literal, " ")
    held = set(_GUARDS.findall(text))
    for pattern, repl, guard in _NOISE:
        if not held.isdisjoint(guard):
            text = pattern.sub(repl, text)
    if any(ch.isdigit() for ch in held):
        text = _MARKER.sub(lambda m: m[0][0] if _is_marker(text, m.start(1), m.end()) else m[0], text)
    text = " ".join(text.split())
    if "- " in text:
        text = _SPACED_HYPHEN.sub("", text)
    return text


# ---- tokens ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""[A-Z]{1,4}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+   # A/80/342, A/C.3/78/L.41
      | \d{1,4}/\d{1,4}(?![\w/])                                   # resolution number 79/6
      | \w+(?:[-\u2010\u2011'’]\w+)*                                # word, inner hyphens/apostrophes
      | «\s* | \s*»                                                 # French quotes with their spaces
      | \s+
      | .""",
    re.VERBOSE,
)


def tokenize(text: str) -> list[str]:
    """Whole tokens of ``text``; joined back they give ``text`` exactly."""
    return _TOKEN_RE.findall(text)


@lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """What a token is compared by: quote style, dashes and spacing folded away."""
    if token.isspace():
        return " "
    return swap(token).strip() or " "


def _substance(text: str) -> str:
    """``text`` with what ``token_key`` folds folded, spacing at quotes and final punctuation gone."""
    text = " ".join(swap(text).split())
    if '"' in text:  # no space on either side of a quote (str methods: regexes scan every character)
        parts = text.split('"')
        text = '"'.join([parts[0].rstrip(), *(p.strip() for p in parts[1:-1]), parts[-1].lstrip()])
    return text.rstrip(" ,;.:")


def same_substance(old: str, new: str) -> bool:
    """True when the texts differ only in what is not substance.

    That is quote style, spacing and the paragraph's final punctuation: a preambular paragraph
    ends with ",", an operative one with ";" or "." if last, so that mark follows position.
    """
    return old == new or _substance(old) == _substance(new)


# ---- the diff ---------------------------------------------------------------------------------

# An opcode as difflib's ``get_opcodes`` gives it: (tag, i1, i2, j1, j2), tag in "equal",
# "replace", "delete", "insert", ranges into the old and new tokens. An "equal" range is equal by
# comparison key, so its two sides may be spelled differently ("Agency's" / "Agency’s") and, where
# one side holds noise (a footnote number the reader left glued on), be of different lengths.
Opcode = tuple[str, int, int, int, int]
# A piece of a diff as rendered: (op, text, old). ``text`` is the new text's spelling for "=" and
# "+", the old text's for "-"; ``old`` is the old spelling of an "=" piece where it differs.
Piece = tuple[str, str, "str | None"]


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no deadline: the same input always gives the same diff
    return dmp


_DMP = _dmp()


def _code(n: int) -> str:
    # Private-use characters: dmp's semantic scoring sees them as neither space nor word.
    return chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)


_CODES = "".join(map(_code, range(4096)))  # the usual paragraph's tokens, coded once


def _encode_pair(old_keys: list[str], new_keys: list[str]) -> tuple[str, str, dict[str, str]]:
    """Both key lists as strings of one character per token, from one shared table (returned)."""
    distinct = dict.fromkeys(old_keys + new_keys)
    codes = _CODES if len(distinct) <= len(_CODES) else map(_code, range(len(distinct)))
    table = dict(zip(distinct, codes))
    return "".join(map(table.__getitem__, old_keys)), "".join(map(table.__getitem__, new_keys)), table


def _noise_spans(text: str, drop: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) of each stretch of ``text`` that ``clean`` removes: extraction noise,
    emphasis marks, glued footnote markers, the ``drop`` literals. Found on the text as read,
    so that the diff can leave them out of the comparison without leaving them out of the text."""
    spans: list[tuple[int, int]] = []
    for literal in drop:
        if literal:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(literal), text)]
    held = set(_GUARDS.findall(text))
    for pattern, _, guard, keep in _NOISE_SPANS:
        if held.isdisjoint(guard):
            continue
        for m in pattern.finditer(text):
            kept = [m.span(g) for g in keep if m.start(g) >= 0]
            at = m.start()
            for a, b in kept:
                spans.append((at, a))
                at = b
            spans.append((at, m.end()))
    if any(ch.isdigit() for ch in held):
        spans += [(m.start(1), m.end()) for m in _MARKER.finditer(text) if _is_marker(text, m.start(1), m.end())]
    return [(a, b) for a, b in spans if a < b]


def keys(text: str, tokens: list[str], drop: Iterable[str] = ()) -> list[str]:
    """The comparison key of each token of ``text``: ``token_key`` of what is left of it once
    noise is taken out; "" for a token that is noise only (and for a space next to another),
    which the diff passes over."""
    spans = _noise_spans(text, drop)
    if not spans:  # most paragraphs: the readers left no noise in them
        out = list(map(token_key, tokens))
        if out and out[0] == " ":
            out[0] = ""
        return out
    out = []
    pos = 0
    removed = bytearray(len(text))
    for a, b in spans:
        removed[a:b] = b"\x01" * (b - a)
    last = " "  # a space at the start is no content either
    for token in tokens:
        end = pos + len(token)
        if spans and any(removed[pos:end]):
            token = "".join(ch for ch, gone in zip(token, removed[pos:end]) if not gone)
        key = token_key(token) if token else ""
        if key == " " and last == " ":
            key = ""
        if key:
            last = key
        out.append(key)
        pos = end
    return out


# Tokens in both texts past which diff-match-patch's diff (time: tokens x changes, so the square
# of the length where changes are spread through it) is cut at anchors first. No paragraph of a
# resolution comes near: a 10 MB paragraph pair (issue 17) does.
GIANT = 60_000
_STRETCH = 48  # tokens per stretch, on average, when a giant text is cut into stretches


def _stretches(codes: str, space: str | None) -> list[str]:
    """``codes`` cut after each token of a few kinds (those whose code is 0 mod ``_STRETCH`` / 2,
    spaces aside): cuts that depend on the text, not on positions, so that an insertion does
    not shift every later stretch. Found by a regex (in C): a giant text has millions of tokens."""
    cuts = "".join(sorted(ch for ch in set(codes) if ord(ch) % (_STRETCH // 2) == 0 and ch != space))
    if not cuts:
        return [codes]
    cut = re.escape(cuts)
    return re.findall(f"[^{cut}]*[{cut}]|[^{cut}]+$", codes)


def _anchored(a: str, b: str, space: str | None) -> list[tuple[int, str]]:
    """diff-match-patch's diff of two giant coded texts, run between anchors: stretches found
    once in each text, in the same order (the longest such chain). Linear in the length where
    the texts share most of their stretches. ``space``: the code of a space (no cut there)."""
    sa, sb = _stretches(a, space), _stretches(b, space)
    count_a, count_b = Counter(sa), Counter(sb)
    where_b = {s: k for k, s in enumerate(sb) if count_b[s] == 1}
    pairs = [(i, where_b[s]) for i, s in enumerate(sa) if count_a[s] == 1 and s in where_b]
    # Longest chain increasing in both (patience sorting): anchors that keep the order.
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = j, n
        back[n] = tail_at[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    chain.reverse()
    starts_a = list(accumulate(map(len, sa), initial=0))
    starts_b = list(accumulate(map(len, sb), initial=0))
    diffs: list[tuple[int, str]] = []
    pa = pb = 0
    for i, j in chain + [(len(sa), len(sb))]:
        ea, eb = starts_a[i], starts_b[j]
        if pa < ea or pb < eb:
            diffs += _DMP.diff_main(a[pa:ea], b[pb:eb], False)
        if i < len(sa):
            diffs.append((0, sa[i]))
            pa, pb = ea + len(sa[i]), eb + len(sb[j])
    _DMP.diff_cleanupMerge(diffs)
    return diffs


def opcodes(old_keys: list[str], new_keys: list[str]) -> list[Opcode]:
    """The diff of two token sequences by their keys, as difflib-shaped opcodes.

    diff-match-patch runs on the keys (one character per distinct key) and its semantic
    clean-up makes the changes read as whole phrases. Tokens whose key is "" take no part; they
    go with the range before them (the first range where there is none).
    """
    old_at = [k for k, key in enumerate(old_keys) if key]
    new_at = [k for k, key in enumerate(new_keys) if key]
    a, b, table = _encode_pair([old_keys[k] for k in old_at], [new_keys[k] for k in new_at])
    diffs = _DMP.diff_main(a, b, False) if len(a) + len(b) <= GIANT else _anchored(a, b, table.get(" "))
    _DMP.diff_cleanupSemantic(diffs)
    # Runs in the filtered sequences: (tag, fi1, fi2, fj1, fj2); a delete next to an insert is
    # one replace.
    runs: list[list] = []
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            runs.append(["equal", i, i + n, j, j + n])
            i, j = i + n, j + n
            continue
        di, dj = (n, 0) if op < 0 else (0, n)
        if runs and runs[-1][0] != "equal":
            run = runs[-1]
            run[2] += di
            run[4] += dj
            run[0] = "replace" if run[2] > run[1] and run[4] > run[3] else run[0]
        else:
            runs.append(["delete" if op < 0 else "insert", i, i + di, j, j + dj])
        i, j = i + di, j + dj

    def back(at: list[int], total: int, k: int, first: bool) -> int:
        return 0 if first else (at[k] if k < len(at) else total)

    out: list[Opcode] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(runs):
        last = n == len(runs) - 1
        out.append((tag, back(old_at, len(old_keys), i1, n == 0), back(old_at, len(old_keys), i2, False)
                    if not last else len(old_keys),
                    back(new_at, len(new_keys), j1, n == 0), back(new_at, len(new_keys), j2, False)
                    if not last else len(new_keys)))
    if not out and (old_keys or new_keys):  # nothing but noise on either side
        out.append(("equal", 0, len(old_keys), 0, len(new_keys)))
    return out


def diff_tokens(old: str, new: str, old_drop: Iterable[str] = (), new_drop: Iterable[str] = ()
                ) -> tuple[list[str], list[str], list[Opcode]]:
    """The tokens of ``old`` and ``new`` as read and the opcodes between them. ``old_drop``,
    ``new_drop``: literals that are noise in each (a text's own symbol, a running header)."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    return old_tokens, new_tokens, opcodes(keys(old, old_tokens, old_drop), keys(new, new_tokens, new_drop))


def _equal_pieces(old_tokens: list[str], new_tokens: list[str], old_keys: list[str],
                  new_keys: list[str]) -> list[Piece]:
    """An equal range as "=" pieces: stretches spelled alike, and the (short) stretches spelled
    differently with their old spelling."""
    if old_tokens == new_tokens:
        return [(EQUAL, "".join(new_tokens), None)]
    out: list[Piece] = []
    if len(old_tokens) == len(new_tokens) and all(old_keys) and all(new_keys):  # no noise: token by token
        for alike, run in groupby(zip(old_tokens, new_tokens), key=lambda pair: pair[0] == pair[1]):
            olds, news = zip(*run)
            _add(out, (EQUAL, "".join(news), None if alike else "".join(olds)))
        return out
    old_at = [k for k, key in enumerate(old_keys) if key]
    new_at = [k for k, key in enumerate(new_keys) if key]
    pi = pj = 0
    bounds = list(zip(old_at, new_at))
    for n, (i, j) in enumerate(bounds):
        i_end = i + 1 if n < len(bounds) - 1 else len(old_tokens)
        j_end = j + 1 if n < len(bounds) - 1 else len(new_tokens)
        o, t = "".join(old_tokens[pi:i_end]), "".join(new_tokens[pj:j_end])
        _add(out, (EQUAL, t, o if o != t else None))
        pi, pj = i_end, j_end
    if pi < len(old_tokens) or pj < len(new_tokens):
        o, t = "".join(old_tokens[pi:]), "".join(new_tokens[pj:])
        _add(out, (EQUAL, t, o if o != t else None))
    return out


def pieces(old: str, new: str, same: bool = False, old_drop: Iterable[str] = (),
           new_drop: Iterable[str] = ()) -> list[Piece]:
    """The diff of two texts as read, as pieces that give back every character of each:
    keeping "=" (in its old spelling) and "-" gives ``old``, keeping "=" and "+" gives ``new``.

    ``same``: the texts are the same in substance (an unchanged row): every difference becomes
    an "=" piece carrying both spellings.
    """
    if old == new:  # most rows of a comparison: nothing to diff
        return [(EQUAL, new, None)] if new else []
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    old_keys, new_keys = keys(old, old_tokens, old_drop), keys(new, new_tokens, new_drop)
    codes = opcodes(old_keys, new_keys)
    out: list[Piece] = []
    for tag, i1, i2, j1, j2 in codes:
        o, t = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            for piece in _equal_pieces(old_tokens[i1:i2], new_tokens[j1:j2], old_keys[i1:i2], new_keys[j1:j2]):
                _add(out, piece)
        elif same:
            _add(out, (EQUAL, t, o if o != t else None))
        else:
            _add(out, (DELETE, o, None))
            _add(out, (INSERT, t, None))
    return out


def _add(out: list[Piece], piece: Piece) -> None:
    """Append, joining a piece to the last one of the same kind (an "=" with two spellings only
    to another such)."""
    op, text, old = piece
    if not text and not old:
        return
    if out and out[-1][0] == op and (out[-1][2] is None) == (old is None):
        prev = out[-1]
        out[-1] = (op, prev[1] + text, None if old is None else (prev[2] or "") + old)
    else:
        out.append(piece)


def contract(diff: list[Piece]) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """Pieces as the compare contract gives them: ``[(op, text)]`` pairs, "=" in the new
    spelling, and ``[(index, old spelling)]`` for the "=" pairs the old text spells otherwise."""
    pairs: list[tuple[str, str]] = []
    spelled: list[tuple[int, str]] = []
    for op, text, old in diff:
        if old is not None:
            spelled.append((len(pairs), old))
        pairs.append((op, text))
    return pairs, spelled


def from_contract(pairs: Iterable, old_spelling: Iterable = ()) -> list[Piece]:
    """The pieces back from the contract's pairs and old spellings (the inverse of ``contract``)."""
    spelled = {int(k): text for k, text in old_spelling}
    return [(op, text, spelled.get(k)) for k, (op, text) in enumerate(pairs)]


def side_text(diff: Iterable[Piece], which: str) -> str:
    """One text back from its pieces: ``which`` "old" or "new"."""
    if which == "old":
        return "".join(text if old is None else old for op, text, old in diff if op != INSERT)
    return "".join(text for op, text, _ in diff if op != DELETE)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts as ``[(op, text), ...]``, op in "=", "-", "+".

    Equal stretches are given in the new text's spelling. Concatenating the "=" and "-"
    pieces gives ``old`` up to what is no substance; "=" and "+" give ``new`` exactly.
    """
    out: list[tuple[str, str]] = []
    for op, text, _ in pieces(old, new):
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def has_changes(diff: list[tuple[str, str]]) -> bool:
    return any(op != EQUAL for op, _ in diff)


# ---- tags -------------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_REFERENCE_RE = re.compile(
    r"\b[A-Z]{1,4}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"  # A/80/342, A/RES/80/7
    r"|\b\d{1,3}/\d{1,4}(?![\w/])(?:\s+[A-Z]\b)?"                     # 79/6, 60/251 B (not 2017/18)
    r"|\b[A-Z]{2,}\(\d+\)/[A-Z]+/\d+(?:\s+[A-Z](?:\.\d+)?\b)?"          # GC(69)/RES/9 A.2
    r"|\b\d{3,4}\s*\([IVXLC]+\)"                                      # 1145 (XII)
)
_ORDINAL_SPAN = r"(?P<ord>(?:[\w-]+\s+){0,2}[\w-]+)"


_SESSION_RES: dict[str, re.Pattern[str]] = {}


def _session_re(profile) -> re.Pattern[str] | None:
    """The profile's session line with the ordinal widened to up to three words, among which the
    ordinal is then looked up ("sixty-ninth regular session", "septuagésimo quinto período")."""
    if profile is None:
        return None
    if profile.code not in _SESSION_RES:
        pattern = profile.session_line.replace("(?P<ord>{ordinal})", _ORDINAL_SPAN)
        _SESSION_RES[profile.code] = re.compile(r"\b" + pattern + r"\b", re.IGNORECASE)
    return _SESSION_RES[profile.code]


def _session_word(profile) -> str:
    """The first word after the ordinal in the profile's session line ("session", "período")."""
    if profile.code not in _SESSION_WORDS:
        m = re.search(r"\{ordinal\}\)\\s\+(\w+)", profile.session_line)
        _SESSION_WORDS[profile.code] = m[1].lower() if m else ""
    return _SESSION_WORDS[profile.code]


_SESSION_WORDS: dict[str, str] = {}


def sessions(text: str, profile) -> list[int]:
    """Session numbers a text names ("eightieth session", "72nd session"), in order."""
    pattern = _session_re(profile)
    word = _session_word(profile) if pattern is not None else ""
    lower = text.lower()
    if pattern is None or word not in lower:
        return []
    out = []
    # The search starts just before the next place the session word is found, not at every
    # word of the text (seconds over a long paragraph): a match holds the word, at most three
    # words after the match's start.
    pos = 0
    at = lower.find(word)
    while at >= 0:
        start = max(pos, text.rfind(" ", 0, max(0, at - _REACH)) + 1)
        m = pattern.search(text, start)
        if m is None:
            break
        value = _ordinal_in(m["ord"].split(), profile)
        if value is not None:
            out.append(value)
        pos = m.end()
        at = lower.find(word, pos)
    return out


# How far before the session word its ordinal may begin ("one hundred and twenty-first regular
# session" is 38 characters).
_REACH = 80


def _ordinal_in(words: list[str], profile) -> int | None:
    """The ordinal ending furthest right among the words, longest spelling first."""
    # Cached: the same few words come before "session" in paragraph after paragraph.
    key = (profile.code, *words)
    if key not in _ORDINALS:
        if len(_ORDINALS) > 4096:
            _ORDINALS.clear()
        _ORDINALS[key] = _ordinal_of(words, profile)
    return _ORDINALS[key]


_ORDINALS: dict[tuple[str, ...], int | None] = {}
_NUMBERED = re.compile(r"(\d{1,3})(?:st|nd|rd|th|e|ème|er|re|o|a|º|ª)?")


def _ordinal_of(words: list[str], profile) -> int | None:
    for end in range(len(words), 0, -1):
        for start in range(end):
            span = " ".join(words[start:end])
            digits = _NUMBERED.fullmatch(span)
            if digits:
                return int(digits[1])
            value = profile.ordinal_value(span)
            if value is not None:
                return value
    return None


def dates(text: str, profile) -> list[str]:
    """Dates (ISO) and lone years a text names, in order. A year inside a document symbol
    ("A/67/828-S/2013/210") is part of the symbol, not a date."""
    if _DIGIT.search(text) is None:  # every date and year has digits (a long text: one scan)
        return []
    out = []
    rest = _REFERENCE_RE.sub(" ", text) if "/" in text else text
    if profile is not None:
        for m in profile.date_re.finditer(text):
            out.append(profile.parse_date(m.group(0)) or m.group(0))
        rest = profile.date_re.sub(" ", rest)
    out.extend(_YEAR_RE.findall(rest))
    return out


def references(text: str) -> list[str]:
    """Resolution and document symbols a text names, in order."""
    if "/" not in text and "(" not in text:  # every kind of symbol has one of them
        return []
    return [re.sub(r"\s+", " ", m.group(0)).rstrip(".") for m in _REFERENCE_RE.finditer(text)]


def lead_tags(old_lead: str | None, new_lead: str | None, profile) -> tuple[str, ...]:
    """"lead-verb" when the lead phrase changed, with "strengthened"/"weakened" where the
    profile's verb scale ranks both leads."""
    if not old_lead or not new_lead or fold(old_lead) == fold(new_lead):
        return ()
    tags = ["lead-verb"]
    if profile is not None:
        before, after = profile.scale_rank(old_lead), profile.scale_rank(new_lead)
        if before is not None and after is not None and before != after:
            tags.append("strengthened" if after > before else "weakened")
    return tuple(tags)


def change_tags(old: str, new: str, diff: list[tuple[str, str]], profile=None) -> tuple[str, ...]:
    """Tags for the content of a changed pair: dates, session, references, punctuation-only."""
    changed = "".join(text for op, text in diff if op != EQUAL)
    if not changed:
        return ()
    # Dates and symbols can only differ if a changed piece holds a digit (or a month name): the
    # look-ups over the whole texts are skipped otherwise.
    digits = any(ch.isdigit() for ch in changed)
    months = profile is not None and any(m in changed.lower() for m in profile.months)
    tags = []
    # The same values in any order: sorted lists compared (as cheap as it gets for a few values).
    if (digits or months) and sorted(dates(old, profile)) != sorted(dates(new, profile)):
        tags.append("dates")
    if sorted(sessions(old, profile)) != sorted(sessions(new, profile)):
        tags.append("session")
    if (digits or "/" in changed) and sorted(references(old)) != sorted(references(new)):
        tags.append("references")
    # Negotiation rounds: square brackets lifted from agreed text, or put round contested text.
    brackets = {op for op, text in diff if op != EQUAL and ("[" in text or "]" in text)}
    if DELETE in brackets:
        tags.append("brackets-removed")
    if INSERT in brackets:
        tags.append("brackets-added")
    punctuation = [text for op, text in diff if op != EQUAL]
    if all(not re.search(r"\w", text) for text in punctuation) and not all(
            set(text.strip()) <= set("[]") for text in punctuation):
        tags.append("punctuation-only")  # brackets alone are the negotiation's news, not punctuation
    return tuple(tags)


def status_tags(old: str | None, new: str | None) -> tuple[str, ...]:
    """"status-changed" when a round's note changed (none -> "agreed", "pending" -> "agreed")."""
    return ("status-changed",) if old != new else ()


# ---- changes that can be set aside (--ignore) ---------------------------------------------------

IGNORABLE = ("case", "punctuation")
_NOT_WORD = re.compile(r"[^\w\s]+")


def _hunks(diff: Iterable) -> list[tuple[str, str]]:
    """(deleted, inserted) of each run of changes between two "=" pieces."""
    out: list[tuple[str, str]] = []
    gone: list[str] = []
    came: list[str] = []
    for piece in list(diff) + [(EQUAL, "")]:
        op, text = piece[0], piece[1]
        if op == EQUAL:
            if gone or came:
                out.append(("".join(gone), "".join(came)))
            gone, came = [], []
        else:
            (gone if op == DELETE else came).append(text)
    return out


def only_changes_of(diff: Iterable, ignore: Iterable[str]) -> bool:
    """True when the diff has changes and every one of them is of the kinds in ``ignore``:
    "case" ("parties" -> "Parties"), "punctuation" (a comma, a full stop; a hyphen in a word).
    Each run of changes is compared as a whole, so "parties," -> "Parties" is both kinds."""
    ignore = set(ignore)

    def key(text: str) -> str:
        text = swap(text)
        if "case" in ignore:
            text = text.casefold()
        if "punctuation" in ignore:
            text = _NOT_WORD.sub("", text)
        return " ".join(text.split())

    hunks = _hunks(diff)
    return bool(hunks) and all(key(gone) == key(came) for gone, came in hunks)


def ordered(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags without repeats, in ``TAG_ORDER`` (unknown ones last, as given)."""
    return tuple(sorted(dict.fromkeys(tags), key=lambda t: _TAG_RANK.get(t, len(TAG_ORDER))))


_TAG_RANK = {t: i for i, t in enumerate(TAG_ORDER)}
