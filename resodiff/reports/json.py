"""The JSON report: the compare contract, with both texts in full.

``{"old": {...}, "new": {...}, "rows": [...], "summary": {...}}`` where ``rows`` and
``summary`` are exactly what ``compare`` returns, and ``old``/``new`` extend the contract's
``{symbol, session, language}`` with the rest of each text as ``parse --format json`` gives it
(header fields, paragraphs, footnotes, references) and the file it was read from: the rows'
ids can be looked up without the files.
"""

from __future__ import annotations

import json
from typing import Any

from resodiff.model import Resolution
from resodiff.reports.content import Report


def text_json(res: Resolution) -> dict[str, Any]:
    """A text as ``parse --format json`` prints it, plus ``source`` (its file name)."""
    return {**res.to_json(), "source": res.source}


def report_json(report: Report) -> dict[str, Any]:
    comparison = report.comparison
    return {
        "old": text_json(report.old),
        "new": text_json(report.new),
        "rows": comparison["rows"],
        "summary": comparison["summary"],
    }


def render(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
