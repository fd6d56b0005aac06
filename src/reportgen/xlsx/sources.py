"""The 来源 sheet of a district workbook: which school cells each merged figure came from.

``reportgen merge`` writes one row per school and merged figure (:data:`SOURCES_COLUMNS`).
Reading it back lets ``reportgen check`` name the school cells behind a figure it finds
wrong. The sheet is informative: a row that cannot be understood is skipped with a warning,
never an error.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.codes import listing
from reportgen.errors import Problems
from reportgen.model import Contribution, MergedFigure, SourceRef
from reportgen.xlsx.cells import CellReader
from reportgen.xlsx.sheets import SOURCES_COLUMNS, data_rows, find_columns

PLACE_SEPARATOR = " › "
"""Between a school's file name and its sheet!cell in the 学校单元格 column."""


def place_text(ref: SourceRef) -> str:
    """``学校甲.xlsx › 人才培养质量计分卡!D2`` — how the 来源 sheet writes a school's cell."""
    return str(ref)


def parse_place(text: str) -> SourceRef | None:
    """The cell :func:`place_text` wrote, or ``None`` when ``text`` is not one."""
    file, separator, rest = text.partition(PLACE_SEPARATOR)
    sheet, bang, cell = rest.rpartition("!")
    if not separator or not bang or not file.strip() or not sheet or not cell:
        return None
    return SourceRef(file.strip(), sheet, cell.strip())


def read_sources(ws: Worksheet, reader: CellReader, problems: Problems) -> tuple[MergedFigure, ...]:
    """Every merged figure the sheet lists, with its schools' cells, in the sheet's order."""
    columns = find_columns(ws, SOURCES_COLUMNS, reader, problems)
    if columns is None:
        return ()
    figures: dict[tuple[str, str], tuple[str, list[Contribution]]] = {}
    skipped = []
    for row in data_rows(ws):
        def text(column: str) -> str:
            value = reader.text(ws.cell(row, columns[column]))
            return value.text if value else ""
        sheet, cell, place = text("工作表"), text("单元格"), text("学校单元格")
        school_ref = parse_place(place)
        if not sheet or not cell or school_ref is None:
            if any((sheet, cell, place)):
                skipped.append(row)
            continue
        entry = figures.setdefault((sheet, cell), (text("合并方法"), []))
        entry[1].append(Contribution(text("学校"), school_ref, text("学校数值")))
    if skipped:
        problems.warn("W-SOURCES-ROW", reader.sheet_ref(ws.title), rows=listing(skipped, 10))
    return tuple(MergedFigure(SourceRef(reader.file_name, sheet, cell), method, tuple(parts))
                 for (sheet, cell), (method, parts) in figures.items())


__all__ = ["PLACE_SEPARATOR", "parse_place", "place_text", "read_sources"]
