"""``VersionPicker`` (v): choose the two texts of a series to compare, old on the left."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option


class VersionPicker(ModalScreen[tuple[int, int] | None]):
    """Two lists of the same versions; Enter in the old list moves on, in the new list compares."""

    DEFAULT_CSS = """
    VersionPicker { align: center middle; }
    VersionPicker > Vertical {
        width: 90%;
        max-width: 100;
        height: 90%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    VersionPicker Horizontal#lists { height: 1fr; }
    VersionPicker Vertical.side { width: 1fr; }
    VersionPicker OptionList { height: 1fr; }
    VersionPicker #picker-error { color: $text-error; height: auto; }
    VersionPicker Horizontal#buttons { height: auto; }
    VersionPicker Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, labels: list[str], pick: tuple[int, int]) -> None:
        super().__init__()
        self.labels = labels
        self.pick = pick

    def compose(self):
        with Vertical():
            yield Label(f"Compare two of the {len(self.labels)} texts of this series "
                        "(Enter: choose, Tab: other list, Escape: cancel)")
            with Horizontal(id="lists"):
                with Vertical(classes="side"):
                    yield Label("Old")
                    yield OptionList(*[Option(label) for label in self.labels], id="picker-old")
                with Vertical(classes="side"):
                    yield Label("New")
                    yield OptionList(*[Option(label) for label in self.labels], id="picker-new")
            yield Label("", id="picker-error")
            with Horizontal(id="buttons"):
                yield Button("Compare", variant="primary", id="picker-compare")
                yield Button("Cancel", id="picker-cancel")

    def on_mount(self) -> None:
        old, new = self.lists
        old.highlighted, new.highlighted = self.pick
        old.focus()

    @property
    def lists(self) -> tuple[OptionList, OptionList]:
        return self.query_one("#picker-old", OptionList), self.query_one("#picker-new", OptionList)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        old, new = self.lists
        if event.option_list is old:
            new.focus()
        else:
            self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "picker-compare":
            self.confirm()
        else:
            self.dismiss(None)

    def confirm(self) -> None:
        old, new = (lst.highlighted for lst in self.lists)
        if old is None or new is None:
            return
        if old == new:
            self.query_one("#picker-error", Label).update("Choose two different texts.")
            return
        self.dismiss((old, new))

    def action_cancel(self) -> None:
        self.dismiss(None)
