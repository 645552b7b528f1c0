"""What Markdown emphasis looks like in a resolution's text, decided once for the readers (which
remove it) and the word diff (which leaves it out of the comparison).

``*Se félicite*``, ``**Décide**`` are emphasis; ``a*b*c``, ``2 * 3 * 4``, ``{{ 7*7 }}`` and a
symbol reissued for technical reasons, ``A/RES/75/15*``, are text and keep their asterisks.
"""

from __future__ import annotations

import re

# The opening run neither after a letter or digit nor before a space, the closing run of the same
# length neither after a space nor before a letter (a footnote number may follow: "*Prie*1").
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![^\W\d_]|\*)")

# A lone delimiter of an emphasis cut by a line end ("*Recalling its" ... "resolution*"): at a
# word's start after the start of the text or a space, or at a word's end before a space, the end
# of the text or punctuation; a word on both sides or a digit beside it makes it text.
LONE = re.compile(r"(?:(?<=\s)|^)\*{1,3}(?=[^\W\d_])|(?<=[^\W\d_])\*{1,3}(?=[\s,;:.)]|$)")


def strip_emphasis(text: str) -> str:
    """``text`` without emphasis marks; a lone delimiter only goes when it is the text's one
    asterisk run (one line of a paragraph whose emphasis the line end cut)."""
    if "*" not in text:
        return text
    text = _without_emphasis(text)
    if len(re.findall(r"\*+", text)) == 1:
        text = LONE.sub("", text)
    return text


def _without_emphasis(text: str) -> str:
    """``EMPHASIS.sub(r"\\2", text)``, the pattern tried only where a run of asterisks starts
    (the only places a match can start), found with ``str.find``: ``sub`` would try its
    look-behind at every character, seconds over a long paragraph."""
    out: list[str] = []
    done = 0
    at = text.find("*")
    while at >= 0:
        m = EMPHASIS.match(text, at)
        if m is not None:
            out += [text[done:m.start()], m[2]]
            done = m.end()
            at = text.find("*", done)
            continue
        end = at + 1
        while end < len(text) and text[end] == "*":
            end += 1
        at = text.find("*", end)  # past this run: a match never starts after an asterisk
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)
