"""UN document symbols: A/RES/75/15 and the ways people write it.

A General Assembly resolution's symbol is "A/RES/<session>/<number>"; drafters say "75/15",
file names say "A_RES_75_15", a footnote says "73/259 B". Everything that reads, shortens,
orders or names a file by a symbol does it here. Pure: no I/O.
"""

from __future__ import annotations

import re

from resodiff.errors import ResodiffError

PREFIX = "A/RES/"
# Any UN document symbol once upper-cased: A/RES/75/15, A/C.3/78/L.41, A/75/L.25/ADD.1, S/RES/2334(2016).
_ANY = re.compile(r"[A-Z]+(?:/[\w.\-()]+)+")
_SHORT = re.compile(r"(\d{1,3})/(\d{1,4})")
_RESOLUTION = re.compile(r"A/RES/(\d{1,3})/(\d{1,4})(?:\s?[A-Z])?")
_FILE_UNSAFE = re.compile(r"[^\w.\-()]")


class SymbolError(ResodiffError):
    """Text that is no UN document symbol."""


def normalise(text: str) -> str:
    """"A/RES/75/15", "a_res_75_15" or "75/15" -> "A/RES/75/15"; any other UN symbol upper-cased.
    Raises SymbolError for text that is no symbol."""
    s = text.strip().upper().replace("_", "/")
    if _SHORT.fullmatch(s):
        s = PREFIX + s
    if not _ANY.fullmatch(s):
        raise SymbolError(f"{text}: not a UN document symbol (like A/RES/75/15)")
    return s


def resolution(text: str) -> str | None:
    """The General Assembly resolution ``text`` names ("64/79", "A/RES/64/79", "a_res_73_259 B"),
    as "A/RES/64/79"; None when it names none (a title, a file name, another document)."""
    s = text.strip().upper().replace("_", "/")
    if _SHORT.fullmatch(s):
        return PREFIX + s
    return s if _RESOLUTION.fullmatch(s) else None


def short(symbol: str | None) -> str | None:
    """"A/RES/64/79" -> "64/79": the resolution number people say; None for any other symbol."""
    if symbol and symbol.upper().startswith(PREFIX):
        return symbol[len(PREFIX):]
    return None


def session(symbol: str | None) -> int | None:
    """The session a resolution's symbol names: "A/RES/75/15" or "75/15" -> 75."""
    s = short(symbol) or symbol or ""
    m = _SHORT.match(s)
    return int(m.group(1)) if m else None


def order(symbol: str | None) -> tuple[int, ...]:
    """"A/RES/64/79" -> (64, 79): the numbers of a symbol, for a natural order."""
    return tuple(int(n) for n in re.findall(r"\d+", symbol or ""))


def file_stem(symbol: str, language: str) -> str:
    """The corpus name of a document: A/RES/75/15 in French -> "A_RES_75_15.fr"."""
    return _FILE_UNSAFE.sub("_", symbol) + f".{language}"
