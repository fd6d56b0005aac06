"""What the clerk sees when something is wrong: every problem at once, located, in Chinese;
exit 1 for bad data, 2 for bad usage; no traceback unless --debug."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_run import run_cli
from openpyxl import load_workbook
from workbooks import build, cell_of

EXAMPLE = Path(__file__).parent.parent / "inputs" / "2024.xlsx"
OLD_REPORT = b"last week's report"



def test_bad_data_exits_1_with_every_problem_located(tmp_path):
    """Two problems in two sheets: both listed, each on its own line, after one summary."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"
        wb["基本信息"]["B7"] = "年底"
    code, out, err = run_cli(str(build(tmp_path, tweak)))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "工作簿中有 2 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试："
    assert lines[1] == "  test.xlsx › 基本信息!B7：应为日期，实为“年底”。请填写日期，例如 2024-12-30。"
    assert lines[2].startswith("  test.xlsx › 人才培养质量计分卡!D2：应为数字，实为“一千二”。")
    assert "Traceback" not in err


def test_a_file_that_is_not_a_workbook_exits_1(tmp_path):
    """A file of the wrong kind is bad data: located at the file, with what to do."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(b"")
    code, _, err = run_cli(str(path))
    assert code == 1
    assert err.startswith("无法读取工作簿，报告未生成（已有的报告未改动）：\n")
    assert "  2024.xlsx：文件是空的（0 字节），不是 Excel 工作簿。" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_2(tmp_path):
    """A wrong path is bad usage."""
    code, _, err = run_cli(str(tmp_path / "none.xlsx"))
    assert code == 2
    assert err.startswith("无法执行：找不到工作簿文件：")
    assert "Traceback" not in err


def test_an_unknown_option_exits_2():
    """A mistyped option is bad usage, said in Chinese with the usage line."""
    code, _, err = run_cli("a.xlsx", "--colour")
    assert code == 2
    assert "不认识的参数" in err and "用法：" in err


def test_debug_adds_the_traceback(tmp_path):
    """--debug shows the technical details after the clerk's message."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(b"")
    code, _, err = run_cli(str(path), "--debug")
    assert code == 1
    assert "文件是空的" in err and "Traceback (most recent call last)" in err


def test_warnings_are_printed_and_the_report_is_made(tmp_path):
    """Warnings do not stop the run; each is printed with its place."""
    def tweak(wb):
        wb["正文"]["C1"] = "说明"
    out_path = tmp_path / "r.docx"
    code, out, err = run_cli(str(build(tmp_path, tweak)), "-o", str(out_path))
    assert code == 0 and out_path.exists()
    assert "警告：test.xlsx › 正文!C1：多出的列，已忽略，实为“说明”。" in err


def break_example(path: Path) -> None:
    """Five different faults in a copy of the example workbook."""
    wb = load_workbook(path)
    wb["人才培养质量计分卡"]["D2"] = "一千二"                      # text in a number cell
    wb["基本信息"]["B7"] = "年底"                                  # not a date
    wb["案例"].append([wb["案例"]["A2"].value, "新案例", None, "正文"])  # duplicate case number
    wb["教学资源表"].delete_rows(3)                                # indicator row missing
    wb["正文"].append(["表格", "表-毕业生服务三次产业情况"])          # a table placed twice
    wb.save(path)


def test_five_faults_in_the_example_are_all_reported_and_nothing_is_lost(tmp_path):
    """The issue's acceptance run: a broken copy of inputs/2024.xlsx yields its five located
    messages in one run, and the report already beside it stays as it was."""
    workbook = tmp_path / "2024.xlsx"
    shutil.copyfile(EXAMPLE, workbook)
    break_example(workbook)
    report = tmp_path / "2024.docx"
    report.write_bytes(OLD_REPORT)
    code, out, err = run_cli(str(workbook))
    assert code == 1 and out == ""
    lines = [line.strip() for line in err.splitlines()]
    assert lines[0] == "工作簿中有 5 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试："
    broken = load_workbook(workbook)
    places = [line.split("：")[0] for line in lines[1:6]]
    assert sorted(places) == sorted([
        "2024.xlsx › 人才培养质量计分卡!D2",
        "2024.xlsx › 基本信息!B7",
        f"2024.xlsx › 案例!A{broken['案例'].max_row}",
        "2024.xlsx › 教学资源表!B3",
        f"2024.xlsx › 正文!B{broken['正文'].max_row}",
    ])
    assert any("应为数字，实为“一千二”" in line for line in lines)
    assert any("应为日期，实为“年底”" in line for line in lines)
    assert any("案例编号“1”重复（第一次在 A2）" in line for line in lines)
    assert any("缺少指标" in line for line in lines)
    assert any("被放置了两次" in line for line in lines)
    assert report.read_bytes() == OLD_REPORT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.docx", "2024.xlsx"]
