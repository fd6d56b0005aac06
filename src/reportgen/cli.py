"""The command line: arguments in, Chinese messages and an exit code out; no business logic.

Three commands: ``reportgen WORKBOOK`` builds the report; ``reportgen check WORKBOOK`` lists the
workbook's problems and findings without building; ``reportgen pages REPORT`` draws chosen
pages as PNG pictures for review.

Exit codes: 0 done, 1 the workbook has problems (all of them are listed), 2 the command was
called wrongly, 3 an internal error (a bug: rerun with ``--debug`` and report it), 4 the
report was written but the PDF asked for with ``--pdf`` was not (LibreOffice missing or failed).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any, Sequence, TextIO

from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity, UsageError
from reportgen.model import SourceRef
from reportgen.pipeline import (
    DEFAULT_DPI,
    annotate,
    check_workbook,
    default_output,
    generate,
    parse_pages,
    render_pages,
)

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
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command; return its exit code."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        if args_list[:1] == ["check"]:
            return _check(args_list[1:], out, err)
        if args_list[:1] == ["pages"]:
            return _pages(args_list[1:], out, err)
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
        _print_warnings(problems.items, err, workbook)
    print(f"已生成报告：{written}", file=out)
    if args.pdf:
        print(f"已生成 PDF：{written.with_suffix('.pdf')}", file=out)
    return EXIT_OK


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
JSON_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def build_check_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen check``: the workbook's problems without building.

    Findings are grouped by severity (错误 / 警告 / 提示), each with both places and both values;
    ``--format json`` prints them for scripts; ``--annotate OUT.xlsx`` writes a marked copy of
    the workbook. Exit code 1 when there is an error (warnings do not fail the check).
    """
    parser = _Parser(
        prog="python -m reportgen check",
        description="检查工作簿中的数字是否前后一致（表内、表与表之间、正文与表格之间），"
                    "不生成报告。",
        epilog="例：python -m reportgen check inputs/2024.xlsx --annotate 标注.xlsx",
    )
    parser.add_argument("workbook", metavar="工作簿", help="要检查的 Excel 工作簿（.xlsx）")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="输出格式：text 供阅读（默认），json 供程序处理")
    parser.add_argument("--annotate", metavar="标注.xlsx",
                        help="另存一份工作簿副本，把有问题的单元格标上颜色和批注（原文件不改动）")
    return parser


def _check(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run ``check``; return 1 when the workbook has errors, else 0."""
    args = build_check_parser().parse_args(list(argv))
    workbook = Path(args.workbook)
    problems = check_workbook(workbook)
    if args.annotate:
        marked = annotate(workbook, args.annotate, problems)
        print(f"已写出标注副本：{args.annotate}（标注了 {marked} 个单元格）", file=err)
    if args.format == "json":
        json.dump(as_json(workbook, problems), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(as_text(workbook, problems))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def as_text(workbook: Path, problems: Sequence[Problem]) -> str:
    """The findings for a clerk: a summary line, then each severity's findings, numbered."""
    counts = {s: sum(1 for p in problems if p.severity is s) for s in SEVERITY_ORDER}
    lines = [f"检查 {workbook.name}：" + "，".join(f"{s.value} {counts[s]} 处" for s in SEVERITY_ORDER)
             + "。"]
    if not problems:
        lines.append("没有发现问题。")
    for severity in SEVERITY_ORDER:
        group = [p for p in problems if p.severity is severity]
        if not group:
            continue
        lines += ["", f"{severity.value}（{len(group)} 处）"]
        for n, p in enumerate(group, 1):
            lines.append(f"{n:>3}. {p.message}")
            if p.where is not None:
                lines.append(f"     位置：{p.where}" + (f"　内容：{p.found}" if p.found else ""))
            elif p.found:
                lines.append(f"     内容：{p.found}")
            if p.related is not None:
                lines.append(f"     对照：{p.related}" + (f"　内容：{p.expected}" if p.expected else ""))
            if p.hint:
                lines.append(f"     建议：{p.hint}")
            if p.rule:
                lines.append(f"     规则：{p.rule}")
    return "\n".join(lines) + "\n"


def as_json(workbook: Path, problems: Sequence[Problem]) -> dict[str, Any]:
    """The findings for scripts."""
    return {
        "workbook": str(workbook),
        "counts": {JSON_LEVELS[s]: sum(1 for p in problems if p.severity is s)
                   for s in SEVERITY_ORDER},
        "findings": [{
            "severity": JSON_LEVELS[p.severity],
            "severity_label": p.severity.value,
            "rule": p.rule,
            "message": p.message,
            "where": _place(p.where),
            "found": p.found,
            "related": _place(p.related),
            "expected": p.expected,
            "hint": p.hint,
        } for p in problems],
    }


def _place(ref: SourceRef | None) -> dict[str, str] | None:
    return None if ref is None else {"file": ref.file, "sheet": ref.sheet, "cell": ref.cell}


def build_pages_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen pages``: pictures of chosen pages, for review.

    Each chosen page of the report (a .docx, turned into a PDF by LibreOffice first, or a .pdf)
    is written as ``DIR/page-N.png``; pages are counted as in the PDF, the cover being page 1.
    """
    parser = _Parser(
        prog="python -m reportgen pages",
        description="把报告的若干页存为 PNG 图片，便于检查版面（需要 poppler；"
                    "给出 .docx 时还需要 LibreOffice）。",
        epilog="例：python -m reportgen pages 报告.docx --pages 1,9,12 -o 图片",
    )
    parser.add_argument("report", metavar="报告", help="报告文件（.docx 或 .pdf）")
    parser.add_argument("--pages", metavar="页码", default="1",
                        help="要存的页，如 1,5,9 或 3-6（PDF 中的页序，封面为第 1 页；默认：1）")
    parser.add_argument("-o", "--output", metavar="文件夹", default=".",
                        help="图片的保存文件夹（默认：当前文件夹），文件名为 page-页码.png")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI, metavar="分辨率",
                        help=f"每英寸像素数（默认：{DEFAULT_DPI}）")
    return parser


def _pages(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run ``pages``; return 0 when every picture was written."""
    args = build_pages_parser().parse_args(list(argv))
    pages = parse_pages(args.pages)
    written = render_pages(Path(args.report), pages, Path(args.output), dpi=args.dpi)
    for path in written:
        print(f"已生成图片：{path}", file=out)
    return 0


def _print_warnings(problems: Sequence[Problem], err: TextIO, workbook: Path) -> None:
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


def _print_error(exc: ReportgenError, err: TextIO) -> None:
    if isinstance(exc, DataError):
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        if errors and all(p.where is None or not p.where.sheet for p in errors):
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
