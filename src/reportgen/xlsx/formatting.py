"""Cell formatting shared by the forms ``init`` and ``merge`` write: headers, drop-downs,
number validation with input messages, protection, figures at their precision."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
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
"""Long text."""


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """``value`` into a cell; a text is always text, never a formula (even "=…")."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def header(ws: Worksheet, columns: tuple[str, ...], widths: dict[str, float]) -> None:
    """Row 1: the column names in bold on grey, frozen; each column's width."""
    for index, name in enumerate(columns, 1):
        cell = ws.cell(1, index, name)
        cell.font = Font(bold=True)
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


def put_number(cell: Cell, value: Decimal | None) -> None:
    """A figure into a cell so that it reads back at the precision it carries."""
    if value is None:
        return
    places = decimals(value)
    cell.value = float(value) if places else int(value)
    if places:
        cell.number_format = "0." + "0" * places


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


__all__ = ["FIXED_FILL", "HEADER_FILL", "UNLOCKED", "WRAP", "choices", "header", "number_rule", "put",
           "fit_row", "protect", "put_number", "text_width"]
