"""One LibreOffice serving many documents: the table of contents' page numbers and the PDF.

An :class:`OfficeSession` starts LibreOffice (:mod:`reportgen.office.process`) when its first
request comes, keeps it for the next ones, and stops it when closed. LibreOffice is driven by
``uno_worker.py``, run by the Python that has LibreOffice's ``uno`` module (Debian:
``python3-uno``), which stays connected and takes one request at a time.

Every request has its own deadline (:data:`DEFAULT_TIMEOUT`), which also bounds LibreOffice's
start (:data:`DEFAULT_START_TIMEOUT`). A request that overruns it stops LibreOffice (the next
request starts a new one). A LibreOffice that crashes or is killed is started again: between
requests without further ado, during a request by starting it again and repeating the
request once. Without ``uno`` a PDF can still be made with ``--convert-to``
(:func:`convert_to_pdf`), but the table of contents cannot be filled; :func:`convert_document`
converts other formats the same way (an old .doc or .wps to .docx).
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from attrs import frozen

from reportgen.files import write_bytes
from reportgen.office import DEFAULT_START_TIMEOUT, DEFAULT_TIMEOUT
from reportgen.office.process import (LOG, STOP_GRACE, Office, OfficeError, Workspace,
                                      clean_python_env, find_office, fontconfig_file,
                                      start_office, stop_group, stop_office)

__all__ = ["DEFAULT_START_TIMEOUT", "DEFAULT_TIMEOUT", "Laid", "LOG", "Office", "OfficeError",
           "OfficeSession", "convert_document", "convert_to_pdf", "find_office", "fontconfig_file",
           "office_session"]

_WORKER = Path(__file__).with_name("uno_worker.py")
_FIND = object()


@frozen
class Laid:
    """What LibreOffice's layout of one document gave."""

    entries: tuple[tuple[int, str, str], ...] | None
    """The table of contents: (level, text, page) for each entry; ``None`` when not asked."""
    pages: int | None
    """The number of pages of the PDF written; ``None`` when no PDF was asked for or made."""
    pdf_error: str | None = None
    """Why the PDF asked for was not made (the entries were), in Chinese."""
    lists: tuple[tuple[tuple[int, str, str], ...], ...] = ()
    """The other tables of contents after the first (表目录, 图目录, 案例目录), in document
    order, each as (level, text, page) entries."""


class _Crashed(Exception):
    """LibreOffice (or its worker) died during the request."""


