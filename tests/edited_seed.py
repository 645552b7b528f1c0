"""A hand-edited next version of the seed (A/RES/75/15), made from the seed by the tests.

Every kind of change a report must show is made once, by plain text edits on the seed's
markdown: a preambular lead changed, two footnotes updated (one with a new resolution, one
with a new document symbol), an operative lead strengthened, a paragraph moved, one split,
two merged, one deleted, one added, the session named in the last paragraphs and the header
rolled forward; operative paragraphs are then renumbered. Nothing is copied from elsewhere.
"""

from __future__ import annotations

import re

from conftest import SEED

# Operative paragraphs by number as the seed prints them; each edit names the one it touches.
_MOVE, _SPLIT, _MERGE_FIRST, _MERGE_SECOND, _DELETE, _ADD_AFTER = "9", "12", "20", "21", "22", "25"
SPLIT_AT = ", ainsi que de la lutte contre la menace croissante"
SPLIT_TAIL = ("13. *Encourage en outre* l'Organisation des Nations Unies et l'Association des nations de "
              "l'Asie du Sud-Est à lutter contre la menace croissante")
ADDED = ("*Invite* les États Membres et les organismes des Nations Unies à appuyer le Fonds COVID-19 de "
         "l'Association des nations de l'Asie du Sud-Est ;")

_EDITS = (
    ("Soixante-quinzième session", "Soixante-dix-septième session"),
    ("Distr. générale\n30 novembre 2020", "Distr. générale\n12 décembre 2022"),
    ("Résolution adoptée par l'Assemblée générale le 23 novembre 2020",
     "Résolution adoptée par l'Assemblée générale le 7 décembre 2022"),
    ("([A/75/L.25](#) et [A/75/L.25/Add.1](#))", "([A/77/L.30](#))"),
    ("75/15. Coopération", "77/12. Coopération"),
    ("Prenant acte du rapport du Secrétaire général⁶,", "Prenant acte avec satisfaction du rapport du Secrétaire général⁶,"),
    ("⁶ Voir A/75/345-S/2020/898, sect. II.", "⁶ Voir A/77/236, sect. II."),
    ("[71/255](#) et [73/259](#).", "[71/255](#), [73/259](#) et [75/15](#)."),
    ("4. *Encourage* le système", "4. *Encourage vivement* le système"),
    ("à sa soixante-dix-septième session, un rapport", "à sa soixante-dix-neuvième session, un rapport"),
    ("provisoire de sa soixante-dix-septième session", "provisoire de sa soixante-dix-neuvième session"),
    ("30^e séance plénière\n23 novembre 2020", "48^e séance plénière\n7 décembre 2022"),
)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the seed changed: {old!r} is not there exactly once"
    return text.replace(old, new)


def edited_seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in _EDITS:
        text = _replace_once(text, old, new)
    blocks = text.split("\n\n")
    number = {m[1]: k for k, b in enumerate(blocks) if (m := re.match(r"(\d+)\. \*", b))}
    split, first, second = blocks[number[_SPLIT]], blocks[number[_MERGE_FIRST]], blocks[number[_MERGE_SECOND]]
    head, tail = split.split(SPLIT_AT)
    blocks[number[_SPLIT]] = head + " ;\n\n" + SPLIT_TAIL + tail
    merged_tail = re.sub(r"^\d+\. \*Encourage\* ", "", second)
    blocks[number[_MERGE_FIRST]] = first.rstrip(" ;") + ", et encourage " + merged_tail
    blocks[number[_MERGE_SECOND]] = None
    blocks[number[_DELETE]] = None
    blocks[number[_ADD_AFTER]] += "\n\n0. " + ADDED
    moved = blocks[number[_MOVE]]
    blocks[number[_MOVE]] = None
    blocks[number[_SPLIT]] += "\n\n" + moved
    text = "\n\n".join(b for b in blocks if b is not None)
    count = iter(range(1, 1000))
    return re.sub(r"(?m)^\d+\. (?=\*)", lambda m: f"{next(count)}. ", text)
