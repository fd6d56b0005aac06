"""What the clerk sees when something is wrong: every problem at once, located, in Chinese;
exit 1 for bad data, 2 for bad usage; no traceback unless --debug."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from check_workbooks import build_consistent, set_figure
from cli_run import run_cli
from openpyxl import load_workbook
from workbooks import build, cell_of

from reportgen.cli import main

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


# -- consoles that are not UTF-8, characters that are not characters, interrupts --

ROOT = Path(__file__).parent.parent


MODULE = ("-m", "reportgen")
"""``python -m reportgen``."""
SCRIPT = ("-c", "import sys; from reportgen.__main__ import run; sys.exit(run())")
"""What the installed ``reportgen`` command runs."""


def run_module(*args: str, cwd: Path, encoding: str | None = None,
               pythonpath: tuple[Path, ...] = (),
               launcher: tuple[str, str] = MODULE) -> subprocess.CompletedProcess[bytes]:
    """``python -m reportgen ARGS`` in a child process whose output streams use ``encoding``
    (as when a Chinese Windows redirects output: GBK)."""
    env = {"PYTHONPATH": os.pathsep.join(str(p) for p in (*pythonpath, ROOT / "src")),
           "PATH": os.environ.get("PATH", "")}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, *launcher, *args], capture_output=True,
                          cwd=cwd, env=env, timeout=120)


def with_emoji(tmp_path: Path) -> Path:
    """A workbook whose date cell holds text with an emoji, which an error quotes."""
    def tweak(wb):
        wb["基本信息"]["B7"] = "年底👍"
    return build(tmp_path, tweak)


def test_check_on_a_gbk_console_prints_what_it_can(tmp_path):
    """GBK has no emoji (nor the › of locations): `check` used to crash (exit 3) at the
    first one. Output now replaces what the console cannot show — › by >, anything else by
    ? — and the JSON for scripts escapes it, so nothing is lost there."""
    workbook = with_emoji(tmp_path)
    text = run_module("check", workbook.name, cwd=tmp_path, encoding="gbk")
    assert text.returncode == 1, text.stderr.decode("gbk", "replace")
    shown = text.stdout.decode("gbk")
    assert "位置：test.xlsx > 基本信息!B7　内容：年底?" in shown
    as_json = run_module("check", workbook.name, "--format", "json", cwd=tmp_path,
                         encoding="gbk")
    assert as_json.returncode == 1
    findings = json.loads(as_json.stdout.decode("gbk"))["findings"]
    assert [f["found"] for f in findings] == ["年底👍"]


def test_a_report_named_with_an_emoji_is_reported_as_made_on_a_gbk_console(tmp_path):
    """The report 报告👍.docx is written; saying so on a GBK console used to fail, and the
    clerk read “程序内部错误，报告未生成” about a report that was there."""
    build(tmp_path)
    result = run_module("test.xlsx", "-o", "报告👍.docx", "--no-toc", cwd=tmp_path,
                        encoding="gbk")
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    assert result.stdout.decode("gbk") == "已生成报告：报告?.docx\n"
    assert (tmp_path / "报告👍.docx").is_file()


def test_streams_given_to_main_are_made_tolerant_too(tmp_path):
    """A caller's own text stream in GBK gets the same replacement (the caller's stream is
    wrapped, not changed)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    err = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    code = main(["check", str(with_emoji(tmp_path))], stdout=out, stderr=err)
    out.flush()
    assert code == 1
    assert "内容：年底?" in out.buffer.getvalue().decode("gbk")  # type: ignore[attr-defined]
    assert out.errors == "strict"


