"""Writing cells so that the loader reads back exactly what was written, and the formatting of
the forms ``init`` and ``merge`` write: headers, drop-downs, number validation with input
messages, protection, row heights.

The loader (:mod:`reportgen.xlsx.cells`) reads a number as the cell shows it and text with
Excel's ``_xHHHH_`` escapes undone; :func:`put`, :func:`put_text` and :func:`put_number` write
the inverse: a Decimal as a number whose format shows exactly its decimals, and text escaped
where it would otherwise be taken for an escape or a formula.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.numbers import PERCENT_UNIT, decimals

HEADER_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
"""Column names."""
FIXED_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
"""Protected cells (序号, 指标, 单位, 项目): light grey, as the 说明 sheet says."""
UNLOCKED = Protection(locked=False)
"""Value cells of a protected sheet."""
WRAP = Alignment(wrap_text=True, vertical="top")
"""Long texts wrap inside their cell."""
HEADER_FONT = Font(bold=True)
"""Column headers and the header rows of free tables (the loader reads bold as header)."""
THIN = Side(style="thin")
DIAGONAL = Border(diagonal=THIN, diagonalDown=True)
"""A line from the top-left corner to the bottom-right one (斜线表头)."""

_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

# -- values the loader reads back as written --


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


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """``value`` into a cell; a text is always text (stored as :func:`stored_text`), never a
    formula (even "=…")."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = stored_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def put_text(ws: Worksheet, row: int, column: int, text: str | None, *,
             wrap: bool = False) -> Cell:
    """Write ``text`` as text, wrapped when asked or when it has several lines; nothing for
    ``None`` or an empty text."""
    if text is None or text == "":
        return ws.cell(row, column)
    cell = put(ws, row, column, text)
    if wrap or "\n" in text:
        cell.alignment = WRAP
    return cell


def put_number(cell: Cell, value: Decimal | None) -> Cell:
    """A figure into ``cell``, shown at the precision it carries; ``None`` leaves it empty."""
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


# -- the forms' formatting --


def header(ws: Worksheet, columns: tuple[str, ...], widths: dict[str, float]) -> None:
    """Row 1: the column names in bold on grey, frozen; each column's width."""
    for index, name in enumerate(columns, 1):
        cell = ws.cell(1, index, name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = widths.get(name, 12)
    ws.freeze_panes = "A2"


def choices(ws: Worksheet, values: tuple[str, ...], area: str, prompt: str = "") -> None:
    """A drop-down list over ``area`` (``C2:C2000``)."""
    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="请从列表中选择", error="可选：" + "、".join(values))
    if prompt:
        validation.showInputMessage = True
        validation.prompt = prompt[:255]
    validation.add(area)
    ws.add_data_validation(validation)


def number_rule(ws: Worksheet, cell: Cell, unit: str, title: str, prompt: str, *,
                whole: bool = False) -> None:
    """Numbers only (0–100 for a percentage, whole numbers when ``whole``), with an input
    message; the cell is unlocked."""
    if unit == PERCENT_UNIT:
        validation = DataValidation(type="decimal", operator="between", formula1="0",
                                    formula2="100")
        error = "请填写 0 到 100 之间的数（98.62 表示 98.62%），不要带 % 号和文字"
    else:
        validation = DataValidation(type="whole" if whole else "decimal",
                                    operator="greaterThanOrEqual", formula1="0")
        error = "请只填写数字（不小于 0），不要带单位和文字；没有的数据请空着"
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = "应为数字"
    validation.error = error
    validation.showInputMessage = True
    validation.promptTitle = title[:32]
    validation.prompt = prompt[:255]
    validation.add(cell.coordinate)
    ws.add_data_validation(validation)
    cell.protection = UNLOCKED


def protect(ws: Worksheet) -> None:
    """Protect the sheet without a password; formatting and widths stay free."""
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


LINE_HEIGHT = 15.0
"""Points per line of 11-point text."""


def fit_row(ws: Worksheet, row: int) -> None:
    """Make ``row`` tall enough for its wrapped text: LibreOffice and WPS do not size rows
    of a file written by openpyxl by themselves."""
    lines = 1
    for cell in ws[row]:
        if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
            continue
        width = ws.column_dimensions[cell.column_letter].width or 10
        lines = max(lines, sum(max(1, -(-text_width(part) // max(int(width * 0.85), 1)))
                               for part in cell.value.split("\n")))
    if lines > 1:
        ws.row_dimensions[row].height = min(lines * LINE_HEIGHT, 409)


def text_width(text: str) -> int:
    """How wide a text shows, in Excel's character units: CJK counts two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


__all__ = ["DIAGONAL", "FIXED_FILL", "HEADER_FILL", "HEADER_FONT", "UNLOCKED",
           "WRAP", "choices", "fit_row", "header", "number_format", "number_rule", "protect", "put",
           "put_header", "put_number", "put_text", "stored_text", "text_width"]
