"""A run stopped by a signal never costs the previous report, and leaves nothing running.

Each test runs ``python -m reportgen`` in a child process (``blocking_run.py``) with one step
made to stop and wait; when the step is reached the child says so (a marker file) and the
test sends the signal then. SIGINT and SIGTERM let the run clean up (exit code 2, "已中断");
SIGKILL does not, and the next run in the folder removes what it left.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen import generate
from reportgen.files import writing as files
from reportgen.office.session import find_office
from processes import group_live, live
from workbooks import build

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

TESTS = Path(__file__).resolve().parent
OLD_REPORT = b"the earlier report, which must survive"
OLD_PDF = b"%PDF the earlier PDF"
STEPS = {
    "libreoffice": "reportgen.office.session:OfficeSession.request",
    "toc": "reportgen.delivery:fill_toc",
    "replace": "reportgen.files.writing:Staging.commit",
}
"""The steps after the report is rendered: LibreOffice lays it out (and prints the PDF), its
table of contents is written in, the files are put in place."""


def _start(tmp_path: Path, step: str, *args: str, options: tuple[str, ...] = ()) -> tuple[subprocess.Popen[str], Path]:
    marker = tmp_path / "marker.json"
    process = subprocess.Popen(
        [sys.executable, str(TESTS / "blocking_run.py"), str(marker), step, *options, "--", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    return process, marker


def _reached(process: subprocess.Popen[str], marker: Path) -> dict:
    """The marker's content, once the child has reached the step (waiting for it)."""
    end = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before the step: {process.communicate()}")
        assert time.monotonic() < end, "the step was never reached"
        time.sleep(0.02)
    while True:
        try:
            return json.loads(marker.read_text(encoding="utf-8"))
        except json.JSONDecodeError:  # being written
            time.sleep(0.02)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _rerun_cleans(workbook: Path, report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next run writing to the folder (one starting now, after the kill) succeeds and
    removes what the killed run left."""
    monkeypatch.setattr(files, "_STARTED", time.time())
    monkeypatch.setattr(files, "_cleaned", set())
    generate(workbook, report, toc=False)
    assert _temporaries(report.parent) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["SIGINT", "SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("step", STEPS)
def test_a_signal_at_any_step_leaves_the_old_report_and_pdf(tmp_path, monkeypatch, step, sig):
    """SIGINT, SIGTERM or SIGKILL while LibreOffice works, while the table of contents is
    written in, or just before the files are replaced: the old report and PDF are intact.
    SIGINT and SIGTERM say 已中断 (exit code 2) and leave no temporary file; after SIGKILL
    the next run removes them."""
    workbook = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    report, pdf = out / "报告.docx", out / "报告.pdf"
    report.write_bytes(OLD_REPORT)
    pdf.write_bytes(OLD_PDF)
    process, marker = _start(tmp_path, STEPS[step], str(workbook), "-o", str(report), "--pdf",
                             options=("--fake-office",))
    _reached(process, marker)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    assert report.read_bytes() == OLD_REPORT
    assert pdf.read_bytes() == OLD_PDF
    if sig == signal.SIGKILL:
        _rerun_cleans(workbook, report, monkeypatch)
    else:
        assert process.returncode == 2, err
        assert "已中断，报告未生成（原有的报告未改动）" in err
        assert "Traceback" not in err
        assert _temporaries(out) == []


def _eventually(condition, what: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, what
        time.sleep(0.05)


OFFICE = find_office()


@pytest.mark.office
@pytest.mark.skipif(OFFICE is None or OFFICE.uno_python is None or not Path("/proc").is_dir(),
                    reason="needs LibreOffice with python3-uno, and /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_stopped_run_leaves_no_libreoffice_profile_socket_or_pdf_behind(tmp_path, monkeypatch, sig):
    """SIGTERM or SIGKILL while the real LibreOffice is laying the report out: LibreOffice and
    its worker stop, its profile folder and its OSL_PIPE sockets in /tmp go, and no .pdf.tmp
    stays (after SIGKILL, the watchdog stops LibreOffice and the next run removes the
    temporary files)."""
    workbook = build(tmp_path)
    report = tmp_path / "out" / "报告.docx"
    process, marker = _start(tmp_path, "reportgen.office.session:_Running.send",
                             str(workbook), "-o", str(report), "--pdf", options=("--after",))
    running = _reached(process, marker)
    assert live(running["office_pid"]) and Path(running["workspace"]).is_dir()
    process.send_signal(sig)
    process.communicate(timeout=120)
    _eventually(lambda: not group_live(running["office_pid"]) and not live(running["worker_pid"]),
                "LibreOffice is still running")
    _eventually(lambda: not Path(running["workspace"]).exists(), "the profile folder is left")
    _eventually(lambda: not any(Path(s).exists() for s in running["sockets"]),
                "LibreOffice's sockets are left in /tmp")
    assert len(running["sockets"]) == 2
    assert not report.exists()
    if sig == signal.SIGKILL:
        _rerun_cleans(workbook, report, monkeypatch)
    else:
        assert _temporaries(report.parent) == []
