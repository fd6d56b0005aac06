"""Delivery: the report, its filled table of contents and its PDF arrive together, once.

LibreOffice is stood in for by :class:`office_fakes.FakeOffice` (its table of contents is the
report's headings, its "PDF" carries a fingerprint of the report's text), so that these tests
can stop, fail or interleave runs at the LibreOffice step without starting it.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from cli_run import run_cli
from office_fakes import FakeOffice, fake_pdf, headings

from reportgen import Problems, generate
from reportgen.delivery import deliver
from reportgen.errors import UsageError
from reportgen.word.toc import read_toc
from workbooks import body_row, build

OLD_REPORT, OLD_PDF = b"the earlier report", b"%PDF the earlier PDF"


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _consistent(report: Path) -> None:
    """The table of contents lists the report's own headings, and the PDF is of this report."""
    assert [(e.level, e.text) for e in read_toc(report)] == headings(report)
    assert report.with_suffix(".pdf").read_bytes() == fake_pdf(report)


def test_one_layout_gives_the_toc_and_the_pdf(tmp_path):
    """With ``pdf`` and ``toc``, LibreOffice lays the report out once; the table of contents
    is filled and the PDF is of the delivered report."""
    office = FakeOffice()
    problems = Problems()
    report = generate(build(tmp_path), tmp_path / "r.docx", pdf=True, office=office,
                      problems=problems)
    assert len(office.requests) == 1
    _consistent(report)
    assert any(p.code == "I-TOC-FILLED" for p in problems.items)
    assert _temporaries(tmp_path) == []


def test_an_interrupt_at_the_libreoffice_step_leaves_the_old_files(tmp_path):
    """Ctrl+C while LibreOffice works: the old report and PDF stay, no temporary file."""
    report = tmp_path / "r.docx"
    report.write_bytes(OLD_REPORT)
    report.with_suffix(".pdf").write_bytes(OLD_PDF)

    def interrupt(docx: Path) -> None:
        assert docx.read_bytes()[:2] == b"PK"  # the new report, staged beside the target
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        generate(build(tmp_path), report, pdf=True, office=FakeOffice(interrupt))
    assert report.read_bytes() == OLD_REPORT
    assert report.with_suffix(".pdf").read_bytes() == OLD_PDF
    assert _temporaries(tmp_path) == []


def _retitled(folder: Path, title: str) -> Path:
    """A workbook whose first heading is ``title`` (so that two reports differ)."""
    def tweak(wb):
        wb["正文"].cell(body_row(wb, "一级标题", "学校概况"), 2).value = title
    folder.mkdir()
    return build(folder, tweak)


@pytest.mark.parametrize("first", ["A", "B"])
def test_concurrent_runs_on_one_output_end_with_one_consistent_report(tmp_path, first):
    """Two runs write the same report at once, the one laid out first finishing last: the
    report left is one whole report, its table of contents and its PDF its own."""
    workbooks = {"A": _retitled(tmp_path / "a", "甲校概况"), "B": _retitled(tmp_path / "b", "乙校概况")}
    report = tmp_path / "r.docx"
    second_done = threading.Event()
    failures: list[BaseException] = []

    def hold(docx: Path) -> None:  # the first run waits in LibreOffice until the other is done
        assert second_done.wait(120)

    def run(name: str, office: FakeOffice) -> None:
        try:
            generate(workbooks[name], report, pdf=True, office=office)
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)
        finally:
            if name != first:
                second_done.set()

    threads = [threading.Thread(target=run, args=(name, FakeOffice(hold if name == first else None)))
               for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert failures == []
    _consistent(report)
    assert headings(report)[0][1].endswith({"A": "甲校概况", "B": "乙校概况"}[first])
    assert _temporaries(tmp_path) == []


def test_a_failure_writing_the_toc_in_leaves_the_old_report(tmp_path, monkeypatch):
    """Any failure after LibreOffice's step (here filling in the table of contents) leaves the
    old report and PDF."""
    import reportgen.delivery as delivery

    report = tmp_path / "r.docx"
    report.write_bytes(OLD_REPORT)

    def broken(data: bytes, entries: object, lists: object = (), settle: bool = False) -> bytes:
        raise RuntimeError("broken")
    monkeypatch.setattr(delivery, "fill_toc", broken)
    with pytest.raises(RuntimeError):
        generate(build(tmp_path), report, pdf=True, office=FakeOffice())
    assert report.read_bytes() == OLD_REPORT and not report.with_suffix(".pdf").exists()
    assert _temporaries(tmp_path) == []


def test_pdf_never_replaces_an_input_named_like_it(tmp_path):
    """``r.pdf -o r.docx --pdf``: the PDF would be written onto the input; refused (exit 2)
    before anything is written, with a clear message."""
    workbook = build(tmp_path)
    named_pdf = workbook.rename(tmp_path / "r.pdf")
    before = named_pdf.read_bytes()
    code, _, err = run_cli(str(named_pdf), "-o", str(tmp_path / "r.docx"), "--pdf")
    assert code == 2
    assert "PDF 将保存为" in err and "正是输入文件" in err
    assert named_pdf.read_bytes() == before
    assert not (tmp_path / "r.docx").exists()
    with pytest.raises(UsageError) as caught:
        generate(named_pdf, tmp_path / "r.docx", pdf=True, office=FakeOffice())
    assert caught.value.code == "U-PDF-IS-INPUT"


def test_without_libreoffice_the_report_is_delivered_and_the_clerk_told(tmp_path):
    """A session that found no LibreOffice: the report arrives with its table of contents
    left for Word (a note says so)."""
    from reportgen.office.session import OfficeSession

    problems = Problems()
    report = tmp_path / "r.docx"
    deliver(b"not really a report", report, toc=True, problems=problems,
            office=OfficeSession(None))
    assert report.read_bytes() == b"not really a report"
    assert [p.code for p in problems.items] == ["I-TOC-NO-OFFICE"]


def test_without_toc_or_pdf_libreoffice_is_not_asked(tmp_path):
    """``--no-toc`` without ``--pdf``: the session given is not used at all."""
    office = FakeOffice()
    generate(build(tmp_path), tmp_path / "r.docx", toc=False, office=office)
    assert office.requests == [] and read_toc(tmp_path / "r.docx") == []


def test_a_disk_filling_up_while_libreoffice_works_leaves_the_old_report(tmp_path, monkeypatch):
    """The disk fills while LibreOffice lays the report out, so the table of contents cannot be
    written in: the clerk is told the disk is full; the old report (not a new one without its
    table of contents) stays."""
    report = tmp_path / "r.docx"
    report.write_bytes(OLD_REPORT)

    def fill_the_disk(docx: Path) -> None:
        def full(fd: int, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(os, "write", full)
    with pytest.raises(UsageError, match="磁盘已满，无法写入 .*r.docx"):
        generate(build(tmp_path), report, office=FakeOffice(fill_the_disk))
    assert report.read_bytes() == OLD_REPORT
    assert _temporaries(tmp_path) == []
