"""PDF files laid out like the UN's: running headers and footers, footnotes at the foot of the
page in smaller type, paragraphs across pages, words split at line ends; and bad PDFs.

Every PDF here is made by the tests: typeset with reportlab from the seed's text
(``seed_docs.write_pdf``), or printed by LibreOffice from the seed's Word file where it is
installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from resodiff.cli import main
from resodiff.readers import read
from resodiff.readers.pdf import pdf_to_text

from conftest import SEED
from seed_docs import differences, seed_document, write_docx, write_pdf

soffice = shutil.which("soffice") or shutil.which("libreoffice")
pdftotext = shutil.which("pdftotext")


@pytest.fixture(scope="module")
def seed():
    return read(SEED)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    return write_pdf(seed_document(), tmp_path_factory.mktemp("pdf") / "A_RES_75_15.fr.pdf")


def test_pdf_has_the_noise_of_a_un_pdf(seed_pdf):
    """The test PDF must carry what the reader has to survive, or the next test proves nothing."""
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
        sizes = {round(c["size"]) for p in pdf.pages for c in p.chars}
    assert len(pages) >= 4
    assert all("A/RES/75/15" in p for p in pages)  # running header
    assert "20-15618 (F)" in pages[0] and "2/" in pages[1] and "20-15618" in pages[1]  # job number, page
    assert {6, 8, 10} <= sizes  # raised marks, footnotes, body
    ends = [line for p in pages for line in p.splitlines() if line.endswith("-")]
    assert len(ends) >= 5  # words split at line ends
    # paragraphs run over page breaks: a page's first line after its running header goes on in lower case
    assert sum(p.splitlines()[1][:1].islower() for p in pages[1:]) >= 2


def test_pdf_parses_like_the_seed(seed, seed_pdf):
    res = read(seed_pdf)
    assert (len(res.preamble), len(res.operative), len(res.footnotes)) == (18, 28, 10)
    assert differences(seed, res) == []
    assert res.source_format == "pdf"


def test_pdf_text_keeps_italic_leads_and_raised_marks(seed_pdf):
    text, _ = pdf_to_text(seed_pdf.read_bytes(), seed_pdf.name)
    assert "\n\n*Rappelant* les buts et objectifs" in text
    assert "\n\n18. *Accueille avec satisfaction* les dispositions" in text
    assert "Bangkok du 8 août 1967¹, en particulier" in text
    assert "\n\n³ Résolutions 57/35, 59/5" in text
    assert "20-15618" not in text and "2/5" not in text


@pytest.mark.skipif(soffice is None, reason="LibreOffice is not installed: no PDF printed from the Word file")
def test_pdf_printed_by_libreoffice_parses_like_the_seed(seed, tmp_path):
    docx = write_docx(seed_document(), tmp_path / "A_RES_75_15.fr.docx")
    proc = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "out"),
                           str(docx)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "out" / "A_RES_75_15.fr.pdf"
    assert pdf.exists(), proc.stderr
    assert differences(seed, read(pdf)) == []


# ---- hyphens at line ends --------------------------------------------------------------------


def _lines_pdf(path, lines):
    """One paragraph broken where the test says, justified like the UN's."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    y = 700
    for k, line in enumerate(lines):
        c.setFont("Times-Roman", 10)
        c.drawString(72 + (36 if k == 0 else 0), y, line)
        y -= 12
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("first, second, joined", [
    ("la non-", "prolifération nucléaire,", "la non-prolifération nucléaire,"),
    ("de l'Asie du Sud-", "Est, et le Pacifique,", "de l'Asie du Sud-Est, et le Pacifique,"),
    ("du dévelop-", "pement durable,", "du développement durable,"),
    ("à sa soixante-", "dix-septième session,", "à sa soixante-dix-septième session,"),
    ("pour la période (2016-", "2020),", "pour la période (2016-2020),"),
    ("les niveaux sous-", "régionaux et régionaux,", "les niveaux sous-régionaux et régionaux,"),
    ("un appui pré-", "et postnatal,", "un appui pré- et postnatal,"),
    ("le suivi (follow-", "up) de la réunion,", "le suivi (follow-up) de la réunion,"),
    ("the decision-", "making process,", "the decision-making process,"),
    ("une coopération intersecto-", "rielle renforcée,", "une coopération intersectorielle renforcée,"),
])
def test_line_end_hyphens(tmp_path, first, second, joined):
    """A word split by hyphenation is made whole; a word with its own hyphen keeps it."""
    pdf = _lines_pdf(tmp_path / "p.pdf", ["Rappelant " + first, second])
    text, _ = pdf_to_text(pdf.read_bytes(), "p.pdf")
    assert text.strip() == "Rappelant " + joined


