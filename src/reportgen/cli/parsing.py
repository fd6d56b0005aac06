"""What every command shares: a Chinese argparse, exit codes, and printing problems."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence, TextIO

from reportgen.errors import DataError, Problem, ReportgenError, Severity, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_MESSAGES = {
    "unrecognized arguments": "不认识的参数",
    "expected one argument": "后面需要一个值",
    "the following arguments are required": "缺少参数",
}


class ChineseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix or "用法：")


class Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese; a usage error raises :class:`UsageError`."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(formatter_class=ChineseFormatter, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        self.add_argument("--debug", action="store_true",
                          help="出错时显示完整的技术信息（供维护人员排查）")

    def format_help(self) -> str:
        """argparse ends section titles with an ASCII colon; Chinese takes a full-width one."""
        text = super().format_help()
        for title in (self._positionals.title, self._optionals.title):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in _ARGPARSE_MESSAGES.items():
            message = message.replace(english, chinese)
        raise UsageError(f"{message}\n{self.format_usage().strip()}\n用 --help 查看说明")


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def print_warnings(problems: Sequence[Problem], err: TextIO, workbook: Path) -> None:
    """Warnings and notes, one a line; then, if the checks found anything, how to go through
    the findings one by one."""
    shown = [p for p in problems if p.severity is not Severity.ERROR]
    for problem in shown:
        print(f"{problem.severity.value}：{problem}", file=err)
    findings = [p for p in shown if p.rule]
    if findings:
        counts = "、".join(f"{severity.value} {n} 处" for severity in SEVERITY_ORDER
                          if (n := sum(p.severity is severity for p in findings)))
        print(f"数据检查发现{counts}，报告照常生成。逐条核对请运行：python -m reportgen check "
              f"{workbook}（加 --annotate 标注.xlsx 可在工作簿副本中标出这些单元格）", file=err)


def print_error(exc: ReportgenError, err: TextIO) -> None:
    if isinstance(exc, DataError):
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        if errors and all(p.code == "E-WORKBOOK-UNFILLED" for p in errors):
            heading = "报告未生成（已有的报告未改动）："
        elif errors and all(p.where is None or not p.where.sheet for p in errors):
            heading = "无法读取工作簿，报告未生成（已有的报告未改动）："
        else:
            heading = f"工作簿中有 {len(errors)} 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试："
        print(heading, file=err)
        for problem in errors:
            print(f"  {problem}", file=err)
    elif isinstance(exc, UsageError):
        print(f"无法执行：{exc}", file=err)
    else:  # the report is in place but something asked for after it failed (the PDF)
        print(str(exc), file=err)
