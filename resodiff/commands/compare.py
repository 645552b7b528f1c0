"""`resodiff compare OLD NEW [--format text|json|md] [--color auto|always|never] [--ignore case,punctuation]`:
what happened to each paragraph."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from resodiff import marks, spaces
from resodiff.commands.common import resolved, symbol_options
from resodiff.compare import IGNORABLE, LanguageMismatch, compare, outside_fragment
from resodiff.errors import ResodiffError
from resodiff.formats import add_format_option
from resodiff.languages import typeset_pieces
from resodiff.readers import read
from resodiff.terminal import neutralise, neutralise_data

NAME = "compare"
INDENT = 4

# How each status reads in the terminal; every row also says its status in words, so the
# colour is never the only cue.
STYLE = {"unchanged": "dim", "modified": "yellow", "moved": "magenta", "added": "green",
         "deleted": "red", "split": "cyan", "merged": "cyan"}


class CompareError(ResodiffError):
    """Two texts that cannot be compared (different languages)."""


def ignore_list(value: str) -> tuple[str, ...]:
    """``--ignore case,punctuation`` as a tuple of kinds; an unknown kind is a usage error."""
    kinds = tuple(dict.fromkeys(k.strip().lower() for k in value.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in IGNORABLE]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"{value!r}: give one or more of {', '.join(IGNORABLE)}, comma-separated")
    return kinds


def add_ignore_option(parser) -> None:
    parser.add_argument("--ignore", type=ignore_list, default=(), metavar="KINDS",
                        help="set aside changes only of these kinds (case, punctuation; comma-separated): "
                             "shown dimmed, not counted as modified")


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="compare two versions paragraph by paragraph, word by word")
    p.add_argument("old", help="the earlier version")
    p.add_argument("new", help="the later version")
    add_format_option(p, ("text", "json", "md"), "text")
    p.add_argument("--all", action="store_true", help="text: print unchanged paragraphs in full too")
    symbol_options(p)
    marks.add_color_option(p)
    add_ignore_option(p)


def run(args) -> int:
    old, new = read(resolved(args, args.old)), read(resolved(args, args.new))
    ignore = tuple(getattr(args, "ignore", ()) or ())
    try:
        comparison = compare(old, new, ignore)
    except LanguageMismatch as exc:
        raise CompareError(f"{args.old}, {args.new}: {exc}") from None
    if args.format == "json":
        print(json.dumps(comparison, ensure_ascii=False, indent=2))
    elif args.format == "md":
        from resodiff import reports

        sys.stdout.write(neutralise(reports.render(reports.make(old, new, ignore), "md").decode("utf-8")))
    else:
        console = marks.console(args)
        spaces.hold(app=False)  # French text: ";" and "»" never alone at the start of a line
        # a text without a symbol (a fragment) is named by its file, as the app and reports do
        labels = (old.symbol or Path(args.old).name, new.symbol or Path(args.new).name)
        outside = [outside_fragment(r["status"], r["old"], r["new"], old, new) for r in comparison["rows"]]
        for block in render_text(_typeset(neutralise_data(comparison), new.language), show_unchanged=args.all,
                                 styled=marks.styled(args),
                                 labels=labels, outside=outside):
            if isinstance(block, Text):  # row headings stay on one line (ids and tags are looked for)
                console.print(block, soft_wrap=True)
                continue
            # a diff wraps as prose, indented under its row, without trailing blanks; printed in
            # one call (a print per line costs seconds over a long paragraph's thousands of lines)
            wrapped = Text()
            for k, line in enumerate(block.renderable.wrap(console, max(20, console.width - INDENT))):
                line.rstrip()
                wrapped.append("\n" + " " * INDENT if k else " " * INDENT)
                wrapped.append_text(line)
            console.print(wrapped, soft_wrap=True)
    return 0


def _typeset(comparison: dict, language: str) -> dict:
    """The diffs through the text's typography (French: a no-break space before ";" and
    after "«", so no sign starts a line); only spaces change, and only for the terminal."""
    for row in comparison["rows"]:
        texts = typeset_pieces([text for _, text in row["diff"]], language)
        row["diff"] = [[op, text] for (op, _), text in zip(row["diff"], texts)]
    return comparison


def render_text(comparison: dict, *, show_unchanged: bool = False, styled: bool = True,
                labels: tuple[str, str] | None = None, outside: list[bool] | None = None) -> list:
    """The comparison as rich Text blocks, top to bottom, then the summary.

    ``styled``: deletions struck through and insertions underlined as well as coloured (a
    terminal); else marked ``[-deleted-]{+inserted+}``, which survives a pipe. A row set aside
    by ``--ignore`` says so and is dimmed. ``labels`` name the two texts (default: their
    symbols); ``outside[k]``: row k is a preambular paragraph the fragment side never had,
    said so and not shown as a change.
    """
    old, new = comparison["old"], comparison["new"]
    old_label, new_label = labels or (old["symbol"] or "old text", new["symbol"] or "new text")
    out: list[RenderableType] = [Text(f"{old_label} → {new_label}", style="bold")]
    for k, row in enumerate(comparison["rows"]):
        if outside and outside[k]:
            missing = " + ".join(row["old"] or row["new"])
            out.append(Text(f"{'—':<9} {missing}  (not in this text: fragment)", style="dim"))
            continue
        ids = " + ".join(row["old"]) or "—"
        ids += " → " + (" + ".join(row["new"]) or "—")
        ignored = bool(row.get("ignored"))
        head = Text()
        head.append(f"{row['status']:<9}", style="dim" if ignored else STYLE[row["status"]] + " bold")
        head.append(f" {ids}", style="dim" if ignored else "")
        if row["tags"]:
            head.append("  [" + ", ".join(row["tags"]) + "]", style="dim")
        if ignored:
            head.append("  (set aside: --ignore)", style="dim")
        lead = row["lead"]
        if "lead-verb" in row["tags"]:
            head.append(f"  lead: {lead['old']} → {lead['new']}", style="bold")
        out.append(head)
        if row["status"] == "unchanged" and not show_unchanged:
            continue
        body = marks.mark(row["diff"], styled, dim=ignored)
        if ignored:
            body.stylize("dim")
        out.append(Padding(body, (0, 0, 0, INDENT)))  # the diff indented under its row
    summary = ", ".join(f"{n} {status}" for status, n in comparison["summary"].items() if n)
    out.append(Text(f"summary: {summary}", style="bold"))
    return out
