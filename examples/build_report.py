"""Build a report from a workbook with the library, the way a script for many schools would.

    python examples/build_report.py inputs/2024.xlsx out/2024.docx

It loads the workbook into the model (every problem reported at once), prints a summary of
what it read, and writes the report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import reportgen
from reportgen.model import Case, FreeTable, IndicatorTable


def main(workbook: str, out: str) -> int:
    problems = reportgen.Problems()
    try:
        report = reportgen.load(workbook, problems=problems)
    except reportgen.DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    for warning in problems.items:
        print(warning, file=sys.stderr)

    blocks = list(report.blocks())
    print(report.meta.title.text, f"（{report.meta.period.text}）")
    print(f"  {len(report.chapters)} 章，{sum(1 for _ in report.sections())} 个标题，"
          f"{sum(isinstance(b, Case) for b in blocks)} 个案例，"
          f"{sum(isinstance(b, (IndicatorTable, FreeTable)) for b in blocks)} 张表")
    for table in report.indicator_tables:
        filled = sum(not row.value.is_empty for row in table.rows)
        print(f"  {table.title}：{filled}/{len(table.rows)} 行有数值（{table.source}）")

    target = Path(out)
    reportgen.write_report(report, target)
    print(f"已生成报告：{target}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
