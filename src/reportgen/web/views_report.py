"""检查 and 生成: a filled workbook checked (its findings as a table, the marked copy to
download), or built into the report.

检查 does what ``reportgen check WORKBOOK --annotate 标注.xlsx`` does, on a page: the findings
with their severity, rule, sentence, place and the other place compared; the annotated copy and
the command line's text to download (a check takes a second or two, so the page waits for it).

生成 builds the report; a progress indicator while it runs; previews of its pages as pictures;
the .docx and the PDF to download. A build is a background job
(:class:`~reportgen.web.jobs.Store`): the page asks for it, is sent to the job's own page at
once, and polls ``/status/ID`` until it ends. Each build has its own folder, so builds asked for
at the same time never mix their files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from reportgen.errors import Problem, Problems, ReportgenError, Severity
from reportgen.web import actions
from reportgen.web.html import (failure_of, find_job, form_page, lines, not_found, receive,
                                render, store)
from reportgen.web.jobs import Job, State
from reportgen.web.uploads import Form, Upload

RENDER = "读取、检查工作簿，排版"
TOC = "LibreOffice 填写目录页码"
PDF = "LibreOffice 生成 PDF"
TOC_PDF = "LibreOffice 填写目录页码、生成 PDF"
PREVIEW = "准备页面预览"


Start = Callable[[Request, Job, Form, Upload], Awaitable[None]]
"""What a page does with its job, the form and the workbook sent."""


def _workbook_submit(kind: str, what: str, max_files: int, start: Start
                     ) -> Callable[[Request], Awaitable[Response]]:
    """The view taking the form of the page ``kind``: a job named after the workbook sent (or
    the page again when there is none: ``what`` names what it asks for), started by ``start``;
    then the job's page."""
    async def view(request: Request) -> Response:
        received = await receive(request, kind, lambda form: form.first_of("workbook", what),
                                 max_files=max_files)
        if not isinstance(received, tuple):
            return received
        job, form, workbook = received
        job.title = workbook.name
        await start(request, job, form, workbook)
        return RedirectResponse(f"/{kind}/{job.id}", status_code=303)
    return view


# -- 检查 --


check_form = form_page("check")
"""The upload form."""


async def _start_check(request: Request, job: Job, form: Form, workbook: Upload) -> None:
    """Check the workbook now (it takes a second or two), then show the findings."""
    await run_in_threadpool(_check, job, workbook.path, request)


check_submit = _workbook_submit("check", "要检查的工作簿（.xlsx）", 1, _start_check)
"""Take the workbook, check it and show the findings."""


def _check(job: Job, workbook: Path, request: Request) -> None:
    jobs = store(request)
    out = job.folder / "out"
    out.mkdir(mode=0o700)
    try:
        problems = actions.check(workbook)
    except ReportgenError as exc:  # the file could not be opened at all
        job.failure = failure_of(exc, "检查结果", request.app.state.settings.debug,
                                 job.folder)
        job.state = State.FAILED
        return
    job.problems = problems
    stem = workbook.stem
    text = out / f"{stem}-检查结果.txt"
    text.write_text(actions.check_text(workbook, problems), encoding="utf-8")
    jobs.offer(job, "text", text, text.name, actions.TEXT)
    if problems and not actions.unreadable(problems):
        marked = out / f"{stem}-标注.xlsx"
        job.details["marked"] = actions.annotate_copy(workbook, marked, problems)
        jobs.offer(job, "annotated", marked, marked.name, actions.XLSX)
    job.state = State.DONE


async def check_result(request: Request) -> Response:
    """The findings of one check."""
    job = find_job(request, "check")
    if job is None:
        return not_found(request)
    problems = job.problems
    counts = {s.value: sum(1 for p in problems if p.severity is s) for s in actions.SEVERITY_ORDER}
    return render(request, "check_result.html", active="check", job=job, counts=counts,
                  rows=[_row(n, p) for n, p in enumerate(problems, 1)],
                  unreadable=actions.unreadable(problems),
                  sentences=[str(p) for p in problems])


def _row(number: int, problem: Problem) -> dict[str, str | int]:
    """One finding as the table shows it."""
    return {
        "number": number,
        "level": problem.severity.value,
        "rule": problem.rule or "",
        "code": problem.code or "",
        "message": problem.message,
        "hint": problem.hint or "",
        "where": str(problem.where) if problem.where is not None else "",
        "found": problem.found or "",
        "related": str(problem.related) if problem.related is not None else "",
        "expected": problem.expected or "",
    }


# -- 生成 --


build_form = form_page("build")
"""The upload form with the command line's options."""


async def _start_build(request: Request, job: Job, form: Form, workbook: Upload) -> None:
    """Start the build in the background (with the template, if one was sent)."""
    jobs = store(request)
    templates = form.files_of("template")
    pdf, toc = form.flag("pdf"), form.flag("toc")
    office = TOC_PDF if (pdf and toc) else PDF if pdf else TOC if toc else ""
    job.steps = tuple(s for s in (RENDER, office, PREVIEW if pdf else "") if s)
    job.details.update(pdf=pdf, toc=toc, template=templates[0].name if templates else "")
    debug = request.app.state.settings.debug
    jobs.submit(job, lambda j: _build(j, workbook.path,
                                      templates[0].path if templates else None, pdf, toc, request),
                lambda j, exc: j.failure.extend(failure_of(exc, "报告", debug, j.folder)))


build_submit = _workbook_submit("build", "要生成报告的工作簿（.xlsx）", 2, _start_build)
"""Take the workbook (and a template, if given), start the build, show its page."""


def _build(job: Job, workbook: Path, template: Path | None, pdf: bool, toc: bool,
           request: Request) -> None:
    jobs = store(request)
    problems = Problems()
    job.details["collected"] = problems
    out = job.folder / "out"
    out.mkdir(mode=0o700)
    target = out / f"{workbook.stem}.docx"
    actions.write_docx(workbook, target, template, problems)
    jobs.offer(job, "docx", target, target.name, actions.DOCX)
    if len(job.steps) > 1:
        job.step = 1
        delivered = actions.deliver(target, pdf=pdf, toc=toc, problems=problems)
        if delivered.pdf is not None:
            jobs.offer(job, "pdf", delivered.pdf, delivered.pdf.name, actions.PDF)
            job.advance(PREVIEW)
            job.pages = actions.pdf_pages(delivered.pdf)


async def build_result(request: Request) -> Response:
    """The build's page: progress while it runs, then messages, downloads and previews."""
    job = find_job(request, "build")
    if job is None:
        return not_found(request)
    collected: Problems = job.details.get("collected", Problems())
    shown = [p for p in collected.items if p.severity is not Severity.ERROR]
    findings = {s.value: sum(1 for p in shown if p.rule and p.severity is s)
                for s in actions.SEVERITY_ORDER}
    notes = [line for p in shown for line in lines([str(p)], p.severity.value)]
    return render(request, "build_result.html", active="build", job=job, notes=notes,
                  findings={k: n for k, n in findings.items() if n})


async def build_page(request: Request) -> Response:
    """The picture of one page of the build's PDF, drawn the first time it is asked for."""
    job = find_job(request, "build")
    page = request.path_params["page"]
    pdf = job.downloads.get("pdf") if job is not None else None
    if job is None or pdf is None or not 1 <= page <= job.pages:
        return not_found(request)
    dpi = request.app.state.settings.preview_dpi

    def draw() -> Path:
        with job.page_lock(page):
            return actions.preview(pdf.path, page, job.folder / "pages", dpi)

    picture = await run_in_threadpool(draw)
    return FileResponse(picture, media_type="image/png")
