"""Many reports in one run: one report (and PDF) per workbook, into one folder.

:func:`build_many` builds every workbook of a list with :func:`reportgen.pipeline.generate`,
each report (``甲校.docx``, and ``甲校.pdf`` with ``pdf``) into ``out_dir``. A workbook whose
data has errors, or that fails in any other way, is recorded with its problems and the others
go on. One LibreOffice session (:class:`~reportgen.office.session.OfficeSession`) serves every
report of a worker: started once, it lays out each document once, giving its table of contents'
page numbers and its PDF; while it lays out one report, a helper thread prepares the next
(reads, checks and renders it — Python's part costs no time then). With ``jobs`` above 1 the
workbooks are shared among that many worker processes (spawned, so the same on every system),
each holding its own LibreOffice.

:func:`find_workbooks` turns the command's inputs (workbooks and folders) into the list of
workbooks; :func:`plan` names each one's report and refuses two reports of the same name.
"""

from __future__ import annotations

import enum
import os
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from attrs import frozen

from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity, UsageError
from reportgen.office.session import DEFAULT_TIMEOUT, OfficeError, OfficeSession
from reportgen.office.workers import Message, run_workers, serve
from reportgen.delivery import deliver, pdf_path
from reportgen.files import os_reason
from reportgen.pipeline import prepare

__all__ = ["Batch", "Job", "Options", "Outcome", "Status", "build_many", "find_workbooks", "plan"]

WORKBOOK_SUFFIX = ".xlsx"


class Status(enum.Enum):
    """How one workbook's build ended (the words of the summary table)."""

    BUILT = "已生成"
    """The report (and the PDF, if asked) is in place."""
    NO_PDF = "已生成，PDF 未生成"
    """The report is in place; the PDF asked for could not be made."""
    FAILED = "未生成"
    """No report: the workbook has errors, or the file could not be read or written."""
    INTERNAL = "程序内部错误"
    """No report: a bug (the details are in :attr:`Outcome.details`)."""


@frozen
class Job:
    """One report to build."""

    workbook: Path
    """The workbook it is built from."""
    report: Path
    """Where the report goes (its PDF beside it)."""


@frozen
class Options:
    """How every report of a batch is built."""

    pdf: bool = False
    """Write each report's PDF beside it."""
    toc: bool = True
    """Fill each report's table of contents with page numbers (needs LibreOffice)."""
    template: Path | None = None
    """The Word template; ``None``: the built-in one."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds LibreOffice may take for one report."""
    catalog_year: int | None = None
    """Read every workbook against this year's catalog instead of its own 报告年份."""


@frozen
class Outcome:
    """How one workbook's build ended."""

    job: Job
    """The workbook and its report."""
    status: Status
    """Built, built without its PDF, failed, or failed by a bug."""
    problems: tuple[Problem, ...] = ()
    """Everything found in the workbook: errors (when it failed), warnings and notes."""
    failure: str | None = None
    """Why there is no report (or no PDF), in Chinese, when it is not the workbook's data
    (a file that cannot be opened or written, LibreOffice failing)."""
    failure_code: str | None = None
    """The stable code of :attr:`failure` (``O-PDF-FAILED``), when it has one."""
    details: str | None = None
    """The traceback of an internal error, for maintainers (shown with ``--debug``)."""
    pdf: Path | None = None
    """The PDF written beside the report, when one was asked for and made."""
    seconds: float = 0.0
    """How long the build took."""

    @property
    def built(self) -> bool:
        """The report is in place."""
        return self.status in (Status.BUILT, Status.NO_PDF)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stopped the report."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings (the report was still made)."""
        return [p for p in self.problems if p.severity is Severity.WARNING]


@frozen
class Batch:
    """What a batch did."""

    outcomes: tuple[Outcome, ...]
    """One per workbook, in the order given."""
    office_starts: int = 0
    """How many times LibreOffice was started, over all workers."""
    seconds: float = 0.0
    """How long the whole batch took."""

    @property
    def failed(self) -> tuple[Outcome, ...]:
        """The outcomes without a report."""
        return tuple(o for o in self.outcomes if not o.built)


Started = Callable[[Job], None]
"""Called when a workbook's build begins (in the calling process)."""
Finished = Callable[[Outcome], None]
"""Called when a workbook's build ended (in the calling process)."""


