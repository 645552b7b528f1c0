"""``ResodiffApp``: the terminal app. ``resodiff`` opens it on the bundled example,
``resodiff OLD NEW`` on two versions, ``resodiff tui --series FOLDER`` on a series.

The app holds what is global (quit, help, theme, the command palette); ``ReviewScreen`` holds
the comparison and its keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from resodiff import spaces
from resodiff.tui.help import HelpScreen
from resodiff.tui.preload import Preload
from resodiff.tui.review import ReviewScreen, key_help
from resodiff.tui.sources import Request, before_reading
from resodiff.words import Words

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class ResodiffApp(App):
    TITLE = "resodiff"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, request: Request | None = None, *, theme: str = "dark", preload: Preload | None = None) -> None:
        """``preload``: ``request`` already being read and aligned (``Preload.start``)."""
        super().__init__()
        spaces.hold()  # French labels and texts: "»" never alone at the start of a line
        self.request = request or Request.bundled()
        self.preload = preload
        self.theme = THEMES.get(theme, theme)
        self.first_paint: float | None = None  # perf_counter() once the rows are first drawn

    def get_default_screen(self) -> Screen:
        return ReviewScreen(self.request, self.preload)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_help(self.words), self.words))

    @property
    def words(self) -> Words:
        """The words of the text on screen (the comparison's screen knows its language)."""
        review = next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)
        return review.words if review is not None else before_reading()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.current_theme.dark else THEMES["dark"]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, then every action of the screen's keys that applies now."""
        yield from super().get_system_commands(screen)
        w = self.words
        yield SystemCommand(w("keys.help"), f"{w('tips.help_more')} (?)", self.action_help)
        yield SystemCommand(w("tips.toggle_theme"), f"{w('tips.toggle_theme_more')} (t)", self.action_toggle_theme)
        review = screen if isinstance(screen, ReviewScreen) else None
        if review is None:
            return
        for binding in review.BINDINGS:
            assert isinstance(binding, Binding), binding  # the screen writes every key as a Binding
            name = binding.action.partition("(")[0]
            if review.check_action(name, ()) is not True:
                continue
            action = name.rpartition(".")[2]
            description = w("keys." + action) if w.has("keys." + action) else binding.description
            title = w("tips." + action) if w.has("tips." + action) else binding.tooltip or binding.description
            yield SystemCommand(title, f"{description} ({_key(binding.key)})", partial(review.run_action, binding.action))


def _key(key: str) -> str:
    return {"slash": "/", "right_square_bracket": "]", "left_square_bracket": "["}.get(key, key)
