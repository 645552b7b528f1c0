"""Bytes to text: the encodings resolutions arrive in, and refusing what is not text."""

from __future__ import annotations

import codecs

from resodiff.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Decode a text file: a BOM wins, then UTF-8, then cp1252, then Latin-1.

    Raises ReadError for empty or binary content, in words a user understands.
    """
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(f"{name}: the file claims {encoding} but is not valid {encoding}") from None
    if b"\x00" in data[:8192]:
        # UTF-16 without a BOM is rare for these documents; NUL bytes otherwise mean binary.
        raise ReadError(f"{name}: this is a binary file, not a text resolution")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, ...)
            text = data.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise ReadError(f"{name}: this is a binary file, not a text resolution")
    return text
