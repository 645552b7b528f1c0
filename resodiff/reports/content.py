"""What every report shows, built once: the comparison laid out as the new text with its changes.

In: the two ``Resolution``s and the dict ``compare()`` returned for them. Out: a ``Report``,
whose ``entries`` are the resolution in the new text's order, each paragraph broken into
``Seg`` (a stretch of text kept, deleted or inserted), ``Call`` (a footnote call) and ``Sub``
(where a sub-paragraph starts); deleted paragraphs stand where they stood, and a paragraph
that moved also leaves a stub (``away``) where it was. The HTML, Markdown and DOCX writers only
lay this out.

The layout is exact, which the DOCX's tracked changes need: keeping the "=" and "+" pieces of
every entry gives the new text's paragraphs as read (``Paragraph.full_text``), keeping "="
(in its ``old`` spelling) and "-" gives the old text's, in the old order. Compare diffs the
texts as read, and gives the old spelling of every "=" piece the old text spells otherwise
(quote style, final punctuation, a footnote number the reader left glued to a word): such a
piece is shown as unchanged, and tracked in the DOCX.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from resodiff import worddiff
from resodiff.model import Paragraph, Resolution, spans

KEEP, DELETE, INSERT = worddiff.EQUAL, worddiff.DELETE, worddiff.INSERT
OLD_SIDE, NEW_SIDE = (KEEP, DELETE), (KEEP, INSERT)


# ---- what the writers read --------------------------------------------------------------------

@dataclass(frozen=True)
class Seg:
    """A stretch of text. ``text`` is the new spelling for "=" and "+", the old for "-";
    ``old`` is set on an "=" piece whose old spelling differs (a change of no substance)."""

    op: str
    text: str
    old: str | None = None
    lead: bool = False  # printed in italics: the paragraph's lead phrase, or emphasis the text has

    def on(self, side: tuple[str, ...]) -> str | None:
        """The text this piece has on one side (``OLD_SIDE``/``NEW_SIDE``), None if absent."""
        if self.op not in side:
            return None
        if self.op == KEEP and side == OLD_SIDE and self.old is not None:
            return self.old
        return self.text


@dataclass(frozen=True)
class Call:
    """A footnote call: ``note`` indexes ``Report.notes``; ``label`` is the number printed
    (the new number, the old one for a call only the old text has)."""

    op: str
    note: int
    label: str


@dataclass(frozen=True)
class Sub:
    """Where a sub-paragraph ("(a) ...") starts: "+" in the new text, "-" in the old (only
    given for a paragraph the new text does not have)."""

    op: str


Item = Seg | Call | Sub


@dataclass(frozen=True)
class Block:
    """One printed paragraph of an entry, ending with a paragraph mark.

    ``end``: "=" the mark is in both texts; "+" only in the new (a split, an added paragraph);
    "-" only in the old (a merge, a deleted paragraph). ``label``: the printed number ("12.")
    as pieces; ``label_op`` says on which sides there is a label at all (None: none).
    """

    items: tuple[Item, ...]
    end: str
    label: tuple[Seg, ...] = ()
    label_op: str | None = None
    kind: str = "operative"
    old_id: str | None = None
    new_id: str | None = None
    old_kind: str | None = None  # where the old text's paragraph was of another kind (to-preamble)


@dataclass(frozen=True)
class Note:
    """A footnote of one entry: kept (the same or modified), added or deleted."""

    status: str  # unchanged | modified | added | deleted
    old: str | None  # number in the old text
    new: str | None  # number in the new text
    segs: tuple[Seg, ...]
    old_text: str | None
    new_text: str | None


@dataclass(frozen=True)
class Entry:
    """One row of the comparison where the report shows it.

    ``moved``: the paragraph left its place in the order (status "moved", or a split or merge
    out of order); it is then also listed, as ``away``, at its old place. ``notes``: indexes
    of the footnotes it carries.
    """

    status: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    similarity: float
    tags: tuple[str, ...]
    lead_old: str | None
    lead_new: str | None
    blocks: tuple[Block, ...]
    notes: tuple[int, ...] = ()
    moved: bool = False
    away: bool = False
    ignored: bool = False  # set aside by compare's ``ignore`` (case or punctuation only): shown dimmed

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.moved


@dataclass(frozen=True)
class Para:
    """One paragraph of one side (``side()``): its label and items, all of that side."""

    label: str | None
    items: tuple[Item, ...]
    kind: str
    id: str | None


@dataclass(frozen=True)
class Report:
    old: Resolution
    new: Resolution
    comparison: dict[str, Any]
    entries: tuple[Entry, ...]
    notes: tuple[Note, ...]
    lead_changes: tuple[dict[str, Any], ...]
    reference_changes: tuple[dict[str, Any], ...]

    @property
    def summary(self) -> dict[str, int]:
        return self.comparison["summary"]

    def note_counts(self) -> dict[str, int]:
        counts = Counter(n.status for n in self.notes)
        return {s: counts.get(s, 0) for s in ("unchanged", "modified", "added", "deleted")}


# ---- the text of a paragraph ------------------------------------------------------------------

def paragraph_text(res: Resolution, para: Paragraph) -> str:
    """The text the report shows for a paragraph: as the reader gave it (``parse`` prints the
    same), its sub-paragraphs included with their labels."""
    return para.full_text


def label_of(para: Paragraph) -> str | None:
    """The printed number of an operative paragraph ("12."), None for the preamble."""
    return f"{para.number}." if para.number else None


@dataclass(frozen=True)
class _Layout:
    """A paragraph's text with the places of its footnote calls and sub-paragraphs."""

    text: str
    calls: tuple[tuple[int, str], ...]  # (offset, footnote number)
    subs: tuple[int, ...]
    lead_end: int
    emphasis: tuple[tuple[int, int], ...] = ()  # italic stretches besides the lead


