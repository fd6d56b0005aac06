"""``reportgen merge SCHOOL.xlsx … -o DISTRICT.xlsx``: the district's workbook from its schools'."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence, TextIO

from reportgen.cli.parsing import EXIT_DATA, EXIT_OK, SEVERITY_ORDER, Parser
from reportgen.errors import DataError, Problem, Problems, Severity
from reportgen.yearly.merging import merge_workbooks


def build_merge_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen merge``."""
    parser = Parser(
        prog="python -m reportgen merge",
        description="把各校填好的工作簿合并为区县的工作簿：指标表按指标的含义合并（人数、金额相加；"
                    "比例、生师比由分子分母重算；满意度按调查人次加权），各校的案例作为备选，"
                    "各校的正文按学校和章汇集到“素材”表。",
        epilog="例：python -m reportgen merge 学校甲.xlsx 学校乙.xlsx -o 区县.xlsx\n"
               "    python -m reportgen merge 学校甲.xlsx 学校乙.xlsx --base 区县2025底稿.xlsx "
               "-o 区县2025.xlsx",
    )
    parser.add_argument("schools", nargs="+", metavar="学校工作簿",
                        help="各校填好的工作簿（.xlsx），同一年的")
    parser.add_argument("-o", "--output", required=True, metavar="区县.xlsx",
                        help="合并结果（新的 .xlsx，不能已存在）")
    parser.add_argument("--base", metavar="区县底稿.xlsx",
                        help="区县自己本年的工作簿（如由上年的区县工作簿用 init --from 生成）："
                             "合并结果是它的副本，保留其基本信息、前言、正文、案例、自制表格和上年数值，"
                             "只填入合并的数值、各校的案例和“来源”“素材”表（底稿本身不改动）")
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Merge; say what was merged and what is left for the clerk."""
    args = build_merge_parser().parse_args(list(argv))
    target = Path(args.output)
    problems = Problems()
    try:
        result = merge_workbooks([Path(s) for s in args.schools], target, problems=problems,
                                 base=Path(args.base) if args.base else None)
    except DataError as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        print(f"各校工作簿中共有 {len(errors)} 处错误，没有合并（没有写出任何文件）。"
              "请有关学校逐条修改后重试：", file=err)
        for problem in errors:
            print(f"  {problem}", file=err)
        return EXIT_DATA
    finally:
        _print_warnings(problems.items, err)
    merged = sum(1 for m in result.merged if m.column == "value" and m.value is not None)
    print(f"已合并 {len(result.schools)} 所学校（{'、'.join(result.schools)}）的工作簿：{target}",
          file=out)
    print(f"  指标表：合并了 {merged} 个数，每个数来自哪所学校的哪个单元格见“来源”表；", file=out)
    print(f"  案例：各校共 {len(result.form.cases)} 个，“状态”为“备选”——要采用的，请在“正文”中放置；",
          file=out)
    print(f"  素材：各校的前言和正文共 {len(result.form.material)} 条，按学校和章列在“素材”表中；",
          file=out)
    if args.base:
        print(f"  其余内容（基本信息、前言、正文、自制表格、上年数值）照录底稿 {Path(args.base).name}。",
              file=out)
    else:
        print("  “基本信息”的地区、报告标题、发布单位、成文日期和“正文”请区县填写。", file=out)
    left = result.left
    if left:
        print(f"以下 {len(left)} 个数无法由各校的数合并，已留空，请区县填写：", file=out)
        for item in left:
            spec = result.form.catalog.by_id(item.key[0])
            indicator = next(i for i in spec.indicators if i.id == item.key[1])
            print(f"  {spec.name}“{indicator.name}”：{item.left}", file=out)
    return EXIT_OK


def _print_warnings(problems: Sequence[Problem], err: TextIO) -> None:
    """The merge's own warnings in full; the schools' other warnings and notes as a count per
    file, with the command that lists them (dozens per school would hide the merge's)."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.severity is Severity.ERROR:
            continue
        if (problem.code or "").startswith("W-MERGE-"):
            print(f"{problem.severity.value}：{problem}", file=err)
        else:
            by_file.setdefault(problem.where.file if problem.where else "", []).append(problem)
    for file, items in by_file.items():
        counts = "、".join(f"{s.value} {n} 处" for s in SEVERITY_ORDER
                          if (n := sum(p.severity is s for p in items)))
        print(f"{file}：{counts}（不影响合并；逐条查看请运行 python -m reportgen check {file}）",
              file=err)
