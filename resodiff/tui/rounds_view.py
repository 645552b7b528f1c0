"""``resodiff tui --rounds FILE...``: a negotiation in the terminal, round by round.

One row per paragraph of the latest round (then those dropped along the way): its id, its
status column (bracketed, agreed ad ref, pending), its path through the rounds and who
proposed its changes. ``o`` keeps only what is still open (bracketed or pending); Enter shows
the selected paragraph's steps, its diffs and every proposal and comment. Reading and aligning
run in a worker behind a loading indicator; the rows come from ``resodiff.rounds``.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Static

from resodiff.errors import ResodiffError
from resodiff.rounds import PREVIOUS, Rounds, Thread
from resodiff import spaces
from resodiff.tui.footer import KeyFooter
from resodiff.tui.sources import before_reading
from resodiff.words import Words, app_words

THEMES = {"dark": "textual-dark", "light": "textual-light"}
STATUS_STYLE = {"open": "bold red", "agreed": "green", "gone": "dim"}


def state_labels(w: Words) -> dict[str, str]:
    """What ``State.words`` says of brackets and of no note, in ``w``'s language."""
    return {"bracketed": w("rounds.bracketed"), "partly bracketed": w("rounds.partly_bracketed"),
            "no note": w("rounds.no_note")}


def status_cell(t: Thread, w: Words) -> Text:
    """The status column: the last round's state in words, red while still open."""
    if t.dropped:
        return Text(w("rounds.dropped"), style=STATUS_STYLE["gone"])
    state = t.steps[-1].state
    words = state.words(state_labels(w)) if state else ""
    style = STATUS_STYLE["open"] if t.open else STATUS_STYLE["agreed"] if state and state.status == "agreed" else ""
    return Text(words, style=style)


def change_word(change: str, w: Words) -> str:
    """A round's change to a paragraph, as the gutter says it ("modified", "added")."""
    return w("gutter." + change) if w.has("gutter." + change) else change


def path_cell(rounds: Rounds, t: Thread, w: Words) -> str:
    """"0 adopted · 1 modified · 2 same": how the paragraph went through the rounds (the
    column is narrow: "new", "same", "dropped" where the gutter says added, unchanged, deleted)."""
    short = {"added": "rounds.added", "unchanged": "rounds.unchanged", "deleted": "rounds.dropped"}
    return " · ".join(f"{s.round} {w('rounds.adopted')}" if rounds.kinds[s.round] == PREVIOUS
                      else f"{s.round} {w(short[s.change]) if s.change in short else change_word(s.change, w)}"
                      for s in t.steps)


class StepsScreen(ModalScreen[None]):
    """One paragraph's steps: state, change, diff, proposals and comments per round."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    StepsScreen { align: center middle; }
    StepsScreen > VerticalScroll { width: 90%; height: 85%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, rounds: Rounds, thread: Thread, words: Words) -> None:
        super().__init__()
        self.rounds, self.thread, self.words = rounds, thread, words

    def compose(self) -> ComposeResult:
        w = self.words
        text = Text()
        text.append(f"{self.thread.id}\n", style="bold")
        for s in self.thread.steps:
            text.append(f"\n{s.round}  {self.rounds.name(s.round)}{w('report.colon')} ", style="bold")
            text.append(w("rounds.adopted") if self.rounds.kinds[s.round] == PREVIOUS
                        else change_word(s.change, w) if s.id else w("rounds.dropped"))
            if s.state and self.rounds.kinds[s.round] != PREVIOUS:
                text.append(f" — {s.state.words(state_labels(w))}")
            if s.tags:
                text.append(f"  [{', '.join(w.tags(s.tags))}]", style="dim")
            if s.diff:
                text.append("\n   ")
                for op, piece in s.diff:
                    text.append(piece, style={"+": "underline green", "-": "strike red"}.get(op, ""))
            for rev in s.revisions:
                sign = "+" if rev.kind == "insertion" else "−"
                text.append(f"\n   {rev.author or '?'}: {sign} “{rev.text.strip()}”", style="cyan")
            for c in s.comments:
                text.append("\n   " + w("rounds.comment", author=c.author or "?", anchor=c.anchor, text=c.text),
                            style="magenta")
        with VerticalScroll():
            yield Static(text)


class RoundsApp(App):
    TITLE = "resodiff — rounds"
    # The table scrolls inside the screen, so the caption (the rounds, the count) stays in view.
    CSS = """
    #caption { height: auto; color: $text-muted; }
    #rounds { height: 1fr; }
    """

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("o", "toggle_open", "Still open"),
        Binding("t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, files: list[Path], *, theme: str = "dark") -> None:
        super().__init__()
        spaces.hold()  # French words: "»" never alone at the start of a line
        self.files = files
        self.theme = THEMES.get(theme, theme)
        self.rounds: Rounds | None = None
        self.words: Words = before_reading()  # the last round's language, once read
        self.only_open = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="caption")
        table: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="rounds")
        table.loading = True
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from resodiff.readers import read
        from resodiff.rounds import follow

        try:
            rounds = follow([read(f) for f in self.files])
        except ResodiffError as exc:  # an unreadable round: said in the app, which stays open
            self.call_from_thread(self._failed, str(exc))
            return
        self.call_from_thread(self._loaded, rounds, app_words(rounds.versions[-1].language))

    def _failed(self, message: str) -> None:
        self.query_one(DataTable).loading = False
        self.query_one("#caption", Static).update(Text(f"error: {message}", style="bold red"))

    def _loaded(self, rounds: Rounds, words: Words) -> None:
        self.rounds, self.words = rounds, words
        w = words
        self.title = w("rounds.title")
        self.refresh_bindings()  # the footer says the keys in the text's language
        table = self.query_one(DataTable)
        table.add_column(w("rounds.id"), key="id")
        table.add_column(w("rounds.status"), key="status")
        table.add_column(w("rounds.path"), key="path")
        table.add_column(w("rounds.authors"), key="authors")
        table.loading = False
        self.fill()
        table.focus()

    def fill(self) -> None:
        assert self.rounds is not None
        table = self.query_one(DataTable)
        table.clear()
        threads = [t for t in self.rounds.threads if t.open] if self.only_open else list(self.rounds.threads)
        w = self.words
        for t in threads:
            table.add_row(t.id, status_cell(t, w), path_cell(self.rounds, t, w), ", ".join(t.authors()),
                          key=str(self.rounds.threads.index(t)))
        names = " → ".join(f"{k} {self.rounds.name(k)}" for k in range(len(self.rounds.versions)))
        still = len(self.rounds.still_open)
        shown = w("rounds.only_open", n=len(threads)) if self.only_open \
            else w("rounds.counts", n=len(threads), k=still)
        self.query_one("#caption", Static).update(Text(f"{names}\n{shown}  {w('rounds.hint')}"))

    def action_toggle_open(self) -> None:
        if self.rounds is None:
            return
        self.only_open = not self.only_open
        self.fill()

    def action_steps(self) -> None:
        table = self.query_one(DataTable)
        if self.rounds is None or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None:
            self.push_screen(StepsScreen(self.rounds, self.rounds.threads[int(key)], self.words))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_steps()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.current_theme.dark else THEMES["dark"]