def _layout(res: Resolution, para: Paragraph) -> _Layout:
    text = paragraph_text(res, para)
    calls: list[tuple[int, str]] = []
    subs: list[int] = []
    slanted: list[tuple[int, int]] = []
    built = _place(para, 0, calls, subs, slanted)
    if built != text:  # not laid out as expected: offsets no longer hold, calls go last
        calls = [(len(text), n) for n in para.all_footnotes()]
        subs, slanted = [], []
    lead_end = len(para.lead) if para.lead and text.startswith(para.lead) else 0
    return _Layout(text, tuple(sorted(calls, key=lambda c: c[0])), tuple(subs), lead_end, tuple(slanted))


def _place(para: Paragraph, start: int, calls: list, subs: list, slanted: list) -> str:
    """``para.full_text`` rebuilt piece by piece, noting where calls, sub-paragraphs and
    italics fall."""
    at = list(para.footnote_at) if len(para.footnote_at) == len(para.footnotes) else []
    for k, number in enumerate(para.footnotes):
        offset = at[k] if at and 0 <= at[k] <= len(para.text) else len(para.text)
        calls.append((start + offset, number))
    slanted += [(start + a, start + b) for a, b in para.emphasis if 0 <= a < b <= len(para.text)]
    parts = [para.text] if para.text else []
    pos = start + len(para.text) + (1 if para.text else 0)
    for sub in para.subparagraphs:
        subs.append(pos)
        prefix = f"({sub.number}) " if sub.number else ""
        inner = _place(sub, pos + len(prefix), calls, subs, slanted)
        piece = prefix + inner
        if piece:
            parts.append(piece)
            pos += len(piece) + 1
    return " ".join(parts)


# ---- the diff token by token -----------------------------------------------------------------

@dataclass(frozen=True)
class _Unit:
    op: str
    old: str | None
    new: str | None


