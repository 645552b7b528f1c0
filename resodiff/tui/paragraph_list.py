"""``ParagraphList``: the scrolling column of ``RowView``s, and the cursor that moves through it.

It knows rows, not why you move: the screen asks for "the next row that is a change", "the
next row that matches", "the row holding OP12"; up and down move row by row, scrolling
through a row taller than the screen before leaving it. The list holds the keyboard focus;
the current row (the focused paragraph) is marked with the class ``-current``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from resodiff.tui.paragraph import ROW_STYLES, SIDE, RowView
from resodiff.tui.rows import ViewRow
from resodiff.words import Words


class ParagraphList(VerticalScroll):
    COMPONENT_CLASSES = set(ROW_STYLES)

    DEFAULT_CSS = """
    ParagraphList {
        height: 1fr;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;  /* the scroll bar's arrival must not re-wrap (re-measure) every row */
    }
    ParagraphList:focus { background-tint: transparent; }
    """ + "\n".join(f"ParagraphList > .{name} {{ {css} }}" for name, css in ROW_STYLES.items())

    BINDINGS = [
        Binding("down,j", "step(1)", "Next paragraph", show=False),
        Binding("up,k", "step(-1)", "Previous paragraph", show=False),
        Binding("home", "edge(0)", "First paragraph", show=False),
        Binding("end", "edge(-1)", "Last paragraph", show=False),
    ]

    class CursorMoved(Message):
        """Another row became the current one."""

        def __init__(self, view: RowView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, rows: Iterable[ViewRow], mode: str = SIDE, *, banner: Widget | None = None,
                 words: Words | None = None, **kwargs) -> None:
        """``banner``: a widget above the first row that scrolls away with the text; ``words``:
        the app's words in the text's language (English when None)."""
        from resodiff.tui.sources import before_reading

        super().__init__(**kwargs)
        self.words = words or before_reading()
        self.rows = list(rows)
        self.mode = mode
        self.banner = banner
        self._current: RowView | None = None
        # Rows from this index on are estimated, not measured, until the first frame is drawn:
        # the first frame waits only for the rows it shows (RowView.get_content_height).
        self.exact_rows = 1 << 30

    def on_mount(self) -> None:
        self.exact_rows = self._first_screens()
        # after the refresh that lays the rows out and draws them, not the one before it
        self.call_after_refresh(self.call_after_refresh, self.measure_all)

    def _first_screens(self, screens: int = 2) -> int:
        """How many rows from the top fill ``screens`` screen heights, by their estimates."""
        width, height = self.app.size
        total = 0
        for i, row in enumerate(self.rows):
            total += RowView(row, i, self.mode).estimate_height(max(20, width - 4)) + 1
            if total > screens * height:
                return i + 1
        return len(self.rows)

    def measure_all(self) -> None:
        """After the first frame: every row measured, the layout (and the scroll bar) exact."""
        if self.exact_rows < len(self.rows):
            estimated = self.views[self.exact_rows:]
            self.exact_rows = 1 << 30
            for view in estimated:
                view.refresh(layout=True)
            current = self.current()
            if current is not None and current.index > 0:  # moved already: it stays where it went
                self.call_after_refresh(self._keep_current_in_view)

    def compose(self):
        if self.banner is not None:
            yield self.banner
        for i, row in enumerate(self.rows):
            yield RowView(row, i, self.mode, self.words)

    # ---- what is there --------------------------------------------------------------------

    @property
    def views(self) -> list[RowView]:
        return list(self.query_children(RowView))

    def current(self) -> RowView | None:
        """The current row (the focused paragraph), None before the first is chosen."""
        return self._current

    # ---- changing how rows look -------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        for view in self.views:
            view.mode = mode
        self.call_after_refresh(self._keep_current_in_view)

    def set_needle(self, needle: str) -> None:
        for view in self.views:
            view.needle = needle

    def set_changed_only(self, on: bool) -> None:
        """Hide unchanged rows (on) or show every row (off); the cursor stays on a shown row."""
        current = self.current()
        for view in self.views:
            view.display = view.row.changed or not on
        if current is not None and not current.display:
            target = self.find(lambda v: v.row.changed, start=current.index, step=1) or \
                self.find(lambda v: v.row.changed, start=current.index, step=-1)
            if target is not None:
                self.show(target)
        else:
            self.call_after_refresh(self._keep_current_in_view)

    # ---- moving ---------------------------------------------------------------------------

    def find(self, test: Callable[[RowView], bool], *, start: int | None, step: int) -> RowView | None:
        """The first shown row after (step 1) or before (step -1) index ``start`` passing ``test``.

        ``start`` None searches from the top (step 1) or the bottom (step -1).
        """
        views = self.views
        if start is None:
            indices = range(len(views)) if step > 0 else range(len(views) - 1, -1, -1)
        elif step > 0:
            indices = range(start + 1, len(views))
        else:
            indices = range(start - 1, -1, -1)
        for i in indices:
            if views[i].display and test(views[i]):
                return views[i]
        return None

    def select(self, view: RowView) -> None:
        """Make ``view`` the current row, without scrolling."""
        if not view.display:
            view.display = True
        if self._current is not view:
            if self._current is not None:
                self._current.remove_class("-current")
            view.add_class("-current")
            self._current = view
            self.post_message(self.CursorMoved(view))

    def show(self, view: RowView, *, top: bool = True) -> None:
        """Make ``view`` the current row and scroll it to the top of the list (or into view)."""
        self.measure_all()  # a jump needs every row's true height above its target
        self.select(view)
        self.call_after_refresh(self.scroll_to_widget, view, top=top, animate=False)

    def _keep_current_in_view(self) -> None:
        current = self.current()
        if current is None or not current.display:
            return
        if current is self.find(lambda v: True, start=None, step=1):
            self.scroll_home(animate=False)  # the first row: what stands above it stays in view
        else:
            self.scroll_to_widget(current, top=True, animate=False)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """A new size re-wraps every row (a resized terminal, a panel opened beside or below):
        the focused paragraph goes back to the top instead of wherever its old offset lands.
        (Textual sends no Resize event when a sibling panel takes part of the width: the
        layout's own size update is the one place that sees every change.)"""
        old = self._size
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if size != old and old.area:
            self.call_after_refresh(self._keep_current_in_view)
        return changed

    def on_row_view_clicked(self, event: RowView.Clicked) -> None:
        self.select(event.view)
        self.focus()

    def action_step(self, step: int) -> None:
        """Down / up: scroll through a tall row first, then move to the next / previous row."""
        current = self.current()
        if current is None:
            first = self.find(lambda v: True, start=None, step=1)
            if first is not None:
                self.show(first, top=False)
            return
        viewport = self.content_region
        region = current.region
        if region and step > 0 and region.bottom > viewport.bottom:
            self.scroll_relative(y=max(1, viewport.height - 2), animate=False)
            return
        if region and step < 0 and region.y < viewport.y:
            self.scroll_relative(y=-max(1, viewport.height - 2), animate=False)
            return
        target = self.find(lambda v: True, start=current.index, step=step)
        if target is not None:
            self.show(target, top=False)

    def action_edge(self, which: int) -> None:
        target = self.find(lambda v: True, start=None, step=1 if which == 0 else -1)
        if target is not None:
            self.show(target, top=which == 0)
            if which != 0:
                self.call_after_refresh(self.scroll_end, animate=False)
