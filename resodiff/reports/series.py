"""The series report: many versions of one resolution, each compared with the one before.

In: the versions (put in session order, as ``resodiff history`` does). Out: the HTML page (a
table of the versions, a small inline SVG chart of how many paragraphs were added, deleted and
modified at each session, then each step's changed paragraphs), the same in Markdown, or JSON
(``{"versions": [...], "steps": [compare objects]}``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from resodiff import __version__, symbols
from resodiff.errors import ReportError
from resodiff.history import order_versions
from resodiff.model import Resolution
from resodiff.reports import make
from resodiff.reports.content import Report
from resodiff.reports.content import describe as name_of
from resodiff.reports.json import text_json
from resodiff.reports.templating import environment
from resodiff.languages import typeset
from resodiff.reports.html import legend
from resodiff.reports.pieces import shown
from resodiff.reports.words import Words, metadata, words

FORMATS = ("html", "md", "json")
CHART = ("added", "deleted", "modified")  # the statuses the chart counts, one bar each
# Okabe and Ito's colour-blind-safe palette, and a fill pattern per kind (print in grey too).
COLOURS = {"added": "#009E73", "deleted": "#D55E00", "modified": "#0072B2"}
PATTERNS = {"added": "solid", "deleted": "hatch", "modified": "dots"}


@dataclass(frozen=True)
class Series:
    versions: tuple[Resolution, ...]
    steps: tuple[Report, ...]  # steps[k] compares versions[k] with versions[k + 1]


def make_series(versions: Sequence[Resolution]) -> Series:
    """Order the versions by session and compare each with the next."""
    if len(versions) < 2:
        raise ReportError("a series report needs at least two versions")
    ordered = order_versions(versions)
    return Series(tuple(ordered), tuple(make(a, b) for a, b in itertools.pairwise(ordered)))


def _step_label(report: Report) -> str:
    """What the chart writes under a step: the new version's resolution number ("59/256"),
    else its session, else its name."""
    if number := symbols.short(report.new.symbol):
        return number
    return str(report.new.session) if report.new.session is not None else name_of(report.new)


def _words(series: Series) -> Words:
    return words(series.versions[-1].language)


def _span(series: Series, w: Words) -> str:
    """"A/RES/58/237 to A/RES/64/79": the first and last versions."""
    return w("series.title_span", first=name_of(series.versions[0]), last=name_of(series.versions[-1]))


def _title(series: Series, w: Words | None = None) -> str:
    """The series' title (the newest version's), else its span of versions."""
    w = w or _words(series)
    title = series.versions[-1].title or next((v.title for v in series.versions if v.title), None)
    return title or _span(series, w)


def _chart_name(series: Series, w: Words) -> str:
    """The series as the chart's title names it: its title and span, or the span alone."""
    title, span = _title(series, w), _span(series, w)
    return span if title == span else f"{title} ({span})"


