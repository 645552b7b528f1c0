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
from resodiff.reports.content import Report, describe as name_of
from resodiff.reports.json import text_json
from resodiff.reports.templating import environment
from resodiff.reports.words import describe, metadata, tag_words

FORMATS = ("html", "md", "json")
CHART = ("added", "deleted", "modified")  # the statuses the chart counts, one bar each


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


def _title(series: Series) -> str:
    """The series' title (the newest version's), else "A/RES/58/237 to A/RES/64/79"."""
    title = series.versions[-1].title or next((v.title for v in series.versions if v.title), None)
    return title or f"{name_of(series.versions[0])} to {name_of(series.versions[-1])}"


def chart(series: Series, width: int = 640, height: int = 230) -> dict[str, Any]:
    """Geometry of the bar chart: per step one bar per status in ``CHART``, a y axis with
    whole-number ticks. Plain numbers and strings; the template draws them."""
    left, right, top, bottom = 34, 10, 14, 42
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
                         "title": f"{name_of(step.old)} → {name_of(step.new)}: {value} {status}"})
        labels.append({"x": round(left + k * group + group / 2, 1), "y": height - bottom + 16,
                       "text": _step_label(step)})
    ticks = [{"y": round(top + plot_h - plot_h * v / top_value, 1), "value": v}
             for v in range(0, top_value + 1, tick)]
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "base": top + plot_h, "bars": bars, "labels": labels, "ticks": ticks, "statuses": CHART,
            "caption_y": height - 6}


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
    template = environment(autoescape=True).get_template("series.html.j2")
    return template.render(
        s=series,
        versions=[metadata(v) for v in series.versions],
        chart=chart(series),
        version=__version__,
        describe=describe,
        tag_words=tag_words,
        title=_title(series),
    )


def render_markdown(series: Series) -> str:
    from resodiff.reports.markdown import entries, escape

    out = [f"# Series: {escape(_title(series))}", "",
           "| # | Document | Session | Adopted | Paragraphs | File |", "|--:|---|---|---|---|---|"]
    for k, v in enumerate(series.versions, 1):
        m = metadata(v)
        out.append("| " + " | ".join([str(k)] + [escape(str(m[key])) for key in
                                                  ("name", "session", "adopted", "paragraphs", "file")]) + " |")
    statuses = list(series.steps[0].summary)
    out += ["", "## Changes at each session", "", "| Step | " + " | ".join(statuses) + " |",
            "|---|" + "--:|" * len(statuses)]
    for step in series.steps:
        out.append(f"| {escape(name_of(step.old))} → {escape(name_of(step.new))} | "
                   + " | ".join(str(step.summary[s]) for s in statuses) + " |")
    for step in series.steps:
        out += ["", f"## {escape(name_of(step.old))} → {escape(name_of(step.new))}", ""]
        body = entries(step, only_changed=True)
        out += body or ["No paragraph changed."]
    out += ["", "---", "", f"Made by resodiff {__version__}."]
    return "\n".join(out) + "\n"
