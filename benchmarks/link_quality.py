"""Link precision, recall and F1 of resodiff's alignment against hand-labelled true links.

Usage: python benchmarks/link_quality.py [-v] [--crude]

Texts are read with resodiff's parser (``resodiff.readers.read``); ``--crude`` reads them with
the benchmark's own line-based helper instead (benchmarks/_corpus.py), to tell a parser
regression from an aligner one. ``-v`` lists every false and missed link.

Labels: tests/data/links/*.tsv (header comments name the two files and every id labelled;
rows are "old<TAB>new<TAB>kind"). Only operative paragraphs are labelled, so links are scored
among the ids the file lists. Baselines, on the same paragraph texts:
  - difflib.SequenceMatcher over the two lists of paragraphs: its "equal" blocks are links;
  - the same, plus ndiff's pairing inside "replace" blocks (the most similar pair with a ratio
    of at least 0.75, then recursively left and right of it), which is what difflib does for
    near-identical lines.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import CORPUS, read_resolution
from resodiff.readers import read
from resodiff.align import align
from resodiff.worddiff import clean

LINKS = Path(__file__).resolve().parent.parent / "tests" / "data" / "links"


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


def main(verbose: bool = False, crude: bool = False) -> int:
    files = sorted(LINKS.glob("*.tsv"))
    if not files:
        print(f"no label files in {LINKS}")
        return 1
    methods = {
        "resodiff align": lambda o, n: resodiff_links(o, n),
        "difflib SequenceMatcher": lambda o, n: difflib_links(o, n, fancy=False),
        "difflib + ndiff pairing": lambda o, n: difflib_links(o, n, fancy=True),
    }
    totals = {name: [0, 0, 0] for name in methods}
    for path in files:
        old_file, new_file, old_ids, new_ids, truth = load_labels(path)
        reader = read_resolution if crude else read
        old, new = reader(old_file), reader(new_file)
        for name, method in methods.items():
            predicted = {(o, n) for o, n in method(old, new) if o in old_ids and n in new_ids}
            tp = len(predicted & truth)
            t = totals[name]
            t[0] += tp
            t[1] += len(predicted)
            t[2] += len(truth)
            if verbose and name == "resodiff align":
                for link in sorted(predicted - truth):
                    print(f"  {path.stem}: false link {link}")
                for link in sorted(truth - predicted):
                    print(f"  {path.stem}: missed link {link}")
    print(f"{len(files)} labelled pairs, {totals['resodiff align'][2]} true links; "
          f"read with {'the crude helper' if crude else 'the resodiff parser'}")
    print(f"{'method':<26} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, (tp, predicted, true) in totals.items():
        p, r, f = prf(tp, predicted, true)
        print(f"{name:<26} {p:9.3f} {r:7.3f} {f:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:], "--crude" in sys.argv[1:]))
