"""Every command that takes a file takes a symbol too (issue 14, part 1).

`64/79`, `A/RES/64/79` or the stored name `A_RES_64_79.md` is looked up in the corpus
(`--corpus`, a temporary folder here); `--fetch` gets what the corpus lacks from the UN
document system (a local server here: no real network). A symbol neither found nor fetched:
one line, exit 2.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from resodiff.cli import main

from conftest import SEED
from seed_docs import seed_document, write_pdf

MALARIA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "en" / "malaria-series"
pytestmark = pytest.mark.skipif(not MALARIA.is_dir(), reason=f"{MALARIA} is absent")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    assert main(["corpus", "add", str(MALARIA), "--corpus", str(folder)]) == 0
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_blame_by_symbol_after_corpus_add(corpus, capsys):
    code, out, err = run(capsys, "blame", "64/79", "--corpus", str(corpus))
    assert code == 0, err
    assert out.startswith("A/RES/64/79 · 2001–2010: Decade to Roll Back Malaria")
    assert "9 versions: 55/284, 57/294, 58/237, 59/256, 60/221, 61/228, 62/180, 63/234, 64/79" in out
    # The README's example: the stored name as typed (the corpus keeps A_RES_64_79.en.md).
    assert run(capsys, "blame", "A_RES_64_79.md", "--corpus", str(corpus))[1] == out
    assert run(capsys, "blame", "A/RES/64/79", "--corpus", str(corpus), "--lang", "en")[1] == out


def test_compare_two_symbols(corpus, capsys):
    code, out, err = run(capsys, "compare", "63/234", "64/79", "--corpus", str(corpus), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["old"]["symbol"], data["new"]["symbol"]) == ("A/RES/63/234", "A/RES/64/79")
    by_path = run(capsys, "compare", str(corpus / "A_RES_63_234.en.md"), str(corpus / "A_RES_64_79.en.md"),
                  "--format", "json")[1]
    assert json.loads(by_path) == data


@pytest.mark.parametrize("argv", [
    ["parse", "62/180", "--format", "json"],
    ["history", "62/180", "63/234", "--format", "json"],
    ["draft", "A/RES/64/79", "--session", "66"],
])
def test_other_commands_take_symbols(corpus, capsys, argv):
    code, out, err = run(capsys, *argv, "--corpus", str(corpus))
    assert code == 0, err
    assert out.strip()
    if argv[0] == "parse":
        assert json.loads(out)["symbol"] == "A/RES/62/180"


def test_report_by_symbols(corpus, capsys, tmp_path):
    target = tmp_path / "r.json"
    code, _, err = run(capsys, "report", "62/180", "63/234", "-o", str(target), "--corpus", str(corpus))
    assert code == 0, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["old"]["symbol"], data["new"]["symbol"]) == ("A/RES/62/180", "A/RES/63/234")


def test_a_symbol_not_in_the_corpus_is_one_line_exit_2(corpus, capsys):
    code, out, err = run(capsys, "compare", "63/234", "99/1", "--corpus", str(corpus))
    assert code == 2 and out == ""
    assert err == (f"error: 99/1: no such file, and A/RES/99/1 is not in the corpus ({corpus}); "
                   f"--fetch gets it from the UN document system\n")
    code, _, err = run(capsys, "blame", "64/79", "--corpus", str(corpus), "--lang", "fr")
    assert code == 2 and err.count("\n") == 1 and "A/RES/64/79 (fr) is not in the corpus" in err


def test_a_path_that_is_no_symbol_is_still_no_such_file(capsys, tmp_path):
    code, _, err = run(capsys, "parse", str(tmp_path / "nosuch.md"))
    assert code == 2 and err == f"error: {tmp_path / 'nosuch.md'}: no such file\n"


class _ODS(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        q = parse_qs(urlsplit(self.path).query)
        self.server.log.append((q["s"][0], q["l"][0]))
        found = q["s"][0] == "A/RES/75/15" and q["l"][0] == "fr"
        body = self.server.pdf if found else b"<html>Not found</html>"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/pdf" if found else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def ods(tmp_path):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _ODS)
    srv.daemon_threads = True
    srv.pdf = write_pdf(seed_document(), tmp_path / "seed.pdf").read_bytes()
    srv.log = []
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    srv.base_url = f"http://127.0.0.1:{srv.server_address[1]}/api/symbol/access"
    yield srv
    srv.shutdown()
    srv.server_close()


def test_fetch_gets_what_the_corpus_lacks_and_adds_it(ods, tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    argv = ["parse", "75/15", "--lang", "fr", "--corpus", str(folder), "--base-url", ods.base_url]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "--fetch gets it" in err and ods.log == []  # not a terminal: never asked
    code, out, err = run(capsys, *argv, "--fetch")
    assert code == 0, err
    assert out.splitlines()[0].startswith("A/RES/75/15")
    assert ods.log == [("A/RES/75/15", "fr")]
    stored = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))  # .resodiff: the index
    assert stored == ["A_RES_75_15.fr.json", "A_RES_75_15.fr.pdf"]
    # Now in the corpus: found there (in its index), not fetched again.
    assert run(capsys, *argv)[1] == out and ods.log == [("A/RES/75/15", "fr")]
    assert run(capsys, "corpus", "list", "--corpus", str(folder), "--format", "json")[1].count("A/RES/75/15") == 1
    code, _, err = run(capsys, "parse", "75/16", "--lang", "fr", "--corpus", str(folder), "--fetch",
                       "--base-url", ods.base_url)
    assert code == 2 and err == "error: A/RES/75/16 (fr): not found in the UN document system (HTTP 404)\n"


def test_the_seed_path_is_taken_as_it_is(capsys):
    assert run(capsys, "parse", str(SEED), "--format", "json")[0] == 0


def test_a_yes_at_the_prompt_fetches_a_no_does_not(ods, tmp_path):
    from resodiff.resolve import SymbolNotFound, resolve

    folder = tmp_path / "corpus"
    folder.mkdir()
    asked: list[str] = []

    def no(question: str) -> bool:
        asked.append(question)
        return False

    with pytest.raises(SymbolNotFound, match="--fetch gets it"):
        resolve("75/15", language="fr", corpus=folder, confirm=no, base_url=ods.base_url)
    assert asked == [f"A/RES/75/15 (fr) is not in the corpus ({folder}); fetch it from the UN document system?"]
    assert ods.log == []
    path = resolve("75/15", language="fr", corpus=folder, confirm=lambda q: True, base_url=ods.base_url)
    assert path == str(folder / "A_RES_75_15.fr.pdf") and ods.log == [("A/RES/75/15", "fr")]
