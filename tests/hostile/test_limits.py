"""The PDF budget's time and memory limits, and the limits that a real resolution stays far
below: checked in-process on the seed typeset as a PDF, with the budget made tiny."""

from __future__ import annotations

import contextlib

import pytest
from seed_docs import seed_document, write_pdf

from resodiff.readers import limits
from resodiff.readers.pdf import pdf_to_text


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    return write_pdf(seed_document(), tmp_path_factory.mktemp("pdf") / "seed.pdf").read_bytes()


def test_the_seed_reads_within_every_limit(seed_pdf):
    with limits.budget("seed.pdf") as budget:
        pass
    text, _ = pdf_to_text(seed_pdf, "seed.pdf")
    assert "Assemblée générale" in text
    assert budget.exceeded is None


@pytest.mark.parametrize("kind, words", [("seconds", "takes more than 0 s"), ("memory", "MB of memory")])
def test_time_and_memory_budget(seed_pdf, monkeypatch, kind, words):
    monkeypatch.setattr(limits, "MAX_SECONDS" if kind == "seconds" else "MAX_MEMORY", 0 if kind == "seconds" else -1)
    with pytest.raises(limits.LimitError, match=words):
        pdf_to_text(seed_pdf, "seed.pdf")


def test_limits_are_far_above_a_resolution(seed_pdf, monkeypatch):
    """Each page-level limit at a tenth of its value still reads the seed: headroom is real."""
    for name in ("MAX_PAGE_OBJECTS", "MAX_PAGE_CHARS", "MAX_PAGE_FORMS"):
        monkeypatch.setattr(limits, name, getattr(limits, name) // 10)
    text, _ = pdf_to_text(seed_pdf, "seed.pdf")
    assert "Assemblée générale" in text


def test_inflate_stops_at_the_limit():
    import zlib

    bomb = zlib.compress(bytes(limits.MAX_STREAM + 1024))
    # Once over, the budget stays over: leaving it raises again what a caller may have swallowed.
    with (pytest.raises(limits.LimitError, match="inflates to more than 16 MB"), limits.budget("x.pdf") as budget,
          contextlib.suppress(limits.LimitError)):
        limits.inflate(bomb, budget)
    assert limits.inflate(zlib.compress(b"abc")) == b"abc"  # outside a budget: plain zlib


def test_a_word_file_is_read_within_the_time_budget(tmp_path, monkeypatch, capsys):
    """Word files have the PDF's clock too (sizes are checked part by part already): with the
    budget at 0 s the seed's Word copy is refused in one line, exit 2; at the default it reads."""
    from seed_docs import write_docx

    from resodiff.cli import main

    path = write_docx(seed_document(), tmp_path / "seed.docx")
    assert main(["parse", str(path)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(limits, "MAX_SECONDS", 0)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {path}: refused: reading it takes more than 0 s (a Word bomb?)\n"
