"""A workbook not filled in yet: one message saying what is still empty, not a wall of errors.

A blank workbook from ``reportgen init`` (or this year's from last year's, before the clerk
has filled it in) misses its 基本信息, its 正文 and its figures. Reading it would give one
error per empty cell; instead, when every error is of the kind "still empty", they are folded
into one error that lists everything still to fill in. A workbook that loads but whose
indicator tables are still empty gets one warning naming them.
"""

from __future__ import annotations

import re
from typing import Sequence

from reportgen.errors import Problem, Problems
from reportgen.model import IndicatorTable, SourceRef

EMPTY_META = "E-META-EMPTY"
"""A 基本信息 item left empty."""
EMPTY_BODY = "E-BODY-EMPTY"
"""The 正文 sheet has no row at all."""
EMPTY_NAMED = "E-NAMED-EMPTY"
"""A named figure of the 数据 sheet without its value."""
UNFILLED = "E-WORKBOOK-UNFILLED"
"""The folded message."""
FIGURES_MISSING = "W-FIGURES-MISSING"
"""Indicator tables (or rows with last year's figure) still without this year's figures."""
_EMPTY_CODES = frozenset({EMPTY_META, EMPTY_BODY, EMPTY_NAMED})
_QUOTED = re.compile(r"“(.+?)”")


def missing_figures(tables: Sequence[IndicatorTable]) -> list[str]:
    """What is still empty in the indicator tables, in the clerk's words: a table without any
    figure, or the cells of rows that have last year's figure (上年) but not this year's."""
    missing = []
    for table in tables:
        if not table.rows:
            continue
        if all(row.value.is_empty for row in table.rows):
            missing.append(f"{table.spec.name}（全部 {len(table.rows)} 行）")
            continue
        cells = [row.value.source.cell for row in table.rows if row.value.is_empty
                 and row.previous is not None and not row.previous.is_empty
                 and row.value.source is not None]
        if cells:
            missing.append(f"{table.spec.name}（上年有数值的 {'、'.join(cells)}）")
    return missing


def warn_missing_figures(tables: Sequence[IndicatorTable], problems: Problems) -> None:
    """One warning naming the indicator figures still to fill in, if any."""
    missing = missing_figures(tables)
    if missing and not problems.errors:
        where = tables[0].source if tables else None
        problems.warn(FIGURES_MISSING, where and SourceRef(where.file, ""),
                      missing="；".join(missing))


def collapse_unfilled(problems: Problems, file: str,
                      tables: Sequence[IndicatorTable] = ()) -> None:
    """When every error says that something is still empty, replace them with one error
    listing all of it, the indicator figures still empty included."""
    errors = problems.errors
    if not errors or any(p.code not in _EMPTY_CODES for p in errors):
        return
    parts: dict[str, list[str]] = {}
    for problem in errors:
        sheet = problem.where.sheet if problem.where else ""
        if problem.code == EMPTY_BODY:
            parts.setdefault(sheet, []).append("还没有标题和段落")
            continue
        match = _QUOTED.search(problem.message)
        name = match.group(1) if match else problem.message
        cell = problem.where.cell if problem.where else ""
        parts.setdefault(sheet, []).append(f"{name}（{cell}）" if cell else name)
    lines = [f"“{sheet}”：{'、'.join(items)}" for sheet, items in parts.items()]
    figures = missing_figures(tables)
    if tables and len(figures) == len(tables) and all(t.rows and all(
            r.value.is_empty for r in t.rows) for t in tables):
        lines.append(f"{len(tables)}张指标表的本年数值")
    elif figures:
        lines.append("指标表的本年数值：" + "、".join(figures))
    kept = [p for p in problems.items if p not in errors]
    problems.items[:] = [Problem.of(UNFILLED, SourceRef(file, ""), missing="；".join(lines))] + kept


__all__ = ["EMPTY_BODY", "EMPTY_META", "EMPTY_NAMED", "FIGURES_MISSING", "UNFILLED",
           "collapse_unfilled", "missing_figures", "warn_missing_figures"]
