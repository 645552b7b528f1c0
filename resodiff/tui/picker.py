"""``VersionPicker`` (v): choose the two texts of a series to compare, old on the left.

Keys, as the dialog's first line says them: up and down choose in a list; Enter in Old takes
that text and goes on to New; Enter in New compares; Tab goes from one list to the other;
Escape cancels. Each entry names the text by symbol, session, year and title.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from resodiff.words import Words


@dataclass(frozen=True)
class Version:
    """One text of the series as the picker lists it."""

    label: str  # the symbol, or the file name
    session: int | None = None
    year: str | None = None
    title: str | None = None

    def prompt(self, words: Words) -> Text:
        """The label on its own line, then session · year · title."""
        facts = [words("picker.session", n=self.session) if self.session else None, self.year]
        text = Text(self.label, style="bold")
        line = " · ".join(x for x in facts if x)
        if line:
            text.append("\n" + line)
        if self.title:
            text.append(" · " if line else "\n")
            text.append(self.title, style="dim")
        return text


class VersionPicker(ModalScreen[tuple[int, int] | None]):
    """Two lists of the same versions; dismisses with (old, new) indices, None when cancelled."""

    DEFAULT_CSS = """
    VersionPicker { align: center middle; }
    VersionPicker > Vertical {
        width: 96%;
        max-width: 140;
        height: 90%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    VersionPicker Label { width: 100%; }  /* the hint wraps, in any language, never cut */
    VersionPicker #picker-hint { color: $text-muted; }
    VersionPicker Horizontal#lists { height: 1fr; }
    VersionPicker Vertical.side { width: 1fr; }
    VersionPicker OptionList { height: 1fr; }
    VersionPicker #picker-error { color: $text-error; height: auto; }
    VersionPicker Horizontal#buttons { height: auto; }
    VersionPicker Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab,shift+tab", "other_list", "The other list", priority=True),
    ]

    def __init__(self, versions: list[Version], pick: tuple[int, int], words: Words) -> None:
        """``words``: the app's words in the series' language."""
        super().__init__()
        self.versions = versions
        self.pick = pick
        self.words = words

    def compose(self):
        w = self.words
        with Vertical():
            yield Label(w("picker.title", n=len(self.versions)))
            yield Label(w("picker.hint"), id="picker-hint")
            with Horizontal(id="lists"):
                with Vertical(classes="side"):
                    yield Label(w("picker.old"))
                    yield OptionList(*[Option(v.prompt(w)) for v in self.versions], id="picker-old")
                with Vertical(classes="side"):
                    yield Label(w("picker.new"))
                    yield OptionList(*[Option(v.prompt(w)) for v in self.versions], id="picker-new")
            yield Label("", id="picker-error")
            with Horizontal(id="buttons"):
                yield Button(w("picker.compare"), variant="primary", id="picker-compare")
                yield Button(w("picker.cancel"), id="picker-cancel")

    def on_mount(self) -> None:
        old, new = self.lists
        old.highlighted, new.highlighted = self.pick
        old.focus()

    @property
    def lists(self) -> tuple[OptionList, OptionList]:
        return self.query_one("#picker-old", OptionList), self.query_one("#picker-new", OptionList)

    def action_other_list(self) -> None:
        old, new = self.lists
        (old if self.focused is new else new).focus()

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
            self.query_one("#picker-error", Label).update(self.words("picker.same"))
            return
        self.dismiss((old, new))

    def action_cancel(self) -> None:
        self.dismiss(None)
