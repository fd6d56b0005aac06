"""Nothing is lost: the report is moved into place only when complete, a failed run leaves
an existing report untouched, inputs are never overwritten and the workbook never modified."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from reportgen.errors import DataError, UsageError
from reportgen.xlsx import load
from reportgen.pipeline import generate, write_report
from reportgen.word import default_template
from workbooks import build, cell_of

OLD_REPORT = b"an earlier report, which must survive a failed run"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder) -> list[str]:
    """Temporary files left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_report_is_written_whole_and_the_workbook_is_untouched(tmp_path):
    """The report appears complete; the workbook's bytes and time stamp do not change."""
    workbook = build(tmp_path)
    before, mtime = digest(workbook), workbook.stat().st_mtime_ns
    out = tmp_path / "report.docx"
    write_report(load(workbook), out)
    assert out.read_bytes()[:2] == b"PK"
    assert (digest(workbook), workbook.stat().st_mtime_ns) == (before, mtime)
    assert leftovers(tmp_path) == []


def test_a_data_error_leaves_an_existing_report_untouched(tmp_path):
    """A workbook with problems changes nothing on disk."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"
    workbook = build(tmp_path, tweak)
    out = tmp_path / "report.docx"
    out.write_bytes(OLD_REPORT)
    with pytest.raises(DataError):
        generate(workbook, out)
    assert out.read_bytes() == OLD_REPORT
    assert leftovers(tmp_path) == []


def test_a_failure_while_rendering_leaves_an_existing_report_untouched(tmp_path):
    """A broken template fails after the workbook was read: still nothing changes."""
    template = tmp_path / "broken.docx"
    template.write_bytes(b"not a template")
    out = tmp_path / "report.docx"
    out.write_bytes(OLD_REPORT)
    with pytest.raises(UsageError, match="broken.docx 不是可用的 Word 模板"):
        generate(build(tmp_path), out, template=template)
    assert out.read_bytes() == OLD_REPORT
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_removes_the_temporary_file(tmp_path, monkeypatch):
    """If moving into place fails, the half-done file is removed, the old report stays, and
    the failure is told in Chinese (a usage error naming the file)."""
    out = tmp_path / "report.docx"
    out.write_bytes(OLD_REPORT)
    report = load(build(tmp_path))

    def fail(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UsageError, match="无法写入 .*report.docx：disk full"):
        write_report(report, out)
    assert out.read_bytes() == OLD_REPORT
    assert leftovers(tmp_path) == []


def test_the_report_never_replaces_its_workbook(tmp_path):
    """Naming the workbook (even renamed .docx via a link) as the output is refused."""
    workbook = build(tmp_path)
    with pytest.raises(UsageError, match="输出文件应以 .docx 结尾"):
        generate(workbook, workbook)
    link = tmp_path / "same.docx"
    os.link(workbook, link)
    before = digest(workbook)
    with pytest.raises(UsageError, match="就是输入文件，不能覆盖它。请用 -o 指定另一个文件名"):
        generate(workbook, link)
    assert digest(workbook) == before


def test_the_report_never_replaces_its_template(tmp_path):
    """Naming the template as the output is refused before anything is read."""
    template = tmp_path / "template.docx"
    template.write_bytes(default_template().read_bytes())
    with pytest.raises(UsageError, match="template.docx 就是输入文件，不能覆盖它"):
        generate(build(tmp_path), template, template=template)
    assert template.read_bytes() == default_template().read_bytes()


def test_a_folder_as_output_is_refused(tmp_path):
    """An output path that is a folder gets a usage error, not a traceback."""
    folder = tmp_path / "out.docx"
    folder.mkdir()
    with pytest.raises(UsageError, match="是文件夹"):
        write_report(load(build(tmp_path)), folder)


def test_the_report_gets_normal_permissions(tmp_path):
    """A new report is readable as the umask allows (not mkstemp's owner-only 0600); a
    replaced report keeps the permissions it had."""
    umask = os.umask(0o022)
    try:
        out = tmp_path / "new.docx"
        write_report(load(build(tmp_path)), out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        write_report(load(build(tmp_path)), out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_a_folder_as_output_is_refused_before_the_workbook_is_read(tmp_path):
    """A folder named as the report is refused at once: the clerk is not first shown the
    workbook's problems (here: a file that is no workbook at all)."""
    folder = tmp_path / "out.docx"
    folder.mkdir()
    not_a_workbook = tmp_path / "空.xlsx"
    not_a_workbook.write_bytes(b"")
    with pytest.raises(UsageError, match="是文件夹"):
        generate(not_a_workbook, folder)


def test_a_missing_template_is_refused_before_the_workbook_is_read(tmp_path):
    """``--template`` naming no file is said at once, before the workbook is read and checked
    (here the workbook is no workbook at all: its problem is not what the clerk hears)."""
    not_a_workbook = tmp_path / "空.xlsx"
    not_a_workbook.write_bytes(b"")
    with pytest.raises(UsageError, match="找不到模板文件"):
        generate(not_a_workbook, tmp_path / "r.docx", template=tmp_path / "没有.docx")


def test_the_garbage_collector_is_paused_while_a_report_is_built_and_on_again_after(
        tmp_path, monkeypatch):
    """Nearly every object of a build lives until it ends, so the cyclic collector is paused
    while the workbook is read, checked and rendered (a script building many reports gets
    that speed too), and is on again afterwards — also when the build fails."""
    import gc

    import reportgen.pipeline as pipeline

    seen = []
    real_review = pipeline.review

    def review(report, problems=None):
        seen.append(gc.isenabled())
        return real_review(report, problems)

    monkeypatch.setattr(pipeline, "review", review)
    assert gc.isenabled()
    generate(build(tmp_path), tmp_path / "r.docx", toc=False)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(DataError):
        generate(build(tmp_path, lambda wb: wb["基本信息"].delete_rows(2), "bad.xlsx"),
                 tmp_path / "bad.docx", toc=False)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that turned it off keeps it off
        generate(build(tmp_path), tmp_path / "r.docx", toc=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
