"""``python -m reportgen check``: findings grouped by severity, JSON for scripts, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from check_workbooks import build_consistent, set_figure, set_prose
from cli_run import run_cli

EXAMPLE = Path(__file__).parent.parent / "inputs" / "2024.xlsx"



def test_the_published_report_lists_its_contradictions_and_exits_0():
    """Warnings and notes only: exit 0, grouped under 警告 and 提示, each with both places."""
    code, out, _ = run_cli("check", str(EXAMPLE))
    assert code == 0
    assert out.startswith("检查 2024.xlsx：错误 0 处，警告 41 处，提示 2 处。")
    assert "\n警告（41 处）\n" in out and "\n提示（2 处）\n" in out
    assert "位置：2024.xlsx › 正文!B19　内容：毕业生1476人" in out
    assert "对照：2024.xlsx › 人才培养质量计分卡!D2　内容：1234人" in out


def test_json_for_scripts():
    """--format json: counts and findings with both places and both values."""
    code, out, _ = run_cli("check", str(EXAMPLE), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counts"] == {"error": 0, "warning": 41, "info": 2}
    finding = next(f for f in data["findings"] if f["rule"] == "sectors.total_scorecard_vs_table")
    assert finding["where"] == {"file": "2024.xlsx", "sheet": "表-毕业生服务三次产业情况",
                                "cell": "F6"}
    assert finding["related"]["cell"] == "D8"
    assert (finding["found"], finding["expected"]) == ("528", "433人")


def test_errors_exit_1(tmp_path):
    """An impossible value (a percentage above 100) is an error: exit 1."""
    path = build_consistent(tmp_path, lambda wb: set_figure(
        wb, "scorecard.in_province_placement_rate", 120))
    code, out, _ = run_cli("check", str(path))
    assert code == 1 and "\n错误（1 处）\n" in out


def test_a_clean_workbook_says_so(tmp_path):
    """No finding: exit 0 and one reassuring line."""
    code, out, _ = run_cli("check", str(build_consistent(tmp_path)))
    assert code == 0 and "没有发现问题。" in out


def test_annotate_writes_a_marked_copy(tmp_path):
    """--annotate writes the copy and says where."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, "毕业生1476人。"))
    code, _, err = run_cli("check", str(path), "--annotate", str(tmp_path / "标注.xlsx"))
    assert code == 0 and (tmp_path / "标注.xlsx").exists() and "标注副本" in err


def test_annotating_over_the_input_is_a_usage_error(tmp_path):
    """Exit 2, and the workbook is untouched."""
    path = build_consistent(tmp_path)
    before = path.read_bytes()
    code, _, err = run_cli("check", str(path), "--annotate", str(path))
    assert code == 2 and "不能覆盖" in err and path.read_bytes() == before


def test_a_missing_workbook_is_a_usage_error(tmp_path):
    """The same exit codes as the build: 2 for a wrong call."""
    code, _, err = run_cli("check", str(tmp_path / "nothing.xlsx"))
    assert code == 2 and "找不到" in err


def test_help_is_in_chinese():
    """check --help describes the command and its options in Chinese."""
    root = Path(__file__).parent.parent
    result = subprocess.run([sys.executable, "-m", "reportgen", "check", "--help"],
                            capture_output=True, text=True, cwd=root,
                            env={"PYTHONPATH": str(root / "src"), "PATH": ""})
    assert result.returncode == 0
    assert "--annotate" in result.stdout and "检查工作簿" in result.stdout


def test_the_build_prints_the_warnings_and_still_writes_the_report(tmp_path):
    """Before every build the same checks run: warnings printed, report produced."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, "毕业生1476人。"))
    out_docx = tmp_path / "out.docx"
    code, _, err = run_cli(str(path), "-o", str(out_docx), "--no-toc") if _has_no_toc() else run_cli(
        str(path), "-o", str(out_docx))
    assert code == 0 and out_docx.exists()
    assert "警告" in err and "毕业生1476人" in err


def _has_no_toc() -> bool:
    from reportgen.cli import build_parser

    return "--no-toc" in build_parser().format_help()


def test_the_catalog_year_can_be_chosen(tmp_path):
    """--catalog-year reads the tables with that year's catalog (no note about the workbook's
    later year); a year without a catalog is bad usage, naming the years there are."""
    def later(wb):
        wb["基本信息"]["B4"] = 2099
    workbook = build_consistent(tmp_path, later)
    code, out, _ = run_cli("check", str(workbook))
    assert code == 0 and "没有 2099 年的指标目录，按 2024 年的指标目录读取指标表" in out
    code, out, _ = run_cli("check", str(workbook), "--catalog-year", "2024")
    assert (code, "指标目录" in out) == (0, False)
    code, _, err = run_cli("check", str(workbook), "--catalog-year", "1999")
    assert code == 2 and "没有 1999 年的指标目录。现有的指标目录：2024 年" in err


def test_findings_are_grouped_by_section_and_rule():
    """Within each severity, findings stand under the section or table they are in (in reading
    order), then under their rule with what it checks; numbering runs on through the groups, and
    each finding ends with its 编号."""
    _, out, _ = run_cli("check", str(EXAMPLE))
    section = out.index("\n【学校概况 › 学生规模 › 毕业生规模】\n")
    rule = out.index("\n  ▸ text.graduates：正文中“毕业生…人”的数字应与表中数值一致\n", section)
    finding = out.index("正文!B19　内容：毕业生1476人", rule)
    assert section < rule < finding
    assert out.index("【学校概况 › 基本情况】") < section < out.index("【满意度调查表】")
    numbers = [int(line.split(".")[0]) for line in out.splitlines()
               if line[:3].strip().isdigit() and line[3:5] == ". "]
    assert numbers[:41] == list(range(1, 42))
    assert out.count("编号：") == 43


def test_json_gives_each_finding_its_id_and_section():
    """Scripts get the 编号, the mark (null when unmarked) and the section of every finding."""
    _, out, _ = run_cli("check", str(EXAMPLE), "--format", "json")
    finding = next(f for f in json.loads(out)["findings"] if f["rule"] == "text.money_total")
    assert finding["section"].endswith("经费投入") and finding["checked"] is None
    assert len(finding["id"]) == 9 and finding["id"][4] == "-"
