"""Alignment time at scale beside difflib's line differs, in one run (issue 15, align rows).

Usage: python benchmarks/bench_align.py [--repeat N] [--no-peers]

Pairs: ~N real paragraphs (shared/corpus/en/ga-80) against their perturbed next version, built
as in bench_compare.py, for N = 100 ... 4,000. For each, resodiff's ``align`` (links, word diffs
and tags: finished rows), best of N runs, wall and CPU. Growth: the exponent of a least-squares
fit of log(time) on log(paragraphs) from 100 to 4,000. Peers at ~2,000 (once each, they are
slow): ``difflib.ndiff`` over the paragraph lines and ``difflib.HtmlDiff().make_file``; ratios
are resodiff's time over the peer's (below 1: resodiff is faster).

Targets (issue 15): ~2,000 paragraphs <= 0.25 s; exponent <= 1.05; <= 0.5 s at 4,000.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_compare import corpus_pair, lines_of
from resodiff.align import align

SIZES = (100, 250, 500, 1000, 2000, 4000)


def best(fn, repeat: int) -> tuple[float, float]:
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load {load:.2f}; best of {args.repeat}")
    print(f"{'paragraphs':>10} {'wall (s)':>9} {'cpu (s)':>8}")
    walls, cpus, pairs = [], [], {}
    for n in SIZES:
        old, new = pairs[n] = corpus_pair(n, n)
        wall, cpu = best(lambda old=old, new=new: align(old, new), args.repeat)
        walls.append((len(old.paragraphs), wall))
        cpus.append((len(old.paragraphs), cpu))
        print(f"{len(old.paragraphs):>10} {wall:9.3f} {cpu:8.3f}")
    print(f"growth exponent 100 -> 4,000: wall {exponent(walls):.3f}, cpu {exponent(cpus):.3f}")
    at_2000, at_4000 = dict(cpus)[2000], dict(cpus)[4000]
    print(f"targets: 2,000 <= 0.25 s: cpu {at_2000:.3f} {'met' if at_2000 <= 0.25 else 'MISSED'}; "
          f"exponent <= 1.05: {'met' if exponent(cpus) <= 1.05 else 'MISSED'}; "
          f"4,000 <= 0.5 s: cpu {at_4000:.3f} {'met' if at_4000 <= 0.5 else 'MISSED'}")
    if not args.no_peers:
        old, new = pairs[2000]
        a, b = lines_of(old), lines_of(new)
        ours = dict(walls)[2000]
        for name, fn in (("difflib.ndiff", lambda: list(difflib.ndiff(a, b))),
                         ("difflib.HtmlDiff", lambda: difflib.HtmlDiff().make_file(a, b))):
            wall, _ = best(fn, 1)
            print(f"peer at 2,000: {name:<17} {wall:7.2f} s; resodiff align / peer = {ours / wall:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
