"""`resodiff corpus add|list|search|series [--corpus DIR]`: the folder of resolutions and its index.

add FILE... copies resolution files (or every file under a folder) into the corpus and indexes
them; list shows what it holds; search "phrase" finds every place a phrase or a close variant
of it appears, oldest first; series shows how the resolutions group into series and which
members the recall footnotes name that the corpus lacks. The index is refreshed from the
folder before every use.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from resodiff import symbols
from resodiff.commands.common import corpus_option, open_library
from resodiff.errors import CorpusError
from resodiff.history import find_series
from resodiff.history_view import short
from resodiff.library.store import Library
from resodiff.terminal import neutralise

NAME = "corpus"
LIMIT = 100  # places `search` prints unless --limit or --all says otherwise


def add(subparsers) -> None:
    p = subparsers.add_parser(NAME, help="the corpus of resolutions: add files, list them, search their text")
    sub = p.add_subparsers(dest="corpus_action", metavar="ACTION", required=True)

    a = sub.add_parser("add", help="copy resolution files into the corpus and index them")
    a.add_argument("files", nargs="+", metavar="FILE", help="resolution files, or folders to take every file from")
    a.add_argument("--replace", action="store_true", help="replace a different file stored under the same name")
    corpus_option(a)

    ls = sub.add_parser("list", help="the resolutions in the corpus, oldest first")
    ls.add_argument("--symbol", help="only this symbol (A/RES/64/79)")
    ls.add_argument("--session", type=int, help="only this session")
    ls.add_argument("--language", help="only this language (en, fr, es)")
    ls.add_argument("--title", metavar="WORDS", help="only titles containing these words")
    ls.add_argument("--agenda", metavar="ITEM", help="only this agenda item (as printed: 130 q)")
    ls.add_argument("--refused", action="store_true", help="list the files that are not resolutions instead")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    corpus_option(ls)

    s = sub.add_parser("search", help="every place a phrase (or a variant of it) appears, oldest first")
    s.add_argument("phrase", help="the words to look for (case, accents and punctuation do not count)")
    s.add_argument("--changes", type=int, default=1, metavar="N",
                   help="words that may differ: changed, added or left out (default: 1; 0: exact)")
    s.add_argument("--language", help="only texts in this language")
    s.add_argument("--limit", type=int, default=LIMIT, metavar="N",
                   help=f"the first N places, oldest first (default: {LIMIT})")
    s.add_argument("--all", action="store_true", help="every place, however many")
    s.add_argument("--format", choices=("text", "json"), default="text")
    corpus_option(s)

    sr = sub.add_parser("series", help="the series in the corpus, or the members of one")
    sr.add_argument("name", nargs="?", help="a series: a member's symbol or (part of) its title")
    sr.add_argument("--language", help="only series in this language")
    sr.add_argument("--format", choices=("text", "json"), default="text")
    corpus_option(sr)


def run(args) -> int:
    return {"add": _add, "list": _list, "search": _search, "series": _series}[args.corpus_action](args)


def _add(args) -> int:
    with open_library(args, refresh=False) as lib:
        results = lib.add(args.files, replace=args.replace)
    explicit = {str(Path(f).expanduser()) for f in args.files}
    failures = skipped = 0
    for r in results:
        if r.status == "refused":
            if str(r.source) in explicit:
                failures += 1
                print(neutralise(f"error: {r.source}: {r.error}", name=True), file=sys.stderr)
            else:
                skipped += 1
            continue
        doc = r.document
        what = f"{doc.name} ({doc.language}, session {doc.session or '?'})" if doc else str(r.source)
        done = {"added": "added as", "indexed": "indexed in place:", "present": "already stored as",
                "replaced": "replaced"}[r.status]
        print(neutralise(f"{what}: {done} {r.stored.name if r.stored else '?'}", name=True))
    if skipped:
        print(f"skipped {skipped} file{'s' if skipped > 1 else ''} that are not resolutions "
              f"(`resodiff corpus list --refused` names them)", file=sys.stderr)
    return 2 if failures else 0


def _list(args) -> int:
    with open_library(args) as lib:
        if args.refused:
            rows = [(p.relative_to(lib.folder).as_posix(), reason) for p, reason in lib.refused()]
            if args.format == "json":
                print(json.dumps([{"file": f, "reason": r} for f, r in rows], ensure_ascii=False, indent=2))
            else:
                for file, reason in rows:
                    print(neutralise(f"{file}: {reason}", name=True))
            return 0
        docs = lib.documents(symbol=symbols.normalise(args.symbol) if args.symbol else None, session=args.session, language=args.language,
                             title=args.title, agenda_item=args.agenda)
        if args.format == "json":
            print(json.dumps([_doc_json(lib, d) for d in docs], ensure_ascii=False, indent=2))
            return 0
        for d in docs:
            title = (d.title or "(no title)") + (" [title from front matter]" if "title" in d.front_matter else "")
            line = f"{d.session or '?':>4}  {short(d.symbol, d.path.name):<14} {d.language}  {d.paragraphs:>4} ¶  {title}"
            print(neutralise(line if len(line) <= 140 else line[:139] + "…", name=True))
        refused = len(lib.refused())
        tail = f"; {refused} file{'s' if refused != 1 else ''} not resolutions (--refused)" if refused else ""
        print(f"{len(docs)} resolution{'s' if len(docs) != 1 else ''} in {lib.folder}{tail}", file=sys.stderr)
    return 0


def _doc_json(lib: Library, d) -> dict:
    return {"symbol": d.symbol, "session": d.session, "language": d.language, "title": d.title,
            "agenda_item": d.agenda_item, "adopted": d.adopted, "paragraphs": d.paragraphs,
            "recalls": list(d.recalls), "file": d.path.relative_to(lib.folder).as_posix(),
            "from_front_matter": list(d.front_matter)}


def _search(args) -> int:
    if args.changes > 3:
        raise CorpusError("search: --changes is at most 3 (more would match unrelated paragraphs)")
    if args.limit < 1:
        raise CorpusError("search: --limit is at least 1 (--all for every place)")
    limit = None if args.all else args.limit
    with open_library(args) as lib:  # one more than shown: whether there are more to say so
        hits = lib.search(args.phrase, changes=args.changes, language=args.language,
                          limit=None if limit is None else limit + 1)
    more = limit is not None and len(hits) > limit
    hits = hits[:limit]
    tail = f" (the first {limit}, oldest first; --all for every place)" if more else ""
    if args.format == "json":
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        if more:
            print(f"{len(hits)} places shown{tail}", file=sys.stderr)
        return 0
    for h in hits:
        how = "exact" if h.exact else "variant: " + ", ".join(_edit(c) for c in h.changes)
        print(neutralise(f"{h.session or '?':>4}  {h.symbol or h.path.name:<16} {h.id:<9} {how}", name=True))
        print(neutralise(textwrap.fill(h.text, 100, initial_indent="      ", subsequent_indent="      ")))
    print(f"{len(hits)} place{'s' if len(hits) != 1 else ''} found{tail}", file=sys.stderr)
    return 0


def _edit(change) -> str:
    old, new = change
    if old is None:
        return f"+{new}"
    if new is None:
        return f"-{old}"
    return f"{old} → {new}"


def _series(args) -> int:
    with open_library(args) as lib:
        all_series = [s for s in lib.series() if args.language is None or s.language == args.language]
    if args.name:
        chosen = [find_series(all_series, args.name, args.language)]
    else:  # a resolution alone, and naming no earlier member, is no series worth listing
        chosen = [s for s in all_series if len(s.members) > 1 or s.missing]
    if args.format == "json":
        print(json.dumps([{"title": s.title, "language": s.language,
                           "members": [{"symbol": m.symbol, "session": m.session, "file": m.path.name} for m in s.members],
                           "missing": list(s.missing)} for s in chosen], ensure_ascii=False, indent=2))
        return 0
    for k, s in enumerate(chosen):
        if k:
            print()
        print(neutralise(f"{s.title or '(no title)'} ({s.language})", name=True))
        for m in s.members:
            print(neutralise(f"  {m.session or '?':>4}  {m.name:<16} {m.path.name}", name=True))
        if s.missing:
            print("  missing (named in a recall footnote): " + ", ".join(s.missing))
    return 0
