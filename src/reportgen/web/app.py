"""The web application: its addresses, its settings, and the life of its private folder.

:func:`create_app` builds a Starlette application (served by uvicorn, see
:mod:`reportgen.web.server`; tested with Starlette's ``TestClient``). The private folder is
made with the application and removed when it shuts down.
"""

from __future__ import annotations

import contextlib
from typing import AsyncIterator, Awaitable, Callable

from attrs import frozen
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from reportgen.web import views_report, views_year
from reportgen.web.access import TokenGate
from reportgen.web.html import internal_error, not_found, page_error, render, store
from reportgen.web.jobs import WORKERS, Store
from reportgen.web.uploads import MAX_UPLOAD

PREVIEW_DPI = 80
"""Resolution of the page previews: an A4 page 661 × 935 pixels."""


@frozen
class Settings:
    """How the server was started."""

    token: str
    """The secret every request must carry (in the address once, then in a cookie)."""
    max_upload: int = MAX_UPLOAD
    """Bytes one request may upload."""
    debug: bool = False
    """Print the technical details of an internal error in the terminal (``--debug``)."""
    preview_dpi: int = PREVIEW_DPI
    """Resolution of the page previews."""
    workers: int = WORKERS
    """Jobs (builds) run at the same time."""


async def home(request: Request) -> Response:
    """The year's work at a glance, with the way to each page."""
    return render(request, "home.html")


async def download(request: Request) -> Response:
    """A file a job made, by its random id."""
    found = store(request).file(str(request.path_params["file"]))
    if found is None:
        return not_found(request)
    return FileResponse(found.path, media_type=found.media_type, filename=found.name)


View = Callable[[Request], Awaitable[Response]]
"""A page's view."""


async def status(request: Request) -> Response:
    """A job's state, polled by its page while it runs."""
    job = store(request).job(str(request.path_params["job"]))
    if job is None:
        return JSONResponse({"state": "missing"}, status_code=404)
    return JSONResponse(job.status())


async def _not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        return render(request, "message.html", 405, title="请从页面提交",
                      message=page_error("U-WEB-NOT-A-FORM"))
    return not_found(request)


async def _internal(request: Request, exc: Exception) -> Response:
    return internal_error(request, exc)


def _tab(kind: str, form: View, submit: View, result: View, *, submit_path: str = ""
         ) -> list[Route]:
    """The routes of one tab: its form, the form sent (to ``/kind``, or ``/kind`` +
    ``submit_path``), and each job's page."""
    return [Route(f"/{kind}", form),
            Route(f"/{kind}{submit_path}", submit, methods=["POST"]),
            Route(f"/{kind}/{{job:str}}", result)]


ROUTES = [
    Route("/", home),
    *_tab("new", views_year.new_form, views_year.new_submit, views_year.year_result,
          submit_path="/{how:str}"),
    *_tab("merge", views_year.merge_form, views_year.merge_submit, views_year.year_result),
    *_tab("check", views_report.check_form, views_report.check_submit, views_report.check_result),
    *_tab("build", views_report.build_form, views_report.build_submit, views_report.build_result),
    Route("/build/{job:str}/pages/{page:int}.png", views_report.build_page),
    Route("/status/{job:str}", status),
    Route("/files/{file:str}", download),
    Mount("/static", StaticFiles(packages=[("reportgen.web", "static")]), name="static"),
]


def create_app(settings: Settings) -> Starlette:
    """The application; its private folder lives as long as it runs."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            app.state.store.close()

    app = Starlette(routes=ROUTES, middleware=[Middleware(TokenGate, token=settings.token)],
                    exception_handlers={404: _not_found, 405: _not_found, 500: _internal},
                    lifespan=lifespan)
    app.state.settings = settings
    app.state.store = Store(settings.workers)
    return app