class _Running:
    """A started LibreOffice, its worker, and their workspace."""

    def __init__(self, office: Office, grace: float):
        assert office.uno_python is not None
        self.grace = grace
        self.workspace = Workspace(grace)
        self.pipe = f"reportgen-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self.office: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.ready = False
        """True once the worker said it is connected."""
        self._buffer = b""
        try:
            self.office = start_office(office, self.workspace, [], pipe=self.pipe)
            self.worker = subprocess.Popen(
                [str(office.uno_python), str(_WORKER), self.pipe], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=self.workspace.log, env=clean_python_env(),
                start_new_session=True)
            self.workspace.watch(self.worker)
        except BaseException:
            self.stop()
            raise

    def alive(self) -> bool:
        return (self.office is not None and self.office.poll() is None
                and self.worker is not None and self.worker.poll() is None)

    def exit_code(self) -> str:
        """The exit code of LibreOffice, or of the worker when LibreOffice still runs (the
        worker is what ended), as the clerk reads it: ``未知`` when neither has ended."""
        for process in (self.office, self.worker):
            code = process.poll() if process is not None else None
            if code is not None:
                return str(code)
        if self.worker is not None:
            try:  # its output closed: it is ending
                return str(self.worker.wait(timeout=1))
            except subprocess.TimeoutExpired:
                pass
        return "未知"

    def send(self, request: dict[str, Any]) -> None:
        assert self.worker is not None and self.worker.stdin is not None
        try:
            self.worker.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self.worker.stdin.flush()
        except OSError as exc:
            raise _Crashed() from exc

    def answer(self, until: float) -> dict[str, Any] | None:
        """The worker's next answer; ``None`` when ``until`` (monotonic) passed first."""
        assert self.worker is not None and self.worker.stdout is not None
        assert self.office is not None
        fd = self.worker.stdout.fileno()
        while b"\n" not in self._buffer:
            left = until - time.monotonic()
            if left <= 0:
                return None
            if self.office.poll() is not None:
                raise _Crashed()
            ready, _, _ = select.select([fd], [], [], min(left, 0.25))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _Crashed()
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            answer: dict[str, Any] = json.loads(line.decode("utf-8", "replace"))
        except json.JSONDecodeError:
            answer = {"error": line.decode("utf-8", "replace")[-300:], "stage": "other"}
        return answer

    def stop(self) -> None:
        """Stop the worker and LibreOffice; remove the workspace and LibreOffice's sockets."""
        if self.worker is not None:
            stop_group(self.worker, grace=1.0)
            for stream in (self.worker.stdin, self.worker.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:  # a request still buffered for a worker now gone
                        pass
            self.workspace.stopped(self.worker)
        if self.office is not None:
            stop_office(self.office, self.workspace, self.grace)
        self.workspace.close()


class OfficeSession:
    """One LibreOffice for many documents, started at the first request.

    Use it as a context manager (or call :meth:`close`) so that LibreOffice is stopped::

        with OfficeSession() as office:
            for workbook in workbooks:
                reportgen.generate(workbook, ..., office=office)

    ``office`` is the installation to use (found on ``PATH`` by default; ``None``: there is
    none, and delivery says so). ``timeout`` is the deadline of each request in seconds,
    ``start_timeout`` the time LibreOffice may take to start. :attr:`starts` counts the
    times LibreOffice was started. Requests from several threads are served one at a time.
    """

    def __init__(self, office: Office | None | object = _FIND, *,
                 timeout: float = DEFAULT_TIMEOUT, start_timeout: float = DEFAULT_START_TIMEOUT,
                 grace: float = STOP_GRACE):
        self._office = office
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.grace = grace
        self.starts = 0
        """How many times LibreOffice was started."""
        self._running: _Running | None = None
        self._lock = threading.RLock()

    def __enter__(self) -> OfficeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def office(self) -> Office | None:
        """The LibreOffice installation used (looked up on ``PATH`` when first needed)."""
        if self._office is _FIND:
            self._office = find_office()
        return self._office  # type: ignore[return-value]

    @property
    def pid(self) -> int | None:
        """The process id of the running LibreOffice (its process group), if one runs."""
        running = self._running
        return running.office.pid if running is not None and running.office else None

    @property
    def workspace(self) -> Path | None:
        """The temporary folder of the running LibreOffice (its profile), if one runs."""
        running = self._running
        return running.workspace.path if running is not None else None

    def close(self) -> None:
        """Stop LibreOffice, if it runs. The session can still be used: it starts again."""
        with self._lock:
            running, self._running = self._running, None
            if running is not None:
                running.stop()

    def layout(self, docx: Path, *, toc: bool = True, pdf: Path | None = None,
               timeout: float | None = None) -> Laid:
        """Lay out ``docx`` once: the entries of its table of contents (``toc``) and its PDF
        written to ``pdf`` (if given)."""
        answer = self.request(op="layout", docx=str(Path(docx).resolve()), toc=toc,
                              pdf=str(Path(pdf).resolve()) if pdf else None, timeout=timeout)
        entries = answer.get("entries")
        pdf_error = answer.get("pdf_error")
        return Laid(
            None if entries is None else tuple((int(e["level"]), str(e["text"]), str(e["page"]))
                                               for e in entries),
            answer.get("pages"),
            None if pdf_error is None else str(_failure({"stage": "pdf", "error": pdf_error})),
            tuple(tuple((int(e["level"]), str(e["text"]), str(e["page"])) for e in index)
                  for index in answer.get("indexes", [])[1:]))

    def request(self, *, timeout: float | None = None, **request: Any) -> dict[str, Any]:
        """Send one request to LibreOffice (see ``uno_worker.py``); its JSON answer.

        Raises :class:`OfficeError` (in Chinese) when LibreOffice is missing, cannot start,
        fails on the document, or does not answer within the deadline.
        """
        office = self.office
        if office is None:
            raise OfficeError("O-OFFICE-MISSING")
        if office.uno_python is None:
            raise OfficeError("O-OFFICE-NO-UNO")
        seconds = self.timeout if timeout is None else timeout
        until = time.monotonic() + seconds
        with self._lock:
            for attempt in (1, 2):
                try:
                    running = self._ready(until, seconds)
                    running.send(request)
                    answer = running.answer(until)
                except _Crashed:
                    self.close()
                    if attempt == 1 and time.monotonic() < until:
                        continue
                    raise OfficeError("O-OFFICE-CRASHED") from None
                except BaseException:  # an interrupt: LibreOffice's state is unknown
                    self.close()
                    raise
                if answer is None:
                    self.close()
                    raise OfficeError("O-OFFICE-TIMEOUT", seconds=seconds)
                if "error" not in answer:
                    return answer
                if answer.get("disconnected") or not running.alive():
                    self.close()
                    if attempt == 1 and time.monotonic() < until:
                        continue
                    raise OfficeError("O-OFFICE-CRASHED")
                raise _failure(answer)
        raise AssertionError("unreachable")

    def start(self) -> None:
        """Start LibreOffice now, if it is installed and not running, without waiting for
        it: the first request waits until it is ready (a batch starts it while it prepares
        the first report). A failure to start is left to that request to report."""
        office = self.office
        if office is None or office.uno_python is None:
            return
        with self._lock:
            if self._running is None:
                try:
                    self._launch(office)
                except (OfficeError, OSError):
                    self.close()

    def _launch(self, office: Office) -> _Running:
        running = _Running(office, self.grace)
        self.starts += 1
        self._running = running
        return running

    def _ready(self, until: float, seconds: float) -> _Running:
        """The running LibreOffice, started (again) if need be and connected."""
        if self._running is not None and not self._running.alive():
            self.close()
        running = self._running
        if running is None:
            office = self.office
            assert office is not None
            running = self._launch(office)
        if running.ready:
            return running
        start_until = min(until, time.monotonic() + self.start_timeout)
        try:
            answer = running.answer(start_until)
        except _Crashed:
            answer = {}
        if answer is None or not answer.get("ready"):
            said = running.workspace.said()
            code = running.exit_code()
            self.close()
            if answer is None and start_until < until:
                raise OfficeError("O-OFFICE-START-TIMEOUT", seconds=self.start_timeout, log=said)
            if answer is None:
                raise OfficeError("O-OFFICE-TIMEOUT", seconds=seconds)
            raise OfficeError("O-OFFICE-EXITED", returncode=code, log=said)
        running.ready = True
        return running


_FAILURES = {"open": "O-OFFICE-OPEN-FAILED", "toc": "O-OFFICE-TOC-FAILED",
             "pdf": "O-OFFICE-PDF-WRITE"}
"""The error of a worker's failure by the stage it failed at (anything else: O-OFFICE-FAILED)."""


def _failure(answer: dict[str, Any]) -> OfficeError:
    """A worker's failure, told in Chinese (LibreOffice's own words follow, for maintainers)."""
    detail = str(answer.get("error", "")).strip()[-200:] or "无"
    return OfficeError(_FAILURES.get(str(answer.get("stage")), "O-OFFICE-FAILED"), detail=detail)


@contextmanager
def office_session(office: Office, timeout: float = DEFAULT_TIMEOUT) -> Iterator[OfficeSession]:
    """A session for the duration of the block (kept for callers of earlier versions)."""
    with OfficeSession(office, timeout=timeout) as session:
        yield session


def convert_to_pdf(office: Office, docx: Path, pdf: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
    """``docx`` as a PDF at ``pdf`` by ``soffice --convert-to`` (no ``uno`` needed)."""
    convert_document(office, docx, pdf, converter="pdf:writer_pdf_Export", timeout=timeout)


def convert_document(office: Office, source: Path, target: Path, *,
                     converter: str = "docx:MS Word 2007 XML",
                     timeout: float = DEFAULT_TIMEOUT) -> None:
    """``source`` converted by ``soffice --convert-to CONVERTER`` and written to ``target``
    (by default an old .doc, .wps, .rtf or .odt as a .docx; no ``uno`` needed).

    LibreOffice runs in a workspace of its own (stopped and removed at the end, even on an
    interrupt) under the deadline ``timeout``; ``target`` is written by :mod:`reportgen.files`.
    """
    source = source.resolve()
    extension = converter.split(":", 1)[0]
    workspace = Workspace()
    out = workspace.path / "out"
    try:
        process = start_office(office, workspace, ["--convert-to", converter,
                                                   "--outdir", str(out), str(source)])
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise OfficeError("O-OFFICE-TIMEOUT", seconds=timeout) from None
        finally:
            stop_office(process, workspace)
        produced = out / f"{source.stem}.{extension}"
        if not produced.is_file():
            if extension == "pdf":
                raise OfficeError("O-PDF-NOT-WRITTEN", returncode=process.returncode,
                                  log=workspace.said())
            raise OfficeError("O-CONVERT-NOT-WRITTEN", extension=extension,
                              returncode=process.returncode, log=workspace.said())
        write_bytes(target, produced.read_bytes())
    finally:
        workspace.close()
