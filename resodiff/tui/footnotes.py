"""``FootnotePanel``: the footnotes of the focused paragraph, both versions at once.

A footnote both versions carry is shown once; one changed between them is shown once with its
word diff (deleted words struck through, inserted ones underlined, the same cues as the text);
one only the old version carries is struck through, one only the new version carries
underlined. A long note wraps under its own first word, not under its number.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from resodiff.tui.rows import DELETE, EQUAL, INSERT, MODIFIED, ViewRow, display_pieces, footnote_changes
from resodiff.terminal import neutralise  # the text's control characters seen, never obeyed
from resodiff.words import Words

MARKERS = {DELETE: "-", INSERT: "+", MODIFIED: "~", EQUAL: " "}


class FootnotePanel(VerticalScroll, can_focus=False):
    COMPONENT_CLASSES = {"footnotes--title", "footnotes--deleted", "footnotes--inserted"}

    DEFAULT_CSS = """
    FootnotePanel {
        height: auto;
        max-height: 40%;
        border-top: solid $primary;
        padding: 0 1;
        background: $surface;
    }
    FootnotePanel > .footnotes--title { text-style: bold; }
    FootnotePanel > .footnotes--deleted { color: $text-error; text-style: strike; }
    FootnotePanel > .footnotes--inserted { color: $text-success; text-style: underline; }
    FootnotePanel Static { height: auto; }
    """

    def __init__(self, *args, **kwargs) -> None:
        from resodiff.tui.sources import before_reading

        super().__init__(*args, **kwargs)
        self.words: Words = before_reading()  # the screen's, once a text is read

    def compose(self):
        yield Static(id="footnote-text")

    def show_row(self, row: ViewRow | None) -> None:
        """Show the footnotes of ``row`` (None: no paragraph focused yet)."""
        self.query_one("#footnote-text", Static).update(self.describe(row))

    def describe(self, row: ViewRow | None):
        w = self.words
        if row is None:
            return Text(w("footnotes.no_focus"))
        changes = footnote_changes(row)
        title = Text(w("footnotes.title", id=row.label), self.get_component_rich_style("footnotes--title", partial=True))
        if not changes:
            title.append(w("report.colon") + " " + w("footnotes.none") + ".")
            return title
        styles = {DELETE: self.get_component_rich_style("footnotes--deleted", partial=True),
                  INSERT: self.get_component_rich_style("footnotes--inserted", partial=True)}
        # Two columns, so that a wrapped line starts under the note's text, not at column 0.
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, justify="right")
        table.add_column(ratio=1)
        for op, number, diff in changes:
            note = Text()
            for piece_op, piece in display_pieces(diff):
                note.append(neutralise(piece), styles.get(piece_op, ""))
            table.add_row(f"{MARKERS[op]} {number:>3}", note)
        return Group(title, table)
