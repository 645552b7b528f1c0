"""Writing an output file: atomically, and never over an existing file unless asked to.

The bytes go to a temporary file in the target's folder, which then takes the target's name in
one step: a reader never sees half a file, and an interrupted run leaves the old file whole.
Without ``force`` the last step is a hard link, which fails if the name exists, so a file that
appeared meanwhile is not overwritten either.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from resodiff.errors import OutputError


def write_new(path: str | Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; an existing ``path`` is replaced only with ``force``."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputError(f"{path}: already exists; use --force to replace it") from None
            except OSError:  # a file system without hard links: the check above has to do
                os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
