"""First paint of the terminal app and `resodiff --help`, each beside its floor in the same run.

Usage: python benchmarks/bench_tui.py [--repeat N]

Rows (issue 15), each a new process started in a pseudo-terminal of 100x30, timed from the
spawn until the screen holds what the user waits for; wall time and the CPU time the process
had used by then (the steadier figure on a busy machine). Runs alternate between a command and
its floor so that both see the same load. Median, with the spread (min-max) in brackets.

  app cold start to first rows, 72 -> 80/6   `resodiff OLD NEW` until the first row's id (PP1) and the
                                              footer's keys are on screen
  floor: empty Textual app, Header + Footer   the same Python, importing Textual, one Header and
                                              one Footer with two keys, until its keys are drawn
  `resodiff --help`                           until the process exits
  floor: `python -c pass`                     the interpreter alone

Targets: the app ≤ 0.45 s and ≤ 0.15 s above the empty app; --help ≤ 0.12 s.

``--before DIR``: also time the app and --help from another copy of the sources (e.g.
``git archive <commit> | tar -x -C DIR``), in the same alternation: before and after under
the same load.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._corpus import CORPUS  # noqa: E402

OLD = CORPUS / "ga-72-partial" / "N1735495.partial.md"
NEW = CORPUS / "ga-80" / "A_RES_80_6.md"

# The floor: what any Textual app with a header and a footer costs before its first frame.
EMPTY_APP = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header
class Empty(App):
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("n", "bell", "Next")]
    def compose(self):
        yield Header()
        yield Footer()
Empty().run()
"""

APP_TARGET, ABOVE_FLOOR_TARGET, HELP_TARGET = 0.45, 0.15, 0.12


def spawn(argv: list[str], ready: tuple[bytes, ...] | None, timeout: float = 20.0,
          source: Path | None = None) -> tuple[float, float]:
    """Seconds from spawning ``argv`` in a 100x30 pty until every ``ready`` marker was written
    (None: until the process exits): wall time and the CPU time the process used until then.
    ``source``: import resodiff from there instead."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        if source is not None:  # `-m` puts the working directory first on the path
            os.environ["PYTHONPATH"] = str(source)
            os.chdir(source)
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = "100", "30"
        os.execv(argv[0], argv)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    elapsed: float | None = None
    cpu = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            r, _, _ = select.select([fd], [], [], 0.02)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                seen += chunk
                if ready is not None and all(m in seen for m in ready):
                    elapsed = time.perf_counter() - start
                    os.kill(pid, signal.SIGSTOP)  # frozen: its CPU time is the time to first paint
                    cpu = _cpu(pid)
                    break
                if chunk:
                    continue
            if ready is None:
                done, _, usage = os.wait4(pid, os.WNOHANG)
                if done:
                    elapsed = time.perf_counter() - start
                    cpu = usage.ru_utime + usage.ru_stime
                    pid = 0
                    break
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"{argv}: not ready within {timeout} s; the terminal got: {seen[-400:]!r}")
    return elapsed, cpu


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a running process and of the children it has reaped (the
    app's preloading child: its work counts too) (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def stats(times: list[float]) -> str:
    return f"{statistics.median(times):6.3f} s ({min(times):.3f}-{max(times):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", type=Path, metavar="DIR", help="another copy of the sources to time too")
    args = parser.parse_args()
    py = sys.executable
    if not (OLD.exists() and NEW.exists()):
        print(f"{OLD} or {NEW} absent: the app rows need ../shared/corpus")
        return 1

    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in ("app", "empty", "help", "pass", "app0", "help0")}
    app_argv = [py, "-m", "resodiff.cli", str(OLD), str(NEW)]
    for _ in range(args.repeat):  # alternate, so that both sides of a ratio see the same load
        runs["empty"].append(spawn([py, "-c", EMPTY_APP], (b"Next",)))
        runs["app"].append(spawn(app_argv, (b"Next", b"PP1")))
        if args.before:
            runs["app0"].append(spawn(app_argv, (b"Next", b"PP1"), source=args.before))
        runs["pass"].append(spawn([py, "-c", "pass"], None))
        runs["help"].append(spawn([py, "-m", "resodiff.cli", "--help"], None))
        if args.before:
            runs["help0"].append(spawn([py, "-m", "resodiff.cli", "--help"], None, source=args.before))

    def wall(key: str) -> list[float]:
        return [w for w, _ in runs[key]]

    def cpu(key: str) -> list[float]:
        return [c for _, c in runs[key]]

    app, empty = statistics.median(wall("app")), statistics.median(wall("empty"))
    above = [a - e for a, e in zip(wall("app"), wall("empty"))]
    helpt, passt = statistics.median(wall("help")), statistics.median(wall("pass"))
    print(f"resodiff terminal app and --help, {args.repeat} runs each (median, spread), load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'app cold start to first rows, 72 -> 80/6':<44} {stats(wall('app'))}   CPU {stats(cpu('app'))}"
          f"   target <= {APP_TARGET} s: {'met' if app <= APP_TARGET else 'NOT MET'}")
    print(f"{'  floor: empty Textual app, Header+Footer':<44} {stats(wall('empty'))}   CPU {stats(cpu('empty'))}")
    print(f"{'  app above the floor (paired runs)':<44} {stats(above)}   target <= {ABOVE_FLOOR_TARGET} s: "
          f"{'met' if statistics.median(above) <= ABOVE_FLOOR_TARGET else 'NOT MET'}"
          f"   (CPU above: {statistics.median(cpu('app')) - statistics.median(cpu('empty')):.3f} s)")
    print(f"{'resodiff --help':<44} {stats(wall('help'))}   CPU {stats(cpu('help'))}   target <= {HELP_TARGET} s: "
          f"{'met' if helpt <= HELP_TARGET else 'NOT MET'}")
    print(f"{'  floor: python -c pass':<44} {stats(wall('pass'))}   CPU {stats(cpu('pass'))}   (--help above it: {helpt - passt:.3f} s)")
    print(f"(app {app / empty:.2f}x the empty app; --help {helpt / passt:.1f}x python -c pass)")
    if args.before:
        print(f"{'before (' + str(args.before) + '): app':<44} {stats(wall('app0'))}   CPU {stats(cpu('app0'))}")
        print(f"{'before: --help':<44} {stats(wall('help0'))}   CPU {stats(cpu('help0'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