def _units(pieces: Iterable[worddiff.Piece], whole: bool = False) -> list[_Unit]:
    """compare's pieces token by token, each "=" token with its old spelling, so that paragraph
    marks (a space between two paragraphs of a split or merge) fall between units. A stretch
    spelled differently stays one unit, its common first and last tokens apart.

    ``whole``: a piece spelled alike on both sides stays one unit; ``_items`` cuts it into
    tokens only where something falls inside it (a paragraph mark, a footnote call, the end of
    a lead). A long paragraph is then walked piece by piece, not word by word.
    """
    units: list[_Unit] = []
    for op, text, old in pieces:
        if whole and old is None and text:
            units.append(_Unit(op, None if op == INSERT else text, None if op == DELETE else text))
        elif op == DELETE:
            units += [_Unit(DELETE, t, None) for t in worddiff.tokenize(text)]
        elif op == INSERT:
            units += [_Unit(INSERT, None, t) for t in worddiff.tokenize(text)]
        elif old is None:
            units += [_Unit(KEEP, t, t) for t in worddiff.tokenize(text)]
        else:
            a, b = worddiff.tokenize(old), worddiff.tokenize(text)
            head = 0
            while head < min(len(a), len(b)) and a[head] == b[head]:
                head += 1
            tail = 0
            while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
                tail += 1
            units += [_Unit(KEEP, t, t) for t in b[:head]]
            units.append(_Unit(KEEP, "".join(a[head:len(a) - tail]), "".join(b[head:len(b) - tail])))
            units += [_Unit(KEEP, t, t) for t in b[len(b) - tail:]]
    return units


def _replaced(old: str, new: str) -> list[_Unit]:
    """All of ``old`` deleted, all of ``new`` inserted."""
    return ([_Unit(DELETE, t, None) for t in worddiff.tokenize(old)]
            + [_Unit(INSERT, None, t) for t in worddiff.tokenize(new)])


def units_for(pieces: list[worddiff.Piece], old: str, new: str) -> list[_Unit]:
    """Units of a row whose pieces spell ``old`` and ``new`` (compare's always do; a comparison
    of other texts is shown as all replaced rather than lose a character)."""
    if worddiff.side_text(pieces, "old") != old or worddiff.side_text(pieces, "new") != new:
        return _replaced(old, new)
    return _units(pieces, whole=True)


def _tokens(u: _Unit) -> list[_Unit]:
    """A whole unit (one piece spelled alike) cut back into one unit per token."""
    return _units([(u.op, u.new if u.new is not None else u.old or "", None)])


# ---- one row ----------------------------------------------------------------------------------

@dataclass
class _Side:
    layouts: list[_Layout]
    paras: list[Paragraph]

    @property
    def text(self) -> str:
        return " ".join(lay.text for lay in self.layouts)

    def starts(self) -> list[int]:
        out, pos = [], 0
        for lay in self.layouts:
            out.append(pos)
            pos += len(lay.text) + 1
        return out

    def breaks(self) -> set[int]:
        return {s - 1 for s in self.starts()[1:]}

    def leads(self) -> list[tuple[int, int]]:
        """Where the text is printed in italics: each paragraph's lead, and its emphasis."""
        return ([(s, s + lay.lead_end) for s, lay in zip(self.starts(), self.layouts) if lay.lead_end]
                + [(s + a, s + b) for s, lay in zip(self.starts(), self.layouts) for a, b in lay.emphasis])

    def subs(self) -> list[int]:
        return sorted(s + off for s, lay in zip(self.starts(), self.layouts) for off in lay.subs)


def _any_in(positions: list[int], start: int, end: int) -> bool:
    """Whether a sorted list holds a position in [start, end]."""
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] <= end


