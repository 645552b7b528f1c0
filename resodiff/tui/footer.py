"""``KeyFooter``: Textual's footer, fitted to the width: on a narrow terminal the keys that
matter least give way (they stay in ? help and the command palette) instead of the line
being cut after whatever happens to come first."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Dropped first to last until the keys fit on one line.
DROP_ORDER = ("command_palette", "toggle_theme", "versions", "export", "footnotes", "toggle_mode",
              "summary", "search")


class KeyFooter(Footer):
    def on_mount(self) -> None:
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    async def recompose(self) -> None:
        await super().recompose()
        self.fit()

    def fit(self) -> None:
        keys = list(self.query(FooterKey))
        for key in keys:
            key.display = True
        width = self.size.width
        if not width:
            return

        def needed() -> int:
            return sum(len(k.key_display) + len(k.description) + 2 for k in keys if k.display)

        for action in DROP_ORDER:
            if needed() <= width:
                break
            for key in keys:
                if key.action.rpartition(".")[2] == action:
                    key.display = False
