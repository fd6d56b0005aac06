"""Many reports in one run (:mod:`reportgen.batch`): every workbook is tried, one failing never
stops the others, and each outcome says what happened to its workbook.

LibreOffice is stood in for by :class:`office_fakes.FakeOffice` where the table of contents and
the PDF are not the point; the tests that run it are marked ``office``.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from office_fakes import FakeOffice, fake_pdf

from reportgen import batch as batch_module
from reportgen.batch import Job, Status, build_many, find_workbooks, plan
from reportgen.errors import UsageError
from reportgen.office.session import OfficeError, find_office
from reportgen.word.toc import read_toc
from workbooks import build, cell_of


def _bad(wb) -> None:
    """Two errors in two sheets."""
    cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"
    wb["基本信息"]["B7"] = "年底"


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    """甲校 and 丙校 are good, 乙校 has two errors."""
    folder = tmp_path / "in"
    folder.mkdir()
    return [build(folder, name="甲校.xlsx"), build(folder, _bad, name="乙校.xlsx"),
            build(folder, name="丙校.xlsx")]


def test_a_bad_workbook_does_not_stop_the_others(three, tmp_path):
    """The good workbooks get their reports and PDFs; the bad one gets none, and its outcome
    holds its errors, each at its cell; the outcomes come in the order given."""
    out = tmp_path / "out"
    office = FakeOffice()
    batch = build_many(three, out, pdf=True, office=office)
    assert [o.job.workbook for o in batch.outcomes] == three
    assert [o.status for o in batch.outcomes] == [Status.BUILT, Status.FAILED, Status.BUILT]
    assert sorted(p.name for p in out.iterdir()) == ["丙校.docx", "丙校.pdf", "甲校.docx", "甲校.pdf"]
    for outcome in (batch.outcomes[0], batch.outcomes[2]):
        assert outcome.job.report.is_file()
        assert outcome.pdf == outcome.job.report.with_suffix(".pdf")
        assert outcome.pdf.read_bytes() == fake_pdf(outcome.job.report)
        assert read_toc(outcome.job.report)
    failed = batch.outcomes[1]
    assert [(p.where.file, p.where.sheet, p.where.cell) for p in failed.errors] == [
        ("乙校.xlsx", "基本信息", "B7"), ("乙校.xlsx", "人才培养质量计分卡", "D2")]
    assert batch.failed == (failed,)
    assert len(office.requests) == 2  # one layout per report built: its TOC and PDF together


def test_outcomes_count_warnings(three, tmp_path):
    """A built report's outcome keeps the warnings and notes found in its workbook."""
    def hidden(wb) -> None:
        wb["正文"].row_dimensions[3].hidden = True
    workbook = build(tmp_path, hidden, name="隐藏行.xlsx")
    batch = build_many([workbook], tmp_path / "out", toc=False)
    outcome, = batch.outcomes
    assert outcome.status is Status.BUILT and outcome.pdf is None
    assert [p.where.cell for p in outcome.warnings if p.rule is None] == ["A3"]


def test_a_bug_on_one_workbook_is_recorded_and_the_others_go_on(three, tmp_path, buggy_first_workbook):
    """An unexpected exception fails only its workbook, with its traceback kept for --debug."""
    batch = build_many(three, tmp_path / "out", toc=False)
    first = batch.outcomes[0]
    assert first.status is Status.INTERNAL and first.failure == "RuntimeError: boom"
    assert "Traceback" in (first.details or "")
    assert batch.outcomes[2].status is Status.BUILT


def test_a_pdf_that_cannot_be_made_keeps_the_report(three, tmp_path):
    """LibreOffice failing on one report: that report is delivered without its PDF (and said
    so); the next report gets both."""
    calls = []

    def fail_first(docx: Path) -> None:
        calls.append(docx)
        if len(calls) == 1:
            raise OfficeError("O-OFFICE-CRASHED")
    batch = build_many([three[0], three[2]], tmp_path / "out", pdf=True,
                       office=FakeOffice(before=fail_first))
    first, second = batch.outcomes
    assert first.status is Status.NO_PDF and first.built and first.pdf is None
    assert "PDF 未生成" in (first.failure or "") and first.job.report.is_file()
    assert second.status is Status.BUILT and second.pdf is not None and second.pdf.is_file()


def test_workers_share_the_workbooks(three, tmp_path):
    """With two worker processes every workbook is built once, in any order, and the outcomes
    still come in the order given; no LibreOffice is started when none is needed."""
    seen: list[str] = []
    batch = build_many(three, tmp_path / "out", toc=False, jobs=2,
                       started=lambda job: seen.append(job.workbook.name))
    assert [o.status for o in batch.outcomes] == [Status.BUILT, Status.FAILED, Status.BUILT]
    assert sorted(seen) == sorted(w.name for w in three)
    assert [p.where.cell for p in batch.outcomes[1].errors] == ["B7", "D2"]
    assert batch.office_starts == 0
    assert multiprocessing.active_children() == []


