"""Render a change report's HTML with headless Chromium: a PNG to look at, and a PDF as printed.

    python scripts/report_png.py OLD NEW -o report.png [--side-by-side] [--pdf report.pdf]
        [--width 1100] [--height 2400]

The report is made in a temporary folder exactly as `resodiff report OLD NEW -o x.html` makes
it; Chromium runs with a throw-away profile and no network services. Needs `chromium` (Debian:
`apt-get install chromium`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from resodiff.readers import read
from resodiff.reports import make, render

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("error: Chromium is not installed (apt-get install chromium)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("-o", "--output", required=True, help="the PNG to write")
    p.add_argument("--pdf", help="also print the page to this PDF (A4)")
    p.add_argument("--side-by-side", action="store_true")
    p.add_argument("--width", type=int, default=1100)
    p.add_argument("--height", type=int, default=2400)
    args = p.parse_args(argv)
    report = make(read(args.old), read(args.new))
    html = render(report, "html", layout="side-by-side" if args.side_by_side else "inline")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(html)
        base = [chromium(), *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"]
        subprocess.run([*base, f"--window-size={args.width},{args.height}",
                        f"--screenshot={Path(args.output).resolve()}", page.as_uri()],
                       check=True, capture_output=True, timeout=240)
        if args.pdf:
            subprocess.run([*base, "--no-pdf-header-footer", f"--print-to-pdf={Path(args.pdf).resolve()}",
                            page.as_uri()], check=True, capture_output=True, timeout=240)
    print(f"{args.output}: {args.width}x{args.height}" + (f", {args.pdf}" if args.pdf else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
