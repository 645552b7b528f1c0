"""``HelpScreen``: what the marks mean, every key, and how to open two versions (?)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from resodiff.words import Words

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

    def __init__(self, keys: list[tuple[str, str]], words: Words) -> None:
        """``keys``: (key, what it does), in the order to list them; ``words``: the app's words
        in the text's language."""
        super().__init__()
        self.keys = keys
        self.words = words

    def compose(self):
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        w = self.words
        with VerticalScroll():
            yield Static(Text(w("help.title"), style="bold"))
            yield Static(table, id="help-keys")
            yield Static(w("help.marks"), id="help-marks", markup=False)
            yield Static(w("help.opening").strip("\n"), id="help-opening", markup=False)
            yield Static(Text(w("help.close"), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
