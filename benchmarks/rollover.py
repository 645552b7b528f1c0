"""Rollover accuracy: each draft measured against what the Assembly really adopted next.

Usage: python benchmarks/rollover.py [-v]

Pairs (../shared/corpus/en): each consecutive pair of one malaria series (same title, in
session order: 49/135 -> 50/128, then the Decade series 55/284 -> ... -> 64/79; 55/2 and 58/179
belong to other series), and each 72nd-session fragment (ga-72-partial) -> the 80th-session
resolution its front matter names (N1730150 -> 80/9 skipped: another series).

For each pair the older text is drafted for the newer one's session (``build(old, session=N)``),
the draft is aligned with the real newer text, and every mechanical update site of the older
text is followed into both: session ordinals ("its seventy-third session"), Official Records
citations ("Seventy-second Session, Supplement No. 49"), years, report symbols (A/72/123) and
recalled resolution symbols (a symbol the newer text adds to a recall, e.g. "and 72/5"). Each
site is then one of:

    made, right       the draft changed it as the Assembly did (a placeholder A/80/___ where
                      the Assembly put an A/80 symbol counts as right: it is flagged to complete)
    made, wrong       the draft changed it and the Assembly did not, or differently
                      (split into flagged / not flagged)
    missed, flagged   the Assembly changed it, the draft did not, but flagged it
    missed silently   the Assembly changed it, the draft neither changed nor flagged it
    kept              neither changed it (not counted in precision)

Sites the Assembly rewrote (more than a few words around them) are not counted: no rollover
can know renegotiated text. Targets (issue 11): no update made wrongly without a flag, none
missed silently, precision (made right / made) >= 0.98.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from itertools import pairwise
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import CORPUS
from resodiff.align import align
from resodiff.commands.draft import with_front_matter
from resodiff.draft import Draft, build
from resodiff.errors import ResodiffError
from resodiff.languages import profile
from resodiff.model import Paragraph, Resolution
from resodiff.readers import read
from resodiff.worddiff import token_key, tokenize

REWRITTEN = 8  # tokens: a changed stretch longer than this around a site is renegotiated text
MALARIA = CORPUS / "malaria-series"
GA72 = CORPUS / "ga-72-partial"
GA80 = CORPUS / "ga-80"
SKIP = {"N1730150"}  # -> 80/9: another series


# ---- the pairs ------------------------------------------------------------------------------------


def pairs() -> list[tuple[Path, Path]]:
    out = []
    series: dict[str, list[tuple[tuple[int, int], Path]]] = {}
    for path in MALARIA.glob("*.md"):
        head = path.read_text(encoding="utf-8")[:600]
        title = re.search(r'^title:\s*"?(.*?)"?\s*$', head, re.M)[1]
        m = re.search(r"A_RES_(\d+)_(\d+)", path.name)
        series.setdefault(title, []).append(((int(m[1]), int(m[2])), path))
    for members in series.values():
        members.sort()
        out += [(a, b) for (_, a), (_, b) in pairwise(members) if a != b]
    for path in sorted(GA72.glob("*.md")):
        m = re.search(r"likely_session80_counterpart:\s*A/RES/80/(\d+)", path.read_text(encoding="utf-8")[:800])
        if m and path.name.split(".")[0] not in SKIP:
            out.append((path, GA80 / f"A_RES_80_{m[1]}.md"))
    return out


# ---- update sites -----------------------------------------------------------------------------------


def _site_patterns(code: str) -> dict[str, re.Pattern[str]]:
    prof = profile(code)
    ordinal = prof.ordinal_re
    return {
        "session": re.compile(rf"\bits\s+(?P<ord>{ordinal})\s+session\b", re.I),
        # The benchmark's own patterns (English corpus), not the drafter's: what is measured
        # must not be defined by what measures it.
        "own session": re.compile(rf"\bthe\s+(?P<ord>{ordinal})\s+session\s+of\s+the\s+General\s+Assembly\b", re.I),
        "records": re.compile(rf"Official Records of the General Assembly,\s+(?P<ord>{ordinal})\s+Session", re.I),
        "report": re.compile(r"(?<![\w/])A/(?:(?:C\.\d|AC\.\d+|CONF\.\d+|HRC|S-\d+)/)?\d{2}/(?!L\.)[\w.()\-]*\w(?:/[\w.]+)*"),
        "year": re.compile(r"(?<![\w/.\-–])(?:19|20)\d\d(?![\w/]|[-–]\d)"),
    }


_SYMBOL = re.compile(r"(?<![\w/.])(\d{1,3})/(\d{1,4})(?![\w/])")


@dataclass
class Site:
    kind: str
    where: str
    old: str
    draft: str | None  # None: the draft rewrote it beyond recognition
    real: str | None  # None: the Assembly rewrote it
    flagged: bool


def _opcodes(a: str, b: str):
    ta, tb = tokenize(a), tokenize(b)
    sm = difflib.SequenceMatcher(None, [token_key(t) for t in ta], [token_key(t) for t in tb], autojunk=False)
    sa, sb = [0], [0]
    for t in ta:
        sa.append(sa[-1] + len(t))
    for t in tb:
        sb.append(sb[-1] + len(t))
    return [(op, sa[i1], sa[i2], sb[j1], sb[j2], i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes()]


def _value(kind: str, pattern, start: int, end: int, a: str, b: str, ops) -> str | None:
    """What the site a[start:end] became in b: itself where untouched, the same kind of item in
    the stretch that replaced it, None where the stretch was rewritten."""
    touching = [o for o in ops if (o[0] != "equal" and o[1] < end and start < o[2])
                or (o[0] == "insert" and start < o[1] < end)]
    if not touching:
        return a[start:end]
    lo, hi = min(o[1] for o in touching), max(o[2] for o in touching)
    blo, bhi = min(o[3] for o in touching), max(o[4] for o in touching)
    if max(o[5] for o in touching) > REWRITTEN or max(o[6] for o in touching) > REWRITTEN:
        return None
    old_items = [m for m in pattern.finditer(a, max(0, lo - 40), min(len(a), hi + 40)) if m.start() < hi and m.end() > lo]
    new_items = list(pattern.finditer(b, max(0, blo - 40), min(len(b), bhi + 40)))
    new_items = [m for m in new_items if m.start() < bhi + 1 and m.end() > blo - 1]
    k = next((i for i, m in enumerate(old_items) if m.start() == start), 0)
    if k < len(new_items):
        return new_items[k].group(0)
    return None  # the item is gone from a small rewrite: nothing to tell


def _flag_covers(flags, text: str, start: int, end: int, value: str | None) -> bool:
    for f in flags:
        if f.start is not None and f.start < end and start < f.end:
            return True
        if value and (value in f.text or f.text in value) and len(f.text) >= 4:
            return True
    return False


def sites(where: str, old: str, draft: str, real: str, flags, pats, fn_flags=(), since: int = 0) -> list[Site]:
    out = []
    d_ops, r_ops = _opcodes(old, draft), _opcodes(old, real)
    for kind, pat in pats.items():
        for m in pat.finditer(old):
            start, end = m.span()
            dv = _value(kind, pat, start, end, old, draft, d_ops)
            rv = _value(kind, pat, start, end, old, real, r_ops)
            # Where the site stands in the draft, for the flags' spans.
            shift = sum(o[4] - o[3] - (o[2] - o[1]) for o in d_ops if o[2] <= start and o[0] != "equal")
            flagged = _flag_covers(flags, draft, start + shift, end + shift, dv) or _flag_covers(fn_flags, draft, -1, -1, m.group(0))
            out.append(Site(kind, where, m.group(0), dv, rv, flagged))
    # Recalled resolutions: symbols of the sessions since the old text the newer one adds.
    # (A symbol of an older session cited anew is new wording, not a rollover.)
    added_real = _new_symbols(old, real, since)
    added_draft = _new_symbols(old, draft, since)
    for sym in sorted(added_real | added_draft):
        out.append(Site("resolution", where, "", sym if sym in added_draft else "", sym if sym in added_real else "",
                        any(f.kind in ("previous", "recent") for f in [*flags, *fn_flags])))
    return out


def _new_symbols(old: str, new: str, since: int) -> set[str]:
    before = {m.group(0) for m in _SYMBOL.finditer(old)}
    return {m.group(0) for m in _SYMBOL.finditer(new) if int(m[1]) >= since} - before


def _same(value: str) -> str:
    """A site's value as compared: extraction noise (a lost hyphen, a final full stop) ignored."""
    return re.sub(r"[\W_]+", "", value).lower() if "___" not in value else value


