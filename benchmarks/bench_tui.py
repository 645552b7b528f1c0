"""Launch to first paint of the terminal app on a comparison of two real resolutions (target < 1 s).

Usage: python benchmarks/bench_tui.py [--repeat N]

Two measures, both printed (this is a timing script, not a test):
  cold: `python -m resodiff.cli OLD NEW` started in a pseudo-terminal of 100x30, timed from the
        spawn to the moment the screen holds the aligned rows (the status of the first row and
        the footer's keys have been written): interpreter start, imports, reading, aligning,
        layout and the first frame: what a user waits for. Wall time, and the CPU time the
        process had used by then (the steadier figure when the machine is busy). "app only":
        the same without cli.py, which imports every command module (the share to win back);
  warm: in one process, App() to the first refresh after the rows are mounted
        (``ResodiffApp.first_paint``), headless at 100x30: the app's own share.
Pairs: real 72 -> 80 members of one series from ../shared/corpus/en, and the seed against a
hand-edited copy (made here, in a temporary folder). Best and median of N runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks._corpus import CORPUS  # noqa: E402

PAIRS = [
    ("ICC 72 -> 80/6", CORPUS / "ga-72-partial" / "N1735495.partial.md", CORPUS / "ga-80" / "A_RES_80_6.md"),
    ("72 -> 80/38", CORPUS / "ga-72-partial" / "N1741917.partial.md", CORPUS / "ga-80" / "A_RES_80_38.md"),
]
TARGET = 1.0
# Written once the rows are on screen: the gutter's status words and the footer's "Next" key.
READY = (b"Next", b"modified")


# The app without the command line: what `resodiff OLD NEW` would cost if cli.py imported only
# the command it runs (it imports every command module, and with them the drafter, the
# reports, the corpus index ...).
APP_ONLY = ("import sys; from pathlib import Path; from resodiff.commands import tui; "
            "from resodiff.tui.sources import PAIR, Request; "
            "sys.exit(tui.launch(Request(PAIR, (Path(sys.argv[1]), Path(sys.argv[2])))))")


def cold(old: Path, new: Path, timeout: float = 20.0, *, app_only: bool = False) -> tuple[float, float]:
    """Seconds from spawning `resodiff OLD NEW` in a pty to the first frame showing the rows:
    wall time, and the CPU time the process used until then (steadier on a busy machine)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 100x30 running the app
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = "100", "30"
        command = ["-c", APP_ONLY] if app_only else ["-m", "resodiff.cli"]
        os.execv(sys.executable, [sys.executable, *command, str(old), str(new)])
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            if all(marker in seen for marker in READY):
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGSTOP)  # freeze it: the CPU time is the time to first paint
        cpu = _cpu(pid)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"no first paint within {timeout} s; the terminal got: {seen[-400:]!r}")
    return elapsed, cpu


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def warm(old: Path, new: Path) -> float:
    """Seconds from App() to the first refresh after the rows are mounted (headless)."""
    from resodiff.tui.app import ResodiffApp
    from resodiff.tui.sources import PAIR, Request

    async def run() -> float:
        start = time.perf_counter()
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(100, 30)) as pilot:
            while app.first_paint is None:
                await pilot.pause(0.005)
            return app.first_paint - start

    return asyncio.run(run())


def report(name: str, times: list[float]) -> str:
    best, median = min(times), statistics.median(times)
    verdict = "ok" if median < TARGET else "OVER TARGET"
    return f"{name:<46} best {best:6.3f} s   median {median:6.3f} s   ({verdict}, target < {TARGET:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from conftest import SEED
    from tui_docs import edited_seed

    with tempfile.TemporaryDirectory() as tmp:
        pairs = [p for p in PAIRS if p[1].exists() and p[2].exists()]
        if len(pairs) < len(PAIRS):
            print("(../shared/corpus absent: real pairs skipped)")
        pairs.append(("seed -> hand-edited seed", SEED, edited_seed(Path(tmp))))
        print(f"resodiff terminal app: launch to first paint, {args.repeat} runs each, load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for name, old, new in pairs:
            runs = [cold(old, new) for _ in range(args.repeat)]
            print(report(f"cold  {name}", [wall for wall, _ in runs]))
            print(report(f"cold  {name} (CPU)", [cpu for _, cpu in runs]))
            runs = [cold(old, new, app_only=True) for _ in range(args.repeat)]
            print(report(f"cold  {name}, app only", [wall for wall, _ in runs]))
            print(report(f"cold  {name}, app only (CPU)", [cpu for _, cpu in runs]))
            print(report(f"warm  {name}", [warm(old, new) for _ in range(args.repeat)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
