"""`resodiff tui [OLD NEW | FILE | --series FOLDER]`: the terminal app.

`resodiff` alone opens it on the bundled example and `resodiff OLD NEW` on two files
(cli.py sends both here). Outside a terminal (a pipe, a script) there is no app: the bare
`resodiff` prints the example's outline as it always did, anything else is an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from resodiff.bundled import example
from resodiff.commands.common import resolved, symbol_options
from resodiff.errors import ResodiffError
from resodiff.terminal import neutralise

NAME = "tui"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="the terminal app: two versions side by side, change by change",
                              description="Open the terminal app on two versions (OLD NEW), on one text "
                                          "(its outline), on a series folder, or on the bundled example.")
    p.add_argument("files", nargs="*", metavar="FILE", help="OLD NEW to compare, or one FILE to outline")
    p.add_argument("--series", metavar="FOLDER", help="a folder of versions of one resolution (v picks two)")
    p.add_argument("--rounds", action="store_true",
                   help="the FILEs are negotiation rounds, oldest first: status column, o for what is still open")
    p.add_argument("--theme", choices=("dark", "light"), default="dark")
    symbol_options(p)


def run(args) -> int:
    from resodiff.tui.sources import OUTLINE, PAIR, SERIES, Request

    files = [Path(resolved(args, f)) for f in args.files]
    if args.rounds:
        return _rounds(files, args)
    if args.series and files:
        raise ResodiffError("tui: give two files or --series FOLDER, not both")
    if len(files) > 2:
        raise ResodiffError(f"tui: compare two files at a time, got {len(files)}")
    for path in files:
        if not path.exists():
            raise ResodiffError(f"{path}: no such file")
        if path.is_dir():
            raise ResodiffError(f"{path}: is a folder (a series? resodiff tui --series {path})")
    if args.series:
        folder = Path(args.series)
        if not folder.is_dir():
            raise ResodiffError(f"{folder}: no such folder")
        request = Request(SERIES, (folder,))
    elif len(files) == 2:
        request = Request(PAIR, tuple(files))
    elif len(files) == 1:
        request = Request(OUTLINE, tuple(files))
    else:
        request = Request(OUTLINE, (example(),))
    return launch(request, theme=args.theme)


def _rounds(files: list[Path], args) -> int:
    if args.series or len(files) < 2:
        raise ResodiffError("tui --rounds: give the rounds as two or more FILEs, oldest first")
    for path in files:
        if not path.is_file():
            raise ResodiffError(f"{path}: no such file")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ResodiffError("the terminal app needs a terminal (run it without redirecting input or output)")
    from resodiff.tui.rounds_view import RoundsApp

    app = RoundsApp(files, theme=args.theme)
    app.run()
    return app.return_code or 0


def launch(request, theme: str = "dark") -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ResodiffError("the terminal app needs a terminal (run it without redirecting input or output)")
    from resodiff.tui.preload import Preload

    preload = Preload.start(request)  # read and align on the other core while Textual imports
    from resodiff.tui.app import ResodiffApp

    app = ResodiffApp(request, theme=theme, preload=preload)
    app.run()
    return app.return_code or 0


def run_default() -> int:
    """`resodiff` alone: the app on the bundled example, or its outline printed outside a terminal."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from resodiff.outline import outline
        from resodiff.readers import read

        print(neutralise(outline(read(example()))))
        return 0
    from resodiff.tui.sources import Request

    return launch(Request.bundled())
