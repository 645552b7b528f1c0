"""A readable outline of a parsed resolution: what `resodiff parse --format text` shows.

Pure: returns a string, prints nothing.
"""

from __future__ import annotations

import textwrap

from resodiff.model import Paragraph, Resolution

WIDTH = 100


def outline(res: Resolution, *, words: int = 12) -> str:
    """Header, then one line per paragraph (id, lead, first words, footnotes), then footnotes."""
    lines = [
        f"{res.symbol or '(no symbol)'}  ·  session {res.session or '?'}  ·  {res.language}",
        f"title:    {res.title or '?'}",
        f"agenda:   {res.agenda_item or '?'}    adopted: {res.adopted or '?'}    meeting: {res.meeting or '?'}",
        f"drafts:   {', '.join(res.drafts) or '-'}",
        f"counts:   {len(res.preamble)} preambular, {len(res.operative)} operative, {len(res.footnotes)} footnotes",
    ]
    for note in res.notes:
        lines.append(f"note:     {note}")
    if res.preamble:
        lines += ["", "Preamble"]
        lines += [_line(p, words) for p in res.preamble]
    if res.operative:
        lines += ["", "Operative part"]
        for p in res.operative:
            lines.append(_line(p, words))
            lines += _subs(p, words, indent=2)
    if res.footnotes:
        lines += ["", "Footnotes"]
        for number, text in res.footnotes:
            lines.append(f"  {number:>3}  " + textwrap.shorten(text, WIDTH - 7, placeholder=" …"))
    if res.references:
        lines += ["", "References: " + ", ".join(res.references)]
    return "\n".join(lines)


def _line(p: Paragraph, words: int) -> str:
    lead = p.lead or "—"
    rest = p.text[len(p.lead):].strip() if p.lead and p.text.startswith(p.lead) else p.text
    first = " ".join(rest.split()[:words])
    marks = f"  [fn {', '.join(p.footnotes)}]" if p.footnotes else ""
    return "  " + textwrap.shorten(f"{p.id:<6} {lead}: {first} …", WIDTH - 2 - len(marks), placeholder=" …") + marks


def _subs(p: Paragraph, words: int, indent: int) -> list[str]:
    out = []
    for s in p.subparagraphs:
        marks = f"  [fn {', '.join(s.footnotes)}]" if s.footnotes else ""
        first = " ".join(s.text.split()[:words])
        out.append(" " * (indent + 2) + textwrap.shorten(f"{s.id:<10} {first} …", WIDTH - indent - 2 - len(marks), placeholder=" …") + marks)
        out += _subs(s, words, indent + 2)
    return out
