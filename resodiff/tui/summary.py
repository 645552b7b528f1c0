"""``SummaryPanel``: the comparison in numbers: rows by status, tags, and lead verbs changed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from resodiff.tui.rows import ViewRow, flagged, lead_changes, status_word, tag_counts
from resodiff.words import Words


class SummaryPanel(VerticalScroll):
    DEFAULT_CSS = """
    SummaryPanel {
        width: 42;
        border-left: solid $primary;
        padding: 0 1;
        background: $surface;
    }
    SummaryPanel Static { height: auto; }
    """

    def compose(self):
        yield Static(id="summary-text")

    def show_comparison(self, old: str, new: str, summary: dict[str, int], rows: list[ViewRow], words: Words) -> None:
        self.query_one("#summary-text", Static).update(self.describe(old, new, summary, rows, words))

    @staticmethod
    def describe(old: str, new: str, summary: dict[str, int], rows: list[ViewRow], words: Words):
        """A Rich renderable: title, counts by status, tags, lead verbs changed; in ``words``
        (the reports' headings, statuses and tags, in the text's language)."""
        from rich.console import Group, RenderableType

        w = words
        parts: list[RenderableType] = [Text.assemble((w("report.summary"), "bold"), f"\n{old} → {new}\n")]
        counts = Table.grid(padding=(0, 2))
        counts.add_column(justify="right")
        counts.add_column()
        for status, n in summary.items():
            word = status_word(w, status, n)
            counts.add_row(str(n), word if n else Text(word, style="dim"))
        counts.add_row(str(sum(summary.values())), Text(w("counts.rows"), style="bold"))
        parts.append(counts)

        # First after the counts: for a draft, the work left to the drafter.
        points = flagged(rows)
        if points:  # a draft's time-bound text, for the drafter to update by hand
            parts.append(Text("\n" + w("summary.to_update", n=len(points)), style="bold"))
            for row in points:
                line = Text(f"{row.label:<6} ", style="bold")
                line.append(" · ".join(row.flags))
                parts.append(line)

        tags = tag_counts(rows)
        if tags:
            parts.append(Text("\n" + w("summary.tags"), style="bold"))
            table = Table.grid(padding=(0, 2))
            table.add_column(justify="right")
            table.add_column()
            for tag, n in tags.items():
                table.add_row(str(n), w.tags([tag])[0])
            parts.append(table)

        leads = lead_changes(rows)
        parts.append(Text("\n" + w("summary.leads", heading=w("report.lead_changes"), n=len(leads)), style="bold"))
        if not leads:
            parts.append(Text(w("summary.none"), style="dim"))
        for row, old_lead, new_lead in leads:
            line = Text(f"{row.label:<6} ", style="bold")
            line.append(old_lead, "strike")
            line.append(" → ")
            line.append(new_lead, "underline")
            parts.append(line)
        return Group(*parts)
