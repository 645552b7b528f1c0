"""Wall time and peak memory of resodiff's compare beside difflib and git, on the same texts.

Usage: python benchmarks/bench_compare.py [--repeat N]

Pairs:
  (a) seed: the bundled A/RES/75/15 (French, read by the parser) against a perturbed copy;
  (b) long: ~400 paragraphs each, (c) stress: ~2,000 each, built from the real texts in
      shared/corpus/en/ga-80 (paragraph-like lines), the new side perturbed: paragraphs deleted,
      inserted, moved far, split, merged, edited (words, dates, sessions, lead verbs).
Each pair is measured for: resodiff align (links, word diffs and tags: it returns finished
rows), resodiff compare (align + the JSON dict), difflib.HtmlDiff().make_file on the paragraph
lines, and `git diff --no-index --word-diff` on the same lines written to files. Time: best of
N runs, wall and CPU (CPU time is the steadier figure on a busy machine; git: the process's
own). Peak memory: tracemalloc for the Python ones (a separate run, tracing slows it down),
maximum resident size for git (a whole process, so not comparable one to one). Ratios are
resodiff compare's time over each peer's (below 1: resodiff is faster), wall and CPU.
"""

from __future__ import annotations

import argparse
import difflib
import random
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import sample_paragraphs
from resodiff.align import align
from resodiff.compare import compare
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution
from resodiff.readers import read

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "A_RES_75_15.fr.md"

LEADS = {"en": [("Encourages", "Urges"), ("Requests", "Also requests"), ("Invites", "Encourages"),
                ("Calls upon", "Demands"), ("Urges", "Strongly urges")],
         "fr": [("Encourage", "Encourage vivement"), ("Invite", "Exhorte"), ("Prie", "Prie également")]}
ORDINALS = {"en": [("seventy-ninth", "eighty-first"), ("eightieth", "eighty-second")],
            "fr": [("soixante-dix-septième", "soixante-dix-neuvième"), ("onzième", "douzième")]}


# ---- building pairs -------------------------------------------------------------------------

def build(texts: list[str], language: str, symbol: str, share_preamble: float = 0.15) -> Resolution:
    """A resolution from paragraph texts: the first share are preambular, the rest numbered."""
    cut = int(len(texts) * share_preamble)
    pre = tuple(Paragraph(f"PP{k}", PREAMBLE, t) for k, t in enumerate(texts[:cut], 1))
    ops = tuple(Paragraph(f"OP{n}", OPERATIVE, t, number=str(n)) for n, t in enumerate(texts[cut:], 1))
    return Resolution(language, pre, ops, symbol=symbol)


def edit_words(text: str, rng: random.Random, language: str) -> str:
    """One drafter's edit: a lead verb, a date, a session, or a few words."""
    kind = rng.random()
    for old, new in LEADS[language]:
        if kind < 0.25 and text.startswith(old):
            return new + text[len(old):]
    for old, new in ORDINALS[language]:
        if kind < 0.45 and old in text:
            return text.replace(old, new)
    if kind < 0.6 and re.search(r"\b20[0-2]\d\b", text):
        return re.sub(r"\b20([0-2])(\d)\b", lambda m: f"20{m[1]}{(int(m[2]) + 1) % 10}", text, count=1)
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(1, len(words))
        if rng.random() < 0.5:
            words.insert(k, rng.choice(["further", "all", "relevant", "and regional", "as appropriate,", "inter alia"]))
        else:
            del words[k]
    return " ".join(words)


