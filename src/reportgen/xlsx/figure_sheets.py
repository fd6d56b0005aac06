"""The optional 图片 and 图表 sheets, read into the model; the picture files written back.

图片: pictures from image files, by name. Columns 名称 and 文件 (the image file, relative to the
workbook's folder), optionally 题注 (the caption after 图N; the name when empty) and 宽度（厘米）
(empty: as wide as the text). Each image is read now (:mod:`reportgen.images`), so that a
missing, unreadable or unsupported file is a located problem of the workbook, found by
``check`` too.

图表: charts drawn from figures the workbook already holds. One row per value: 名称 (the chart),
类型 (柱形图, 折线图, 饼图), 类别 (the axis label or pie slice, such as 2023年), 数值 (a number, a
placeholder name such as 〔毕业生人数〕 or 〔上年毕业生人数〕, or a free table's cell 表-名称!行@列),
and optionally 系列 (for several bars or lines per category), 题注, 单位 and 宽度（厘米）. A
chart's rows may be anywhere in the sheet; its 类型, 题注, 单位 and 宽度 are given on its first
row (later rows leave them empty or repeat them). Whether each 数值 names a figure is checked
with the placeholders.

Writing them back (for the workbook writer): a picture's image is written as a file in a folder
beside the workbook, named after the workbook (``2025.xlsx`` → ``2025-图片/``), and the 图片
sheet (written by :mod:`reportgen.xlsx.prose`, which imports openpyxl: reading a report does not)
names it relative to the workbook's folder, as a clerk would. The image written is the one the
report prints (turned upright, scaled down and re-encoded when it was read).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from reportgen.errors import Problems
from reportgen.files import write_atomically
from reportgen.images import ImageProblem, prepare_image
from reportgen.model import Chart, ChartPoint, Picture, Report, SourceRef, Text
from reportgen.xlsx.cells import AnyCell, CellReader, display
from reportgen.xlsx.sheets import (Sheet, 
    CHART_COLUMNS,
    CHART_KINDS,
    CHART_OPTIONAL,
    PICTURE_COLUMNS,
    PICTURE_OPTIONAL,
    data_rows,
    find_columns,
)


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


def read_pictures(ws: Sheet, folder: Path, reader: CellReader, problems: Problems,
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


class _Open:
    """A chart being read: its first row's settings and its points so far."""

    def __init__(self, name: Text, kind: str, caption: Text | None, unit: str,
                 width: Decimal | None, row: int):
        self.name, self.kind, self.caption, self.unit, self.width = name, kind, caption, unit, width
        self.row = row
        self.points: list[ChartPoint] = []

    def freeze(self) -> Chart:
        return Chart(self.name, self.kind, self.caption or self.name, tuple(self.points),
                     self.unit, self.width, self.name.source)


def read_charts(ws: Sheet, folder: Path, reader: CellReader, problems: Problems,
                seen: dict[str, SourceRef]) -> dict[str, Chart]:
    """Every chart of the sheet by name (names shared with the pictures in ``seen``)."""
    columns = find_columns(ws, CHART_COLUMNS, reader, problems, optional=CHART_OPTIONAL)
    if columns is None:
        return {}
    charts: dict[str, _Open] = {}
    refused: set[str] = set()

    def cell(row: int, column: str):
        return ws.cell(row, columns[column]) if column in columns else None

    def text(row: int, column: str) -> Text | None:
        found = cell(row, column)
        return reader.text(found) if found is not None else None

    for row in data_rows(ws):
        name_text = text(row, "名称")
        if name_text is None:
            if any(text(row, c) is not None for c in ("类别", "数值")):
                problems.add("E-FIGURE-NO-NAME", reader.ref(ws.cell(row, columns["名称"])))
            continue
        name = name_text.text
        if name in refused:
            continue
        chart = charts.get(name)
        settings = {c: text(row, c) for c in ("类型", "题注", "单位")}
        if chart is None:
            registered = read_name(ws.cell(row, columns["名称"]), reader, problems, seen)
            kind = settings["类型"]
            if registered is None or kind is None or kind.text.strip() not in CHART_KINDS:
                if registered is not None:
                    problems.add("E-CHART-KIND", reader.ref(ws.cell(row, columns["类型"])),
                                 found=kind.text if kind else "", kinds=list(CHART_KINDS))
                refused.add(name)
                continue
            width_cell = cell(row, "宽度（厘米）")
            chart = charts[name] = _Open(
                registered, CHART_KINDS[kind.text.strip()], settings["题注"],
                settings["单位"].text if settings["单位"] else "",
                read_width(width_cell, reader, problems) if width_cell is not None else None, row)
        else:
            first = {"类型": [k for k, v in CHART_KINDS.items() if v == chart.kind][0],
                     "题注": chart.caption.text if chart.caption else None,
                     "单位": chart.unit or None}
            for column, value in settings.items():
                if value is not None and value.text.strip() != first[column]:
                    problems.add("E-CHART-MIXED", reader.ref(cell(row, column)),
                                 found=value.text, chart=name, column=column,
                                 first=f"第 {chart.row} 行")
        category, value = text(row, "类别"), text(row, "数值")
        for column, given in (("类别", category), ("数值", value)):
            if given is None:
                problems.add("E-CHART-NO-VALUE", reader.ref(cell(row, column)), chart=name,
                             column=column)
        if category is None or value is None:
            continue
        series = text(row, "系列")
        found = cell(row, "数值")
        assert found is not None
        if not isinstance(found.value, str):  # a number typed in: keep it as shown
            value = Text(display(found) or value.text, value.source)
        chart.points.append(ChartPoint(category.text, series.text if series else "", value))
    return {name: chart.freeze() for name, chart in charts.items() if chart.points}


PICTURE_FOLDER_SUFFIX = "-图片"
"""A workbook's pictures are written to the folder of its name and this (``2025-图片``)."""
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FILE_NAME_LIMIT = 60


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
