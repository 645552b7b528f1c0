"""Writing files: atomically, only regular files, and never over an existing file unless asked to.

The one way resodiff writes a file (reports, drafts, exports, fetched documents, the corpus):
the bytes go to a temporary file in the target's folder, are flushed to disk (fsync), and the
temporary file then takes the target's name in one step, so a reader never sees half a file
and an interrupted run leaves the old file whole. Without ``force`` the last step is a hard
link, which fails if the name exists (exclusive mode): a file that appeared meanwhile is not
overwritten either.

Only regular files are written. A device, FIFO, socket or folder at the target is refused in
one line, ``--force`` or not (``-o /dev/null --force`` must not turn ``/dev/null`` into a
file). A symlink is written through: its target is the file written (and must be a regular
file or not exist yet); the link itself stays. Files get the user's umask (a replaced file
keeps its mode). A run killed mid-write leaves a temporary file named
``.NAME.<pid>.<hex>.resodiff-tmp``; the next write to that folder removes those whose process
is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from resodiff.errors import OutputError

TMP_SUFFIX = ".resodiff-tmp"
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class OutputExists(OutputError):
    """The target exists and ``force`` was not given (callers that compare contents catch it)."""


def atomic_write(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only with ``force``.

    Returns the path written (a symlink's target). Raises OutputError in one line.
    """
    return atomic_write_all({Path(path): data}, force=force)[0]


write_new = atomic_write  # the name the commands used first


def atomic_write_all(files: dict[Path, bytes], *, force: bool = False) -> list[Path]:
    """Write several files all or none: every temporary file first, then every rename.

    A failure before the renames leaves nothing; a failure between them removes the files
    this call had already put in place (the ones it created, not ones it replaced).
    """
    staged: list[tuple[Path, Path, bool]] = []  # (temporary file, target, existed before)
    done: list[Path] = []
    try:
        for path, data in files.items():
            target = _target(Path(path), force)
            staged.append((_stage(target, data), target, target.exists()))
        for tmp, target, existed in staged:
            _commit(tmp, target, force)
            if not existed:
                done.append(target)
    except BaseException:
        for path in done:
            path.unlink(missing_ok=True)
        raise
    finally:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
    return [target for _, target, _ in staged]


def _target(path: Path, force: bool) -> Path:
    """The regular file to write for ``path``: a symlink's target; refuses what is no file."""
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: a symlink loop; give a file name") from None
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    if st is not None:
        for test, kind in _KINDS:
            if test(st.st_mode):
                hint = "; give a file name" if kind == "a folder" else "; resodiff writes only regular files"
                raise OutputError(f"{path}: is {kind}, not a file{hint}")
        if not force:
            raise OutputExists(f"{path}: already exists; use --force to replace it")
    if not real.parent.is_dir():
        raise OutputError(f"{path}: the folder {real.parent} does not exist")
    return real


def _stage(target: Path, data: bytes) -> Path:
    """The bytes in a new temporary file beside ``target``, on disk."""
    folder = target.parent
    _clean_leftovers(folder)
    # The name is cut so that a target name near the 255-byte limit still gets a temporary one.
    tmp = folder / f".{target.name[:100]}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileNotFoundError):
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))  # a replaced file keeps its mode
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    return tmp


def _commit(tmp: Path, target: Path, force: bool) -> None:
    try:
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise OutputExists(f"{target}: already exists; use --force to replace it") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links on this file system: claim the name exclusively, then rename over
            # the empty claim (atomic for the content; a reader may briefly see an empty file).
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                raise OutputExists(f"{target}: already exists; use --force to replace it") from None
            os.replace(tmp, target)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from None


def _clean_leftovers(folder: Path) -> None:
    """Remove temporary files of runs that were killed mid-write (their process is gone)."""
    try:
        names = [e.name for e in os.scandir(folder) if e.name.endswith(TMP_SUFFIX) and e.name.startswith(".")]
    except OSError:
        return
    for name in names:
        try:
            pid = int(name[: -len(TMP_SUFFIX)].rsplit(".", 2)[-2])
        except (ValueError, IndexError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
