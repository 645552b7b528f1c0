"""One set of output format names for every command: ``text`` (or ``txt``), ``md`` (or
``markdown``), ``json``, ``html``, ``docx``. A command lists the formats it writes; either
spelling of a name is taken, and the command sees the first."""

from __future__ import annotations

ALIASES = {"txt": "text", "markdown": "md", "htm": "html"}


def canonical(name: str) -> str:
    """The format's one name ("txt" -> "text", "markdown" -> "md"); unknown names unchanged,
    for argparse to refuse with the list of choices."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


def add_format_option(parser, choices: tuple[str, ...], default: str | None = None, help: str | None = None) -> None:
    spelled = [c + ("|" + next(a for a, b in ALIASES.items() if b == c) if c in ALIASES.values() else "")
               for c in choices]
    parser.add_argument("--format", type=canonical, choices=choices, default=default, metavar="FORMAT",
                        help=(help + "; " if help else "") + "one of " + ", ".join(spelled)
                        + (f" (default: {default})" if default else ""))
