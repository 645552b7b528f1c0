"""Link precision, recall and F1 of resodiff's alignment against hand-labelled true links.

Usage: python benchmarks/link_quality.py [-v] [--crude] [--show-held-out]

Two parts, scored apart:
  - tuning: the real pairs tests/data/links/*.tsv and the built pairs tests/data/links/tuning/;
    the aligner's thresholds were chosen looking at these (``-v`` lists every false and missed
    link here);
  - held-out: tests/data/links/held-out/, never looked at while tuning: its misses are listed
    only with ``--show-held-out``, which is for after the thresholds are frozen.

Real pairs (*.tsv): two files of ../shared/corpus/en, their header names every id labelled
(the operative paragraphs: links are scored among those ids), rows are "old<TAB>new<TAB>kind".
Built pairs (*.edits): a real text and a next version made from it by recorded drafting edits
(tests/data/links/edited.py), every paragraph labelled. Texts are read with resodiff's parser
(``--crude``: the real pairs with the benchmark's own line-based helper, to tell a parser
regression from an aligner one).

Splits and merges are also counted whole: a true split (one old paragraph, several new) is
found whole when one row has exactly those paragraphs; for the difflib baselines, which have no
rows, when every link of it is found.

Baselines, on the same paragraph texts:
  - difflib.SequenceMatcher over the two lists of paragraphs: its "equal" blocks are links;
  - the same, plus ndiff's pairing inside "replace" blocks (the most similar pair with a ratio
    of at least 0.75, then recursively left and right of it), which is what difflib does for
    near-identical lines.
"""

from __future__ import annotations

import difflib
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import CORPUS, read_resolution
from resodiff.readers import read
from resodiff.align import align
from resodiff.worddiff import clean

LINKS = Path(__file__).resolve().parent.parent / "tests" / "data" / "links"
PARTS = {"tuning": [LINKS, LINKS / "tuning"], "held-out": [LINKS / "held-out"]}


