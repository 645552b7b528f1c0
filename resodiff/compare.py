"""``compare``: two versions of a resolution as the JSON object of the contract.

In: two ``Resolution``s of the same language. Out: a plain dict, exactly
``{"old": {symbol, session, language}, "new": {...}, "rows": [...], "summary": {...}}``
(``shared/design/conventions.md``), ready for ``json.dumps``; the text and markdown renderings
read the same dict. Pure: no I/O, no printing.
"""

from __future__ import annotations

from typing import Any

from resodiff.align import STATUSES, Row, align
from resodiff.model import Resolution


class LanguageMismatch(ValueError):
    """The two texts are in different languages: a word diff between them would be meaningless."""


def compare(old: Resolution, new: Resolution) -> dict[str, Any]:
    """The comparison of ``old`` and ``new`` as the contract's JSON object."""
    if old.language != new.language:
        raise LanguageMismatch(
            f"the two texts are in different languages (old: {old.language}, new: {new.language}); "
            "compare versions in the same language")
    rows = align(old, new)
    return {
        "old": _header(old),
        "new": _header(new),
        "rows": [row_json(r) for r in rows],
        "summary": summary(rows),
    }


def _header(res: Resolution) -> dict[str, Any]:
    return {"symbol": res.symbol, "session": res.session, "language": res.language}


def row_json(row: Row) -> dict[str, Any]:
    """One row as the contract spells it (similarity rounded to 3 decimals). ``why`` (a list of
    short phrases: the evidence) only where the order alone does not vouch for the link."""
    out = {
        "status": row.status,
        "old": list(row.old),
        "new": list(row.new),
        "similarity": round(row.similarity, 3),
        "tags": list(row.tags),
        "lead": {"old": row.lead_old, "new": row.lead_new},
        "diff": [[op, text] for op, text in row.diff],
    }
    if row.why:
        out["why"] = list(row.why)
    return out


def summary(rows: list[Row]) -> dict[str, int]:
    """Rows per status; every status is present, zeros included, so readers need no defaults."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
