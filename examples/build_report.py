"""Build a report from a workbook with the library, the way a script for many schools would.

    python examples/build_report.py inputs/2024.xlsx out/2024.docx

It loads the workbook into the model (every problem reported at once), lays the report out
(placeholders resolved, headings, cases and tables numbered) to print a summary of what will
be printed, and writes the report — the same document ``python -m reportgen`` makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import reportgen


def main(workbook: str, out: str) -> int:
    problems = reportgen.Problems()
    try:
        report = reportgen.load(workbook, problems=problems)
        layout = reportgen.lay_out(report)
    except reportgen.DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    for warning in problems.items:
        print(warning, file=sys.stderr)

    print(layout.cover.title, f"（{layout.cover.period}）")
    print(f"  {len(report.chapters)} 章，{sum(1 for _ in report.sections())} 个标题，"
          f"{len(layout.cases)} 个案例，{len(layout.tables)} 张表")
    for table in layout.tables:
        print(f"  {table.caption}：{len(table.grid.body)} 行（{table.source}）")

    target = Path(out)
    reportgen.write_report(report, target)
    print(f"已生成报告：{target}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
