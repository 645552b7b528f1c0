"""Inline emphasis kept from Markdown: where the *italic* stretches of a raw text fall in its
clean text (titles of publications, "Ibid.", Latin terms; the lead has its own field).

The cleaning (``clean.strip_markup``) removes the asterisks; this finds each emphasised phrase
again, in order, in what the cleaning left, so the offsets are into the text the model keeps.
"""

from __future__ import annotations

import re

from resodiff.readers.clean import strip_markup

# *x*, **x**, ***x***: not inside a word (5*3) and not spanning lines.
_EMPHASIS = re.compile(r"(?<![*\w])\*{1,3}(?=\S)([^*\n]+?)(?<=\S)\*{1,3}(?![*\w])")


def spans(raw: str, clean: str, *, skip: int = 0) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets into ``clean`` of the phrases ``raw`` emphasises, from offset
    ``skip`` of ``clean`` on (past a lead that is italic anyway)."""
    out: list[tuple[int, int]] = []
    at = skip
    for m in _EMPHASIS.finditer(raw):
        phrase = " ".join(strip_markup(m.group(1)).split())
        if not phrase:
            continue
        k = clean.find(phrase, at)
        if k < 0:
            continue
        out.append((k, k + len(phrase)))
        at = k + len(phrase)
    return tuple(out)