def test_grouped_findings_and_the_build_summary_on_a_gbk_console(tmp_path):
    """GBK lacks the ▸ before each rule of `check` and the ↔ between a finding's two places
    in a build's summary: they print as > and <->, never as ? or a crash."""
    workbook = build_consistent(tmp_path, lambda wb: set_figure(wb, "scorecard.graduates", 101))
    shown = []
    for args in (["check", str(workbook)],
                 [str(workbook), "-o", str(tmp_path / "报告.docx"), "--no-toc"]):
        out = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
        err = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
        assert main(args, stdout=out, stderr=err) == 0
        out.flush()
        err.flush()
        shown.append(out.buffer.getvalue().decode("gbk")  # type: ignore[attr-defined]
                     + err.buffer.getvalue().decode("gbk"))  # type: ignore[attr-defined]
    check, build_output = shown
    assert "\n  > text.graduates：" in check and "?" not in check
    assert "正文!B3“毕业生100人” <-> 人才培养质量计分卡!D2“101人”" in build_output
    assert "?" not in build_output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_with_a_lone_surrogate_in_an_indicator_name(tmp_path, fmt):
    """``_xD800_`` (half a UTF-16 pair) in an indicator name crashed `check` on a UTF-8
    console, the JSON cut off half-way. It reads as �, the name is refused as usual, and a
    warning names the cell."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*", column="指标").value = "毕业生人数_xD800_*"
    workbook = build(tmp_path, tweak)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    code = main(["check", str(workbook), "--format", fmt], stdout=out, stderr=err)
    out.flush()
    printed = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert code == 1
    if fmt == "json":
        findings = json.loads(printed)["findings"]
        assert [(f["severity"], f["where"]["cell"], f["found"]) for f in findings] == [
            ("warning", "B2", "毕业生人数\ufffd*"), ("error", "B2", "毕业生人数\ufffd*（人）")]
    else:
        assert "位置：test.xlsx › 人才培养质量计分卡!B2　内容：毕业生人数\ufffd*（人）" in printed
        assert "含有无法识别的字符（不完整的 Unicode 代理字符），已换成“\ufffd”" in printed


def not_a_workbook(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / ("名单.csv" if kind == "csv" else "2024.xlsx")
    path.write_bytes({"empty": b"", "random": bytes(range(256)) * 16,
                      "csv": "学校,人数\n一中,12\n".encode("gbk")}[kind])
    return path


@pytest.mark.parametrize("kind", ["empty", "random", "csv"])
def test_check_annotate_on_a_file_that_is_not_a_workbook(tmp_path, kind):
    """`check --annotate` on an empty, random or CSV file gives plain `check`'s located
    answer (exit 1) instead of an internal error (exit 3); no copy is written."""
    path = not_a_workbook(tmp_path, kind)
    plain = run_cli("check", str(path))
    code, out, err = run_cli("check", str(path), "--annotate", str(tmp_path / "标注.xlsx"))
    assert (code, out) == plain[:2] and code == 1
    lines = out.splitlines()
    assert lines[4] == "【整个工作簿】" and lines[5].startswith("  1. ")  # grouped by place
    assert f"     位置：{path.name}" in out.splitlines()
    assert err == f"未写出标注副本 {tmp_path / '标注.xlsx'}：工作簿无法读取（原因见检查结果）。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("launcher", [MODULE, SCRIPT], ids=["python -m", "command"])
def test_ctrl_c_while_the_program_starts_says_interrupted(tmp_path, launcher):
    """SIGINT arriving while the libraries are imported (here: when openpyxl is, through a
    stand-in that signals itself) prints 已中断。 and exits 2, as later interrupts do — no
    traceback; for ``python -m reportgen`` and for the installed ``reportgen`` command."""
    fake = tmp_path / "fake" / "openpyxl"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "import os, signal, time\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(30)\n")
    result = run_module("check", "2024.xlsx", cwd=tmp_path, pythonpath=(tmp_path / "fake",),
                        launcher=launcher)
    assert (result.returncode, result.stderr.decode()) == (2, "已中断。\n")
    assert result.stdout == b""


@pytest.mark.parametrize("argv,said", [
    (["a.xlsx", "-o"], "参数 -o/--output 后面需要一个值"),
    (["check", "a.xlsx", "--format", "xml"], "参数 --format 只能是"),
    (["a.xlsx", "--catalog-year", "abc"], "参数 --catalog-year 后面应为整数，实为“abc”"),
    (["a.xlsx", "--pdf=1"], "参数 --pdf 后面不带值（请去掉“=1”）"),
    (["a.xlsx", "--out", "x"], "参数 --out 不完整，可能是"),
    (["a.xlsx", "--jobs", "0"], "参数 --jobs: 应为 1 或更大的整数"),
])
def test_command_line_mistakes_are_said_in_chinese(argv: list[str], said: str):
    """argparse's own English (``argument``, ``invalid choice``, ``ambiguous option``) never
    reaches the clerk: each mistake is said in Chinese, naming the option to mend."""
    code, out, err = run_cli(*argv)
    first = err.splitlines()[0]
    assert code == 2 and said in first, err
    assert not any(word in first for word in ("argument", "invalid", "ambiguous", "ignored"))


def test_a_report_given_as_the_workbook_is_said_to_be_a_report(tmp_path: Path):
    """``reportgen 报告.docx`` (the report where the workbook belongs): the clerk is told it is
    a Word document, not that the report would overwrite its input; a workbook merely named
    .docx is still refused as its own output."""
    document = tmp_path / "报告.docx"
    shutil.copy(ROOT / "templates" / "report.docx", document)
    code, _, err = run_cli(str(document))
    assert code == 1 and "这是 Word 文档，不是 Excel 工作簿" in err and "就是输入文件" not in err
    renamed = tmp_path / "工作簿.docx"
    shutil.copy(ROOT / "inputs" / "2024.xlsx", renamed)
    code, _, err = run_cli(str(renamed), "--no-toc")
    assert code == 2 and "就是输入文件，不能覆盖它" in err


def test_a_workbook_given_to_import_is_said_to_be_a_workbook(tmp_path: Path):
    """``reportgen import 工作簿.xlsx``: told it is a workbook (to build from directly), not
    that the workbook would overwrite its input."""
    workbook = tmp_path / "2024.xlsx"
    shutil.copy(ROOT / "inputs" / "2024.xlsx", workbook)
    code, _, err = run_cli("import", str(workbook))
    assert code == 1 and "这是 Excel 工作簿，不是 Word 文档" in err and "就是输入文件" not in err


def test_a_refused_page_list_reads_like_every_other_refused_call(tmp_path: Path):
    """``pages`` with a page list it cannot read: exit code 2 and the same opening as every
    usage error (无法执行：), then what to write instead."""
    code, _, err = run_cli("pages", str(tmp_path / "r.pdf"), "--pages", "a")
    assert code == 2 and err.startswith("无法执行：页码“a”看不懂。请写成 1,5,9 或 3-6 这样的形式")
