"""Reading and aligning started before Textual is imported, in a child process.

Importing Textual and laying out the first screen take most of a cold start; reading and
aligning the two texts (and importing the readers and the aligner) need none of it. On a
system with ``fork`` the command forks before it imports Textual: the child runs
``sources.load`` and sends the ``Loaded`` back through a pipe (pickled, ~50 kB for a long
pair), so both run on two cores at once. Where there is no ``fork``, or the child fails for
any reason but the user's (a bad file is reported as such), the screen loads in its worker
as before.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

OK, USER_ERROR = "ok", "user-error"


class Preload:
    """A ``load(request)`` running in a child process; ``result()`` waits for it."""

    def __init__(self, request: Any, pid: int, fd: int) -> None:
        self.request = request
        self._pid, self._fd = pid, fd

    @classmethod
    def start(cls, request: Any) -> Preload | None:
        """Fork a child loading ``request``; None where fork is not available or fails."""
        if not hasattr(os, "fork"):
            return None
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: load, send, leave without running the parent's exit handlers
            try:
                os.close(read_fd)
                _child(request, write_fd)
            finally:
                os._exit(0)  # never run on as a second copy of the app, whatever happened
        os.close(write_fd)
        return cls(request, pid, read_fd)

    def result(self) -> Any:
        """The ``Loaded``; raises ``ResodiffError`` for what the user can fix, and falls back
        to loading here when the child sent nothing usable."""
        from resodiff.errors import ResodiffError
        from resodiff.tui.sources import load

        chunks = []
        if self._fd < 0:
            return load(self.request)
        try:
            while chunk := os.read(self._fd, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self._fd)
            os.waitpid(self._pid, 0)
            self._fd = -1
        try:
            kind, value = pickle.loads(b"".join(chunks))
        except Exception:  # the child died or sent half a message: do the work here
            return load(self.request)
        if kind == USER_ERROR:
            raise ResodiffError(value)
        if kind == OK:
            return value
        return load(self.request)  # a bug in the child: the worker reports it with its traceback

    def discard(self) -> None:
        """The app is leaving without the result: end the child and reap it."""
        if self._fd < 0:
            return
        import signal

        os.close(self._fd)
        os.kill(self._pid, signal.SIGTERM)  # our own child, by its id: its work is not wanted
        os.waitpid(self._pid, 0)
        self._fd = -1


def _child(request: Any, fd: int) -> None:
    from resodiff.errors import ResodiffError
    from resodiff.tui.sources import load

    try:
        message: tuple[str, Any] = (OK, load(request))
    except ResodiffError as exc:
        message = (USER_ERROR, str(exc))
    except BaseException as exc:
        message = ("bug", repr(exc))
    try:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # unpicklable: the parent loads it itself
        data = pickle.dumps(("bug", repr(exc)))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.close(fd)
