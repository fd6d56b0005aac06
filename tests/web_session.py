"""The web page as the tests drive it: ``python -m reportgen serve`` in a child process, and
Debian's Chromium through selenium (chromedriver), headless.

Chromium needs its networking extras turned off here (``--disable-background-networking`` and
friends: without them its connections are refused in this sandbox) and a fresh profile.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from attrs import frozen

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                  "--window-size=1280,900", "--lang=zh-CN")
ADDRESS = re.compile(r"网页已启动：(http://\S+)")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not Path(program).exists():
            return f"{program} is not installed (run tools/setup.sh: chromium, chromium-driver)"
    return None


@frozen
class Served:
    """A running ``reportgen serve``."""

    process: subprocess.Popen[str]
    """The child process."""
    url: str
    """The address it printed, token included."""
    temp: Path
    """The temporary folder it was given (TMPDIR): its private folder is made inside."""
    before: str = ""
    """What it printed before the address (a warning)."""

    @property
    def base(self) -> str:
        """The address without the token (``http://127.0.0.1:PORT``)."""
        return self.url.split("/?", 1)[0]

    def stop(self) -> str:
        """Ctrl+C, as the clerk stops it; what it printed after the address."""
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=60)
        return out


def serve(temp: Path, *args: str, env: dict[str, str] | None = None) -> Served:
    """Start ``python -m reportgen serve ARGS`` with its temporary files under ``temp``."""
    temp = temp.resolve()
    environment = {**os.environ, "TMPDIR": str(temp), **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=environment, cwd=ROOT)
    assert process.stdout is not None
    before = ""
    for _ in range(5):  # a warning may come before the address
        line = process.stdout.readline()
        match = ADDRESS.search(line)
        if match is not None:
            return Served(process, match.group(1), temp, before)
        before += line
    process.kill()
    raise AssertionError(f"serve printed {before!r}{process.stdout.read()!r}")


def chromium(downloads: Path, profile: Path):  # type: ignore[no-untyped-def]
    """A headless Chromium with a fresh profile in ``profile`` that saves downloads into
    ``downloads`` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow",
                                                         "downloadPath": str(downloads)})
    return driver


def downloaded(folder: Path, name: str, wait: float = 60.0) -> Path:
    """The file ``name`` once the browser has finished saving it into ``folder``."""
    target = folder / name
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        partial = list(folder.glob("*.crdownload"))
        if target.is_file() and not partial:
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; {folder} holds "
                         f"{sorted(p.name for p in folder.iterdir())}")


TOKEN = "test-token-0123456789"
"""The token of the applications made in-process by the HTTP tests."""


@contextlib.contextmanager
def signed_in(app):  # type: ignore[no-untyped-def]
    """A TestClient of ``app`` (its lifespan running) that has opened the address with the
    token, as the clerk's browser does."""
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as client:
        answer = client.get(f"/?token={TOKEN}")
        assert answer.status_code == 200, answer.text
        yield client


def wait_for(client, job_page: str, wait: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Poll the status of the job whose page is ``job_page`` until it has ended."""
    job = job_page.rstrip("/").rsplit("/", 1)[1]
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if client.get(f"/status/{job}").json()["state"] != "running":
            return
        time.sleep(0.1)
    raise AssertionError(f"job {job} still running after {wait} s")


def school(folder: Path, name: str, graduates: int | str) -> Path:
    """A school's small workbook ``folder/name/name.xlsx`` with its own number of graduates
    (two schools with identical workbooks are refused by ``merge``)."""
    from workbooks import build, cell_of

    place = folder / name
    place.mkdir()

    def tweak(wb):  # type: ignore[no-untyped-def]
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = graduates

    return build(place, tweak, name=f"{name}.xlsx")


def small_report(folder: Path, name: str = "测试区2024.docx") -> Path:
    """The report of the small test workbook (:mod:`workbooks`), as last year's Word report to
    import: rendered without LibreOffice (``toc=False``), a second or so."""
    from reportgen.pipeline import generate
    from workbooks import build

    return generate(build(folder), folder / name, toc=False)
