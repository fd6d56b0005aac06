"""``python -m reportgen serve`` as the clerk starts it: a free port on 127.0.0.1, a new token
in the address it prints and opens in the browser, refused without it, and every uploaded file
removed when it is stopped with Ctrl+C.
"""

from __future__ import annotations

import ast
import fnmatch
import socket
import stat
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import reportgen
from cli_run import run_cli
from reportgen.cli.serve import build_serve_parser
from reportgen.errors import UsageError
from reportgen.web.server import address, is_loopback, open_socket
from web_session import ROOT, serve


def test_serve_listens_on_loopback_opens_the_browser_and_cleans_up(tmp_path):
    """The printed address is 127.0.0.1 with a port and a token; the browser (``$BROWSER``,
    which :mod:`webbrowser` honours) is opened at exactly that address; without the token the
    answer is 403; after Ctrl+C it says it stopped and its private folder is gone."""
    opened = tmp_path / "opened.txt"
    recorder = tmp_path / "browser.sh"
    recorder.write_text(f'#!/bin/sh\necho "$1" > "{opened}"\n')
    recorder.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    served = serve(temp, env={"BROWSER": str(recorder)})
    try:
        assert served.url.startswith("http://127.0.0.1:")
        assert len(served.url.split("?token=", 1)[1]) >= 30
        folders = list(temp.glob("reportgen-web-*"))
        assert len(folders) == 1 and stat.S_IMODE(folders[0].stat().st_mode) == 0o700
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.base + "/check", timeout=30)
        assert refused.value.code == 403
        assert "需要口令" in refused.value.read().decode()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(served.url, timeout=30) as answer:
            assert answer.status == 200 and "一年的报告" in answer.read().decode()
        _wait_for(opened)
        assert opened.read_text().strip() == served.url
    finally:
        said = served.stop()
    assert served.process.returncode == 0
    assert "网页已停止" in said and "Traceback" not in said
    assert not list(temp.glob("reportgen-web-*"))


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_port_in_use_is_a_usage_error_in_chinese():
    """``--port`` naming a busy port: exit code 2 and what to do, nothing served."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, _, err = run_cli("serve", "--port", str(port), "--no-browser")
    assert code == 2
    assert f"端口 {port} 已被占用" in err and "--port" in err


def test_a_server_that_cannot_start_says_why_with_its_code():
    """A busy port, a host that is no address, an address of another computer: each a usage
    error with its own code (docs/problems.md) and nothing left listening."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(UsageError) as taken:
            open_socket("127.0.0.1", port)
    assert taken.value.code == "U-SERVE-PORT" and f"端口 {port} 已被占用" in str(taken.value)
    with pytest.raises(UsageError) as unknown:
        open_socket("不是地址", 0)
    assert unknown.value.code == "U-SERVE-HOST" and "“不是地址”" in str(unknown.value)
    with pytest.raises(UsageError) as foreign:
        open_socket("192.0.2.1", 0)  # TEST-NET-1: never an address of this computer
    assert foreign.value.code == "U-SERVE-ADDRESS" and "--host" in str(foreign.value)


def test_a_server_other_computers_can_reach_is_announced_with_a_warning(tmp_path):
    """``--host 0.0.0.0``: a warning (``W-SERVE-NETWORK``) before the address, which still
    names 127.0.0.1 for this computer's browser; the token is still required."""
    served = serve(tmp_path, "--host", "0.0.0.0", "--no-browser")
    try:
        assert served.before.startswith("警告：网页在 0.0.0.0 上监听，其他电脑也能连接到它")
        assert served.url.startswith("http://127.0.0.1:")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served.base + "/", timeout=30)
        refused.value.close()
        assert refused.value.code == 403
    finally:
        served.stop()


def test_serve_help_is_chinese():
    """``serve --help`` names its options in Chinese."""
    text = build_serve_parser().format_help()
    assert "--no-browser" in text and "只有本机能访问" in text and "自动选一个空闲端口" in text


def test_the_address_names_a_reachable_host():
    """A server on every interface is opened through 127.0.0.1; IPv6 hosts get brackets."""
    assert address("127.0.0.1", 8000, "t") == "http://127.0.0.1:8000/?token=t"
    assert address("0.0.0.0", 8000, "t") == "http://127.0.0.1:8000/?token=t"
    assert address("::1", 8000, "t") == "http://[::1]:8000/?token=t"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_only_the_command_line_imports_the_web_page():
    """The web package sits beside the command line: no library module imports it, and the
    command line loads it only when ``serve`` runs (other commands start as fast as before)."""
    package = Path(reportgen.__file__).parent
    importers = []
    for module in package.rglob("*.py"):
        if module.is_relative_to(package / "web"):
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "reportgen.web" or name.startswith("reportgen.web.") for name in names):
                importers.append((module.relative_to(package).as_posix(), node.col_offset))
    assert importers == [("cli/serve.py", 4)]  # indented: inside run()


def test_the_pages_templates_and_assets_are_package_data():
    """Every template, style sheet and script is matched by the package data of pyproject.toml,
    so an installed reportgen serves its pages."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["reportgen"]
    web = Path(reportgen.__file__).parent / "web"
    assets = [p.relative_to(web.parent).as_posix() for folder in ("templates", "static")
              for p in (web / folder).iterdir()]
    assert assets and all(any(fnmatch.fnmatch(a, pattern) for pattern in patterns) for a in assets)
