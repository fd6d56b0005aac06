"""Finding LibreOffice, starting it headless, and stopping it without leaving anything behind.

Each LibreOffice runs with a fresh temporary profile (so that parallel runs, or a LibreOffice
the clerk has open, do not collide) and the packaged ``fontconfig.conf`` that maps the
official fonts to free ones (docs/fonts.md), in a process group of its own: stopping it stops
everything it started. A :class:`Workspace` holds its temporary folder and a watchdog process
(``watchdog.py``) that stops LibreOffice and removes the folder if reportgen dies without
doing so (SIGKILL). LibreOffice also leaves its sockets (``OSL_PIPE_*``) in ``/tmp``; they
are removed with the rest.

Only this package starts processes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import IO

from attrs import frozen

from reportgen.errors import ReportgenError

STOP_GRACE = 5.0
"""Seconds LibreOffice gets to exit after SIGTERM before it is killed (SIGKILL)."""

_SOFFICE_NAMES = ("soffice", "libreoffice")
_WATCHDOG = Path(__file__).with_name("watchdog.py")
LOG = "soffice.log"
"""What LibreOffice and the worker print, in the workspace."""


class OfficeError(ReportgenError):
    """LibreOffice is missing or failed; the message says so in Chinese."""

    exit_code = 4


@frozen
class Office:
    """A LibreOffice installation found on this machine."""

    soffice: Path
    """The ``soffice`` (or ``libreoffice``) program."""
    uno_python: Path | None
    """A Python that can ``import uno`` (needed to fill the table of contents), if any."""


def find_office() -> Office | None:
    """The LibreOffice on ``PATH``, or ``None``."""
    found = next((shutil.which(name) for name in _SOFFICE_NAMES if shutil.which(name)), None)
    if found is None:
        return None
    soffice = Path(found)
    return Office(soffice, _find_uno_python(soffice))


def _find_uno_python(soffice: Path) -> Path | None:
    """LibreOffice's own ``python`` (TDF builds) or a system Python with ``python3-uno``."""
    program = soffice.resolve().parent
    candidates = [program / "python", program / "python.bin", Path("/usr/bin/python3")]
    which = shutil.which("python3")
    if which:
        candidates.append(Path(which))
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            check = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True,
                                   timeout=30, env=clean_python_env())
        except (OSError, subprocess.TimeoutExpired):
            continue
        if check.returncode == 0:
            return candidate
    return None


def fontconfig_file() -> Path:
    """The packaged fontconfig file mapping the official fonts to installed free fonts."""
    return Path(str(resources.files("reportgen").joinpath("data", "fontconfig.conf")))


def clean_python_env() -> dict[str, str]:
    """The environment for another Python: without our virtual environment's settings."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


class Workspace:
    """A temporary folder for one LibreOffice (profile, log), and its watchdog."""

    def __init__(self, grace: float = STOP_GRACE) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="reportgen-office-"))
        self._watchdog: subprocess.Popen[bytes] | None = None
        try:
            if getattr(sys, "frozen", False):  # no Python to run the watchdog with
                raise OSError("frozen")
            self._watchdog = subprocess.Popen(
                [sys.executable, "-I", "-S", str(_WATCHDOG), str(grace)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True)
        except OSError:  # cleaning up after a SIGKILL is a courtesy, not a condition
            self._watchdog = None
        self.log: IO[bytes] = open(self.path / LOG, "ab")
        self.sockets: list[Path] = []
        """LibreOffice's sockets in /tmp, removed when it stops."""
        self._tell(f"path {self.path}")

    def _tell(self, line: str) -> None:
        if self._watchdog is None or self._watchdog.stdin is None:
            return
        try:
            self._watchdog.stdin.write(os.fsencode(line) + b"\n")
            self._watchdog.stdin.flush()
        except OSError:
            pass

    def watch(self, process: subprocess.Popen[bytes], *paths: Path) -> None:
        """Have the watchdog stop ``process``'s group and remove ``paths`` if we die."""
        self._tell(f"group {process.pid}")
        for path in paths:
            self._tell(f"path {path}")

    def stopped(self, process: subprocess.Popen[bytes]) -> None:
        """``process``'s group was stopped: the watchdog is to leave it alone."""
        self._tell(f"done {process.pid}")

    def tail(self) -> str:
        """The end of what LibreOffice and the worker printed."""
        try:
            self.log.flush()
            return (self.path / LOG).read_text("utf-8", "replace").strip()[-300:]
        except OSError:
            return ""

    def said(self) -> str:
        """:meth:`tail` as the ``log`` field of a message: ``。它输出的信息：…``, or nothing."""
        tail = self.tail()
        return f"。它输出的信息：{tail}" if tail else ""

    def close(self) -> None:
        """Remove the folder and let the watchdog go."""
        self.log.close()
        shutil.rmtree(self.path, ignore_errors=True)
        if self._watchdog is not None:
            assert self._watchdog.stdin is not None
            try:
                self._watchdog.stdin.close()
            except OSError:
                pass
            try:
                self._watchdog.wait(10)
            except subprocess.TimeoutExpired:  # it goes on alone; it holds nothing of ours
                pass
            self._watchdog = None


