"""One giant operative paragraph: resodiff report and compare beside git's word diff, by size.

Usage: python benchmarks/bench_long_paragraph.py [--sizes 1,2,4] [--repeat N]

For each size (MB), a text of one operative paragraph of random words of the bundled seed and
a copy with one word in 7,500 changed (issue 17: "report 8.5 s at 1 MB, 40 s at 2 MB"). Each
is measured as a user runs it: `resodiff report OLD NEW -o x.html` and `resodiff compare OLD
NEW` in a new process, and `git diff --no-index --word-diff` on the same files. Times are the
child's CPU seconds (user + system; steady on a busy machine) and wall seconds, best of N;
peak memory is the child's maximum resident size. The last columns are resodiff's CPU time
over git's, and the growth from the size before (2.0 when the size doubles: linear).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "A_RES_75_15.fr.md"


def pair(folder: Path, megabytes: float) -> tuple[Path, Path, list[str]]:
    """One operative paragraph of ``megabytes`` of the seed's words and a copy with one word in
    7,500 changed (also the hostile test's case): the two files, and the changed words as the
    new text spells them."""
    words = [w for w in SEED.read_text(encoding="utf-8").split() if w.isalpha()]
    rng = random.Random(1)
    n = int(megabytes * 1024 * 1024 / 6.3)
    old = [rng.choice(words) for _ in range(n)]
    new = list(old)
    for k in range(0, n, 7500):
        new[k] = new[k].upper() + "x"
    paths = []
    for name, text in (("old", old), ("new", new)):
        path = folder / f"{name}-{megabytes:g}mb.md"
        path.write_text("L'Assemblée générale,\n\n1. *Décide* " + " ".join(text) + " ;\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], new[::7500]


def measure(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, float, int]:
    best_cpu = best_wall = float("inf")
    peak = 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True)
        if done.returncode not in (0, 1):  # git diff says 1 when the files differ
            raise SystemExit(f"{cmd[:3]}: exit {done.returncode}: {done.stderr[-300:]!r}")
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        peak = max(peak, after.ru_maxrss // 1024)  # the largest child so far, MB
    return best_cpu, best_wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2,4")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    resodiff = [sys.executable, "-m", "resodiff.cli"]
    print("| size | report CPU / wall | compare CPU / wall | git word-diff CPU | report / git | growth |")
    print("|---|---|---|---|---|---|")
    last = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (float(s) for s in args.sizes.split(",")):
            old, new, _ = pair(folder, size)
            rep = measure([*resodiff, "report", str(old), str(new), "-o", "x.html", "--force"], folder, args.repeat)
            cmp_ = measure([*resodiff, "compare", str(old), str(new)], folder, args.repeat)
            git = measure(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], folder, args.repeat) \
                if os.system("git --version >/dev/null 2>&1") == 0 else (float("nan"),) * 2 + (0,)
            growth = f"{rep[0] / last:.2f}" if last else "-"
            last = rep[0]
            print(f"| {os.path.getsize(old) / 1e6:.1f} MB | {rep[0]:.2f} s / {rep[1]:.2f} s | {cmp_[0]:.2f} s / "
                  f"{cmp_[1]:.2f} s | {git[0]:.3f} s | {rep[0] / git[0]:.0f} | {growth} |", flush=True)


if __name__ == "__main__":
    main()
