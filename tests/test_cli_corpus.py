"""`resodiff corpus`, `history` and `blame` on the command line: output, one-line errors (exit 2),
warnings, the default folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from resodiff.cli import main

from corpus_docs import OPS, forum
from contracts import conforms

RECALL = "Resolutions 71/5, 73/10 and 75/9."


def _run(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resodiff.cli", *args], capture_output=True, text=True, env=env)


@pytest.fixture()
def versions(tmp_path):
    src = tmp_path / "src"
    return [
        forum(src, 73, 10),
        forum(src, 75, 9, operative=[OPS[0].replace("strengthen", "deepen")] + OPS[1:]),
        forum(src, 77, 12, operative=[OPS[0].replace("strengthen", "deepen"), OPS[2]], recalls=RECALL),
    ]


def test_add_list_series_history_blame(tmp_path, versions, capsys):
    corpus = str(tmp_path / "corpus")
    assert main(["corpus", "add", "--corpus", corpus, *map(str, versions)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["A/RES/73/10 (en, session 73): added as A_RES_73_10.en.md",
                   "A/RES/75/9 (en, session 75): added as A_RES_75_9.en.md",
                   "A/RES/77/12 (en, session 77): added as A_RES_77_12.en.md"]

    assert main(["corpus", "list", "--corpus", corpus, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["symbol"], d["session"], d["file"]) for d in listed] == [
        ("A/RES/73/10", 73, "A_RES_73_10.en.md"), ("A/RES/75/9", 75, "A_RES_75_9.en.md"), ("A/RES/77/12", 77, "A_RES_77_12.en.md")]
    assert listed[2]["recalls"] == ["A/RES/71/5", "A/RES/73/10", "A/RES/75/9"]

    assert main(["corpus", "series", "--corpus", corpus]) == 0
    out = capsys.readouterr().out
    assert "missing (named in a recall footnote): A/RES/71/5" in out
    assert out.count("A_RES_") == 3

    assert main(["history", "--corpus", corpus, "--series", "Pacific Islands Forum", "--format", "json"]) == 0
    data = conforms(json.loads(capsys.readouterr().out), "history")
    assert data["missing"] == ["A/RES/71/5"]
    assert [[(s["session"], s["id"], s["status"]) for s in lin] for lin in data["lineages"]] == [
        [(73, "OP1", "added"), (75, "OP1", "modified"), (77, "OP1", "unchanged")],
        [(73, "OP2", "added"), (75, "OP2", "unchanged"), (77, None, "deleted")],
        [(73, "OP3", "added"), (75, "OP3", "modified"), (77, "OP2", "modified")],
        [(77, "PP1", "added")],  # the recall paragraph
    ]

    assert main(["history", "--corpus", corpus, "--series", "77/12"]) == 0
    text = capsys.readouterr().out
    assert "[-strengthen-]{+deepen+}" in text and "[-seventy-fifth-]{+seventy-seventh+}" in text
    assert "dropped in 77/12 (last OP2 of 75/9)" in text

    assert main(["blame", "--corpus", corpus, str(versions[2])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[4].split() == ["entered", "changed", "id"]
    heads = [line.split()[:3] for line in lines[5:] if not line.startswith("     ")]  # not a wrapped line
    assert heads == [["77/12", "·", "PP1"], ["73/10", "75/9", "OP1"], ["73/10", "77/12", "OP2"]]


def test_add_refuses_a_file_that_is_no_resolution_in_one_line(tmp_path, versions):
    bad = tmp_path / "notes.md"
    bad.write_text("# My project\n\nInstall it with pip. Then run the tests with pytest.\n"
                   "It is a small tool for converting files between formats.\n", encoding="utf-8")
    proc = _run("corpus", "add", "--corpus", str(tmp_path / "corpus"), str(bad), str(versions[0]))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"error: {bad}: ")
    assert "A/RES/73/10" in proc.stdout  # the good file is added all the same


@pytest.mark.parametrize("argv, message", [
    (["corpus", "list", "--corpus", "{tmp}/nowhere"], "no such corpus folder"),
    (["history", "--corpus", "{tmp}/corpus"], "give the versions as FILES"),
    (["history", "{v0}"], "only one version"),
    (["history", "--corpus", "{tmp}/corpus", "--series", "Law of the sea"], "no series titled"),
    (["blame", "{tmp}/missing.md", "--with", "{v0}"], "no such file"),
    (["corpus", "search", "--corpus", "{tmp}/corpus", "...", ], "no words"),
])
def test_errors_are_one_line_with_status_2(tmp_path, versions, argv, message):
    (tmp_path / "corpus").mkdir()
    argv = [a.format(tmp=tmp_path, v0=versions[0]) for a in argv]
    proc = _run(*argv)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1 and message in proc.stderr


def test_a_damaged_index_warns_and_carries_on(tmp_path, versions):
    corpus = tmp_path / "corpus"
    assert _run("corpus", "add", "--corpus", str(corpus), *map(str, versions)).returncode == 0
    (corpus / ".resodiff" / "index.sqlite3").write_bytes(b"\x00garbage" * 1000)
    proc = _run("corpus", "search", "--corpus", str(corpus), "cooperation on climate change")
    assert proc.returncode == 0
    assert proc.stderr.startswith("warning: ") and "damaged" in proc.stderr
    assert "A/RES/73/10" in proc.stdout


def test_the_default_corpus_is_in_the_user_data_folder(tmp_path, versions):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    proc = _run("corpus", "add", str(versions[0]), env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "data" / "resodiff" / "corpus" / "A_RES_73_10.en.md").is_file()
    assert _run("corpus", "list", env=env).stdout.split()[:2] == ["73", "73/10"]


def test_blame_alone_warns_that_everything_is_new(tmp_path, versions, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["blame", "--corpus", str(tmp_path / "empty"), str(versions[0])]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("warning: ") and "no earlier version" in err
    assert out.splitlines()[5].split()[:3] == ["73/10", "·", "OP1"]


def test_list_refused_names_the_files_that_are_not_resolutions(tmp_path, versions, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes").mkdir()
    (corpus / "notes" / "table.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert main(["corpus", "add", "--corpus", str(corpus), str(versions[0])]) == 0
    capsys.readouterr()
    assert main(["corpus", "list", "--corpus", str(corpus), "--refused"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("notes/table.tsv: ")
    assert main(["corpus", "list", "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert out.split()[:2] == ["73", "73/10"] and "1 file not resolutions (--refused)" in err


def test_a_command_waiting_on_another_process_lock_says_so(tmp_path, versions, capsys):
    """Another process holds the index's write lock (here: a connection in a thread, released
    after a second): `corpus list` says it is waiting, then lists - it does not sit silent."""
    import sqlite3
    import threading

    from resodiff.library.store import Library

    corpus = str(tmp_path / "corpus")
    assert main(["corpus", "add", "--corpus", corpus, *map(str, versions)]) == 0
    capsys.readouterr()
    with Library(corpus) as lib:
        index = lib.index
    holder = sqlite3.connect(index, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        assert main(["corpus", "list", "--corpus", corpus]) == 0
    finally:
        release.join()
        holder.close()
    out, err = capsys.readouterr()
    assert err.startswith("resodiff: waiting for another resodiff process that is writing the corpus index")
    assert err.count("resodiff: waiting") == 1
    assert out.strip()
    assert main(["corpus", "list", "--corpus", corpus]) == 0  # no lock: no word about waiting
    assert "resodiff: waiting" not in capsys.readouterr().err
