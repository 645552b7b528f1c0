"""The one fold and the one reading of UN symbols (resodiff/fold.py, resodiff/symbols.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resodiff import symbols
from resodiff.fold import fold, title_key
from resodiff.symbols import SymbolError

PACKAGE = Path(__file__).resolve().parent.parent / "resodiff"


def test_fold_sets_aside_quote_style_joining_hyphens_spacing_and_case():
    assert fold("L’Assemblée  «générale»\u00a0décide") == fold("l'assemblée \"générale\" décide")
    assert fold("non\u2011governmental 2001–2010") == "non-governmental 2001-2010"
    assert fold("‘a’ „b“ ʼc") == "'a' \"b\" 'c"


def test_fold_keeps_what_is_substance():
    assert fold("5 * 3 — A/RES/75/15*") == "5 * 3 — a/res/75/15*"  # the em dash is punctuation, kept
    assert fold("Décide") != fold("Decide")  # accents count, unless asked
    assert fold("Décide", accents=True) == fold("DECIDE")


def test_title_key_sets_aside_any_dash_all_quotes_and_end_marks():
    assert title_key("2001–2010: Decade to Roll Back Malaria.") == title_key("2001-2010:  decade to roll back malaria")
    assert title_key("Coopération “Sud-Sud”") == title_key("Cooperation Sud-Sud") == "cooperation sud-sud"
    assert title_key("Question — de Palestine") == "question - de palestine"
    assert title_key(None) is None and title_key(" . ") is None


@pytest.mark.parametrize("text", ["64/79", "A/RES/64/79", "a/res/64/79", "A_RES_64_79", " 64/79 "])
def test_a_resolution_is_named_many_ways(text):
    assert symbols.normalise(text) == "A/RES/64/79"
    assert symbols.resolution(text) == "A/RES/64/79"


def test_other_symbols_and_non_symbols():
    assert symbols.normalise("a/c.3/78/l.41") == "A/C.3/78/L.41"
    assert symbols.resolution("A/C.3/78/L.41") is None  # a document, not a resolution
    assert symbols.resolution("Decade to Roll Back Malaria") is None
    assert symbols.resolution("A/RES/73/259 B") == "A/RES/73/259 B"
    with pytest.raises(SymbolError, match="not a UN document symbol"):
        symbols.normalise("malaria.md")


def test_short_form_session_order_and_file_stem():
    assert symbols.short("A/RES/64/79") == "64/79"
    assert symbols.short("A/75/L.25") is None and symbols.short(None) is None
    assert symbols.session("A/RES/75/15") == symbols.session("75/15") == 75
    assert symbols.session("A/75/L.25") is None
    assert sorted(["A/RES/64/79", "A/RES/9/1", "A/RES/64/100"], key=symbols.order) == \
        ["A/RES/9/1", "A/RES/64/79", "A/RES/64/100"]
    assert symbols.file_stem("A/RES/75/15", "fr") == "A_RES_75_15.fr"


def test_one_definition_each():
    """Folding and symbol reading are written once (issue 13): no module keeps its own."""
    folds, readers = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        folds += [f"{name}:{d}" for d in re.findall(r"^\s*def (_?fold|title_key)\(", text, re.MULTILINE)]
        readers += [f"{name}:{d}" for d in re.findall(r"^\s*def (normalise_symbol|_?symbol|_short_symbol|symbol_order|normalise)\(",
                                                               text, re.MULTILINE)
                    if d != "normalise" or name == "symbols.py"]
    assert folds == ["fold.py:fold", "fold.py:title_key"]
    assert readers == ["symbols.py:normalise"]
