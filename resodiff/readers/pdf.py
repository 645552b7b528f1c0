"""PDF resolutions, turned into the structured text of the UN text export.

pdfplumber gives the words with their position, size and font; the layout says the rest:

    words -> lines (a raised, smaller word belongs to the line it sits on) -> page furniture
    out (running header and footer: symbol, job number "20-15618 (F)", page "2/8", barcode)
    -> the footnote area (the page's last lines, in smaller type, opened by the next footnote
    number) apart from the body -> body lines into paragraphs (a wider gap, or an indented
    line after a finished clause, opens one; a page break does not) -> line-end hyphens
    undone where a word was split, kept where the word has its own hyphen (non-prolifération,
    Sud-Est) -> "N. *Lead* text¹" blocks, then "¹ footnote" blocks

``parse_text`` reads the result, so PDFs and text exports go through one parser.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from resodiff.errors import ReadError
from resodiff.readers import limits
from resodiff.readers.limits import MAX_PAGES
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TERMINAL = tuple(",;:.")

# Page furniture: what a running header or footer is made of. A line in the top or bottom
# margin made only of these is dropped.
_FURNITURE = re.compile(
    r"(?:[AES]|A/C\.\d)/[\w./-]*\d[\w./-]*"  # the symbol: A/RES/75/15, A/C.3/78/L.41
    r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?"  # job number: 20-15618 (F)
    r"|\*\d{6,}\*"  # barcode: *2015618*
    r"|\d{1,3}\s*/\s*\d{1,3}"  # page: 2/8
    r"|\d{1,3}"  # page number
    r"|(?:Page|page)\s+\d+(?:\s+(?:of|sur|de)\s+\d+)?"
    r"|Merci de recycler|Please recycle|Sírvase reciclar|♲"
)

# Words that take a hyphen of their own: a line-end hyphen after them is kept.
COMPOUND_PREFIXES = frozenset(
    "non anti post pré pre pro co ex vice sous sub semi quasi auto multi inter intra extra ultra micro "
    "macro demi mi mid self cross sud nord est ouest south north east west ibero afro euro "
    "socio politico médico bien contre".split()
)
# ... and words that end compounds in UN English: follow-up, decision-making, high-level.
COMPOUND_ENDINGS = frozenset(
    "up off out down over based related led owned sensitive specific term level making building keeping "
    "wide scale friendly".split()
)
_CONJUNCTIONS = frozenset("et ou and or y o to à".split())


def pdf_to_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a PDF resolution, in the UN text export's layout, and what was noticed.

    Raises ReadError for an encrypted, damaged, truncated or image-only PDF.
    """
    pages = _extract(data, name)
    if not any(words for words, _, _ in pages):
        raise ReadError(f"{name}: the PDF has no text layer (a scanned image?); run OCR first")
    doc = _Document(pages)
    return doc.text(), doc.notes


# ---- extraction ------------------------------------------------------------------------------


def _extract(data: bytes, name: str):
    """Words of every page (with size, font and box) and the page size; errors in user words."""
    if b"%%EOF" not in data[-2048:]:
        raise ReadError(f"{name}: the PDF is incomplete (cut off: an interrupted download?)")
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ReadError(f"{name}: cannot read PDF files: {exc}") from None
    pages = []
    with limits.budget(name) as budget:
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                if len(pdf.pages) > MAX_PAGES:
                    raise ReadError(f"{name}: {len(pdf.pages)} pages is too long for a resolution"
                                    f" (the limit is {MAX_PAGES})")
                for page in pdf.pages:
                    budget.new_page()
                    words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance_ratio=0.15,
                                               keep_blank_chars=False, use_text_flow=False)
                    pages.append(([wd for wd in words if wd.get("upright", True)], float(page.width),
                                  float(page.height)))
                    page.close()  # its characters and layout are not needed again: memory stays flat
        except ReadError:
            raise
        except Exception as exc:  # pdfminer raises many kinds on a damaged file; pdfplumber wraps some
            if budget.exceeded is not None:  # a limit, wrapped by pdfplumber on its way out
                raise budget.exceeded from None
            cause: BaseException | None = exc
            while cause is not None and not isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args and isinstance(cause.args[0], Exception) else None)
            if isinstance(cause, PDFPasswordIncorrect):
                raise ReadError(f"{name}: the PDF is encrypted (it needs a password to open); save an unprotected copy") from None
            if isinstance(cause, PDFEncryptionError):
                raise ReadError(f"{name}: the PDF is encrypted in a way resodiff cannot open; save an unprotected copy") from None
            raise ReadError(f"{name}: damaged PDF ({_short(exc)})") from None
    return pages


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


