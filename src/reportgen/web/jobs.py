"""Where the web page keeps what the clerk uploads and what reportgen makes from it.

One private temporary folder per server (mode 0700, made by :func:`tempfile.mkdtemp`), removed
when the server stops; inside it one folder per job — a check, a build, a merge — so that two
requests never share a file, however many run at once. The browser names jobs and files only by
random ids made here (:func:`secrets.token_urlsafe`): no path from the browser reaches the disk.

Long work (a build with LibreOffice) runs in a small pool of threads; the page polls the job's
state (:meth:`Job.status`) while it runs.
"""

from __future__ import annotations

import enum
import os
import secrets
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from attrs import define, field, frozen

from reportgen.errors import Problem

WORKERS = 2
"""Jobs run at the same time; more wait their turn (the machine's LibreOffice and cores)."""


class State(enum.Enum):
    """Where a job is."""

    RUNNING = "running"
    """Waiting for a worker or working."""
    DONE = "done"
    """Finished; its files are offered (a check that found errors is done too)."""
    FAILED = "failed"
    """Stopped by a problem; :attr:`Job.failure` says what, in the CLI's words."""


@frozen
class Download:
    """A file the clerk may download, known to the browser only by its id."""

    id: str
    """The random id in the address ``/files/ID``."""
    path: Path
    """Where it is, inside its job's folder."""
    name: str
    """The name the browser saves it under."""
    media_type: str
    """Its MIME type."""


@frozen
class Line:
    """One message shown on the page: what the command line prints, line for line."""

    level: str
    """``错误``, ``警告``, ``提示``, or ``''`` for a line of its own."""
    text: str
    """The located Chinese sentence (``Problem.__str__``), or what a command printed."""
    heading: bool = False
    """The line introduces the ones after it (``工作簿中有 2 处错误……``)."""


@define
class Job:
    """One piece of work asked for from the page, with its own folder."""

    id: str
    """The random id in the address."""
    kind: str
    """Which page made it: ``check``, ``build``, ``new`` or ``merge``."""
    folder: Path
    """Its private folder (mode 0700): uploads in ``in/``, results in ``out/``."""
    title: str
    """What it is about, for the page (the workbook's name)."""
    steps: tuple[str, ...] = ()
    """The stages shown by the progress indicator, in order."""
    step: int = 0
    """The index in :attr:`steps` of the stage being worked on."""
    state: State = State.RUNNING
    """Running, done or failed."""
    started: float = field(factory=time.monotonic)
    """When it was asked for (monotonic seconds)."""
    finished: float | None = None
    """When it ended."""
    problems: list[Problem] = field(factory=list)
    """Everything found (a check's findings, a build's warnings and notes)."""
    lines: list[Line] = field(factory=list)
    """Messages to show, as the command line words them."""
    failure: list[Line] = field(factory=list)
    """Why it stopped, when it failed: a heading, then every located problem."""
    downloads: dict[str, Download] = field(factory=dict)
    """What it made, by role (``docx``, ``pdf``, ``annotated``, ``text``, ``workbook``)."""
    pages: int = 0
    """The number of pages of its PDF (for the previews), 0 when there is none."""
    details: dict[str, Any] = field(factory=dict)
    """What its page needs besides (the options asked for, counts)."""
    lock: threading.Lock = field(factory=threading.Lock)
    """Guards :attr:`page_locks`."""
    page_locks: dict[int, threading.Lock] = field(factory=dict)
    """One lock per page preview: each picture is drawn once, different pages at once."""

    def page_lock(self, page: int) -> threading.Lock:
        """The lock held while the preview of ``page`` is drawn."""
        with self.lock:
            return self.page_locks.setdefault(page, threading.Lock())

    def advance(self, step: str) -> None:
        """Show ``step`` (one of :attr:`steps`) as the stage being worked on."""
        self.step = self.steps.index(step)

    def status(self) -> dict[str, Any]:
        """The state polled by the page while the job runs."""
        end = self.finished if self.finished is not None else time.monotonic()
        return {"state": self.state.value, "step": self.step, "steps": list(self.steps),
                "seconds": int(end - self.started)}

    @property
    def elapsed(self) -> float:
        """Seconds from the request to the end (or now)."""
        return (self.finished or time.monotonic()) - self.started


class Store:
    """The server's private folder, its jobs and the files they offer."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="reportgen-web-"))
        os.chmod(self.root, 0o700)
        self._jobs: dict[str, Job] = {}
        self._files: dict[str, Download] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reportgen-job")

    def new_job(self, kind: str, title: str = "", steps: tuple[str, ...] = ()) -> Job:
        """A job with a new private folder."""
        job_id = secrets.token_urlsafe(12)
        folder = self.root / job_id
        folder.mkdir(mode=0o700)
        job = Job(job_id, kind, folder, title, steps)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def job(self, job_id: str, kind: str | None = None) -> Job | None:
        """The job of that id (made by the page ``kind``, when given), or ``None``."""
        job = self._jobs.get(job_id)
        return job if job is not None and kind in (None, job.kind) else None

    def discard(self, job: Job) -> None:
        """Forget a job that never started (its upload was refused) and remove its folder."""
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def offer(self, job: Job, role: str, path: Path, name: str, media_type: str) -> Download:
        """Make ``path`` (inside the job's folder) downloadable under a new random id."""
        if not path.resolve().is_relative_to(job.folder.resolve()):
            raise ValueError(f"{path} is outside its job's folder")
        download = Download(secrets.token_urlsafe(16), path, name, media_type)
        with self._lock:
            self._files[download.id] = download
        job.downloads[role] = download
        return download

    def file(self, file_id: str) -> Download | None:
        """The downloadable file of that id, if it still exists."""
        download = self._files.get(file_id)
        return download if download is not None and download.path.is_file() else None

    def submit(self, job: Job, work: Callable[[Job], None],
               on_error: Callable[[Job, Exception], None]) -> Future[None]:
        """Run ``work(job)`` in the pool; the job ends done, or failed through ``on_error``."""
        def run() -> None:
            state = State.FAILED
            try:
                work(job)
                state = State.DONE
            except Exception as exc:  # reported on the page by on_error, never lost
                on_error(job, exc)
            finally:  # the state last: a page that sees it ended finds everything in place
                job.finished = time.monotonic()
                job.state = state
        return self._pool.submit(run)

    def close(self) -> None:
        """Stop taking work and remove the private folder with everything in it."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)
