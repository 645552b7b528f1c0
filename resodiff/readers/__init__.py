"""Readers: every input format ends in the same ``Resolution``.

``read(path)`` looks at the bytes, not the file name, to choose a reader, so a file with the
wrong extension is still read or refused for what it is.
"""

from __future__ import annotations

from pathlib import Path

from resodiff.errors import ReadError
from resodiff.model import Resolution
from resodiff.readers.decode import decode
from resodiff.readers.text import parse_text

MAX_BYTES = 50 * 1024 * 1024  # the longest resolution is a few hundred kB


def read(path: str | Path, *, language: str | None = None) -> Resolution:
    """Read a resolution file of any supported format. Raises ReadError with a one-line reason."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise ReadError(f"{name}: no such file")
    if path.is_dir():
        raise ReadError(f"{name}: is a folder, not a resolution file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{name}: {size // (1024 * 1024)} MB is too large for a resolution")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if data.startswith(b"%PDF"):
        raise ReadError(f"{name}: PDF files are not readable yet; export the text (pdftotext) and read that")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(f"{name}: Word and other zip-based files are not readable yet; save as plain text")
    text = decode(data, name)
    return parse_text(text, source=path.name, language=language)
