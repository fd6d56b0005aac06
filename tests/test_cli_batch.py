"""``python -m reportgen 工作簿或文件夹… --out-dir 输出文件夹``: one report per workbook.

The clerk sees the progress, then every failed workbook's problems under its name, then a
table of outcomes; exit code 1 when any workbook failed. The plain ``reportgen WORKBOOK``
is unchanged (tests/test_cli.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cli_run import run_cli

from reportgen import batch as batch_module
from reportgen.cli import main
from reportgen.office.session import OfficeSession, find_office
from reportgen.word.toc import read_toc
from workbooks import build, cell_of


def _bad(wb) -> None:
    cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"
    wb["基本信息"]["B7"] = "年底"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """甲校 and 丙校 are good, 乙校 has two errors; Excel's lock file beside them."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    build(inputs, name="甲校.xlsx")
    build(inputs, _bad, name="乙校.xlsx")
    build(inputs, name="丙校.xlsx")
    (inputs / "~$甲校.xlsx").write_bytes(b"lock")
    return inputs


def _table(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines()]


@pytest.mark.office
@pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                    reason="needs LibreOffice with python3-uno")
def test_three_workbooks_one_bad(folder, tmp_path, monkeypatch):
    """Three workbooks (a folder), one bad, with --pdf: two reports with filled tables of
    contents and two PDFs written; the bad one's errors listed at their cells under its name;
    the summary table printed; exit code 1; LibreOffice started once for the whole batch."""
    sessions: list[OfficeSession] = []

    class Counted(OfficeSession):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            sessions.append(self)
    monkeypatch.setattr(batch_module, "OfficeSession", Counted)
    out_dir = tmp_path / "报告"
    code, out, err = run_cli(str(folder), "--out-dir", str(out_dir), "--pdf")
    assert code == 1, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["丙校.docx", "丙校.pdf",
                                                          "甲校.docx", "甲校.pdf"]
    for name in ("甲校", "丙校"):
        assert read_toc(out_dir / f"{name}.docx")
        assert (out_dir / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert "乙校.xlsx：工作簿中有 2 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试：\n" \
           "  乙校.xlsx › 基本信息!B7：应为日期，实为“年底”。" in err
    assert "  乙校.xlsx › 人才培养质量计分卡!D2：应为数字，实为“一千二”。" in err
    rows = _table(out)
    assert rows[0] == ["工作簿", "结果", "警告", "错误"]
    assert [r[0] for r in rows[1:4]] == ["丙校.xlsx", "乙校.xlsx", "甲校.xlsx"]
    for line in (out.splitlines()[1], out.splitlines()[3]):
        assert "已生成（含 PDF）" in line and line.split()[-1] == "0"
    assert rows[2] == ["乙校.xlsx", "未生成", "0", "2"]
    assert out.splitlines()[4].startswith("共 3 个工作簿：已生成 2 份报告，1 份未生成")
    assert [s.starts for s in sessions] == [1]


def test_progress_and_summary_without_libreoffice(folder, tmp_path):
    """--no-toc: in a log (not a terminal) one line per workbook built; the table lists each
    workbook with its result, warnings and errors; exit code 1 for the bad one."""
    code, out, err = run_cli(str(folder), "--out-dir", str(tmp_path / "out"), "--no-toc")
    assert code == 1
    progress = [line for line in err.splitlines() if line.startswith("[")]
    assert progress == ["[1/3] 丙校.xlsx：已生成", "[2/3] 乙校.xlsx：未生成", "[3/3] 甲校.xlsx：已生成"]
    rows = _table(out)
    assert rows[1][:2] == ["丙校.xlsx", "已生成"] and rows[3][:2] == ["甲校.xlsx", "已生成"]
    assert rows[2] == ["乙校.xlsx", "未生成", "0", "2"]
    assert "Traceback" not in err


def test_all_good_exits_0(folder, tmp_path):
    """Several workbooks named one by one, all good: every report written, exit code 0."""
    code, out, _ = run_cli(str(folder / "甲校.xlsx"), str(folder / "丙校.xlsx"),
                           "--out-dir", str(tmp_path / "out"), "--no-toc")
    assert code == 0
    assert (tmp_path / "out" / "甲校.docx").is_file() and (tmp_path / "out" / "丙校.docx").is_file()
    assert "共 2 个工作簿：已生成 2 份报告（" in out


def test_a_progress_bar_on_a_terminal(folder, tmp_path):
    """On a terminal the progress bar names the workbook being built and counts to the end."""
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    out, err = io.StringIO(), Terminal()
    code = main([str(folder / "甲校.xlsx"), str(folder / "丙校.xlsx"), "--out-dir",
                 str(tmp_path / "out"), "--no-toc"], stdout=out, stderr=err)
    assert code == 0
    shown = err.getvalue()
    assert "正在生成 甲校.xlsx" in shown and "正在生成 丙校.xlsx" in shown
    assert "2/2" in shown.split("\r")[-1]


@pytest.mark.parametrize("args, said", [
    (["-o", "x.docx"], "生成多份报告时不能用 -o"),
    (["--jobs", "0"], "--jobs: 应为 1 或更大的整数"),
])
def test_wrong_batch_calls_exit_2(folder, tmp_path, args, said):
    """-o with several workbooks, or --jobs below 1, is a usage error."""
    code, _, err = run_cli(str(folder), "--out-dir", str(tmp_path / "out"), *args)
    assert code == 2 and said in err


def test_jobs_without_a_batch_exits_2(folder):
    """--jobs for a single report (no --out-dir) is a usage error saying what to add."""
    code, _, err = run_cli(str(folder / "甲校.xlsx"), "--jobs", "2")
    assert code == 2 and "--jobs 只用于批量生成" in err


def test_several_workbooks_need_an_output_folder(folder):
    """Several workbooks without --out-dir: told to name the folder."""
    code, _, err = run_cli(str(folder / "甲校.xlsx"), str(folder / "丙校.xlsx"))
    assert code == 2 and "请用 --out-dir 写出保存报告的文件夹" in err


def test_a_bug_on_one_workbook_is_said_in_chinese(folder, tmp_path, buggy_first_workbook):
    """A bug while building one workbook: the clerk reads, in Chinese, that its report was not
    made and to rerun with --debug — not Python's exception text; --debug shows the traceback;
    exit code 3."""
    code, _, err = run_cli(str(folder), "--out-dir", str(tmp_path / "out"), "--no-toc")
    assert code == 3
    assert "甲校.xlsx：程序内部错误，报告未生成。" in err and "请加 --debug 重新运行" in err
    assert "RuntimeError" not in err and "boom" not in err
    code, _, err = run_cli(str(folder), "--out-dir", str(tmp_path / "out"), "--no-toc", "--debug")
    assert code == 3 and "Traceback" in err and "RuntimeError: boom" in err


def test_a_folder_without_an_output_folder_is_told_to_add_one(folder):
    """A folder of workbooks without --out-dir is a batch missing its output folder: the clerk
    is told to add --out-dir (not that a folder is not a workbook)."""
    code, _, err = run_cli(str(folder))
    assert code == 2 and "请用 --out-dir 写出保存报告的文件夹" in err


def test_a_file_that_is_no_workbook_is_headed_as_on_a_single_build(folder, tmp_path):
    """A batch names a file that is no workbook as a single build does ("无法读取工作簿"), not
    as a workbook with errors to mend one by one."""
    (folder / "丁校.xlsx").write_text("学校,人数\n", encoding="utf-8")
    code, _, err = run_cli(str(folder), "--out-dir", str(tmp_path / "out"), "--no-toc")
    assert code == 1
    assert "丁校.xlsx：无法读取工作簿，报告未生成（已有的报告未改动）：" in err
    assert "乙校.xlsx：工作簿中有 2 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试：" in err
