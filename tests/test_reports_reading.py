"""Reports as reviewers read them (issue 18): in the report's language, replacements that never
run together, headers that tell the texts apart, Word's own numbering, italics kept, French
punctuation that never wraps. On the seed against its edited copy (French) and on the
72nd-session ICC fragment against A/RES/80/6 (English)."""

from __future__ import annotations

import dataclasses
import html
import re
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from resodiff.bundled import templates_dir
from resodiff.languages import typeset
from resodiff.readers import read
from resodiff.readers.text import parse_text
from resodiff.reports import make, render
from resodiff.marks import GAP, touch
from resodiff.reports.series import make_series, render as render_series

from conftest import CORPUS, SEED, needs_shared
from docx_revisions import resolve
from edited_seed import edited_seed_text
from test_reports import _markdown_html, _Text

DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ICC = (CORPUS / "ga-72-partial" / "N1735495.partial.md", CORPUS / "ga-80" / "A_RES_80_6.md")


@pytest.fixture(scope="module")
def seed_pair(tmp_path_factory):
    edited = tmp_path_factory.mktemp("edited") / "A_RES_77_12_edited.fr.md"
    edited.write_text(edited_seed_text(), encoding="utf-8")
    return read(SEED), read(edited)


@pytest.fixture(scope="module")
def seed_report(seed_pair):
    return make(*seed_pair)


def _docx_parts(report, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "r.docx"
    path.write_bytes(render(report, "docx", date=DATE))
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist() if name.startswith("word/")}


def _docx_text(xml: str) -> str:
    return "".join(html.unescape(t) for t in re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)</w:", xml))


def _shown(report, tmp_path) -> dict[str, str]:
    """What a reader sees of each format: the HTML pages' text, the Markdown as rendered,
    the Word report's text, footnotes and comments."""
    parts = _docx_parts(report, tmp_path)
    return {
        "html": _Text.of(render(report, "html").decode("utf-8")).text,
        "side-by-side": _Text.of(render(report, "html", layout="side-by-side").decode("utf-8")).text,
        "md": _Text.of(_markdown_html(render(report, "md").decode("utf-8"))).text,
        "docx": " ".join(_docx_text(parts[n]) for n in ("word/document.xml", "word/footnotes.xml",
                                                         "word/comments.xml")),
    }


# ---- the report's language --------------------------------------------------------------------

def _catalogue(code: str) -> dict:
    with open(templates_dir() / "report" / "words" / f"{code}.toml", "rb") as f:
        return tomllib.load(f)


def _words(code: str) -> set[str]:
    return {w.lower() for section in _catalogue(code).values() for text in section.values()
            for w in re.findall(r"[^\W\d_]{3,}", text)}


def test_the_catalogues_have_the_same_keys():
    keys = {code: {(s, k) for s, section in _catalogue(code).items() for k in section} for code in ("en", "fr", "es")}
    assert keys["fr"] == keys["en"] == keys["es"]


def test_no_english_label_in_a_french_report(seed_pair, seed_report, tmp_path):
    # English words of the labels that are no French word of the labels nor of the two texts.
    texts = " ".join(p.full_text for r in seed_pair for p in r.paragraphs) + " " + " ".join(
        t for r in seed_pair for _, t in r.footnotes)
    french = _words("fr") | {w.lower() for w in re.findall(r"[^\W\d_]{3,}", texts)}
    english = sorted(_words("en") - french - {"resodiff"})
    assert {"previous", "summary", "moved", "deleted", "strengthened", "footnote", "inserted"} <= set(english)
    shown = _shown(seed_report, tmp_path)
    series = make_series(list(seed_pair))
    shown["series"] = _Text.of(render_series(series, "html").decode("utf-8")).text
    shown["series-md"] = render_series(series, "md").decode("utf-8")
    for fmt, text in shown.items():
        found = sorted(set(re.findall(r"[^\W\d_]{3,}", text.lower())) & set(english))
        assert found == [], fmt
    assert "Texte précédent" in shown["html"] and "Verbes d'introduction modifiés" in shown["md"]
    assert "ancien OP10" in shown["docx"] and "déplacé (ancien OP9)" in shown["docx"]


# ---- replacements that never run together ---------------------------------------------------------

def test_touch_is_the_test_of_two_pieces_running_together():
    assert touch("3", "5") and touch("parties", "Parties") and touch("73/259", "75/15")
    assert not touch("3 ", "5") and not touch("3", " 5") and not touch("", "5")


def _html_joints(page: str) -> list[tuple[str, str, str]]:
    """Each deletion directly followed by an insertion: its last character, what stands
    between them, the insertion's first character."""
    return re.findall(r"(.)</del>((?:<span class=\"gap\">[^<]*</span>)?)<ins>(.)", html.unescape(page))