def chart(series: Series, width: int = 640, height: int = 270) -> dict[str, Any]:
    """Geometry of the bar chart: a title naming the series, per step one bar per status in
    ``CHART`` with its value above it, a y axis with whole-number ticks and its title, the
    steps' axis title, and a legend. Plain numbers and strings; the template draws them."""
    w = _words(series)
    left, right, top, bottom = 52, 10, 20, 62
    plot_w, plot_h = width - left - right, height - top - bottom
    counts = [[step.summary.get(s, 0) for s in CHART] for step in series.steps]
    peak = max([1] + [c for row in counts for c in row])
    tick = next(t for t in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if peak / t <= 5)
    top_value = -(-peak // tick) * tick
    group = plot_w / len(counts)
    bar = min(18.0, group * 0.8 / len(CHART))
    bars, labels = [], []
    for k, (step, row) in enumerate(zip(series.steps, counts)):
        x0 = left + k * group + (group - bar * len(CHART)) / 2
        for j, (status, value) in enumerate(zip(CHART, row)):
            h = plot_h * value / top_value
            bars.append({"x": round(x0 + j * bar, 1), "y": round(top + plot_h - h, 1), "w": round(bar - 1, 1),
                         "h": round(h, 1), "status": status, "value": value,
                         "cx": round(x0 + j * bar + (bar - 1) / 2, 1), "vy": round(top + plot_h - h - 3, 1),
                         "title": f"{name_of(step.old)} → {name_of(step.new)}: {value} {w.status(status)}"})
        labels.append({"x": round(left + k * group + group / 2, 1), "y": height - bottom + 16,
                       "text": _step_label(step)})
    ticks = [{"y": round(top + plot_h - plot_h * v / top_value, 1), "value": v}
             for v in range(0, top_value + 1, tick)]
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "base": top + plot_h, "bars": bars, "labels": labels, "ticks": ticks,
            "legend": [{"status": st, "text": w.status(st), "x": left + k * 110, "colour": COLOURS[st],
                        "pattern": PATTERNS[st]} for k, st in enumerate(CHART)],
            "caption_y": height - 6, "title": w("series.chart_title", title=_chart_name(series, w)),
            "y_title": w("series.chart_axis"), "y_title_x": 12, "y_title_y": top + plot_h / 2,
            "x_title": w("series.chart_steps"), "x_title_x": left + plot_w / 2, "x_title_y": height - bottom + 32,
            "label": w("series.chart_label"), "colours": COLOURS}


def render(series: Series, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(series).encode("utf-8")
    if fmt == "md":
        return render_markdown(series).encode("utf-8")
    if fmt == "json":
        return (json.dumps(series_json(series), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise ReportError(f"a series report is written as html, md or json, not {fmt}")


def series_json(series: Series) -> dict[str, Any]:
    return {"versions": [text_json(v) for v in series.versions],
            "steps": [step.comparison for step in series.steps]}


def render_html(series: Series) -> str:
    w = _words(series)
    language = series.versions[-1].language
    template = environment(autoescape=True).get_template("series.html.j2")
    return template.render(
        s=series,
        w=w,
        versions=[metadata(v, w) for v in series.versions],
        fields=("name", "session", "adopted", "paragraphs", "file"),
        chart=chart(series),
        version=__version__,
        title=typeset(_title(series, w), w.language),
        legend=legend(w, "series.legend"),
        shown=lambda items, gaps=True: shown(items, language, gaps=gaps),
    )


def render_markdown(series: Series) -> str:
    from resodiff.reports.markdown import entries, escape

    w = _words(series)
    keys = ("name", "session", "adopted", "paragraphs", "file")
    out = [f"# {escape(w('series.page_title', title=typeset(_title(series, w), w.language)))}", "",
           "| " + " | ".join([escape(w("series.number"))] + [escape(w.field(k)) for k in keys]) + " |",
           "|--:|---|---|---|---|---|"]
    for k, v in enumerate(series.versions, 1):
        m = metadata(v, w)
        out.append("| " + " | ".join([str(k)] + [escape(str(m[key])) for key in keys]) + " |")
    statuses = list(series.steps[0].summary)
    out += ["", f"## {escape(w('series.changes'))}", "",
            f"| {escape(w('series.step'))} | " + " | ".join(escape(w.status(s)) for s in statuses) + " |",
            "|---|" + "--:|" * len(statuses)]
    for step in series.steps:
        out.append(f"| {escape(name_of(step.old))} → {escape(name_of(step.new))} | "
                   + " | ".join(str(step.summary[s]) for s in statuses) + " |")
    for step in series.steps:
        out += ["", f"## {escape(name_of(step.old))} → {escape(name_of(step.new))}", ""]
        body = entries(step, only_changed=True)
        out += body or [escape(w("series.no_change"))]
    out += ["", "---", "", escape(w("report.made_by_series", version=__version__))]
    return "\n".join(out) + "\n"
