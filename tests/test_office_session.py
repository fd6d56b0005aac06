"""One LibreOffice serves many documents, and survives being killed or hanging.

These tests run the real LibreOffice (``office`` marker). A request that never gets an answer
is made by swallowing it on its way to LibreOffice; a crash is made by killing LibreOffice's
process group, between requests or just after a request was sent.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reportgen import generate
from reportgen.office import session as session_module
from reportgen.office.session import OfficeError, OfficeSession, find_office
from reportgen.word.toc import read_toc
from processes import group_live
from workbooks import build

pytestmark = [pytest.mark.office,
              pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                                 reason="needs LibreOffice with python3-uno")]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("workbook"))


@pytest.fixture(scope="module")
def rendered(workbook: Path) -> Path:
    """A small report, its table of contents not filled."""
    return generate(workbook, workbook.with_name("rendered.docx"), toc=False)


def _gone(pid: int) -> bool:
    """No live process is left in process group ``pid``."""
    return not group_live(pid)


def _delivered(report: Path) -> bool:
    return bool(read_toc(report)) and report.with_suffix(".pdf").stat().st_size > 1000


def test_one_session_delivers_several_reports_with_one_start(workbook, tmp_path):
    """Three reports, each with its table of contents and PDF, from one LibreOffice start;
    closing the session stops LibreOffice and removes its profile folder and sockets."""
    with OfficeSession() as office:
        for n in range(3):
            report = generate(workbook, tmp_path / f"r{n}.docx", pdf=True, office=office)
            assert _delivered(report)
        assert office.starts == 1
        pid, workspace = office.pid, office.workspace
        assert pid is not None and workspace is not None
        sockets = list(office._running.workspace.sockets)  # type: ignore[union-attr]
        assert all(s.exists() for s in sockets[1:])  # the pipe it listens on
    assert _gone(pid) and not workspace.exists()
    assert not any(s.exists() for s in sockets)


def test_a_session_started_ahead_serves_its_first_request_without_starting_again(rendered,
                                                                             tmp_path):
    """``start()`` launches LibreOffice without waiting for it; the first request waits for
    it to be ready and is served by it: one start, its process the same; a second
    ``start()`` while it runs starts nothing."""
    with OfficeSession() as office:
        office.start()
        pid = office.pid
        assert pid is not None and office.starts == 1
        office.start()
        laid = office.layout(rendered, toc=True, pdf=tmp_path / "r.pdf")
        assert laid.entries and (tmp_path / "r.pdf").stat().st_size > 1000
        assert office.starts == 1 and office.pid == pid
    assert _gone(pid)


def test_a_killed_libreoffice_is_started_again_between_and_during_requests(rendered, tmp_path,
                                                                          monkeypatch):
    """LibreOffice killed (SIGKILL to its process group) after a request: the next request is
    served by a new LibreOffice. Killed just after a request was sent to it: the session
    starts it again and repeats the request once; that request succeeds too."""
    with OfficeSession() as office:
        assert office.layout(rendered, toc=True).entries
        os.killpg(office.pid, signal.SIGKILL)  # type: ignore[arg-type]
        laid = office.layout(rendered, toc=True, pdf=tmp_path / "b.pdf")
        assert laid.entries and laid.pages and (tmp_path / "b.pdf").stat().st_size > 1000
        assert office.starts == 2

        send = session_module._Running.send
        killed: list[int] = []

        def send_then_kill(running, request):
            send(running, request)
            if not killed:
                killed.append(running.office.pid)
                os.killpg(running.office.pid, signal.SIGKILL)
        monkeypatch.setattr(session_module._Running, "send", send_then_kill)
        assert office.layout(rendered, toc=True).entries
        assert office.starts == 3 and office.pid != killed[0]


def test_a_request_without_answer_stops_libreoffice_at_its_deadline(rendered, monkeypatch):
    """A request LibreOffice never answers fails at the request's deadline with a Chinese
    message, and LibreOffice is stopped; the next request starts a new one and succeeds."""
    report = rendered
    with OfficeSession(timeout=30) as office:
        office.layout(report, toc=True)
        first = office.pid
        send = session_module._Running.send
        monkeypatch.setattr(session_module._Running, "send", lambda running, request: None)
        with pytest.raises(OfficeError, match="LibreOffice 在 1 秒内没有完成，已停止它") as caught:
            office.layout(report, toc=True, timeout=1)
        assert caught.value.code == "O-OFFICE-TIMEOUT"
        assert office.pid is None and _gone(first)  # type: ignore[arg-type]
        monkeypatch.setattr(session_module._Running, "send", send)
        assert office.layout(report, toc=True).entries
        assert office.starts == 2