def perturb(texts: list[str], rng: random.Random, language: str, pool: list[str]) -> list[str]:
    """The next version: ~70 % kept, 15 % edited, 4 % deleted, 4 % inserted, 3 % moved far,
    2 % split at a comma, 2 % merged with the next."""
    out: list[str] = []
    moved: list[str] = []
    k = 0
    while k < len(texts):
        text, r = texts[k], rng.random()
        if r < 0.15:
            out.append(edit_words(text, rng, language))
        elif r < 0.19:
            pass  # deleted
        elif r < 0.22:
            moved.append(text)
        elif r < 0.24 and ", " in text[len(text) // 3:]:
            cut = text.index(", ", len(text) // 3)
            out += [text[:cut] + ";", text[cut + 2][:1].upper() + text[cut + 3:]]
        elif r < 0.26 and k + 1 < len(texts):
            out.append(text.rstrip(",;.") + ", and " + texts[k + 1][:1].lower() + texts[k + 1][1:])
            k += 1
        else:
            out.append(text)
        if rng.random() < 0.04:
            out.append(rng.choice(pool))
        k += 1
    for text in moved:
        out.insert(rng.randrange(len(out) + 1), text)
    return out


def corpus_pair(n: int, seed: int) -> tuple[Resolution, Resolution]:
    """~n real paragraphs against their perturbed next version."""
    rng = random.Random(seed)
    paragraphs = sample_paragraphs()
    texts = []
    while len(texts) < n:  # past the corpus, variants of it (a word dropped) keep paragraphs distinct
        for p in paragraphs:
            if len(texts) >= n:
                break
            if len(texts) < len(paragraphs):
                texts.append(p)
            else:
                words = p.split(" ")
                del words[rng.randrange(1, len(words))]
                texts.append(" ".join(words))
    pool = [edit_words(t, rng, "en") for t in rng.sample(paragraphs, 200)]
    return build(texts, "en", "A/RES/79/1"), build(perturb(texts, rng, "en", pool), "en", "A/RES/80/1")


def seed_pair() -> tuple[Resolution, Resolution]:
    old = read(SEED)
    rng = random.Random(75)
    texts = [p.text for p in old.paragraphs]
    new_texts = perturb(texts, rng, "fr", [edit_words(t, rng, "fr") for t in texts[:5]])
    share = len(old.preamble) / len(old.paragraphs)
    return old, build(new_texts, "fr", "A/RES/77/12", share)


# ---- measuring ------------------------------------------------------------------------------

def lines_of(res: Resolution) -> list[str]:
    """The text as a reader sees it: one paragraph a line, operative ones numbered."""
    return [f"{p.number}. {p.text}\n" if p.number else f"{p.text}\n" for p in res.paragraphs]


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(best wall time in s, best CPU time in s, peak traced memory in MiB)."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, best_cpu, peak / 2**20


def timed_git(old_lines: list[str], new_lines: list[str], repeat: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "old.txt"), Path(tmp, "new.txt")
        a.write_text("".join(old_lines), encoding="utf-8")
        b.write_text("".join(new_lines), encoding="utf-8")
        best, best_cpu, peak_kib = float("inf"), float("inf"), 0
        for _ in range(repeat):
            start = time.perf_counter()
            proc = subprocess.Popen(["git", "diff", "--no-index", "--word-diff", "--no-color", str(a), str(b)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # wait4 gives this one process's own peak memory (RUSAGE_CHILDREN would mix runs).
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = status
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, usage.ru_utime + usage.ru_stime)
            peak_kib = max(peak_kib, usage.ru_maxrss)
            if status not in (0, 1 << 8):  # git diff exits 1 when the files differ
                raise RuntimeError(f"git diff failed with status {status}")
    return best, best_cpu, peak_kib / 1024


def measure(name: str, old: Resolution, new: Resolution, repeat: int) -> dict:
    old_lines, new_lines = lines_of(old), lines_of(new)
    results = {
        "resodiff align": timed(lambda: align(old, new), repeat),
        "resodiff compare": timed(lambda: compare(old, new), repeat),
        "difflib HtmlDiff": timed(lambda: difflib.HtmlDiff().make_file(old_lines, new_lines), 1),
        "git diff --word-diff": timed_git(old_lines, new_lines, repeat),
    }
    summary = compare(old, new)["summary"]
    print(f"\n({name}) {len(old.paragraphs)} -> {len(new.paragraphs)} paragraphs; "
          + ", ".join(f"{k} {v}" for k, v in summary.items() if v))
    ours, ours_cpu, _ = results["resodiff compare"]
    print(f"  {'tool':<22} {'wall (s)':>9} {'cpu (s)':>8} {'peak (MiB)':>11} {'compare/tool wall':>18} {'cpu':>6}")
    for tool, (seconds, cpu, mib) in results.items():
        ratio = ours / seconds if seconds else float("inf")
        ratio_cpu = ours_cpu / cpu if cpu else float("inf")
        print(f"  {tool:<22} {seconds:9.3f} {cpu:8.3f} {mib:11.1f} {ratio:18.2f} {ratio_cpu:6.2f}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load {load:.2f}; best of {args.repeat}; "
          "HtmlDiff once; peak memory: tracemalloc (Python), max RSS (git)")
    measure("a: seed A/RES/75/15, edited", *seed_pair(), args.repeat)
    long = measure("b: long pair, ~400", *corpus_pair(400, 400), args.repeat)
    stress = measure("c: stress pair, ~2000", *corpus_pair(2000, 2000), args.repeat)
    checks = (("(b) compare < 0.25 s", long["resodiff compare"], 0.25),
              ("(c) align < 1 s", stress["resodiff align"], 1.0))
    print("\ntargets" + "".join(
        f"; {label}: wall {wall:.3f} {'met' if wall < limit else 'MISSED'}, cpu {cpu:.3f} "
        f"{'met' if cpu < limit else 'MISSED'}" for label, (wall, cpu, _), limit in checks))
    if load > (os.cpu_count() or 1):
        print("(the machine was busy: wall times are inflated, the CPU times are the fairer figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
