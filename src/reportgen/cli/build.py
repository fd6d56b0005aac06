"""``reportgen WORKBOOK``: build the report (and its PDF).

With several workbooks (or folders) or ``--out-dir``, one report per workbook is built into a
folder by :mod:`reportgen.cli.batch`."""

from __future__ import annotations

import argparse
import os
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, ContextManager, TextIO

from reportgen.cli.parsing import EXIT_OK, Parser, interrupted, print_warnings, seconds
from reportgen.errors import Problems, UsageError
from reportgen.office import DEFAULT_TIMEOUT
from reportgen.pipeline import collection_paused, default_output, generate

if TYPE_CHECKING:
    from reportgen.office.session import OfficeSession


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen WORKBOOK``."""
    parser = Parser(
        prog="python -m reportgen",
        description="由 Excel 工作簿生成《中等职业学校年度质量报告》Word 文档。",
        epilog="例：python -m reportgen inputs/2024.xlsx -o 报告.docx\n"
               "只检查数据、不生成报告：python -m reportgen check inputs/2024.xlsx\n"
               "生成待填写的工作簿：python -m reportgen init 新工作簿.xlsx [--from 上年.xlsx]\n"
               "合并各校的工作簿：python -m reportgen merge 甲校.xlsx 乙校.xlsx -o 区县.xlsx\n"
               "在浏览器里做以上各步（网页版）：python -m reportgen serve",
    )
    parser.add_argument("workbooks", nargs="+", metavar="工作簿",
                        help="填好的 Excel 工作簿（.xlsx）；批量生成时可写多个工作簿或文件夹"
                             "（文件夹中的每个 .xlsx 各生成一份报告）")
    parser.add_argument("-o", "--output", metavar="报告.docx",
                        help="报告的保存位置（默认：与工作簿同名、同文件夹的 .docx）")
    parser.add_argument("--template", metavar="模板.docx",
                        help="使用自己的 Word 模板（默认：内置的官方格式模板）")
    parser.add_argument("--pdf", action="store_true",
                        help="同时生成 PDF，保存在报告旁边（需要 LibreOffice）")
    parser.add_argument("--out-dir", metavar="输出文件夹",
                        help="批量生成：每个工作簿的报告（及 PDF）以工作簿的名字保存到这个文件夹")
    parser.add_argument("--jobs", type=jobs, default=1, metavar="N",
                        help="批量生成时同时生成 N 份（默认：1；每份各用一个 LibreOffice，"
                             "一般不超过电脑的核数）")
    parser.add_argument("--no-toc", action="store_true",
                        help="不用 LibreOffice 填写目录页码（目录留待 Word 打开时更新）")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="秒",
                        help=f"LibreOffice 排版一份报告的时限（默认：{DEFAULT_TIMEOUT:g} 秒）")
    parser.add_argument("--catalog-year", type=int, metavar="年份",
                        help="按这一年的官方指标表读取（默认：按工作簿的报告年份）")
    return parser


def jobs(text: str) -> int:
    """``--jobs``: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为 1 或更大的整数，实为“{text}”")
    return value


def run(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = build_parser().parse_args(argv)
    if args.out_dir is not None or len(args.workbooks) > 1 or Path(args.workbooks[0]).is_dir():
        from reportgen.cli.batch import run_batch  # loads the progress bar only when needed
        return run_batch(args, out, err)
    if args.jobs != 1:
        raise UsageError("U-BATCH-JOBS-ALONE")
    with collection_paused():
        return _build_one(args, out, err)


def _build_one(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    problems = Problems()
    workbook = Path(args.workbooks[0])
    target = Path(args.output) if args.output else default_output(workbook)
    before = _identity(target)
    try:
        with _office(args) as office:
            written = generate(workbook, target, template=args.template, problems=problems,
                               pdf=args.pdf, toc=not args.no_toc, office=office,
                               catalog_year=args.catalog_year)
    except KeyboardInterrupt:
        if _identity(target) == before:
            raise interrupted("U-INTERRUPT-NOTHING-WRITTEN") from None
        raise interrupted("U-INTERRUPT-REPORT-WRITTEN", path=target) from None
    finally:
        # the report is in place (a missing PDF aside) when the file at target was replaced
        print_warnings(problems.items, err, workbook, built=_identity(target) != before)
    print(f"已生成报告：{written}", file=out)
    if args.pdf:
        print(f"已生成 PDF：{written.with_suffix('.pdf')}", file=out)
    return EXIT_OK


def _office(args: argparse.Namespace) -> ContextManager[OfficeSession | None]:
    """The LibreOffice session of a build that needs one; with ``--no-toc`` and no ``--pdf``,
    none (LibreOffice's modules are not even loaded)."""
    if args.no_toc and not args.pdf:
        return nullcontext()
    from reportgen.office.session import OfficeSession

    return OfficeSession(timeout=args.timeout)


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), to tell whether it was replaced."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
