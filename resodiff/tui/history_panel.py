"""``HistoryPanel``: the focused paragraph's lineage across the versions on screen.

Each line is one version the paragraph lives in (oldest first): session, symbol, its id
there and what happened to it; a change shows the words taken out (struck) and put in
(underlined), the same cues as the text.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from resodiff.history import DELETED, History
from resodiff.tui.rows import ViewRow

MAX_WORDS = 40  # a long rewrite is summarised: the panel is a pointer, the text is above


class HistoryPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    HistoryPanel {
        height: auto;
        max-height: 40%;
        border-top: solid $accent;
        padding: 0 1;
        background: $surface;
    }
    HistoryPanel Static { height: auto; }
    """

    def compose(self):
        yield Static(id="history-text")

    def show_row(self, row: ViewRow | None, history: History | None, old: int, new: int) -> None:
        self.query_one("#history-text", Static).update(describe(row, history, old, new))


def describe(row: ViewRow | None, history: History | None, old: int, new: int) -> Text:
    """The lineage of ``row``'s paragraph; ``old``, ``new``: the versions on screen."""
    if row is None:
        return Text("No paragraph focused.")
    if history is None:
        return Text("No history: open two versions or a series.")
    # a deleted paragraph lives on in the older version only
    pid, at = (row.new[0], new) if row.new else (row.old[0], old)
    lineage = history.lineage(pid, at)
    if lineage is None:
        return Text(f"{row.label}: no history found.")
    text = Text()
    text.append(f"History of {row.label}", "bold")
    for step in lineage.steps:
        where = f"{step.symbol or '?'} (session {step.session or '?'})"
        status = step.status if step.changed or step.status in ("added", DELETED) else "unchanged"
        text.append(f"\n{where:<34} {step.id or '—':<8} {status}")
        if step.changed and step.diff:
            text.append("  ")
            _changes(text, step.diff)
    return text


def _changes(text: Text, diff) -> None:
    words = 0
    for op, piece in diff:
        if op == "=":
            continue
        if words >= MAX_WORDS:
            text.append(" …")
            return
        words += len(piece.split())
        text.append(piece.strip() + " ", "strike" if op == "-" else "underline")
