"""Writing one cell so that the loader reads back exactly what was written.

The loader (:mod:`reportgen.xlsx.cells`) reads a number as the cell shows it and text with
Excel's ``_xHHHH_`` escapes undone; these helpers write the inverse: a Decimal as a number
whose format shows exactly its decimals, and text escaped where it would otherwise be taken
for an escape or a formula.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.numbers import decimals

HEADER_FONT = Font(bold=True)
"""Column headers and the header rows of free tables (the loader reads bold as header)."""
WRAP = Alignment(wrap_text=True, vertical="top")
"""Long texts wrap inside their cell."""
THIN = Side(style="thin")
DIAGONAL = Border(diagonal=THIN, diagonalDown=True)
"""A line from the top-left corner to the bottom-right one (斜线表头)."""

_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

MAX_CELL_CHARS = 32767
"""The most characters a cell holds in Excel."""


def stored_text(text: str) -> str:
    """``text`` as the file must store it so that the loader reads ``text`` back.

    A literal ``_x`` followed by four hex digits and ``_`` would be read as an escape: its
    underscore is itself escaped (``_x005F_``). Control characters that XML cannot hold are
    written as escapes (the loader removes them, as it does from any cell).
    """
    if "_x" in text and _ESCAPE.search(text):
        text = text.replace("_x", "_x005F_x")
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def number_format(value: Decimal) -> str:
    """The number format that shows exactly the decimals ``value`` carries."""
    places = decimals(value)
    return "0." + "0" * places if places else "0"


def put_text(ws: Worksheet, row: int, column: int, text: str | None, *,
             wrap: bool = False) -> Cell:
    """Write ``text`` as text (never a formula, even when it starts with ``=``)."""
    cell = ws.cell(row, column)
    if text is None or text == "":
        return cell
    cell.value = stored_text(text)
    cell.data_type = "s"
    if wrap or "\n" in text:
        cell.alignment = WRAP
    return cell


def put_number(ws: Worksheet, row: int, column: int, value: Decimal | None) -> Cell:
    """Write a figure as a number shown at its precision; ``None`` leaves the cell empty."""
    cell = ws.cell(row, column)
    if value is None:
        return cell
    if value == value.to_integral_value() and decimals(value) == 0:
        cell.value = int(value)
    else:
        cell.value = value
    cell.number_format = number_format(value)
    return cell


def put_header(ws: Worksheet, columns: tuple[str, ...], widths: tuple[float, ...] = ()) -> None:
    """Row 1: the column names in bold, frozen above the rows; column widths if given."""
    for index, name in enumerate(columns, 1):
        put_text(ws, 1, index, name).font = HEADER_FONT
    ws.freeze_panes = "A2"
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
