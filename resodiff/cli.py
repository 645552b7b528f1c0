"""The command line: parse arguments, call the core, print. Errors are one line, status 2."""

from __future__ import annotations

import argparse
import json
import sys
from resodiff import __version__
from resodiff.bundled import example
from resodiff.errors import ResodiffError
from resodiff.outline import outline
from resodiff.readers import read


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="resodiff", description="Parse, compare and roll forward UN General Assembly resolutions.")
    p.add_argument("--version", action="version", version=f"resodiff {__version__}")
    sub = p.add_subparsers(dest="command")
    parse = sub.add_parser("parse", help="show the structure of a resolution (header, PP, OP, footnotes)")
    parse.add_argument("file", help="resolution file (UN text export, PDF-extracted text or markdown)")
    parse.add_argument("--format", choices=("json", "text"), default="text")
    parse.add_argument("--language", choices=("fr", "en", "es"), help="skip language detection")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            # Until the terminal app exists, the main job is the outline of the bundled example.
            print(outline(read(example())))
            return 0
        if args.command == "parse":
            resolution = read(args.file, language=args.language)
            if args.format == "json":
                print(json.dumps(resolution.to_json(), ensure_ascii=False, indent=2))
            else:
                print(outline(resolution))
            return 0
    except ResodiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `resodiff parse X | head`
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
