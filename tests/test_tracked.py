"""`resodiff draft FILE --tracked`: the submission file, FILE with the draft's updates as Word revisions.

Accept-all and reject-all are done here by the tests' own code over the XML
(``docx_revisions.resolve``, not resodiff's reader): accepting every revision must give the
draft, rejecting every one the source, paragraph by paragraph, footnotes included. A Word
source keeps its own styles, numbering, header and footnotes: the parts the draft does not
change are byte for byte those of the input, and its paragraphs keep their styles.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from resodiff.cli import main
from resodiff.draft import build
from resodiff.readers import read

from conftest import CORPUS, SEED
from docx_revisions import dump, resolve, revisions
from seed_docs import seed_document, write_docx

DATE = "2026-12-01T09:00:00Z"


def _walk(paras):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def _label_off(text: str) -> str:
    # "a)\t..." typed before a sub-paragraph; "12.\t" that docx_revisions.resolve prints for
    # a paragraph in a Word list (the number is Word's, not the text's)
    return re.sub(r"^(?:\(?[a-z]{1,4}[.)]|\d+\.)\s", "", text)


def _body(paragraphs, first: str, count: int) -> list[str]:
    texts = [_plain(t) for _, t in paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith(first))
    return [_label_off(t) for t in texts[start:start + count]]


@pytest.fixture(scope="module")
def seed_pair():
    source = read(SEED)
    return source, build(source)


@pytest.fixture(scope="module")
def word_seed(tmp_path_factory) -> Path:
    """The seed as a word processor holds it: own styles, Word numbering, header part, footnotes."""
    return write_docx(seed_document(), tmp_path_factory.mktemp("word") / "A_RES_75_15.fr.docx")


def _tracked(tmp_path: Path, source: Path, name: str = "A_77_L.docx") -> Path:
    out = tmp_path / name
    assert main(["draft", str(source), "--tracked", "-o", str(out)]) == 0
    return out


def _check_accept_and_reject(path: Path, source, draft) -> None:
    new = [p.text for p in _walk(draft.paragraphs)]
    old = [p.text for p in _walk(source.paragraphs)]
    accepted, accepted_notes = resolve(path, "accept")
    rejected, rejected_notes = resolve(path, "reject")
    assert _body(accepted, new[0][:30], len(new)) == new
    assert _body(rejected, old[0][:30], len(old)) == old
    assert [_plain(n) for n in accepted_notes] == [f.text for f in draft.footnotes]
    assert [_plain(n) for n in rejected_notes] == [t for _, t in source.footnotes]


def test_markdown_source_accept_gives_the_draft_reject_gives_the_source(tmp_path, seed_pair):
    source, draft = seed_pair
    path = _tracked(tmp_path, SEED)
    _check_accept_and_reject(path, source, draft)
    # Real revisions by resodiff, each with a date; the rolled sessions and footnote 3 among them.
    marks = revisions(path)
    assert marks and {a for _, a, _ in marks} == {"resodiff"} and all(d for _, _, d in marks)
    shown = dump(path)
    assert "sa [-soixante-dix-septième-]{+soixante-dix-neuvième+} session" in shown
    assert "[-Soixante-quinzième-]{+Soixante-dix-septième+} session" in shown  # the header too
    assert "Voir [-A/75/345-S/2020/898-]{+A/77/___-S/____/___+}, sect. II." in shown
    # Flags are comments over their paragraph, not text: PP6's among them.
    pp6 = next(ln for ln in shown.splitlines() if "Soulignant que 2020" in ln)
    assert "«[À ACTUALISER\u00a0: année 2020\u202f; «\u202fsoixante-quinzième anniversaire\u202f»]»" in pp6
    accepted, _ = resolve(path, "accept")
    assert not any("ACTUALISER" in t for _, t in accepted)


def test_word_source_keeps_its_own_formatting(tmp_path, seed_pair, word_seed):
    _, draft = seed_pair
    path = _tracked(tmp_path, word_seed)
    _check_accept_and_reject(path, read(word_seed), draft)
    with zipfile.ZipFile(word_seed) as before, zipfile.ZipFile(path) as after:
        for part in ("word/styles.xml", "word/numbering.xml", "word/header1.xml"):
            assert after.read(part) == before.read(part), part  # untouched, byte for byte
        names = set(after.namelist())
        assert set(before.namelist()) <= names and "word/comments.xml" in names
        document = after.read("word/document.xml").decode()
        assert document.count("<w:numPr>") == before.read("word/document.xml").decode().count("<w:numPr>")
    # Each paragraph keeps its style: accepted or rejected, the styles run as in the input.
    original, _ = resolve(word_seed, "accept")
    accepted, _ = resolve(path, "accept")
    rejected, _ = resolve(path, "reject")
    assert [s for s, _ in accepted] == [s for s, _ in original] == [s for s, _ in rejected]
    assert {"Preamble", "Operative"} <= {s for s, _ in accepted}
    # The changes are inside the document's own paragraphs and runs: the italic lead is its own.
    shown = dump(path)
    assert "[Operative] Prie le Secrétaire général de lui présenter, à sa [-soixante-dix-septième-]" in shown


@pytest.mark.parametrize("name", ["A_RES_80_6.md", "A_RES_80_12.md"])
def test_english_sources_with_subparagraphs(tmp_path, name):
    path = CORPUS / "ga-80" / name
    if not path.is_file():
        pytest.skip("../shared/corpus is absent")
    source = read(path)
    _check_accept_and_reject(_tracked(tmp_path, path), source, build(source))


def test_tracked_needs_a_word_output(tmp_path, capsys):
    assert main(["draft", str(SEED), "--tracked", "-o", str(tmp_path / "x.md")]) == 2
    assert "--tracked writes a Word file" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_tracked_file(tmp_path, word_seed):
    path = _tracked(tmp_path, word_seed)
    proc = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=300)
    pdf = path.with_suffix(".pdf")
    assert pdf.is_file(), proc.stdout + proc.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "soixante-dix-neuvième" in text and "75/15" in text


# ---- the same engine for a revised draft: report OLD.docx NEW.docx -o rev1.docx ------------------


def test_report_of_two_word_files_is_the_old_one_with_tracked_changes(tmp_path, word_seed, capsys):
    """The L./Rev. case: the revision written on OLD's own document (its styles, numbering and
    header kept), every change from OLD to NEW tracked; accept-all gives NEW, reject-all OLD."""
    from edited_seed import ADDED, edited_seed_text

    from resodiff.draft import printed
    from resodiff.draft_docx import render_docx
    from resodiff.readers import read_bytes

    new_path = tmp_path / "A_77_L_30.docx"
    new_path.write_bytes(render_docx(printed(read_bytes(edited_seed_text().encode(), "edited.md"))))
    out = tmp_path / "rev1.docx"
    assert main(["report", str(word_seed), str(new_path), "-o", str(out)]) == 0
    assert "revised" in capsys.readouterr().out
    old, new = read(word_seed), read(new_path)
    for mode, res in (("accept", new), ("reject", old)):
        paragraphs, notes = resolve(out, mode)
        expected = [p.text for p in _walk(res.paragraphs)]
        assert _body(paragraphs, expected[0][:30], len(expected)) == expected, mode
        assert [_plain(n) for n in notes] == [t for _, t in res.footnotes], mode
    with zipfile.ZipFile(word_seed) as before, zipfile.ZipFile(out) as after:
        for part in ("word/styles.xml", "word/numbering.xml", "word/header1.xml"):
            assert after.read(part) == before.read(part), part
    shown = dump(out)
    assert "Encourage{+ vivement+} le système" in shown
    added = ADDED.replace("*", "").split(" ;")[0]
    assert f"[Operative] {{+{added}" in shown and " ¶+" in shown  # the added paragraph, shaped as an OP
    assert "Voir [-A/75/345-S/2020/898-]{+A/77/236+}, sect. II." in shown