def classify(site: Site, session: int) -> str | None:
    if site.real is None or site.draft is None:
        return None  # rewritten: not a mechanical update
    made = _same(site.draft) != _same(site.old)
    expected = _same(site.real) != _same(site.old)
    placeholder = made and "___" in site.draft and re.match(rf"A/(?:[\w.]+/)?{session}/", site.real or "")
    if made and (_same(site.draft) == _same(site.real) or placeholder):
        return "made, right"
    if made:
        return "made, wrong, flagged" if site.flagged else "made, wrong"
    if expected:
        return "missed, flagged" if site.flagged else "missed silently"
    return "kept"


# ---- one pair ----------------------------------------------------------------------------------------


def as_resolution(d: Draft) -> Resolution:
    def para(p) -> Paragraph:
        return Paragraph(id=p.id, kind=p.kind, text=p.text, lead=p.lead, footnotes=tuple(p.footnotes),
                         subparagraphs=tuple(para(s) for s in p.subparagraphs), number=p.number, section=p.section)

    return Resolution(language=d.language, preamble=tuple(para(p) for p in d.preamble),
                      operative=tuple(para(p) for p in d.operative),
                      footnotes=tuple((f.number, f.text) for f in d.footnotes), session=d.session)


def _walk(paras):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)


def measure(old_path: Path, new_path: Path) -> tuple[list[tuple[str, Site]], str | None]:
    old = with_front_matter(read(old_path), str(old_path))
    new = with_front_matter(read(new_path), str(new_path))
    try:
        draft = build(old, session=new.session)
    except ResodiffError as exc:
        return [], str(exc)
    pats = _site_patterns(old.language)
    rows = align(as_resolution(draft), new)
    d_by_id = {p.id: p for p in _walk(draft.paragraphs)}
    o_by_id = {p.id: p for p in _walk(old.paragraphs)}
    n_by_id = {p.id: p for p in _walk(new.paragraphs)}
    d_notes, o_notes, n_notes = (dict(r) for r in
                                 (((f.number, f.text) for f in draft.footnotes), old.footnotes, new.footnotes))
    out = []
    for row in rows:
        if len(row.old) != 1 or len(row.new) != 1:
            continue
        d, o, n = d_by_id.get(row.old[0]), o_by_id.get(row.old[0]), n_by_id.get(row.new[0])
        if d is None or o is None or n is None:
            continue
        # Footnotes read where their calls stand: a fragment prints them inline, a full text
        # as notes, and a report symbol may move between the two.
        o_text, d_text, n_text = _inline(o, o_notes), _inline(d, d_notes), _inline(n, n_notes)
        spans = [f for f in d.flags if f.start is not None and _inline(d, d_notes) == d.text]
        for s in sites(o.id, o_text, d_text, n_text, spans, pats, d.flags, since=old.session or 0):
            out.append((classify(s, new.session), s))
    return out, None


