"""How a change is marked in text people read: on a terminal, deletions struck through and
insertions underlined, in colour; anywhere else (a pipe, a file, ``--color never``), the
``[-deleted-]{+inserted+}`` markers git and ``wdiff`` use, so a change survives ``| less``.

In: ``(op, text)`` pieces (op "=", "-", "+"; a third element, if any, is ignored). Out: a
``rich.text.Text``, printed by the commands through ``console(args)``. ``--color auto|always|never``
is one option for every command that prints changes; ``NO_COLOR`` (no-color.org) keeps the
strike-through and underline but drops the colour.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

EQUAL, DELETE, INSERT = "=", "-", "+"
MARKERS = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
STYLES = {DELETE: "red strike", INSERT: "green underline"}
GAP = "\u2009"  # thin space: visible, narrower than a word space, not a character of either text


def touch(before: str, after: str) -> bool:
    """Whether ``before`` (struck) and ``after`` (inserted) printed side by side would read as
    one word ("~~3~~5" as "35"): neither has a space at the joint."""
    return bool(before) and bool(after) and not before[-1].isspace() and not after[0].isspace()
SET_ASIDE = "dim"  # a change set aside by --ignore (case, punctuation)
COLOR_CHOICES = ("auto", "always", "never")


def add_color_option(parser) -> None:
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="mark changes with strike-through, underline and colour (auto: on a terminal); "
                             "otherwise [-deleted-]{+inserted+}")


def styled(args: Any, stream=None) -> bool:
    """Whether changes are shown with styles (else with markers)."""
    choice = getattr(args, "color", "auto") or "auto"
    if choice != "auto":
        return choice == "always"
    stream = sys.stdout if stream is None else stream
    return bool(getattr(stream, "isatty", lambda: False)())


def console(args: Any) -> Console:
    """The console a command prints changes through: styles as ``styled`` decides; no colour
    under ``NO_COLOR`` unless ``--color always``."""
    if styled(args):
        always = getattr(args, "color", "auto") == "always"
        return Console(highlight=False, soft_wrap=False, force_terminal=True,
                       no_color=False if always else bool(os.environ.get("NO_COLOR")))
    return Console(highlight=False, soft_wrap=False, no_color=True, force_terminal=False,
                   color_system=None)


def mark(pieces: Iterable, styled: bool, dim: bool = False) -> Text:
    """The pieces as one ``Text``: styles, or markers around each change (white space at a
    change's edges stays outside its markers, so "[-parties-]{+Parties+}" reads as words)."""
    text = Text()
    last_op, last_chunk = EQUAL, ""
    for piece in pieces:
        op, chunk = piece[0], piece[1]
        if not chunk:
            continue
        if styled and op != EQUAL and last_op not in (EQUAL, op) and touch(last_chunk, chunk):
            text.append(GAP)  # the display's, between a deletion and its replacement
        last_op, last_chunk = op, chunk
        if op == EQUAL:
            text.append(chunk)
        elif styled:
            text.append(chunk, SET_ASIDE + " " + STYLES[op] if dim else STYLES[op])
        else:
            core = chunk.strip()
            if not core:
                text.append(chunk)
                continue
            before, after = chunk[:len(chunk) - len(chunk.lstrip())], chunk[len(chunk.rstrip()):]
            opening, closing = MARKERS[op]
            text.append(before + opening + core + closing + after)
    return text
