"""``SearchBar``: the line that opens with / : type to highlight, Enter to jump, Escape to close."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from resodiff.words import Words


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        background: $panel;
        display: none;
    }
    SearchBar.-open { display: block; }
    SearchBar Label { padding: 0 1; }
    SearchBar Input { width: 1fr; }
    """

    BINDINGS = [Binding("escape", "close_search", "Close search")]

    class Changed(Message):
        """The search text changed (highlight as you type)."""

        def __init__(self, needle: str) -> None:
            super().__init__()
            self.needle = needle

    class Submitted(Message):
        """Enter: jump to the next paragraph that matches."""

        def __init__(self, needle: str) -> None:
            super().__init__()
            self.needle = needle

    class Closed(Message):
        """Escape: the bar closed and the search is over."""

    def compose(self):
        yield Label(id="search-label")
        yield Input(id="search-input", compact=True)

    def speak(self, words: Words) -> None:
        """Say the label and the hint in ``words`` (the text's language)."""
        self.query_one("#search-label", Label).update(words("search.label"))
        self.input.placeholder = words("search.placeholder")

    def on_mount(self) -> None:
        from resodiff.tui.sources import before_reading

        self.speak(before_reading())

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def open(self) -> None:
        self.add_class("-open")
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        self.remove_class("-open")

    def clear(self) -> None:
        self.close()
        self.input.value = ""

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Submitted(event.value))

    def action_close_search(self) -> None:
        self.clear()
        self.post_message(self.Closed())
