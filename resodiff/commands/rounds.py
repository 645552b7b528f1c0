"""`resodiff rounds FILE... [--format text|json]`: a negotiation followed round by round.

FILEs oldest first: the previous resolution (optional), the zero draft, Rev.1, Rev.2 ... For
each paragraph its path through the rounds (new in the zero draft → bracketed → agreed ad
ref), who proposed what (a Word round's tracked changes and comments), and what is still open
(bracketed or pending) in the last round. JSON: ``resodiff/schemas/rounds.schema.json``.
"""

from __future__ import annotations

import json

from resodiff.errors import SeriesError
from resodiff.readers import read

NAME = "rounds"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="a negotiation round by round: each paragraph's path, who proposed what, what is open")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="the rounds, oldest first: previous resolution, zero draft, Rev.1, ... (text or Word)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--language", choices=("fr", "en", "es"), help="skip language detection")


def run(args) -> int:
    from resodiff.rounds import follow, rounds_text

    if len(args.files) < 2:
        raise SeriesError("rounds: give at least two rounds, oldest first (previous resolution, zero draft, Rev.1 ...)")
    versions = [read(f, language=args.language) for f in args.files]
    followed = follow(versions)
    if args.format == "json":
        print(json.dumps(followed.to_json(), ensure_ascii=False, indent=2))
    else:
        print(rounds_text(followed))
    return 0