def test_an_interrupt_stops_every_worker(three, tmp_path):
    """Ctrl+C during a batch with workers: the interrupt is raised again and no worker is left."""
    def interrupt(job: Job) -> None:
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        build_many(three, tmp_path / "out", toc=False, jobs=2, started=interrupt)
    assert multiprocessing.active_children() == []


def test_find_workbooks_takes_every_workbook_of_a_folder(tmp_path):
    """A folder gives its .xlsx files in name order, not Excel's lock files, hidden files,
    other files or sub-folders; a file named twice is taken once; a file is taken whatever
    its name (reading it says what it is)."""
    for name in ("b.xlsx", "a.XLSX", "~$a.xlsx", ".hidden.xlsx", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.xlsx").write_bytes(b"x")
    other = tmp_path / "sub" / "report.xls"
    other.write_bytes(b"x")
    found = find_workbooks([tmp_path, tmp_path / "b.xlsx", other])
    assert [p.name for p in found] == ["a.XLSX", "b.xlsx", "report.xls"]


def test_find_workbooks_refuses_what_is_not_there(tmp_path):
    """A missing input, or a folder without workbooks, is a usage error naming it."""
    with pytest.raises(UsageError, match="找不到工作簿文件或文件夹") as missing:
        find_workbooks([tmp_path / "无.xlsx"])
    assert missing.value.code == "U-BATCH-INPUT-MISSING"
    with pytest.raises(UsageError, match="中没有 Excel 工作簿") as empty:
        find_workbooks([tmp_path])
    assert empty.value.code == "U-BATCH-EMPTY-FOLDER"


def test_plan_names_each_report_after_its_workbook(tmp_path):
    """Reports go into the output folder under their workbook's name; two workbooks of the
    same name from different folders would overwrite each other, so the batch is refused."""
    jobs = plan([tmp_path / "a" / "甲校.xlsx", tmp_path / "乙校.xlsx"], tmp_path / "out")
    assert [j.report for j in jobs] == [tmp_path / "out" / "甲校.docx",
                                        tmp_path / "out" / "乙校.docx"]
    with pytest.raises(UsageError, match="同名") as clash:
        plan([tmp_path / "a" / "甲校.xlsx", tmp_path / "b" / "甲校.xlsx"], tmp_path / "out")
    assert clash.value.code == "U-BATCH-SAME-NAME"
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(UsageError, match="不是文件夹"):
        plan([tmp_path / "甲校.xlsx"], tmp_path / "file")


@pytest.mark.office
@pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                    reason="needs LibreOffice with python3-uno")
def test_each_worker_starts_one_libreoffice(three, tmp_path):
    """Two workers, two good workbooks with PDFs: each report has its table of contents and
    its PDF, and LibreOffice was started at most once per worker."""
    batch = build_many([three[0], three[2]], tmp_path / "out", pdf=True, jobs=2)
    assert all(o.status is Status.BUILT for o in batch.outcomes)
    for outcome in batch.outcomes:
        assert read_toc(outcome.job.report)
        assert outcome.pdf is not None and outcome.pdf.read_bytes().startswith(b"%PDF")
    assert 1 <= batch.office_starts <= 2


def test_the_next_report_is_prepared_while_libreoffice_lays_out_one(three, tmp_path, monkeypatch):
    """In one process, LibreOffice's work on a report and Python's work on the next overlap:
    the second workbook's preparation begins while the first report is with LibreOffice."""
    import threading
    second_begun = threading.Event()
    real = batch_module.prepare

    def noting(workbook, *args, **kwargs):
        if Path(workbook) == three[2]:
            second_begun.set()
        return real(workbook, *args, **kwargs)
    monkeypatch.setattr(batch_module, "prepare", noting)
    overlapped = []

    def at_libreoffice(docx: Path) -> None:
        if not overlapped:  # the first report: wait (a while at most) for the next to begin
            overlapped.append(second_begun.wait(timeout=30))
    batch = build_many([three[0], three[2]], tmp_path / "out", office=FakeOffice(at_libreoffice))
    assert overlapped == [True]
    assert [o.status for o in batch.outcomes] == [Status.BUILT, Status.BUILT]


def test_an_interrupt_in_one_process_leaves_no_helper_thread(three, tmp_path):
    """Ctrl+C during a one-process batch: raised again once the report being prepared is
    done (it writes nothing); no report written, no helper thread left behind."""
    import threading
    before = threading.active_count()

    def interrupt(job: Job) -> None:
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        build_many(three, tmp_path / "out", toc=False, started=interrupt)
    assert threading.active_count() == before
    assert list((tmp_path / "out").iterdir()) == []
