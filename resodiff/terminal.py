"""Text for a terminal: control characters shown as visible escapes, never obeyed.

A resolution's text or a file name may hold an ESC sequence (clear the screen, set the window
title, write the clipboard with OSC 52, move the cursor), a C1 control or a right-to-left
override that reorders what follows. Printed raw, the terminal would act on them. Every
rendering meant for a terminal goes through ``neutralise``: each such character becomes its
Python escape (``\\x1b``, ``\\x9b``, ``\\u202e``), so it is seen, and nothing is lost. Files
(Markdown, HTML, JSON) keep the text literally; Word gets ``xml_safe`` text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

# C0 but tab and newline, DEL, C1; the bidirectional embeddings, overrides and isolates.
_CONTROLS = [*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
             0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS}
_NAME_TABLE = {**_TABLE, 0x09: "\\t", 0x0A: "\\n"}
_PATTERN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")
# Characters XML 1.0 cannot hold at all (Word refuses the file): C0 but tab, newline, CR.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(text: str, *, name: bool = False) -> str:
    """``text`` with every control character as a visible escape; ``name``: tab and newline too
    (a file name or a one-line message must stay one line)."""
    return text.translate(_NAME_TABLE if name else _TABLE)


def neutralise_data(data: Any) -> Any:
    """Every string inside ``data`` neutralised: for a renderer that builds its terminal text
    from a contract (rich drops some controls silently; escaped, they are seen)."""
    return map_strings(data, neutralise)


def xml_safe(text: str) -> str:
    """``text`` as XML 1.0 can hold it: a character XML forbids becomes its visible escape."""
    return _XML_UNSAFE.sub(lambda m: _TABLE.get(ord(m.group()), f"\\u{ord(m.group()):04x}"), text)


def xml_safe_data(data: Any) -> Any:
    """Every string inside ``data`` (dataclasses too) made XML-safe: what a Word writer is given."""
    return map_strings(data, xml_safe)


def map_strings(data: Any, fn: Callable[[str], str]) -> Any:
    """``data`` with ``fn`` applied to every string in it: in lists, tuples, dicts and dataclasses."""
    if isinstance(data, str):
        return fn(data)
    if isinstance(data, dict):
        return {k: map_strings(v, fn) for k, v in data.items()}
    if isinstance(data, (list, tuple)) and not hasattr(data, "_fields"):
        return type(data)(map_strings(v, fn) for v in data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = {f.name: map_strings(getattr(data, f.name), fn) for f in dataclasses.fields(data) if f.init}
        return dataclasses.replace(data, **changes)
    return data
