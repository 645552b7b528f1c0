"""Hostile inputs and hostile places: each case made on the fly in a temporary folder, run
through the command line in a subprocess under resource limits (address space, CPU), and
checked for one line on stderr, exit status 2 (or a warning and 0 where the text is read),
bounded time and memory, and nothing written.

Never a real system path: FIFOs, sockets and devices are made in ``tmp_path``.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile import make

LIMIT_AS = 1536 * 1024 * 1024  # the CLI's whole address space (Python + libraries + the case)
LIMIT_CPU = 30  # CPU seconds: a case that spins is killed (SIGXCPU) and fails
FIGURES = Path(os.environ.get("RESODIFF_HOSTILE_FIGURES", "/nonexistent/figures.jsonl"))


def run(*args: str, cwd: Path, stdin=None, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float, int]:
    """The CLI in a child under limits: result, CPU seconds and peak resident MB of the child.

    ``timeout`` is only a guard for the test itself (wall time on a shared machine varies);
    the bounds are the child's CPU time and memory, and RLIMIT_AS / RLIMIT_CPU stop it hard.
    """
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))
        resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_CPU, LIMIT_CPU))

    peak_file = cwd / ".peak"
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _RUNNER, str(peak_file), *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=stdin or subprocess.DEVNULL, text=True,
                            preexec_fn=limits)
    out, err = proc.communicate(timeout=timeout)
    wall = time.monotonic() - start
    # Time is the child's CPU time (user + system): a loaded machine does not change it.
    rss, cpu = peak_file.read_text().split() if peak_file.exists() else (str(10 ** 9), "inf")
    peak, seconds = int(rss) // 1024, float(cpu)
    peak_file.unlink(missing_ok=True)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    if FIGURES.parent.is_dir():
        with FIGURES.open("a") as fh:
            fh.write(json.dumps({"args": [Path(a).name for a in args[:3]], "cpu_seconds": round(seconds, 2),
                                 "wall_seconds": round(wall, 2), "peak_mb": peak, "rc": proc.returncode}) + "\n")
    return result, seconds, peak


# The command line, then its own peak resident size (kB) and CPU seconds into the file named first.
_RUNNER = """
import resource, sys
from resodiff.cli import main
peak_file = sys.argv.pop(1)
try:
    rc = main(sys.argv[1:])
finally:
    me = resource.getrusage(resource.RUSAGE_SELF)
    with open(peak_file, "w") as fh:
        fh.write(f"{me.ru_maxrss} {me.ru_utime + me.ru_stime}")
sys.exit(rc)
"""


def refused(result: subprocess.CompletedProcess, *words: str) -> None:
    """One line on stderr, naming the problem; exit status 2; no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


SEED = make.SEED


# ---- writers -----------------------------------------------------------------------------------


def _special_targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()
    targets = {"fifo": fifo, "socket": sock, "folder": tmp_path / "dir"}
    targets["folder"].mkdir()
    try:  # a character device like /dev/null, made here (needs privileges; skipped otherwise)
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["device"] = tmp_path / "null"
    except (PermissionError, OSError):
        pass
    link = tmp_path / "link-to-fifo"
    link.symlink_to(fifo)
    targets["symlink to a fifo"] = link
    return targets


@pytest.mark.parametrize("command", ["report", "draft"])
def test_force_never_replaces_what_is_not_a_file(tmp_path, command):
    """`-o /dev/null --force`, shown on a device/FIFO/socket/folder made in tmp_path."""
    for kind, target in _special_targets(tmp_path).items():
        before = os.lstat(target)
        args = (["report", str(SEED), str(SEED)] if command == "report" else ["draft", str(SEED)])
        fmt = ["--format", "md"]
        result, _, _ = run(*args, "-o", str(target), "--force", *fmt, cwd=tmp_path)
        refused(result, "not a file")
        after = os.lstat(target)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode), kind
        assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev), kind
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], kind


