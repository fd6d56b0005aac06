"""Table sheets: the official indicator tables and free tables such as 表3.

An indicator sheet mirrors the printed table: its columns are the catalog's (序号, 指标, 单位,
数值, 备注, and a table's own such as 调查人次), found by their headers; its rows must be
the catalog's rows in the catalog's order, or the sheet is refused with a message per
difference. A free table is read as it is laid out: its cells as shown, merges, diagonal
header cells, and the bold rows at its top as header rows.
"""

from __future__ import annotations

import difflib
from collections import Counter
from decimal import Decimal


from reportgen.catalog import SUB_ROW_PREFIX, ColumnKind, IndicatorSpec, TableSpec
from reportgen.errors import Problems
from reportgen.xlsx.cells import CellReader, display, is_blank
from reportgen.xlsx.sheets import (Sheet, FREE_TABLE_PREFIX, PREVIOUS_COLUMN, data_rows, find_columns,
                                   stored_cells)
from reportgen.model import ColumnValue, FreeCell, FreeTable, IndicatorRow, IndicatorTable, Span

_SPACES = " \t\u3000\u00a0"


def indicator_label(text: str | None) -> str:
    """The indicator's name as the catalog writes it: no "其中：", no indentation."""
    label = (text or "").strip(_SPACES)
    for prefix in (SUB_ROW_PREFIX, "其中:"):
        if label.startswith(prefix):
            label = label[len(prefix):].strip(_SPACES)
    return label


def read_indicator_table(ws: Sheet, spec: TableSpec, reader: CellReader,
                         problems: Problems) -> IndicatorTable | None:
    """The sheet's figures, or ``None`` when its rows are not the catalog's."""
    columns = find_columns(ws, spec.headers, reader, problems, optional=(PREVIOUS_COLUMN,))
    if columns is None:
        return None
    rows = list(data_rows(ws))
    expected = spec.row_units()
    name_column = columns[spec.fixed(ColumnKind.NAME).sheet]
    unit_column = columns[spec.fixed(ColumnKind.UNIT).sheet]

    found: list[tuple[str, str]] = []
    previous = ""
    for row in rows:
        name_cell = ws.cell(row, name_column)
        label = indicator_label(display(name_cell))
        unit = (display(ws.cell(row, unit_column)) or "").strip(_SPACES)
        if not label and previous:  # the second row of a two-unit indicator
            label = previous
        found.append((label, unit))
        previous = label

    wanted = [(s.name, unit) for s, unit in expected]
    if found != wanted:
        _report_row_differences(ws, spec, rows, found, wanted, name_column, reader, problems)
        return None

    result = []
    for row, (indicator, unit) in zip(rows, expected):
        result.append(_read_row(ws, row, indicator, unit, spec, columns, reader))
    return IndicatorTable(spec, tuple(result), reader.sheet_ref(ws.title))


def _read_row(ws: Sheet, row: int, indicator: IndicatorSpec, unit: str, spec: TableSpec,
              columns: dict[str, int], reader: CellReader) -> IndicatorRow:
    """One row: its figure, its note and the table's own columns as the catalog lists them."""
    value_cell = ws.cell(row, columns[spec.fixed(ColumnKind.VALUE).sheet])
    note_cell = ws.cell(row, columns[spec.fixed(ColumnKind.NOTE).sheet])
    extra = tuple(
        ColumnValue(c.id, figure=reader.figure(ws.cell(row, columns[c.sheet]), unit=c.unit))
        if c.kind is ColumnKind.FIGURE
        else ColumnValue(c.id, text=reader.text(ws.cell(row, columns[c.sheet])))
        for c in spec.extra_columns
    )
    previous = (reader.figure(ws.cell(row, columns[PREVIOUS_COLUMN]), unit=unit)
                if PREVIOUS_COLUMN in columns else None)
    return IndicatorRow(indicator, unit, reader.figure(value_cell, unit=unit),
                        reader.text(note_cell), extra, previous=previous)


