"""What `resodiff history` and `resodiff blame` show: text for people, JSON for tools.

Pure: builds strings and dicts from a ``history.History``, prints nothing.
"""

from __future__ import annotations

import textwrap
from typing import Any

from rich.console import Console
from rich.text import Text

from resodiff import symbols
from resodiff.history import Blame, History, Lineage, Series, Step, blame
from resodiff.marks import mark
from resodiff.terminal import neutralise
from resodiff.worddiff import DELETE, INSERT

WIDTH = 100
CONTEXT = 6  # words of unchanged text kept on each side of a change


def short(symbol: str | None, fallback: str | None = None) -> str:
    """"A/RES/64/79" -> "64/79": the resolution number people say; the file name if no symbol."""
    return symbols.short(symbol) or symbol or fallback or "?"


def _label(hist: History, step: Step) -> str:
    return short(step.symbol, hist.versions[step.version].source)


def _trimmed(diff, context: int = CONTEXT) -> list[tuple[str, str]]:
    """The pieces with long unchanged stretches cut to ``…`` and white space collapsed (one
    space between words, none at the ends), each piece keeping its op."""
    pieces = [(op, text) for op, text, *_ in diff if text]
    out: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(pieces):
        core = text.strip()
        before, after = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if core and op not in (DELETE, INSERT):
            words = core.split()
            first, last = k == 0, k == len(pieces) - 1
            if first and len(words) > context:
                words = ["…"] + words[-context:]
            elif last and len(words) > context:
                words = words[:context] + ["…"]
            elif not first and not last and len(words) > 2 * context:
                words = words[:context] + ["…"] + words[-context:]
            core = " ".join(words)
        text = (" " if before else "") + " ".join(core.split()) + (" " if after and core else "")
        if out and out[-1][1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            out.append((op, text))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return [(op, text) for op, text in out if text]


def diff_line(diff, styled: bool = False, context: int = CONTEXT) -> Text:
    """A word diff on one line, long unchanged stretches cut to ``…``: changes struck through and
    underlined (``styled``), else marked ``[-removed-]{+added+}`` (``resodiff.marks``)."""
    return mark(_trimmed(diff, context), styled)


def render_diff(diff, context: int = CONTEXT) -> str:
    """A word diff on one line: ``[-removed-]{+added+}``, long unchanged stretches cut to ``…``.

    The pieces keep the spacing of the text, so punctuation stays where it was.
    """
    return diff_line(diff, False, context).plain


# ---- history -----------------------------------------------------------------------------------


def history_json(hist: History, series: Series | None = None, title: str | None = None) -> dict[str, Any]:
    """``title``: the series' title where no ``series`` is given (default: the newest text's)."""
    newest = hist.versions[-1]
    data: dict[str, Any] = {
        "title": series.title if series else (title or newest.title),
        "language": newest.language,
        "versions": [{"symbol": v.symbol, "session": v.session, "source": v.source} for v in hist.versions],
        "missing": list(series.missing) if series else [],
    }
    data.update(lineages=hist.to_json()["lineages"])
    return data


def _summary(hist: History, lineage: Lineage) -> str:
    first = lineage.entered
    changes = ", ".join(dict.fromkeys(_label(hist, s) for s in lineage.changes)) or "never"
    entered = f"entered {_label(hist, first)} as {first.id}"
    if lineage.absorbed:
        end = lineage.steps[-1]
        where = f"merged into {end.id} of {_label(hist, end)}"
    elif lineage.dropped:
        where = f"dropped in {_label(hist, lineage.dropped)} (last {lineage.last.id} of {_label(hist, lineage.last)})"
    else:
        where = f"{lineage.last.id} of {_label(hist, lineage.last)}"
    return f"{where} — {entered}; changed: {changes}"


def history_text(hist: History, series: Series | None = None, title: str | None = None) -> str:
    """The history as plain text, changes marked ``[-…-]{+…+}``."""
    return history_rich(hist, series, title).plain


def history_rich(hist: History, series: Series | None = None, title: str | None = None,
                 styled: bool = False) -> Text:
    """The history as text to print: changes styled for a terminal (``styled``) or marked."""
    newest = hist.versions[-1]
    title = neutralise((series.title if series else (title or newest.title)) or "(no title)")
    live = sum(1 for lin in hist.lineages if not lin.dropped and not lin.absorbed)
    lines: list[str | Text] = [
        f"History of “{title}” ({newest.language})",
        f"{len(hist.versions)} versions: " + ", ".join(short(v.symbol, v.source) for v in hist.versions),
    ]
    if series and series.missing:
        lines.append("missing from the corpus (named in a recall footnote): " + ", ".join(series.missing))
    lines.append(f"{len(hist.lineages)} paragraph threads: {live} live in the newest version, "
                 f"{len(hist.lineages) - live} dropped or merged away")
    width = max(len(_label(hist, s)) for lin in hist.lineages for s in lin.steps)
    for lineage in hist.lineages:
        lines += ["", neutralise(_summary(hist, lineage))]
        for step in lineage.steps:
            head = neutralise(f"  {_label(hist, step):<{width}}  {step.id or '—':<8} {step.status:<9}", name=True)
            diff = [(piece[0], neutralise(piece[1]), *piece[2:]) for piece in step.diff or ()]
            if step.changed and styled:  # the text's control characters seen, never obeyed
                body = diff_line(diff, True).wrap(_MEASURE, WIDTH - len(head) - 2)
                lines += [Text(head + "  " if k == 0 else " " * (len(head) + 2)) + line
                          for k, line in enumerate(body)] or [head]
            elif step.changed:
                lines += textwrap.wrap(render_diff(diff), WIDTH, initial_indent=head + "  ",
                                       subsequent_indent=" " * (len(head) + 2)) or [head]
            else:
                lines.append(head.rstrip())
    return Text("\n").join(line if isinstance(line, Text) else Text(line) for line in lines)


_MEASURE = Console(width=WIDTH, color_system=None)  # only measures text for wrapping


# ---- blame -------------------------------------------------------------------------------------


def _where(hist: History, step: Step | None, with_status: bool = False) -> dict[str, Any] | None:
    if step is None:
        return None
    data = {"symbol": step.symbol, "session": step.session, "id": step.id}
    if with_status:
        data["status"] = step.status
    return data


def blame_json(hist: History, title: str | None = None) -> dict[str, Any]:
    newest = hist.versions[-1]
    return {
        "symbol": newest.symbol, "session": newest.session, "language": newest.language,
        "title": title or newest.title,
        "versions": [{"symbol": v.symbol, "session": v.session, "source": v.source} for v in hist.versions],
        "paragraphs": [{"id": b.id, "entered": _where(hist, b.entered), "changed": _where(hist, b.changed, True),
                        "text": b.text} for b in blame(hist)],
    }


def blame_text(hist: History, title: str | None = None) -> str:
    """The newest text; beside each paragraph the version it entered and the version it last
    changed ("·": not since it entered). ``title``: where the text gives none (a fragment)."""
    newest = hist.versions[-1]
    rows: list[Blame] = blame(hist)
    labels = [short(v.symbol, v.source) for v in hist.versions]
    col = max(7, max(len(x) for x in labels))
    ids = max((len(b.id) for b in rows), default=4)
    gutter = 2 + col + 2 + col + 2 + ids + 2
    lines = [
        f"{newest.symbol or newest.source} · {title or newest.title or '(no title)'} · {newest.language}",
        f"{len(hist.versions)} versions: " + ", ".join(labels),
        "beside each paragraph: the version it entered, the version its text last changed (· not since)",
        "",
        f"  {'entered':<{col}}  {'changed':<{col}}  id",
    ]
    for b in rows:
        entered = _label(hist, b.entered)
        changed = _label(hist, b.changed) if b.changed else "·"
        head = f"  {entered:<{col}}  {changed:<{col}}  {b.id:<{ids}}  "
        body = textwrap.wrap(b.text, max(20, WIDTH - gutter)) or [""]
        lines.append(head + body[0])
        lines += [" " * gutter + rest for rest in body[1:]]
    return "\n".join(lines)

