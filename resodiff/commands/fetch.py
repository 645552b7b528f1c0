"""`resodiff fetch SYMBOL... [--lang fr] [--word] [--corpus DIR]`: texts from the UN document system.

Each document is stored in the corpus folder as served (PDF, or Word with --word) beside its
parsed JSON. `--series FILE` fetches the earlier members named in FILE's recall footnote.
One line per document on stdout; one "error: ..." line per document that failed, exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from resodiff import ods
from resodiff.errors import ResodiffError
from resodiff.history import recalled
from resodiff.library.folder import default_folder
from resodiff.readers import read
from resodiff.symbols import normalise
from resodiff.terminal import neutralise

if TYPE_CHECKING:  # rich.progress is imported only when a bar is shown
    from rich.progress import Progress

NAME = "fetch"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="download resolutions from the UN document system into the corpus")
    p.add_argument("symbols", nargs="*", metavar="SYMBOL", help="document symbol, e.g. A/RES/75/15 (or 75/15)")
    p.add_argument("--series", metavar="FILE", help="fetch the earlier resolutions named in FILE's recall footnote")
    p.add_argument("--lang", choices=ods.LANGUAGES,
                   help="language of the texts (default: FILE's language with --series, else en)")
    p.add_argument("--word", action="store_true", help="the Word file instead of the PDF")
    p.add_argument("--corpus", metavar="DIR", help=f"where to store them (default: {default_folder()})")
    p.add_argument("--base-url", default=ods.DEFAULT_BASE_URL, metavar="URL",
                   help="the document system's access address (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="per read (default: 30)")
    p.add_argument("--deadline", type=float, default=ods.DEADLINE, metavar="SECONDS",
                   help="for one whole download (default: %(default)g)")
    p.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="follow redirects over https to HOST too (default: only to the --base-url host)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="tries again after a timeout or server error, waiting 1, 2, 4 ... s (default: 3)")
    p.add_argument("--force", action="store_true", help="fetch again what the corpus already has")


def run(args) -> int:
    language = args.lang
    symbols = [normalise(s) for s in args.symbols]
    if args.series:
        res = read(args.series)
        members = list(recalled(res))  # the one reading of recall footnotes (history.py)
        if not members:
            raise ResodiffError(f"{args.series}: no recall footnote listing earlier resolutions found")
        symbols += [s for s in members if s not in symbols]
        language = language or res.language
    if not symbols:
        raise ResodiffError("fetch: name at least one SYMBOL, or a resolution with --series FILE")
    language = language or "en"
    corpus = Path(args.corpus).expanduser() if args.corpus else default_folder()

    failures = 0
    with _Progress(len(symbols)) as progress:
        for symbol in symbols:
            progress.advance(f"{symbol} ({language})")
            try:
                got = ods.fetch(symbol, language, corpus, word=args.word, base_url=args.base_url,
                                timeout=args.timeout, retries=max(args.retries, 0), force=args.force,
                                deadline=args.deadline, allow_hosts=tuple(args.allow_host))
            except ResodiffError as exc:
                failures += 1
                progress.say(f"error: {exc}", err=True)
                continue
            if got.warning:
                progress.say(f"warning: {got.warning}", err=True)
            if got.resolution is None:
                progress.say(f"{symbol} ({language}): already in {got.path.parent} (--force fetches it again)")
            else:
                r = got.resolution
                progress.say(f"{symbol} ({language}): {got.path} + {got.json_path.name}  "
                             f"({len(r.preamble)} PP, {len(r.operative)} OP, {len(r.footnotes)} footnotes)")
    return 2 if failures else 0


class _Progress:
    """A rich progress bar over the documents when stderr is a terminal; nothing otherwise.

    Lines for the terminal are printed above the bar; lines for a pipe go straight to it.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = 0
        self.bar: Progress | None = None

    def __enter__(self) -> _Progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if console.is_terminal:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=console, transient=True,
                                redirect_stdout=False, redirect_stderr=False)
            self.bar.start()
            self.task = self.bar.add_task("fetching", total=self.total)
        return self

    def advance(self, description: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=self.started, description=f"fetching {description}")
        self.started += 1

    def say(self, line: str, err: bool = False) -> None:
        line = neutralise(line, name=True)
        stream = sys.stderr if err else sys.stdout
        if self.bar is not None and stream.isatty():
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=stream, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=self.total)
            self.bar.stop()
