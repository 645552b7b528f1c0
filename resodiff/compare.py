"""``compare``: two versions of a resolution as the JSON object of the contract.

In: two ``Resolution``s of the same language. Out: a plain dict, exactly
``{"old": {symbol, session, language}, "new": {...}, "rows": [...], "summary": {...}}``
(``resodiff/schemas/compare.schema.json``), ready for ``json.dumps``; the text and markdown renderings
read the same dict. Pure: no I/O, no printing.

Two additions to the contract's rows, each only where it applies: ``"old_spelling"``, the old
text's own spelling of "=" pieces it spells otherwise (``worddiff.contract``), and, when changes
of some kinds are set aside (``ignore``: "case", "punctuation"), ``"ignored": true`` on a
modified row whose every change is of those kinds; such rows are counted under
``summary["ignored"]``, not ``"modified"``.
"""

from __future__ import annotations

from typing import Any

from resodiff import worddiff
from resodiff.align import STATUSES, Row, align
from resodiff.model import Resolution

IGNORABLE = worddiff.IGNORABLE


class LanguageMismatch(ValueError):
    """The two texts are in different languages: a word diff between them would be meaningless."""


def compare(old: Resolution, new: Resolution, ignore: tuple[str, ...] = ()) -> dict[str, Any]:
    """The comparison of ``old`` and ``new`` as the contract's JSON object; ``ignore``: kinds of
    change to set aside (``IGNORABLE``)."""
    if old.language != new.language:
        raise LanguageMismatch(
            f"the two texts are in different languages (old: {old.language}, new: {new.language}); "
            "compare versions in the same language")
    unknown = set(ignore) - set(IGNORABLE)
    if unknown:
        raise ValueError(f"cannot ignore {', '.join(sorted(unknown))} (only {', '.join(IGNORABLE)})")
    rows = align(old, new)
    out = [row_json(r) for r in rows]
    counts = summary([r for r in rows if not outside_fragment(r.status, r.old, r.new, old, new)])
    if ignore:
        for row in out:
            if ignorable(row["status"], row["tags"], row["diff"], ignore):
                row["ignored"] = True
        counts["ignored"] = sum(1 for row in out if row.get("ignored"))
        counts["modified"] -= counts["ignored"]
    return {
        "old": _header(old),
        "new": _header(new),
        "rows": out,
        "summary": counts,
    }


def fragment_side(old: Resolution, new: Resolution) -> str | None:
    """"old" or "new" when that text is a fragment (no header, no preamble: operative
    paragraphs only) and the other has a preamble; None otherwise."""
    def fragment(res: Resolution) -> bool:
        return not res.preamble and not res.symbol

    if fragment(old) and new.preamble:
        return "old"
    if fragment(new) and old.preamble:
        return "new"
    return None


def outside_fragment(status: str, old_ids, new_ids, old: Resolution, new: Resolution) -> bool:
    """A preambular paragraph the fragment side never had: not added (or deleted) by anyone, so
    the summary leaves it out and the app says "not in this text (fragment)"."""
    side = fragment_side(old, new)
    if side == "old" and status == "added":
        return all(i.startswith("PP") for i in new_ids)
    if side == "new" and status == "deleted":
        return all(i.startswith("PP") for i in old_ids)
    return False


def ignorable(status: str, tags, diff, ignore) -> bool:
    """Whether a row is set aside by ``ignore``: modified, its footnotes the same, and every
    change of its text of the kinds ignored."""
    return status == "modified" and "footnotes" not in tags and worddiff.only_changes_of(diff, ignore)


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
    if row.old_spelling:
        out["old_spelling"] = [[k, text] for k, text in row.old_spelling]
    if row.why:
        out["why"] = list(row.why)
    if row.authors:  # who proposed a change, where the new text carried it as a Word revision
        out["authors"] = [{"op": op, "text": text, "author": author} for op, text, author in row.authors]
    return out


def summary(rows: list[Row]) -> dict[str, int]:
    """Rows per status; every status is present, zeros included, so readers need no defaults."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
