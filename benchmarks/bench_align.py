"""Alignment time at scale beside difflib's line differs, in one run (issue 15, align rows).

Usage: python benchmarks/bench_align.py [--repeat N] [--no-peers] [--against REV]

Pairs: ~N real paragraphs (shared/corpus/en/ga-80) against their perturbed next version, built
as in bench_compare.py, for N = 100 ... 4,000. For each, resodiff's ``align`` (links, word diffs
and tags: finished rows), best of N runs, wall and CPU. Growth: the exponent of a least-squares
fit of log(time) on log(paragraphs) from 100 to 4,000. Peers at ~2,000 (once each, they are
slow): ``difflib.ndiff`` over the paragraph lines and ``difflib.HtmlDiff().make_file``; ratios
are resodiff's time over the peer's (below 1: resodiff is faster).

``--against REV`` also times the aligner as it was at git revision REV (its align.py loaded
beside today's, same texts, runs interleaved), and prints today's time over it: before/after
in one run, so a busy machine slows both alike.

Targets (issue 15): ~2,000 paragraphs <= 0.25 s; exponent <= 1.05; <= 0.5 s at 4,000.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import math
import os
import subprocess
import sys
import tempfile
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


def aligner_at(rev: str):
    """``align`` as it was at git revision ``rev`` (its align.py beside today's other modules)."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(["git", "show", f"{rev}:resodiff/align.py"], cwd=root, check=True,
                            capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "align_then.py")
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("align_then", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["align_then"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return module.align


def exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--against", metavar="REV", help="also time align.py as of this git revision")
    args = parser.parse_args()
    then = aligner_at(args.against) if args.against else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load {load:.2f}; best of {args.repeat}")
    extra = f" {'then cpu':>9} {'now/then':>9}" if then else ""
    print(f"{'paragraphs':>10} {'wall (s)':>9} {'cpu (s)':>8}{extra}")
    walls, cpus, pairs = [], [], {}
    for n in SIZES:
        old, new = pairs[n] = corpus_pair(n, n)
        now_cpu = then_cpu = float("inf")
        wall = float("inf")
        for _ in range(args.repeat):  # interleaved, so load falls on both alike
            w, c = best(lambda old=old, new=new: align(old, new), 1)
            wall, now_cpu = min(wall, w), min(now_cpu, c)
            if then:
                then_cpu = min(then_cpu, best(lambda old=old, new=new: then(old, new), 1)[1])
        walls.append((len(old.paragraphs), wall))
        cpus.append((len(old.paragraphs), now_cpu))
        extra = f" {then_cpu:9.3f} {now_cpu / then_cpu:9.2f}" if then else ""
        print(f"{len(old.paragraphs):>10} {wall:9.3f} {now_cpu:8.3f}{extra}")
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
