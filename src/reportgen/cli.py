"""The command line: arguments in, Chinese messages and an exit code out; no business logic.

Exit codes: 0 done, 1 the workbook has problems (all of them are listed), 2 the command was
called wrongly, 3 an internal error (a bug: rerun with ``--debug`` and report it), 4 the
report was written but the PDF asked for with ``--pdf`` was not (LibreOffice missing or failed).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import Sequence, TextIO

from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity, UsageError
from reportgen.pipeline import default_output, generate

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_MESSAGES = {
    "unrecognized arguments": "不认识的参数",
    "expected one argument": "后面需要一个值",
    "the following arguments are required": "缺少参数",
}


class _ChineseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix or "用法：")


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese; a usage error raises :class:`UsageError`."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(formatter_class=_ChineseFormatter, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

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


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen WORKBOOK``."""
    parser = _Parser(
        prog="python -m reportgen",
        description="由 Excel 工作簿生成《中等职业学校年度质量报告》Word 文档。",
        epilog="例：python -m reportgen inputs/2024.xlsx -o 报告.docx\n"
               "只检查数据、不生成报告：python -m reportgen check inputs/2024.xlsx",
    )
    parser.add_argument("workbook", metavar="工作簿", help="填好的 Excel 工作簿（.xlsx）")
    parser.add_argument("-o", "--output", metavar="报告.docx",
                        help="报告的保存位置（默认：与工作簿同名、同文件夹的 .docx）")
    parser.add_argument("--template", metavar="模板.docx",
                        help="使用自己的 Word 模板（默认：内置的官方格式模板）")
    parser.add_argument("--pdf", action="store_true",
                        help="同时生成 PDF，保存在报告旁边（需要 LibreOffice）")
    parser.add_argument("--no-toc", action="store_true",
                        help="不用 LibreOffice 填写目录页码（目录留待 Word 打开时更新）")
    parser.add_argument("--debug", action="store_true",
                        help="出错时显示完整的技术信息（供维护人员排查）")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command; return its exit code."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        if args_list[:1] == ["check"]:
            from reportgen.check_command import run_check

            return run_check(args_list[1:], out, err)
        if args_list[:1] == ["pages"]:
            from reportgen.pages_command import run_pages

            return run_pages(args_list[1:], out, err)
        return _build(args_list, out, err)
    except ReportgenError as exc:
        _print_error(exc, err)
        if debug:
            traceback.print_exc(file=err)
        return exc.exit_code  # 1 data, 2 usage, 4 no PDF
    except KeyboardInterrupt:
        print("已中断。", file=err)
        return EXIT_USAGE
    except Exception:  # a bug: say so plainly, show the details only when asked
        if debug:
            traceback.print_exc(file=err)
        else:
            print("程序内部错误，报告未生成。请加 --debug 重新运行，并把显示的内容发给维护人员。",
                  file=err)
        return EXIT_INTERNAL


def _build(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = build_parser().parse_args(argv)
    problems = Problems()
    workbook = Path(args.workbook)
    target = Path(args.output) if args.output else default_output(workbook)
    try:
        written = generate(workbook, target, template=args.template, problems=problems,
                           pdf=args.pdf, toc=not args.no_toc)
    finally:
        _print_warnings(problems.items, err)
    print(f"已生成报告：{written}", file=out)
    if args.pdf:
        print(f"已生成 PDF：{written.with_suffix('.pdf')}", file=out)
    return EXIT_OK


def _print_warnings(problems: Sequence[Problem], err: TextIO) -> None:
    warnings = [p for p in problems if p.severity is not Severity.ERROR]
    for problem in warnings:
        print(f"{problem.severity.value}：{problem}", file=err)


def _print_error(exc: ReportgenError, err: TextIO) -> None:
    if isinstance(exc, DataError):
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        print(f"工作簿中有 {len(errors)} 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试：",
              file=err)
        for problem in errors:
            print(f"  {problem}", file=err)
    elif isinstance(exc, UsageError):
        print(f"无法执行：{exc}", file=err)
    else:  # pragma: no cover - every ReportgenError is one of the two
        print(str(exc), file=err)
