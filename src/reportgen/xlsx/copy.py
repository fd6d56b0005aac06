"""Copying a sheet from one workbook into another: an own table carried over to next year.

openpyxl cannot move a sheet between workbooks, so the copy goes cell by cell: the value as
last saved (a formula's cached result, never the formula, which a file written by openpyxl
could not show until recalculated), number format, font, fill, border, alignment; merged
ranges, column widths and row heights. The source is opened read-only and closed.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.xlsx.formatting import put
from reportgen.xlsx.sheets import stored_cells


def copy_sheet(source: Path, sheet: str, target: Worksheet) -> None:
    """Copy the sheet ``sheet`` of the workbook at ``source`` into ``target``."""
    with source.open("rb") as stream:
        wb = openpyxl.load_workbook(stream, data_only=True)
    try:
        copy_cells(wb[sheet], target)
    finally:
        wb.close()


def copy_cells(origin: Worksheet, target: Worksheet) -> None:
    """Values, styles, merges and dimensions of ``origin`` into ``target``; only the cells
    the file holds are visited (:func:`~reportgen.xlsx.sheets.stored_cells`)."""
    for cell in sorted(stored_cells(origin), key=lambda c: (c.row, c.column)):
        if isinstance(cell, MergedCell):
            continue
        copied = put(target, cell.row, cell.column, cell.value)
        if cell.has_style:
            copied.font = copy(cell.font)
            copied.fill = copy(cell.fill)
            copied.border = copy(cell.border)
            copied.alignment = copy(cell.alignment)
            copied.number_format = cell.number_format
    for merged in origin.merged_cells.ranges:
        target.merge_cells(merged.coord)
    for letter, dimension in origin.column_dimensions.items():
        if dimension.width:
            target.column_dimensions[letter].width = dimension.width
    for number, dimension in origin.row_dimensions.items():
        if dimension.height:
            target.row_dimensions[number].height = dimension.height
    target.freeze_panes = origin.freeze_panes


__all__ = ["copy_cells", "copy_sheet"]
