"""The JSON contracts, as JSON Schemas (draft 2020-12) shipped with the package.

Reviewers' tools read resodiff's JSON; these files say what it holds, field by field:

    resolution.schema.json     ``resodiff parse FILE --format json``
    compare.schema.json        ``resodiff compare OLD NEW --format json``
    history.schema.json        ``resodiff history ... --format json``
    report.schema.json         ``resodiff report OLD NEW --format json``
    series-report.schema.json  ``resodiff report --series FILES... --format json``
    rounds.schema.json         ``resodiff rounds FILES... --format json``

They refer to one another by file name ("compare.schema.json#/$defs/row"); a validator needs
them all (``load_all``). The tests validate every JSON output against its schema.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

NAMES = ("resolution", "compare", "history", "report", "series-report", "rounds")


def load(name: str) -> dict[str, Any]:
    """The schema ``name`` ("compare", ...) as a dict."""
    if name not in NAMES:
        raise KeyError(f"no schema {name!r}; the schemas are {', '.join(NAMES)}")
    text = files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def load_all() -> dict[str, dict[str, Any]]:
    """Every schema by name."""
    return {name: load(name) for name in NAMES}