# ---- lines ---------------------------------------------------------------------------------


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool
    raised: bool = False  # a smaller word sitting on a line of bigger type: a mark, "e" of "30e"


@dataclass
class _Line:
    words: list[_Word]
    page: int
    top: float
    bottom: float
    size: float

    @property
    def x0(self) -> float:
        return min(wd.x0 for wd in self.words)

    @property
    def x1(self) -> float:
        return max(wd.x1 for wd in self.words)

    @property
    def plain(self) -> str:
        return " ".join(wd.text for wd in self.words)


def _lines(words: list[_Word], page: int) -> list[_Line]:
    """Words into lines, biggest type first, so that marks join the line they are raised on."""
    lines: list[_Line] = []
    for wd in sorted(words, key=lambda w: (-round(w.size * 2), w.top, w.x0)):
        height = wd.bottom - wd.top
        home = None
        for ln in lines:
            overlap = min(ln.bottom, wd.bottom) - max(ln.top, wd.top)
            if abs(ln.size - wd.size) <= 0.6 and overlap >= 0.6 * min(height, ln.bottom - ln.top):
                home = ln
                break
            centre = (wd.top + wd.bottom) / 2
            if (wd.size < 0.85 * ln.size and ln.top - 0.5 <= centre <= ln.bottom
                    and any(abs(wd.x0 - o.x1) < 0.4 * ln.size or abs(o.x0 - wd.x1) < 0.4 * ln.size for o in ln.words)):
                wd.raised = True
                home = ln
                break
        if home is None:
            lines.append(_Line([wd], page, wd.top, wd.bottom, wd.size))
        else:
            home.words.append(wd)
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


# ---- the document --------------------------------------------------------------------------


@dataclass
class _Footnote:
    number: int
    lines: list[_Line] = field(default_factory=list)


