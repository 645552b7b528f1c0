"""``RowView``: one row of the comparison (or of the outline), the unit you move through.

Side by side: a gutter (id, status, old id, tags, footnotes), the old text on the left with
what was deleted struck through, the new text on the right with what was inserted underlined.
Inline: the gutter and one column, deletions and insertions in reading order, like tracked
changes. Strike-through and underline carry the change without colour; colour comes from the
theme through component classes, so dark and light themes both read.
"""

from __future__ import annotations

import re

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from resodiff.tui.rows import DELETE, INSERT, SEPARATOR, TEXT, ViewRow, display_pieces
from resodiff.terminal import neutralise  # the text's control characters seen, never obeyed
from resodiff.words import Words

SIDE, INLINE = "side", "inline"
# Wide enough for "strengthened", "unchanged", "▶ OPII.12", "was OP12": the catalogues'
# gutter words wrap at spaces, none longer than this (tests/test_tui_words.py).
GUTTER = 12
CURSOR = "▶ "  # before the focused paragraph's id: the cursor, visible without colour
# The longest readable line: one column of text (outline, inline) stops at MEASURE = 100
# columns, and each side of side by side too, however wide the terminal (RowView's max-width:
# gutter 12 + text + 1 or 2 gaps + padding 2).
MEASURE = 100

# Component classes of the rows' parent (ParagraphList): how each mark looks, from the theme.
ROW_STYLES = {
    "row--id": "text-style: bold;",
    "row--muted": "text-style: dim;",
    "row--lead": "text-style: italic;",
    "row--deleted": "color: $text-error; background: $error-muted; text-style: strike;",
    "row--inserted": "color: $text-success; background: $success-muted; text-style: underline;",
    "row--match": "color: $text-warning; background: $warning-muted; text-style: bold reverse;",
    "row--unchanged": "text-style: dim;",
    "row--modified": "color: $text-warning; text-style: bold;",
    "row--moved": "color: $text-primary; text-style: bold;",
    "row--split": "color: $text-primary; text-style: bold;",
    "row--merged": "color: $text-primary; text-style: bold;",
    "row--added": "color: $text-success; text-style: bold;",
    "row--deleted-status": "color: $text-error; text-style: bold;",
    "row--flag": "color: $text-warning; text-style: bold reverse;",
}


