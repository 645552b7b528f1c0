"""Footnotes: their definitions taken out of the text, their markers tied to paragraphs.

Definitions come as superscript-led blocks (UN text export), ``[^n]:`` lines (PDF-extracted
markdown), ``n text`` lines after a rule or at a page bottom (pdftotext). Markers come as
superscripts, or as bare digits glued to a word ("2024,1", "Rights2", "19721" = 1972 + 1,
"8and") or spaced ("Court 1 reaffirms"). Bare digits are ambiguous, so markers are looked for
in order: footnote k is the first plausible k after footnote k-1.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from resodiff.languages import Profile
from resodiff.model import Paragraph
from resodiff.readers.clean import is_noise, strip_markup
from resodiff.readers.lines import Line, cut_closing, ends_complete

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_MD_DEF = re.compile(r"^\[\^(?P<n>\d+)\]:\s*(?P<text>.*)$")
_SUP_DEF = re.compile(r"^(?P<n>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<text>\S.*)$")
_PLAIN_DEF = re.compile(r"^(?P<n>\d{1,3})\s+(?P<text>\S.*)$")
_RULE = re.compile(r"^_{5,}$")


@dataclass
class Definition:
    number: str
    text: str
    orphan: bool = False  # a "[^1653]:" that is really text cut off by the extraction


def extract_definitions(lines, prof: Profile):
    """Take footnote definitions out of the line stream. Returns (lines, definitions)."""
    body = []
    defs: list[Definition] = []
    current: Definition | None = None  # the definition continuation lines go to
    after_rule = False
    for ln in lines:
        s = ln.text
        if _RULE.match(s):
            after_rule, current = True, None
            continue
        if m := _MD_DEF.match(s):
            current = _add(defs, m["n"], m["text"])
            continue
        if m := _SUP_DEF.match(s):
            current = _add(defs, m["n"].translate(SUPERSCRIPTS), m["text"])
            continue
        if after_rule and (is_noise(s) or re.match(r"^\d{1,3}\.\s+[A-Z]", s)):
            after_rule, current = False, None
            body.append(ln)  # the noise filter removes it
            continue
        plain = _PLAIN_DEF.match(s)
        if plain and _expected(defs) == plain["n"] and not _starts_with_month(plain["text"], prof) and (
            after_rule or ln.blank_before
        ):
            current = _add(defs, plain["n"], plain["text"])
            continue
        if current is not None and (after_rule or not ln.blank_before):
            current.text += " " + s
            continue
        current = None
        body.append(ln)
    return body, defs


def _add(defs: list[Definition], number: str, text: str) -> Definition:
    d = Definition(number, text.strip(), orphan=number != _expected(defs))
    defs.append(d)
    return d


def _expected(defs: list[Definition]) -> str:
    real = [d for d in defs if not d.orphan]
    return str(int(real[-1].number) + 1) if real else "1"


def _starts_with_month(text: str, prof: Profile) -> bool:
    word = text.split()[0].lower().strip(",.") if text.split() else ""
    return word in prof.months


def restore_body(lines, defs: list[Definition], prof: Profile):
    """Give back to the body what an extraction pushed into the footnotes.

    Seen in real files: the rest of a paragraph and everything after it under a bogus
    ``[^1653]:`` (from "resolution 1653 (XVI)"), or "4. Decides ... 52nd plenary meeting"
    glued to the last footnote. Returns (lines, definitions, closing line or None).
    """
    restored: str | None = None
    last_text = lines[-1].text if lines else ""
    for i, d in enumerate(defs):
        if d.orphan and not ends_complete(last_text):
            restored = f"{d.number} {d.text}"
            del defs[i]
            break
        m = re.search(r"\s(\d{1,3})\.\s+(?=[A-Z])", d.text)
        if m and prof.op_lead(d.text[m.end():]) and _meeting_in(d.text, prof):
            restored = d.text[m.start():].strip()
            d.text = d.text[: m.start()].strip()
            break
    defs = _merge_orphans(defs)
    if restored is None:
        return lines, defs, None
    pieces = _split_inline(restored, prof)
    new_lines = list(lines) + [Line(p, blank_before=j > 0 or ends_complete(last_text)) for j, p in enumerate(pieces)]
    body, closing = cut_closing(new_lines, prof)
    return body, defs, closing


def _merge_orphans(defs: list[Definition]) -> list[Definition]:
    """An out-of-sequence number continues the footnote before it ("... 31 July" + "2013 (S/INF/68).")."""
    out: list[Definition] = []
    for d in defs:
        if d.orphan and out:
            out[-1].text += f" {d.number} {d.text}"
        elif not d.orphan:
            out.append(d)
    return out


def _meeting_in(text: str, prof: Profile) -> bool:
    pattern = prof.meeting_line.lstrip("^").rstrip("$").replace("(?P<date>.*)", "")
    return re.search(pattern, text, re.IGNORECASE) is not None


def _split_inline(text: str, prof: Profile) -> list[str]:
    """Split text that lost its line breaks before operative numbers, leads and the closing."""
    cut = re.compile(
        r"(?<=[,;:.])\s+(?=\d{1,3}\.\s+[A-Z])"
        r"|(?<=[,;:.])\s+(?=" + prof.pp_lead_re.pattern + r")"
        r"|\s+(?=" + prof.meeting_line.lstrip("^").rstrip("$").replace("(?P<date>.*)", "").replace("(?P<n>", "(?:") + r")",
        re.IGNORECASE,
    )
    pieces, start = [], 0
    for m in cut.finditer(text):
        nxt = text[m.end():]
        if not nxt[:1].isupper() and not nxt[:1].isdigit():
            continue
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


# ---- markers --------------------------------------------------------------------------


def tie_markers(paragraphs: list[Paragraph], defs: list[Definition], prof: Profile):
    """Find each footnote's marker, record it on its paragraph and remove it from the text.

    Returns (paragraphs, [(number, text), ...]).
    """
    defs = _merge_orphans(defs)
    footnotes = [(d.number, _clean_def(d.text)) for d in defs]
    nodes = _flatten(paragraphs)
    # "P[^5]" is the body's "P5" that a converter took for a footnote reference.
    texts = [_BODY_CARET.sub(r"\1", n.text) if "[^" in n.text else n.text for n in nodes]
    found: dict[int, list[str]] = {i: [] for i in range(len(nodes))}
    cuts: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(nodes))}

    if any(_SUP_RUN.search(t) for t in texts):
        for i, t in enumerate(texts):
            for m in _SUP_RUN.finditer(t):
                found[i].append(m.group(0).translate(SUPERSCRIPTS))
                cuts[i].append((m.start(), m.end()))
    else:
        _scan_bare(texts, [d.number for d in defs], prof, found, cuts)

    new_texts = [_apply_cuts(t, cuts[i]) for i, t in enumerate(texts)]
    offsets = [_marker_offsets(t, cuts[i], new_texts[i]) for i, t in enumerate(texts)]
    rebuilt = _rebuild(paragraphs, iter(zip(new_texts, (found[i] for i in range(len(nodes))), offsets)))
    return rebuilt, footnotes


_BODY_CARET = re.compile(r"(?<=[A-Z])\[\^(\d+)\]")
_WHITE = re.compile(r"\s+")


def _clean_def(text: str) -> str:
    return _WHITE.sub(" ", strip_markup(text)).strip()


def _flatten(paragraphs):
    out = []
    for p in paragraphs:
        out.append(p)
        out.extend(_flatten(p.subparagraphs))
    return out


def _rebuild(paragraphs, stream):
    out = []
    for p in paragraphs:
        text, marks, at = next(stream)
        subs = tuple(_rebuild(p.subparagraphs, stream))
        out.append(dataclasses.replace(p, text=text, footnotes=tuple(marks), footnote_at=at, subparagraphs=subs))
    return out


def _marker_offsets(text: str, cuts: list[tuple[int, int]], clean: str) -> tuple[int, ...]:
    """Where each cut marker stands in ``clean`` (what ``_apply_cuts`` made of ``text``).

    The cuts are redone with a character the text does not hold in place of each marker, and
    that copy is walked beside ``clean``: they differ only in white space. () if they do not.
    """
    if not cuts:
        return ()
    mark = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    marked = text
    for k, (start, end) in sorted(enumerate(cuts), key=lambda kc: kc[1][0], reverse=True):
        marked = marked[:start] + mark + chr(0xF900 + k) + marked[end:]
    marked = _apply_cuts_keep(marked, mark)
    found: dict[int, int] = {}
    j = 0
    i = 0
    while i < len(marked):
        ch = marked[i]
        if ch == mark:
            found[ord(marked[i + 1]) - 0xF900] = j
            i += 2
            continue
        if j < len(clean) and ch == clean[j]:
            j += 1
        elif not ch.isspace():
            return ()
        i += 1
    if len(found) != len(cuts):
        return ()
    return tuple(min(found[k], len(clean)) for k in range(len(cuts)))


def _apply_cuts_keep(marked: str, mark: str) -> str:
    """The glue ``_apply_cuts`` puts where a marker was ("Agreement,8and" -> "Agreement, and")."""
    def glue(m: re.Match) -> str:
        left, right = marked[: m.start()], marked[m.end():]
        return m.group(0) + (" " if left[-1:] in ",;:.”’\")]" and right[:1].isalpha() else "")
    return re.sub(re.escape(mark) + ".", glue, marked)


def _apply_cuts(text: str, cuts: list[tuple[int, int]]) -> str:
    """Remove marker spans; spaced markers were cut with the space before them."""
    for start, end in sorted(cuts, reverse=True):
        left, right = text[:start], text[end:]
        glue = " " if left[-1:] in ",;:.”’\")]" and right[:1].isalpha() else ""  # "Agreement,8and"
        text = left + glue + right
    return _WHITE.sub(" ", text).strip()


def _scan_bare(texts, numbers, prof: Profile, found, cuts) -> None:
    """Look for footnote k after footnote k-1, preferring glued digits over spaced ones."""
    before_words = set(prof.extra.get("before_numbers", ()))
    months = set(prof.months)
    node, pos = 0, 0
    for number in numbers:
        hit = None
        for i in range(node, len(texts)):
            start = pos if i == node else 0
            hit = _find_marker(texts[i], number, start, before_words, months)
            if hit:
                hit = (i, *hit)
                break
        if hit is None:
            continue  # marker lost in the extraction: the footnote stays, unanchored
        i, s, e = hit
        found[i].append(number)
        cuts[i].append((s, e))
        node, pos = i, e


def _find_marker(text: str, number: str, start: int, before_words, months):
    n = re.escape(number)
    patterns = (
        # a markdown footnote reference left in the text: "[^2]"
        rf"(?P<m>\[\^{n}\])",
        # after punctuation or a closing quote: "2024,1" "79/7;1" "(SSOD-IV),3" "”2"
        # (never after a digit and a full stop: "paragraph 3.4" is a number)
        rf"(?:(?<=[a-z)\]”’\"][,;:.”’\")\]])|(?<=\d[,;:]))(?P<m>{n})(?![\d/.,]\d)(?!\d)",
        # glued to a lower-case word: "Rights2 and"
        rf"(?<=[a-zà-ÿ])(?P<m>{n})(?!\d)(?![/.]\d)",
        # glued to a year: "19721" is 1972 and footnote 1
        rf"(?<![\d/.])(?:1[89]|20)\d\d(?P<m>{n})(?!\d)",
        # glued to the next word: "8and", "7in which"
        rf"(?<=[\s,;:.])(?P<m>{n})(?=[a-z]{{2,}})(?!st\b|nd\b|rd\b|th\b)",
        # spaced: "Court 1 reaffirms", "Treaty, 8 as well", at the end "2024/25; 4"
        rf"(?<=[\w,;:.”’\")])\s(?P<m>{n})(?=\s|$|[,;.:])",
    )
    best = None
    for k, pattern in enumerate(patterns):
        for m in re.finditer(pattern, text[start:]):
            s, e = m.start("m") + start, m.end("m") + start
            if k == 5 and not _plausible_spaced(text, s, e, before_words, months):
                continue
            if k == 5:
                s -= 1  # take the space before with it
            if best is None or s < best[0]:
                best = (s, e)
            break
    return best


def _plausible_spaced(text: str, s: int, e: int, before_words, months) -> bool:
    """Is the bare number at text[s:e] (after a space) a footnote marker rather than a number?"""
    after = re.findall(r"[\w%]+", text[e:e + 30])
    if after and (after[0].lower() in months or after[0].isdigit()
                  or after[0].lower() in ("%", "per", "pour", "million", "millions", "billion", "milliards")):
        return False
    if text[:s].rstrip()[-1:] in ",;:.”’\")":
        return True  # "Court, 7 and", "2024/25; 4": punctuation then a number is a marker
    before = re.findall(r"[\w.°]+", text[:s])
    return not (before and (before[-1].lower() in before_words or before[-1].isdigit()))