class _Document:
    def __init__(self, pages) -> None:
        self.notes: list[str] = []
        self.pages: list[list[_Line]] = []
        sizes: Counter = Counter()
        for k, (raw, _, _) in enumerate(pages):
            words = [_word(w) for w in raw if w["text"].strip()]
            for wd in words:
                sizes[round(wd.size * 2) / 2] += len(wd.text)
            self.pages.append(_lines(words, k))
        self.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        self.heights = [h for _, _, h in pages]
        self._drop_furniture()
        self.footnotes: list[_Footnote] = []
        self.body: list[_Line] = []
        for lines in self.pages:
            self._split_footnotes(lines)
        self.vocabulary, self.compounds = self._vocabulary()

    # -- furniture

    def _drop_furniture(self) -> None:
        """Running headers and footers: by position and pattern, or repeated in the margins."""
        def key(ln: _Line) -> str:
            return re.sub(r"\d+", "#", ln.plain)

        margins: Counter = Counter()
        for k, lines in enumerate(self.pages):
            for ln in lines:
                if self._in_margin(ln, k):
                    margins[key(ln)] += 1
        for k, lines in enumerate(self.pages):
            kept = []
            for ln in lines:
                zone = self._in_margin(ln, k)
                if zone and (_FURNITURE_LINE.fullmatch(ln.plain) or margins[key(ln)] > 1
                             or (zone == "top" and k > 0)):
                    continue
                kept.append(ln)
            self.pages[k] = kept

    def _in_margin(self, ln: _Line, page: int) -> str | None:
        height = self.heights[page]
        if ln.bottom < 0.085 * height:
            return "top"
        if ln.top > 0.93 * height:
            return "bottom"
        return None

    # -- footnotes

    def _split_footnotes(self, lines: list[_Line]) -> None:
        """The page's last lines in smaller type are its footnotes when they open with the next
        footnote number (or go on with the footnote the page before left open)."""
        start = len(lines)
        while start > 0 and lines[start - 1].size < 0.92 * self.body_size:
            start -= 1
        area = lines[start:]
        opens = bool(area) and _leading_number(area[0]) == len(self.footnotes) + 1
        goes_on = bool(area) and bool(self.footnotes) and not _ends_sentence(self.footnotes[-1].lines[-1].plain)
        if not (opens or goes_on):
            start, area = len(lines), []  # small type that is no footnote: leave it in the body
        self.body.extend(lines[:start])
        for ln in area:
            if _leading_number(ln) == len(self.footnotes) + 1:
                self.footnotes.append(_Footnote(len(self.footnotes) + 1))
            self.footnotes[-1].lines.append(ln)

    # -- words for de-hyphenation

    def _vocabulary(self) -> tuple[set[str], set[str]]:
        words: set[str] = set()
        compounds: set[str] = set()
        every = self.body + [ln for fn in self.footnotes for ln in fn.lines]
        after_hyphen = False
        for ln in every:
            for k, wd in enumerate(ln.words):
                token = wd.text.strip(".,;:()[]«»\"“”'’")
                last = k == len(ln.words) - 1
                if not token or (last and token.endswith("-")) or (k == 0 and after_hyphen):
                    continue  # the halves of a word cut at a line end are not words
                lowered = token.lower()
                for part in re.split(r"['’]", lowered):
                    if "-" in part:
                        compounds.add(part)
                    words.update(p for p in part.split("-") if p)
                    words.add(part)
            after_hyphen = bool(re.search(r"\w-$", ln.words[-1].text))
        return words, compounds

    # -- text

    def text(self) -> str:
        blocks = [self._render(p) for p in self._paragraphs()]
        for fn in self.footnotes:
            tokens = self._tokens(fn.lines)
            if tokens and tokens[0][0].strip(".").isdigit():
                tokens = tokens[1:]
            body = _render_tokens(tokens)
            if body:
                blocks.append(f"{str(fn.number).translate(SUPERSCRIPT)} {body}")
        return "\n\n".join(b for b in blocks if b) + "\n"

    def _paragraphs(self) -> list[list[_Line]]:
        """Body lines into paragraphs (and header lines into header items).

        A paragraph opens after a finished clause (, ; : .) with an indented first line, a
        printed number ("12. ", "a) ") or, on the same page, a wider gap than between lines;
        a page break alone never opens one. Before the formula ("L'Assemblée générale,"),
        each header item is its own paragraph: a line opens one unless it goes on from a
        full line before it or starts in lower case.
        """
        paras: list[list[_Line]] = []
        margins = self._margins()
        gaps = [b.top - a.bottom for a, b in zip(self.body, self.body[1:])
                if a.page == b.page and abs(a.size - self.body_size) < 0.6 and abs(b.size - self.body_size) < 0.6]
        gaps = sorted(g for g in gaps if g > -2)
        usual = gaps[len(gaps) // 2] if gaps else 2.0
        in_header = any(_is_formula(ln.plain) for ln in self.body)
        prev: _Line | None = None
        for ln in self.body:
            formula = _is_formula(ln.plain)
            if prev is None or formula or _is_formula(prev.plain):
                paras.append([ln])
                in_header = in_header and not formula
                prev = ln
                continue
            left = margins.get(ln.page, (ln.x0, ln.x1))[0]
            indented = ln.x0 > left + 0.8 * self.body_size
            complete = _ends_clause(prev.plain)
            numbered = bool(_OPENING.match(ln.plain))
            wide_gap = ln.page == prev.page and ln.top - prev.bottom > usual + 0.35 * self.body_size
            if in_header:
                prev_left, prev_right = margins.get(prev.page, (prev.x0, prev.x1))
                full = prev.x1 >= prev_left + 0.8 * (prev_right - prev_left)
                goes_on = ln.plain[:1].islower() or (full and ln.page == prev.page)
                new = (not goes_on or wide_gap or bool(_HEADER_ITEM.match(ln.plain))
                       or prev.plain.endswith("]"))
            elif ln.page != prev.page:
                new = complete and (indented or numbered)
            else:
                new = wide_gap or abs(ln.size - prev.size) > 0.6 or (complete and (indented or numbered))
            if new:
                paras.append([ln])
            else:
                paras[-1].append(ln)
            prev = ln
        return paras

    def _margins(self) -> dict[int, tuple[float, float]]:
        """Per page, where most body lines start and end (justified text: all but first and last)."""
        margins: dict[int, tuple[float, float]] = {}
        for page in {ln.page for ln in self.body}:
            lines = [ln for ln in self.body if ln.page == page and abs(ln.size - self.body_size) < 0.6]
            if lines:
                left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
                ends = sorted(ln.x1 for ln in lines)
                margins[page] = (left, ends[int(0.9 * (len(ends) - 1))])
        return margins

    def _render(self, lines: list[_Line]) -> str:
        return _render_tokens(self._tokens(lines))

    def _tokens(self, lines: list[_Line]) -> list[tuple[str, bool, bool]]:
        """(text, italic, glued to the token before) for the lines of one paragraph."""
        tokens: list[tuple[str, bool, bool]] = []
        for ln in lines:
            prev_word: _Word | None = None
            for wd in ln.words:
                text = wd.text
                glued = prev_word is not None and wd.x0 - prev_word.x1 < 0.12 * ln.size
                if wd.raised and re.fullmatch(r"\d{1,3}", text):
                    text = text.translate(SUPERSCRIPT)
                    glued = prev_word is not None and wd.x0 - prev_word.x1 < 0.4 * ln.size
                if prev_word is None and tokens:
                    glued = self._join_line_end(tokens, text)
                tokens.append((text, wd.italic, glued))
                prev_word = wd
        return tokens

    def _join_line_end(self, tokens, text: str) -> bool:
        """Is the first word of a line glued to the line before (a hyphenated word)?

        A word split by hyphenation loses its hyphen; a compound cut at its own hyphen keeps it.
        """
        last, italic, glued = tokens[-1]
        if last.endswith("\u00ad"):
            tokens[-1] = (last[:-1], italic, glued)
            return True
        if not re.search(r"\w-$", last) or not text[:1].isalnum():
            return False
        if text[:1].isdigit():
            return True  # "(2021-" + "2025)": a range keeps its hyphen
        right = re.split(r"\W", text, maxsplit=1)[0]  # the word the line opens with
        if right.lower() in _CONJUNCTIONS:
            return False  # "pré- et postnatal"
        left = re.split(r"['’]", last[:-1])[-1]
        stem = re.sub(r"^\W+", "", left)
        if not self._keeps_hyphen(stem, right):
            tokens[-1] = (last[:-1], italic, glued)
        return True

    def _keeps_hyphen(self, left: str, right: str) -> bool:
        hyphenated, solid = f"{left}-{right}".lower(), f"{left}{right}".lower()
        if hyphenated in self.compounds:
            return True
        if solid in self.vocabulary:
            return False
        last = left.split("-")[-1].lower()
        if right[:1].isupper() or right[:1].isdigit() or left[-1:].isdigit():
            return True  # Sud-Est, Asie-Pacifique, COVID-19, 2016-2020
        if last in COMPOUND_PREFIXES or right.lower() in COMPOUND_ENDINGS or _is_number_word(hyphenated):
            return True
        return len(last) >= 3 and len(right) >= 2 and last in self.vocabulary and right.lower() in self.vocabulary


_FURNITURE_LINE = re.compile(rf"(?:\s*(?:{_FURNITURE.pattern}))+\s*")
# What opens a paragraph where a line starts: "12. ", "a) ", "(a) ", "(iv) ".
_OPENING = re.compile(r"^(?:\d{1,3}\.\s|\(?[a-z]{1,2}\)\s|\(?[ivx]{1,5}\)\s)")
# What opens a header item whatever the line before: the title line "75/15. ", "[sans renvoi".
_HEADER_ITEM = re.compile(r"^(?:\d{1,3}/\d{1,4}\.\s|\[)")


def _is_formula(text: str) -> bool:
    from resodiff.languages import CODES, profile

    return any(profile(code).formula_re.match(text) for code in CODES)


def _word(w: dict) -> _Word:
    font = w.get("fontname", "")
    return _Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), float(w["size"]),
                 bool(re.search(r"italic|oblique|-it$|,it", font, re.IGNORECASE)))


