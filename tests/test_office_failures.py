"""Without LibreOffice, or with one that fails or hangs, the .docx is still delivered and the
clerk is told in Chinese what happened; a PDF asked for and not made is exit code 4.

LibreOffice is made missing by emptying ``PATH`` of it, and failing or hanging by a stand-in
``soffice`` script put first on ``PATH``.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from cli_run import run_cli
from processes import live

from reportgen import Problems
from reportgen.delivery import finish
from reportgen.office.session import Office, OfficeError, OfficeSession, convert_to_pdf, find_office
from reportgen.word.toc import read_toc

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "inputs" / "2024.xlsx"



def _fake_soffice(folder: Path, body: str) -> None:
    """A ``soffice`` on ``PATH`` that runs ``body`` (a shell script) instead of LibreOffice."""
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``PATH`` without LibreOffice (the Python interpreter is not looked up on ``PATH``)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert find_office() is None


def test_without_libreoffice_the_report_is_delivered_and_the_toc_left_for_word(no_office, tmp_path):
    """No LibreOffice: the .docx is written, its TOC field left for Word, and the CLI says
    未找到 LibreOffice，目录将在 Word 打开时更新; exit code 0."""
    target = tmp_path / "报告.docx"
    code, out, err = run_cli(str(WORKBOOK), "-o", str(target))
    assert code == 0
    assert target.is_file() and read_toc(target) == []
    assert "未找到 LibreOffice，目录将在 Word 打开时更新" in err
    assert "已生成报告" in out


def test_without_libreoffice_pdf_is_exit_4_with_the_docx_delivered(no_office, tmp_path):
    """``--pdf`` without LibreOffice: the .docx is delivered, no PDF, exit code 4, and the
    message names both the delivered report and what to do."""
    target = tmp_path / "报告.docx"
    code, _, err = run_cli(str(WORKBOOK), "-o", str(target), "--pdf")
    assert code == 4
    assert target.is_file() and not target.with_suffix(".pdf").exists()
    assert "报告已生成" in err and "PDF 未生成" in err and "未找到 LibreOffice" in err


def test_no_toc_option_leaves_the_field_for_word(tmp_path):
    """``--no-toc`` skips LibreOffice: the TOC field keeps its placeholder."""
    target = tmp_path / "报告.docx"
    code, _, err = run_cli(str(WORKBOOK), "-o", str(target), "--no-toc")
    assert code == 0 and read_toc(target) == []
    assert "目录已填好页码" not in err


@pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                    reason="needs python3-uno to reach the LibreOffice session")
def test_a_libreoffice_that_exits_is_reported_and_the_docx_kept(monkeypatch, tmp_path):
    """A LibreOffice that stops at once: the TOC is left for Word with a warning; a PDF asked
    for raises OfficeError saying the report was delivered."""
    _fake_soffice(tmp_path / "bin", "exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    docx = tmp_path / "r.docx"
    docx.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    before = docx.read_bytes()
    problems = Problems()
    finish(docx, toc=True, problems=problems)
    assert docx.read_bytes() == before
    assert any("目录未能填入页码" in p.message and "意外退出" in p.message for p in problems.items)
    with pytest.raises(OfficeError, match="报告已生成.*PDF 未生成"):
        finish(docx, pdf=True, toc=False)


NEEDS_UNO = pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                               reason="needs python3-uno to reach the LibreOffice session")


@NEEDS_UNO
def test_a_libreoffice_that_never_answers_is_stopped_at_the_start_deadline(monkeypatch, tmp_path):
    """A LibreOffice that starts and never answers: the request fails when the start deadline
    passes, with a message in Chinese (not UNO's English), and the .docx is delivered."""
    _fake_soffice(tmp_path / "bin", "exec sleep 600")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    docx = tmp_path / "r.docx"
    docx.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    started = time.monotonic()
    with pytest.raises(OfficeError) as caught:
        finish(docx, pdf=True, toc=False, office=OfficeSession(start_timeout=2, grace=1))
    assert "LibreOffice 在 2 秒内没有启动（没有响应），已停止它" in str(caught.value)
    assert "Exception" not in str(caught.value) and "connect" not in str(caught.value)
    assert time.monotonic() - started < 30


@NEEDS_UNO
def test_the_cli_bounds_a_silent_libreoffice_by_its_timeout_and_says_so_in_chinese(monkeypatch,
                                                                                  tmp_path):
    """``--timeout 3`` with a LibreOffice that never answers: the report is delivered with its
    table of contents left for Word, and the warning is Chinese."""
    _fake_soffice(tmp_path / "bin", "exec sleep 600")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    target = tmp_path / "报告.docx"
    code, _, err = run_cli(str(WORKBOOK), "-o", str(target), "--timeout", "3")
    assert code == 0 and target.is_file()
    assert "目录未能填入页码：LibreOffice 在 3 秒内没有完成，已停止它" in err
    assert "NoConnectException" not in err


@NEEDS_UNO
def test_a_libreoffice_ignoring_sigterm_is_killed_after_the_grace_period(monkeypatch, tmp_path):
    """A LibreOffice that ignores SIGTERM (and whose children do too) is killed with its whole
    process group once the grace period is over; its profile folder goes too."""
    pids = tmp_path / "pids"
    _fake_soffice(tmp_path / "bin", f"trap '' TERM\necho $$ >> {pids}\nsleep 600 &\n"
                                    f"echo $! >> {pids}\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    office = OfficeSession(start_timeout=1, grace=1)
    with pytest.raises(OfficeError, match="没有启动"):
        office.layout(tmp_path / "r.docx", toc=True)
    leader, child = (int(line) for line in pids.read_text().split())
    assert not live(leader) and not live(child)
    assert office.workspace is None




def test_a_worker_that_dies_at_the_start_is_told_with_its_exit_code(tmp_path):
    """LibreOffice starts but the program that drives it (the ``uno`` Python) exits at once:
    the message gives that exit code, never "代码 None" (LibreOffice itself still ran)."""
    _fake_soffice(tmp_path / "bin", "exec sleep 600")
    python = tmp_path / "bin" / "python"
    python.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    docx = tmp_path / "r.docx"
    docx.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    session = OfficeSession(Office(tmp_path / "bin" / "soffice", python), start_timeout=10, grace=1)
    with session, pytest.raises(OfficeError) as caught:
        session.layout(docx, toc=True)
    assert "LibreOffice 启动后意外退出（代码 3）" in str(caught.value)
    assert "None" not in str(caught.value)


@pytest.mark.parametrize("content, mode, why", [
    ("#!/bin/sh\nexit 0\n", 0o644, "没有运行它的权限"),
    ("不是程序", 0o755, "不是这台电脑能运行的程序"),
])
def test_a_libreoffice_that_cannot_be_started_is_told_why_in_chinese(tmp_path, content, mode, why):
    """A ``soffice`` that is not executable, or not a program: the message says why in
    Chinese, not the system's English ("Permission denied", "Exec format error")."""
    soffice = tmp_path / "soffice"
    soffice.write_text(content, encoding="utf-8")
    soffice.chmod(mode)
    docx = tmp_path / "r.docx"
    docx.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    with pytest.raises(OfficeError) as caught:
        convert_to_pdf(Office(soffice, None), docx, tmp_path / "r.pdf")
    assert caught.value.code == "O-OFFICE-START"
    assert f"：{why}" in str(caught.value) and "denied" not in str(caught.value)
