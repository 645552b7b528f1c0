"""``FootnotePanel``: the footnotes of the focused paragraph, both versions at once.

A footnote both versions carry is shown once; one only the old version carries is struck
through, one only the new version carries is underlined (the same cues as the text).
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from resodiff.tui.rows import DELETE, INSERT, ViewRow, footnote_lines


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

    def compose(self):
        yield Static(id="footnote-text")

    def show_row(self, row: ViewRow | None) -> None:
        """Show the footnotes of ``row`` (None: no paragraph focused yet)."""
        self.query_one("#footnote-text", Static).update(self.describe(row))

    def describe(self, row: ViewRow | None) -> Text:
        if row is None:
            return Text("No paragraph focused.")
        lines = footnote_lines(row)
        text = Text()
        text.append(f"Footnotes of {row.label}", self.get_component_rich_style("footnotes--title", partial=True))
        if not lines:
            text.append(": none.")
            return text
        text.append("\n")
        deleted = self.get_component_rich_style("footnotes--deleted", partial=True)
        inserted = self.get_component_rich_style("footnotes--inserted", partial=True)
        for i, (op, number, note) in enumerate(lines):
            marker = {DELETE: "- ", INSERT: "+ "}.get(op, "  ")
            style = deleted if op == DELETE else inserted if op == INSERT else ""
            text.append(("\n" if i else "") + marker + f"{number:>3}  ")
            text.append(note, style)
        return text
