"""Readers: every input format ends in the same ``Resolution``.

``read(path)`` looks at the bytes, not the file name, to choose a reader, so a file with the
wrong extension is still read or refused for what it is. The Word and PDF readers turn their
document into the structured text of the UN text export and hand it to ``parse_text``: there
is one parser.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
import warnings
from pathlib import Path

from resodiff.errors import ReadError, ReadWarning
from resodiff.model import Resolution
from resodiff.readers.decode import decode_noting
from resodiff.readers.text import parse_text

MAX_BYTES = 50 * 1024 * 1024  # the longest resolution is a few hundred kB; `--max-size` changes it
_CHUNK = 1024 * 1024
_NOT_FILES = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
              (stat.S_ISSOCK, "a socket"))

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
    data = read_file(path)
    return read_bytes(data, str(path), source=path.name, language=language, as_original=as_original)


def read_file(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (default ``MAX_BYTES``).

    The size is checked while reading, never taken from ``st_size`` (0 for a pipe or device,
    and a file can grow): a FIFO, a device or a socket is refused before it is read, and
    opening never waits for a writer. Raises ReadError in one line.
    """
    path = Path(path)
    name = str(path)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        st = os.stat(path)
        _refuse_special(st, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except ReadError:
        raise
    except FileNotFoundError:
        why = "a symlink to a missing file" if path.is_symlink() else "no such file"
        raise ReadError(f"{name}: {why}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(f"{name}: a symlink loop, not a file") from None
        raise ReadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        _refuse_special(os.fstat(fd), name)  # what was opened, in case the name changed meanwhile
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ReadError(f"{name}: larger than {_size(limit)}, too large for a resolution"
                                " (--max-size changes the limit)")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _refuse_special(st: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{name}: is a folder, not a resolution file")
    for test, kind in _NOT_FILES:
        if test(st.st_mode):
            raise ReadError(f"{name}: is {kind}, not a file; resodiff reads only regular files")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def parse_size(text: str) -> int:
    """"50M", "800k", "2G" or a number of bytes -> bytes; ValueError for anything else."""
    t = text.strip().upper().removesuffix("B")
    factor = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}.get(t[-1:], 1)
    number = float(t[:-1] if factor > 1 else t)
    if number <= 0:
        raise ValueError(text)
    return int(number * factor)


def read_bytes(data: bytes, name: str, *, source: str | None = None, language: str | None = None,
               as_original: bool = False) -> Resolution:
    """Read a resolution from the bytes of a file; ``name`` is what error messages call it."""
    source = source or Path(name).name
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: larger than {_size(MAX_BYTES)}, too large for a resolution"
                        " (--max-size changes the limit)")
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
        text, problem = decode_noting(data, name)
        res = parse_text(text, source=source, language=language)
        if problem:
            warnings.warn(ReadWarning(problem), stacklevel=2)
            res = dataclasses.replace(res, notes=res.notes + (problem,))
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