def test_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result, _, _ = run("draft", str(SEED), "-o", str(link), "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "Assemblée" in real.read_text(encoding="utf-8")


def test_leftovers_of_a_killed_write_are_cleaned_and_files_get_the_umask(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f".out.md.{dead.pid}.deadbeef.resodiff-tmp"
    leftover.write_bytes(b"half")
    old_umask = os.umask(0o022)
    try:
        result, _, _ = run("draft", str(SEED), "-o", str(tmp_path / "out.md"), cwd=tmp_path)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert listing(tmp_path) == {"out.md"}
    assert stat.S_IMODE((tmp_path / "out.md").stat().st_mode) == 0o644


def test_a_long_name_is_written(tmp_path):
    name = "x" * 250 + ".md"
    result, _, _ = run("draft", str(SEED), "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert listing(tmp_path) == {name}


# ---- readers -----------------------------------------------------------------------------------


def test_fifo_without_writer_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    for args in (["parse", str(fifo)], ["corpus", "add", str(fifo), "--corpus", str(tmp_path / "c")]):
        result, seconds, _ = run(*args, cwd=tmp_path, timeout=30)
        refused(result, "FIFO")
        assert seconds < 15
    assert not (tmp_path / "c").exists() or not [p for p in (tmp_path / "c").iterdir() if p.suffix == ".md"]


def test_device_is_refused_before_it_is_read(tmp_path):
    try:
        os.mknod(tmp_path / "zero", 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    result, _, _ = run("parse", str(tmp_path / "zero"), cwd=tmp_path)
    refused(result, "device")


def test_a_pipe_given_as_the_file_is_refused(tmp_path):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc")
    r, w = os.pipe()
    try:
        result, seconds, _ = run("parse", "/proc/self/fd/0", cwd=tmp_path, stdin=r)  # the child's own stdin
    finally:
        os.close(r)
        os.close(w)
    refused(result, "FIFO")
    assert seconds < 15


def test_size_is_checked_while_reading(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: 60 MB that take no disk
    result, _, _ = run("parse", str(big), cwd=tmp_path)
    refused(result, "larger than 50 MB", "--max-size")
    result, _, _ = run("parse", str(SEED), "--max-size", "10k", cwd=tmp_path)
    refused(result, "larger than 10,240 bytes")


def test_symlink_loop_is_named(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result, _, _ = run("parse", str(tmp_path / "a"), cwd=tmp_path)
    refused(result, "symlink loop")


def test_one_stray_byte_keeps_the_file_utf8_with_a_warning(tmp_path):
    data = SEED.read_bytes()
    at = data.index("Assemblée".encode()) + 300
    stray = tmp_path / "stray.md"
    stray.write_bytes(data[:at] + b"\xa0" + data[at:])
    result, _, _ = run("parse", str(stray), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and f"byte {at:,}" in lines[0]
    parsed = json.loads(result.stdout)
    assert parsed["title"].startswith("Coopération entre")  # no "CoopÃ©ration"
    assert len(parsed["footnotes"]) == 10 and len(parsed["preamble"]) == 18


# ---- PDF bombs ---------------------------------------------------------------------------------

PDF_BOMBS = {
    "inflate": (make.pdf_inflate_bomb, "inflates to more than"),
    "operators": (make.pdf_operator_bomb, "drawing operations"),
    "glyphs": (make.pdf_glyph_bomb, "characters"),
    "forms": (make.pdf_form_bomb, "forms"),
    "pages": (make.pdf_many_pages, "pages is too long"),
}


@pytest.mark.parametrize("case", PDF_BOMBS)
def test_pdf_bombs_refused_within_5_s_and_512_mb(tmp_path, case):
    maker, words = PDF_BOMBS[case]
    bomb = maker(tmp_path)
    assert bomb.stat().st_size < 1.5 * 1024 * 1024
    result, seconds, peak = run("parse", str(bomb), cwd=tmp_path)
    refused(result, words)
    assert seconds < 5 * _slowness()
    assert peak < 512


def test_pdf_bomb_never_stored_by_corpus_add(tmp_path):
    bomb = make.pdf_glyph_bomb(tmp_path)
    corpus = tmp_path / "c"
    result, _, _ = run("corpus", "add", str(bomb), "--corpus", str(corpus), cwd=tmp_path)
    refused(result, "characters")
    assert not corpus.exists() or not [p for p in corpus.iterdir() if p.suffix == ".pdf"]


# ---- Word --------------------------------------------------------------------------------------

DOCX = {
    "doctype in footnotes": (lambda d: make.docx(d, "dt.docx", make.word_parts(
        footnotes=make.footnotes_xml('<!DOCTYPE x [<!ENTITY e "boom">]>', "a &e; b"))), "DOCTYPE"),
    "undefined entity in a run": (lambda d: make.docx(d, "ent.docx", make.word_parts(
        make.seed_paragraphs() + ["29. Decides &foo; to go on"])), "Entity 'foo'"),
    "no document.xml.rels": (lambda d: make.docx(d, "norels.docx", make.word_parts(rels=False)),
                             "document.xml.rels is missing"),
    "document.xml over the XML limit": (lambda d: make.deflated_member_zip(d, "big.docx", "word/document.xml",
                                                                           40 * 1024 * 1024), "unpack"),
    "declares 1,000 bytes, inflates to 64 MB": (lambda d: make.deflated_member_zip(
        d, "lying.docx", "word/document.xml", 64 * 1024 * 1024, declared=1000), "declares 1000 bytes"),
}


@pytest.mark.parametrize("case", DOCX)
def test_word_files_refused(tmp_path, case):
    maker, words = DOCX[case]
    path = maker(tmp_path)
    result, seconds, peak = run("parse", str(path), cwd=tmp_path)
    refused(result, words)
    assert seconds < 5 * _slowness() and peak < 512


# ---- text for terminals and Word ---------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;title\x07 \x1b]52;c;SGVsbG8=\x07 \x9b1m \u202eevil"


def _hostile_text(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    at = text.index("Rappelant")
    path = tmp_path / "esc.md"
    path.write_text(text[:at] + f"Rappelant {ESCAPES} " + text[at + 9:], encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["parse", "{f}"], ["compare", str(SEED), "{f}"], ["compare", str(SEED), "{f}", "--format", "markdown"],
                                  ["draft", "{f}"]])
def test_control_characters_shown_not_obeyed_on_the_terminal(tmp_path, args):
    path = _hostile_text(tmp_path)
    result, _, _ = run(*[a.format(f=path) for a in args], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b" in result.stdout and "\\u202e" in result.stdout


@pytest.mark.parametrize("args", [["report", str(SEED), "{f}", "-o", "x.docx"], ["draft", "{f}", "-o", "d.docx"]])
def test_word_output_with_control_characters(tmp_path, args):
    text = _hostile_text(tmp_path).read_text(encoding="utf-8")
    at = text.index("20. *")
    (tmp_path / "esc.md").write_text(text[:at + 5] + "Prie \x00 le " + text[at + 5:], encoding="utf-8")
    result, _, _ = run(*[a.format(f=tmp_path / "esc.md") for a in args], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / args[-1]
    parsed, _, _ = run("parse", str(written), cwd=tmp_path)
    assert "\\x1b[2J" in parsed.stdout and "\\x00" in parsed.stdout


def test_file_names_with_newlines_and_overrides_in_corpus_list(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil\n\u202ename.md").write_bytes(b"not a resolution\n")
    result, _, _ = run("corpus", "list", "--refused", "--corpus", str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\u202e" not in result.stdout and "evil\\n\\u202ename.md" in result.stdout


# ---- templates ---------------------------------------------------------------------------------

TEMPLATES = {
    "symlink out": ("{% include 'secret.j2' %}", "outside the template folder"),
    "nested ranges": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "more than 5 s"),
    "huge string": ("{% set s = 'x' * 3000000000 %}{{ s }}", "over 10,485,760"),
    "huge output": ("{% for i in range(100000) %}{{ 'abcdefghij' * 100 }}{% endfor %}", "over 10,485,760"),
}


@pytest.mark.parametrize("case", TEMPLATES)
def test_user_templates_bounded(tmp_path, case):
    body, words = TEMPLATES[case]
    folder = tmp_path / "T"
    folder.mkdir()
    (tmp_path / "secret").write_text("root:x:0:0\n")
    (folder / "secret.j2").symlink_to(tmp_path / "secret")
    (folder / "fr.md.j2").write_text(body + "\n")
    result, seconds, peak = run("draft", str(SEED), "--template", str(folder), "-o", "d.md", cwd=tmp_path)
    refused(result, words)
    assert "root:x" not in result.stdout + result.stderr
    assert not (tmp_path / "d.md").exists()
    assert seconds < 15 * _slowness() and peak < 512


# ---- processes ---------------------------------------------------------------------------------


def test_killing_corpus_add_leaves_no_workers(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    data = SEED.read_bytes()
    for k in range(80):
        (texts / f"copy{k}.md").write_bytes(data.replace(b"A/RES/75/15", f"A/RES/75/{100 + k}".encode()))
    proc = subprocess.Popen([sys.executable, "-m", "resodiff.cli", "corpus", "add", str(texts), "--corpus",
                             str(tmp_path / "c")], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    children: set[int] = set()
    while time.monotonic() < deadline and not children:
        children = _children(proc.pid)
        time.sleep(0.05)
    if not children:
        proc.kill()
        pytest.skip("corpus add finished before its workers could be seen")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(c) for c in children):
        time.sleep(0.1)
    assert not [c for c in children if _alive(c)]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _slowness() -> float:
    """CPU-time bounds stretch on a slow machine (RESODIFF_SLOW=3 triples them)."""
    return float(os.environ.get("RESODIFF_SLOW", "1"))


def test_text_after_the_closing_line_is_reported(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    end = text.index("23 novembre 2020", text.index("séance plénière")) + len("23 novembre 2020")
    more = "".join(f"\n\n{k}. *Décide* de poursuivre l'examen de la question numéro {k} ;" for k in range(30, 500))
    path = tmp_path / "after.md"
    path.write_text(text[:end] + more + text[end:], encoding="utf-8")
    result, _, _ = run("parse", str(path), cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "after the closing line" in lines[0]
    assert "not read as paragraphs" in result.stdout  # the outline's note too


# ---- fetch -------------------------------------------------------------------------------------


@pytest.fixture()
def hostile_server(tmp_path):
    """A local document system that trickles, redirects elsewhere, or serves a bomb."""
    import http.server
    import threading

    bomb = make.pdf_glyph_bomb(tmp_path).read_bytes()
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/slow"):
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                while not stop.is_set():
                    try:
                        self.wfile.write(b"%")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.2)
            elif self.path.startswith(("/ftp", "/elsewhere")):
                where = ("ftp://127.0.0.1/doc.pdf" if self.path.startswith("/ftp")
                         else f"http://localhost:{self.server.server_port}/bomb")
                self.send_response(302)
                self.send_header("Location", where)
                self.end_headers()
            else:
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(bomb)))
                self.end_headers()
                self.wfile.write(bomb)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    stop.set()
    server.shutdown()
    server.server_close()


FETCHES = {
    "a byte every 0.2 s": ("/slow", ["--deadline", "2"], "took more than 2 s"),
    "redirect to ftp": ("/ftp", [], "redirects to ftp://"),
    "redirect to another host": ("/elsewhere", [], "redirects to http://localhost"),
    "a PDF bomb": ("/bomb", [], "characters"),
}


@pytest.mark.parametrize("case", FETCHES)
def test_fetch_hostile_servers(tmp_path, hostile_server, case):
    path, extra, words = FETCHES[case]
    corpus = tmp_path / "corpus"
    result, seconds, _ = run("fetch", "A/RES/75/15", "--lang", "fr", "--base-url", hostile_server + path,
                             "--retries", "0", "--timeout", "5", "--corpus", str(corpus), *extra, cwd=tmp_path)
    refused(result, words)
    assert seconds < 15 * _slowness()
    assert not corpus.exists() or not list(corpus.iterdir())


def test_corpus_files_get_the_umask(tmp_path):
    old_umask = os.umask(0o022)
    try:
        result, _, _ = run("corpus", "add", str(SEED), "--corpus", str(tmp_path / "c"), cwd=tmp_path)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    stored = [p for p in (tmp_path / "c").iterdir() if p.suffix == ".md"]
    assert len(stored) == 1 and stat.S_IMODE(stored[0].stat().st_mode) == 0o644
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.endswith((".tmp", ".part"))]


def test_a_long_paragraph_is_reported_and_compared_within_bounds(tmp_path):
    """A 2 MB one-paragraph pair (a report of 2 MB took 40 s before issue 17): report and compare
    finish within the CPU and memory limits, and every changed word is shown."""
    from benchmarks.bench_long_paragraph import pair

    old, new, changed = pair(tmp_path, 2)
    result, seconds, peak = run("report", str(old), str(new), "-o", "r.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert seconds < 12 * _slowness() and peak < 1024
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert all(f"<ins>{word}</ins>" in html for word in changed)
    result, seconds, peak = run("compare", str(old), str(new), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert seconds < 12 * _slowness() and peak < 1024
    assert all("{+" + word + "+}" in result.stdout for word in changed)
