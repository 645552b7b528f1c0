"""``ColumnHeader``: the line above the rows naming each column, with the key to the marks.

Its grid has the rows' proportions (gutter, old, new), so the names sit over their text.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from resodiff.tui.paragraph import GUTTER, SIDE
from resodiff.words import Words


class ColumnHeader(Widget):
    COMPONENT_CLASSES = {"columns--deleted", "columns--inserted", "columns--muted"}

    DEFAULT_CSS = """
    ColumnHeader {
        height: auto;
        background: $panel;
        padding: 0 2 0 1;
        text-style: bold;
        max-width: 217;  /* over the rows: RowView's max-width, and the scroll bar */
    }
    ColumnHeader.-single { max-width: 116; }
    ColumnHeader > .columns--deleted { color: $text-error; background: $error-muted; text-style: strike; }
    ColumnHeader > .columns--inserted { color: $text-success; background: $success-muted; text-style: underline; }
    ColumnHeader > .columns--muted { text-style: not bold dim; }
    """

    mode: reactive[str] = reactive(SIDE, layout=True)
    old: reactive[str] = reactive("", layout=True)
    new: reactive[str] = reactive("", layout=True)
    note: reactive[str] = reactive("", layout=True)  # "f: changed", "3 found", "v: 9 texts"

    def __init__(self, *args, **kwargs) -> None:
        from resodiff.tui.sources import before_reading

        super().__init__(*args, **kwargs)
        self.words: Words = before_reading()  # the screen's, once a text is read

    def watch_mode(self, mode: str) -> None:
        self.set_class(mode != SIDE, "-single")

    def render(self):
        deleted = self.get_component_rich_style("columns--deleted", partial=True)
        inserted = self.get_component_rich_style("columns--inserted", partial=True)
        muted = self.get_component_rich_style("columns--muted", partial=True)
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=GUTTER, overflow="fold")
        note = Text(self.note, style=muted)
        if self.mode == SIDE:
            # One line whatever the width: a long name is cut (the title bar has it whole).
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            # The key to the marks only where the name leaves room for it: no word cut in two.
            room = (self.content_size.width - GUTTER - 2) // 2
            w = self.words
            old, new = Text(w("columns.old", name=self.old)), Text(w("columns.new", name=self.new))
            marks = w("columns.deleted"), w("columns.inserted")
            if max(len(old), len(new)) + 2 + max(map(len, marks)) <= room:
                old.append_text(Text.assemble("  ", (marks[0], deleted)))
                new.append_text(Text.assemble("  ", (marks[1], inserted)))
            grid.add_row(note, old, new)
        else:
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            grid.add_row(note, Text.assemble(self.old, " → ", self.new, "  ", (self.words("columns.deleted"), deleted),
                                             " ", (self.words("columns.inserted"), inserted)))
        return grid
