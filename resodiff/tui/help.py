"""``HelpScreen``: what the marks mean, every key, and how to open two versions (?)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

OPENING = (
    "Open two versions:   resodiff OLD NEW\n"
    "                     resodiff tui OLD NEW\n"
    "A whole series:      resodiff tui --series FOLDER   (v picks the two versions)\n"
    "One text's outline:  resodiff FILE\n"
    "Files: Word (.docx), PDF, the UN text export, text extracted from a PDF, Markdown."
)

MARKS = (
    "Side by side: the old text on the left, the new one on the right, one row per paragraph. "
    "Inline (s): both in one column, like tracked changes. "
    "Struck-through text was deleted, underlined text was inserted (the marks survive without colour). "
    "The gutter gives the paragraph's id, its status (unchanged, modified, moved, added, deleted, "
    "split, merged), its old id when it was renumbered (\"was OP12\"), its tags and its footnotes."
)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 96;
        height: 90%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    HelpScreen Static { height: auto; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help")]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        """``keys``: (key, what it does), in the order to list them."""
        super().__init__()
        self.keys = keys

    def compose(self):
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        with VerticalScroll():
            yield Static(Text("resodiff: two versions of a resolution, change by change", style="bold"))
            yield Static(table, id="help-keys")
            yield Static(MARKS, id="help-marks")
            yield Static(OPENING, id="help-opening")
            yield Static(Text("Escape, ? or q closes this help.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
