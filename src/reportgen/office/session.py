"""LibreOffice, headless: the page numbers of the table of contents, and the PDF.

Each run starts its own LibreOffice with a fresh temporary profile (so that parallel runs, or
a LibreOffice the clerk has open, do not collide), with the packaged ``fontconfig.conf`` that
maps the official fonts to free ones (see docs/fonts.md), and stops it at the end. Everything
runs under one deadline. LibreOffice is driven through ``uno_worker.py``, run by the Python that
has LibreOffice's ``uno`` module (Debian: ``python3-uno``); without that module a PDF can still
be made with ``--convert-to``, but the table of contents cannot be filled.

Only this module starts LibreOffice; :func:`finish` is what the pipeline calls.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from attrs import frozen

from reportgen.errors import ReportgenError

DEFAULT_TIMEOUT = 180.0
"""Seconds one run may take, LibreOffice's start included (the 2024 report needs about 5)."""

_SOFFICE_NAMES = ("soffice", "libreoffice")
_WORKER = Path(__file__).with_name("uno_worker.py")
_LOG = "soffice.log"


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
                                   timeout=30, env=_clean_python_env())
        except (OSError, subprocess.TimeoutExpired):
            continue
        if check.returncode == 0:
            return candidate
    return None


def fontconfig_file() -> Path:
    """The packaged fontconfig file mapping the official fonts to installed free fonts."""
    return Path(str(resources.files("reportgen").joinpath("data", "fontconfig.conf")))


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.seconds = seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise OfficeError("O-OFFICE-TIMEOUT", seconds=self.seconds)
        return left


def _clean_python_env() -> dict[str, str]:
    """The environment for another Python: without our virtual environment's settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return env


@contextmanager
def _office_process(office: Office, deadline: _Deadline,
                    args: list[str]) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """LibreOffice running headless with its own profile and our fonts; stopped at the end."""
    workdir = Path(tempfile.mkdtemp(prefix="reportgen-office-"))
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()), SAL_USE_VCLPLUGIN="svp")
    command = [str(office.soffice), f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
               "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
               "--nolockcheck", *args]
    try:
        with open(workdir / _LOG, "wb") as log:
            process = subprocess.Popen(command, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                                       stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
    except OSError as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        raise OfficeError("O-OFFICE-START", program=office.soffice, reason=exc) from exc
    try:
        yield process, workdir
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and every process it started (its own process group)."""
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
    else:  # the launcher may have exited and left soffice.bin running in the group
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class OfficeSession:
    """One running LibreOffice, driven by requests to ``uno_worker.py``."""

    def __init__(self, office: Office, process: subprocess.Popen[bytes], workdir: Path,
                 pipe: str, deadline: _Deadline):
        self._office, self._process, self._workdir = office, process, workdir
        self._pipe, self._deadline = pipe, deadline

    def request(self, **request: Any) -> dict[str, Any]:
        """Send one request to LibreOffice; its JSON answer."""
        assert self._office.uno_python is not None
        worker = subprocess.Popen(
            [str(self._office.uno_python), str(_WORKER), self._pipe, json.dumps(request)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_clean_python_env(),
            start_new_session=True)
        try:
            while worker.poll() is None:
                if self._process.poll() is not None:  # it should listen until stopped
                    raise OfficeError("O-OFFICE-EXITED", returncode=self._process.returncode,
                                      log=_tail(self._workdir))
                self._deadline.left()
                time.sleep(0.05)
        finally:
            if worker.poll() is None:
                worker.kill()
            out, err = worker.communicate()
        try:
            answer: dict[str, Any] = json.loads(out.decode("utf-8", "replace").strip() or "{}")
        except json.JSONDecodeError:
            answer = {"error": out.decode("utf-8", "replace")[-300:]}
        if worker.returncode != 0 or "error" in answer:
            detail = answer.get("error") or err.decode("utf-8", "replace").strip()[-300:]
            raise OfficeError("O-OFFICE-FAILED", detail=detail)
        return answer


@contextmanager
def office_session(office: Office, timeout: float = DEFAULT_TIMEOUT) -> Iterator[OfficeSession]:
    """A LibreOffice listening on a pipe of its own for the duration of the block."""
    if office.uno_python is None:
        raise OfficeError("O-OFFICE-NO-UNO")
    deadline = _Deadline(timeout)
    pipe = f"reportgen-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    with _office_process(office, deadline, [f"--accept=pipe,name={pipe};urp;"]) as (process, workdir):
        yield OfficeSession(office, process, workdir, pipe, deadline)


def convert_to_pdf(office: Office, docx: Path, pdf: Path,
                   timeout: float = DEFAULT_TIMEOUT) -> None:
    """``docx`` as a PDF at ``pdf`` by ``soffice --convert-to`` (no ``uno`` needed)."""
    deadline = _Deadline(timeout)
    source = docx.resolve()
    args = ["--convert-to", "pdf:writer_pdf_Export", str(source)]
    with _office_process(office, deadline, args) as (process, workdir):
        try:
            process.wait(deadline.left())
        except subprocess.TimeoutExpired:
            raise OfficeError("O-OFFICE-TIMEOUT", seconds=timeout) from None
        produced = workdir / f"{source.stem}.pdf"  # --convert-to writes into the working folder
        if not produced.is_file():
            raise OfficeError("O-PDF-NOT-WRITTEN", returncode=process.returncode,
                              log=_tail(workdir))
        shutil.move(str(produced), str(pdf))


def convert_document(office: Office, source: Path, target: Path, *,
                     converter: str = "docx:MS Word 2007 XML",
                     timeout: float = DEFAULT_TIMEOUT) -> None:
    """``source`` converted by ``soffice --convert-to CONVERTER`` and moved to ``target``
    (by default an old .doc, .wps, .rtf or .odt as a .docx; no ``uno`` needed)."""
    deadline = _Deadline(timeout)
    source = source.resolve()
    extension = converter.split(":", 1)[0]
    with _office_process(office, deadline, ["--convert-to", converter, str(source)]) \
            as (process, workdir):
        try:
            process.wait(deadline.left())
        except subprocess.TimeoutExpired:
            raise OfficeError("O-OFFICE-TIMEOUT", seconds=timeout) from None
        produced = workdir / f"{source.stem}.{extension}"
        if not produced.is_file():
            raise OfficeError("O-CONVERT-NOT-WRITTEN", extension=extension,
                              returncode=process.returncode, log=_tail(workdir))
        shutil.move(str(produced), str(target))


def _tail(workdir: Path) -> str:
    """The end of what LibreOffice printed, to quote in a message."""
    try:
        text = (workdir / _LOG).read_text("utf-8", "replace").strip()
    except OSError:
        return ""
    return f"：{text[-300:]}" if text else ""