def test_hyphen_decided_by_the_rest_of_the_document(tmp_path):
    """"Plan-cadre" printed whole elsewhere keeps its hyphen; "renforcement" elsewhere loses it."""
    pdf = _lines_pdf(tmp_path / "p.pdf", [
        "Rappelant le Plan-cadre et le renforcement des capacités, le Plan-",
        "cadre de connexion et le renfor-",
        "cement de la coopération,",
    ])
    text, _ = pdf_to_text(pdf.read_bytes(), "p.pdf")
    assert text.strip().endswith("le Plan-cadre de connexion et le renforcement de la coopération,")


# ---- bad PDFs ----------------------------------------------------------------------------------


def _encrypted(path):
    return write_pdf(seed_document(), path, encrypt="s3cret")


def _cut(path):
    data = write_pdf(seed_document(), path).read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _garbage(path):
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return path


def _image_only(path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    return path


def _html(path):
    path.write_text("<!DOCTYPE html>\n<html><head><title>Error</title></head><body>Document not found</body></html>")
    return path


@pytest.mark.parametrize("name, make, expected", [
    ("locked.pdf", _encrypted, "encrypted"),
    ("cut.pdf", _cut, "incomplete"),
    ("garbage.pdf", _garbage, "damaged PDF"),
    ("scan.pdf", _image_only, "no text layer"),
    ("A_RES_75_15.fr.pdf", _html, "not a PDF: the file is a web page"),
])
def test_bad_pdfs_one_line_exit_2_nothing_written(tmp_path, name, make, expected):
    path = make(tmp_path / name)
    before = sorted(tmp_path.iterdir())
    proc = subprocess.run([sys.executable, "-m", "resodiff.cli", "parse", str(path)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0], proc.stderr
    assert expected.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in proc.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_pdf_encrypted_without_an_opening_password_is_read(seed, tmp_path):
    """Permissions-only encryption: every viewer opens it without asking, and so does resodiff."""
    res = read(write_pdf(seed_document(), tmp_path / "perm.pdf", owner_only=True))
    assert differences(seed, res) == []


def test_wrong_extension_is_read_for_what_it_is(seed, seed_pdf, tmp_path, capsys):
    renamed = tmp_path / "A_RES_75_15.fr.docx"
    renamed.write_bytes(seed_pdf.read_bytes())
    assert main(["parse", str(renamed)]) == 0
    out = capsys.readouterr().out
    assert "counts:   18 preambular, 28 operative, 10 footnotes" in out
    assert "note:     named .docx but is a PDF" in out


@pytest.mark.skipif(pdftotext is None, reason="poppler's pdftotext is not installed")
def test_pdftotext_of_the_same_pdf_still_parses(seed, seed_pdf, tmp_path):
    """The text route users take today (pdftotext) and the PDF reader agree on the structure."""
    out = tmp_path / "seed.txt"
    subprocess.run([pdftotext, str(seed_pdf), str(out)], check=True)
    res = read(out)
    assert (len(res.preamble), len(res.operative)) == (18, 28)
