"""``reportgen init NEW.xlsx [--year Y] [--from LAST.xlsx]``: a workbook to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence, TextIO

from reportgen.cli.parsing import EXIT_OK, Parser
from reportgen.errors import Problem, UsageError
from reportgen.yearly.carryover import init_workbook


def build_init_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen init``."""
    parser = Parser(
        prog="python -m reportgen init",
        description="生成一个待填写的工作簿：某一年的空白工作簿，或由上年的工作簿生成本年的工作簿"
                    "（沿用上年的提纲、文字、案例和自制表格，上年的数放入“上年”列）。",
        epilog="例：python -m reportgen init 2025.xlsx --year 2025\n"
               "    python -m reportgen init 2025.xlsx --from 2024.xlsx",
    )
    parser.add_argument("workbook", metavar="新工作簿", help="要生成的工作簿（.xlsx，不能已存在）")
    parser.add_argument("--year", type=_year, metavar="年份",
                        help="报告年份（默认：今年；用 --from 时为上年工作簿的下一年）")
    parser.add_argument("--from", dest="source", metavar="上年工作簿.xlsx",
                        help="由上年填好的工作簿生成本年的工作簿")
    return parser


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年份应为四位数字，如 2025，实为“{text}”")
    return int(text)


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Write the workbook; say what it holds and what to do next."""
    args = build_init_parser().parse_args(list(argv))
    target = Path(args.workbook)
    source = Path(args.source) if args.source else None
    if source is not None and not source.exists():
        raise UsageError("U-INIT-SOURCE-MISSING", path=source)
    form, carried = init_workbook(target, year=args.year, source=source)
    rows = sum(len(t.row_units()) for t in form.catalog.tables)
    if form.catalog.year != form.year:
        note = Problem.of("I-INIT-EARLIER-CATALOG", year=form.year, used=form.catalog.year)
        print(f"{note.severity.value}：{note}", file=err)
    if carried is None:
        print(f"已生成 {form.year} 年的空白工作簿：{target}（{len(form.catalog.tables)} 张指标表，"
              f"共 {rows} 行指标）。请先阅读第一个工作表“说明”，再逐表填写。", file=out)
        return EXIT_OK
    assert source is not None
    print(f"已由 {source.name} 生成 {form.year} 年的工作簿：{target}", file=out)
    print(f"  沿用上年：{carried.headings} 个标题、{carried.paragraphs} 个段落、{carried.cases} 个案例、"
          f"{carried.tables} 张自制表格，“状态”均为“上年”——逐条核对、修改后改为“已确认”；", file=out)
    print(f"  上年的 {carried.figures} 个数值已放入各指标表的“上年”列，本年的“数值”列是空的，请填写；",
          file=out)
    if carried.rules:
        print(f"  “规则”表的 {carried.rules} 条规则原样沿用；“核对”表没有沿用（上年核对过的情况今年要重新核对）；",
              file=out)
    print("  “成文日期”已清空，请填写。", file=out)
    if carried.dropped:
        print(f"  本年的指标表中已没有以下上年的指标，其数值未沿用：{'、'.join(carried.dropped)}",
              file=out)
    return EXIT_OK
