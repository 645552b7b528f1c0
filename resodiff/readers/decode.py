"""Bytes to text: the encodings resolutions arrive in, and refusing what is not text."""

from __future__ import annotations

import codecs
import re
import threading

from resodiff.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters but tab, line feed, form feed and carriage return: many mean a binary file.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes, name: str) -> str:
    """Decode a text file (see ``decode_noting``); what it noticed is not returned."""
    return decode_noting(data, name)[0]


def decode_noting(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode a text file: a BOM wins, then UTF-8, then cp1252, then Latin-1.

    A file that is UTF-8 but for a few bytes stays UTF-8: those bytes become U+FFFD and the
    second value says where they were (a whole file re-read as cp1252 would garble every
    accented letter). Raises ReadError for empty or binary content, in words a user understands.
    """
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise ReadError(f"{name}: the file claims {encoding} but is not valid {encoding}") from None
    if b"\x00" in data[:8192]:
        # UTF-16 without a BOM is rare for these documents; NUL bytes otherwise mean binary.
        raise ReadError(f"{name}: this is a binary file, not a text resolution")
    problem = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, bad = _utf8_replacing(data)
        # Letters beyond ASCII that decoded well: in a cp1252 file there are next to none.
        good = sum(1 for ch in text if ord(ch) > 0x7F) - len(bad)
        if good >= len(bad):
            more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
            problem = (f"{name}: not valid UTF-8 at byte {bad[0]:,}{more}; read as UTF-8 with "
                       "\ufffd in place of the bad bytes")
        else:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, ...)
                text = data.decode("latin-1")
    head = text[:8192]
    if len(_CONTROLS.findall(head)) > max(8, len(head) // 100):
        raise ReadError(f"{name}: this is a binary file, not a text resolution")
    return text, problem


def _utf8_replacing(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with U+FFFD for each bad sequence, and the byte offsets of those sequences."""
    _found.bad = []
    try:
        return data.decode("utf-8", "resodiff-record"), _found.bad
    finally:
        _found.bad = []


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _found.bad.append(exc.start)
    return "\ufffd", exc.end


_found = threading.local()
codecs.register_error("resodiff-record", _record)
