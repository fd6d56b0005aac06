"""Writing the optional 图片 and 图表 sheets, and the pictures' image files: the inverse of
:mod:`reportgen.xlsx.pictures` and :mod:`reportgen.xlsx.charts`, for the workbook writer.

A picture's image is written as a file in a folder beside the workbook, named after the
workbook (``2025.xlsx`` → ``2025-图片/``), and the 图片 sheet names it relative to the
workbook's folder, as a clerk would. The image written is the one the report prints (turned
upright, scaled down and re-encoded when it was read).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.files import write_atomically
from reportgen.model import Chart, Picture, Report
from reportgen.xlsx.formatting import put_header, put_number, put_text
from reportgen.xlsx.pictures import CAPTION_COLUMN, WIDTH_COLUMN
from reportgen.xlsx.sheets import CHART_COLUMNS, CHART_KINDS, CHART_OPTIONAL, PICTURE_COLUMNS

PICTURE_FOLDER_SUFFIX = "-图片"
"""A workbook's pictures are written to the folder of its name and this (``2025-图片``)."""
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FILE_NAME_LIMIT = 60
_KIND_NAMES = {kind: name for name, kind in CHART_KINDS.items()}
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,11})(\.\d{1,6})?")


def figures_of(report: Report) -> tuple[list[Picture], list[Chart]]:
    """The report's pictures and charts, each once, in document order."""
    pictures: dict[str, Picture] = {}
    charts: dict[str, Chart] = {}
    for figure in report.figures:
        if isinstance(figure, Picture):
            pictures.setdefault(figure.name.text, figure)
        else:
            charts.setdefault(figure.name.text, figure)
    return list(pictures.values()), list(charts.values())


def picture_files(pictures: Iterable[Picture], folder: str) -> dict[str, str]:
    """For each picture's name, the file it is written to, relative to the workbook's folder
    (``folder/name.jpg``): the name with the characters file systems refuse replaced, cut
    short, and numbered when two names come out the same."""
    files: dict[str, str] = {}
    taken: set[str] = set()
    for picture in pictures:
        stem = _NOT_IN_FILE_NAMES.sub("_", picture.name.text).strip(" .")[:_FILE_NAME_LIMIT]
        stem = stem or "图片"
        suffix = "jpg" if picture.image.format == "jpeg" else picture.image.format
        name, n = f"{stem}.{suffix}", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}{n}.{suffix}"
        taken.add(name.lower())
        files[picture.name.text] = f"{folder}/{name}"
    return files


def write_picture_files(report: Report, workbook: Path) -> str:
    """Write the report's pictures as files beside ``workbook``; return their folder's name
    (relative to the workbook's folder)."""
    pictures, _ = figures_of(report)
    folder = workbook.stem + PICTURE_FOLDER_SUFFIX
    files = picture_files(pictures, folder)
    for picture in pictures:
        write_atomically(workbook.parent / files[picture.name.text], picture.image.data)
    return folder


def write_pictures(ws: Worksheet, pictures: Iterable[Picture], files: dict[str, str]) -> None:
    """The 图片 sheet: name, file, caption (empty when it is the name), width in cm."""
    put_header(ws, PICTURE_COLUMNS + (CAPTION_COLUMN, WIDTH_COLUMN), (24, 36, 40, 12))
    for row, picture in enumerate(pictures, 2):
        put_text(ws, row, 1, picture.name.text)
        put_text(ws, row, 2, files[picture.name.text])
        if picture.caption.text != picture.name.text:
            put_text(ws, row, 3, picture.caption.text, wrap=True)
        put_number(ws.cell(row, 4), _centimetres(picture.width_mm))


def write_charts(ws: Worksheet, charts: Iterable[Chart]) -> None:
    """The 图表 sheet: one row per value; a chart's 类型, 题注, 单位 and 宽度 on its first row."""
    columns = CHART_COLUMNS + CHART_OPTIONAL
    put_header(ws, columns, (20, 10, 16, 24, 12, 30, 8, 12))
    at = {name: index for index, name in enumerate(columns, 1)}
    row = 2
    for chart in charts:
        for index, point in enumerate(chart.points):
            put_text(ws, row, at["名称"], chart.name.text)
            put_text(ws, row, at["类别"], point.category)
            put_text(ws, row, at["系列"], point.series or None)
            value = point.value.text
            if _PLAIN_NUMBER.fullmatch(value) and not (value.startswith("-")
                                                       and Decimal(value) == 0):
                put_number(ws.cell(row, at["数值"]), Decimal(value))  # a number, as it was typed
            else:
                put_text(ws, row, at["数值"], value)
            if index == 0:
                put_text(ws, row, at["类型"], _KIND_NAMES[chart.kind])
                if chart.caption.text != chart.name.text:
                    put_text(ws, row, at["题注"], chart.caption.text, wrap=True)
                put_text(ws, row, at["单位"], chart.unit or None)
                put_number(ws.cell(row, at[WIDTH_COLUMN]), _centimetres(chart.width_mm))
            row += 1


def _centimetres(width_mm: Decimal | None) -> Decimal | None:
    """A width in millimetres as the centimetres that read back as it (125.0 → 12.5)."""
    if width_mm is None:
        return None
    exponent = width_mm.as_tuple().exponent
    assert isinstance(exponent, int)
    centimetres = width_mm.scaleb(-1)  # the same digits: 125.0 → 12.50
    shorter = centimetres.quantize(Decimal(1).scaleb(exponent))
    return shorter if shorter == centimetres else centimetres