def _edited():
    """tests/data/links/edited.py, which builds the hand-edited versions (not a package)."""
    spec = importlib.util.spec_from_file_location("links_edited", LINKS / "edited.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_labels(path: Path):
    """(old file, new file, old ids, new ids, true links) from one label file."""
    meta: dict[str, str] = {}
    links = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip() and not line.startswith("old\t"):
            old, new, *_ = line.split("\t")
            links.add((old, new))
    return (CORPUS / meta["old"], CORPUS / meta["new"], set(meta["all old ids"].split()),
            set(meta["all new ids"].split()), links)


def resodiff_links(old, new) -> set[tuple[str, str]]:
    return {(o, n) for row in align(old, new) for o in row.old for n in row.new}


def difflib_links(old, new, fancy: bool) -> set[tuple[str, str]]:
    a = [clean(p.full_text) for p in old.paragraphs]
    b = [clean(p.full_text) for p in new.paragraphs]
    out: set[tuple[str, str]] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.update((old.paragraphs[i1 + k].id, new.paragraphs[j1 + k].id) for k in range(i2 - i1))
        elif tag == "replace" and fancy:
            _pair_replace(a, b, i1, i2, j1, j2, old, new, out)
    return out


def _pair_replace(a, b, i1, i2, j1, j2, old, new, out, cutoff=0.75):
    """ndiff's _fancy_replace, keeping the pairs instead of printing them."""
    best, best_i, best_j = cutoff, None, None
    sm = difflib.SequenceMatcher(autojunk=False)
    for j in range(j1, j2):
        sm.set_seq2(b[j])
        for i in range(i1, i2):
            sm.set_seq1(a[i])
            if sm.real_quick_ratio() > best and sm.quick_ratio() > best and sm.ratio() > best:
                best, best_i, best_j = sm.ratio(), i, j
    if best_i is None:
        return
    out.add((old.paragraphs[best_i].id, new.paragraphs[best_j].id))
    _pair_replace(a, b, i1, best_i, j1, best_j, old, new, out, cutoff)
    _pair_replace(a, b, best_i + 1, i2, best_j + 1, j2, old, new, out, cutoff)


def prf(tp: int, predicted: int, true: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def groups(links) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The true splits and merges among ``links``: (kind, old ids, new ids)."""
    by_old, by_new = defaultdict(set), defaultdict(set)
    for o, n in links:
        by_old[o].add(n)
        by_new[n].add(o)
    out = [("split", (o,), tuple(sorted(ns))) for o, ns in by_old.items() if len(ns) > 1]
    out += [("merge", tuple(sorted(os)), (n,)) for n, os in by_new.items() if len(os) > 1]
    return sorted(out)


def pairs(part: str, crude: bool):
    """(name, old, new, old ids, new ids, true links) of every labelled pair of one part."""
    edited = None
    for folder in PARTS[part]:
        for path in sorted(folder.glob("*.tsv")):
            old_file, new_file, old_ids, new_ids, truth = load_labels(path)
            reader = read_resolution if crude else read
            yield path.stem, reader(old_file), reader(new_file), old_ids, new_ids, truth
        for path in sorted(folder.glob("*.edits")):
            edited = edited or _edited()
            old, new, truth = edited.build(path)
            yield (path.stem, old, new, {p.id for p in old.paragraphs}, {p.id for p in new.paragraphs}, truth)


METHODS = {
    "resodiff align": None,
    "difflib SequenceMatcher": lambda o, n: difflib_links(o, n, fancy=False),
    "difflib + ndiff pairing": lambda o, n: difflib_links(o, n, fancy=True),
}


def score(part: str, crude: bool, verbose: bool) -> dict:
    """Per method: [true positives, predicted, true, groups found whole, groups] plus counts."""
    totals = {name: [0, 0, 0, {"split": 0, "merge": 0}] for name in METHODS}
    wanted = {"split": 0, "merge": 0}
    count = 0
    for name, old, new, old_ids, new_ids, truth in pairs(part, crude):
        count += 1
        true_groups = groups(truth)
        for kind, *_ in true_groups:
            wanted[kind] += 1
        for method, fn in METHODS.items():
            if fn is None:
                rows = align(old, new)
                found = {(o, n) for row in rows for o in row.old for n in row.new}
                whole = {(tuple(sorted(r.old)), tuple(sorted(r.new))) for r in rows}
                found_whole = [g for g in true_groups if (g[1], g[2]) in whole]
            else:
                found = fn(old, new)
                found_whole = [g for g in true_groups if all((o, n) in found for o in g[1] for n in g[2])]
            predicted = {(o, n) for o, n in found if o in old_ids and n in new_ids}
            t = totals[method]
            t[0] += len(predicted & truth)
            t[1] += len(predicted)
            t[2] += len(truth)
            for kind, *_ in found_whole:
                t[3][kind] += 1
            if verbose and fn is None:
                for link in sorted(predicted - truth):
                    print(f"  {part} {name}: false link {link}")
                for link in sorted(truth - predicted):
                    print(f"  {part} {name}: missed link {link}")
                for g in true_groups:
                    if g not in found_whole:
                        print(f"  {part} {name}: {g[0]} not found whole {g[1]} -> {g[2]}")
    return {"totals": totals, "wanted": wanted, "pairs": count}


def main(verbose: bool = False, crude: bool = False, show_held_out: bool = False) -> int:
    if not any(folder.glob("*.tsv") or folder.glob("*.edits") for folder in PARTS["tuning"]):
        print(f"no label files in {LINKS}")
        return 1
    read_with = "the crude helper" if crude else "the resodiff parser"
    for part in PARTS:
        result = score(part, crude, verbose if part == "tuning" else show_held_out)
        totals, wanted = result["totals"], result["wanted"]
        print(f"\n{part}: {result['pairs']} labelled pairs, {totals['resodiff align'][2]} true links, "
              f"{wanted['split']} splits, {wanted['merge']} merges; real pairs read with {read_with}")
        print(f"{'method':<26} {'precision':>9} {'recall':>7} {'F1':>6} {'splits whole':>13} {'merges whole':>13}")
        for name, (tp, predicted, true, whole) in totals.items():
            p, r, f = prf(tp, predicted, true)
            print(f"{name:<26} {p:9.3f} {r:7.3f} {f:6.3f} {whole['split']:>6}/{wanted['split']:<6} "
                  f"{whole['merge']:>6}/{wanted['merge']:<6}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main("-v" in args, "--crude" in args, "--show-held-out" in args))
