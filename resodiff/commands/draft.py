"""`resodiff draft FILE [--session N] [--template DIR] [-o OUT] [--force] [--format md|text|docx]`.

The next session's skeleton of a resolution: header for the new session, recall chain brought
up to the current resolution, the next session rolled by the series' period, time-bound text
flagged. Markdown goes to standard output unless -o is given; DOCX needs -o.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from resodiff.commands.common import resolved, symbol_options
from resodiff.draft import build
from resodiff.draft_render import FORMATS, render
from resodiff.errors import OutputError
from resodiff.formats import add_format_option
from resodiff.output import write_new
from resodiff.model import Resolution
from resodiff.readers import read, read_file, sniff
from resodiff.readers.decode import decode
from resodiff.readers.header import front_matter
from resodiff.terminal import neutralise

NAME = "draft"


def with_front_matter(res: Resolution, path: str) -> Resolution:
    """The title and session of a fragment from its front matter ("session: 72 (2017, ...)",
    "title: ..."), where its text gives none - as the corpus commands read them."""
    if res.title and res.session is not None:
        return res
    data = read_file(path)  # bounded, like every input
    if sniff(data) != "text":
        return res
    front, _ = front_matter(decode(data, path))
    title = res.title or front.get("title") or None
    session = res.session
    if session is None and (m := re.match(r"\s*(\d{1,3})\b", front.get("session", ""))):
        session = int(m[1])
    return replace(res, title=title, session=session)
_BY_SUFFIX = {".docx": "docx", ".txt": "text", ".md": "md"}


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="write the next session's draft skeleton of a resolution")
    p.add_argument("file", help="the resolution to roll forward (text, markdown or PDF-extracted text)")
    p.add_argument("--session", type=int, metavar="N",
                   help="the draft's session (default: the next one the text names)")
    p.add_argument("--template", metavar="DIR",
                   help="folder with your own templates, <language>.<md|txt>.j2 (run in a sandbox)")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add_format_option(p, FORMATS, help="default: from OUT's extension, else md")
    p.add_argument("--language", choices=("fr", "en", "es"), help="skip language detection")
    p.add_argument("--from-session", type=int, metavar="N",
                   help="the session of FILE itself, where neither its text nor its front matter gives it")
    p.add_argument("--tracked", action="store_true",
                   help="write FILE itself with every technical update as a Word tracked change "
                        "(and flags as comments): the file to submit; needs -o OUT.docx")
    symbol_options(p)


def run(args) -> int:
    fmt = args.format or (_BY_SUFFIX.get(Path(args.output).suffix.lower(), "md") if args.output else "md")
    if fmt == "docx" and not args.output:
        raise OutputError("--format docx writes a Word file: give -o OUT.docx")
    if args.output and Path(args.output).exists() and not args.force:
        raise OutputError(f"{args.output}: already exists; use --force to replace it")
    path = resolved(args, args.file)
    source = with_front_matter(read(path, language=args.language), path)
    if args.from_session is not None:
        source = replace(source, session=args.from_session)
    draft = build(source, session=args.session)
    if args.tracked:
        if fmt != "docx" or not args.output:
            raise OutputError("--tracked writes a Word file: give -o OUT.docx")
        from resodiff.tracked import tracked_draft

        data = tracked_draft(Path(path), source, draft)
    else:
        data = render(draft, fmt, args.template)
    if args.output:
        write_new(args.output, data, force=args.force)
    else:
        sys.stdout.write(neutralise(data.decode("utf-8")))
    return 0
