"""``KeyFooter``: one line of the keys that apply now, as many as the width holds.

Textual's own footer is a widget per key, recomposed whenever the bindings change (a dozen
times before the first frame); this is one widget drawing one line, redrawn when they change.
On a narrow terminal the keys that matter least give way, and "?" says the rest are in the
help (and the command palette), instead of the line being cut after whatever came first.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

# The most useful first: what stays when the width runs out. Keys not named here come last.
PRIORITY = ("help", "quit", "next_change", "previous_change", "goto", "search", "toggle_mode",
            "summary", "export", "draft", "footnotes", "changed_only", "versions", "history",
            "command_palette", "toggle_theme")
GAP = "  "


class KeyFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {"footer--key", "footer--description"}

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .footer--key { color: $footer-key-foreground; text-style: bold; }
    KeyFooter > .footer--description { color: $footer-description-foreground; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of what is drawn

    @property
    def words(self):
        """The words of the text on screen: the screen's (the app's where the screen has none)."""
        return getattr(self.screen, "words", None) or getattr(self.app, "words", None)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> list[tuple[str, str, str]]:
        """(action, key as shown, description) of every shown, enabled binding, in screen order;
        the description in the words of the screen's text where the catalogue has the action."""
        words = self.words
        out, seen = [], set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            action = binding.action.rpartition(".")[2].partition("(")[0]
            if not enabled or not binding.show or action in seen:
                continue
            seen.add(action)
            description = words("keys." + action) if words is not None and words.has("keys." + action) \
                else binding.description
            out.append((action, self.app.get_key_display(binding), description))
        return out

    def fitted(self, width: int) -> list[tuple[str, str, str]]:
        """The keys that fit in ``width``, by priority, shown in screen order; when some give
        way, the help key says so ("? more")."""
        keys = self.keys()
        rank = {a: i for i, a in enumerate(PRIORITY)}
        by_priority = sorted(keys, key=lambda k: rank.get(k[0], len(rank)))

        def size(chosen) -> int:
            return sum(len(k) + 1 + len(d) for _, k, d in chosen) + len(GAP) * max(0, len(chosen) - 1)

        chosen: list[tuple[str, str, str]] = []
        for item in by_priority:
            if size([*chosen, item]) <= width:
                chosen.append(item)
        if len(chosen) < len(keys):
            words = self.words
            more = words("keys.more") if words is not None else "more"
            chosen = [(a, k, more if a == "help" else d) for a, k, d in chosen]
        order = [a for a, _, _ in keys]
        return sorted(chosen, key=lambda k: order.index(k[0]))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key", partial=True)
        description_style = self.get_component_rich_style("footer--description", partial=True)
        text = Text(" ", no_wrap=True, overflow="crop")
        self._spans = []
        for i, (_action, key, description) in enumerate(self.fitted(max(0, self.size.width - 2))):
            if i:
                text.append(GAP)
            start = len(text)
            text.append(key, key_style)
            text.append(" " + description, description_style)
            self._spans.append((start, len(text), key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                binding_key = next((b.key for _n, b, _e, _t in self.screen.active_bindings.values()
                                    if self.app.get_key_display(b) == key), None)
                if binding_key:
                    self.app.simulate_key(binding_key)
                return
