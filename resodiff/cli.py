"""The command line: parse arguments, call the core, print. Errors are one line, status 2."""

from __future__ import annotations

import argparse
import sys

from resodiff import __version__
from resodiff.bundled import example
from resodiff.commands import compare, draft, fetch, parse
from resodiff.errors import ResodiffError
from resodiff.outline import outline
from resodiff.readers import read

COMMANDS = [parse, compare, fetch, draft]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="resodiff", description="Parse, compare and roll forward UN General Assembly resolutions.")
    p.add_argument("--version", action="version", version=f"resodiff {__version__}")
    sub = p.add_subparsers(dest="command")
    for command in COMMANDS:
        command.add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            # Until the terminal app exists, the main job is the outline of the bundled example.
            print(outline(read(example())))
            return 0
        command = next(c for c in COMMANDS if c.NAME == args.command)
        return command.run(args)
    except ResodiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `resodiff parse X | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
