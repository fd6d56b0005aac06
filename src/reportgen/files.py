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
        raise UsageError(f"无法在 {target.parent} 中写入文件：{exc.strerror or exc}。"
                         "请检查文件夹是否存在、是否有写入权限，或用 -o 换一个位置") from exc
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
        raise UsageError(f"无法写入 {target}：{exc.strerror or exc}。如果报告正在 Word 或 WPS 中"
                         "打开，请先关闭它再试，或用 -o 换一个文件名") from exc
    finally:
        temporary.unlink(missing_ok=True)
