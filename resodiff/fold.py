"""Folding: the one key text is compared by when its spelling does not count.

Quote style (’ ‘ ʼ “ ” „ « »), the hyphens that join words (non-breaking, Unicode, en dash),
non-breaking spaces, runs of white space and case are not substance: two texts that differ only
in them say the same. Every comparison of that kind - a lead on the verb scale, a title named
in a recall paragraph, a running header, a word in the corpus index, the word diff's keys -
folds with ``TABLE`` here, so that they all agree on what "the same" means.

Pure and small: no I/O, nothing imported from the rest of resodiff.
"""

from __future__ import annotations

import re
import unicodedata

# Each quote to its straight form; the hyphens and the en dash that join words ("2001–2010",
# "non‑governmental") to "-"; non-breaking spaces to spaces. The em dash is punctuation between
# clauses, not a spelling of the hyphen, and stays.
TABLE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'",  # ’ ‘ ʼ
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',  # “ ” „ « »
    "\u2010": "-", "\u2011": "-", "\u2013": "-",  # hyphen, non-breaking hyphen, en dash
    "\u00a0": " ", "\u202f": " ",  # no-break space, narrow no-break space (French typography)
})

_SWAPS = tuple((chr(k), v) for k, v in TABLE.items())


def swap(text: str) -> str:
    """``text.translate(TABLE)``, one ``str.replace`` per character the text holds: a
    translation looks every character up (a second over 10 MB), ``in`` and ``replace`` scan at
    memory speed."""
    for old, new in _SWAPS:
        if old in text:
            text = text.replace(old, new)
    return text


# Any dash or minus, for titles only: a title typed with an em dash is still the same title.
_ANY_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_STRAIGHT_QUOTES = re.compile(r"[\"'`]")


def fold(text: str, *, accents: bool = False) -> str:
    """``text`` as compared: ``TABLE`` applied, white space collapsed, lower case; with
    ``accents=True`` also without accents (as the corpus index's tokenizer folds words).

    >>> fold("  L’Assemblée  “générale” ")
    'l\\'assemblée "générale"'
    """
    if not text.isascii():
        text = swap(text)
        if accents:
            text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def title_key(title: str | None) -> str | None:
    """A title folded for comparison: ``fold`` without accents, any dash as "-", no quotes at
    all, no end marks ("Coopération “Sud-Sud”." and "cooperation Sud-Sud" are one title)."""
    if not title:
        return None
    text = _STRAIGHT_QUOTES.sub("", _ANY_DASH.sub("-", fold(title, accents=True)))
    return " ".join(text.split()).strip(" .:;,") or None
