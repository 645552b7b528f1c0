"""A Markdown link whose target holds parentheses (``javascript:alert(1)``): its words stay in
the paragraph, its target goes whole - no stray ")" left in the text (issue 17, case 10)."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED

from resodiff.readers import read
from resodiff.readers.clean import strip_markup


def test_a_link_target_with_parentheses_goes_whole(tmp_path: Path):
    text = SEED.read_text(encoding="utf-8").replace("Rappelant les buts", "Rappelant [lien](javascript:alert(1)) les buts", 1)
    path = tmp_path / "link.fr.md"
    path.write_text(text, encoding="utf-8")
    first = read(path).preamble[0].text
    assert first.startswith("Rappelant lien les buts et objectifs")
    assert ")" not in first.split("les buts")[0]


def test_link_words_stay_and_plain_brackets_are_text():
    assert strip_markup("voir [71/317](#) et [A/75/1](https://x.org/a_(b))") == "voir 71/317 et A/75/1"
    assert strip_markup("[a] (b) and [c]") == "[a] (b) and [c]"