def _in(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _items(units: list[_Unit], old: _Side, new: _Side, old_calls, new_calls) -> list[list[Item] | str]:
    """Walk the units and put in paragraph marks, footnote calls, sub-paragraph starts and
    lead flags. Returns items with paragraph marks as the strings "=", "+", "-"."""
    out: list[Any] = []
    o = n = 0
    old_breaks, new_breaks = old.breaks(), new.breaks()
    old_leads, new_leads = old.leads(), new.leads()
    # past the last lead no piece is in one: the test is skipped for the rest of a long paragraph
    old_lead_end = max((b for _, b in old_leads), default=-1)
    new_lead_end = max((b for _, b in new_leads), default=-1)
    pending_new = sorted(new_calls, key=lambda c: c[0])
    pending_old = sorted(old_calls, key=lambda c: c[0])
    # Sub-paragraph starts of the new text; of the old one only for a paragraph the new lacks.
    subs_new = new.subs()
    subs_old = old.subs() if not new.layouts else []

    def emit_anchors():
        while pending_old and pending_old[0][0] <= o:
            out.append(pending_old.pop(0)[1])
        while pending_new and pending_new[0][0] <= n:
            out.append(pending_new.pop(0)[1])
        while subs_new and subs_new[0] <= n:
            subs_new.pop(0)
            out.append(Sub(INSERT))
        while subs_old and subs_old[0] <= o:
            subs_old.pop(0)
            out.append(Sub(DELETE))

    # Where a unit cannot stay whole: positions of marks, calls, sub-paragraphs and lead ends.
    old_cuts = sorted({*old_breaks, *(p for p, _ in pending_old), *subs_old, *(x for r in old_leads for x in r)})
    new_cuts = sorted({*new_breaks, *(p for p, _ in pending_new), *subs_new, *(x for r in new_leads for x in r)})

    def cut(u: _Unit) -> list[_Unit]:
        lo, ln = len(u.old or ""), len(u.new or "")
        if lo + ln <= 1 or not ((lo and _any_in(old_cuts, o, o + lo)) or (ln and _any_in(new_cuts, n, n + ln))):
            return [u]
        return _tokens(u)

    for u in (t for whole in units for t in cut(whole)):
        emit_anchors()
        if u.new is not None and n in new_breaks and u.new == " ":
            if u.op == KEEP:
                out.append(Seg(DELETE, u.old or " "))
            out.append(INSERT)
            n += 1
            o += len(u.old or "")
            continue
        if u.old is not None and o in old_breaks and u.old == " ":
            if u.op == KEEP:
                out.append(Seg(INSERT, u.new or " "))
            out.append(DELETE)
            o += 1
            n += len(u.new or "")
            continue
        old_text, new_text = u.old or "", u.new or ""  # a deletion has no new side, an insertion no old
        if u.op == DELETE:
            lead = o < old_lead_end and _in(old_leads, o, o + len(old_text))
            out.append(Seg(DELETE, old_text, None, lead))
            o += len(old_text)
        elif u.op == INSERT:
            lead = n < new_lead_end and _in(new_leads, n, n + len(new_text))
            out.append(Seg(INSERT, new_text, None, lead))
            n += len(new_text)
        else:
            lead = n < new_lead_end and _in(new_leads, n, n + len(new_text))
            out.append(Seg(KEEP, new_text, old_text if old_text != new_text else None, lead))
            o += len(old_text)
            n += len(new_text)
    emit_anchors()
    out.extend(c for _, c in pending_old + pending_new)
    return _merge_segs(out)


def _merge_segs(items: list) -> list:
    """Neighbouring pieces with the same op and lead flag become one (pieces with a second
    spelling only with each other). Each run is joined once: linear in the paragraph's length."""
    out: list = []
    run: list[Seg] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            old = None if run[0].old is None else "".join(str(s.old) for s in run)
            out.append(Seg(run[0].op, "".join(s.text for s in run), old, run[0].lead))
        run.clear()

    for it in items:
        if not isinstance(it, Seg):
            flush()
            out.append(it)
            continue
        if run:
            prev = run[-1]
            same = prev.op == it.op and prev.lead == it.lead
            if same and ((prev.old is None and it.old is None)
                         or (it.op == KEEP and prev.old is not None and it.old is not None)):
                run.append(it)  # two spellings only where they differ: the DOCX tracks as little as it can
                continue
            flush()
        run.append(it)
    flush()
    return out


def _label(old_para: Paragraph | None, new_para: Paragraph | None) -> tuple[tuple[Seg, ...], str | None]:
    a = label_of(old_para) if old_para is not None else None
    b = label_of(new_para) if new_para is not None else None
    if a and b:
        return ((Seg(KEEP, b),) if a == b else (Seg(DELETE, a), Seg(INSERT, b))), KEEP
    if b:
        return (Seg(INSERT, b),), INSERT
    if a:
        return (Seg(DELETE, a),), DELETE
    return (), None


def _blocks(items: list, olds: list[Paragraph], news: list[Paragraph]) -> tuple[Block, ...] | None:
    """Cut the items at their paragraph marks and give each block its label and ids; None when
    the marks do not make one block per paragraph of the longer side."""
    chunks: list[tuple[list, str]] = []
    current: list = []
    for it in items:
        if isinstance(it, str):
            chunks.append((current, it))
            current = []
        else:
            current.append(it)
    chunks.append((current, KEEP if olds and news else (INSERT if news else DELETE)))
    if len(chunks) != max(len(olds), len(news)):
        return None
    blocks = []
    old_para: Paragraph | None
    new_para: Paragraph | None
    for k, (chunk, end) in enumerate(chunks):
        if len(news) > 1:  # a split: one block per new paragraph, the first also the old one
            old_para, new_para = (olds[0] if k == 0 and olds else None), news[k]
        elif len(olds) > 1:  # a merge: one block per old paragraph, the first also the new one
            old_para, new_para = olds[k], (news[0] if k == 0 and news else None)
        else:
            old_para, new_para = (olds[0] if olds else None), (news[0] if news else None)
        label, label_op = _label(old_para, new_para)
        shown = new_para if new_para is not None else old_para
        assert shown is not None  # every block stands for an old or a new paragraph
        kind = shown.kind
        old_kind = old_para.kind if old_para is not None and old_para.kind != kind else None
        blocks.append(Block(tuple(chunk), end, label, label_op, kind,
                            old_para.id if old_para is not None else None,
                            new_para.id if new_para is not None else None, old_kind))
    return tuple(blocks)


def _apart(old: _Side, new: _Side, old_calls, new_calls) -> tuple[Block, ...]:
    """One block per paragraph of the row, the old ones deleted, the new ones inserted."""
    blocks = []
    for side_, calls, op in ((old, old_calls, DELETE), (new, new_calls, INSERT)):
        for start, layout, para in zip(side_.starts(), side_.layouts, side_.paras):
            end = start + len(layout.text)
            here = [c for pos, c in calls if start <= pos <= end]
            label = label_of(para)
            blocks.append(Block((Seg(op, layout.text),) + tuple(here), op,
                                (Seg(op, label),) if label else (), op if label else None, para.kind,
                                para.id if op == DELETE else None, para.id if op == INSERT else None))
    return tuple(blocks)


# ---- footnotes ---------------------------------------------------------------------------------

def _pair_notes(old_res: Resolution, olds: list[Paragraph], new_res: Resolution, news: list[Paragraph]):
    """Footnotes of a row paired old to new: same text first, then the closest (rapidfuzz ratio
    of at least 50) in order; the rest are added or deleted. Yields (old number, new number)."""
    old_nums = list(dict.fromkeys(n for p in olds for n in p.all_footnotes()))
    new_nums = list(dict.fromkeys(n for p in news for n in p.all_footnotes()))
    def key(res: Resolution, number: str) -> str:
        return " ".join(worddiff.clean(res.footnote(number) or "").lower().split())

    pairs: dict[str, str] = {}
    free_new = list(new_nums)
    for a in old_nums:
        for b in free_new:
            if key(old_res, a) == key(new_res, b):
                pairs[a] = b
                free_new.remove(b)
                break
    scored = sorted(((fuzz.ratio(key(old_res, a), key(new_res, b)), -i, -j, a, b)
                     for i, a in enumerate(old_nums) if a not in pairs
                     for j, b in enumerate(free_new)), reverse=True)
    for score, _, _, a, b in scored:
        if score >= 50 and a not in pairs and b in free_new:
            pairs[a] = b
            free_new.remove(b)
    out: list[tuple[str | None, str | None]] = [(a, pairs.get(a)) for a in old_nums]
    out += [(None, b) for b in new_nums if b not in pairs.values()]
    return out


def _note(old_res: Resolution, a: str | None, new_res: Resolution, b: str | None) -> Note:
    old_text = old_res.footnote(a) if a else None
    new_text = new_res.footnote(b) if b else None
    old_italic = list(old_res.footnote_italics(a)) if a else []
    new_italic = list(new_res.footnote_italics(b)) if b else []
    if a and b:
        old_text, new_text = old_text or "", new_text or ""
        units = _units(worddiff.pieces(old_text, new_text))
        segs = _merge_segs(_slanted(units, old_italic, new_italic))
        status = "unchanged" if all(s.op == KEEP and s.old is None for s in segs) else "modified"
        return Note(status, a, b, tuple(segs), old_text, new_text)
    if b:
        return Note("added", None, b, _spans(new_text or "", INSERT, new_italic), None, new_text or "")
    return Note("deleted", a, None, _spans(old_text or "", DELETE, old_italic), old_text or "", None)


def _slanted(units: list[_Unit], old_italic: list, new_italic: list) -> list[Seg]:
    """A footnote's units as pieces, those inside its italic stretches flagged (old offsets
    for a deletion, new ones otherwise)."""
    out, o, n = [], 0, 0
    for u in units:
        if u.op == DELETE:
            out.append(Seg(DELETE, u.old or "", None, _in(old_italic, o, o + len(u.old or ""))))
            o += len(u.old or "")
            continue
        italic = _in(new_italic, n, n + len(u.new or ""))
        out.append(Seg(u.op, u.new or "", u.old if u.op == KEEP and u.old != u.new else None, italic))
        o += len(u.old or "")
        n += len(u.new or "")
    return out


def _spans(text: str, op: str, italic: list) -> tuple[Seg, ...]:
    """A whole footnote text as pieces of ``op``, its italic stretches flagged."""
    return tuple(Seg(op, piece, None, slant) for piece, slant in spans(text, italic) if piece)


# ---- the whole report --------------------------------------------------------------------------

def build(old: Resolution, new: Resolution, comparison: dict[str, Any]) -> Report:
    """The report of ``comparison`` (``compare(old, new)``)."""
    old_index = {p.id: k for k, p in enumerate(old.paragraphs)}
    new_index = {p.id: k for k, p in enumerate(new.paragraphs)}
    rows = comparison["rows"]
    notes: list[Note] = []
    made: list[tuple[dict, Entry]] = []
    for row in rows:
        olds = [old.paragraphs[old_index[i]] for i in row["old"]]
        news = [new.paragraphs[new_index[i]] for i in row["new"]]
        old_side = _Side([_layout(old, p) for p in olds], olds)
        new_side = _Side([_layout(new, p) for p in news], news)
        units = units_for(worddiff.from_contract(row["diff"], row.get("old_spelling", ())),
                          old_side.text, new_side.text)
        old_calls, new_calls, entry_notes = [], [], []
        for a, b in _pair_notes(old, olds, new, news):
            note = _note(old, a, new, b)
            notes.append(note)
            entry_notes.append(len(notes) - 1)
            if b is not None:
                new_calls += [(pos, Call(KEEP if a else INSERT, len(notes) - 1, b))
                              for pos, num in _calls(new_side) if num == b][:1]
            else:
                old_calls += [(pos, Call(DELETE, len(notes) - 1, a))
                              for pos, num in _calls(old_side) if num == a][:1]
        blocks = _blocks(_items(units, old_side, new_side, old_calls, new_calls), olds, news)
        if blocks is None:  # a paragraph mark fell inside a token: show the row as replaced
            units = _replaced(old_side.text, new_side.text)
            blocks = _blocks(_items(units, old_side, new_side, old_calls, new_calls), olds, news)
        if blocks is None:  # not even then: each old paragraph deleted, each new one inserted
            blocks = _apart(old_side, new_side, old_calls, new_calls)
        made.append((row, Entry(row["status"], tuple(row["old"]), tuple(row["new"]), row["similarity"],
                                tuple(row["tags"]), row["lead"]["old"], row["lead"]["new"], blocks,
                                tuple(entry_notes), moved=row["status"] == "moved",
                                ignored=bool(row.get("ignored")))))
    entries = _in_order(made, old_index, new_index)
    report = Report(old, new, comparison, tuple(entries), tuple(notes),
                    tuple(_lead_changes(e) for e in entries if not e.away and "lead-verb" in e.tags),
                    tuple(c for e in entries if not e.away and e.changed and e.old and e.new
                          for c in [_reference_changes(e, notes)] if c is not None))
    return report


def _calls(side: _Side) -> list[tuple[int, str]]:
    return [(start + off, num) for start, lay in zip(side.starts(), side.layouts) for off, num in lay.calls]


def _in_order(made: list[tuple[dict, Entry]], old_index: dict, new_index: dict) -> list[Entry]:
    """Entries in the new order, and every paragraph only the old text has (deleted, or the
    old place of a moved one) right after the paragraph it followed in the old order.

    Paragraphs in both texts keep their place if they are in order in both (the longest such
    chain); the others count as moved. Split and merged parts must be neighbours to be shown as
    one entry in place; otherwise they count as moved too.
    """
    both = []
    for k, (row, entry) in enumerate(made):
        if row["old"] and row["new"] and not entry.moved:
            olds = sorted(old_index[i] for i in row["old"])
            news = sorted(new_index[i] for i in row["new"])
            if olds == list(range(olds[0], olds[0] + len(olds))) and news == list(range(news[0], news[0] + len(news))):
                both.append((k, olds[0]))
    chain = set(_longest_increasing(both))
    entries: list[Entry] = [e if (not r["old"] or not r["new"] or k in chain) else _as_moved(e)
                            for k, (r, e) in enumerate(made)]
    # Anchor old-only paragraphs after the chain entry with the nearest lower old index.
    chain_old = sorted((max(old_index[i] for i in made[k][0]["old"]), k) for k in chain)
    keys = [o for o, _ in chain_old]
    after: dict[int, list[tuple[int, Entry]]] = {}
    shown: list[tuple[int, Entry]] = []
    for k, (row, entry) in enumerate(made):
        entry = entries[k]
        if row["old"] and not row["new"]:
            first = old_index[row["old"][0]]
            after.setdefault(_anchor(keys, chain_old, first), []).append((first, entry))
            continue
        if entry.moved:
            first = min(old_index[i] for i in row["old"])
            stub = Entry(entry.status, entry.old, entry.new, entry.similarity, entry.tags, entry.lead_old,
                         entry.lead_new, entry.blocks, entry.notes, moved=True, away=True)
            after.setdefault(_anchor(keys, chain_old, first), []).append((first, stub))
        shown.append((k, entry))
    out: list[Entry] = [e for _, e in sorted(after.get(-1, []), key=lambda p: p[0])]
    for k, entry in shown:
        out.append(entry)
        if k in chain:
            out += [e for _, e in sorted(after.get(k, []), key=lambda p: p[0])]
    return out


def _anchor(keys: list[int], chain_old: list[tuple[int, int]], old_pos: int) -> int:
    """The chain entry (its row number) an old-only paragraph at ``old_pos`` follows, -1 if none."""
    at = bisect.bisect_left(keys, old_pos)
    return chain_old[at - 1][1] if at else -1


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[int]:
    """Row numbers of the longest run of ``pairs`` (row, old position) increasing in both."""
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for idx, (_, pos) in enumerate(pairs):
        at = bisect.bisect_left(tails, pos)
        if at == len(tails):
            tails.append(pos)
            tail_at.append(idx)
        else:
            tails[at] = pos
            tail_at[at] = idx
        back[idx] = tail_at[at - 1] if at else -1
    out = []
    idx = tail_at[-1] if tail_at else -1
    while idx != -1:
        out.append(pairs[idx][0])
        idx = back[idx]
    return out[::-1]


def _as_moved(entry: Entry) -> Entry:
    return Entry(entry.status, entry.old, entry.new, entry.similarity, entry.tags, entry.lead_old,
                 entry.lead_new, entry.blocks, entry.notes, moved=True)


# ---- one side, and the summary ------------------------------------------------------------------

def side(blocks: Iterable[Block], which: tuple[str, ...], marked: bool = False) -> list[Para]:
    """The paragraphs of one side (``OLD_SIDE`` or ``NEW_SIDE``): only that side's pieces, in
    its spelling; blocks whose paragraph mark the side lacks run on into the next. ``marked``
    keeps each piece's op (a "-" stays "-" on the old side), else all become "="."""
    out: list[Para] = []
    items: list[Item] = []
    label: str | None = None
    kind, pid = "operative", None
    started = False
    for block in blocks:
        if not started or (label is None and pid is None):  # a block of the other side only opened it
            label = "".join(s.text for s in block.label if s.op in which) or None
            kind = block.kind
            pid = block.old_id if which == OLD_SIDE else block.new_id
            started = True
        for it in block.items:
            if isinstance(it, Seg):
                text = it.on(which)
                if text:
                    items.append(Seg(it.op if marked else KEEP, text, None, it.lead))
            elif isinstance(it, Call) and it.op in which:
                items.append(it if marked else Call(KEEP, it.note, it.label))
            elif isinstance(it, Sub) and it.op in which:
                items.append(it)
        if block.end in which:
            out.append(Para(label, tuple(_merge_segs(items)), kind, pid))
            items, started = [], False
    if started and items:
        out.append(Para(label, tuple(_merge_segs(items)), kind, pid))
    return out


def ids(entry: Entry, which: str) -> str:
    """"OP3" or "OP3 + OP4" for one side of an entry ("old" or "new")."""
    return " + ".join(entry.old if which == "old" else entry.new)


def _side_text(entry: Entry, which: tuple[str, ...]) -> str:
    return " ".join("".join(it.text for it in p.items if isinstance(it, Seg)) for p in side(entry.blocks, which))


def _lead_changes(entry: Entry) -> dict[str, Any]:
    tags = [t for t in entry.tags if t in ("strengthened", "weakened")]
    return {"old_ids": ids(entry, "old"), "new_ids": ids(entry, "new"), "old": entry.lead_old,
            "new": entry.lead_new, "tags": tags}


def _reference_changes(entry: Entry, notes: list[Note]) -> dict[str, Any] | None:
    """Symbols cited by a paragraph both texts have (its footnotes included) that only one of
    them cites; None if none. (An added or deleted paragraph's citations are news already.)"""
    old_text = " ".join([_side_text(entry, OLD_SIDE)] + [notes[k].old_text or "" for k in entry.notes])
    new_text = " ".join([_side_text(entry, NEW_SIDE)] + [notes[k].new_text or "" for k in entry.notes])
    before, after = Counter(worddiff.references(old_text)), Counter(worddiff.references(new_text))
    if before == after:
        return None
    return {"old_ids": ids(entry, "old"), "new_ids": ids(entry, "new"),
            "removed": list((before - after).elements()), "added": list((after - before).elements())}


def describe(res: Resolution) -> str:
    """How a report names a text: its symbol, else its file name."""
    return res.symbol or res.source or "(untitled)"
