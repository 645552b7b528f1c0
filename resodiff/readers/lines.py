"""Lines of a resolution's body, as the text reader and the footnote reader both see them.

A ``Line`` is one non-blank line and whether a blank line came before it (paragraph breaks in
the UN text export; almost none in pdftotext output). ``cut_closing`` ends the body at the
closing meeting line, ``ends_complete`` says whether a paragraph so far ends a clause. Shared
by ``text.py`` and ``footnotes.py``, which is why they live apart from both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resodiff.languages import CODES, Profile, profile
from resodiff.readers.clean import strip_markup

TERMINAL = ",;:."
_END_MARKERS = re.compile(r"(?:\s*(?:\[\^\d+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}))+\s*$")


@dataclass
class Line:
    text: str
    blank_before: bool = False


def split_lines(body: str) -> list[Line]:
    """The non-blank lines of ``body``, stripped, each knowing whether a blank line preceded it."""
    out: list[Line] = []
    blank = True
    for raw in body.split("\n"):
        s = raw.strip()
        if not s:
            blank = True
            continue
        out.append(Line(s, blank))
        blank = False
    return out


def cut_closing(lines: list[Line], prof: Profile) -> tuple[list[Line], str | None]:
    """Stop at the closing "30e séance plénière" line; what follows (an annex) is not body."""
    meeting = re.compile(prof.meeting_line, re.IGNORECASE)
    for i, ln in enumerate(lines):
        if meeting.match(strip_markup(ln.text)):
            closing = ln.text
            # "23 novembre 2020" often sits on the next line.
            if i + 1 < len(lines) and prof.parse_date(lines[i + 1].text) and len(lines[i + 1].text) < 30:
                closing += " " + lines[i + 1].text
            return lines[:i], closing
    return lines, None


def ends_complete(text: str) -> bool:
    """Does the paragraph so far end a clause? Footnote markers, quotes and a draft's flag
    ("[À ACTUALISER : …]", before the final punctuation or after it) are looked through."""
    whole = ANNOTATION.sub("", text).rstrip()
    # Only the end can hold markers: the regex, anchored at the end, is tried on the last
    # characters rather than from every position of a long paragraph.
    t = _END_MARKERS.sub("", whole[-80:])
    if not t and len(whole) > 80:  # markers all along the last 80 characters: look at it all
        t = _END_MARKERS.sub("", whole)
    t = t.rstrip("”’\"»*) ")
    return t[-1:] in TERMINAL or whole.endswith(("; and", "; or", ";and"))


# ---- a draft's own annotations ------------------------------------------------------------


def _annotation_re() -> re.Pattern[str]:
    """Any language's flag marker, "[À ACTUALISER : …]", with the spaces before it."""
    forms = []
    for code in CODES:
        if (words := profile(code).draft) is None:
            continue
        before, _, after = words.flag.partition("{reasons}")
        forms.append(re.escape(before).replace(r"\ ", r"\s*") + r"(?P<r_" + code + r">[^\[\]]*)"
                     + re.escape(after).replace(r"\ ", r"\s*"))
    return re.compile(r"\s*(?:" + "|".join(forms) + ")")


ANNOTATION = _annotation_re()


def take_annotations(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the flag markers in it, and the markers' reasons."""
    found = [next(v for k, v in m.groupdict().items() if v is not None).strip() for m in ANNOTATION.finditer(text)]
    return (ANNOTATION.sub("", text), tuple(found)) if found else (text, ())
