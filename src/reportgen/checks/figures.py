"""Every figure of a report by reference, so that rules name figures instead of walking tables.

A rule names a figure by a short reference:

- ``scorecard.graduates`` — an indicator of an official table (``table_id.indicator_id`` from
  the catalog); ``teaching_resources.planned_courses.学时`` picks one row of a two-unit one;
- ``表-毕业生服务三次产业情况!面向第二产业@{year}`` — a cell of a free table, by its sheet, the
  label in its first column and the header of its column (``{year}`` is the report's year);
- ``=毕业生升学率`` — a figure the library derives (:mod:`reportgen.checks.derived`).

A reference may end in ``*`` to match several (``satisfaction.*``, ``*.*.%``).
"""

from __future__ import annotations

import fnmatch
from decimal import Decimal

from attrs import frozen

from reportgen.model import FreeTable, IndicatorRow, Report, SourceRef
from reportgen.numbers import format_figure

FREE_REF_SEPARATOR = "!"
"""Between a free table's sheet name and the row label in a reference."""
COLUMN_SEPARATOR = "@"
"""Between a free table's row label and its column header in a reference."""
DERIVED_PREFIX = "="
"""Starts the reference of a derived figure."""


@frozen
class Quantity:
    """A figure a rule reads: its value, where it is and how it reads to the clerk."""

    value: Decimal
    """The number; when :attr:`exact` is False its exponent is the precision shown."""
    source: SourceRef | None
    """The cell it was read from (for a derived figure, the cell of its first input)."""
    label: str
    """Where it is, in the clerk's words (``人才培养质量计分卡“毕业生人数*”``)."""
    unit: str = ""
    """Its unit (人, %, ``:``); empty when unknown."""
    exact: bool = False
    """True for a computed value, which has no precision of its own: only the precision of
    the figure it is compared with counts."""
    row: IndicatorRow | None = None
    """The indicator row it comes from, when it does."""

    @property
    def shown(self) -> str:
        """The value as printed, with its unit (``1234人``, ``16.29:1``, ``38.07%``)."""
        text = format_figure(self.value, self.unit)
        return text if self.unit in ("", ":") else f"{text}{self.unit}"


def indicator_label(table_name: str, row: IndicatorRow) -> str:
    """``教学资源表“教学计划内课程总数*”（学时）`` — an indicator row in the clerk's words."""
    label = f"{table_name}“{row.spec.name}”"
    if len(row.spec.units) > 1:
        label += f"（{row.unit}）"
    return label


class Figures:
    """The figures of one report, looked up by reference."""

    def __init__(self, report: Report):
        self.report = report
        self.year = report.meta.year
        self.rows: dict[str, tuple[str, IndicatorRow]] = {}
        for table in report.indicator_tables:
            for row in table.rows:
                key = f"{table.spec.id}.{row.spec.id}"
                self.rows.setdefault(key, (table.spec.name, row))
                self.rows[f"{key}.{row.unit}"] = (table.spec.name, row)
        self.free: dict[str, FreeTable] = {}
        for block in report.tables:
            if isinstance(block, FreeTable):
                self.free[block.key] = block

    # -- looking up --

    def get(self, ref: str) -> Quantity | None:
        """The figure ``ref`` names; ``None`` when it is absent or its cell is empty."""
        ref = ref.replace("{year}", str(self.year)).replace("{last_year}", str(self.year - 1))
        if ref.startswith(DERIVED_PREFIX):
            from reportgen.checks.derived import derive

            return derive(self, ref[len(DERIVED_PREFIX):])
        if FREE_REF_SEPARATOR in ref:
            return self._free_cell(ref)
        found = self.rows.get(ref)
        if found is None:
            return None
        table_name, row = found
        if row.value.value is None:
            return None
        return Quantity(row.value.value, row.value.source, indicator_label(table_name, row),
                        row.unit, row=row)

    def expand(self, pattern: str) -> list[Quantity]:
        """Every filled indicator row whose reference matches ``pattern`` (``*.*.%``)."""
        if "*" not in pattern:
            found = self.get(pattern)
            return [found] if found is not None else []
        result = []
        for key in self.rows:
            if key.count(".") != 2:  # every row also has its canonical table.id.unit key
                continue
            target = key if pattern.count(".") == 2 else key.rsplit(".", 1)[0]
            quantity = self.get(key) if fnmatch.fnmatchcase(target, pattern) else None
            if quantity is not None:
                result.append(quantity)
        return result

    def free_tables(self, pattern: str = "*") -> list[FreeTable]:
        """The free tables whose sheet names match ``pattern``."""
        return [t for key, t in self.free.items() if fnmatch.fnmatchcase(key, pattern)]

    def _free_cell(self, ref: str) -> Quantity | None:
        sheet, _, rest = ref.partition(FREE_REF_SEPARATOR)
        label, _, column = rest.partition(COLUMN_SEPARATOR)
        table = self.free.get(sheet)
        if table is None:
            return None
        grid = FreeGrid(table)
        r, c = grid.row_of(label), grid.column_of(column)
        if r is None or c is None:
            return None
        return grid.quantity(r, c)


class FreeGrid:
    """A free table read as rows labelled by their first cell and columns by their header."""

    def __init__(self, table: FreeTable):
        self.table = table
        self.cells = table.cells
        self.header_rows = max(table.header_rows, 1)

    def header(self, column: int) -> str:
        """The last non-empty header text above ``column``."""
        texts = [self.cells[r][column].text for r in range(min(self.header_rows, len(self.cells)))]
        texts = [t for t in texts if t.strip()]
        return texts[-1].strip() if texts else ""

    def label(self, row: int) -> str:
        """The text of the row's first cell."""
        return self.cells[row][0].text.strip() if self.cells[row] else ""

    def row_of(self, label: str) -> int | None:
        """The body row whose first cell reads ``label``."""
        for r in range(self.header_rows, len(self.cells)):
            if self.label(r) == label:
                return r
        return None

    def column_of(self, header: str) -> int | None:
        """The column whose header reads ``header``."""
        width = len(self.cells[0]) if self.cells else 0
        for c in range(width):
            if self.header(c) == header:
                return c
        return None

    def quantity(self, row: int, column: int, *, unit: str = "") -> Quantity | None:
        """The number in a cell, or ``None`` when it holds none."""
        cell = self.cells[row][column]
        if cell.number is None:
            return None
        label = f"{self.table.title}“{self.label(row)}”{self.header(column)}"
        return Quantity(cell.number, cell.source, label, unit)
