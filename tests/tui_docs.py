"""Hand-edited versions of the seed for the terminal app's tests (made here, nothing copied in).

``edited_seed(folder)`` writes the seed as a negotiator might return it a session later:
a preambular paragraph reworded, an operative paragraph deleted and another inserted (the
numbers that follow renumbered), a lead verb strengthened, the next session rolled forward.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import SEED

# (old, new): each must occur in the seed exactly once.
EDITS = [
    ("Notant avec satisfaction que les activités de l'Association des nations de l'Asie du Sud-Est sont conformes",
     "Notant avec une vive satisfaction que les activités de l'Association des nations de l'Asie du Sud-Est sont pleinement conformes"),
    ("*Encourage* une coopération plus étroite entre", "*Encourage vivement* une coopération plus étroite entre"),
    ("*Prie* le Secrétaire général de lui présenter, à sa soixante-dix-septième session",
     "*Prie* le Secrétaire général de lui présenter, à sa soixante-dix-neuvième session"),
    ("ordre du jour provisoire de sa soixante-dix-septième session",
     "ordre du jour provisoire de sa soixante-dix-neuvième session"),
]
DELETED = "11. *Appuie* l'organisation d'ateliers"  # OP11 of the seed goes
INSERTED_AFTER = "5. *Se félicite* de l'ouverture"  # a new paragraph follows OP5
INSERTED = ("*Se félicite également* de la coopération engagée entre l'Organisation des Nations Unies "
            "et l'Association des nations de l'Asie du Sud-Est en matière de santé publique et de "
            "préparation aux pandémies ;")


def edited_seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    lines = text.split("\n")
    out = []
    for line in lines:
        if line.startswith(DELETED):
            continue
        out.append(line)
        if line.startswith(INSERTED_AFTER):
            out += ["", "0. " + INSERTED]
    # Renumber the operative paragraphs 1, 2, 3 ... as a drafter's word processor would.
    number = 0

    def renumber(m: re.Match) -> str:
        nonlocal number
        number += 1
        return f"{number}. *"

    return re.sub(r"^\d+\. \*", renumber, "\n".join(out), flags=re.MULTILINE)


def edited_seed(folder: Path) -> Path:
    path = folder / "A_RES_75_15.edited.fr.md"
    path.write_text(edited_seed_text(), encoding="utf-8")
    return path


CELL = 12.2  # the width of one terminal cell in Textual's SVG screenshots


def screen_text(app) -> str:
    """What the terminal shows, line by line, as plain text (from the app's SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[float, dict[int, str]] = {}
    for x, y, text in re.findall(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(y), {})[round(float(x) / CELL)] = html.unescape(text).replace("\xa0", " ")
    lines = []
    for y in sorted(rows):
        line = ""
        for col, text in sorted(rows[y].items()):
            line = line.ljust(col) + text
        lines.append(line.rstrip())
    return "\n".join(lines)
