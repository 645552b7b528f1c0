"""`resodiff corpus search` on the real texts: ga-80 (70 resolutions, 2025) and ga-72-partial
(operative paragraphs of 93 resolutions, 2017, named by job number, session from front matter).

The expected places were found by reading the files (grep for the sentence and for every way
it is reworded), not by running resodiff.
"""

from __future__ import annotations

import json

import pytest

from resodiff.cli import main
from resodiff.library.store import Library

from conftest import CORPUS, needs_shared

pytestmark = needs_shared

REPORT = ("Requests the Secretary-General to submit to the General Assembly at its eighty-first session a report "
          "on the implementation of the present resolution")
OLYMPIC = ("Calls upon all Member States to cooperate with the International Olympic Committee and the International "
           "Paralympic Committee in their efforts to use sport as a tool to promote peace, dialogue, tolerance and "
           "reconciliation in areas of conflict during and beyond the period of the Olympic and Paralympic Games")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search") / "corpus"
    assert main(["corpus", "add", "--corpus", str(folder), str(CORPUS / "ga-80"), str(CORPUS / "ga-72-partial")]) == 0
    return folder


def _search(capsys, corpus, phrase, *options):
    assert main(["corpus", "search", "--corpus", str(corpus), phrase, "--format", "json", *options]) == 0
    return [(h["session"], h["symbol"] or h["file"], h["id"], h["match"], h["changes"])
            for h in json.loads(capsys.readouterr().out)]


def test_a_ga80_sentence_exact_and_its_close_variants_oldest_first(corpus, capsys):
    assert _search(capsys, corpus, REPORT) == [
        # 2017: the same request for a report, two or three sessions earlier: one word changed
        (72, "N1741610.partial.md", "OP11", "variant", [["eighty-first", "seventy-third"]]),
        (72, "N1741729.partial.md", "OP22", "variant", [["eighty-first", "seventy-third"]]),
        (72, "N1742887.partial.md", "OP19", "variant", [["eighty-first", "seventy-fourth"]]),
        (80, "A/RES/80/17", "OP11", "exact", []),  # "Also requests ..."
        (80, "A/RES/80/24", "OP22", "exact", []),
        (80, "A/RES/80/63", "OP36", "variant", [["requests", "upon"]]),  # "Calls upon ..."
    ]
    assert _search(capsys, corpus, REPORT, "--changes", "0") == [
        (80, "A/RES/80/17", "OP11", "exact", []), (80, "A/RES/80/24", "OP22", "exact", [])]


def test_the_sentence_with_one_word_changed(corpus, capsys):
    invites = REPORT.replace("Requests", "Invites")
    assert _search(capsys, corpus, invites) == [
        (72, "N1743046.partial.md", "OP7", "variant", [["eighty-first", "seventy-third"]]),  # "Invites ..."
        (80, "A/RES/80/17", "OP11", "variant", [["invites", "requests"]]),
        (80, "A/RES/80/24", "OP22", "variant", [["invites", "requests"]]),
        (80, "A/RES/80/63", "OP36", "variant", [["invites", "upon"]]),
    ]


def test_a_sentence_found_eight_years_earlier_without_a_word(corpus, capsys):
    assert _search(capsys, corpus, OLYMPIC) == [
        (72, "N1737790.partial.md", "OP5", "variant", [["tolerance", None]]),
        (80, "A/RES/80/8", "OP5", "exact", []),
    ]
    fostered = OLYMPIC.replace("promote peace", "foster peace")
    assert _search(capsys, corpus, fostered) == [(80, "A/RES/80/8", "OP5", "variant", [["foster", "promote"]])]
    assert [h[1] for h in _search(capsys, corpus, fostered, "--changes", "2")] == ["N1737790.partial.md", "A/RES/80/8"]


def test_text_output_names_symbol_and_paragraph(corpus, capsys):
    assert main(["corpus", "search", "--corpus", str(corpus), OLYMPIC]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["72", "N1737790.partial.md", "OP5", "variant:", "-tolerance"]
    assert "A/RES/80/8" in out and err.strip() == "2 places found"


def test_the_index_holds_the_metadata(corpus):
    with Library(corpus) as lib:
        docs = lib.documents()
        assert len(docs) == 70 + 93
        assert len(lib.documents(session=80)) == 70
        (cluster,) = lib.documents(symbol="A/RES/80/52")
        assert cluster.title == "Implementation of the Convention on Cluster Munitions"  # the body, not the front matter
        assert lib.refused() == [] and not (corpus / "pairs-with-ga-80.tsv").exists()  # skipped, not copied


def _scan(lib: Library, phrase: str, changes: int) -> list[tuple]:
    """What a search must return, found the slow way: every indexed paragraph scored whole."""
    from resodiff.library.phrases import best_match, words
    from resodiff.library.search import chrono

    query = [w for w, _, _ in words(phrase)]
    rows = lib.conn.execute("SELECT p.pid, p.pos, p.text, d.path, d.symbol, d.session, d.adopted FROM paragraphs p"
                            " JOIN documents d ON d.id = p.doc").fetchall()
    found = [(chrono(session, adopted, symbol, path), pos, pid, best_match(query, text, changes))
             for pid, pos, text, path, symbol, session, adopted in rows]
    return [(key[1:], pos, pid, m[1]) for key, pos, pid, m in sorted(f for f in found if f[3] is not None)]


PHRASES = [REPORT, OLYMPIC, "in accordance with the Charter of the United Nations",
           "Requests the Secretary-General to report to the General Assembly at its eighty-first session"]


def _phrases(lib: Library) -> list[str]:
    """Those above, and words 3 to 14 of every 250th paragraph, as printed and with one changed."""
    out = list(PHRASES)
    for (text,) in lib.conn.execute("SELECT text FROM paragraphs ORDER BY id").fetchall()[249::250]:
        ws = text.split()[3:15]
        if len(ws) == 12:
            out += [" ".join(ws), " ".join(ws[:6] + ["considerably"] + ws[7:])]
    return out


@pytest.mark.parametrize("changes", [0, 1, 2])
def test_the_index_finds_what_scoring_every_paragraph_finds(corpus, changes):
    """The FTS5 query (rare word pairs, a piece intact) loses no place a word-by-word scoring of
    every paragraph finds, and the pages come in the same order."""
    with Library(corpus) as lib:
        for phrase in _phrases(lib):
            want = _scan(lib, phrase, changes)
            got = lib.search(phrase, changes=changes)
            assert [(h.id, h.changes) for h in got] == [(pid, edits) for _, _, pid, edits in want], phrase
            assert lib.search(phrase, changes=changes, limit=3) == got[:3]


def test_search_pages(corpus, capsys):
    phrase = "in accordance with the Charter of the United Nations"
    assert main(["corpus", "search", "--corpus", str(corpus), phrase, "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    assert err == "2 places found (the first 2, oldest first; --all for every place)\n"
    assert main(["corpus", "search", "--corpus", str(corpus), phrase, "--all"]) == 0
    every, err = capsys.readouterr()
    assert every.startswith(out) and int(err.split()[0]) > 2 and "--all" not in err
