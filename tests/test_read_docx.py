"""Word files: automatic numbering, italic leads, real footnotes, tracked changes, bad packages.

Every document here is written by the tests (``seed_docs``), from the seed's own text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace

import pytest

from resodiff.cli import main
from resodiff.errors import ReadError
from resodiff.readers import read

from conftest import SEED
from contracts import conforms
from seed_docs import Block, Run, differences, docx_parts, seed_document, write_docx, write_package

soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def seed():
    return read(SEED)


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    return write_docx(seed_document(), tmp_path_factory.mktemp("docx") / "A_RES_75_15.fr.docx")


def test_package_is_what_word_writes(seed_docx):
    """The test file uses Word's machinery, not typed text: numPr numbering, footnotes part."""
    with zipfile.ZipFile(seed_docx) as zf:
        document = zf.read("word/document.xml").decode()
        assert "<w:numPr>" in document and "w:footnoteReference" in document
        assert "1. " not in document and "¹" not in document  # numbers and marks are Word's to print
        assert zf.read("word/footnotes.xml").count(b"<w:footnote ") == 12  # 10 + the two separators


def test_seed_docx_parses_like_the_seed(seed, seed_docx):
    res = read(seed_docx)
    assert (len(res.preamble), len(res.operative), len(res.footnotes)) == (18, 28, 10)
    assert differences(seed, res) == []
    assert res.source_format == "docx" and res.notes == ()
    # the leads come from the italic runs, multi-word ones included
    assert res.paragraph("OP18").lead == "Accueille avec satisfaction"
    assert res.paragraph("OP22").lead == "Prend note avec satisfaction"


@pytest.mark.skipif(soffice is None, reason="LibreOffice is not installed: its own .docx writer is not tried")
def test_docx_rewritten_by_libreoffice_parses_like_the_seed(seed, seed_docx, tmp_path):
    """LibreOffice writes its own numbering.xml, styles and footnotes: the reader must not care."""
    proc = subprocess.run([soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                           str(tmp_path), str(seed_docx)], capture_output=True, text=True, timeout=300)
    out = tmp_path / seed_docx.name
    assert out.exists(), proc.stderr
    assert differences(seed, read(out)) == []


# ---- tracked changes ---------------------------------------------------------------------


def _tracked(doc):
    """The seed with a drafter's tracked changes: a PP deleted, a word deleted, a lead changed,
    an OP inserted before the last one, a footnote inserted, and a comment."""
    doc = doc.copy()
    blocks = doc.blocks
    pps = [b for b in blocks if b.kind == "pp"]
    ops = {b.number: b for b in blocks if b.kind == "op"}
    pps[2].runs = [replace(r, change="del") for r in pps[2].runs]
    pps[2].mark = "del"
    op2 = ops[2]
    text = op2.runs[-1].text
    cut = text.index("encore ")
    op2.runs[-1:] = [Run(text[:cut]), Run("encore ", change="del"), Run(text[cut + len("encore "):])]
    op5 = ops[5]
    assert op5.runs[0].text == "Se félicite"
    rest = op5.runs[1].text
    at = rest.index(" en Thaïlande") + len(" en Thaïlande")
    op5.runs[1:] = [Run(" vivement", italic=True, change="ins"), Run(rest[:at]), Run(fn="11", change="ins"),
                    Run(rest[at:])]
    doc.footnotes["11"] = [Run("Voir "), Run("A/75/345", italic=True), Run(".")]
    ops[1].comment = "Check the name of the initiative with the ASEAN secretariat."
    new = Block("op", [Run("Décide", italic=True, change="ins"),
                       Run(" de rester saisie de la question ;", change="ins")], mark="ins")
    blocks.insert(blocks.index(ops[28]), new)
    return doc


@pytest.fixture(scope="module")
def tracked_docx(tmp_path_factory):
    return write_docx(_tracked(seed_document()), tmp_path_factory.mktemp("tracked") / "draft_rev1.docx")


def test_tracked_changes_read_as_original_are_the_seed(seed, tracked_docx):
    res = read(tracked_docx, as_original=True)
    assert differences(seed, res) == []
    assert any("tracked changes" in n and "original" in n for n in res.notes)


