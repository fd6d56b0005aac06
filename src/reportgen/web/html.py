"""Rendering the pages: Jinja2 templates (autoescaped) under ``web/templates``, and the answers
every page shares — an upload received or refused, a job or file not found, an internal error.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Awaitable, Callable, TypeVar

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from reportgen.errors import ReportgenError, Severity, UsageError
from reportgen.web.actions import FEATURES, failure_heading, without_paths
from reportgen.web.jobs import Job, Line, Store
from reportgen.web.uploads import MAX_FILES, Form, UploadRefused, megabytes, read_form

NAV = (("new", "新建", "/new"), ("merge", "汇总", "/merge"), ("check", "检查", "/check"),
       ("build", "生成", "/build"))
"""The page tabs, in the order of a year's work."""

LEVEL_CLASS = {Severity.ERROR.value: "error", Severity.WARNING.value: "warning",
               Severity.INFO.value: "info", "": "plain"}
"""The CSS class of a message's level."""

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("reportgen.web", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=_environment)
T = TypeVar("T")


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``name`` with the shared context (tabs, features, upload limit)."""
    settings = request.app.state.settings
    context.setdefault("active", "")
    context.setdefault("error", "")
    context.update(nav=NAV, features=FEATURES, max_upload=settings.max_upload,
                   too_large=page_error("U-WEB-UPLOAD-SIZE", size="{size}",
                                        limit=megabytes(settings.max_upload)),
                   level_class=LEVEL_CLASS)
    return templates.TemplateResponse(request, name, context, status_code=status)


def form_page(kind: str) -> Callable[[Request], Awaitable[HTMLResponse]]:
    """The view showing the page ``kind`` (``kind``.html, its tab active) as it first opens."""
    async def view(request: Request) -> HTMLResponse:
        return render(request, f"{kind}.html", active=kind)
    return view


def store(request: Request) -> Store:
    """The server's store of jobs and files."""
    result: Store = request.app.state.store
    return result


def find_job(request: Request, kind: str) -> Job | None:
    """The job named in the address, made by the page ``kind``."""
    return store(request).job(str(request.path_params["job"]), kind)


async def receive(request: Request, kind: str, take: Callable[[Form], T], *,
                  max_files: int = MAX_FILES, **context: Any
                  ) -> tuple[Job, Form, T] | HTMLResponse:
    """A new job of the page ``kind``, the form sent to it (its files in the job's folder) and
    what ``take`` takes from it (the file the page needs…; ``take`` raises
    :class:`UploadRefused` when the form lacks it). A refused upload discards the job and
    answers with the page again (``kind``.html, with ``context``), saying why."""
    jobs = store(request)
    job = jobs.new_job(kind)
    try:
        form = await read_form(request, job.folder, max_bytes=request.app.state.settings.max_upload,
                               max_files=max_files)
        taken = take(form)
    except UploadRefused as exc:
        jobs.discard(job)
        return render(request, f"{kind}.html", exc.status, active=kind, error=sentence(exc),
                      **context)
    return job, form, taken


def sentence(error: ReportgenError) -> str:
    """An error's text (``message。hint``, made by the registry) as a sentence of the page."""
    text = str(error)
    return text if text.endswith(("。", "！", "？")) else text + "。"


def page_error(code: str, **fields: object) -> str:
    """The page's sentence for the registered usage error ``code`` (``U-WEB-…``)."""
    return sentence(UsageError(code, **fields))


def not_found(request: Request) -> HTMLResponse:
    """A job or file id that is unknown: it never existed, or the server was restarted."""
    return render(request, "message.html", 404, title="找不到",
                  message=page_error("U-WEB-NOT-FOUND"))


def internal_error(request: Request, exc: Exception) -> HTMLResponse:
    """A bug: said plainly, the details only in the terminal, only with ``--debug``."""
    if request.app.state.settings.debug:
        traceback.print_exception(exc)
    return render(request, "message.html", 500, title="程序内部错误",
                  message="程序内部错误。请在启动网页的命令后加 --debug 重新启动、重做一次，"
                          "并把命令窗口中显示的内容发给维护人员。")


def lines(texts: list[str], level: str = "") -> list[Line]:
    """Messages of one level; the first of an error's lines is its heading."""
    return [Line("", text, heading=True) if (level == Severity.ERROR.value and n == 0)
            else Line(level, text) for n, text in enumerate(texts)]


def failure_of(exc: Exception, what: str, debug: bool, folder: Path) -> list[Line]:
    """Why a job stopped, for its page: the command line's words for a problem reportgen
    raised (a heading, then every located problem; files named without the job's ``folder``),
    a plain sentence for a bug."""
    if isinstance(exc, ReportgenError):
        return lines(list(without_paths(failure_heading(exc, what), folder)), Severity.ERROR.value)
    if debug:
        traceback.print_exception(exc)
    return [Line("", f"程序内部错误，{what}未生成。请在启动网页的命令后加 --debug 重新启动、重做一次，"
                     "并把命令窗口中显示的内容发给维护人员。")]
