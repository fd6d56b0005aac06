"""The command a clerk runs: ``python -m reportgen WORKBOOK``.

It says in Chinese where the report went, or what is wrong; exit code 0 when done, 1 for bad
data, 2 for a wrong call; never a traceback unless ``--debug``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "inputs" / "2024.xlsx"



def test_writes_the_report_and_says_where(tmp_path: Path):
    """With -o the report goes there, and the command prints the path."""
    target = tmp_path / "报告.docx"
    code, out, err = run_cli(str(WORKBOOK), "-o", str(target))
    assert code == 0, err
    assert target.is_file() and target.stat().st_size > 20_000
    assert out.strip() == f"已生成报告：{target}"


def test_default_output_is_beside_the_workbook(tmp_path: Path):
    """Without -o the report takes the workbook's name and folder."""
    workbook = tmp_path / "2024.xlsx"
    workbook.write_bytes(WORKBOOK.read_bytes())
    code, out, _ = run_cli(str(workbook))
    assert code == 0 and (tmp_path / "2024.docx").is_file()


def test_help_is_in_chinese():
    """--help explains the command in Chinese."""
    result = subprocess.run([sys.executable, "-m", "reportgen", "--help"], capture_output=True,
                            text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert result.returncode == 0
    for words in ("用法：", "工作簿", "报告的保存位置", "--template", "显示本帮助并退出"):
        assert words in result.stdout


def test_missing_workbook_is_a_usage_error_without_traceback(tmp_path: Path):
    """A file that is not there: exit 2, one Chinese line naming it."""
    code, out, err = run_cli(str(tmp_path / "没有.xlsx"))
    assert code == 2 and out == ""
    assert "找不到工作簿文件" in err and "Traceback" not in err


def test_unknown_option_is_a_usage_error():
    """An option the command does not know: exit 2 and the usage line."""
    code, _, err = run_cli(str(WORKBOOK), "--colour")
    assert code == 2 and "不认识的参数" in err and "用法：" in err


def test_refuses_to_write_over_its_template(tmp_path: Path):
    """The output may not be the template the report is laid out with."""
    template = tmp_path / "模板.docx"
    template.write_bytes((ROOT / "templates" / "report.docx").read_bytes())
    code, _, err = run_cli(str(WORKBOOK), "-o", str(template), "--template", str(template))
    assert code == 2 and "不能覆盖" in err
    assert template.read_bytes() == (ROOT / "templates" / "report.docx").read_bytes()


def test_build_points_to_check_when_the_figures_disagree(tmp_path: Path):
    """The published figures contradict each other: the report is still produced; the build
    says how many findings there are, shows the three most important (of three different
    kinds, two official tables disagreeing first) and ends with the command listing them all —
    eight lines, not one per finding."""
    code, out, err = run_cli(str(WORKBOOK), "-o", str(tmp_path / "r.docx"), "--no-toc")
    assert code == 0 and "已生成报告" in out
    lines = err.strip().splitlines()
    assert lines[0] == "数据检查发现警告 41 处、提示 2 处，报告照常生成。最重要的几处："
    assert [line[:5] for line in lines[1:7:2]] == ["  1. ", "  2. ", "  3. "]
    assert "2024.xlsx › 表-毕业生服务三次产业情况!F6“528” ↔ 人才培养质量计分卡!D8“433人”" in lines[2]
    assert lines[-1].startswith("逐条查看其余各处") and "python -m reportgen check" in lines[-1]
    assert len(lines) == 8


_UNUSED_BY_A_BUILD = ("reportgen.office.session", "reportgen.office.process", "subprocess",
                      "reportgen.office.pages", "reportgen.cli.check", "reportgen.cli.batch",
                      "reportgen.xlsx.annotate", "reportgen.layout.charts",
                      "reportgen.word.pictures", "reportgen.importing", "reportgen.web",
                      "reportgen.yearly.merging", "matplotlib", "tqdm", "starlette", "uvicorn",
                      "hypothesis")


def test_a_build_without_libreoffice_loads_only_what_it_uses(tmp_path: Path):
    """``reportgen 工作簿 --no-toc`` of a workbook without pictures or charts starts no
    LibreOffice and does not even load its modules, nor those of the other commands (check,
    batch, annotate, pages, import, web), of charts, pictures or the progress bar."""
    from workbooks import build

    workbook = build(tmp_path)
    script = ("import sys; from reportgen.cli import main; "
              f"code = main([{str(workbook)!r}, '--no-toc', '-o', {str(tmp_path / 'r.docx')!r}]); "
              f"print(code, sorted(m for m in {_UNUSED_BY_A_BUILD!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parent)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr[-2000:]
    assert (tmp_path / "r.docx").is_file()


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path):
    """The collector is paused while one report is built (its objects live until the end),
    and on again afterwards, even when the build fails, for a script or test calling the
    command; a collector its caller turned off stays off."""
    import gc

    from workbooks import build

    workbook = build(tmp_path)
    assert gc.isenabled()
    assert run_cli(str(workbook), "--no-toc", "-o", str(tmp_path / "r.docx"))[0] == 0
    assert gc.isenabled()
    assert run_cli(str(tmp_path / "missing.xlsx"), "--no-toc")[0] == 2
    assert gc.isenabled()
    gc.disable()
    try:
        run_cli(str(workbook), "--no-toc", "-o", str(tmp_path / "r.docx"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_report_stopped_by_an_error_is_not_said_to_be_made(tmp_path: Path):
    """A placeholder naming nothing stops the report; the check findings printed beside the
    error do not say the report was produced as usual (the error says it was not)."""
    from openpyxl import load_workbook

    workbook = tmp_path / "错.xlsx"
    wb = load_workbook(WORKBOOK)
    wb["正文"]["B4"] = f"{wb['正文']['B4'].value}〔没有这个数〕"
    wb.save(workbook)
    code, _, err = run_cli(str(workbook), "--no-toc")
    assert code == 1 and "报告未生成" in err and "〔没有这个数〕" in err
    assert "数据检查发现警告" in err and "报告照常生成" not in err
    assert not (tmp_path / "错.docx").exists()
