"""Hand-built versions of real resolutions, made from their files at test time by recorded edits.

A ``.edits`` file (tests/data/links/tuning/ and held-out/) is a drafter's next version of a real
text written down as data, one row per paragraph of the new version, in its order:

    # old: ga-80/A_RES_80_65.md       (under ../shared/corpus/en; "bundled:" for corpus/ here)
    # symbol: A/RES/82/65             (the new version's symbol)
    # every paragraph: eightieth → eighty-second || 2025 → 2027   (where found)
    new	from	kind	edit
    PP1	PP1	modified	Recalling → Recalling also
    PP4	PP3+PP4	merged	, → ; || Welcoming also → welcoming also
    OP3	OP2	split	before: , and requests
    OP4	OP2	split	from: requests || ^r → R
    OP9	-	added	take: ga-80/A_RES_80_28.md OP3
    -	OP7	deleted

``from`` is the old paragraph(s) the new one is made of: each (old, new) pair is a true link,
recorded as the paragraph was made; ``kind`` says what the drafter did (for people; the splits
and merges counted by the benchmark come from the links themselves). ``edit`` is applied left
to right (`` || `` between steps) to the old text (joined with a space for a merge):

- ``A → B`` replaces the first ``A`` (which must be there: a stale edit is an error, not a
  silent no-op); ``^A → B`` and ``A$ → B`` replace at the start or end only;
- ``before: X`` keeps what precedes the first ``X``, ``from: X`` keeps ``X`` and what follows;
- ``text: ...`` is the whole new text; ``take: FILE ID`` another resolution's paragraph;
- ``sub-paragraphs`` cuts the text at "(a) ", "(b) " ... into sub-paragraphs.

A paragraph taken whole (no edit) keeps its sub-paragraphs and footnotes; an edited one is one
running text (its sub-paragraph labels, if any, become words of it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from resodiff.model import OPERATIVE, PREAMBLE, SUBPARAGRAPH, Paragraph, Resolution
from resodiff.readers import read

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = next((p / "shared" / "corpus" / "en" for p in HERE.parents if (p / "shared" / "corpus").is_dir()),
              Path("/work/shared/corpus/en"))


def source(name: str) -> Path:
    """A source file named in an ``.edits`` header or a ``take:`` step."""
    if name.startswith("bundled:"):
        return ROOT / "corpus" / name.removeprefix("bundled:")
    return SHARED / name


class EditError(ValueError):
    pass


def build(path: Path) -> tuple[Resolution, Resolution, set[tuple[str, str]]]:
    """(old, new, true links) of one ``.edits`` file."""
    meta: dict[str, str] = {}
    rows: list[list[str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip() and not line.startswith("new\t"):
            cells = line.split("\t")
            if len(cells) < 3:
                raise EditError(f"{path.name}:{number}: expected new<TAB>from<TAB>kind[<TAB>edit]")
            rows.append(cells + [""] * (4 - len(cells)) + [str(number)])
    old = read(source(meta["old"]))
    everywhere = _steps(meta.get("every paragraph", ""))
    cache: dict[str, Resolution] = {}
    preamble: list[Paragraph] = []
    operative: list[Paragraph] = []
    links: set[tuple[str, str]] = set()
    for new_id, origin, _kind, edit, number in rows:
        if new_id == "-":
            continue  # a deletion, recorded for the reader
        where = f"{path.name}:{number}"
        olds = [] if origin == "-" else origin.split("+")
        sources = []
        for oid in olds:
            p = old.paragraph(oid)
            if p is None:
                raise EditError(f"{where}: no paragraph {oid} in {meta['old']}")
            sources.append(p)
        kind = PREAMBLE if new_id.startswith("PP") else OPERATIVE
        expected = f"{new_id[:2]}{len(preamble if kind == PREAMBLE else operative) + 1}"
        if new_id != expected or (kind == PREAMBLE and operative):
            raise EditError(f"{where}: {new_id} out of order (expected {expected})")
        para = _make(new_id, kind, sources, _steps(edit), everywhere, cache, where)
        (preamble if kind == PREAMBLE else operative).append(para)
        links.update((oid, new_id) for oid in olds)
    new = Resolution(old.language, tuple(preamble), tuple(operative), old.footnotes,
                     symbol=meta.get("symbol"), source=path.name)
    return old, new, links


def _steps(edit: str) -> list[str]:
    return [s.strip() for s in edit.split(" || ") if s.strip()]


def _make(new_id: str, kind: str, sources: list[Paragraph], steps: list[str], everywhere: list[str],
          cache: dict[str, Resolution], where: str) -> Paragraph:
    number = new_id[2:] if kind == OPERATIVE else None
    if len(sources) == 1 and not steps and sources[0].kind == kind:
        text = _apply_all(sources[0].text, everywhere)
        subs = tuple(_renamed(s, new_id, everywhere) for s in sources[0].subparagraphs)
        return Paragraph(new_id, kind, text, footnotes=sources[0].footnotes, subparagraphs=subs, number=number)
    text = " ".join(p.full_text for p in sources)
    footnotes = tuple(n for p in sources for n in p.all_footnotes())
    text = _apply_all(text, everywhere)
    cut = False
    for step in steps:
        if step == "sub-paragraphs":
            cut = True
        else:
            text = _apply(text, step, cache, where)
    if not text.strip():
        raise EditError(f"{where}: the edit leaves no text")
    if not cut:
        return Paragraph(new_id, kind, text, footnotes=footnotes, number=number)
    pieces = re.split(r" ?\(([a-z])\) ", text)
    subs = tuple(Paragraph(f"{new_id}({label})", SUBPARAGRAPH, body.strip(), number=label)
                 for label, body in zip(pieces[1::2], pieces[2::2]))
    if not subs:
        raise EditError(f"{where}: no (a), (b) labels to cut at")
    return Paragraph(new_id, kind, pieces[0].strip(), footnotes=footnotes, subparagraphs=subs, number=number)


def _renamed(sub: Paragraph, new_id: str, everywhere: list[str]) -> Paragraph:
    return replace(sub, id=f"{new_id}({sub.number})", text=_apply_all(sub.text, everywhere),
                   subparagraphs=tuple(_renamed(s, f"{new_id}({sub.number})", everywhere) for s in sub.subparagraphs))


def _apply_all(text: str, steps: list[str]) -> str:
    for step in steps:
        before, _, after = (step + " ").partition(" → ")
        text = text.replace(before, after[:-1])
    return text


def _apply(text: str, step: str, cache: dict[str, Resolution], where: str) -> str:
    if step.startswith("text:"):
        return step.removeprefix("text:").strip()
    if step.startswith("take:"):
        name, pid = step.removeprefix("take:").split()
        if name not in cache:
            cache[name] = read(source(name))
        para = cache[name].paragraph(pid)
        if para is None:
            raise EditError(f"{where}: no paragraph {pid} in {name}")
        return para.full_text
    for key in ("before:", "from:"):
        if step.startswith(key):
            mark = step.removeprefix(key).strip()
            at = text.find(mark)
            if at < 0:
                raise EditError(f"{where}: {mark!r} not in the text")
            return text[:at].rstrip() if key == "before:" else text[at:]
    before, arrow, after = (step + " ").partition(" → ")
    after = after[:-1]
    if not arrow:
        raise EditError(f"{where}: not an edit step: {step!r}")
    if before.startswith("^"):
        if not text.startswith(before[1:]):
            raise EditError(f"{where}: the text does not start with {before[1:]!r}")
        return after + text[len(before) - 1:]
    if before.endswith("$"):
        if not text.endswith(before[:-1]):
            raise EditError(f"{where}: the text does not end with {before[:-1]!r}")
        return text[:len(text) - len(before) + 1] + after
    if before not in text:
        raise EditError(f"{where}: {before!r} not in the text")
    return text.replace(before, after, 1)


def skeleton(name: str) -> str:
    """A starting ``.edits`` file for ``name``: every paragraph kept where it is."""
    old = read(source(name))
    lines = [f"# old: {name}", "# symbol: ", "# every paragraph: ", "new\tfrom\tkind\tedit"]
    lines += [f"{p.id}\t{p.id}\tunchanged\t" for p in old.paragraphs]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(skeleton(sys.argv[1]))
