"""``GotoScreen``: g, then an id ("OP12", "PP3", "12", "OP4(a)"), then Enter."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from resodiff.words import Words


class GotoScreen(ModalScreen[str | None]):
    """Dismisses with what was typed (None on Escape); the caller resolves the id."""

    DEFAULT_CSS = """
    GotoScreen { align: center middle; }
    GotoScreen > Vertical {
        width: 44;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    GotoScreen Label { width: 100%; }
    GotoScreen Input { margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words

    def compose(self):
        with Vertical():
            yield Label(self.words("goto.prompt"))
            yield Input(placeholder="OP12", id="goto-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