def find_workbooks(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The workbooks named by ``inputs``: a file is taken as it is (whatever its name; reading
    it says what it is), a folder gives every ``.xlsx`` in it (not in its sub-folders) except
    the lock files Excel and WPS leave (``~$甲校.xlsx``) and hidden files. The same workbook
    named twice is built once.

    Raises :class:`UsageError` for an input that does not exist or a folder without workbooks.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir()
                            if p.suffix.lower() == WORKBOOK_SUFFIX and p.is_file()
                            and not p.name.startswith(("~$", ".")))
            if not inside:
                raise UsageError("U-BATCH-EMPTY-FOLDER", folder=path)
            candidates = inside
        elif path.exists():
            candidates = [path]
        else:
            raise UsageError("U-BATCH-INPUT-MISSING", path=path)
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def plan(workbooks: Sequence[Path], out_dir: Path) -> list[Job]:
    """Each workbook's report: ``out_dir/<workbook name>.docx``.

    Raises :class:`UsageError` when ``out_dir`` is a file, or two workbooks (from different
    folders) would give reports of the same name.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("U-BATCH-OUT-DIR-FILE", path=out_dir)
    jobs: list[Job] = []
    seen: dict[str, Path] = {}
    for workbook in workbooks:
        name = workbook.with_suffix(".docx").name
        first = seen.setdefault(name.casefold(), workbook)
        if first is not workbook:
            raise UsageError("U-BATCH-SAME-NAME", first=first, path=workbook, name=name)
        jobs.append(Job(workbook, out_dir / name))
    return jobs


def build_many(workbooks: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
               pdf: bool = False, toc: bool = True,
               template: str | os.PathLike[str] | None = None,
               timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
               catalog_year: int | None = None,
               office: OfficeSession | None = None,
               started: Started | None = None, finished: Finished | None = None) -> Batch:
    """Build one report per workbook into ``out_dir`` (created if need be); every workbook is
    tried, whatever happens to the others.

    ``jobs`` worker processes share the workbooks, each with its own LibreOffice; with one job
    the reports are built in this process, with ``office`` if given (its LibreOffice is then
    left running). ``catalog_year`` is as for :func:`reportgen.pipeline.generate`. ``started`` and ``finished`` are told of each workbook, for a progress bar.
    Raises :class:`UsageError` only for the batch as a whole (see :func:`plan`); an interrupt
    stops every worker (each report being built is left as it was) and is raised again.
    """
    if jobs < 1:
        raise UsageError("U-BATCH-JOBS", value=jobs)
    folder = Path(out_dir)
    planned = plan([Path(w) for w in workbooks], folder)
    options = Options(pdf=pdf, toc=toc, template=None if template is None else Path(template),
                      timeout=timeout, catalog_year=catalog_year)
    if options.template is not None and not options.template.is_file():
        raise UsageError("U-TEMPLATE-MISSING", path=options.template)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("U-BATCH-OUT-DIR-FAILED", folder=folder,
                         reason=os_reason(exc)) from exc
    began = time.monotonic()
    if jobs == 1 or len(planned) <= 1:
        outcomes, starts = _in_process(planned, options, office, started, finished)
    else:
        outcomes, starts = _in_workers(planned, options, min(jobs, len(planned)), started, finished)
    return Batch(tuple(outcomes), starts, time.monotonic() - began)


def build_one(job: Job, options: Options, office: OfficeSession) -> Outcome:
    """Build one report with ``office``; whatever goes wrong is the outcome, never raised
    (an interrupt excepted)."""
    building = _Building(job, options)
    building.prepare()
    return building.deliver(office)


class _Building:
    """One report on its way: prepared (read, checked, rendered: nothing written), then
    delivered (LibreOffice, files in place). Whatever goes wrong ends it with an outcome."""

    def __init__(self, job: Job, options: Options):
        self.job = job
        self.options = options
        self.problems = Problems()
        self.began = time.monotonic()
        self.target: Path | None = None
        self.data: bytes | None = None
        self.outcome: Outcome | None = None

    def prepare(self) -> None:
        """Read, check and render (in a helper thread while the report before is laid out)."""
        options = self.options
        with self._outcomes():
            self.target, self.data = prepare(
                self.job.workbook, self.job.report, template=options.template,
                problems=self.problems, pdf=options.pdf, catalog_year=options.catalog_year)

    def deliver(self, office: OfficeSession) -> Outcome:
        """Lay the prepared report out and put it (and its PDF) in place; the outcome."""
        if self.outcome is None and self.target is not None and self.data is not None:
            with self._outcomes():
                deliver(self.data, self.target, pdf=self.options.pdf, toc=self.options.toc,
                        problems=self.problems, office=office)
                self.outcome = self._ended(
                    Status.BUILT, pdf=pdf_path(self.job.report) if self.options.pdf else None)
        assert self.outcome is not None
        return self.outcome

    @contextmanager
    def _outcomes(self) -> Iterator[None]:
        try:
            yield
        except DataError as exc:
            self.outcome = self._ended(Status.FAILED, exc.problems)
        except OfficeError as exc:  # raised once the report is in place: only the PDF is missing
            self.outcome = self._ended(Status.NO_PDF, failure=str(exc), failure_code=exc.code)
        except ReportgenError as exc:
            self.outcome = self._ended(Status.FAILED, failure=str(exc), failure_code=exc.code)
        except Exception as exc:  # a bug: this workbook fails, the others go on
            self.outcome = self._ended(Status.INTERNAL, failure=f"{type(exc).__name__}: {exc}",
                                       details=traceback.format_exc())

    def _ended(self, status: Status, found: Iterable[Problem] | None = None,
               **more: Any) -> Outcome:
        return Outcome(self.job, status, tuple(self.problems.items if found is None else found),
                       seconds=time.monotonic() - self.began, **more)


def _in_process(planned: list[Job], options: Options, office: OfficeSession | None,
                started: Started | None, finished: Finished | None) -> tuple[list[Outcome], int]:
    """Build in this process, one report after the other — except that the next report is
    prepared in a helper thread while LibreOffice lays out the current one (it waits on a
    pipe, so Python's work of the next report costs no time)."""
    session = office if office is not None else OfficeSession(timeout=options.timeout)
    before = session.starts
    outcomes = []
    buildings = [_Building(job, options) for job in planned]
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportgen-prepare")
    try:
        ahead = pool.submit(buildings[0].prepare) if buildings else None
        if buildings and (options.toc or options.pdf):
            session.start()  # LibreOffice starts while the first report is prepared
        for i, building in enumerate(buildings):
            if started is not None:
                started(building.job)
            assert ahead is not None
            ahead.result()
            ahead = pool.submit(buildings[i + 1].prepare) if i + 1 < len(buildings) else None
            outcome = building.deliver(session)
            outcomes.append(outcome)
            if finished is not None:
                finished(outcome)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a report being prepared writes nothing
        if office is None:
            session.close()
    return outcomes, session.starts - before


def _in_workers(planned: list[Job], options: Options, count: int, started: Started | None,
                finished: Finished | None) -> tuple[list[Outcome], int]:
    """Build in ``count`` worker processes; the outcomes in the order of ``planned``."""
    collector = _Collector(planned, started, finished)
    run_workers(_work, (options,), planned, count, collector.take, collector.died)
    return collector.ordered(), collector.starts


class _Collector:
    """The parent's side of the workers' messages: what each builds, and the outcomes."""

    def __init__(self, planned: list[Job], started: Started | None, finished: Finished | None):
        self.planned = planned
        self.started = started
        self.finished = finished
        self.outcomes: dict[int, Outcome] = {}
        self.building: dict[int, int] = {}
        """The index of the job each worker is building, by worker id."""
        self.starts = 0

    def take(self, message: Message) -> None:
        kind, wid, payload = message
        if kind == "start":
            self.building[wid] = payload
            if self.started is not None:
                self.started(self.planned[payload])
        elif kind == "done":
            index, outcome = payload
            self.building.pop(wid, None)
            self.record(index, outcome)
        else:  # "exit", with the number of times its LibreOffice was started
            self.starts += payload

    def record(self, index: int, outcome: Outcome) -> None:
        self.outcomes[index] = outcome
        if self.finished is not None:
            self.finished(outcome)

    def died(self, wid: int, exitcode: int | None) -> None:
        """A worker ended without saying so: the report it was building is lost."""
        index = self.building.pop(wid, None)
        if index is not None:
            self.record(index, _lost(self.planned[index], exitcode))

    def ordered(self) -> list[Outcome]:
        """Every outcome in the order planned; a job no worker took (all died) is lost."""
        for index, job in enumerate(self.planned):
            if index not in self.outcomes:
                self.record(index, _lost(job, None))
        return [self.outcomes[i] for i in range(len(self.planned))]


def _lost(job: Job, exitcode: int | None) -> Outcome:
    error = UsageError("U-BATCH-WORKER-DIED", returncode="未知" if exitcode is None else exitcode)
    return Outcome(job, Status.INTERNAL, failure=str(error), failure_code=error.code)


def _work(wid: int, tasks: Any, results: Any, options: Options) -> None:
    """A worker process: build the jobs it takes with one LibreOffice; its ``exit`` message
    says how many times that LibreOffice was started."""
    session = OfficeSession(timeout=options.timeout)
    if options.toc or options.pdf:
        session.start()  # starting while the first report is prepared

    def finish() -> int:
        session.close()
        return session.starts

    serve(wid, tasks, results, lambda job: build_one(job, options, session), finish)
