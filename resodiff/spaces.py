"""Non-breaking spaces that hold on screen.

Rich and Textual find where a line may break with a regular expression whose ``\\s`` matches
every Unicode space, the non-breaking ones too (Textualize/rich#4196): a French label or text
typeset "à actualiser\\u202f»" could end a line at "actualiser" and start the next with "»"
alone. ``hold()`` gives both wrappers the same expression with the non-breaking spaces taken
out of the spaces, so a line breaks only at an ordinary one.
"""

from __future__ import annotations

import re

NON_BREAKING = "\u00a0\u202f\u2007"  # no-break, narrow no-break, figure space
_SPACE = rf"[^\S{NON_BREAKING}]"  # a space a line may break at
_SOLID = rf"[\S{NON_BREAKING}]"  # anything else: part of a word


def hold(*, app: bool = True) -> None:
    """Make Rich's (and, for the ``app``, Textual's) line wrapping keep non-breaking spaces
    (idempotent). The command line wraps with Rich only: it does not import Textual."""
    import rich._wrap

    # The same shapes as the libraries' own expressions, with ``\s``/``\S`` so redefined.
    rich._wrap.re_word = re.compile(rf"{_SPACE}*{_SOLID}+{_SPACE}*")
    if app:
        import textual._wrap

        textual._wrap.re_chunk = re.compile(rf"{_SOLID}+{_SPACE}*|{_SPACE}+")