def _leading_number(ln: _Line) -> int | None:
    first = ln.words[0].text.rstrip(".")
    return int(first) if first.isdigit() and len(first) <= 3 else None


def _ends_clause(text: str) -> bool:
    t = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹\d]+$", "", text.rstrip()).rstrip("”’\"»*) ")
    return t.endswith(TERMINAL)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("”’\")»*").endswith(".")


def _is_number_word(hyphenated: str) -> bool:
    """soixante-dix-septième, vingt-cinquième, seventy-fifth: written numbers keep their hyphens."""
    from resodiff.languages import CODES, profile

    return any(hyphenated in word for code in CODES for word in profile(code).ordinals)


def _render_tokens(tokens: list[tuple[str, bool, bool]]) -> str:
    """Tokens to one line: italics as *...*, glued tokens without a space."""
    out: list[str] = []
    open_italic = False
    for text, italic, glued in tokens:
        mark = bool(re.fullmatch(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text))
        wordy = bool(re.search(r"\w", text)) and not mark
        if open_italic and not italic and not mark:
            out.append("*")
            open_italic = False
        if out and not glued:
            out.append(" ")
        if italic and not open_italic and wordy:
            out.append("*")
            open_italic = True
        out.append(text)
    if open_italic:
        out.append("*")
    return re.sub(r"\s+", " ", "".join(out)).strip()
