"""Check findings on a merged figure name the school cells behind it.

A district workbook written by ``reportgen merge`` lists in its 来源 sheet where each merged
figure came from (``Report.merged``). When a check finds such a figure wrong, the clerk needs
to know which schools to ask: the finding's hint gains the method and each school's cell and
figure. Findings on other cells are returned unchanged.
"""

from __future__ import annotations

from typing import Iterable

import attrs

from reportgen.errors import Problem
from reportgen.model import MergedFigure, Report, SourceRef

MAX_PARTS = 12
"""Schools named in one hint; more are counted."""


def name_school_cells(problems: Iterable[Problem], report: Report) -> list[Problem]:
    """``problems`` with every finding on a merged figure explained by its schools' cells."""
    merged = {(m.cell.sheet, m.cell.cell): m for m in report.merged}
    if not merged:
        return list(problems)
    result = []
    for problem in problems:
        notes = [_note(merged[key]) for place in (problem.where, problem.related)
                 if (key := _key(place, report)) is not None and key in merged]
        if notes:
            hint = "；".join(filter(None, [problem.hint, *notes]))
            problem = attrs.evolve(problem, hint=hint)
        result.append(problem)
    return result


def _key(place: SourceRef | None, report: Report) -> tuple[str, str] | None:
    if place is None or not place.cell or not report.merged:
        return None
    if place.file != report.merged[0].cell.file:
        return None
    return place.sheet, place.cell


def _note(figure: MergedFigure) -> str:
    """``此数由各校合并（各校相加）：甲校 甲校.xlsx › …!D2（100）、…``."""
    parts = [f"{p.school} {p.source}（{p.value}）" for p in figure.parts[:MAX_PARTS]]
    more = len(figure.parts) - MAX_PARTS
    if more > 0:
        parts.append(f"另 {more} 所学校见“来源”表")
    return f"{figure.cell.sheet}!{figure.cell.cell} 由各校合并（{figure.method}）：" + "、".join(parts)


__all__ = ["name_school_cells"]
