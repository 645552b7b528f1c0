"""What every format shows of a paragraph's pieces: each rule written once, for HTML, Markdown
and Word alike.

In: a paragraph's items (``content.Seg``/``Call``/``Sub``). Out, from ``shown``: the items a
writer lays out, with

- no change of no substance: a kept piece whose old spelling differs only in what compare
  does not count (quote style, non-breaking spaces) is shown once, in the new spelling,
  unmarked, in every format;
- the language's typography (French non-breaking spaces before ``; : ? !``);
- a ``Gap`` between a deletion and the insertion that replaces it where the two would touch
  ("~~3~~**5** novembre" reads "35" on paper): HTML and Markdown print ``GAP`` (a thin space),
  Word widens the deletion's last character. ``touch`` is the test, for the terminal too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from resodiff.languages import typeset_pieces
from resodiff.marks import touch
from resodiff.reports.content import DELETE, INSERT, KEEP, Item, Seg



@dataclass(frozen=True)
class Gap:
    """Where a deletion and the insertion next to it would run together."""


def _substance(items: Iterable[Item]) -> list[Item]:
    return [replace(it, old=None) if isinstance(it, Seg) and it.op == KEEP and it.old is not None else it
            for it in items]


def _typeset(items: list[Item], language: str | None) -> list[Item]:
    """The pieces through the language's typography together (``languages.typeset_pieces``:
    " ;" may straddle two pieces, or open one); only spaces change."""
    segs = [it for it in items if isinstance(it, Seg)]
    texts = iter(typeset_pieces([s.text for s in segs], language))
    return [replace(it, text=next(texts)) if isinstance(it, Seg) else it for it in items]


def _gaps(items: list[Item]) -> list[Item | Gap]:
    out: list[Item | Gap] = []
    for it in items:
        prev = out[-1] if out else None
        if (isinstance(it, Seg) and isinstance(prev, Seg) and {prev.op, it.op} == {DELETE, INSERT}
                and touch(prev.text, it.text)):
            out.append(Gap())
        out.append(it)
    return out


def shown(items: Iterable[Item], language: str | None = None, *, gaps: bool = True) -> list[Item | Gap]:
    """``items`` as every format shows them (see the module's docstring). ``gaps``: False for
    one side of a side-by-side layout, where a deletion and an insertion never meet."""
    out = _typeset(_substance(items), language)
    return _gaps(out) if gaps else list(out)


def is_gap(item) -> bool:
    return isinstance(item, Gap)

