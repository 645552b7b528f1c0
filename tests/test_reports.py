"""Change reports (`resodiff report`): the seed against a hand-edited next version, pinned in
every format; the DOCX's tracked changes accepted and rejected; hostile text shown as text;
the command's files and errors."""

from __future__ import annotations

import dataclasses
import html.parser
import json
import re
import zipfile
from datetime import datetime, UTC

import pytest
from markdown_it import MarkdownIt

from resodiff import worddiff
from resodiff.cli import main
from resodiff.languages import typeset
from resodiff.model import Resolution
from resodiff.readers import read
from resodiff.reports import make, render
from resodiff.reports.content import NEW_SIDE, OLD_SIDE, Seg, label_of, paragraph_text, side
from resodiff.reports.docx import STYLES
from resodiff.reports.series import make_series, render as render_series

from conftest import SEED
from contracts import conforms
from docx_revisions import dump, resolve, revisions
from edited_seed import ADDED, edited_seed_text

DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
PAYLOAD = "<script>alert(1)</script> {{ 7*7 }}"


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> tuple[Resolution, Resolution]:
    folder = tmp_path_factory.mktemp("edited")
    edited = folder / "A_RES_77_12_edited.fr.md"
    edited.write_text(edited_seed_text(), encoding="utf-8")
    return read(SEED), read(edited)


@pytest.fixture(scope="module")
def report(texts):
    return make(*texts)


def _markdown_html(md: str) -> str:
    return MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(md)


class _Text(html.parser.HTMLParser):
    """The text of an HTML document as a browser shows it (entities decoded), with its tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag == "style"

    def handle_endtag(self, tag):
        self._skip -= tag == "style"

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @classmethod
    def of(cls, document: str) -> _Text:
        parser = cls()
        parser.feed(document)
        return parser

    @property
    def text(self) -> str:
        return "".join(self.parts)


# ---- what the comparison shows ----------------------------------------------------------------

def test_the_edited_seed_has_every_kind_of_change(report):
    """The hand edits are seen as meant; if compare changes its mind, the pinned reports would
    no longer show what this file says they show."""
    assert {k: v for k, v in report.summary.items() if v} == {
        "unchanged": 36, "modified": 5, "moved": 1, "added": 1, "deleted": 1, "split": 1, "merged": 1}
    by_status = {e.status: e for e in report.entries if not e.away and e.status != "unchanged"}
    assert (by_status["moved"].old, by_status["moved"].new) == (("OP9",), ("OP13",))
    assert (by_status["split"].old, by_status["split"].new) == (("OP12",), ("OP11", "OP12"))
    assert (by_status["merged"].old, by_status["merged"].new) == (("OP20", "OP21"), ("OP21",))
    assert [e.old for e in report.entries if e.away] == [("OP9",)]
    assert [(c["new_ids"], c["old"], c["new"]) for c in report.lead_changes] == [
        ("PP10", "Prenant acte", "Prenant acte avec satisfaction"), ("OP4", "Encourage", "Encourage vivement")]
    assert [(c["new_ids"], c["removed"], c["added"]) for c in report.reference_changes] == [
        ("PP4", [], ["75/15"]), ("PP10", ["A/75/345-S/2020/898"], ["A/77/236"])]
    assert report.note_counts() == {"unchanged": 8, "modified": 2, "added": 0, "deleted": 0}


def test_a_moved_paragraph_stands_in_both_places(report):
    """Where it stood (a stub, right after old OP8) and where it stands (after new OP12)."""
    order = [("away" if e.away else e.status, e.old, e.new) for e in report.entries]
    stub = order.index(("away", ("OP9",), ("OP13",)))
    assert order[stub - 1][2] == ("OP8",)
    moved = order.index(("moved", ("OP9",), ("OP13",)))
    assert order[moved - 1][2] == ("OP11", "OP12")


def test_both_sides_of_the_layout_are_the_two_texts(texts, report):
    """Keeping one side of every piece gives that text, paragraph for paragraph, as read."""
    old, new = texts

    def joined(entries, which):
        return [(p.label, "".join(i.text for i in p.items if isinstance(i, Seg)))
                for e in entries for p in side(e.blocks, which)]

    new_entries = [e for e in report.entries if not e.away]
    old_entries = [e for e in report.entries if e.away or not e.moved]
    assert joined(new_entries, NEW_SIDE) == [(label_of(p), paragraph_text(new, p)) for p in new.paragraphs]
    assert joined(old_entries, OLD_SIDE) == [(label_of(p), paragraph_text(old, p)) for p in old.paragraphs]
    assert all(paragraph_text(new, p) == p.full_text for p in new.paragraphs)


# ---- pinned reports ---------------------------------------------------------------------------

def pinned(page: str, fmt: str = "html") -> str:
    """What a pin keeps of a report: an HTML page without its style sheet (the CSS is
    design, read in the browser; the pin is the content)."""
    if fmt != "html":
        return page
    style = re.compile(r"<style>\n.*?</style>\n", re.S)
    assert len(style.findall(page)) == 1
    return style.sub("<style>…</style>\n", page)


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_seed_report_is_pinned(report, fmt, file_regression):
    out = render(report, fmt).decode("utf-8")
    if fmt == "json":
        conforms(json.loads(out), "report")
    file_regression.check(pinned(out, fmt), basename="seed_77", extension=f".{fmt}")


def test_seed_side_by_side_is_pinned(report, file_regression):
    file_regression.check(pinned(render(report, "html", layout="side-by-side").decode("utf-8")),
                          basename="seed_77_side_by_side", extension=".html")


def test_seed_docx_is_pinned(report, tmp_path, file_regression):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    file_regression.check(dump(path, formatting=True), basename="seed_77_docx", extension=".txt")


# ---- the DOCX: real tracked changes -------------------------------------------------------------

def expected_paragraphs(res: Resolution) -> list[tuple[str, str]]:
    """The resolution's paragraphs as the DOCX prints them: style, "12.<tab>" and the text, in
    the language's typography."""
    return [(STYLES[p.kind], (f"{label_of(p)}\t" if label_of(p) else "") + typeset(p.full_text, res.language))
            for p in res.paragraphs]


