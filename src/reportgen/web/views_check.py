"""检查: upload a workbook, read its findings as a table, download the marked copy.

What ``reportgen check WORKBOOK --annotate 标注.xlsx`` does, on a page: the findings with their
severity, rule, sentence, place and the other place compared; the annotated copy and the
command line's text to download.
"""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen.errors import Problem, ReportgenError
from reportgen.web import actions
from reportgen.web.html import failure_of, find_job, not_found, render, sentence, store
from reportgen.web.jobs import Job, State
from reportgen.web.uploads import UploadRefused, read_form


async def check_form(request: Request) -> Response:
    """The upload form."""
    return render(request, "check.html", active="check")


async def check_submit(request: Request) -> Response:
    """Take the workbook, check it and show the findings (a check takes a second or two)."""
    jobs = store(request)
    job = jobs.new_job("check")
    try:
        form = await read_form(request, job.folder, max_bytes=request.app.state.settings.max_upload,
                               max_files=1)
        uploads = form.files_of("workbook")
        if not uploads:
            raise UploadRefused("U-WEB-FILE-MISSING", what="要检查的工作簿（.xlsx）")
    except UploadRefused as exc:
        jobs.discard(job)
        return render(request, "check.html", exc.status, active="check", error=sentence(exc))
    job.title = uploads[0].name
    await run_in_threadpool(_check, job, uploads[0].path, request)
    return RedirectResponse(f"/check/{job.id}", status_code=303)


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
