"""``ReviewScreen``: the main screen. Two versions side by side (or one text's outline), and
every key that moves through them.

The screen owns the state a user changes (layout, changed-only filter, search text, which
panels are open) and the worker that reads and aligns; the widgets only draw what it tells them.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from resodiff.bundled import example
from resodiff.errors import ResodiffError
from resodiff.tui.columns import ColumnHeader
from resodiff.tui.footer import KeyFooter
from resodiff.tui.footnotes import FootnotePanel
from resodiff.tui.goto import GotoScreen
from resodiff.tui.history_panel import HistoryPanel
from resodiff.tui.paragraph import INLINE, SIDE
from resodiff.tui.paragraph_list import ParagraphList
from resodiff.tui.picker import Version, VersionPicker
from resodiff.tui.preload import Preload
from resodiff.tui.rows import counts_line, find_row, normalise_id, set_aside
from resodiff.tui.search import SearchBar
from resodiff.tui.sources import (
    DRAFT,
    OUTLINE,
    SERIES,
    Loaded,
    Request,
    before_reading,
    drafting_available,
    load,
)
from resodiff.tui.summary import SummaryPanel
from resodiff.words import Words

# Actions that mean something only when two texts are compared.
COMPARE_ONLY = {"next_change", "previous_change", "changed_only", "toggle_mode", "summary", "export",
                "history", "next_flag", "set_aside"}

# What ? lists, in this order: (keys, what they do: a key of the catalogue's [help]).
# tests/test_tui.py checks every binding is here.
KEY_HELP = [
    ("n / p", "next_change"),
    ("u", "next_flag"),
    ("g", "goto"),
    ("f / c", "changed_only"),
    ("/", "search"),
    ("escape", "clear_search"),
    ("s", "toggle_mode"),
    ("o", "footnotes"),
    ("h", "history"),
    ("i", "summary"),
    ("e", "export"),
    ("v", "versions"),
    ("d", "draft"),
    ("up / down, j / k", "step"),
    ("t", "toggle_theme"),
    ("ctrl+p", "command_palette"),
    ("?", "help"),
    ("q", "quit"),
]
# Keys with a name in words, said in the text's language ("Échap").
KEY_NAMES = {"escape": "help.key_escape", "up / down, j / k": "help.key_arrows"}


def key_help(words: Words) -> list[tuple[str, str]]:
    """KEY_HELP in ``words``: (key as shown, what it does)."""
    return [(words(KEY_NAMES[keys]) if keys in KEY_NAMES else keys, words("help." + name)) for keys, name in KEY_HELP]


class ReviewScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    DEFAULT_CSS = """
    ReviewScreen #body { height: 1fr; }
    ReviewScreen #main { width: 1fr; height: 1fr; }
    ReviewScreen #summary { display: none; }
    ReviewScreen.-summary #summary { display: block; }
    ReviewScreen.-narrow #summary { width: 1fr; border-left: none; }
    ReviewScreen.-narrow.-summary #main { display: none; }
    ReviewScreen #footnotes { display: none; }
    ReviewScreen.-footnotes #footnotes { display: block; }
    ReviewScreen #history { display: none; }
    ReviewScreen.-history #history { display: block; }
    ReviewScreen #banner { height: auto; padding: 0 1; background: $panel; }
    ReviewScreen #loading-text { height: auto; padding: 1 2; }
    ReviewScreen #error { height: auto; padding: 1 2; }
    ReviewScreen ColumnHeader.-hidden { display: none; }
    """

    BINDINGS = [
        # Help and quit first, so that a narrow footer still shows them; the app does the work.
        Binding("question_mark", "app.help", "Help", tooltip="Help: the marks, every key, opening files"),
        Binding("q", "app.quit", "Quit", tooltip="Quit"),
        Binding("n", "next_change", "Next", tooltip="Next change"),
        Binding("p", "previous_change", "Prev", tooltip="Previous change"),
        Binding("u", "next_flag", "To update", show=False, tooltip="Next paragraph flagged to update"),
        Binding("g", "goto", "Go to", tooltip="Go to a paragraph by id"),
        Binding("f", "changed_only", "Changed", tooltip="Changed paragraphs only"),
        Binding("slash", "search", "Find", tooltip="Search both texts"),
        Binding("right_square_bracket", "next_match", "Next match", show=False),
        Binding("left_square_bracket", "previous_match", "Previous match", show=False),
        Binding("escape", "clear_search", "Clear the search", show=False),
        Binding("s", "toggle_mode", "Layout", tooltip="Inline or side by side"),
        Binding("o", "footnotes", "Notes", tooltip="Footnotes of the focused paragraph"),
        Binding("h", "history", "History", tooltip="The focused paragraph across the versions", show=False),
        Binding("i", "summary", "Summary", tooltip="Counts by status, lead verbs changed"),
        Binding("e", "export", "Export", tooltip="Export the comparison"),
        Binding("c", "set_aside", "Case/punct.", show=False,
                tooltip="Set aside changes of case or punctuation only (dimmed, skipped by n/p and f)"),
        Binding("v", "versions", "Versions", tooltip="Choose two texts of the series"),
        Binding("d", "draft", "Draft", tooltip="This text beside its next-session draft (again: the outline)"),
    ]

    # The state a user changes; watchers pass it on to the widgets.
    mode: reactive[str] = reactive(SIDE, init=False)
    changed_only: reactive[bool] = reactive(False, init=False)
    needle: reactive[str] = reactive("", init=False)

    class Ready(Message):
        def __init__(self, loaded: Loaded) -> None:
            super().__init__()
            self.loaded = loaded

    class Failed(Message):
        def __init__(self, request: Request, error: str) -> None:
            super().__init__()
            self.request = request
            self.error = error

    def __init__(self, request: Request, preload: Preload | None = None) -> None:
        """``preload``: ``request`` already being read and aligned in a child process."""
        super().__init__()
        self.request = request
        self.preload = preload
        self.loaded: Loaded | None = None
        self.export_folder: Path | None = None  # the last folder exported to
        self.shown_summary: dict[str, int] | None = None  # the title's counts, when c changed them

    def compose(self):
        yield Header()
        yield ColumnHeader(id="columns", classes="-hidden")
        with Horizontal(id="body"):
            yield Vertical(id="main")
            yield SummaryPanel(id="summary")
        yield FootnotePanel(id="footnotes")
        yield HistoryPanel(id="history")
        yield SearchBar(id="search")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.start(self.request)

    # ---- loading --------------------------------------------------------------------------

    def start(self, request: Request) -> None:
        """Read and align ``request`` in a worker; the screen shows what it is doing meanwhile."""
        self.request = request
        self.loaded = None
        self.shown_summary = None
        self.refresh_bindings()
        main = self.query_one("#main", Vertical)
        main.remove_children()
        main.mount(Static(request.describe(), id="loading-text"), LoadingIndicator())
        self._load(request)

    def on_unmount(self) -> None:
        if self.preload is not None:
            self.preload.discard()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, request: Request) -> None:
        preload, self.preload = self.preload, None
        try:
            loaded = preload.result() if preload and preload.request == request else load(request)
        except ResodiffError as exc:
            self.post_message(self.Failed(request, f"error: {exc}"))
        except Exception as exc:  # a bug, not the user's doing: say so rather than die silently
            self.post_message(self.Failed(request, f"error: resodiff failed ({type(exc).__name__}: {exc}); "
                                                   "please report it with the two files"))
        else:
            self.post_message(self.Ready(loaded))

    async def on_review_screen_failed(self, event: Failed) -> None:
        if event.request != self.request:  # an earlier request, overtaken (a thread runs to its end)
            return
        main = self.query_one("#main", Vertical)
        await main.remove_children()
        await main.mount(Static(Text(event.error, style="bold"), id="error"),
                         Static("q quits; ? shows how to open files."))
        self.loaded = None
        self.query_one(ColumnHeader).add_class("-hidden")
        self.refresh_bindings()

    @property
    def words(self) -> Words:
        """The app's words in the language of the text shown (English until one is read)."""
        return self.loaded.words if self.loaded is not None else before_reading()

    async def on_review_screen_ready(self, event: Ready) -> None:
        if event.loaded.request != self.request:  # an earlier request, overtaken
            return
        loaded = self.loaded = event.loaded
        words = loaded.words
        main = self.query_one("#main", Vertical)
        await main.remove_children()
        columns = self.query_one(ColumnHeader)
        columns.words = self.query_one(FootnotePanel).words = words
        self.query_one(SearchBar).speak(words)
        banner = None
        if loaded.data is not None:  # a comparison
            columns.remove_class("-hidden")
            old, new = loaded.labels
            columns.old, columns.new = old, new
            columns.refresh(layout=True)
            self.title = f"{old} → {new}"
            self._fit_title()
            self.query_one(SummaryPanel).show_comparison(old, new, loaded.data["summary"], list(loaded.rows), words)
        else:
            columns.add_class("-hidden")
            self.title = loaded.new.label
            self.sub_title = words("columns.outline")
        if loaded.request.kind in (OUTLINE, DRAFT):
            banner = Static(self._banner(loaded), id="banner")
        await main.mount(ParagraphList(loaded.rows, self.mode, banner=banner, words=words, id="paragraphs"))
        self._update_note()
        if self.changed_only:
            self.paragraphs.set_changed_only(True)
        if self.needle:
            self.paragraphs.set_needle(self.needle)
        first = self.paragraphs.find(lambda v: True, start=None, step=1)
        if first is not None:
            self.paragraphs.select(first)  # from the top: the banner above it stays in view
        self.paragraphs.focus()
        for skipped in loaded.skipped:
            self.notify(skipped, title=words("notes.left_out"), severity="warning")  # unreadable, or another series
        self.refresh_bindings()
        self.call_after_refresh(self._painted)

    def on_resize(self) -> None:
        self._fit_title()

    def _fit_title(self) -> None:
        """The counts beside the title, in as many words as the width holds (the header keeps
        8 columns each side for its icon and its margin)."""
        if self.loaded is None or self.loaded.data is None:
            return
        room = self.size.width - 16 - len(self.title or "") - len(" — ")
        self.sub_title = counts_line(self.shown_summary or self.loaded.data["summary"], room, self.loaded.words)

    def _painted(self) -> None:
        from resodiff.tui.app import ResodiffApp  # here: the app module imports this one

        if isinstance(self.app, ResodiffApp) and self.app.first_paint is None:
            self.app.first_paint = time.perf_counter()

    def _banner(self, loaded: Loaded) -> Text:
        """One text: what it is, and how to open two versions, in two short lines (three at
        80 columns): the text is what the screen is for."""
        w = loaded.words
        source = loaded.old if loaded.request.kind == DRAFT and loaded.old is not None else loaded.new
        res = source.resolution
        bundled = source.path.resolve() == example().resolve()
        if loaded.request.kind == DRAFT:
            text = _bold_fields(w("banner.beside_draft"), label=source.label, draft=loaded.new.label)
            text.append("\n")
        else:
            what = w("banner.bundled") if bundled else source.path.name
            text = _bold_fields(w("banner.facts"), {"label"}, label=source.label, what=what, pp=len(res.preamble),
                                op=len(res.operative), fn=len(res.footnotes))
            text.append((w("banner.draft_key") if drafting_available() else "") + "\n")
        text.append_text(_bold_fields(w("banner.compare"), pair=w("banner.pair_command"),
                                      series=w("banner.series_command"), help="?"))
        return text

    # ---- state ----------------------------------------------------------------------------

    @property
    def paragraphs(self) -> ParagraphList:
        return self.query_one("#paragraphs", ParagraphList)

    def _has_list(self) -> bool:
        return bool(self.query("#paragraphs"))

    def watch_mode(self, mode: str) -> None:
        self.query_one(ColumnHeader).mode = mode
        if self._has_list():
            self.paragraphs.set_mode(mode)

    def watch_changed_only(self, on: bool) -> None:
        if self._has_list():
            self.paragraphs.set_changed_only(on)
        self._update_note()

    def watch_needle(self, needle: str) -> None:
        if self._has_list():
            self.paragraphs.set_needle(needle)
        self._update_note()
        self.refresh_bindings()

    def _update_note(self) -> None:
        notes, w = [], self.words
        if self.changed_only:
            notes.append(w("columns.changed_only"))
        if self.needle and self._has_list():
            notes.append(self._matches_note())
        if self.loaded and len(self.loaded.members) > 2:
            notes.append(w("columns.texts", n=len(self.loaded.members)))
        self.query_one(ColumnHeader).note = "\n".join(notes)

    def _matches_note(self) -> str:
        """"2 of 7" when the focused paragraph is a match (the second of seven), else "7 found"."""
        matches = [v.index for v in self.paragraphs.views if v.display and v.row.matches(self.needle)]
        current = self.paragraphs.current()
        if current is not None and current.index in matches:
            return self.words("columns.match", k=matches.index(current.index) + 1, n=len(matches))
        return self.words("columns.found_one" if len(matches) == 1 else "columns.found", n=len(matches))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        loaded = self.loaded
        if action in COMPARE_ONLY:
            return bool(loaded and loaded.is_comparison)
        if action == "versions":
            return bool(loaded and len(loaded.members) > 2)
        if action in ("next_match", "previous_match", "clear_search"):
            return bool(self.needle and loaded)
        if action in ("goto", "search", "footnotes"):
            return loaded is not None
        if action == "draft":
            return self.request.kind in (OUTLINE, DRAFT) and drafting_available()
        return True

    # ---- following the focus -------------------------------------------------------------

    def on_paragraph_list_cursor_moved(self, event: ParagraphList.CursorMoved) -> None:
        if self.needle:
            self._update_note()  # "3 of 7" follows the cursor
        self.query_one(FootnotePanel).show_row(event.view.row)
        self._show_history(event.view.row)

    # ---- actions --------------------------------------------------------------------------

    def action_next_change(self) -> None:
        self._jump(lambda v: v.row.changed, 1, self.words("notes.no_change_below"))

    def action_previous_change(self) -> None:
        self._jump(lambda v: v.row.changed, -1, self.words("notes.no_change_above"))

    def action_next_flag(self) -> None:
        """The next flagged paragraph, from the top again after the last one."""
        if not self._has_list():
            return
        current = self.paragraphs.current()
        test = lambda v: bool(v.row.flags)  # noqa: E731
        target = self.paragraphs.find(test, start=current.index if current else None, step=1)
        if target is None and (target := self.paragraphs.find(test, start=None, step=1)) is not None:
            self.notify(self.words("notes.first_flag_again"), timeout=3)
        if target is None:
            self.notify(self.words("notes.no_flag"), timeout=3)
            return
        self.paragraphs.show(target)

    def _jump(self, test, step: int, nothing: str) -> bool:
        if not self._has_list():
            return False
        if self.has_class("-narrow") and self.has_class("-summary"):
            self.remove_class("-summary")  # the summary covers the text on a narrow screen
            self._refocus()
        current = self.paragraphs.current()
        target = self.paragraphs.find(test, start=current.index if current else None, step=step)
        if target is None:
            self.notify(nothing, timeout=3)
            return False
        self.paragraphs.show(target)
        return True

    def action_goto(self) -> None:
        self.app.push_screen(GotoScreen(self.words), self.goto)

    def goto(self, text: str | None) -> None:
        """Focus the row holding the id ``text`` names; say so when there is none."""
        if not text or not self._has_list():
            return
        w = self.words
        pid = normalise_id(text)
        if pid is None:
            self.notify(w("notes.not_an_id", text=text), severity="warning")
            return
        found = find_row(self.paragraphs.rows, pid)
        if found is None:
            either = self.loaded is not None and self.loaded.is_comparison
            self.notify(w("notes.no_such_paragraph_either" if either else "notes.no_such_paragraph", id=pid),
                        severity="warning")
            return
        index, side = found
        view = self.paragraphs.views[index]
        if not view.display:
            self.changed_only = False
        if self.has_class("-narrow") and self.has_class("-summary"):
            self.remove_class("-summary")
            self._refocus()
        self.paragraphs.show(view)
        if side == "old" and self.loaded and self.loaded.is_comparison:
            self.notify(w("notes.old_id_now", id=pid, now=view.row.label) if view.row.new
                        else w("notes.old_id_deleted", id=pid), timeout=4)

    def action_set_aside(self) -> None:
        """c: set aside (or bring back) the rows whose only changes are of case or punctuation."""
        if not self._has_list():
            return
        on = not any(v.row.set_aside for v in self.paragraphs.views)
        for view, row in zip(self.paragraphs.views, set_aside([v.row for v in self.paragraphs.views], on)):
            if view.row != row:
                view.row = row
                view.refresh()
        if self.changed_only:
            self.paragraphs.set_changed_only(True)
        count = sum(v.row.set_aside for v in self.paragraphs.views)
        if self.loaded and self.loaded.data is not None:  # out of the counts, as compare --ignore
            summary = dict(self.loaded.data["summary"])
            summary["modified"] -= count
            summary["set aside"] = count
            self.shown_summary = summary
            self._fit_title()
        w = self.words
        said = "notes.set_aside_one" if count == 1 else "notes.set_aside_on"
        self.notify(w(said, n=count) if on else w("notes.set_aside_off"),
                    title=w("notes.set_aside_title"), timeout=4)

    def action_changed_only(self) -> None:
        self.changed_only = not self.changed_only

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self.needle = event.needle

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.needle = event.needle
        if not self._has_list():
            return
        if not self.needle:
            self._refocus()
            return
        if not self._next_match(1, wrap=True, include_current=True):
            self._refocus()

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        self.needle = ""  # Escape: the search is over, its highlight and count go too
        self._refocus()

    def action_clear_search(self) -> None:
        self.query_one(SearchBar).clear()
        self.needle = ""

    def _refocus(self) -> None:
        if self._has_list():
            self.paragraphs.focus(scroll_visible=False)

    def action_next_match(self) -> None:
        self._next_match(1, wrap=True)

    def action_previous_match(self) -> None:
        self._next_match(-1, wrap=True)

    def _next_match(self, step: int, *, wrap: bool, include_current: bool = False) -> bool:
        needle = self.needle

        def test(view) -> bool:
            return view.row.matches(needle)

        current = self.paragraphs.current()
        start = current.index if current else None
        if include_current and current is not None and current.display and test(current):
            self.paragraphs.show(current)
            return True
        target = self.paragraphs.find(test, start=start, step=step)
        if target is None and wrap:
            target = self.paragraphs.find(test, start=None, step=step)
        if target is None:
            self.notify(self.words("notes.no_match", text=needle), severity="warning", timeout=3)
            return False
        self.paragraphs.show(target)
        return True

    def action_toggle_mode(self) -> None:
        self.mode = INLINE if self.mode == SIDE else SIDE

    def action_footnotes(self) -> None:
        self.toggle_class("-footnotes")
        if self._has_list():
            current = self.paragraphs.current()
            self.query_one(FootnotePanel).show_row(current.row if current else None)

    def action_history(self) -> None:
        self.toggle_class("-history")
        if self._has_list():
            current = self.paragraphs.current()
            self._show_history(current.row if current else None)

    def _show_history(self, row) -> None:
        loaded = self.loaded
        if loaded is None or not self.has_class("-history") or loaded.old is None:
            return
        if loaded.history is None:
            # two texts: their history is the pair, computed on first use, not at launch
            from resodiff.history import history  # the aligner: not needed for the first screen

            self.loaded = loaded = replace(loaded, history=history([loaded.old.resolution, loaded.new.resolution]))
        old, new = loaded.pick if loaded.pick else (0, 1)
        versions = loaded.members[:new + 1] if loaded.members else (loaded.old, loaded.new)
        self.query_one(HistoryPanel).show_row(row, loaded.history, old, new,
                                              [m.heading(loaded.words) for m in versions if m is not None], loaded.words)

    def action_summary(self) -> None:
        self.toggle_class("-summary")
        if self.has_class("-summary") and self.has_class("-narrow"):
            self.query_one(SummaryPanel).focus()  # it covers the text: let the arrows scroll it
        elif not self.has_class("-summary"):
            self._refocus()

    def action_export(self) -> None:
        loaded = self.loaded
        if loaded and loaded.data is not None and loaded.old is not None:  # a comparison
            from resodiff.tui.export import Comparison, ExportScreen

            comparison = Comparison(loaded.data, loaded.old.resolution, loaded.new.resolution, *loaded.labels)
            self.app.push_screen(ExportScreen(comparison, self.export_folder, loaded.words), self._exported)

    def _exported(self, path) -> None:
        if path is not None:
            self.export_folder = path.parent  # the next export proposes the same folder
            self.notify(self.words("notes.wrote", path=path), title=self.words("notes.export_title"), timeout=8)

    def action_versions(self) -> None:
        loaded = self.loaded
        if loaded and loaded.pick is not None and len(loaded.members) > 2:
            labels = [m.label for m in loaded.members]
            # texts with one symbol (a draft and its revision) are told apart by their files
            labels = [f"{label} · {m.path.name}" if labels.count(label) > 1 and label != m.path.name else label
                      for label, m in zip(labels, loaded.members)]
            versions = [Version(label, m.session, _year(m.resolution) or m.front_year, m.resolution.title or m.front_title)
                        for label, m in zip(labels, loaded.members)]
            self.app.push_screen(VersionPicker(versions, loaded.pick, loaded.words), self._picked)

    def action_draft(self) -> None:
        kind = OUTLINE if self.request.kind == DRAFT else DRAFT
        self.start(Request(kind, self.request.paths[:1]))

    def _picked(self, pick: tuple[int, int] | None) -> None:
        loaded = self.loaded
        if pick is None or loaded is None or pick == loaded.pick:
            return
        self.start(Request(SERIES, loaded.request.paths, pick=pick, members=loaded.members))


def _year(res) -> str | None:
    """The year a text was adopted (or issued), as its header gives it."""
    for date in (res.adopted, res.issued):
        if date and str(date)[:4].isdigit():
            return str(date)[:4]
    return None


def _bold_fields(template: str, bold: set[str] | None = None, **fields) -> Text:
    """``template`` filled in with ``fields``, those named in ``bold`` (all when None) in bold:
    the words come from the catalogue, the emphasis from the screen."""
    import string

    text = Text()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        text.append(literal)
        if name is not None:
            text.append(str(fields[name]), "bold" if bold is None or name in bold else "")
    return text