def _digit_joints(report, tmp_path) -> dict[str, list[str]]:
    """Every place in each format where a struck digit is directly followed by an inserted one."""
    page = render(report, "html").decode("utf-8")
    md = render(report, "md").decode("utf-8")
    parts = _docx_parts(report, tmp_path)
    docx = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        # A deletion whose last run ends in a digit, then straight away an insertion starting with one.
        for deleted, inserted in re.findall(r"<w:del [^>]*>((?:(?!</w:del>).)*)</w:del><w:ins [^>]*>(.*?)</w:ins>",
                                            parts[name]):
            last_run = re.findall(r"<w:r>(.*?)</w:r>", deleted)[-1]
            text_in = _docx_text(inserted)
            if re.search(r"\d</w:delText>", last_run) and text_in[:1].isdigit() and 'w:spacing w:val=' not in last_run:
                docx.append(_docx_text(deleted) + "|" + text_in)
    return {
        "html": [m for m in re.findall(r"\d</del>((?:<[^>]+>)*)<ins>\d", page) if "gap" not in m],
        "md": re.findall(r"\d(?:~~|</del>)(?:\*\*|<ins>)\d", md),
        "docx": docx,
    }


def test_no_digit_runs_into_a_digit_across_a_replacement(seed_report, tmp_path):
    page = render(seed_report, "html").decode("utf-8")
    assert "<del>73/259</del><span class=\"gap\">\u2009</span><ins>75/15</ins>" in html.unescape(page)
    joints = _html_joints(page)  # every joint, not only digits: a gap unless a space is there
    assert joints and all(gap == '<span class="gap">\u2009</span>' or a.isspace() or b.isspace() for a, gap, b in joints)
    assert "~~73/259~~\u2009**75/15**" in render(seed_report, "md").decode("utf-8")
    assert _digit_joints(seed_report, tmp_path) == {"html": [], "md": [], "docx": []}


@needs_shared
def test_no_digit_runs_into_a_digit_in_the_icc_report(tmp_path):
    report = make(*(read(p) for p in ICC))
    assert _digit_joints(report, tmp_path) == {"html": [], "md": [], "docx": []}
    md = render(report, "md").decode("utf-8")
    assert "from ~~4~~\u2009**7** to ~~14~~\u2009**17** December" in md
    # In Word the deletion's last character is widened: the gap is no character of either text.
    document = _docx_parts(report, tmp_path)["word/document.xml"]
    assert re.search(r'<w:del [^>]*><w:r><w:rPr><w:spacing w:val="60"/></w:rPr><w:delText xml:space="preserve">4'
                     r'</w:delText></w:r></w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">7</w:t>', document)


# ---- headers that tell the texts apart -------------------------------------------------------------

def test_equal_symbols_still_give_distinct_headers(seed_pair):
    old, new = seed_pair
    same = dataclasses.replace(new, symbol=old.symbol)  # an edited copy keeping the symbol
    report = make(old, same)
    page = render(report, "html").decode("utf-8")
    heads = re.search(r"<table class=\"versions\">\n<thead><tr><th></th>(.*?)</tr></thead>", page).group(1)
    cells = [_Text.of(c).text for c in re.findall(r"<th>(.*?)</th>", heads)]
    assert cells == ["Texte précédentA/RES/75/15 · 23\u00a0novembre 2020".replace("\u00a0", " "),
                     "Nouveau texteA/RES/75/15 · 7 décembre 2022"]
    side = render(report, "html", layout="side-by-side").decode("utf-8")
    assert "<th>Texte précédent<br><span class=\"which\">A/RES/75/15 · 23 novembre 2020</span></th>" in side
    md = render(report, "md").decode("utf-8")
    assert "| | Texte précédent<br>A/RES/75/15 · 23 novembre 2020 | Nouveau texte<br>A/RES/75/15 · 7 décembre 2022 |" in md
    # Same symbol and same date: the file names tell them apart.
    undated = make(dataclasses.replace(old, adopted=None), dataclasses.replace(same, adopted=None))
    md = render(undated, "md").decode("utf-8")
    assert "Texte précédent<br>A/RES/75/15 · A\\_RES\\_75\\_15.fr.md" in md
    assert "Nouveau texte<br>A/RES/75/15 · A\\_RES\\_77\\_12\\_edited.fr.md" in md


# ---- Word's own numbering -------------------------------------------------------------------------

