"""How far the clerk has come: rows still last year's (状态), a workbook not filled in yet.

The optional 状态 column: ``reportgen init --from`` copies last year's foreword, text, cases and
tables into this year's workbook with 状态 = 上年. Such a row still reads and prints, but every
build says which cells are still last year's (one warning per sheet naming each cell), until the
clerk changes 状态 to 已确认 (or clears it). A case a school sent to the district (``reportgen
merge``) has 状态 = 备选: it need not be placed in the text.

A workbook not filled in yet: a blank workbook from ``reportgen init`` (or this year's from last
year's, before the clerk has filled it in) misses its 基本信息, its 正文 and its figures. Reading
it would give one error per empty cell; instead, when every error is of the kind "still empty",
they are folded into one error that lists everything still to fill in. A workbook that loads but
whose indicator tables are still empty gets one warning naming them.
"""

from __future__ import annotations

import re
from typing import Sequence


from reportgen.errors import Problem, Problems
from reportgen.model import IndicatorTable, SourceRef
from reportgen.xlsx.cells import AnyCell, CellReader
from reportgen.xlsx.sheets import Sheet, STATUS_CARRIED, STATUS_COLUMN, STATUS_CONFIRMED


class StatusReader:
    """Reads the 状态 of rows and remembers the cells still marked as last year's."""

    def __init__(self, reader: CellReader, problems: Problems):
        self.reader = reader
        self.problems = problems
        self.carried: dict[str, list[AnyCell]] = {}
        """By sheet: the content cells of rows still marked 上年."""

    def status(self, ws: Sheet, row: int, columns: dict[str, int],
               allowed: tuple[str, ...]) -> str:
        """The row's 状态 ('' when the sheet has no such column or the cell is empty); an
        unknown value is a located error."""
        if STATUS_COLUMN not in columns:
            return ""
        cell = ws.cell(row, columns[STATUS_COLUMN])
        text = self.reader.text(cell)
        if text is None:
            return ""
        if text.text not in allowed:
            self.problems.add("E-STATUS-VALUE", self.reader.ref(cell), found=text.text,
                              column=STATUS_COLUMN, values=[f"“{a}”" for a in allowed])
            return ""
        return text.text

    def note_carried(self, cell: AnyCell) -> None:
        """Remember that ``cell`` holds content still marked as last year's."""
        self.carried.setdefault(cell.parent.title, []).append(cell)

    def report(self) -> None:
        """One warning per sheet naming every cell still marked 上年."""
        for sheet, cells in self.carried.items():
            self.problems.warn("W-CARRIED-UNCONFIRMED", self.reader.ref(cells[0]),
                               count=len(cells), cells=cell_list(cells), column=STATUS_COLUMN,
                               confirmed=STATUS_CONFIRMED)


def cell_list(cells: list[AnyCell]) -> str:
    """``B2:B5、B7`` — every cell named, consecutive rows of a column as one range."""
    parts: list[str] = []
    run: list[AnyCell] = []
    for cell in cells:
        if run and (cell.column != run[-1].column or cell.row != run[-1].row + 1):
            parts.append(_run(run))
            run = []
        run.append(cell)
    if run:
        parts.append(_run(run))
    return "、".join(parts)


def _run(run: list[AnyCell]) -> str:
    return run[0].coordinate if len(run) == 1 else f"{run[0].coordinate}:{run[-1].coordinate}"


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


__all__ = ["EMPTY_BODY", "EMPTY_META", "EMPTY_NAMED", "FIGURES_MISSING", "STATUS_CARRIED", "StatusReader", "UNFILLED", "cell_list", "collapse_unfilled", "missing_figures", "warn_missing_figures"]
