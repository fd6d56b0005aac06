"""The optional 数据 sheet: figures the workbook names itself, for placeholders.

Columns 名称, 数值, optionally 单位 and 上年 (last year's value, for the year-over-year
placeholders 〔名称@变化〕 and 〔名称@增幅〕).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.model import NamedFigure
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.sheets import NAMED_COLUMNS, NAMED_UNIT_COLUMN, PREVIOUS_COLUMN, data_rows, \
    find_columns
from reportgen.xlsx.unfilled import EMPTY_NAMED

_FORBIDDEN = "〔〕"


def read_named(ws: Worksheet, reader: CellReader, problems: Problems) -> tuple[NamedFigure, ...]:
    """Every named figure of the sheet; duplicate or malformed names are located errors."""
    headers = {(display(c) or "").strip() for c in (ws[1] if ws.max_row >= 1 else ())}
    expected = NAMED_COLUMNS + ((NAMED_UNIT_COLUMN,) if NAMED_UNIT_COLUMN in headers else ())
    columns = find_columns(ws, expected, reader, problems, optional=(PREVIOUS_COLUMN,))
    if columns is None:
        return ()
    found: dict[str, NamedFigure] = {}
    for row in data_rows(ws):
        name_cell = ws.cell(row, columns["名称"])
        value_cell = ws.cell(row, columns["数值"])
        name = reader.text(name_cell)
        if name is None:
            if value_cell.value is not None:
                problems.add("E-NAMED-NO-NAME", reader.ref(name_cell))
            continue
        if any(ch in name.text for ch in _FORBIDDEN) or ":" in name.text or "：" in name.text:
            problems.add("E-NAMED-BAD-NAME", reader.ref(name_cell), found=name.text)
            continue
        if name.text in found:
            first = found[name.text].name.source
            problems.add("E-NAMED-DUPLICATE", reader.ref(name_cell), name=name.text,
                         first=first.cell if first else "")
            continue
        figure = reader.figure(value_cell)
        if figure.value is None and value_cell.value is None:
            problems.add(EMPTY_NAMED, reader.ref(value_cell), name=name.text)
            continue
        unit = ""
        if NAMED_UNIT_COLUMN in columns:
            unit_text = reader.text(ws.cell(row, columns[NAMED_UNIT_COLUMN]))
            unit = unit_text.text if unit_text else ""
        previous = (reader.figure(ws.cell(row, columns[PREVIOUS_COLUMN]))
                    if PREVIOUS_COLUMN in columns else None)
        found[name.text] = NamedFigure(name, figure, unit, previous)
    return tuple(found.values())