def _report_row_differences(ws: Sheet, spec: TableSpec, rows: list[int],
                            found: list[tuple[str, str]], wanted: list[tuple[str, str]],
                            name_column: int, reader: CellReader, problems: Problems) -> None:
    """One located message per difference between the sheet's rows and the catalog's."""
    def where(index: int):  # the 指标 cell of a sheet row, or the row after the last one
        row = rows[index] if index < len(rows) else (rows[-1] + 1 if rows else 2)
        return reader.ref(ws.cell(row, name_column))

    def show(item: tuple[str, str]) -> str:
        return f"{item[0]}（{item[1]}）" if item[1] else item[0]

    wanted_set, found_set = set(wanted), set(found)
    extra = Counter(found) - Counter(wanted)
    deleted: list[int] = []
    inserted: list[tuple[int, int]] = []  # (index in wanted, index in found it goes before)
    matcher = difflib.SequenceMatcher(a=found, b=wanted, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            deleted.extend(range(a1, a2))
        if op in ("insert", "replace"):
            inserted.extend((j, a1 + min(j - b1, a2 - a1)) for j in range(b1, b2))
    # A replaced row whose old and new names both are foreign to the other list is a rename.
    renamed = {}
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "replace":
            for i, j in zip(range(a1, a2), range(b1, b2)):
                if found[i] not in wanted_set and wanted[j] not in found_set:
                    renamed[i] = j
    moved = {found[i] for i in deleted if found[i] in wanted_set and not extra[found[i]]}
    for i in deleted:
        item = found[i]
        if i in renamed:
            problems.add("E-TABLE-ROW-RENAMED", where(i), found=show(item),
                         row=show(wanted[renamed[i]]), table=spec.name)
        elif extra[item]:
            problems.add("E-TABLE-ROW-DUPLICATE", where(i), row=show(item), table=spec.name)
        elif item in moved:
            row = rows[0] + wanted.index(item) if rows else 2
            problems.add("E-TABLE-ROW-MOVED", where(i), row=show(item), line=row, table=spec.name)
        else:
            problems.add("E-TABLE-ROW-EXTRA", where(i), row=show(item), table=spec.name)
    for j, before in inserted:
        if wanted[j] in moved or j in renamed.values():
            continue
        problems.add("E-TABLE-ROW-MISSING", where(before), row=show(wanted[j]), table=spec.name)


def read_free_table(ws: Sheet, reader: CellReader, problems: Problems) -> FreeTable | None:
    """A free table as laid out from A1: cells as shown, merges, diagonal headers."""
    title = ws.title[len(FREE_TABLE_PREFIX):].strip()
    last_row, last_col = _used_extent(ws)
    if last_row == 0:
        problems.add("E-TABLE-EMPTY", reader.sheet_ref(ws.title))
        return None
    grid = []
    for r in range(1, last_row + 1):
        row = []
        for c in range(1, last_col + 1):
            cell = ws.cell(r, c)
            text = reader.text(cell)
            number = cell.value if isinstance(cell.value, (int, float)) and not isinstance(
                cell.value, bool) else None
            border = cell.border
            diagonal = bool(border and border.diagonal is not None and border.diagonal.style
                            and (border.diagonalDown or border.diagonalUp))
            row.append(FreeCell(
                text=text.text if text else "",
                number=reader.figure(cell).value if number is not None else None,
                source=reader.ref(cell),
                diagonal=diagonal,
            ))
        grid.append(tuple(row))
    spans = tuple(
        Span(m.min_row - 1, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
        for m in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col))
        if m.min_row <= last_row and m.min_col <= last_col
    )
    header_rows = 0
    for r in range(1, last_row + 1):
        filled = [ws.cell(r, c) for c in range(1, last_col + 1) if ws.cell(r, c).value is not None]
        if filled and all(cell.font is not None and cell.font.b for cell in filled):
            header_rows += 1
        else:
            break
    return FreeTable(key=ws.title, title=title or ws.title, cells=tuple(grid), spans=spans,
                     header_rows=header_rows, source=reader.sheet_ref(ws.title),
                     column_widths=column_widths(ws, last_col))


EXCEL_DEFAULT_WIDTH = Decimal("8.43")
"""The width of a column nobody resized, in Excel's units (characters of the default font)."""


def column_widths(ws: Sheet, columns: int) -> tuple[Decimal, ...]:
    """The widths of the sheet's first ``columns`` columns as Excel shows them, or ``()``
    when none was resized."""
    default = ws.sheet_format.defaultColWidth
    widths = [Decimal(str(default)) if default else EXCEL_DEFAULT_WIDTH] * columns
    resized = False
    for dimension in list(ws.column_dimensions.values()):
        if not dimension.width or dimension.min is None:
            continue
        for c in range(dimension.min, min(dimension.max or dimension.min, columns) + 1):
            widths[c - 1] = Decimal(str(dimension.width))
            resized = True
    return tuple(widths) if resized and all(w > 0 for w in widths) else ()


def _used_extent(ws: Sheet) -> tuple[int, int]:
    """The last row and column holding a value (merged ranges included)."""
    last_row = last_col = 0
    for cell in stored_cells(ws):  # not ws.iter_rows(): it creates every empty cell
        if not is_blank(cell.value):
            last_row = max(last_row, cell.row)
            last_col = max(last_col, cell.column)
    for m in ws.merged_cells.ranges:
        if m.min_row <= last_row and m.min_col <= last_col:
            last_row = max(last_row, m.max_row)
            last_col = max(last_col, m.max_col)
    return last_row, last_col
