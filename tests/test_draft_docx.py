"""The draft as a Word document: read back by python-docx, and opened by LibreOffice where it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from resodiff.docx_write import comments_of, footnotes_of
from resodiff.draft import build
from resodiff.draft_render import render
from resodiff.languages import typeset
from resodiff.readers import read

from conftest import CORPUS, SEED, needs_shared


@pytest.fixture(scope="module")
def seed_draft():
    return build(read(SEED))


@pytest.fixture(scope="module")
def seed_docx(seed_draft):
    return render(seed_draft, "docx")


def _expected_paragraphs(draft) -> list[str]:
    """The body paragraphs as python-docx reads them: numbers are Word's, not text; labels are."""
    out = []

    def walk(p):
        label = f"{p.label}\t" if p.kind == "subparagraph" and p.label else ""
        out.append(label + typeset(p.text, draft.language))  # flags are comments, not text
        for s in p.subparagraphs:
            walk(s)

    for p in draft.paragraphs:
        walk(p)
    return out


def _body(document, draft) -> list:
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == draft.formula) + 1
    return paragraphs[start:start + len(_expected_paragraphs(draft))]


def test_docx_reads_back_the_same_paragraphs(seed_draft, seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Assemblée générale\tA/77/L.__"
    for line in ("Distr. limitée", "Soixante-dix-septième session", "Point __ de l'ordre du jour",
                 typeset(seed_draft.title, "fr")):
        assert line in texts
    assert [p.text for p in _body(document, seed_draft)] == _expected_paragraphs(seed_draft)


def test_docx_operative_paragraphs_are_numbered_by_word_with_italic_leads(seed_draft, seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    body = _body(document, seed_draft)
    preamble, operative = body[:len(seed_draft.preamble)], body[len(seed_draft.preamble):]
    num_ids = {p._p.pPr.numPr.numId.val for p in operative}
    assert len(num_ids) == 1 and all(p._p.pPr.numPr.ilvl.val == 0 for p in operative)
    assert all(p._p.pPr is None or p._p.pPr.numPr is None for p in preamble)
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_ids.pop())
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == num.abstractNumId.val.__str__())
    lvl = abstract.find(qn("w:lvl"))
    assert lvl.find(qn("w:lvlText")).get(qn("w:val")) == "%1." and lvl.find(qn("w:start")).get(qn("w:val")) == "1"
    for par, para in zip(body, seed_draft.paragraphs):
        first = par.runs[0]
        assert first.text == para.lead and first.italic, para.id


def test_docx_has_real_footnotes(seed_draft, seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    notes = footnotes_of(document)
    assert notes == {f.number: " " + typeset(f.text, "fr") for f in seed_draft.footnotes}
    assert notes["3"].endswith("73/259 et 75/15.")
    calls = [(p.text[:20], r.get(qn("w:id"))) for p in document.paragraphs
             for r in p._p.iter(qn("w:footnoteReference"))]
    assert [c[1] for c in calls] == [f.number for f in seed_draft.footnotes]
    # The call stands where the marker stood: PP1's after "Bangkok du 8 août 1967".
    pp1 = _body(document, seed_draft)[0]
    runs = pp1._p.findall(qn("w:r"))
    call = next(i for i, r in enumerate(runs) if r.find(qn("w:footnoteReference")) is not None)
    assert "".join(t.text for t in runs[call - 1].iter(qn("w:t"))).endswith("Bangkok du 8 août 1967")


def test_docx_flags_are_highlighted_and_commented(seed_draft, seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    comments = comments_of(document)
    flagged = [p for p in seed_draft.paragraphs if p.marker]  # the seed's flags are all at top level
    assert list(comments.values()) == [typeset(p.marker, "fr") for p in flagged]
    body = dict(zip([p.id for p in seed_draft.paragraphs], _body(document, seed_draft)))
    highlighted = [r.text for r in body["OP7"].runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert highlighted == ["15 novembre 2020", "onzième Sommet"]  # the marker is the comment, not text
    assert "ACTUALISER" not in body["OP7"].text
    # The comment spans the paragraph, its final punctuation included.
    start = body["OP7"]._p.find(qn("w:commentRangeStart"))
    assert start is not None and body["OP7"]._p.index(start) <= 1
    assert not any(r.font.highlight_color for r in body["OP6"].runs)


def test_docx_lists_flags_and_updates_at_the_end(seed_draft, seed_docx):
    texts = [p.text for p in docx.Document(io.BytesIO(seed_docx)).paragraphs]
    assert texts.index("Notes de rédaction (hors texte du projet)") < texts.index("Points à actualiser")
    tail = texts[texts.index("Points à actualiser"):]
    assert tail[1:1 + len(seed_draft.flagged)] == [typeset(f.line, "fr") for f in seed_draft.flagged]
    assert tail[-len(seed_draft.changes):] == [typeset(c.line, "fr") for c in seed_draft.changes]


@needs_shared
def test_docx_of_an_english_resolution_with_subparagraphs():
    draft = build(read(CORPUS / "ga-80" / "A_RES_80_12.md"))
    document = docx.Document(io.BytesIO(render(draft, "docx")))
    assert [p.text for p in _body(document, draft)] == _expected_paragraphs(draft)
    assert any(p.text.startswith("(c)\tTo continue consultations") for p in document.paragraphs)
    assert footnotes_of(document)["5"] == " A/83/___."


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or poppler's pdftotext is not installed")
def test_libreoffice_opens_the_docx(seed_docx, tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(seed_docx)
    profile = tmp_path / "lo-profile"  # a profile of its own: another soffice may be running
    proc = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60).stdout
    assert "Soixante-dix-septième session" in text
    assert "73/259 et 75/15" in text  # footnote 3, at the foot of the page
    assert "soixante-dix-neuvième session" in text