def expected_footnotes(res: Resolution) -> list[str]:
    return [typeset(res.footnote(n), res.language) for p in res.paragraphs for n in p.all_footnotes()]


def _same(got: list, want: list) -> bool:
    """Texts equal in substance, one by one, as compare judges it (its cleaning and
    ``worddiff.same_substance``: quote style, non-breaking spaces, a footnote number left
    glued to a word)."""
    text = lambda t: t if isinstance(t, str) else f"{t[0]}\x00{t[1]}"  # noqa: E731
    return len(got) == len(want) and all(
        text(a) == text(b) or ((isinstance(a, str) or a[0] == b[0])
                               and worddiff.same_substance(worddiff.clean(text(a)), worddiff.clean(text(b))))
        for a, b in zip(got, want))


def _numbers_run_on(old: Resolution, new: Resolution) -> bool:
    """Whether the old text's operative numbers run on from where the new text's start, section
    by section (1, 2, 3...): then Word's lists number the rejected text as the old text did. A
    fragment (72nd session: 2, 5, 6...) is numbered afresh, its old numbers in comments."""
    def runs(res):
        out: dict = {}
        for p in res.operative:
            out.setdefault(p.section, []).append(int(p.number) if (p.number or "").isdigit() else None)
        return out
    olds, news = runs(old), runs(new)
    return all(ns and ns[0] is not None and olds.get(sec, []) == list(range(ns[0], ns[0] + len(olds.get(sec, []))))
               for sec, ns in news.items())


def check_accept_and_reject(path, old: Resolution, new: Resolution) -> None:
    """Accepting every revision gives the new text exactly; rejecting them the old text, in
    the new spelling where the two differ in no substance (the one rule of every format: a
    quote-style change is no change), numbered as the old text was where its numbers run on
    like the new text's (``_numbers_run_on``)."""
    old_numbers = _numbers_run_on(old, new)
    paragraphs, footnotes = resolve(path, "accept")
    assert [p for p in paragraphs if p[0] in STYLES.values()] == expected_paragraphs(new)
    assert footnotes == expected_footnotes(new)
    paragraphs, footnotes = resolve(path, "reject")
    got = [p for p in paragraphs if p[0] in STYLES.values()]
    want = expected_paragraphs(old)
    if not old_numbers:
        got, want = ([(style, re.sub(r"^\d+\.\t", "", text)) for style, text in x] for x in (got, want))
    assert _same(got, want), [(a, b) for a, b in zip(got, want) if a != b][:1]
    assert _same(footnotes, expected_footnotes(old))