def _inline(p, notes: dict[str, str]) -> str:
    """The paragraph with its sub-paragraphs and its footnotes' texts where they are called."""
    text = p.text
    at = list(getattr(p, "footnote_at", ()) or ())
    numbers = list(p.footnotes)
    if len(at) != len(numbers):
        at = [len(text)] * len(numbers)
    for offset, number in sorted(zip(at, numbers), reverse=True):
        text = f"{text[:offset]} [{notes.get(number, '')}] {text[offset:]}"
    parts = [text]
    for sub in p.subparagraphs:
        parts.append(f"({sub.number}) {_inline(sub, notes)}" if sub.number else _inline(sub, notes))
    return " ".join(x for x in parts if x)


def _full(p) -> str:
    parts = [p.text]
    for sub in p.subparagraphs:
        parts.append(f"({sub.number}) {_full(sub)}" if sub.number else _full(sub))
    return " ".join(x for x in parts if x)


# ---- the report -------------------------------------------------------------------------------------


ORDER = ("made, right", "made, wrong", "made, wrong, flagged", "missed, flagged", "missed silently", "kept")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if not CORPUS.is_dir():
        print(f"{CORPUS}: absent; nothing to measure")
        return 0
    totals: Counter[str] = Counter()
    unflagged: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    refused = []
    listed = pairs()
    for old_path, new_path in listed:
        results, error = measure(old_path, new_path)
        if error:
            refused.append(f"{old_path.name} -> {new_path.name}: {error}")
            continue
        for label, site in results:
            if label is None:
                continue
            totals[label] += 1
            by_kind.setdefault(site.kind, Counter())[label] += 1
            if label.startswith("made") and not site.flagged:
                unflagged["right" if label == "made, right" else "wrong"] += 1
            if verbose and label not in ("kept", "made, right"):
                print(f"  {label:22} {old_path.name} -> {new_path.name} {site.where} {site.kind}: "
                      f"{site.old!r} draft {site.draft!r} real {site.real!r}")
    made = totals["made, right"] + totals["made, wrong"] + totals["made, wrong, flagged"]
    precision = totals["made, right"] / made if made else 1.0
    # The updates a drafter takes as they are: those the draft made without flagging them.
    silent_made = unflagged["right"] + unflagged["wrong"]
    silent_precision = unflagged["right"] / silent_made if silent_made else 1.0
    print(f"rollover accuracy over {len(listed) - len(refused)} pairs ({len(refused)} not drafted)")
    print(f"{'':10}" + "".join(f"{c:>22}" for c in ORDER))
    for kind, counts in sorted(by_kind.items()):
        print(f"{kind:10}" + "".join(f"{counts[c]:>22}" for c in ORDER))
    print(f"{'all':10}" + "".join(f"{totals[c]:>22}" for c in ORDER))
    print(f"precision {precision:.3f} of {made} updates made (target >= 0.98); "
          f"{silent_precision:.3f} of the {silent_made} made without a flag")
    print(f"made wrong without a flag: {totals['made, wrong']} (target 0); "
          f"missed silently: {totals['missed silently']} (target 0)")
    for line in refused:
        print("not drafted:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
