"""Worker processes that end with the process that started them.

A process pool's workers wait on a pipe their parent also holds open, so a parent killed with
SIGKILL leaves them waiting for ever. ``die_with_parent`` (a pool's ``initializer``) asks
Linux to signal the worker when its parent goes, and elsewhere watches for it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def die_with_parent() -> None:
    """In a worker: end this process as soon as its parent process is gone."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() == parent:  # PR_SET_PDEATHSIG
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="resodiff-parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
