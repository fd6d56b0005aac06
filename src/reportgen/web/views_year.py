"""新建 and 汇总: the year's first steps — a workbook to fill (blank, from last year's workbook,
or from last year's Word report), and the district's workbook added up from the schools'.

Each form calls one slot of :mod:`reportgen.web.actions`, which runs the command (``init``,
``import``, ``merge``) and returns what it printed; the page shows those lines, a school's next
to its name. A slot that is not installed answers “此功能尚未安装” on the page. Work runs as a
background job with its own folder and page, like a build.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from reportgen.errors import Severity
from reportgen.web import actions
from reportgen.web.html import (failure_of, find_job, form_page, not_found, page_error, receive,
                                render, store)
from reportgen.web.jobs import Job, Line
from reportgen.web.uploads import Form, UploadRefused

MERGED_NAME = "区县汇总.xlsx"
"""The name of the district's workbook offered by 汇总."""

Work = Callable[[Form, Path, Path], actions.Said]
"""A slot's call: the form, the workbook to write, the job's folder → what the command said."""

_LEVELS = tuple(f"{s.value}：" for s in (Severity.WARNING, Severity.INFO, Severity.ERROR))


def this_year() -> int:
    """The year a blank workbook is made for unless the clerk chooses another."""
    return datetime.date.today().year


async def new_form(request: Request) -> Response:
    """The three ways to start a year's workbook."""
    return render(request, "new.html", active="new", year=this_year())


merge_form = form_page("merge")
"""The upload form for the schools' workbooks."""


def _year(form: Form) -> int | None:
    text = form.fields.get("year", "").strip()
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise UploadRefused("U-WEB-YEAR", entered=text, year=this_year())
    return int(text)


def _one(form: Form, field: str, what: str) -> Path:
    return form.first_of(field, what).path


def _blank(form: Form, target: Path, folder: Path) -> actions.Said:
    return actions.blank_workbook(target, _year(form) or this_year(), folder)


def _from_workbook(form: Form, target: Path, folder: Path) -> actions.Said:
    source = _one(form, "workbook", "上年的工作簿（.xlsx）")
    return actions.workbook_from_last_year(source, target, _year(form), folder)


def _from_report(form: Form, target: Path, folder: Path) -> actions.Said:
    return actions.import_report(_one(form, "report", "上年的 Word 报告（.docx）"), target, folder)


def _merge(form: Form, target: Path, folder: Path) -> actions.Said:
    return actions.merge_workbooks([u.path for u in form.files_of("schools")], target, folder)


SLOTS: dict[str, tuple[str, str, str, Work]] = {
    "blank": ("blank", "", "", _blank),
    "from-workbook": ("from_workbook", "workbook", "上年的工作簿（.xlsx）", _from_workbook),
    "from-report": ("from_report", "report", "上年的 Word 报告（.docx）", _from_report),
    "merge": ("merge", "schools", "各学校的工作簿（可一次选择多个 .xlsx 文件）", _merge),
}
"""Each form by the last part of its address: its feature slot, its file field and what to
choose there, and its call."""


async def new_submit(request: Request) -> Response:
    """Make a workbook the way the form asks."""
    how = request.path_params["how"]
    if how not in SLOTS or how == "merge":
        return not_found(request)
    return await _start(request, "new", how)


async def merge_submit(request: Request) -> Response:
    """Add up the schools' workbooks."""
    return await _start(request, "merge", "merge")


async def _start(request: Request, kind: str, how: str) -> Response:
    slot, field, what, work = SLOTS[how]
    feature = actions.FEATURES[slot]
    if not feature.installed:
        return render(request, f"{kind}.html", 501, active=kind, year=this_year(),
                      error=page_error("U-WEB-NOT-INSTALLED", feature=feature.title))

    def take(form: Form) -> int | None:
        """The year asked for (if any), once the file the slot needs is there too."""
        year = _year(form)
        if field:
            form.first_of(field, what)
        return year

    received = await receive(request, kind, take, year=this_year())
    if not isinstance(received, tuple):
        return received
    job, form, year = received
    jobs = store(request)
    job.title = feature.title
    job.steps = (feature.title,)
    job.details.update(sources=[u.name for u in form.files])
    name = MERGED_NAME if kind == "merge" else _made_name(slot, year or (
        this_year() if slot == "blank" else None), form)
    target = job.folder / "out" / name
    debug = request.app.state.settings.debug

    def run(j: Job) -> None:
        target.parent.mkdir(mode=0o700)
        said = work(form, target, j.folder)
        j.lines.extend(Line("", text, heading=n == 0) for n, text in enumerate(said.out))
        j.details["said"] = said.err
        jobs.offer(j, "workbook", target, target.name, actions.XLSX)
        pictures = actions.pictures_of(target)
        if pictures.is_dir() and any(pictures.iterdir()):
            archive = shutil.make_archive(str(pictures), "zip", pictures)
            jobs.offer(j, "pictures", Path(archive), f"{pictures.name}.zip", "application/zip")

    jobs.submit(job, run, lambda j, exc: j.failure.extend(failure_of(exc, "工作簿", debug, j.folder)))
    return RedirectResponse(f"/{kind}/{job.id}", status_code=303)


def _made_name(slot: str, year: int | None, form: Form) -> str:
    """The name of the workbook made: the report's own name for an import (as ``import``
    names it when not told), else after its year."""
    if slot == "from_report":
        stem = Path(form.files_of("report")[0].name).stem
        return f"{stem}.xlsx" if stem else "导入的工作簿.xlsx"
    if year is not None:
        return f"{year}年工作簿.xlsx"
    return "新一年的工作簿.xlsx"


async def year_result(request: Request) -> Response:
    """The page of a 新建 or 汇总 job: progress, then what the command said (a school's lines
    next to its name) and the download."""
    kind = "merge" if request.url.path.startswith("/merge/") else "new"
    job = find_job(request, kind)
    if job is None:
        return not_found(request)
    said: tuple[str, ...] = job.details.get("said", ())
    failed = tuple(line.text for line in job.failure[1:]) if job.failure else ()
    sources: list[str] = job.details.get("sources", []) if kind == "merge" else []
    return render(request, "year_result.html", active=kind, job=job,
                  groups=by_file(said + failed, sources), failure=job.failure[:1])


def by_file(texts: tuple[str, ...], sources: list[str]) -> list[tuple[str, list[Line]]]:
    """The command's lines, each school's under its file name (a line is a school's when it
    starts with the file's name, after its level), the others under ``""`` first."""
    groups: dict[str, list[Line]] = {"": [], **{name: [] for name in sources}}
    for text in texts:
        level = next((lv for lv in _LEVELS if text.startswith(lv)), "")
        body = text[len(level):]
        owner = next((n for n in sources if body.startswith((f"{n} › ", f"{n}："))), "")
        groups[owner].append(Line(level.rstrip("：") or _level_of(owner, body), body))
    return [(name, lines) for name, lines in groups.items() if name or lines]


def _level_of(owner: str, body: str) -> str:
    """A located line without a level word is one of a failed command's errors."""
    return Severity.ERROR.value if owner and " › " in body else ""
