"""What the terminal app shows, one row per paragraph link, as plain data (no Textual here).

In: the compare dict of the contract (``resodiff.compare.compare``) and the two
``Resolution``s it was made from, or one ``Resolution`` alone (the outline). Out: ``ViewRow``s,
which the widgets render and the screen searches, filters and jumps through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from resodiff.model import Paragraph, Resolution
from resodiff.words import Words

TEXT = "text"  # the status of an outline row: one text, nothing compared

EQUAL, DELETE, INSERT = "=", "-", "+"


@dataclass(frozen=True)
class ViewRow:
    """One paragraph link as the contract gives it, plus the footnotes of both sides.

    ``footnotes_old`` / ``footnotes_new``: ``(number, text)`` of the footnotes anchored in the
    row's paragraphs, in order. ``diff``: ``(op, text)`` pieces, op in "=", "-", "+", "=" in
    the new spelling; ``old_spelling``: ``(index, text)`` of the "=" pieces the old text spells
    otherwise (the contract's), so the old side shows its own spelling.
    """

    status: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    diff: tuple[tuple[str, str], ...] = ()
    similarity: float = 1.0
    tags: tuple[str, ...] = ()
    lead_old: str | None = None
    lead_new: str | None = None
    footnotes_old: tuple[tuple[str, str], ...] = ()
    footnotes_new: tuple[tuple[str, str], ...] = ()
    # A draft's flags on the new side ("année 2020", ...): time-bound text to update by hand.
    flags: tuple[str, ...] = ()
    fragment: str | None = None  # "old"/"new": a preambular paragraph that side (a fragment) never had
    old_spelling: tuple[tuple[int, str], ...] = ()
    set_aside: bool = False  # only case or punctuation changed, and the user set those aside (c)

    def pieces(self, side: str) -> list[tuple[str, str]]:
        """The ``(op, text)`` pieces of one side ("old": "=" and "-", "new": "=" and "+"), each
        in that side's spelling."""
        if side == "new":
            return [(op, text) for op, text in self.diff if op != DELETE]
        spelled = dict(self.old_spelling)
        return [(op, spelled.get(k, text)) for k, (op, text) in enumerate(self.diff) if op != INSERT]

    @property
    def changed(self) -> bool:
        """Whether n / p stop here and the changed-only filter keeps it (a flag is work to do too;
        a change set aside with c is not, nor a fragment's missing preamble)."""
        return (self.status not in ("unchanged", TEXT) and not self.set_aside and self.fragment is None) \
            or bool(self.flags)

    @property
    def label(self) -> str:
        """The id the gutter shows: the new text's (several for a split), else the old one's."""
        return "+".join(self.new or self.old)

    @property
    def was(self) -> str | None:
        """The old id(s) when they differ from the new ones (renumbered, moved, merged)."""
        if self.old and self.new and self.old != self.new:
            return "+".join(self.old)
        return None

    @property
    def old_text(self) -> str:
        return "".join(text for _, text in self.pieces("old"))

    @property
    def new_text(self) -> str:
        return "".join(text for op, text in self.diff if op != DELETE)

    @property
    def footnote_numbers(self) -> tuple[str, ...]:
        """The footnote numbers the gutter names: the new side's, else the old side's."""
        return tuple(n for n, _ in (self.footnotes_new or self.footnotes_old))

    def has(self, pid: str) -> bool:
        return pid in self.old or pid in self.new

    def matches(self, query: str) -> bool:
        """Whether ``query`` (any case) is in either text or is one of the row's ids."""
        if not query:
            return False
        q = query.casefold()
        return (q in self.old_text.casefold() or q in self.new_text.casefold()
                or any(q == pid.casefold() for pid in self.old + self.new))


def rows_from_compare(data: dict[str, Any], old: Resolution, new: Resolution) -> list[ViewRow]:
    """The compare dict's rows, each with the footnotes of its paragraphs on both sides."""
    from resodiff.compare import fragment_side, outside_fragment

    side = fragment_side(old, new)
    rows = []
    for row in data["rows"]:
        rows.append(ViewRow(
            status=row["status"],
            old=tuple(row["old"]),
            new=tuple(row["new"]),
            diff=tuple((op, text) for op, text in row["diff"]),
            similarity=float(row.get("similarity") or 0.0),
            tags=tuple(row.get("tags") or ()),
            lead_old=(row.get("lead") or {}).get("old"),
            lead_new=(row.get("lead") or {}).get("new"),
            footnotes_old=_footnotes(old, row["old"]),
            footnotes_new=_footnotes(new, row["new"]),
            flags=_flags(new, row["new"]),
            old_spelling=tuple((int(k), text) for k, text in row.get("old_spelling") or ()),
            set_aside=bool(row.get("ignored")),
            fragment=side if outside_fragment(row["status"], row["old"], row["new"], old, new) else None,
        ))
    return rows


def set_aside(rows: Iterable[ViewRow], on: bool) -> list[ViewRow]:
    """The rows with case-only and punctuation-only modifications set aside (``on``) or not:
    the same rule as ``compare --ignore case,punctuation``."""
    # Loaded when asked for, not at start: the first paint needs no aligner.
    from resodiff.compare import IGNORABLE, ignorable

    return [replace(r, set_aside=on and ignorable(r.status, r.tags, r.diff, IGNORABLE)) for r in rows]


def _flags(res: Resolution, ids: Iterable[str]) -> tuple[str, ...]:
    """The flags (reasons) of the paragraphs ``ids`` and of their sub-paragraphs, each once."""
    out: list[str] = []

    def take(para: Paragraph) -> None:
        out.extend(a for a in para.annotations if a not in out)
        for sub in para.subparagraphs:
            take(sub)

    for pid in ids:
        if (para := res.paragraph(pid)) is not None:
            take(para)
    return tuple(out)


def flagged(rows: Iterable[ViewRow]) -> list[ViewRow]:
    """The rows with flags, in reading order: the summary's list of points to update."""
    return [row for row in rows if row.flags]


def rows_from_resolution(res: Resolution) -> list[ViewRow]:
    """One row per paragraph of a single text (the outline): sub-paragraphs on lines of their own."""
    from resodiff.languages import profile  # here: the app's first screen may not need it

    label = profile(res.language).draft_words.sub_label
    rows = []
    for para in res.paragraphs:
        rows.append(ViewRow(status=TEXT, new=(para.id,), diff=((EQUAL, _outline_text(para, label)),),
                            lead_new=para.lead, footnotes_new=_footnotes(res, [para.id])))
    return rows


def _outline_text(para: Paragraph, label: str, depth: int = 0) -> str:
    parts = [para.text]
    for sub in para.subparagraphs:
        parts.append("  " * (depth + 1) + label.format(sub.number) + " " + _outline_text(sub, label, depth + 1))
    return "\n".join(p for p in parts if p)


def _footnotes(res: Resolution, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for pid in ids:
        para = res.paragraph(pid)
        if para is None:
            continue
        for number in para.all_footnotes():
            item = (number, res.footnote(number) or "")
            if item not in out:
                out.append(item)
    return tuple(out)


def footnote_lines(row: ViewRow) -> list[tuple[str, str, str]]:
    """The row's footnotes as ``(op, number, text)``, matched by text across the two versions.

    "=" a footnote both versions carry (the new number), "-" one only the old version carries,
    "+" one only the new version carries; for an outline row every footnote is "=".
    """
    if row.status == TEXT:
        return [(EQUAL, n, t) for n, t in row.footnotes_new]
    old_texts = {_key(t) for _, t in row.footnotes_old}
    new_texts = {_key(t) for _, t in row.footnotes_new}
    lines = [(EQUAL if _key(t) in old_texts else INSERT, n, t) for n, t in row.footnotes_new]
    lines += [(DELETE, n, t) for n, t in row.footnotes_old if _key(t) not in new_texts]
    return lines


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


SEPARATOR = ""  # the op of a space the display puts between a deletion and its replacement


def display_pieces(diff) -> list[tuple[str, str]]:
    """``diff`` as shown in one column: a deletion and the insertion next to it are kept apart
    by a space (op ``SEPARATOR``, in neither text) when neither has one at their boundary, so
    that "septième" replaced by "neuvième" never reads "septièmeneuvième", colour or not."""
    out: list[tuple[str, str]] = []
    for op, piece in diff:
        if out and piece and {out[-1][0], op} == {DELETE, INSERT} and out[-1][1] \
                and not (out[-1][1][-1].isspace() or piece[0].isspace()):
            out.append((SEPARATOR, " "))
        out.append((op, piece))
    return out


MODIFIED = "~"
SAME_NOTE = 60  # a footnote only one version carries, this similar (0-100) to one only the other carries: the same note, changed


def footnote_changes(row: ViewRow) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """The row's footnotes as ``(op, number, diff)``: "=" the same in both versions, "~" one
    note changed (``diff`` its word diff, the new number), "+" / "-" one version's alone.

    A note only the new version carries is paired with the most similar note only the old one
    carries (renumbered notes are matched by their words, not their numbers).
    """
    lines = footnote_lines(row)
    olds = [(n, t) for op, n, t in lines if op == DELETE]
    if not olds or all(op != INSERT for op, _, _ in lines):
        return [(op, n, ((EQUAL if op == EQUAL else op, t),)) for op, n, t in lines]
    from rapidfuzz import fuzz

    from resodiff.worddiff import word_diff

    out: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    for op, number, text in lines:
        if op == EQUAL:
            out.append((EQUAL, number, ((EQUAL, text),)))
        elif op == INSERT:
            best = max(olds, key=lambda o: fuzz.ratio(o[1], text), default=None)
            if best is not None and fuzz.ratio(best[1], text) >= SAME_NOTE:
                olds.remove(best)
                out.append((MODIFIED, number, tuple(word_diff(best[1], text))))
            else:
                out.append((INSERT, number, ((INSERT, text),)))
    out += [(DELETE, n, ((DELETE, t),)) for n, t in olds]
    return out


SET_ASIDE = ("set aside", "ignored")  # the counts of rows set aside: by c, or by compare --ignore


def status_word(words: Words, status: str, n: int = 2, *, short: bool = False) -> str:
    """A status as ``n`` rows of it are counted: the reports' word ("14 modified", "14
    modifiés"), the gutter's for one row ("1 modifié"), or an abbreviation when the title
    bar is short of room ("14 mod")."""
    key = "set_aside" if status in SET_ASIDE else status
    if short:
        return words("counts.short_" + key) if words.has("counts.short_" + key) else status
    if n == 1 and words.has("gutter." + key):
        return words("gutter." + key)
    if key == "set_aside":
        return words("counts.set_aside")
    return words.status(status) if words.has("status." + status) else status


def counts_line(summary: dict[str, int], width: int, words: Words) -> str:
    """The summary's non-zero counts in at most ``width`` characters: in words ("8 unchanged ·
    14 modified"), else abbreviated ("8 same · 14 mod"), else the changes alone, else as many
    whole counts of changes as fit followed by "…"; never a word cut in two."""
    items = [(status, n) for status, n in summary.items() if n]
    changes = [(status, n) for status, n in items if status != "unchanged"]
    for shown, short in ((items, False), (items, True), (changes, True)):
        line = " · ".join(f"{n} {status_word(words, s, n, short=short)}" for s, n in shown)
        if len(line) <= width:
            return line
    items = changes  # what changed matters more than what did not
    kept: list[str] = []
    for status, n in items:
        part = f"{n} {status_word(words, status, short=True)}"
        if len(" · ".join([*kept, part, "…"])) > width:
            break
        kept.append(part)
    return " · ".join([*kept, "…"]) if kept else ""


def lead_changes(rows: Iterable[ViewRow]) -> list[tuple[ViewRow, str, str]]:
    """Rows whose lead changed (both versions have one): ``(row, old lead, new lead)``."""
    out = []
    for row in rows:
        if row.lead_old and row.lead_new and row.lead_old != row.lead_new:
            out.append((row, row.lead_old, row.lead_new))
    return out


def tag_counts(rows: Iterable[ViewRow]) -> dict[str, int]:
    """How many rows carry each tag, in the order tags first appear."""
    counts: dict[str, int] = {}
    for row in rows:
        for tag in row.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return counts


_ID = re.compile(r"^(?P<kind>PP|OP)?\s*(?P<section>[IVXLC]+\.)?\s*(?P<number>\d+)\s*(?P<sub>\(?[a-z]{1,2}\)?|\(?[ivx]{1,5}\)?)?$",
                 re.IGNORECASE)


def normalise_id(text: str) -> str | None:
    """What the user typed after g, as a contract id: "op12" -> "OP12", "12" -> "OP12",
    "pp 3" -> "PP3", "opii.3" -> "OPII.3", "op4a" -> "OP4(a)". None when it is no id."""
    m = _ID.match(text.strip())
    if not m:
        return None
    pid = (m["kind"] or "OP").upper() + (m["section"] or "").upper() + m["number"]
    if m["sub"]:
        pid += "(" + m["sub"].strip("()").lower() + ")"
    return pid


def find_row(rows: list[ViewRow], pid: str) -> tuple[int, str] | None:
    """The index of the row holding ``pid`` and the side it was found on ("new" or "old").

    The new text's numbering wins (it is the one being negotiated); a sub-paragraph id finds
    the row of its paragraph.
    """
    candidates = [pid]
    if "(" in pid:
        candidates.append(pid.split("(", 1)[0])
    for candidate in candidates:
        for side in ("new", "old"):
            for i, row in enumerate(rows):
                if candidate in getattr(row, side):
                    return i, side
    return None
