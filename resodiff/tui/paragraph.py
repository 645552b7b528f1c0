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

from resodiff.tui.rows import DELETE, INSERT, TEXT, ViewRow

SIDE, INLINE = "side", "inline"
GUTTER = 11  # wide enough for "unchanged", "punctuation", "OPII.12", "was OP12"
# Tags too long for the gutter, shortened there (the summary panel gives them in full).
GUTTER_TAGS = {"strengthened": "stronger", "weakened": "weaker", "punctuation-only": "punctuation",
               "to-preamble": "to PP", "to-operative": "to OP"}

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
    }
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

    def __init__(self, row: ViewRow, index: int, mode: str = SIDE) -> None:
        super().__init__()
        self.row = row
        self.index = index
        self.set_reactive(RowView.mode, mode)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))

    def get_content_height(self, container, viewport, width: int) -> int:
        # Laying out the list measures every row; a row's height depends only on the width and
        # the mode (highlights and focus change no line breaks), so measure each once.
        key = (width, self.mode)
        cache = self.__dict__.setdefault("_heights", {})
        if key not in cache:
            cache[key] = super().get_content_height(container, viewport, width)
        return cache[key]

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
        row = self.row
        text = Text(overflow="fold")
        text.append(row.label, self._style("row--id"))
        if row.status != TEXT:
            status_class = "row--deleted-status" if row.status == "deleted" else f"row--{row.status}"
            text.append("\n" + row.status, self._style("row--muted" if row.set_aside else status_class))
            if row.set_aside:
                text.append("\nset aside", self._style("row--muted"))
        muted = self._style("row--muted")
        if row.was:
            text.append("\nwas " + row.was, muted)
        tags = [GUTTER_TAGS.get(t, t) for t in row.tags if t != "renumbered"]
        if tags:
            text.append("\n" + "\n".join(tags), muted)
        if row.footnote_numbers:
            text.append("\nfn " + ",".join(row.footnote_numbers), muted)
        if row.flags:
            text.append("\n")
            text.append("to update", self._style("row--flag"))
        return text

    def _side(self, op: str, lead: str | None) -> Text:
        """One version: the common text plus its own changes (deletions left, insertions right)."""
        changed = self._style("row--deleted" if op == DELETE else "row--inserted")
        if self.row.set_aside:  # still marked, but dimmed: a change of case or punctuation only
            changed = changed + self._style("row--muted")
        text = Text()
        for piece_op, piece in self.row.pieces("old" if op == DELETE else "new"):
            text.append(piece, changed if piece_op == op else "")
        return self._finish(text, lead, flags=op == INSERT)

    def _inline(self) -> Text:
        """Both versions in one column, in reading order: tracked changes."""
        deleted, inserted = self._style("row--deleted"), self._style("row--inserted")
        if self.row.set_aside:
            deleted, inserted = deleted + self._style("row--muted"), inserted + self._style("row--muted")
        text = Text()
        for op, piece in self.row.diff:
            text.append(piece, deleted if op == DELETE else inserted if op == INSERT else "")
        lead = self.row.lead_new if self.row.lead_new == self.row.lead_old or self.row.status == TEXT else None
        return self._finish(text, lead)

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
