"""A file named the way drafters name it: a path, or a resolution's symbol.

``resolve("64/79", ...)`` finds A/RES/64/79 in the corpus (in the language asked for, or the
only one it is there in); when the corpus lacks it and fetching is allowed - always with
``fetch=True``, or when ``confirm`` says yes - it is fetched from the UN document system into
the corpus folder. A path that exists is taken as it is; text that is neither a path nor a
symbol is handed back unchanged, so the reader says "no such file" as it always did.

Core: no printing and no prompting of its own (``confirm`` is the caller's question).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from resodiff import ods, symbols
from resodiff.errors import ResodiffError
from resodiff.library.folder import default_folder
from resodiff.library.store import Library

# A stored file name in place of a symbol: "A_RES_64_79.md", "A_RES_64_79.en.md".
_FILE_SUFFIX = re.compile(r"(?:\.(?P<lang>[a-z]{2}))?(?:\.partial)?\.(?:md|txt|pdf|docx|json)$", re.IGNORECASE)


class SymbolNotFound(ResodiffError):
    """A symbol neither in the corpus nor fetched."""


def resolve(arg: str, *, language: str | None = None, corpus: str | Path | None = None, fetch: bool = False,
            confirm: Callable[[str], bool] | None = None, base_url: str | None = None) -> str:
    """The path of the file ``arg`` names: ``arg`` itself when it is a path that exists (or
    names no resolution); else the corpus's file for the symbol, fetched first if need be.

    ``language``: the text's language ("en", "fr", "es"); by default the only one the corpus
    holds the symbol in (English when fetching). ``corpus``: the corpus folder (default: the
    user's). ``confirm(question)``: asked before fetching when ``fetch`` is False.
    Raises SymbolNotFound (one line) when the symbol is neither found nor fetched.
    """
    if Path(arg).expanduser().exists():
        return arg
    symbol, language = _symbol_of(arg, language)
    if symbol is None:
        return arg
    folder = Path(corpus).expanduser() if corpus else default_folder()
    found = _in_corpus(folder, symbol, language, arg)
    if found is not None:
        return str(found)
    lang = language or "en"
    where = f"the corpus ({folder})"
    if fetch or (confirm is not None and confirm(f"{symbol} ({lang}) is not in {where}; fetch it from the "
                                                 f"UN document system?")):
        got = ods.fetch(symbol, lang, folder, base_url=base_url or ods.DEFAULT_BASE_URL)
        return str(got.path)
    raise SymbolNotFound(f"{arg}: no such file, and {symbol}{f' ({language})' if language else ''} is not in "
                         f"{where}; --fetch gets it from the UN document system")


def _symbol_of(arg: str, language: str | None) -> tuple[str | None, str | None]:
    """(symbol, language) ``arg`` names: "64/79", "A/RES/64/79", or a stored name
    "A_RES_64_79.en.md" (whose language tag counts when none is given)."""
    if symbol := symbols.resolution(arg):
        return symbol, language
    name = Path(arg).name
    if (m := _FILE_SUFFIX.search(name)) and (symbol := symbols.resolution(name[:m.start()])):
        return symbol, language or (m["lang"].lower() if m["lang"] else None)
    return None, language


def _in_corpus(folder: Path, symbol: str, language: str | None, arg: str) -> Path | None:
    """The corpus's file for ``symbol``: in ``language``, else the one language it is in. Of
    two files of one text (a PDF and its text export) the one read into more paragraphs."""
    if not folder.is_dir():
        return None
    with Library(folder, create=False) as lib:
        lib.refresh()
        docs = lib.documents(symbol=symbol, language=language)
    if not docs:
        return None
    languages = sorted({d.language for d in docs})
    if len(languages) > 1:
        raise SymbolNotFound(f"{arg}: {symbol} is in the corpus in {', '.join(languages)}; give --lang")
    return max(docs, key=lambda d: (d.paragraphs, str(d.path))).path
