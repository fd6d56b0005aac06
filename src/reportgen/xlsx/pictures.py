"""The optional 图片 sheet: pictures from image files, by name.

Columns 名称 and 文件 (the image file, relative to the workbook's folder), optionally 题注
(the caption after 图N; the name when empty) and 宽度（厘米） (empty: as wide as the text).
Each image is read now (:mod:`reportgen.images`), so that a missing, unreadable or
unsupported file is a located problem of the workbook, found by ``check`` too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.images import ImageProblem, prepare_image
from reportgen.model import Picture, SourceRef, Text
from reportgen.xlsx.cells import AnyCell, CellReader, display
from reportgen.xlsx.sheets import PICTURE_COLUMNS, PICTURE_OPTIONAL, data_rows, find_columns

WIDTH_COLUMN = "宽度（厘米）"
CAPTION_COLUMN = "题注"
_FORBIDDEN = "〔〕"


def read_name(cell: AnyCell, reader: CellReader, problems: Problems,
              seen: dict[str, SourceRef]) -> Text | None:
    """A figure's name: not empty, without brackets, not used before (pictures and charts
    share one set of names, ``seen``)."""
    name = reader.text(cell)
    if name is None:
        return None
    if any(ch in name.text for ch in _FORBIDDEN):
        problems.add("E-FIGURE-BAD-NAME", reader.ref(cell), found=name.text)
        return None
    if name.text in seen:
        first = seen[name.text]
        problems.add("E-FIGURE-DUPLICATE", reader.ref(cell), name=name.text,
                     first=f"{first.sheet}!{first.cell}")
        return None
    seen[name.text] = reader.ref(cell)
    return name


def read_width(cell: AnyCell, reader: CellReader, problems: Problems) -> Decimal | None:
    """A width in centimetres as millimetres; ``None`` when empty or wrong (a problem)."""
    if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
        return None
    figure = reader.figure(cell)
    if figure.value is None or figure.value <= 0:
        if figure.value is not None or cell.value is not None:
            problems.add("E-PICTURE-WIDTH", reader.ref(cell), found=display(cell) or "")
        return None
    return figure.value * 10


def read_pictures(ws: Worksheet, folder: Path, reader: CellReader, problems: Problems,
                  seen: dict[str, SourceRef]) -> dict[str, Picture]:
    """Every picture of the sheet by name; files are looked for relative to ``folder``."""
    columns = find_columns(ws, PICTURE_COLUMNS, reader, problems, optional=PICTURE_OPTIONAL)
    if columns is None:
        return {}
    pictures: dict[str, Picture] = {}
    for row in data_rows(ws):
        name_cell, file_cell = ws.cell(row, columns["名称"]), ws.cell(row, columns["文件"])
        file = reader.text(file_cell)
        name = read_name(name_cell, reader, problems, seen)
        if name is None:
            if file is not None and reader.text(name_cell) is None:
                problems.add("E-FIGURE-NO-NAME", reader.ref(name_cell))
            continue
        if file is None:
            problems.add("E-PICTURE-NO-FILE", reader.ref(file_cell), name=name.text)
            continue
        try:
            image = prepare_image(folder / file.text.strip())
        except ImageProblem as problem:
            problems.add(problem.code, reader.ref(file_cell), found=file.text, **problem.fields)
            continue
        caption = (reader.text(ws.cell(row, columns[CAPTION_COLUMN]))
                   if CAPTION_COLUMN in columns else None)
        width = (read_width(ws.cell(row, columns[WIDTH_COLUMN]), reader, problems)
                 if WIDTH_COLUMN in columns else None)
        pictures[name.text] = Picture(name, caption or name, image, width, name.source)
    return pictures
