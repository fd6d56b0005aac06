"""Writing output files safely: every file reportgen writes goes through here.

A file is written to a temporary file beside its target and moved into place only when it is
complete, so that readers see the old file or the whole new one, never a part.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from reportgen.errors import UsageError

__all__ = ["temporary_beside", "write_atomically"]


def temporary_beside(target: Path) -> Path:
    """A new empty file beside ``target`` (same folder, so that moving it into place is
    atomic), with the permissions ``target`` has, or those a new file would get."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-",
                                        suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError("U-OUTPUT-FOLDER-UNWRITABLE", folder=target.parent,
                         reason=exc.strerror or exc) from exc
    os.close(handle)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:  # a new file: what the umask gives (mkstemp's file is private)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(name, mode)
    return Path(name)


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` over ``target`` so that readers see the old file or the whole new one;
    on any failure the old file is untouched and no temporary file is left."""
    temporary = temporary_beside(target)
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except PermissionError as exc:
        raise UsageError("U-OUTPUT-LOCKED", path=target, reason=exc.strerror or exc) from exc
    finally:
        temporary.unlink(missing_ok=True)
