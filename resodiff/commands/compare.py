"""`resodiff compare OLD NEW [--format text|json|markdown]`: what happened to each paragraph."""

from __future__ import annotations

import json
import sys

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.text import Text

from resodiff.compare import LanguageMismatch, compare
from resodiff.errors import ResodiffError
from resodiff.readers import read
from resodiff.terminal import neutralise, neutralise_data

NAME = "compare"

# How each status reads in the terminal; every row also says its status in words, so the
# colour is never the only cue.
STYLE = {"unchanged": "dim", "modified": "yellow", "moved": "magenta", "added": "green",
         "deleted": "red", "split": "cyan", "merged": "cyan"}


class CompareError(ResodiffError):
    """Two texts that cannot be compared (different languages)."""


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="compare two versions paragraph by paragraph, word by word")
    p.add_argument("old", help="the earlier version")
    p.add_argument("new", help="the later version")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--all", action="store_true", help="text: print unchanged paragraphs in full too")


def run(args) -> int:
    old, new = read(args.old), read(args.new)
    try:
        comparison = compare(old, new)
    except LanguageMismatch as exc:
        raise CompareError(f"{args.old}, {args.new}: {exc}") from None
    if args.format == "json":
        print(json.dumps(comparison, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        from resodiff import reports

        sys.stdout.write(neutralise(reports.render(reports.make(old, new), "md").decode("utf-8")))
    else:
        console = Console(highlight=False, soft_wrap=False)
        for block in render_text(neutralise_data(comparison), show_unchanged=args.all):
            # row headings stay on one line (ids and tags are looked for); diffs wrap as prose
            console.print(block, soft_wrap=isinstance(block, Text))
    return 0


def render_text(comparison: dict, *, show_unchanged: bool = False) -> list:
    """The comparison as rich Text blocks, top to bottom, then the summary.

    Deletions are struck through and insertions underlined as well as coloured, so the
    rendering survives a terminal (or a reader) without colour.
    """
    old, new = comparison["old"], comparison["new"]
    out: list[RenderableType] = [Text(f"{old['symbol'] or 'OLD'} → {new['symbol'] or 'NEW'}", style="bold")]
    for row in comparison["rows"]:
        ids = " + ".join(row["old"]) or "—"
        ids += " → " + (" + ".join(row["new"]) or "—")
        head = Text()
        head.append(f"{row['status']:<9}", style=STYLE[row["status"]] + " bold")
        head.append(f" {ids}")
        if row["tags"]:
            head.append("  [" + ", ".join(row["tags"]) + "]", style="dim")
        lead = row["lead"]
        if "lead-verb" in row["tags"]:
            head.append(f"  lead: {lead['old']} → {lead['new']}", style="bold")
        out.append(head)
        if row["status"] == "unchanged" and not show_unchanged:
            continue
        body = Text()
        for op, piece in row["diff"]:
            if op == "=":
                body.append(piece)
            elif op == "-":
                body.append(piece, style="red strike")
            else:
                body.append(piece, style="green underline")
        out.append(Padding(body, (0, 0, 0, 4)))  # the diff indented under its row
    summary = ", ".join(f"{n} {status}" for status, n in comparison["summary"].items() if n)
    out.append(Text(f"summary: {summary}", style="bold"))
    return out
