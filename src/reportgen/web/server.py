"""Running the web page on the clerk's computer: uvicorn on 127.0.0.1, a free port, a new
token, the browser opened at the address; everything uploaded is removed when it stops.
"""

from __future__ import annotations

import errno
import ipaddress
import secrets
import socket
import threading
import time
import webbrowser
from typing import TextIO

import uvicorn

from reportgen.errors import Problem, UsageError
from reportgen.files import os_reason
from reportgen.web.app import Settings, create_app

LOOPBACK = "127.0.0.1"
"""Where the server listens unless told otherwise: this computer only."""


def open_socket(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port chosen by the system), made here so
    that the port printed is the port served."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError("U-SERVE-HOST", host=host) from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if port and exc.errno == errno.EADDRINUSE:
            raise UsageError("U-SERVE-PORT", host=host, port=port) from exc
        raise UsageError("U-SERVE-ADDRESS", host=host, reason=os_reason(exc)) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int, token: str) -> str:
    """The address to open: the token in it, 127.0.0.1 for a server on every interface."""
    shown = LOOPBACK if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = LOOPBACK, port: int = 0, *, browser: bool = True, debug: bool = False,
          out: TextIO, err: TextIO) -> int:
    """Serve until interrupted (Ctrl+C); return the exit code."""
    sock = open_socket(host, port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    app = create_app(Settings(token=token, debug=debug))
    server = uvicorn.Server(uvicorn.Config(app, log_level="info" if debug else "warning",
                                           access_log=debug, lifespan="on"))
    url = address(host, port, token)
    if not is_loopback(host):
        warning = Problem.of("W-SERVE-NETWORK", host=host)
        print(f"{warning.severity.value}：{warning}", file=err)
    print(f"网页已启动：{url}", file=out)
    print("请在浏览器中打开上面的地址（含口令，勿发给他人）。按 Ctrl+C 停止；"
          "停止后，上传和生成的文件都会从本机临时文件夹中删除。", file=out)
    out.flush()
    if browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops gracefully, then raises Ctrl+C again
        pass
    finally:
        sock.close()
        app.state.store.close()
    print("网页已停止，上传和生成的文件已删除。", file=out)
    return 0


def _open_when_started(server: uvicorn.Server, url: str, wait: float = 30.0) -> None:
    deadline = time.monotonic() + wait
    while not server.started and time.monotonic() < deadline and not server.should_exit:
        time.sleep(0.05)
    if server.started:
        webbrowser.open(url)
