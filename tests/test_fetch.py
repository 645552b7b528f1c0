"""`resodiff fetch` against a UN document system played by a local server in the test process.

No real network: every address is 127.0.0.1. The server serves the PDF and Word files the
tests make from the seed, and misbehaves on purpose: 404, a web page instead of the PDF, no
answer, server errors, a body cut short.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from resodiff import ods, symbols
from resodiff.history import recalled
from resodiff.cli import main
from resodiff.library.folder import default_folder
from resodiff.readers import read

from conftest import SEED
from contracts import conforms
from seed_docs import Run, seed_document, write_docx, write_pdf

SERIES = ["A/RES/57/35", "A/RES/59/5", "A/RES/61/46", "A/RES/63/35", "A/RES/65/235", "A/RES/67/110",
          "A/RES/69/110", "A/RES/71/255", "A/RES/73/259"]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def do_GET(self) -> None:
        srv = self.server
        url = urlsplit(self.path)
        if url.path.startswith("/files/"):  # where the access address redirects, as ODS does
            self._send(200, srv.files[url.path], "application/pdf")
            return
        q = parse_qs(url.query)
        symbol, lang, kind = q["s"][0], q["l"][0], q["t"][0]
        srv.log.append((symbol, lang, kind))
        if symbol == "A/RES/75/15" and kind == "pdf":
            self.send_response(302)
            self.send_header("Location", "/files/A_RES_75_15.fr.pdf")
            self.end_headers()
        elif symbol == "A/RES/75/15":
            self._send(200, srv.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif symbol in srv.series:
            self._send(200, srv.series[symbol], "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif symbol == "A/RES/75/98":  # a web page with status 200, as portals do
            self._send(200, b"<!DOCTYPE html><html><body><h1>Document not available</h1></body></html>", "text/html")
        elif symbol == "A/RES/75/97":  # no answer
            srv.release.wait(10)
            self._send(200, srv.pdf, "application/pdf")
        elif symbol == "A/RES/75/96":  # busy: 503 twice, then the document
            srv.busy += 1
            if srv.busy <= 2:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, srv.pdf, "application/pdf")
        elif symbol == "A/RES/75/94":  # only an old Word 97 file
            self._send(200, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, "application/msword")
        elif symbol == "A/RES/75/95":  # a body cut short
            self._send(200, srv.pdf[: len(srv.pdf) // 2], "application/pdf")
        else:
            self._send(404, b"<html><body>Not found</body></html>", "text/html")


def _series_docx(tmp: Path, symbol: str) -> bytes:
    doc = seed_document()
    session, number = symbol.split("/")[2:]
    for b in doc.blocks:
        if b.kind == "header" and b.text.startswith("75/15. "):
            b.runs = [Run(b.text.replace("75/15.", f"{session}/{number}.", 1))]
    return write_docx(doc, tmp / f"{number}.docx").read_bytes()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ods")
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.pdf = write_pdf(seed_document(), tmp / "seed.pdf").read_bytes()
    srv.docx = write_docx(seed_document(), tmp / "seed.docx").read_bytes()
    srv.files = {"/files/A_RES_75_15.fr.pdf": srv.pdf}
    srv.series = {s: _series_docx(tmp, s) for s in SERIES}
    srv.log, srv.busy, srv.release = [], 0, threading.Event()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.base_url = f"http://127.0.0.1:{srv.server_address[1]}/api/symbol/access"
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def fresh(server):
    server.log.clear()
    server.busy = 0
    return server


def _fetch(server, corpus: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resodiff.cli", "fetch", *args, "--corpus", str(corpus),
                           "--base-url", server.base_url], capture_output=True, text=True, timeout=120)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_fetch_stores_the_pdf_and_its_json(fresh, tmp_path):
    corpus = tmp_path / "corpus"
    proc = _fetch(fresh, corpus, "A/RES/75/15", "--lang", "fr")
    assert proc.returncode == 0, proc.stderr
    assert fresh.log == [("A/RES/75/15", "fr", "pdf")]
    assert _files(corpus) == ["A_RES_75_15.fr.json", "A_RES_75_15.fr.pdf"]
    assert (corpus / "A_RES_75_15.fr.pdf").read_bytes() == fresh.pdf
    assert conforms(json.loads((corpus / "A_RES_75_15.fr.json").read_text(encoding="utf-8")), "resolution") == read(SEED).to_json()
    assert "18 PP, 28 OP, 10 footnotes" in proc.stdout and proc.stderr == ""


def test_fetch_word(fresh, tmp_path):
    corpus = tmp_path / "corpus"
    proc = _fetch(fresh, corpus, "75/15", "--lang", "fr", "--word")
    assert proc.returncode == 0, proc.stderr
    assert fresh.log == [("A/RES/75/15", "fr", "doc")]
    assert _files(corpus) == ["A_RES_75_15.fr.docx", "A_RES_75_15.fr.json"]
    assert conforms(json.loads((corpus / "A_RES_75_15.fr.json").read_text(encoding="utf-8")), "resolution") == read(SEED).to_json()


@pytest.mark.parametrize("symbol, extra, expected", [
    ("A/RES/75/99", [], "A/RES/75/99 (fr): not found in the UN document system (HTTP 404)"),
    ("A/RES/75/98", [], "web page instead of the PDF"),
    ("A/RES/75/97", ["--timeout", "0.5", "--retries", "1"], "no answer within 0.5 s; gave up after 2 tries"),
    ("A/RES/75/95", [], "incomplete"),
    ("A/RES/75/94", ["--word"], "only an old Word 97 (.doc) file exists"),
])
def test_fetch_failures_one_line_exit_2_nothing_written(fresh, tmp_path, symbol, extra, expected):
    corpus = tmp_path / "corpus"
    proc = _fetch(fresh, corpus, symbol, "--lang", "fr", *extra)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], proc.stderr
    assert _files(corpus) == []  # not the document, nor a .part file


def test_timeout_is_tried_again(fresh, tmp_path):
    proc = _fetch(fresh, tmp_path / "c", "A/RES/75/97", "--lang", "fr", "--timeout", "0.3", "--retries", "1")
    assert proc.returncode == 2
    assert [s for s, _, _ in fresh.log] == ["A/RES/75/97", "A/RES/75/97"]


def test_offline(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.run([sys.executable, "-m", "resodiff.cli", "fetch", "A/RES/75/15", "--corpus",
                           str(tmp_path / "c"), "--base-url", f"http://127.0.0.1:{port}/api"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot reach 127.0.0.1:{port}: offline?" in lines[0], proc.stderr
    assert _files(tmp_path / "c") == []


def test_server_errors_are_retried_with_backoff(fresh, tmp_path):
    waits = []
    got = ods.fetch("A/RES/75/96", "fr", tmp_path, base_url=fresh.base_url, retries=3, backoff=1.0,
                    sleep=waits.append)
    assert waits == [1.0, 2.0] and len(fresh.log) == 3
    assert got.path.read_bytes() == fresh.pdf and got.warning == "A/RES/75/96 (fr): the text served says it is A/RES/75/15"


def test_server_errors_give_up(fresh, tmp_path):
    waits = []
    with pytest.raises(ods.FetchError, match=r"server error \(HTTP 503\); gave up after 2 tries"):
        ods.fetch("A/RES/75/96", "fr", tmp_path, base_url=fresh.base_url, retries=1, sleep=waits.append)
    assert waits == [1.0] and _files(tmp_path) == []


def test_several_documents_one_failing(fresh, tmp_path):
    corpus = tmp_path / "corpus"
    proc = _fetch(fresh, corpus, "A/RES/75/15", "A/RES/75/99", "--lang", "fr", "--word")
    assert proc.returncode == 2
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith("A/RES/75/15 (fr): ")
    assert proc.stderr.strip().splitlines() == ["error: A/RES/75/99 (fr): not found in the UN document system (HTTP 404)"]
    assert _files(corpus) == ["A_RES_75_15.fr.docx", "A_RES_75_15.fr.json"]


def test_already_in_the_corpus(fresh, tmp_path):
    corpus = tmp_path / "corpus"
    assert _fetch(fresh, corpus, "A/RES/75/15", "--lang", "fr").returncode == 0
    proc = _fetch(fresh, corpus, "A/RES/75/15", "--lang", "fr")
    assert proc.returncode == 0 and "already in" in proc.stdout and len(fresh.log) == 1
    assert _fetch(fresh, corpus, "A/RES/75/15", "--lang", "fr", "--force").returncode == 0
    assert len(fresh.log) == 2


def test_series_fetches_the_earlier_members(fresh, tmp_path):
    corpus = tmp_path / "corpus"
    proc = _fetch(fresh, corpus, "--series", str(SEED), "--word")
    assert proc.returncode == 0, proc.stderr
    assert fresh.log == [(s, "fr", "doc") for s in SERIES]  # the seed's language, its footnote's order
    for symbol in SERIES:
        stem = symbols.file_stem(symbol, "fr")
        data = conforms(json.loads((corpus / f"{stem}.json").read_text(encoding="utf-8")), "resolution")
        assert data["symbol"] == symbol and len(data["operative"]) == 28


def test_recalled_members_of_the_seed():
    assert list(recalled(read(SEED))) == list(SERIES)


def test_progress_bar_on_a_terminal(fresh, tmp_path, monkeypatch, capsys):
    from rich.console import Console

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    code = main(["fetch", "A/RES/75/15", "A/RES/75/99", "--lang", "fr", "--word", "--corpus", str(tmp_path),
                 "--base-url", fresh.base_url])
    assert code == 2
    captured = capsys.readouterr()
    assert "A/RES/75/15 (fr): " in captured.out and "HTTP 404" in captured.err


@pytest.mark.parametrize("args, expected", [
    (["A/RES/75/15", "--lang", "zh"], "invalid choice"),
    (["not a symbol"], "not a UN document symbol"),
    ([], "name at least one SYMBOL"),
])
def test_fetch_usage_errors(tmp_path, args, expected):
    proc = subprocess.run([sys.executable, "-m", "resodiff.cli", "fetch", *args, "--corpus", str(tmp_path / "c"),
                           "--base-url", "http://127.0.0.1:9/none"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and expected in proc.stderr
    assert _files(tmp_path / "c") == []


def test_default_corpus_is_the_user_data_folder():
    from platformdirs import user_data_path

    assert default_folder() == user_data_path("resodiff") / "corpus"


def test_urls_follow_the_ods_pattern():
    assert ods.document_url("A/RES/75/15", "fr") == \
        "https://documents.un.org/api/symbol/access?s=A%2FRES%2F75%2F15&l=fr&t=pdf"
    assert ods.document_url("A/RES/75/15", "en", word=True, base_url="http://h/x?k=1").endswith("&l=en&t=doc")
