"""A Word Rev.1 of the ICC rounds (tests/data/rounds/icc.*): Rev.1's text as tracked changes
over the zero draft, by two delegations, with a comment from each.

Made with python-docx and resodiff's OOXML layer (``resodiff.docx_write``), the way a
facilitator's Rev.1 comes back from delegations: each paragraph's changes carry the author
who proposed them. Accepting every change gives ``icc.1-rev1.txt`` word for word.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx

from resodiff.docx_write import DELETE, INSERT, KEEP, Comments, Revisions, text_run
from resodiff.worddiff import word_diff

ROUNDS = Path(__file__).parent / "data" / "rounds"
EU, AG = "European Union", "African Group"
DATE = "2025-10-20T09:00:00Z"
# Who proposed each paragraph's changes between the zero draft and Rev.1.
AUTHORS = {"PP4 bis": AG, "OP3 bis": EU, "OP5": AG, "OP7": AG, "OP9": EU, "OP11": EU}
# (label, the words it is anchored on, author, comment)
COMMENTS = [("PP2", "[, including the prohibition of the illegal use of force enshrined in the Charter of the United Nations]",
             AG, "Cannot accept the reference to the use of force."),
            ("OP11", "[, and invites States not Parties to consider further facilitating cooperation with the Court]",
             EU, "Proposes to retain; flexible on the wording.")]


def _rows(name: str) -> list[tuple[str, str]]:
    """(label, the line as typed) of a round file's body."""
    from resodiff.readers.negotiation import margin_label

    body = (ROUNDS / name).read_text(encoding="utf-8").split("---\n", 2)[2]
    rows = []
    for line in body.splitlines():
        if (found := margin_label(line)) is not None:
            rows.append((found[0].typed, line))
    return rows


def build(path: Path) -> Path:
    zero = dict(_rows("icc.0-zero.txt"))
    rev1 = _rows("icc.1-rev1.txt")
    document = docx.Document()
    revisions = {a: Revisions(DATE, author=a) for a in (EU, AG)}
    comments = {a: Comments(document, author=a, initials=a[:2].upper(), date=datetime(2025, 10, 20, 9, tzinfo=UTC))
                for a in (EU, AG)}
    document.add_paragraph("The General Assembly,")
    for label, line in rev1:
        if label == "OP7":  # the 72nd-session OP7 struck, OP7 alt kept as OP7
            gone = document.add_paragraph()
            revisions[AG].paragraph_mark(gone._p, DELETE)
            gone._p.append(revisions[AG].run(zero["OP7"], DELETE))
            old = zero["OP7 alt"]
        else:
            old = zero.get(label, "")
        author = AUTHORS.get(label, EU)
        p = document.add_paragraph()
        if not old:
            revisions[author].paragraph_mark(p._p, INSERT)
        anchor = next(((a, who, note) for lab, a, who, note in COMMENTS if lab == label), None)
        for op, text in word_diff(old, line) if old else [(INSERT, line)]:
            if op == KEEP and anchor and anchor[0] in text:
                before, _, after = text.partition(anchor[0])
                if before:
                    p._p.append(text_run(before))
                run = p.add_run(anchor[0])  # python-docx's own run, which comments anchor on
                comments[anchor[1]].add(run, run, [anchor[2]])
                if after:
                    p._p.append(text_run(after))
            elif op == KEEP:
                p._p.append(text_run(text))
            else:
                p._p.append(revisions[author].run(text, op))
    document.save(path)
    return path
