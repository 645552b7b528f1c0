"""The reports in the programs reviewers use: the DOCX opened by LibreOffice (headless), the
HTML by Chromium (headless). Each test skips, saying why, when its program is not installed."""

from __future__ import annotations

import shutil
import struct
import subprocess
from datetime import datetime, UTC

import pdfplumber
import re

import pytest

from resodiff.readers import read
from resodiff.reports import make, render
from resodiff.reports.docx import STYLES

from conftest import SEED
from docx_revisions import resolve
from edited_seed import edited_seed_text
from test_reports import check_accept_and_reject

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    edited = tmp_path_factory.mktemp("edited") / "A_RES_77_12_edited.fr.md"
    edited.write_text(edited_seed_text(), encoding="utf-8")
    return read(SEED), read(edited)


def _soffice(tmp_path, *args: str) -> None:
    # A profile of its own: another LibreOffice running on the machine must not get the job.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", *args],
                   check=True, capture_output=True, timeout=240, cwd=tmp_path)


@needs_soffice
def test_libreoffice_opens_the_docx_and_prints_it(texts, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(make(*texts), "docx", date=DATE))
    _soffice(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(path))
    with pdfplumber.open(tmp_path / "pdf" / "seed.pdf") as pdf:
        assert len(pdf.pages) >= 4
        assert all(abs(p.width - A4_POINTS[0]) < 2 and abs(p.height - A4_POINTS[1]) < 2 for p in pdf.pages)
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    flat = " ".join(text.split())
    # Shown with its changes: the insertion and the deletion both print.
    assert "Encourage vivement le système" in flat
    assert "soixante-dix-septième" in flat and "soixante-dix-neuvième" in flat
    assert "Coopération entre l'Organisation des Nations Unies" in flat


@needs_soffice
def test_libreoffice_keeps_every_tracked_change(texts, tmp_path):
    """LibreOffice reads the revisions and writes them back as its own .docx: accepting or
    rejecting all of them there still gives the new and the old text, footnotes included."""
    path = tmp_path / "seed.docx"
    path.write_bytes(render(make(*texts), "docx", date=DATE))
    _soffice(tmp_path, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo"), str(path))
    saved = tmp_path / "lo" / "seed.docx"
    check_accept_and_reject(saved, *texts)
    paragraphs, _ = resolve(saved, "accept")
    assert sum(style in STYLES.values() for style, _ in paragraphs) == len(texts[1].paragraphs)


def _chromium(tmp_path, *args: str) -> None:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
                   check=True, capture_output=True, timeout=240, cwd=tmp_path)


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_chromium
@pytest.mark.parametrize("layout", ["inline", "side-by-side"])
def test_chromium_renders_the_html_and_prints_it_on_a4(texts, tmp_path, layout):
    page = tmp_path / "report.html"
    page.write_bytes(render(make(*texts), "html", layout=layout))
    png = tmp_path / "report.png"
    _chromium(tmp_path, "--window-size=1100,1600", f"--screenshot={png}", page.as_uri())
    assert _png_size(png) == (1100, 1600)
    assert png.stat().st_size > 50_000  # a page of text, not a blank one
    pdf_path = tmp_path / "report.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", page.as_uri())
    with pdfplumber.open(pdf_path) as pdf:
        assert all(abs(p.width - A4_POINTS[0]) < 2 and abs(p.height - A4_POINTS[1]) < 2 for p in pdf.pages)
        assert len(pdf.pages) >= 3
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    # (Words of the text itself may be hyphenated at line ends and the margin's words interleaved
    # with them in the extraction: look for what stands on lines of its own.)
    assert "Verbes d'introduction modifiés" in text and "Références mises à jour" in text and "A/77/236" in text
    assert bool(re.search(r"OP9 déplacé d'ici\s: désormais OP13", text)) == (layout == "inline")
