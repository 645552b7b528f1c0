"""`resodiff draft` as a user runs it: output files, --force, user templates and the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from resodiff.cli import main
from resodiff.errors import OutputError
from resodiff.output import write_new

from conftest import ROOT, SEED


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resodiff.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT / "tests")


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and "Traceback" not in err
    return lines[0]


def test_markdown_to_standard_output(capsys):
    assert main(["draft", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A/77/L.__\n") and "Soixante-dix-septième session" in out


def test_an_existing_output_is_left_untouched_without_force(tmp_path, capsys):
    out = tmp_path / "draft.md"
    out.write_text("my own edits\n", encoding="utf-8")
    before = os.stat(out)
    assert main(["draft", str(SEED), "-o", str(out)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == f"error: {out}: already exists; use --force to replace it"
    assert out.read_text(encoding="utf-8") == "my own edits\n"
    assert os.stat(out).st_mtime_ns == before.st_mtime_ns and os.stat(out).st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]  # no temporary file left behind

    assert main(["draft", str(SEED), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("A/77/L.__\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_format_from_the_extension_and_text_format(tmp_path):
    assert main(["draft", str(SEED), "-o", str(tmp_path / "d.docx")]) == 0
    assert (tmp_path / "d.docx").read_bytes().startswith(b"PK\x03\x04")
    assert main(["draft", str(SEED), "--format", "text", "-o", str(tmp_path / "d.txt")]) == 0
    text = (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert "Rappelant les buts" in text and "1967¹," in text and "*" not in text


def test_docx_needs_an_output_file(capsys):
    assert main(["draft", str(SEED), "--format", "docx"]) == 2
    assert "give -o OUT.docx" in _one_error_line(capsys.readouterr().err)


def test_session_option(capsys):
    assert main(["draft", str(SEED), "--session", "76"]) == 0
    out = capsys.readouterr().out
    assert "Soixante-seizième session" in out and "sa soixante-dix-huitième session" in out
    assert main(["draft", str(SEED), "--session", "74"]) == 2
    assert "--session 74 is not after" in _one_error_line(capsys.readouterr().err)


def test_a_template_reaching_for_python_internals_is_refused(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "fr.md.j2").write_text("Titre : {{ d.title }}\n{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    out = tmp_path / "draft.md"
    proc = _run("draft", str(SEED), "--template", str(folder), "-o", str(out))
    assert proc.returncode == 2 and proc.stdout == ""
    line = _one_error_line(proc.stderr)
    assert f"{folder / 'fr.md.j2'}, line 2: refused by the template sandbox" in line
    assert "'__class__'" in line
    assert not out.exists()


@pytest.mark.parametrize("template, expected", [
    ("{{ d.__class__ }}", "refused by the template sandbox"),
    ("{{ d.words.reasons.__init__ }}", "refused by the template sandbox"),
    ("{{ d.nothing_here }}", "line 1: 'resodiff.draft.Draft object' has no attribute 'nothing_here'"),
    ("{% for p in d.preamble %}", "line 1: Unexpected end of template"),
])
def test_broken_templates_fail_with_one_line(tmp_path, capsys, template, expected):
    (tmp_path / "fr.md.j2").write_text(template, encoding="utf-8")
    assert main(["draft", str(SEED), "--template", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in _one_error_line(captured.err)


def test_a_user_template_extends_the_bundled_layout(tmp_path, capsys):
    (tmp_path / "fr.md.j2").write_text(
        '{% extends "base.md.j2" %}\n{% block header %}PROJET — {{ d.session_line }} ({{ d.flagged | length }} points)\n{% endblock %}\n',
        encoding="utf-8")
    assert main(["draft", str(SEED), "--template", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PROJET — Soixante-dix-septième session (14 points)\n")
    assert "*Rappelant* les buts" in out and "[^3]: Résolutions 57/35" in out


def test_template_folder_errors(tmp_path, capsys):
    assert main(["draft", str(SEED), "--template", str(tmp_path / "nowhere")]) == 2
    assert "no such template folder" in _one_error_line(capsys.readouterr().err)
    assert main(["draft", str(SEED), "--template", str(tmp_path)]) == 2
    assert "no fr.md.j2 in it" in _one_error_line(capsys.readouterr().err)
    (tmp_path / "fr.md.j2").write_text("x", encoding="utf-8")
    assert main(["draft", str(SEED), "--template", str(tmp_path), "-o", str(tmp_path / "d.docx")]) == 2
    assert "--template applies to the md and text formats" in _one_error_line(capsys.readouterr().err)


def test_bad_input_file(tmp_path, capsys):
    assert main(["draft", str(tmp_path / "nowhere.md")]) == 2
    assert _one_error_line(capsys.readouterr().err) == f"error: {tmp_path / 'nowhere.md'}: no such file"


def test_write_new_is_atomic_and_refuses_folders(tmp_path):
    target = tmp_path / "out.md"
    write_new(target, b"one")
    with pytest.raises(OutputError, match="already exists"):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"
    write_new(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(OutputError, match="is a folder"):
        write_new(tmp_path, b"x", force=True)
    with pytest.raises(OutputError, match="does not exist"):
        write_new(tmp_path / "no" / "out.md", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_front_matter_gives_a_fragment_its_session_and_title(tmp_path, capsys):
    """ga-72-partial fragments give their session only in front matter ("session: 72 (2017, ...)"),
    the malaria fragments their title: draft reads both, as the corpus commands do."""
    from conftest import CORPUS

    fragment = CORPUS / "ga-72-partial" / "N1735495.partial.md"
    malaria = CORPUS / "malaria-series" / "A_RES_63_234.partial.md"
    if not fragment.is_file():
        pytest.skip("../shared/corpus is absent")
    assert main(["draft", str(fragment)]) == 0
    assert capsys.readouterr().out.startswith("A/73/L.__")
    assert main(["draft", str(malaria)]) == 0
    out = capsys.readouterr().out
    assert "**2001–2010: Decade to Roll Back Malaria in Developing Countries, Particularly in Africa**" in out
    assert "[title]" not in out


def test_a_text_without_a_session_says_how_to_give_it(tmp_path, capsys):
    text = tmp_path / "fragment.md"
    text.write_text("---\nlanguage: EN\n---\n\n1. Requests the Secretary-General to report to it at its"
                    " seventy-third session on the implementation of the present resolution.\n", encoding="utf-8")
    assert main(["draft", str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--from-session N" in err
    assert main(["draft", str(text), "--from-session", "72"]) == 0
    assert "its seventy-fourth session" in capsys.readouterr().out
