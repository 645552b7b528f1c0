"""Readers: every input format ends in the same ``Resolution``.

``read(path)`` looks at the bytes, not the file name, to choose a reader, so a file with the
wrong extension is still read or refused for what it is. The Word and PDF readers turn their
document into the structured text of the UN text export and hand it to ``parse_text``: there
is one parser.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from resodiff.errors import ReadError
from resodiff.model import Resolution
from resodiff.readers.decode import decode
from resodiff.readers.text import parse_text

MAX_BYTES = 50 * 1024 * 1024  # the longest resolution is a few hundred kB

# What the first bytes say a file is. Order matters: the first match wins.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_KINDS = (
    ("pdf", "a PDF"),
    ("docx", "a Word (.docx) document"),
    ("ole", "an old Word (.doc) or password-protected Office file"),
    ("rtf", "an RTF document"),
    ("html", "a web page (HTML)"),
    ("text", "a text file"),
)
_EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".doc": "ole", ".rtf": "rtf",
               ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}


def read(path: str | Path, *, language: str | None = None, as_original: bool = False) -> Resolution:
    """Read a resolution file of any supported format. Raises ReadError with a one-line reason.

    ``as_original``: for a Word file with tracked changes, the text before the changes
    (the default is the text with every change accepted).
    """
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
    return read_bytes(data, name, source=path.name, language=language, as_original=as_original)


def read_bytes(data: bytes, name: str, *, source: str | None = None, language: str | None = None,
               as_original: bool = False) -> Resolution:
    """Read a resolution from the bytes of a file; ``name`` is what error messages call it."""
    source = source or Path(name).name
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: {len(data) // (1024 * 1024)} MB is too large for a resolution")
    kind = sniff(data)
    claimed = _EXTENSIONS.get(Path(name).suffix.lower())
    if claimed in ("pdf", "docx") and kind != claimed and kind in ("html", "text", "rtf"):
        # A download that went wrong, or a renamed file: say what it really is.
        expected = "a PDF" if claimed == "pdf" else "a Word document"
        raise ReadError(f"{name}: not {expected}: the file is {_describe(kind)}")
    if kind == "pdf":
        from resodiff.readers.pdf import pdf_to_text

        text, notes = pdf_to_text(data, name)
        res = _parse(text, source, language, "pdf", notes)
    elif kind == "docx":
        from resodiff.readers.docx import annotate, read_docx

        text, notes, annotated = read_docx(data, name, as_original=as_original)
        res = annotate(_parse(text, source, language, "docx", notes), annotated)
    elif kind == "ole":
        raise ReadError(f"{name}: an old Word (.doc) or a password-protected Office file; "
                        "open it in Word and save it as .docx without a password")
    elif kind == "rtf":
        raise ReadError(f"{name}: an RTF document; open it in Word and save it as .docx")
    elif kind == "html":
        raise ReadError(f"{name}: a web page (HTML), not a resolution (an error page saved in its place?)")
    else:
        res = parse_text(decode(data, name), source=source, language=language)
    if claimed and claimed != kind and claimed != "text":
        res = dataclasses.replace(res, notes=res.notes + (f"named {Path(name).suffix} but is {_describe(kind)}",))
    return res


def sniff(data: bytes) -> str:
    """What the bytes are: "pdf", "docx" (any zip), "ole", "rtf", "html" or "text"."""
    head = data[:1024].lstrip(b"\x00\t\r\n \xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (lowered.startswith(b"<?xml") and b"<html" in lowered):
        return "html"
    return "text"


def _describe(kind: str) -> str:
    return dict(_KINDS)[kind]


def _parse(text: str, source: str, language: str | None, fmt: str, notes: list[str]) -> Resolution:
    res = parse_text(text, source=source, language=language)
    return dataclasses.replace(res, source_format=fmt, notes=res.notes + tuple(notes))