class RowView(Widget):
    """One ``ViewRow`` rendered as a grid. The list's cursor marks one of them (class
    ``-current``): "the focused paragraph" the keys act on. Rows do not take the keyboard focus
    themselves: moving a cursor restyles two rows, moving the focus would restyle the screen."""

    DEFAULT_CSS = """
    RowView {
        height: auto;
        padding: 0 1 1 1;
        max-width: 216;  /* 12 + 2 x MEASURE + 2 + 2 */
    }
    RowView.-single { max-width: 115; }  /* 12 + MEASURE + 1 + 2 */
    RowView.-current {
        background: $boost;
        outline-left: thick $accent;  /* an outline, unlike a border, moves no text: no new layout */
    }
    """

    mode: reactive[str] = reactive(SIDE, layout=True)  # SIDE or INLINE
    needle: reactive[str] = reactive("")  # the search text to highlight

    class Clicked(Message):
        """The mouse chose this row."""

        def __init__(self, view: RowView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, row: ViewRow, index: int, mode: str = SIDE, words: Words | None = None) -> None:
        """``words``: the app's words in the text's language (English when None)."""
        super().__init__()
        self.row = row
        self._words = words
        self.index = index
        self.set_reactive(RowView.mode, mode)
        self.set_class(self._single(mode), "-single")

    @property
    def words(self) -> Words:
        if self._words is None:
            from resodiff.tui.sources import before_reading

            self._words = before_reading()
        return self._words

    def _single(self, mode: str) -> bool:
        return mode == INLINE or self.row.status == TEXT

    def watch_mode(self, mode: str) -> None:
        self.set_class(self._single(mode), "-single")

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))

    def get_content_height(self, container, viewport, width: int) -> int:
        # Laying out the list measures every row; a row's height depends only on the width and
        # the mode (highlights and focus change no line breaks), so measure each once. Before
        # the first frame, rows below the first screens are estimated, not measured (the list
        # measures them right after: ParagraphList.measure_all).
        key = (width, self.mode)
        cache = self.__dict__.setdefault("_heights", {})
        if key not in cache:
            if self.index >= getattr(self.parent, "exact_rows", 1 << 30):
                return self.estimate_height(width)
            cache[key] = super().get_content_height(container, viewport, width)
        return cache[key]

    def estimate_height(self, width: int) -> int:
        """Lines the row will take at ``width``, from its length alone (no wrapping done)."""
        row = self.row
        two = self.mode == SIDE and row.status != TEXT
        column = max(10, (width - GUTTER - (2 if two else 1)) // (2 if two else 1))
        texts = (row.old_text, row.new_text) if two else (row.old_text + row.new_text if row.status != TEXT
                                                          else row.new_text,)
        lines = max(sum(-(-len(line) * 11 // (10 * column)) or 1 for line in text.split("\n")) for text in texts)
        gutter = 2 + bool(row.was) + len(row.tags) + bool(row.footnote_numbers)
        return max(lines, gutter)

    # ---- rendering ------------------------------------------------------------------------

    def render(self) -> RenderableType:
        row = self.row
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=GUTTER, overflow="fold")
        if self.mode == SIDE and row.status != TEXT:
            grid.add_column(ratio=1, overflow="fold")
            grid.add_column(ratio=1, overflow="fold")
            grid.add_row(self._gutter(), self._side(DELETE, row.lead_old), self._side(INSERT, row.lead_new))
        else:
            grid.add_column(ratio=1, overflow="fold")
            grid.add_row(self._gutter(), self._inline())
        return grid

    def _style(self, name: str) -> Style:
        # The styles live on the list (ROW_STYLES): computed once for all rows, not per row.
        parent = self.parent
        assert isinstance(parent, Widget), parent  # rows live in a ParagraphList
        return parent.get_component_rich_style(name, partial=True)

    def _gutter(self) -> Text:
        row, words = self.row, self.words
        text = Text(overflow="fold")
        text.append((CURSOR if self.has_class("-current") else "") + row.label, self._style("row--id"))
        if row.fragment:
            text.append("\n" + fit(words("gutter.not_in_" + row.fragment)), self._style("row--muted"))
        elif row.status != TEXT:
            status_class = "row--deleted-status" if row.status == "deleted" else f"row--{row.status}"
            status = words("gutter." + row.status) if words.has("gutter." + row.status) else row.status
            text.append("\n" + fit(status), self._style("row--muted" if row.set_aside else status_class))
            if row.set_aside:
                text.append("\n" + fit(words("gutter.set_aside")), self._style("row--muted"))
        muted = self._style("row--muted")
        if row.was:
            text.append("\n" + fit(words("report.was", id=row.was)), muted)
        tags = words.tags(t for t in row.tags if t != "renumbered")  # the reports' words for them
        if tags:
            text.append("\n" + "\n".join(map(fit, tags)), muted)
        if row.footnote_numbers:
            text.append("\n" + fit(words("gutter.footnotes", numbers=",".join(row.footnote_numbers))), muted)
        if row.flags:
            text.append("\n")
            text.append(fit(words("gutter.to_update")), self._style("row--flag"))
        return text

    def _side(self, op: str, lead: str | None) -> Text:
        """One version: the common text plus its own changes (deletions left, insertions right)."""
        changed = self._style("row--deleted" if op == DELETE else "row--inserted")
        if self.row.fragment:  # a preambular paragraph the fragment never had: no change, no mark
            if self.row.fragment == ("old" if op == DELETE else "new"):
                return Text(self.words("gutter.fragment"), self._style("row--muted"))
            changed = Style()
        if self.row.set_aside:  # still marked, but dimmed: a change of case or punctuation only
            changed = changed + self._style("row--muted")
        text = Text()
        for piece_op, piece in self.row.pieces("old" if op == DELETE else "new"):
            text.append(neutralise(piece), changed if piece_op == op else "")
        return self._finish(text, lead, flags=op == INSERT)

    def _inline(self) -> Text:
        """Both versions in one column, in reading order: tracked changes.

        A deletion and the insertion that replaces it are kept apart by a space when neither
        ends in one ("septième soixante-dix-neuvième", not "septièmesoixante-dix-neuvième"): the
        space is the display's, not the texts'. Each version's lead is in italics where its
        words stand, a changed lead too.
        """
        row = self.row
        deleted, inserted = self._style("row--deleted"), self._style("row--inserted")
        if row.fragment:
            deleted = inserted = Style()
        if row.set_aside:
            deleted, inserted = deleted + self._style("row--muted"), inserted + self._style("row--muted")
        lead_style = self._style("row--lead")
        old_lead = len(row.lead_old) if row.lead_old and row.old_text.startswith(row.lead_old) else 0
        new_lead = len(row.lead_new) if row.lead_new and row.new_text.startswith(row.lead_new) else 0
        text = Text()
        at_old = at_new = 0  # where this piece starts in the old and in the new text
        for op, piece in display_pieces(row.diff):
            if op == SEPARATOR:
                text.append(piece)
                continue
            start = len(text)
            text.append(neutralise(piece), deleted if op == DELETE else inserted if op == INSERT else "")
            at, lead = (at_new, new_lead) if op == INSERT else (at_old, old_lead)
            if at < lead:  # italics for the part of the piece inside its version's lead
                text.stylize(lead_style, start, start + min(len(piece), lead - at))
            if op != INSERT:
                at_old += len(piece)
            if op != DELETE:
                at_new += len(piece)
        return self._finish(text, None)

    def _finish(self, text: Text, lead: str | None, *, flags: bool = True) -> Text:
        if lead and text.plain.startswith(lead):
            text.stylize(self._style("row--lead"), 0, len(lead))
        if self.needle:
            match = self._style("row--match")
            for m in re.finditer(re.escape(self.needle), text.plain, re.IGNORECASE):
                text.stylize(match, m.start(), m.end())
        if flags and self.row.flags:  # why the gutter says "to update", under the draft's text
            text.append("\n⚑ " + " · ".join(self.row.flags), self._style("row--modified"))
        return text



def fit(label: str, width: int = GUTTER) -> str:
    """``label`` in lines of at most ``width`` columns, broken at spaces, and after an elided
    article where a word is longer than the line ("verbe d'" / "introduction" / "modifié"):
    a gutter word is never cut in two. (Longer still, it is folded, as the column does.)"""
    pieces: list[tuple[str, str]] = []  # (what joins it to the piece before, the piece)
    for word in label.split(" "):
        head, mark, tail = word.partition("’" if "’" in word else "'")
        if len(word) > width and mark and tail:
            pieces += [(" ", head + mark), ("", tail)]
        else:
            pieces.append((" ", word))
    lines: list[str] = []
    for joint, piece in pieces:
        if lines and len(lines[-1]) + len(joint) + len(piece) <= width:
            lines[-1] += joint + piece
        else:
            lines.append(piece)
    return "\n".join(lines)