def test_accepting_all_gives_the_new_text_and_rejecting_all_the_old(texts, report, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    check_accept_and_reject(path, *texts)
    # The untracked lines around the text are the same either way.
    accepted, _ = resolve(path, "accept")
    rejected, _ = resolve(path, "reject")
    assert [p for p in accepted if p[0] not in STYLES.values()] == [p for p in rejected if p[0] not in STYLES.values()]


def test_revisions_are_by_resodiff_with_the_date(report, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    found = revisions(path)
    assert {tag for tag, _, _ in found} == {"ins", "del"}
    assert {(author, date) for _, author, date in found} == {("resodiff", "2025-01-02T03:04:05Z")}


def test_moves_splits_and_merges_carry_comments(report, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    with zipfile.ZipFile(path) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
        content_types = z.read("[Content_Types].xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    found = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments)
    # In French, the report's language; a renumbered paragraph's old number is a comment too.
    assert [c for c in found if not c.startswith("ancien OP")] == [
        "issu de la scission de OP12 (désormais OP11 + OP12)",
        "déplacé (ancien OP9)", "fusion de OP20 + OP21 (désormais OP21)"]
    assert [c for c in found if c.startswith("ancien OP")] == [
        f"ancien OP{n}" for n in (10, 11, 13, 14, 15, 16, 17, 18, 19, 23, 24, 25)]
    assert 'w:author="resodiff"' in comments
    assert "comments+xml" in content_types and "footnotes+xml" in content_types
    assert "<w:trackRevisions/>" in settings


# ---- text stays text ------------------------------------------------------------------------------

def _with_payload(texts) -> tuple[Resolution, Resolution]:
    """The edited seed with the payload inserted into OP4 and making up the added OP25; the
    old text gets it in OP7, which the new text keeps."""
    old, new = texts

    def put(res: Resolution, pid: str, make_text) -> Resolution:
        operative = tuple(dataclasses.replace(p, text=make_text(p.text), footnote_at=())
                          if p.id == pid else p for p in res.operative)
        return dataclasses.replace(res, operative=operative)

    new = put(new, "OP4", lambda t: t.replace("Encourage vivement ", f"Encourage vivement {PAYLOAD} "))
    new = put(new, "OP25", lambda t: f"Invite {PAYLOAD} ;")
    new = put(new, "OP7", lambda t: t + " " + PAYLOAD)
    old = put(old, "OP7", lambda t: t + " " + PAYLOAD)
    return old, new


def test_hostile_text_is_shown_literally_in_every_format(texts, tmp_path):
    old, new = _with_payload(texts)
    report = make(old, new)
    assert [p.id for p in new.operative if PAYLOAD in p.text] == ["OP4", "OP7", "OP25"]

    page = render(report, "html").decode("utf-8")
    assert "<script" not in page.lower() and "{{" in page
    shown = _Text.of(page)
    assert "script" not in [tag for tag, _ in shown.tags]
    assert shown.text.count("<script>alert(1)</script>") >= 3 and shown.text.count("{{ 7*7 }}") >= 3
    sides = _Text.of(render(report, "html", layout="side-by-side").decode("utf-8"))
    assert "script" not in [tag for tag, _ in sides.tags] and sides.text.count(PAYLOAD) >= 4

    md = render(report, "md").decode("utf-8")
    as_html = _Text.of(_markdown_html(md))
    assert "script" not in [tag for tag, _ in as_html.tags]
    assert as_html.text.count("<script>alert(1)</script>") >= 3 and as_html.text.count("{{ 7*7 }}") >= 3

    data = conforms(json.loads(render(report, "json")), "report")
    assert [p["id"] for p in data["new"]["operative"] if PAYLOAD in p["text"]] == ["OP4", "OP7", "OP25"]

    path = tmp_path / "payload.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    accepted, _ = resolve(path, "accept")
    assert sum(PAYLOAD in text for _, text in accepted) == 3
    check_accept_and_reject(path, old, new)

    series = make_series([old, new])
    for fmt in ("html", "md"):
        out = render_series(series, fmt).decode("utf-8")
        shown = _Text.of(out if fmt == "html" else _markdown_html(out))
        assert "script" not in [tag for tag, _ in shown.tags] and shown.text.count("{{ 7*7 }}") >= 2
    assert PAYLOAD in render_series(series, "json").decode("utf-8")


def assert_markdown_renders(md: str) -> _Text:
    """Every ** and ~~ of ``md`` is understood by a CommonMark renderer: none is left as text,
    no literal "*" either (the texts have none), and operative numbers make no lists."""
    shown = _Text.of(_markdown_html(md))
    assert "**" not in shown.text and "~~" not in shown.text
    assert "*" not in shown.text.replace("7*7", "")
    assert "ol" not in [t for t, _ in shown.tags]
    return shown


def test_markdown_marks_every_change_so_it_renders(report):
    """Each change of the text comes out as <strong>/<s>/<ins>/<del> when rendered."""
    md = render(report, "md").decode("utf-8")
    shown = assert_markdown_renders(md)
    changes = sum(1 for e in report.entries if not e.away for b in e.blocks
                  for it in b.items if isinstance(it, Seg) and it.op != "=" and it.text.strip())
    marks = [t for t, _ in shown.tags if t in ("strong", "s", "del", "ins")]
    assert len(marks) >= changes


def test_html_is_self_contained(report):
    page = render(report, "html").decode("utf-8")
    shown = _Text.of(page)
    for tag, attrs in shown.tags:
        assert tag not in ("script", "link", "img", "iframe", "object")
        for name in ("src", "href"):
            assert not attrs.get(name, "#").startswith(("http:", "https:", "//")), (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert "@page { size: A4" in page


# ---- series -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def three_versions(texts, tmp_path_factory):
    """The seed, the edited version, and one more session on (given out of order on purpose)."""
    old, new = texts
    folder = tmp_path_factory.mktemp("third")
    third = folder / "A_RES_79_20_edited.fr.md"
    text = edited_seed_text().replace("soixante-dix-neuvième", "quatre-vingt-unième")
    text = text.replace("Soixante-dix-septième session", "Soixante-dix-neuvième session").replace("77/12.", "79/20.")
    text = text.replace("7 décembre 2022", "9 décembre 2024").replace("12 décembre 2022", "13 décembre 2024")
    text = text.replace(ADDED, ADDED.replace("*Invite*", "*Invite instamment*"))
    third.write_text(text, encoding="utf-8")
    return [new, read(third), old]


def test_series_report_is_pinned(three_versions, file_regression):
    series = make_series(three_versions)
    assert [v.symbol for v in series.versions] == ["A/RES/75/15", "A/RES/77/12", "A/RES/79/20"]
    assert [s.summary["modified"] for s in series.steps] == [5, 3]
    file_regression.check(pinned(render_series(series, "html").decode("utf-8")), basename="series_75_79", extension=".html")
    file_regression.check(render_series(series, "md").decode("utf-8"), basename="series_75_79", extension=".md")


def test_series_chart_draws_one_bar_per_status_and_step(three_versions):
    page = render_series(make_series(three_versions), "html").decode("utf-8")
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" '
                      r'class="bar (\w+)" fill="url\(#fill-(\w+)\)"[^>]*><title>([^<]*)</title></rect>\n'
                      r'<text [^>]*class="value">(\d+)</text>', page)
    assert [(status, title, value) for _, status, _, title, value in bars] == [
        ("added", "A/RES/75/15 → A/RES/77/12: 1 ajoutés", "1"),
        ("deleted", "A/RES/75/15 → A/RES/77/12: 1 supprimés", "1"),
        ("modified", "A/RES/75/15 → A/RES/77/12: 5 modifiés", "5"),
        ("added", "A/RES/77/12 → A/RES/79/20: 0 ajoutés", "0"),
        ("deleted", "A/RES/77/12 → A/RES/79/20: 0 supprimés", "0"),
        ("modified", "A/RES/77/12 → A/RES/79/20: 3 modifiés", "3")]
    assert all(status == fill for _, status, fill, _, _ in bars)  # a pattern per kind, not colour alone
    heights = [float(h) for h, _, _, _, _ in bars]
    assert heights[2] > heights[5] > heights[0] > heights[3] == 0.0
    # The chart says what it shows: the series by name, its axes, its kinds.
    name = ("Paragraphes modifiés à chaque session\u00a0: Coopération entre l'Organisation des Nations Unies "
            "et l'Association des nations de l'Asie du Sud-Est (de A/RES/75/15 à A/RES/79/20)")
    assert f'<p class="chart-title">{name}</p>'.replace("'", "&#39;") in page
    assert f"<title>{name}</title>".replace("'", "&#39;") in page
    assert 'class="axis-title">Paragraphes</text>' in page
    assert 'class="axis-title">Résolution (texte le plus récent de chaque étape)</text>' in page
    assert re.findall(r'class="tick">([^<\d][^<]*)</text>', page) == ["ajoutés", "supprimés", "modifiés"]
    data = conforms(json.loads(render_series(make_series(three_versions), "json")), "series-report")
    assert [v["symbol"] for v in data["versions"]] == ["A/RES/75/15", "A/RES/77/12", "A/RES/79/20"]
    assert [list(step) for step in data["steps"]] == [["old", "new", "rows", "summary"]] * 2


# ---- the command ----------------------------------------------------------------------------------

def _edited_file(tmp_path):
    path = tmp_path / "A_RES_77_12_edited.fr.md"
    path.write_text(edited_seed_text(), encoding="utf-8")
    return path


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.mark.parametrize("name, fmt", [("r.html", "html"), ("r.htm", "html"), ("r.md", "md"),
                                       ("r.docx", "docx"), ("r.json", "json"), ("r.out", "json")])
def test_the_format_comes_from_the_extension_or_the_option(tmp_path, capsys, name, fmt):
    edited = _edited_file(tmp_path)
    args = ["report", str(SEED), str(edited), "-o", str(tmp_path / name)]
    if name == "r.out":
        args += ["--format", "json"]
    assert main(args) == 0
    data = (tmp_path / name).read_bytes()
    assert {"html": data.startswith(b"<!DOCTYPE html>"), "md": data.startswith("# Modifications\u00a0: ".encode()),
            "docx": data.startswith(b"PK"), "json": data.startswith(b'{\n  "old"')}[fmt]
    if fmt == "json":
        conforms(json.loads(data), "report")
    assert capsys.readouterr().out.startswith(f"{tmp_path / name}: {fmt} report (36 unchanged, 5 modified")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_existing_report_is_kept_without_force(tmp_path, capsys):
    edited = _edited_file(tmp_path)
    out = tmp_path / "r.html"
    out.write_text("reviewer's notes\n", encoding="utf-8")
    assert main(["report", str(SEED), str(edited), "-o", str(out)]) == 2
    assert _one_error_line(capsys.readouterr().err) == f"error: {out}: already exists; use --force to replace it"
    assert out.read_text(encoding="utf-8") == "reviewer's notes\n"
    assert main(["report", str(SEED), str(edited), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, message", [
    (["{seed}", "-o", "{tmp}/r.html"], "report: give two files, OLD and NEW (or --series FILES... for many versions)"),
    (["{seed}", "{edited}", "-o", "{tmp}/r.txt"], "{tmp}/r.txt: cannot tell the report format from the name; "
                                                   "end it in .html, .md, .docx or .json, or give --format"),
    (["{seed}", "{edited}", "-o", "{tmp}/r.md", "--side-by-side"], "the side-by-side layout is for HTML reports, not md"),
    (["--series", "{seed}", "{edited}", "-o", "{tmp}/r.docx"], "a series report is written as html, md or json, not docx"),
    (["{seed}", "--series", "{seed}", "{edited}", "-o", "{tmp}/r.html"],
     "report: give OLD and NEW, or --series FILES..., not both"),
    (["{seed}", "{edited}", "-o", "{edited}", "--force"],
     "{edited}: is one of the texts being compared; write the report to another file"),
    (["{seed}", "{edited}", "-o", "{tmp}/no/r.html"], "{tmp}/no/r.html: the folder {tmp}/no does not exist"),
    (["{seed}", "{tmp}/missing.md", "-o", "{tmp}/r.html"], "{tmp}/missing.md: no such file"),
    (["{seed}", "{english}", "-o", "{tmp}/r.html"], "A/RES/75/15 and english.md: the two texts are in different "
                                                     "languages (old: fr, new: en); compare versions in the same language"),
])
def test_user_errors_are_one_line_with_status_2(tmp_path, capsys, args, message):
    edited = _edited_file(tmp_path)
    english = tmp_path / "english.md"
    english.write_text("The General Assembly,\n\nRecalling its resolution 75/15,\n\n1. *Requests* the "
                       "Secretary-General to report to it at its seventy-seventh session;\n", encoding="utf-8")
    fill = lambda s: s.format(seed=SEED, edited=edited, tmp=tmp_path, english=english)  # noqa: E731
    before = edited.read_bytes()
    assert main(["report", *map(fill, args)]) == 2
    assert _one_error_line(capsys.readouterr().err) == "error: " + fill(message)
    assert edited.read_bytes() == before
    assert not (tmp_path / "r.html").exists()


def test_series_from_the_command_line(tmp_path, capsys):
    newer, older = tmp_path / "a.md", tmp_path / "b.md"
    newer.write_text(edited_seed_text(), encoding="utf-8")
    older.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "s.md"
    assert main(["report", "--series", str(newer), str(older), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: md report (2 versions)\n"
    text = out.read_text(encoding="utf-8")
    assert "## A/RES/75/15 → A/RES/77/12" in text  # put in session order, not the order given


def test_rows_that_cannot_be_laid_out_are_shown_as_replaced(texts, monkeypatch, tmp_path):
    """The last resort (each old paragraph deleted, each new one inserted) is still exact."""
    from resodiff.reports import content

    monkeypatch.setattr(content, "_blocks", lambda *args: None)
    report = make(*texts)
    assert all(b.end in "-+" for e in report.entries for b in e.blocks)
    path = tmp_path / "apart.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    check_accept_and_reject(path, *texts)