def test_tracked_changes_read_as_accepted(seed, tracked_docx):
    res = read(tracked_docx)
    assert (len(res.preamble), len(res.operative), len(res.footnotes)) == (17, 29, 11)
    # PP3 is gone: the others move up
    assert [p.text for p in res.preamble] == [p.text for p in seed.preamble if p.id != "PP3"]
    assert res.paragraph("OP2").text == seed.paragraph("OP2").text.replace("encore ", "", 1)
    op5 = res.paragraph("OP5")
    assert op5.lead == "Se félicite vivement" and op5.text.startswith("Se félicite vivement de l'ouverture")
    # the inserted footnote takes number 8 (Word numbers in reading order); the later ones move on
    assert op5.footnotes == ("8",) and res.footnote("8") == "Voir A/75/345."
    assert [res.paragraph(f"OP{n}").footnotes for n in (10, 13, 14)] == [("9",), ("10",), ("11",)]
    assert res.footnote("11") == seed.footnote("10")
    # automatic numbering renumbers: the inserted paragraph is 28, the old 28 is 29
    assert res.paragraph("OP28").text == "Décide de rester saisie de la question ;"
    assert res.paragraph("OP29").text == seed.paragraph("OP28").text
    # the comment is not text
    assert "ASEAN secretariat" not in res.paragraph("OP1").text
    assert any(n.startswith("tracked changes: ") and "accepted" in n for n in res.notes)
    assert "1 comment kept apart from the text" in res.notes


def test_parse_says_the_file_had_tracked_changes(tracked_docx, capsys):
    assert main(["parse", str(tracked_docx)]) == 0
    out = capsys.readouterr().out
    assert "note:     tracked changes: " in out and "accepted" in out
    assert "counts:   17 preambular, 29 operative, 11 footnotes" in out
    assert main(["parse", str(tracked_docx), "--as-original"]) == 0
    out = capsys.readouterr().out
    assert "counts:   18 preambular, 28 operative, 10 footnotes" in out and "read as original" in out


def test_file_without_changes_has_no_note(seed_docx, capsys):
    assert main(["parse", str(seed_docx), "--as-original"]) == 0
    assert "\nnote:" not in capsys.readouterr().out


