"""Totals and subtotals of the clerk's own tables (表-… sheets).

A table may have a 合计 (or 总计) row and 小计 rows, a 合计 column and 小计 columns:

- each **小计 row** is the sum of the rows of its group: the rows since the previous 小计 (or the
  header) — or, when the table starts with a 小计 row, the rows after it up to the next one;
- the **合计 row** is the sum of the rows above it that are not 小计 (equivalently, of the 小计
  rows: when it matches those, a wrong 小计 is reported at the 小计, not at 合计);
- each **小计 column** is, row by row, the sum of the columns since the previous 小计 column, and a
  **合计 column** the sum of the columns before it that are not 小计 (or of the 小计 columns).

A row is a 合计 / 小计 row when one of its cells before its first number reads so; a column when
its header does. Columns of shares (占比, 比例, 率, %) and of numbering (序号, 编号, 代码) are not
added. A finding stands at the cell found wrong, with the cells it was added from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen.checks.evaluate import SHARE_MARK, TOTAL_LABELS, finding
from reportgen.checks.rule import Rule
from reportgen.errors import Problem
from reportgen.figures import Agreement, Figures, FreeGrid, Quantity, compare
from reportgen.numbers import format_number

SUBTOTAL_LABEL = "小计"
"""A row or a column of a group's total (装备制造类小计 too)."""
_NOT_ADDED = (SHARE_MARK, "比例", "率", "%", "％", "序号", "编号", "代码", "年份", "备注")


def _kind(text: str) -> str | None:
    text = "".join(text.split())
    if text in TOTAL_LABELS:
        return "total"
    if text.endswith(SUBTOTAL_LABEL):
        return "subtotal"
    return None


def row_kind(grid: FreeGrid, row: int) -> str | None:
    """``"total"``, ``"subtotal"`` or ``None``: what the row's leading cells say it is."""
    for cell in grid.cells[row]:
        if cell.number is not None:
            return None
        kind = _kind(cell.text)
        if kind:
            return kind
    return None


def column_kind(grid: FreeGrid, column: int) -> str | None:
    """``"total"``, ``"subtotal"`` or ``None``: what the column's header says it is."""
    return _kind(grid.header(column))


def _added(grid: FreeGrid, column: int) -> bool:
    """True for a column of figures that add up (no shares, no numbering)."""
    header = grid.header(column)
    return column > 0 and not any(mark in header for mark in _NOT_ADDED)


def _sum(parts: list[Quantity]) -> Decimal:
    return sum((p.value for p in parts), Decimal(0))


def _agrees(total: Quantity, parts: list[Quantity]) -> bool:
    return compare(total, Quantity(_sum(parts), None, "")) is Agreement.AGREE


def _report(rule: Rule, code: str, total: Quantity, parts: list[Quantity]) -> Problem:
    terms = " + ".join(p.shown for p in parts)
    return finding(rule, code, total, related=parts[0],
                   expected=f"{terms} = {format_number(_sum(parts))}", label=total.label,
                   description=rule.description)


def _numbers(grid: FreeGrid, cells: list[tuple[int, int]]) -> list[Quantity]:
    return [q for r, c in cells if (q := grid.quantity(r, c)) is not None]


def free_sum(rule: Rule, figures: Figures) -> Iterator[Problem]:
    """Each free table's 合计 row against the rows above it."""
    for pattern in rule.operands:
        for table in figures.free_tables(pattern):
            grid = FreeGrid(table)
            body = range(grid.header_rows, len(grid.cells))
            totals = [r for r in body if row_kind(grid, r) == "total"]
            if not totals or not grid.cells:
                continue
            total_row = totals[0]
            rows = [r for r in range(grid.header_rows, total_row) if row_kind(grid, r) is None]
            subtotals = [r for r in range(grid.header_rows, total_row)
                         if row_kind(grid, r) == "subtotal"]
            for c in range(1, len(grid.cells[0])):
                total = grid.quantity(total_row, c)
                if total is None or SHARE_MARK in grid.header(c):
                    continue
                parts = _numbers(grid, [(r, c) for r in rows])
                if not parts or _agrees(total, parts):
                    continue
                grouped = _numbers(grid, [(r, c) for r in subtotals])
                if grouped and _agrees(total, grouped):
                    continue
                yield _report(rule, "W-CHECK-TABLE-SUM", total, parts)


def free_subtotal(rule: Rule, figures: Figures) -> Iterator[Problem]:
    """Each 小计 row and column, and each 合计 column, of the free tables."""
    for pattern in rule.operands:
        for table in figures.free_tables(pattern):
            grid = FreeGrid(table)
            if grid.cells and len(grid.cells) > grid.header_rows:
                yield from _aggregates(rule, _Axes(grid))


def _groups(kinds: list[str | None]) -> dict[int, list[int]]:
    """Each subtotal's or total's index with the indices of its group (see the module's
    docstring); a total's group is every plain index before it."""
    leading = bool(kinds) and kinds[0] == "subtotal"
    groups: dict[int, list[int]] = {}
    members: list[int] = []
    pending: int | None = None
    for index, kind in enumerate(kinds):
        if kind is None:
            members.append(index)
            continue
        if leading and pending is not None:
            groups[pending] = members
        elif not leading and kind == "subtotal":
            groups[index] = members
        if kind == "total":
            groups[index] = [i for i in range(index) if kinds[i] is None]
        members, pending = [], index if kind == "subtotal" else None
    if leading and pending is not None:
        groups[pending] = members
    return groups


class _Axes:
    """A table's body rows and added columns, each plain, 小计 or 合计, with their groups."""

    def __init__(self, grid: FreeGrid):
        self.grid = grid
        self.rows = list(range(grid.header_rows, len(grid.cells)))
        self.columns = [c for c in range(1, len(grid.cells[0])) if _added(grid, c)]
        self.row_kinds = [row_kind(grid, r) for r in self.rows]
        self.column_kinds = [column_kind(grid, c) for c in self.columns]
        self.row_groups = _groups(self.row_kinds)
        self.column_groups = _groups(self.column_kinds)

    def cells(self, rows: list[int], columns: list[int]) -> list[Quantity]:
        """The numbers of ``rows`` × ``columns`` (indices into :attr:`rows`, :attr:`columns`)."""
        return _numbers(self.grid, [(self.rows[i], self.columns[j]) for i in rows for j in columns])


def _aggregates(rule: Rule, axes: _Axes) -> Iterator[Problem]:
    """Every 小计 cell, and every 合计-column cell outside the 合计 row (that row is
    :func:`free_sum`'s), against the plain cells it adds up."""
    for i, row in enumerate(axes.row_kinds):
        for j, column in enumerate(axes.column_kinds):
            if (row is None and column is None) or row == "total":
                continue
            total = axes.grid.quantity(axes.rows[i], axes.columns[j])
            rows = axes.row_groups.get(i, [i]) if row else [i]
            columns = axes.column_groups.get(j, [j]) if column else [j]
            parts = axes.cells(rows, columns)
            if total is None or not parts or _agrees(total, parts):
                continue
            if column == "total":
                subtotals = [k for k, kind in enumerate(axes.column_kinds)
                             if kind == "subtotal" and k < j]
                grouped = axes.cells(rows, subtotals)
                if grouped and _agrees(total, grouped):
                    continue
            yield _report(rule, "W-CHECK-TABLE-SUBTOTAL", total, parts)
