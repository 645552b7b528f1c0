"""`resodiff parse FILE [--format json|text]`: the structure of one resolution."""

from __future__ import annotations

import json

from resodiff.commands.common import resolved, symbol_options
from resodiff.formats import add_format_option
from resodiff.outline import outline
from resodiff.readers import read
from resodiff.terminal import neutralise

NAME = "parse"


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="show the structure of a resolution (header, PP, OP, footnotes)")
    p.add_argument("file", help="resolution file: Word (.docx), PDF, UN text export, extracted text or markdown")
    add_format_option(p, ("text", "json"), "text")
    p.add_argument("--language", choices=("fr", "en", "es"), help="skip language detection")
    p.add_argument("--as-original", action="store_true",
                   help="a Word file with tracked changes: the text before the changes (default: all accepted)")
    symbol_options(p)


def run(args) -> int:
    resolution = read(resolved(args, args.file), language=args.language, as_original=args.as_original)
    if args.format == "json":
        print(json.dumps(resolution.to_json(), ensure_ascii=False, indent=2))
    else:
        print(neutralise(outline(resolution)))
    return 0
