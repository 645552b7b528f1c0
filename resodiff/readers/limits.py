"""What one PDF may cost to read: a budget of time, memory and work, checked while reading.

A small PDF can ask for gigabytes and hours: one stream that inflates to a gigabyte, a content
stream of millions of operators, a page of a million glyphs, forms that draw forms. The limits
here are far above any resolution (the longest are a few hundred thousand characters over a
few dozen pages) and each is checked *while* the work is done, by hooks in pdfminer (the
library under pdfplumber): inflating stops at the limit instead of after it; parsing counts
objects; layout counts characters; every few hundred steps the clock and the process's
memory are looked at. A budget overrun raises ``LimitError`` naming the limit.

The hooks do nothing outside ``budget()``, so pdfminer used elsewhere is not affected, and
the budget is per thread.
"""

from __future__ import annotations

import os
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from resodiff.errors import ReadError

MB = 1024 * 1024
MAX_PAGES = 300  # the longest resolutions run to a few dozen pages
MAX_STREAM = 16 * MB  # one stream, inflated (a dense page's content is well under 1 MB)
MAX_INFLATED = 128 * MB  # every stream of the file together
MAX_PAGE_CHARS = 50_000  # a page of 8-point type holds about 8,000
MAX_CHARS = 3_000_000
MAX_PAGE_OBJECTS = 200_000  # numbers, names, operators parsed for one page
MAX_PAGE_FORMS = 2_000  # forms (XObjects) drawn on one page: a logo, a rule, a signature
MAX_SECONDS = 30.0
MAX_MEMORY = 384 * MB  # growth of the process while reading one file


class LimitError(ReadError):
    """A file that would cost more than its budget to read."""


class Budget:
    def __init__(self, name: str, seconds: float, memory: int) -> None:
        self.name = name
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.memory = memory
        self.rss_start = _rss()
        self.inflated = 0
        self.chars = 0
        self.page_chars = 0
        self.page_objects = 0
        self.page_forms = 0
        self.steps = 0
        self.exceeded: LimitError | None = None

    def refuse(self, why: str) -> None:
        self.exceeded = self.exceeded or LimitError(f"{self.name}: refused: {why} (a PDF bomb?)")
        raise self.exceeded

    def new_page(self) -> None:
        self.page_chars = self.page_objects = self.page_forms = 0

    def step(self) -> None:
        if self.exceeded is not None:  # once over, always over: a swallowed error comes back
            raise self.exceeded
        self.steps += 1
        if self.steps & 0xFF == 0:
            if time.monotonic() > self.deadline:
                self.refuse(f"reading it takes more than {self.seconds:g} s")
            if self.steps & 0x1FFF == 0 and _rss() - self.rss_start > self.memory:
                self.refuse(f"reading it needs more than {self.memory // MB} MB of memory")

    def object(self) -> None:
        self.page_objects += 1
        if self.page_objects > MAX_PAGE_OBJECTS:
            self.refuse(f"a page of more than {MAX_PAGE_OBJECTS:,} drawing operations")
        self.step()

    def form(self) -> None:
        self.page_forms += 1
        if self.page_forms > MAX_PAGE_FORMS:
            self.refuse(f"a page that draws more than {MAX_PAGE_FORMS:,} forms")
        self.step()

    def char(self) -> None:
        self.chars += 1
        self.page_chars += 1
        if self.page_chars > MAX_PAGE_CHARS:
            self.refuse(f"a page of more than {MAX_PAGE_CHARS:,} characters")
        if self.chars > MAX_CHARS:
            self.refuse(f"more than {MAX_CHARS:,} characters of text")
        self.step()

    def grow(self, n: int) -> None:
        self.inflated += n
        if self.inflated > MAX_INFLATED:
            self.refuse(f"its streams inflate to more than {MAX_INFLATED // MB} MB")


_local = threading.local()


def current() -> Budget | None:
    return getattr(_local, "budget", None)


@contextmanager
def budget(name: str, *, seconds: float | None = None, memory: int | None = None) -> Iterator[Budget]:
    """Read one PDF within a budget (the defaults are the module's limits)."""
    _install()
    b = Budget(name, MAX_SECONDS if seconds is None else seconds, MAX_MEMORY if memory is None else memory)
    _local.budget = b
    try:
        yield b
        if b.exceeded is not None:  # pdfminer swallowed it somewhere: it still counts
            raise b.exceeded
    finally:
        _local.budget = None


def inflate(data: bytes, budget_: Budget | None = None) -> bytes:
    """zlib-inflate ``data``, stopping at ``MAX_STREAM`` bytes (and at the file's budget)."""
    b = budget_ or current()
    if b is None:
        return zlib.decompress(data)
    room = min(MAX_STREAM, MAX_INFLATED - b.inflated)
    d = zlib.decompressobj()
    out = d.decompress(data, room + 1)
    if len(out) > room:
        if room < MAX_STREAM:
            b.grow(len(out))
        b.refuse(f"a stream that inflates to more than {MAX_STREAM // MB} MB")
    if not d.eof:  # as zlib.decompress does: pdfminer then tries its repair
        raise zlib.error("incomplete or truncated stream")
    b.grow(len(out))
    return out


# ---- hooks in pdfminer -------------------------------------------------------------------------

_installed = False
_lock = threading.Lock()


def _install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        from pdfminer import converter, pdfinterp, pdftypes, psparser

        # pdfminer's zlib, with decompress bounded (its one inflating call)
        pdftypes.zlib = SimpleNamespace(decompress=inflate, decompressobj=zlib.decompressobj,  # type: ignore[assignment]
                                        error=zlib.error)
        corrupted = pdftypes.decompress_corrupted

        def decompress_corrupted(data: bytes) -> bytes:
            b = current()
            if b is not None and len(data) * 1032 > MAX_STREAM:  # deflate's best ratio is 1032:1
                out = zlib.decompressobj().decompress(data, MAX_STREAM + 1)
                if len(out) > MAX_STREAM:
                    b.refuse(f"a stream that inflates to more than {MAX_STREAM // MB} MB")
            return corrupted(data)

        pdftypes.decompress_corrupted = decompress_corrupted

        decode = pdftypes.PDFStream.decode

        def counted_decode(self) -> None:
            decode(self)
            b = current()
            if b is not None and self.data is not None and len(self.data) > MAX_STREAM:
                b.refuse(f"a stream that decodes to more than {MAX_STREAM // MB} MB")

        pdftypes.PDFStream.decode = counted_decode  # type: ignore[method-assign]

        nextobject = psparser.PSStackParser.nextobject

        def counted_nextobject(self):
            b = current()
            if b is not None:
                b.object()
            return nextobject(self)

        psparser.PSStackParser.nextobject = counted_nextobject  # type: ignore[method-assign]

        render_char = converter.PDFLayoutAnalyzer.render_char

        def counted_render_char(self, *args, **kwargs):
            b = current()
            if b is not None:
                b.char()
            return render_char(self, *args, **kwargs)

        converter.PDFLayoutAnalyzer.render_char = counted_render_char  # type: ignore[method-assign]

        do_Do = pdfinterp.PDFPageInterpreter.do_Do

        def counted_do_Do(self, xobjid_arg):  # pdfminer counts the parameters: no *args here
            b = current()
            if b is not None:
                b.form()
            return do_Do(self, xobjid_arg)

        pdfinterp.PDFPageInterpreter.do_Do = counted_do_Do  # type: ignore[method-assign]
        _installed = True


def _rss() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024
