"""Only the clerk who started the server may use it: a random token, as Jupyter does.

The address printed (and opened) by ``reportgen serve`` carries ``?token=…``. The first request
with the right token gets a cookie (HttpOnly, SameSite=Strict: other web sites' pages cannot
send it) and is sent on to the same address without the token; later requests carry the cookie.
Any other request — another local user, a page on the internet reaching for 127.0.0.1 — is
refused with 403 and a Chinese page. Only the style sheet and the script are served without it.
Every answer also tells the browser to keep the page to itself (no framing, no referrer, only
this server's scripts and styles).
"""

from __future__ import annotations

import hashlib
import hmac
import html
from typing import Iterable

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportgen.errors import UsageError

PUBLIC = ("/static/",)
"""Addresses served without the token: nothing in them depends on the clerk's files."""

SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; "
                                 b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)


def _refused_page() -> str:
    """The answer without the token: the registry's sentence (``U-WEB-TOKEN``), its first part
    the heading. A page of its own, without the templates: nothing of the server is shown."""
    message, _, rest = str(UsageError("U-WEB-TOKEN")).partition("：")
    return ("<!doctype html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8"><title>需要口令</title>\n'
            '<link rel="stylesheet" href="/static/style.css"></head>\n'
            '<body><main class="wrap narrow"><section class="card refused">\n'
            f"<h1>{html.escape(message)}</h1>\n<p>{html.escape(rest)}。</p>\n"
            "</section></main></body></html>\n")


REFUSED = _refused_page()
"""The page answered (403) to a request without the token."""


def cookie_name(token: str) -> str:
    """The cookie of this server: named after its token, so that two servers on one computer
    (cookies do not tell ports apart) do not overwrite each other's."""
    return "reportgen-" + hashlib.sha256(token.encode()).hexdigest()[:12]


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode())


class TokenGate:
    """ASGI middleware: let through requests that carry the token, refuse the others."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token
        self.cookie = cookie_name(token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response: Response | None = None
        given = request.query_params.get("token")
        if given is not None and _same(given, self.token):
            response = self._welcome(request)
        elif not scope["path"].startswith(PUBLIC) and not _same(
                request.cookies.get(self.cookie, ""), self.token):
            response = HTMLResponse(REFUSED, status_code=403)
        send_secured = _secured(send)
        if response is not None:
            await response(scope, receive, send_secured)
        else:
            await self.app(scope, receive, send_secured)

    def _welcome(self, request: Request) -> Response:
        """Set the cookie and go on to the same address without the token."""
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = URL(path=request.url.path).include_query_params(**dict(query)) if query \
            else URL(path=request.url.path)
        response = RedirectResponse(str(target), status_code=303)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
        return response


def _secured(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = _with_headers(message.get("headers", []), SECURITY_HEADERS)
        await send(message)
    return wrapped


def _with_headers(headers: Iterable[tuple[bytes, bytes]],
                  extra: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    kept = list(headers)
    present = {name.lower() for name, _ in kept}
    return kept + [(name, value) for name, value in extra if name not in present]
