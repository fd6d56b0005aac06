"""Writing output files safely: every file reportgen writes goes through here.

A file is written to a temporary file beside its target and moved into place only when it is
complete, so that readers see the old file or the whole new one, never a part. Several files
that belong together (a report and its PDF) are staged side by side and moved into place
together, at the end (:class:`Staging`).

Temporary names are ``.<name>~<host>-<pid>-<random><suffix>.tmp``, shortened to fit the
255-byte limit of a file name. A run killed outright (SIGKILL, power cut) cannot remove its
temporary files; the next run writing to the same folder removes those of dead processes.

Errors of the file system (a full disk, a folder without write permission, a read-only disk)
become a :class:`~reportgen.errors.UsageError` saying in Chinese what happened and where;
the old file is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import signal
import stat
import time
from pathlib import Path
from typing import Callable, Iterator

from reportgen.codes.commands import OS_REASON_OTHER, OS_REASONS
from reportgen.errors import UsageError

__all__ = ["Staging", "clean_stale_temporaries", "file_error", "os_reason", "temporary_beside",
           "temporary_name", "write_atomically", "write_bytes"]

NAME_MAX = 255
"""The longest file name, in bytes, of the usual file systems (ext4, NTFS, APFS)."""


def _host_name() -> str:
    """This computer's name: on POSIX ``uname``'s, which is what ``socket.gethostname()``
    gives, without loading the socket module at every start."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


_HOST = hashlib.md5(_host_name().encode("utf-8", "replace")).hexdigest()[:4]
_TEMPORARY = re.compile(r"^\..*~(?P<host>[0-9a-f]{4})-(?P<pid>\d+)-[0-9a-z]{6}(\.[^.]+)?\.tmp$",
                        re.DOTALL)
_STARTED = time.time()
"""When this run started: a temporary file older than that is not one of its own."""
_cleaned: set[Path] = set()
_targets: dict[Path, Path] = {}
"""The target of each temporary file being written, to name it in messages."""

Writer = Callable[[int], None]
"""Writes a file's content to an open file descriptor."""


def temporary_name(target: Path) -> Path:
    """A fresh name beside ``target`` for its temporary file, within :data:`NAME_MAX`."""
    tail = f"~{_HOST}-{os.getpid()}-{secrets.token_hex(3)}{target.suffix}.tmp"
    room = NAME_MAX - 1 - len(os.fsencode(tail))
    stem = os.fsencode(target.stem)[:max(room, 0)].decode("utf-8", "ignore")
    return target.with_name(f".{stem}{tail}")


def temporary_beside(target: Path) -> Path:
    """A new empty file beside ``target`` (same folder, so that moving it into place is
    atomic), writable by us only until it is moved into place."""
    clean_stale_temporaries(target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        name = temporary_name(target)
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise file_error(exc, target, creating=True) from exc
    return name


def write_bytes(path: Path, data: bytes | Writer) -> None:
    """Write ``data`` (bytes, or a function writing to a file descriptor) to ``path`` from
    the start, and make sure it reached the disk."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            if callable(data):
                data(fd)
            else:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise file_error(exc, _targets.get(path, path)) from exc


def write_atomically(target: Path, data: bytes | Writer) -> None:
    """Write ``data`` over ``target`` so that readers see the old file or the whole new one;
    on any failure the old file is untouched and no temporary file is left.

    A symbolic link at ``target`` is replaced, not followed."""
    with Staging() as staging:
        write_bytes(staging.beside(target), data)
        staging.commit()


class Staging:
    """Temporary files beside their targets, moved into place together by :meth:`commit`.

    Leaving the ``with`` block without committing (an error, an interrupt) removes them.
    The moves hold a lock on each folder, so that two runs writing the same files finish
    one after the other (each run's files stay together), and SIGINT/SIGTERM wait until
    the moves are done.
    """

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def beside(self, target: Path) -> Path:
        """A new temporary file that :meth:`commit` will move to ``target``."""
        if target in self._staged:
            return self._staged[target]
        temporary = temporary_beside(target)
        self._staged[target] = temporary
        _targets[temporary] = target
        return temporary

    def drop(self, target: Path) -> None:
        """Do not deliver ``target`` after all (its temporary file is removed)."""
        temporary = self._staged.pop(target, None)
        if temporary is not None:
            _targets.pop(temporary, None)
            temporary.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove every temporary file not yet moved into place."""
        for target in list(self._staged):
            self.drop(target)

    def commit(self) -> None:
        """Move every staged file onto its target, in the order they were staged."""
        folders = sorted({target.parent.resolve() for target in self._staged})
        with _signals_held(), contextlib.ExitStack() as locks:
            for folder in folders:
                locks.enter_context(_folder_lock(folder))
            for target, temporary in list(self._staged.items()):
                try:
                    os.chmod(temporary, _final_mode(target))
                    os.replace(temporary, target)
                except OSError as exc:
                    raise file_error(exc, target) from exc
                del self._staged[target]
                _targets.pop(temporary, None)


def _final_mode(target: Path) -> int:
    """The permissions a replaced file keeps (those of the old file, made writable by its
    owner), or those a new file gets."""
    try:
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def clean_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files a killed run of this machine left in ``folder``: those of
    processes that are gone, older than this run. Each folder is looked at once per run."""
    if os.name != "posix" or folder in _cleaned:
        return
    _cleaned.add(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or match["host"] != _HOST or int(match["pid"]) == os.getpid():
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= _STARTED or _alive(int(match["pid"])):
                continue
            os.unlink(entry.path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (POSIX ``flock`` on the folder itself: no lock file)."""
    try:
        import fcntl
    except ImportError:  # Windows: moves are still atomic one by one
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done (POSIX, calling thread)."""
    held = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese, for the ``reason`` of a message: the system's own
    text (``No such file or directory``) is English, so its errno is said instead; an error
    without an errno is one of our own making, said by its text."""
    if exc.errno is None:
        return str(exc) or OS_REASON_OTHER.format(name=type(exc).__name__)
    name = errno.errorcode.get(exc.errno, str(exc.errno))
    return OS_REASONS.get(name) or OS_REASON_OTHER.format(name=name)


_FULL = {errno.ENOSPC, errno.EDQUOT} if hasattr(errno, "EDQUOT") else {errno.ENOSPC}


def file_error(exc: OSError, where: Path, *, creating: bool = False) -> UsageError:
    """``exc``, met writing ``where``, told in Chinese: what happened, and what to do
    (``creating``: while making its temporary file in the folder)."""
    folder = where.parent if str(where.parent) not in ("", ".") else Path.cwd()
    reason = os_reason(exc)
    if exc.errno in _FULL:
        return UsageError("U-DISK-FULL", path=where, folder=folder)
    if exc.errno == errno.EFBIG:
        return UsageError("U-DISK-FILE-TOO-LARGE", path=where)
    if exc.errno == errno.EROFS:
        return UsageError("U-WRITE-READ-ONLY", path=where, folder=folder)
    if exc.errno == errno.ENAMETOOLONG:
        return UsageError("U-WRITE-NAME-TOO-LONG", path=where)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        if os.name == "nt":  # most often: the file is open in Word, WPS or Excel
            return UsageError("U-OUTPUT-LOCKED", path=where, reason=reason)
        return UsageError("U-WRITE-DENIED", path=where, folder=folder)
    if exc.errno == errno.EISDIR:
        return UsageError("U-WRITE-IS-FOLDER", path=where)
    if creating:
        return UsageError("U-OUTPUT-FOLDER-UNWRITABLE", folder=folder, reason=reason)
    return UsageError("U-WRITE-FAILED", path=where, reason=reason)