# ---- numbering -----------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_docx(path, paragraphs, abstract_levels, nums):
    """A small English resolution: [(numId or None, ilvl, text)]; levels (fmt, text, restart)."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else "")
        + f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, restart) in enumerate(abstract_levels))
    num_xml = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/>'
        + "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                  for lvl, start in overrides.items())
        + "</w:num>" for num_id, overrides in nums.items())
    numbering = f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{num_xml}</w:numbering>'
    body = ""
    for num_id, ilvl, text in paragraphs:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
        if text.startswith("*"):
            runs = f'<w:r><w:rPr><w:i/></w:rPr><w:t>{text[1:].split("*")[0]}</w:t></w:r>' \
                   f'<w:r><w:t xml:space="preserve">{text.split("*", 2)[2]}</w:t></w:r>'
        else:
            runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        body += f"<w:p>{ppr}{runs}</w:p>"
    parts = docx_parts(seed_document())
    parts["word/document.xml"] = f'<w:document {W_NS}><w:body>{body}</w:body></w:document>'
    parts["word/numbering.xml"] = numbering
    return write_package(parts, path)


HEAD = [(None, 0, "The General Assembly,"), (None, 0, "Recalling its resolution 70/1,")]


def test_sections_restart_numbering_and_nest_subparagraphs(tmp_path):
    levels = [("upperRoman", "%1.", None), ("decimal", "%2.", None), ("lowerLetter", "(%3)", None)]
    paras = HEAD + [
        (1, 0, "General matters"),
        (1, 1, "*Welcomes* the report of the Secretary-General;"),
        (1, 1, "*Requests* the Secretary-General:"),
        (1, 2, "to report on the implementation of the present resolution;"),
        (1, 2, "to consult Member States;"),
        (1, 0, "Follow-up"),
        (1, 1, "*Decides* to continue its consideration of the question;"),
        (1, 2, "at its next session;"),
        (1, 1, "*Also decides* to remain seized of the matter."),
    ]
    res = read(_numbered_docx(tmp_path / "sections.docx", paras, levels, {1: {}}))
    assert [p.id for p in res.operative] == ["OPI.1", "OPI.2", "OPII.1", "OPII.2"]
    assert [s.id for s in res.paragraph("OPI.2").subparagraphs] == ["OPI.2(a)", "OPI.2(b)"]
    assert [s.id for s in res.paragraph("OPII.1").subparagraphs] == ["OPII.1(a)"]  # (a) again: restarted
    assert res.paragraph("OPII.2").lead == "Also decides"


def test_restart_at_one_and_lists_that_continue(tmp_path):
    """numId 2 shares the abstract list with numId 1 and continues it; numId 3 restarts at 1."""
    levels = [("decimal", "%1.", None), ("lowerLetter", "(%2)", 0)]
    paras = HEAD + [
        (1, 0, "*Welcomes* the report;"),
        (1, 0, "*Requests* the Secretary-General:"),
        (1, 1, "to report;"),
        (2, 0, "*Invites* Member States to contribute;"),  # continues: 3
        (2, 1, "to the fund;"),  # lvlRestart 0: never restarts, so (b)
        (3, 0, "*Decides* to continue;"),  # "Restart at 1"
        (3, 0, "*Also decides* to remain seized of the matter."),
    ]
    res = read(_numbered_docx(tmp_path / "restart.docx", paras, levels, {1: {}, 2: {}, 3: {0: 1}}))
    ids = [p.id for p in res.operative]
    assert ids[:3] == ["OP1", "OP2", "OP3"]
    assert [s.id for s in res.paragraph("OP3").subparagraphs] == ["OP3(b)"]
    assert len(ids) == 5 and ids[3].endswith(".1") and ids[4].endswith(".2")  # a second run of numbers


# ---- bad files -----------------------------------------------------------------------------


def _bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * (60 * 1024 * 1024))
    return path


def _xlsx(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _odt(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


def _broken_xml(path):
    parts = docx_parts(seed_document())
    parts["word/document.xml"] = parts["word/document.xml"][:5000]
    return write_package(parts, path)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _cut_zip(path):
    data = write_docx(seed_document(), path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("name, make, expected", [
    ("bomb.docx", _bomb, "zip bomb"),
    ("notzip.docx", lambda p: _write(p, b"PK\x03\x04" + bytes(range(256)) * 4), "damaged zip"),
    ("cut.docx", _cut_zip, "Word"),
    ("sheet.docx", _xlsx, "Excel workbook, not a Word document"),
    ("text.docx", _odt, "OpenDocument"),
    ("broken.docx", _broken_xml, "damaged Word document"),
    ("locked.docx", lambda p: _write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "password"),
    ("page.docx", lambda p: _write(p, b"<!DOCTYPE html><html><body>404</body></html>"), "web page"),
])
def test_bad_word_files_one_line_exit_2_nothing_written(tmp_path, name, make, expected):
    path = make(tmp_path / name)
    before = sorted(tmp_path.iterdir())
    proc = subprocess.run([sys.executable, "-m", "resodiff.cli", "parse", str(path)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout[:500]
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0], proc.stderr
    assert expected.lower() in lines[0].lower()
    assert sorted(tmp_path.iterdir()) == before


def test_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = _bomb(tmp_path / "bomb.docx")
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a, **k: pytest.fail("unpacked a zip bomb"))
    with pytest.raises(ReadError, match="zip bomb"):
        read(path)



def test_compare_seed_with_its_word_version_is_all_unchanged(seed_docx):
    """`resodiff compare seed.md seed.docx`: the same text in another format is no change."""
    proc = subprocess.run([sys.executable, "-m", "resodiff.cli", "compare", str(SEED), str(seed_docx),
                           "--format", "json"], capture_output=True, text=True, cwd=SEED.parent.parent / "tests")
    assert proc.returncode == 0, proc.stderr
    summary = conforms(json.loads(proc.stdout), "compare")["summary"]
    assert summary["unchanged"] == 46 and sum(summary.values()) == 46
