"""Benchmark-only readers for the corpus in ../shared (the real parser lives in resodiff/readers).

Deliberately crude: blocks split on blank lines, "N. Text" blocks are operative paragraphs, the
unnumbered blocks between "The General Assembly," and the first of them are preambular. Good
enough to feed the aligner real wording; not a substitute for the parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution

HERE = Path(__file__).resolve().parent
SHARED = next((p / "shared" for p in HERE.parents if (p / "shared" / "corpus").is_dir()), Path("/work/shared"))
CORPUS = SHARED / "corpus" / "en"

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(.*)$", re.S)


def blocks(path: Path) -> list[str]:
    """The file's blank-line separated blocks, front matter dropped, lines joined."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end >= 0 else text
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


_FORMULA = re.compile(r"(?:The General Assembly|L['’]Assemblée générale),?")
_END = re.compile(r"plenary meeting|séance plénière")


def read_resolution(path: Path, symbol: str | None = None, language: str = "en") -> Resolution:
    """A Resolution from a corpus markdown file (full text, or a ".partial.md" OP list).

    Footnote blocks (starting with a superscript) are skipped; a block starting in lower case
    continues the paragraph before it (a page break).
    """
    preamble: list[Paragraph] = []
    operative: list[Paragraph] = []
    in_preamble = False
    for block in blocks(path):
        if block.startswith("[^") or _END.search(block):
            break  # footnote definitions / closing
        if _FORMULA.fullmatch(block):
            in_preamble = True
            continue
        if block[:1] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            continue  # a footnote at the foot of a page
        block = block.replace("*", "")
        m = _NUMBERED.match(block)
        if m:
            in_preamble = False
            n = m[1]
            operative.append(Paragraph(f"OP{n}", OPERATIVE, m[2].strip(), number=n))
        elif (operative or preamble) and not block[:1].isupper():
            part = operative if operative else preamble  # a page break inside a paragraph
            last = part[-1]
            part[-1] = Paragraph(last.id, last.kind, f"{last.text} {block}", number=last.number)
        elif in_preamble and block[:1].isupper():
            preamble.append(Paragraph(f"PP{len(preamble) + 1}", PREAMBLE, block))
    return Resolution(language, tuple(preamble), tuple(operative), symbol=symbol, source=path.name)


def sample_paragraphs() -> list[str]:
    """Paragraph-like lines of every ga-80 text: a capital first, "," ";" or "." last."""
    out = []
    for path in sorted((CORPUS / "ga-80").glob("*.md")):
        for block in blocks(path):
            block = _NUMBERED.sub(r"\2", block)
            if block[:1].isupper() and block[-1:] in ",;." and len(block.split()) >= 6:
                out.append(block)
    return out
