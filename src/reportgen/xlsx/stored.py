"""The objects of a workbook read by :mod:`reportgen.xlsx.sheet_xml`: its worksheets, their
stored cells and the cell formats they share.

They answer the part of openpyxl's API that the readers call (``ws.cell(r, c)``,
``ws.merged_cells.ranges``, ``ws.row_dimensions``, ``cell.number_format``, ``cell.is_date``,
``cell.font.b``, ``cell.border.diagonal`` …) with openpyxl's meaning, so that a reader takes
either a sheet read here or one openpyxl opened to write into.
"""

from __future__ import annotations

import datetime
from typing import Any

from reportgen.xlsx.excel_formats import (DEFAULT_COLUMN_WIDTH, CellRange, get_column_letter,
                                          is_date_format, is_timedelta_format)

__all__ = ["MAIN", "PLAIN", "Border", "CellStyle", "Column", "Row", "SheetFormat", "StoredCell",
           "StoredSheet", "StoredWorkbook", "flag"]

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FALSE = ("false", "f", "0")


def flag(value: str | None, default: bool = False) -> bool:
    """An XML boolean attribute as openpyxl converts it: absent is ``default``; ``false``,
    ``f``, ``0`` and the empty string are false, anything else true."""
    if value is None:
        return default
    return bool(value) and value not in _FALSE


class CellStyle:
    """What the readers use of one cell format (an ``xf`` of the stylesheet): shared by every
    cell of that format."""

    __slots__ = ("numFmtId", "number_format", "font", "border", "date", "timedelta")

    def __init__(self, num_fmt_id: int, number_format: str, bold: bool,
                 border: Border | None = None):
        self.numFmtId = num_fmt_id
        """The number format's id, a custom format's rebased above the built-in ones (the
        id of a Chinese-locale built-in date format, which has no code, stays as stored)."""
        self.number_format = number_format
        """The number format's code (``General`` for a built-in id without one)."""
        self.font = _Font(bold)
        """The font, as far as the readers look: whether it is bold."""
        self.border = border or _NO_BORDER
        """The borders, as far as the readers look: the diagonal line."""
        self.date = is_date_format(number_format)
        """Numbers in this format are dates."""
        self.timedelta = is_timedelta_format(number_format)
        """Numbers in this format are durations."""


class _Font:
    __slots__ = ("b",)

    def __init__(self, bold: bool):
        self.b = bold


class _Side:
    __slots__ = ("style",)

    def __init__(self, style: str | None):
        self.style = style


class Border:
    """A cell's diagonal line (a free table's diagonal header): its side and directions."""

    __slots__ = ("diagonal", "diagonalDown", "diagonalUp")

    def __init__(self, element: Any = None):
        side = element.find(f"{MAIN}diagonal") if element is not None else None
        self.diagonal = _Side(side.get("style") if side is not None else None)
        self.diagonalDown = flag(element.get("diagonalDown")) if element is not None else False
        self.diagonalUp = flag(element.get("diagonalUp")) if element is not None else False


_NO_BORDER = Border()
PLAIN = CellStyle(0, "General", False)


class StoredCell:
    """One cell: its value as openpyxl reads it with ``data_only`` and its format."""

    __slots__ = ("parent", "row", "column", "value", "data_type", "_style")

    def __init__(self, parent: StoredSheet, row: int, column: int, value: Any = None,
                 data_type: str = "n", style: CellStyle = PLAIN):
        self.parent = parent
        """The sheet holding the cell."""
        self.row = row
        """Its row, from 1."""
        self.column = column
        """Its column, from 1."""
        self.value = value
        """Its value: ``None``, a str, int, float, bool, datetime (or date, time, timedelta);
        an error value such as ``#DIV/0!`` is a str of type ``e``."""
        self.data_type = data_type
        """openpyxl's type letter: ``n`` number (or empty), ``s`` string, ``b``, ``d``, ``e``."""
        self._style = style

    @property
    def coordinate(self) -> str:
        """``B7``."""
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def number_format(self) -> str:
        """The cell's number format code."""
        return self._style.number_format

    @property
    def font(self) -> _Font:
        """The cell's font (its ``b``: bold)."""
        return self._style.font

    @property
    def border(self) -> Border:
        """The cell's borders (its diagonal line)."""
        return self._style.border

    @property
    def is_date(self) -> bool:
        """A date value, or a number in a date format (as openpyxl says)."""
        return self.data_type == "d" or (self.data_type == "n" and self._style.date)