def office_sockets(profile_url: str, pipe: str | None = None) -> list[Path]:
    """The sockets LibreOffice makes in /tmp (whatever ``TMPDIR`` says): one for its
    single-instance check, named after an MD5 of the profile URL in UTF-16 (bytes in hex
    without leading zeros), and one for the pipe it listens on, if any."""
    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()
    names = ["SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)]
    if pipe:
        names.append(pipe)
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [Path("/tmp") / f"OSL_PIPE_{uid}_{name}" for name in names]


def start_office(office: Office, workspace: Workspace, args: list[str],
                 pipe: str | None = None) -> subprocess.Popen[bytes]:
    """LibreOffice running headless with the workspace's profile and our fonts (listening on
    ``pipe`` if given), in a process group of its own that the watchdog knows of."""
    profile = (workspace.path / "profile").as_uri()
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()), SAL_USE_VCLPLUGIN="svp")
    listen = [f"--accept=pipe,name={pipe};urp;"] if pipe else []
    command = [str(office.soffice), f"-env:UserInstallation={profile}",
               "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
               "--nolockcheck", *listen, *args]
    try:
        process = subprocess.Popen(command, cwd=workspace.path, env=env, stdin=subprocess.DEVNULL,
                                   stdout=workspace.log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    except OSError as exc:
        raise OfficeError("O-OFFICE-START", program=office.soffice,
                          reason=_start_failure(exc)) from exc
    workspace.sockets = office_sockets(profile, pipe)
    workspace.watch(process, *workspace.sockets)
    return process


_START_FAILURES = {errno.ENOENT: "程序文件不存在", errno.EACCES: "没有运行它的权限",
                   errno.EPERM: "没有运行它的权限", errno.ENOEXEC: "不是这台电脑能运行的程序"}
"""Why a program could not be started, by the system's error number, in Chinese."""


def _start_failure(exc: OSError) -> str:
    """Why LibreOffice could not be started, in Chinese; the system's own words (English)
    only after an unusual error's number."""
    known = _START_FAILURES.get(exc.errno or 0)
    if known is not None:
        return known
    return f"系统错误 {exc.errno}（技术信息：{exc.strerror or exc}）"


def stop_office(process: subprocess.Popen[bytes], workspace: Workspace,
                grace: float = STOP_GRACE) -> None:
    """Stop LibreOffice (:func:`stop_group`) and remove its sockets."""
    stop_group(process, grace)
    workspace.stopped(process)
    for socket in workspace.sockets:
        socket.unlink(missing_ok=True)


def stop_group(process: subprocess.Popen[bytes], grace: float = STOP_GRACE) -> None:
    """Stop ``process`` and every process of its group: SIGTERM, then SIGKILL after ``grace``
    seconds (the group is killed even when its leader exited, leaving children behind)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:  # unkillable (uninterruptible sleep): nothing more to do
        pass
