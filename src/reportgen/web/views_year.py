"""新建 and 汇总: the year's first steps — a workbook to fill (blank, from last year's workbook,
or from last year's Word report), and the district's workbook added up from the schools'.

Each form calls one slot of :mod:`reportgen.web.actions`; a slot whose library function is not
installed yet answers “此功能尚未安装” on the page. Work runs as a background job with its own
folder and page, like a build.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen.errors import Problem, Problems, Severity
from reportgen.web import actions
from reportgen.web.html import failure_of, find_job, lines, not_found, render, store
from reportgen.web.jobs import Job, Line
from reportgen.web.uploads import Form, UploadRefused, read_form

MERGED_NAME = "区县汇总.xlsx"
"""The name of the district's workbook offered by 汇总."""

Work = Callable[[Form, Path, Problems], Path]
"""A slot's call: the form, the workbook to write, the collector of notes → the path written."""


def this_year() -> int:
    """The year a blank workbook is made for unless the clerk chooses another."""
    return datetime.date.today().year


async def new_form(request: Request) -> Response:
    """The three ways to start a year's workbook."""
    return render(request, "new.html", active="new", year=this_year())


async def merge_form(request: Request) -> Response:
    """The upload form for the schools' workbooks."""
    return render(request, "merge.html", active="merge")


def _year(form: Form) -> int | None:
    text = form.fields.get("year", "").strip()
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise UploadRefused(f"年份“{text}”不对。请填写四位数的年份，例如 {this_year()}。")
    return int(text)


def _one(form: Form, field: str, what: str) -> Path:
    uploads = form.files_of(field)
    if not uploads:
        raise UploadRefused(f"请先选择{what}。")
    return uploads[0].path


def _blank(form: Form, target: Path, problems: Problems) -> Path:
    return actions.blank_workbook(target, _year(form) or this_year(), problems)


def _from_workbook(form: Form, target: Path, problems: Problems) -> Path:
    source = _one(form, "workbook", "上年的工作簿（.xlsx）")
    return actions.workbook_from_last_year(source, target, _year(form), problems)


def _from_report(form: Form, target: Path, problems: Problems) -> Path:
    return actions.import_report(_one(form, "report", "上年的 Word 报告（.docx）"), target, problems)


def _merge(form: Form, target: Path, problems: Problems) -> Path:
    schools = form.files_of("schools")
    if not schools:
        raise UploadRefused("请先选择各学校的工作簿（可一次选择多个 .xlsx 文件）。")
    return actions.merge_workbooks([u.path for u in schools], target, problems)


NEW_SLOTS: dict[str, tuple[str, Work]] = {
    "blank": ("blank", _blank),
    "from-workbook": ("from_workbook", _from_workbook),
    "from-report": ("from_report", _from_report),
}
"""新建's forms by the last part of their address: the feature slot and its call."""


async def new_submit(request: Request) -> Response:
    """Make a workbook the way the form asks."""
    slot, work = NEW_SLOTS.get(request.path_params["how"], ("", _blank))
    if not slot:
        return not_found(request)
    return await _start(request, "new", slot, work)


async def merge_submit(request: Request) -> Response:
    """Add up the schools' workbooks."""
    return await _start(request, "merge", "merge", _merge)


async def _start(request: Request, kind: str, slot: str, work: Work) -> Response:
    page = "new.html" if kind == "new" else "merge.html"
    feature = actions.FEATURES[slot]
    if not feature.installed:
        return render(request, page, 501, active=kind, year=this_year(),
                      error=f"此功能尚未安装：{feature.title}。")
    jobs = store(request)
    job = jobs.new_job(kind)
    try:
        form = await read_form(request, job.folder, max_bytes=request.app.state.settings.max_upload)
        _year(form)
        names = [u.name for u in form.files]
        if kind == "merge":
            _one(form, "schools", "各学校的工作簿（可一次选择多个 .xlsx 文件）")
        elif slot != "blank":
            _one(form, "workbook" if slot == "from_workbook" else "report", "文件")
    except UploadRefused as exc:
        jobs.discard(job)
        return render(request, page, exc.status, active=kind, year=this_year(), error=str(exc))
    job.title = feature.title
    job.steps = (feature.title,)
    job.details.update(sources=names, feature=slot)
    target = job.folder / "out" / (MERGED_NAME if kind == "merge" else _made_name(form, slot))
    debug = request.app.state.settings.debug

    def run(j: Job) -> None:
        problems = Problems()
        j.details["collected"] = problems
        target.parent.mkdir(mode=0o700)
        written = work(form, target, problems)
        store(request).offer(j, "workbook", written, written.name, actions.XLSX)

    jobs.submit(job, run, lambda j, exc: j.failure.extend(failure_of(exc, "工作簿", debug)))
    return RedirectResponse(f"/{kind}/{job.id}", status_code=303)


def _made_name(form: Form, slot: str) -> str:
    year = _year(form)
    if slot == "blank":
        return f"{year or this_year()}年工作簿.xlsx"
    source = form.files[0].name.rsplit(".", 1)[0] if form.files else "工作簿"
    return f"{year}年工作簿.xlsx" if year else f"{source}-新建.xlsx"


async def year_result(request: Request) -> Response:
    """The page of a 新建 or 汇总 job: progress, then messages by file and the download."""
    kind = "merge" if request.url.path.startswith("/merge/") else "new"
    job = find_job(request, kind)
    if job is None:
        return not_found(request)
    collected: Problems = job.details.get("collected", Problems())
    sources: list[str] = job.details.get("sources", [])
    return render(request, "year_result.html", active=kind, job=job,
                  groups=_by_file(collected.items, sources))


def _by_file(problems: list[Problem], sources: list[str]) -> list[tuple[str, list[Line]]]:
    """Warnings and notes grouped by the uploaded file they are about (each school's)."""
    shown = [p for p in problems if p.severity is not Severity.ERROR]
    groups: list[tuple[str, list[Line]]] = []
    for name in sources:
        mine = [p for p in shown if p.where is not None and p.where.file == name]
        groups.append((name, [line for p in mine for line in lines([str(p)], p.severity.value)]))
    rest = [p for p in shown if p.where is None or p.where.file not in sources]
    if rest:
        groups.append(("", [line for p in rest for line in lines([str(p)], p.severity.value)]))
    return groups