@needs_shared
def test_word_report_of_the_icc_fragment_tracks_no_paragraph_number(tmp_path):
    report = make(*(read(p) for p in ICC))
    parts = _docx_parts(report, tmp_path)
    document = parts["word/document.xml"]
    revisions = re.findall(r"<w:(ins|del) [^>]*>(.*?)</w:\1>", document)
    assert revisions, "the report has tracked changes"
    only_numbers = [_docx_text(body) for _, body in revisions
                    if re.fullmatch(r"\s*\d+\.?\s*", _docx_text(body)) and "<w:tab/>" not in body
                    and re.search(r"\d+\.", _docx_text(body))]
    tabs_alone = [body for _, body in revisions if not _docx_text(body) and "<w:tab/>" in body]
    assert only_numbers == [] and tabs_alone == []
    # Operative paragraphs are in one Word list from 1; the old number is a comment.
    assert len(re.findall(r"<w:numId w:val=\"(\d+)\"/>", document)) >= 32
    comments = _docx_text(parts["word/comments.xml"])
    assert "was OP9" in comments and "was OP26" in comments
    accepted, _ = resolve(tmp_path / "r.docx", "accept")
    numbered = [t for style, t in accepted if style == "Operative paragraph"]
    assert [t.split("\t")[0] for t in numbered] == [f"{n}." for n in range(1, 33)]
    assert numbered[9].startswith("10.\tCalls upon States Parties")


def test_quote_style_is_no_change_in_any_format(seed_pair, tmp_path):
    old, new = seed_pair
    straight = dataclasses.replace(new, operative=tuple(
        dataclasses.replace(p, text=p.text.replace("'", "’")) if p.id == "OP2" else p for p in new.operative))
    report = make(old, straight)
    parts = _docx_parts(report, tmp_path)
    para = next(p for p in re.findall(r"<w:p>.*?</w:p>", parts["word/document.xml"]) if "sont déterminées" in p)
    assert "<w:ins " not in para and "<w:del " not in para and "l’Organisation" in _docx_text(para)
    entry = next(e for e in report.entries if e.new == ("OP2",))
    page = render(report, "html").decode("utf-8")
    block = page[page.index('id="p-OP2"'):page.index('id="p-OP3"')]
    assert entry.status == "unchanged" and "<ins>" not in block and "<del>" not in block


# ---- italics kept ------------------------------------------------------------------------------------

def test_footnote_italics_survive_parse_report_and_word(seed_pair, seed_report, tmp_path):
    old, _ = seed_pair
    assert old.footnote("1") == "Nations Unies, Recueil des Traités, vol. 1331, n° 22341."
    assert [(n, [old.footnote(n)[a:b] for a, b in spans]) for n, spans in old.footnote_emphasis] == [
        ("1", ["Recueil des Traités"]), ("2", ["Ibid."]), ("8", ["Recueil des Traités"]), ("10", ["Recueil des Traités"])]
    assert old.to_json()["footnote_emphasis"]["2"] == [[0, 5]]
    page = render(seed_report, "html").decode("utf-8")
    assert "Nations Unies, <em>Recueil des Traités</em>, vol. 1331" in page and "<em>Ibid.</em>, vol. 2624" in page
    assert "Nations Unies, *Recueil des Traités*, vol. 1331" in render(seed_report, "md").decode("utf-8")
    notes = _docx_parts(seed_report, tmp_path)["word/footnotes.xml"]
    italic = [_docx_text(r) for r in re.findall(r"<w:r>(.*?)</w:r>", notes) if "<w:i/>" in r]
    assert italic.count("Recueil des Traités") == 3 and "Ibid." in italic


def test_emphasis_in_a_paragraph_is_kept_and_the_json_contract_grows_only_there():
    text = SEED.read_text(encoding="utf-8").replace(
        "les buts et objectifs de l'Association", "les buts et objectifs *mutatis mutandis* de l'Association", 1)
    res = parse_text(text, source="x.md")
    pp1 = res.preamble[0]
    assert [pp1.text[a:b] for a, b in pp1.emphasis] == ["mutatis mutandis"]
    assert pp1.to_json()["emphasis"] == [list(pp1.emphasis[0])]
    assert "emphasis" not in res.preamble[1].to_json()  # absent where there is none
    report = make(read(SEED), res)
    assert "<ins><em>mutatis mutandis</em></ins>" in render(report, "html").decode("utf-8")


# ---- French punctuation --------------------------------------------------------------------------------

def test_typeset_binds_french_punctuation_and_changes_only_spaces():
    text = "Prie le Secrétaire général ; « texte » : oui ? non ! fin"
    out = typeset(text, "fr")  # the drafts' typography (languages.typeset), shared by the reports
    assert out == "Prie le Secrétaire général\u202f; «\u202ftexte\u202f»\u00a0: oui\u202f? non\u202f! fin"
    assert out.replace("\u202f", " ").replace("\u00a0", " ") == text
    assert typeset(text, "en") == text and typeset(text, None) == text


def test_no_french_sign_can_start_a_line(seed_report, tmp_path):
    for fmt, text in _shown(seed_report, tmp_path).items():
        assert re.findall(r" [;:?!»]", text) == [], fmt
    assert "conviendra\u202f;" in _shown(seed_report, tmp_path)["docx"]
    assert GAP == "\u2009"