class Row:
    __slots__ = ("hidden",)

    def __init__(self, hidden: bool):
        self.hidden = hidden


class Column:
    __slots__ = ("min", "max", "width")

    def __init__(self, attributes: dict[str, str]):
        self.min = int(attributes["min"]) if "min" in attributes else None
        self.max = int(attributes["max"]) if "max" in attributes else None
        self.width = float(attributes["width"]) if "width" in attributes else DEFAULT_COLUMN_WIDTH


class _Merged:
    __slots__ = ("ranges",)

    def __init__(self) -> None:
        self.ranges: list[CellRange] = []


class SheetFormat:
    __slots__ = ("defaultColWidth",)

    def __init__(self, width: str | None):
        self.defaultColWidth = float(width) if width is not None else None


class StoredSheet:
    """One worksheet's stored cells and the little of its layout the readers look at."""

    def __init__(self, title: str, state: str):
        self.title = title
        """The sheet's name on its tab."""
        self.sheet_state = state
        """``visible``, ``hidden`` or ``veryHidden``."""
        self._cells: dict[tuple[int, int], StoredCell] = {}
        """The cells, by (row, column): those the file holds, and those asked for since."""
        self.merged_cells = _Merged()
        """Its merged ranges (``.ranges``)."""
        self.row_dimensions: dict[int, Row] = {}
        """Rows with a format of their own, by number (``.hidden``)."""
        self.column_dimensions: dict[str, Column] = {}
        """Column formats, by the letter of their first column (``.min``, ``.max``, ``.width``)."""
        self.sheet_format = SheetFormat(None)
        """The sheet's defaults (``.defaultColWidth``)."""

    def cell(self, row: int, column: int) -> StoredCell:
        """The cell at (``row``, ``column``); an empty one is made (and kept) if the file holds
        none there, as openpyxl does."""
        found = self._cells.get((row, column))
        if found is None:
            found = self._cells[(row, column)] = StoredCell(self, row, column)
        return found

    @property
    def max_row(self) -> int:
        """The last row holding a cell (1 for an empty sheet)."""
        return max((row for row, _ in self._cells), default=1)

    @property
    def max_column(self) -> int:
        """The last column holding a cell (1 for an empty sheet)."""
        return max((column for _, column in self._cells), default=1)

    def __getitem__(self, row: int) -> tuple[StoredCell, ...]:
        """Row ``row``'s cells from column 1 to :attr:`max_column` (made where missing)."""
        return tuple(self.cell(row, column) for column in range(1, self.max_column + 1))


class StoredWorkbook:
    """The worksheets of one workbook, in order, and the formulas without a cached value."""

    def __init__(self, worksheets: list[StoredSheet], epoch: datetime.datetime,
                 uncached: dict[tuple[str, str], str]):
        self.worksheets = worksheets
        """The worksheets (chart sheets left out), in the workbook's order."""
        self.epoch = epoch
        """Day 0 of the workbook's date serial numbers (1900 or 1904 system)."""
        self.uncached = uncached
        """Each formula cell without a cached value, by (sheet, cell): its formula, ``=…``."""

    @property
    def sheetnames(self) -> list[str]:
        """The worksheets' titles."""
        return [ws.title for ws in self.worksheets]

    def __getitem__(self, title: str) -> StoredSheet:
        for ws in self.worksheets:
            if ws.title == title:
                return ws
        raise KeyError(title)

    def close(self) -> None:
        """Nothing to release: the file is closed once read (openpyxl's API)."""


