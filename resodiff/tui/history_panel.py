"""``HistoryPanel``: the focused paragraph's lineage across the versions on screen.

One entry per version the paragraph lives in (oldest first), headed by the version's symbol
and session (the front matter's where the text has no header), its id there and what happened
to it; under the heading, the whole paragraph as that version has it, with the words taken
out since the version before struck through and those put in underlined (the same cues as
the text). Text wraps under the heading's indent, never back to column 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from resodiff.tui.rows import DELETE, INSERT, ViewRow, display_pieces
from resodiff.terminal import neutralise  # the text's control characters seen, never obeyed
from resodiff.words import Words

if TYPE_CHECKING:
    from resodiff.history import History

DELETED = "deleted"  # resodiff.history's status of the step that dropped a paragraph


class HistoryPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    HistoryPanel {
        height: auto;
        max-height: 50%;
        border-top: solid $accent;
        padding: 0 1;
        background: $surface;
    }
    HistoryPanel Static { height: auto; }
    """

    def compose(self):
        yield Static(id="history-text")

    def show_row(self, row: ViewRow | None, history: History | None, old: int, new: int,
                 headings: Sequence[str], words: Words) -> None:
        self.query_one("#history-text", Static).update(describe(row, history, old, new, headings, words))


def describe(row: ViewRow | None, history: History | None, old: int, new: int,
             headings: Sequence[str], words: Words) -> RenderableType:
    """The lineage of ``row``'s paragraph; ``old``, ``new``: the versions on screen;
    ``headings``: how to name each version of ``history`` ("A/RES/80/6, session 80");
    ``words``: the app's words in the text's language."""
    if row is None:
        return Text(words("footnotes.no_focus"))
    if history is None:
        return Text(words("history.no_history"))
    # a deleted paragraph lives on in the older version only
    pid, at = (row.new[0], new) if row.new else (row.old[0], old)
    lineage = history.lineage(pid, at)
    if lineage is None:
        return Text(words("history.not_found", id=row.label))
    parts: list[RenderableType] = [Text(words("history.title", id=row.label), "bold")]
    for step in lineage.steps:
        version = history.versions[step.version]
        if step.version < len(headings):
            where = headings[step.version]
        else:
            where = words("history.version", label=version.symbol or "?", session=version.session) \
                if version.session else version.symbol or "?"
        status = step.status if step.changed or step.status in ("added", DELETED) else "unchanged"
        status = words("gutter." + status) if words.has("gutter." + status) else status
        parts.append(Text.assemble((where, "bold"), f" · {step.id or '—'} · {status}"))
        if step.status == DELETED or step.id is None:
            continue
        parts.append(Padding(_paragraph(step, version), (0, 0, 0, 2)))
    return Group(*parts)


def _paragraph(step, version) -> Text:
    """The paragraph as ``version`` has it; its changes since the version before marked."""
    text = Text()
    if step.changed and step.diff:
        for op, piece in display_pieces(step.diff):
            text.append(neutralise(piece), "strike" if op == DELETE else "underline" if op == INSERT else "")
        return text
    para = version.paragraph(step.id)
    return Text(para.text if para is not None else "")
