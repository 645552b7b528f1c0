"""Every character of a drafter's text survives every output.

A paragraph holding ``{{ 7*7 }} <script>x</script> A/RES/75/15* 5 * 3 [a] \\ #`` (a template
expression, markup, a symbol reissued for technical reasons, arithmetic, brackets under
negotiation, a backslash, a hash) comes out literally from parse (text, JSON), compare (text,
JSON, Markdown), report (HTML, Markdown, Word, JSON), draft (Markdown, text, Word), the app's
export and ``corpus search``, once the format's own escaping is undone. The old version has it
in OP2 too (so it is shown as unchanged text), the new one also inserts it into OP3.
"""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEED
from lxml import etree

from resodiff.cli import main
from resodiff.tui.app import ResodiffApp
from resodiff.tui.export import write
from resodiff.tui.sources import PAIR, Request

LITERAL = "{{ 7*7 }} <script>x</script> A/RES/75/15* 5 * 3 [a] \\ #"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("literal")
    seed = SEED.read_text(encoding="utf-8")
    old = seed.replace("2. *Réaffirme* que", f"2. *Réaffirme* {LITERAL} que", 1)
    new = old.replace("3. *A conscience* que", f"3. *A conscience* {LITERAL} que", 1)
    new = new.replace("sont déterminées à renforcer encore", "sont résolues à renforcer encore", 1)
    assert old.count(LITERAL) == 1 and new.count(LITERAL) == 2
    (folder / "old.fr.md").write_text(old, encoding="utf-8")
    (folder / "new.fr.md").write_text(new, encoding="utf-8")
    return folder / "old.fr.md", folder / "new.fr.md"


def run_cli(capsys, *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# ---- undoing each format's own escaping ---------------------------------------------------------

def from_markdown(text: str) -> str:
    """Markdown with its backslash escapes (and any entity) undone."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def from_html(text: str) -> str:
    """The text a browser shows (tags gone, entities undone; no <script> of the page's own)."""
    parser = _Text()
    parser.feed(text)
    return "".join(parser.parts)


def from_docx(data: bytes) -> list[str]:
    """Each paragraph of the Word file's body as the new text reads it (tracked deletions out)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def old_side_of_docx(data: bytes) -> list[str]:
    """Each paragraph as the old text reads it: deleted runs in, inserted runs out."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        parts = []
        for t in p.iter(f"{W}t", f"{W}delText"):
            if not any(a.tag == f"{W}ins" for a in t.iterancestors()):
                parts.append(t.text or "")
        out.append("".join(parts))
    return out


def _strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def has_twice(text: str) -> bool:
    return text.count(LITERAL) >= 2


# ---- parse --------------------------------------------------------------------------------------

def test_parse(texts, capsys):
    _, new = texts
    outline = run_cli(capsys, "parse", str(new))
    assert f"OP3 A conscience: {LITERAL} que" in outline and f"OP2 Réaffirme: {LITERAL} que" in outline
    data = json.loads(run_cli(capsys, "parse", str(new), "--format", "json"))
    ops = {p["id"]: p["text"] for p in data["operative"]}
    assert ops["OP2"].startswith(f"Réaffirme {LITERAL} que") and ops["OP3"].startswith(f"A conscience {LITERAL} que")


# ---- compare ------------------------------------------------------------------------------------

def test_compare(texts, capsys):
    old, new = map(str, texts)
    # diffs wrap as prose at spaces: the words are compared with the line ends undone
    piped = " ".join(run_cli(capsys, "compare", old, new, "--color", "never").split())
    assert f"A conscience {{+{LITERAL}+}} que" in piped and f"Réaffirme {LITERAL} que" in piped
    styled = run_cli(capsys, "compare", old, new, "--color", "always")
    assert "\x1b[4" in styled  # really styled
    assert has_twice(" ".join(re.sub(r"\x1b\[[0-9;]*m", "", styled).split()))
    data = json.loads(run_cli(capsys, "compare", old, new, "--format", "json"))
    rows = {tuple(r["new"]): r for r in data["rows"]}
    assert ["+", LITERAL + " "] in rows[("OP3",)]["diff"]
    assert any(op == "=" and LITERAL in text for op, text in rows[("OP2",)]["diff"])
    for fmt in ("md", "markdown"):
        assert has_twice(from_markdown(run_cli(capsys, "compare", old, new, "--format", fmt)))


# ---- reports ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "md", "docx", "json"])
def test_report(texts, tmp_path: Path, capsys, fmt):
    old, new = map(str, texts)
    out = tmp_path / f"r.{fmt}"
    run_cli(capsys, "report", old, new, "-o", str(out))
    if fmt == "html":
        assert has_twice(from_html(out.read_text(encoding="utf-8")))
        side = tmp_path / "side.html"
        run_cli(capsys, "report", old, new, "-o", str(side), "--side-by-side")
        assert from_html(side.read_text(encoding="utf-8")).count(LITERAL) >= 3  # OP2 both columns, OP3 new
    elif fmt == "md":
        assert has_twice(from_markdown(out.read_text(encoding="utf-8")))
    elif fmt == "docx":
        data = out.read_bytes()
        assert sum(LITERAL in p for p in from_docx(data)) == 2
        assert sum(LITERAL in p for p in old_side_of_docx(data)) == 1  # the old text had it once
    else:
        strings = list(_strings(json.loads(out.read_text(encoding="utf-8"))))
        assert sum(s.count(LITERAL) for s in strings) >= 2


# ---- drafts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_draft(texts, tmp_path: Path, capsys, fmt):
    _, new = texts
    out = tmp_path / f"d.{fmt}"
    run_cli(capsys, "draft", str(new), "-o", str(out))
    if fmt == "docx":
        assert sum(LITERAL in p for p in from_docx(out.read_bytes())) == 2
    else:
        assert has_twice(out.read_text(encoding="utf-8"))
    if fmt == "md":  # and read back by resodiff, the draft keeps them
        parsed = json.loads(run_cli(capsys, "parse", str(out), "--format", "json"))
        assert sum(LITERAL in p["text"] for p in parsed["operative"]) == 2


# ---- the app's export, and corpus search --------------------------------------------------------

def test_the_apps_export(texts, tmp_path: Path):
    async def go():
        app = ResodiffApp(Request(PAIR, texts))
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("e")
            screen = app.screen
            written = {}
            for fmt in screen.formats:
                written[fmt.key] = write(screen.comparison, fmt, tmp_path / f"export{fmt.suffix}")
            await pilot.press("escape")
            return written

    written = asyncio.run(go())
    assert set(written) >= {"json", "md", "html", "docx"}
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert has_twice("".join(text for row in data["rows"] for op, text in row["diff"] if op != "-"))
    assert has_twice(from_markdown(written["md"].read_text(encoding="utf-8")))
    assert has_twice(from_html(written["html"].read_text(encoding="utf-8")))
    assert sum(LITERAL in p for p in from_docx(written["docx"].read_bytes())) == 2


def test_corpus_search(texts, tmp_path: Path, capsys):
    _, new = texts
    corpus = tmp_path / "corpus"
    run_cli(capsys, "corpus", "add", str(new), "--corpus", str(corpus))
    phrase = f"conscience {LITERAL} que"
    out = run_cli(capsys, "corpus", "search", phrase, "--corpus", str(corpus))
    assert LITERAL in out
    hits = json.loads(run_cli(capsys, "corpus", "search", phrase, "--corpus", str(corpus), "--format", "json")
                      .rsplit("]", 1)[0] + "]")
    assert any(LITERAL in hit["text"] for hit in hits)
