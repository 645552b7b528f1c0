"""Bad input: one line on stderr naming the file, exit status 2, no traceback. Encodings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from resodiff.cli import main
from resodiff.readers import read

from conftest import ROOT, SEED
from contracts import conforms


def _run(*args: str) -> subprocess.CompletedProcess:
    # Run from a neutral folder, so the installed package is what runs, as for a user.
    return subprocess.run([sys.executable, "-m", "resodiff.cli", *args], capture_output=True, text=True,
                          cwd=ROOT / "tests")


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.md", b"", "empty"),
        ("blank.md", b"\n\n   \n", "empty"),
        ("binary.bin", bytes(range(256)) * 8, "binary"),
        ("README.md", b"# My project\n\nInstall it with pip. Then run the tests with pytest.\n"
                      b"It is a small tool for converting files between formats.\n", "no resolution"),
        ("fake.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("fake.docx", b"PK\x03\x04\x14\x00\x00\x00", "Word"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    proc = _run("parse", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and name in lines[0] and expected.lower() in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_missing_path(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nowhere.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {tmp_path / 'nowhere.md'}: no such file"


def test_folder(tmp_path, capsys):
    assert main(["parse", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_readme_of_this_project_is_no_resolution(capsys):
    assert main(["parse", str(ROOT / "README.md")]) == 2
    assert "README.md" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    # cp1252 and Latin-1 have no superscript digits beyond ¹²³ nor "œ": keep what they can carry
    if encoding in ("cp1252", "latin-1"):
        text = text.replace("œ", "oe") if encoding == "latin-1" else text
        text = text.translate(str.maketrans("⁴⁵⁶⁷⁸⁹⁰", "4567890"))
        text = text.encode(encoding, errors="strict").decode(encoding)
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    res = read(path)
    assert res.language == "fr" and res.symbol == "A/RES/75/15"
    assert len(res.preamble) == 18 and len(res.operative) == 28
    assert "Assemblée générale" not in res.paragraph("PP1").text  # the header stayed in the header
    assert res.paragraph("PP1").text.startswith("Rappelant les buts et objectifs de l'Association")
    if encoding in ("utf-16", "utf-8-sig"):
        assert res.to_json() == read(SEED).to_json() | {}


def test_parse_json_is_the_contract():
    proc = _run("parse", str(SEED), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = conforms(json.loads(proc.stdout), "resolution")
    # The contract's fields in order; "footnote_emphasis" is an addition present only where a
    # footnote has italics (the seed's "Recueil des Traités", "Ibid.").
    assert list(data) == ["symbol", "session", "language", "title", "agenda_item", "issued", "adopted", "drafts",
                          "meeting", "preamble", "operative", "footnotes", "references", "footnote_emphasis"]
    assert data["footnote_emphasis"]["2"] == [[0, 5]] and data["footnotes"]["2"].startswith("Ibid.")
    assert data["preamble"][0] == {"id": "PP1", "lead": "Rappelant", "footnotes": ["1"],
                                   "text": data["preamble"][0]["text"]}
    assert set(data["operative"][0]) == {"id", "lead", "text", "footnotes", "subparagraphs"}


def test_no_arguments_shows_the_bundled_example():
    proc = _run()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("A/RES/75/15")
    assert "18 preambular, 28 operative, 10 footnotes" in proc.stdout
    assert "OP13 Encourage également:" in proc.stdout
