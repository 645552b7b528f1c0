"""Character-level clean-up shared by every reader: unicode, markdown leftovers, joining."""

from __future__ import annotations

import re

from resodiff.markup import strip_emphasis

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ",
                         "\u2011": "-", "\u00ad": None, "\u200b": None, "\ufeff": None, "\r": None})
# Any character of _SPACES: a text without one is left as it is (str.translate looks up a table
# for every character, which costs more than the search).
_TO_TRANSLATE = re.compile("[" + "".join(chr(c) for c in _SPACES) + "]")


def normalise(text: str) -> str:
    """Unify line ends and the invisible characters PDF and Word exports scatter around."""
    text = text.replace("\r\n", "\n")
    return text.translate(_SPACES) if _TO_TRANSLATE.search(text) else text


# A Markdown link: its words stay, its target goes - one level of parentheses inside the target
# ("javascript:alert(1)") included, so no ")" of the target is left in the text.
_LINK = re.compile(r"\[([^\[\]^]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_CARET = re.compile(r"(\d)\^(\w{1,3})\^?")
_CUT_COMPOUND = re.compile(r"(?<=\w)- (?=[a-z])(?!and |or |et |ou |y )")
_WHITE = re.compile(r"\s+")


def strip_markup(text: str) -> str:
    """Remove markdown leftovers: links to nowhere, emphasis, superscript carets."""
    if "[" not in text and "*" not in text and "^" not in text:  # none of them: most lines
        return text
    text = _LINK.sub(r"\1", text)  # [71/317](#) -> 71/317
    text = strip_emphasis(text)  # *Se félicite* -> Se félicite; "5 * 3" stays
    return _CARET.sub(r"\1\2", text)  # 30^e -> 30e


def join_lines(parts: list[str]) -> str:
    """Join the pieces of one paragraph (lines, page-break halves) into running text.

    A line that ends in a hyphen is a compound cut at the line end ("non-" + "proliferation"):
    keep the hyphen, drop the space. A passage repeated on both sides of a page break is kept
    once.
    """
    text = ""
    for part in parts:
        part = part.strip()
        if not text:
            text = part
            continue
        part = _drop_overlap(text, part)
        if text.endswith("-") and part[:1].islower():
            text += part
        else:
            text += " " + part
    text = _CUT_COMPOUND.sub("-", text)  # "post- conflict"
    return _WHITE.sub(" ", text).strip()


def _drop_overlap(before: str, after: str, min_words: int = 5) -> str:
    """``after`` without the words it repeats from the end of ``before`` (page-break echo)."""
    a = after.split()
    b = before.split()
    for n in range(min(len(a), len(b), 60), min_words - 1, -1):
        if a[:n] == b[-n:]:
            return " ".join(a[n:])
    return after


NOISE = [
    re.compile(p)
    for p in (
        r"^\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d+/\d+)?(?:\s*[A-Z]/[\w./-]+)?$",  # job numbers
        r"^\d{1,3}/\d{1,3}\s+\d{2}-\d{5}\s*(?:[A-Z]/[\w./-]+)?$",  # "2/9 23-21227A/C.3/78/L.41"
        r"^\*\d{6,}\*\s*(?:[A-Z]/[\w./-]+)?$",  # barcodes, "*2321227*A/C.3/78/L.41"
        r"^(?:[AES]|A/C\.\d)/[\w./-]+$",  # a symbol alone: running header
        r"^\d{1,3}\s*/\s*\d{1,3}$",  # page "2/8"
        r"^\d{1,3}$",  # page number
        r"^(?:Page|page)\s+\d+(?:\s+of\s+\d+)?$",
        r"^-{3,}$",  # markdown rule before the footnotes
        r"^_{3,}$",
        r"^Original\s*:\s*\w+$",
    )
]


def is_noise(line: str) -> bool:
    """A page furniture line: job number, barcode, symbol, page number, rule."""
    return any(p.match(line) for p in NOISE)
