"""Merged figures written into the district's own workbook (``reportgen merge --base``).

The district usually starts its year from last year's workbook (``init --from``): its
基本信息, foreword, text, own tables and 上年 figures are its own. ``merge --base`` copies that
workbook and writes into the copy only what the merge produces: this year's figures of the
indicator tables (a figure the merge leaves empty keeps what the district typed), the schools'
cases appended as candidates, and fresh 来源 and 素材 sheets. Everything else — formulas,
formats, validations, other sheets — stays as it was. The base itself is never written.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import ColumnKind, TableSpec
from reportgen.errors import Problems, UsageError
from reportgen.files import write_atomically
from reportgen.xlsx import sheets as names
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.container import check_workbook_file
from reportgen.xlsx.form import Form
from reportgen.xlsx.formatting import WRAP, fit_row, put, put_number
from reportgen.xlsx.prose import write_material, write_sources
from reportgen.xlsx.sheets import data_rows
from reportgen.xlsx.tables import read_indicator_table


def base_year(base: Path) -> int | None:
    """The 报告年份 of the workbook at ``base`` (``None`` when it is not filled in).

    Raises :class:`~reportgen.errors.DataError` when ``base`` is not a workbook that is safe
    to open (the checks of :mod:`reportgen.xlsx.container`)."""
    check_workbook_file(base)
    with base.open("rb") as stream:
        wb = openpyxl.load_workbook(stream, data_only=True)
    try:
        if names.META_SHEET not in wb.sheetnames:
            return None
        ws = wb[names.META_SHEET]
        for row in data_rows(ws):
            value = str(ws.cell(row, 2).value or "").strip()
            if ws.cell(row, 1).value == names.META_YEAR and value.isdigit():
                return int(value)
    finally:
        wb.close()
    return None


def write_into(base: Path, target: Path, form: Form) -> None:
    """A copy of ``base`` at ``target`` holding ``form``'s figures, cases, 来源 and 素材.

    Raises :class:`~reportgen.errors.DataError` when an indicator sheet of the base does not have the catalog's
    rows (each difference located), :class:`UsageError` when a sheet is missing."""
    with base.open("rb") as stream:
        wb = openpyxl.load_workbook(stream)
    problems = Problems()
    try:
        reader = CellReader(base.name, problems, wb.epoch)
        for spec in form.catalog.tables:
            if spec.name not in wb.sheetnames:
                raise UsageError("U-MERGE-BASE-SHEET", file=base.name, sheet=spec.name)
            ws = wb[spec.name]
            if read_indicator_table(ws, spec, reader, problems) is not None:
                _figures(ws, spec, form)
        problems.raise_if_errors()
        if names.CASES_SHEET in wb.sheetnames:
            _cases(wb[names.CASES_SHEET], form, base.name)
        for sheet, write in ((names.SOURCES_SHEET, write_sources),
                             (names.MATERIAL_SHEET, write_material)):
            if sheet in wb.sheetnames:
                del wb[sheet]
            write(wb.create_sheet(sheet), form)
        buffer = io.BytesIO()
        wb.save(buffer)
    finally:
        wb.close()
    write_atomically(target, buffer.getvalue())


def _figures(ws: Worksheet, spec: TableSpec, form: Form) -> None:
    """This year's figures and the table's own columns, row by row in the catalog's order."""
    at = {(display(c) or "").strip(): c.column for c in ws[1]}
    value_column = at[spec.fixed(ColumnKind.VALUE).sheet]
    rows = list(data_rows(ws))
    for row, (indicator, unit) in zip(rows, spec.row_units()):
        figure = form.figures.get((spec.id, indicator.id, unit))
        if figure is None:
            continue
        if figure.value is not None:
            cell = ws.cell(row, value_column)
            cell.value = None
            put_number(cell, figure.value)
        for column in spec.extra_columns:
            given = figure.extra.get(column.id)
            if given is None or column.sheet not in at:
                continue
            cell = ws.cell(row, at[column.sheet])
            if isinstance(given, Decimal):
                cell.value = None
                put_number(cell, given)
            else:
                put(ws, row, at[column.sheet], given)


def _cases(ws: Worksheet, form: Form, file: str) -> None:
    """The schools' cases after the district's own, numbered after the highest 编号."""
    at = {(display(c) or "").strip(): c.column for c in ws[1]}
    for extra in (names.STATUS_COLUMN, names.SCHOOL_COLUMN):
        if extra not in at:
            at[extra] = max(at.values(), default=0) + 1
            header_cell = ws.cell(1, at[extra], extra)
            ws.column_dimensions[header_cell.column_letter].width = 12
    if "编号" not in at:
        raise UsageError("U-MERGE-BASE-CASES", file=file, sheet=ws.title, column="编号")
    rows = list(data_rows(ws))
    taken = {(display(ws.cell(r, at["编号"])) or "").strip() for r in rows}
    numbers = [int(k) for k in taken if k.isdigit()]
    next_number = max(numbers, default=0) + 1
    row = (rows[-1] if rows else 1) + 1
    for case in form.cases:
        while str(next_number) in taken:
            next_number += 1
        values = {"编号": str(next_number), "标题": case.title, "副标题": case.subtitle or None,
                  "正文": case.body, names.STATUS_COLUMN: case.status,
                  names.SCHOOL_COLUMN: case.school}
        for column, value in values.items():
            if column in at:
                put(ws, row, at[column], value).alignment = WRAP
        fit_row(ws, row)
        taken.add(str(next_number))
        row += 1


__all__ = ["base_year", "write_into"]
