"""Small valid workbooks built in code, for tests to tweak one thing at a time.

:func:`minimal_workbook` returns an openpyxl workbook in the input format (every sheet the
loader needs, the official indicator rows from the catalog, one case, one free table); a test
changes a cell or two and saves it with :func:`save`. :func:`cell_of` finds the cell of an
indicator's figure (or another column) so that a test can name its coordinate.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from reportgen.catalog import load_catalog

FILE_NAME = "test.xlsx"
"""The name tests give the saved workbook; messages start with it."""

META = {
    "地区": "测试区",
    "学年度": "2023-2024学年度",
    "报告年份": 2024,
    "报告标题": "测试区中等职业学校年度质量报告",
    "发布单位": "测试区教育委员会",
    "成文日期": datetime.datetime(2024, 12, 30),
    "指标表位置": "正文",
}
"""The 基本信息 sheet, key by key (row 2 onwards, in this order)."""

FOREWORD = "这是前言的第一段。"
PARAGRAPH = "这是正文的第一段。"
CASE_TITLE = "案例标题"
CASE_BODY = "案例正文第一段。"
FREE_TABLE = "表-示例表"
"""The free table's sheet; the report prints it as 示例表."""


def minimal_workbook() -> Workbook:
    """A small workbook that loads without any problem and renders a complete report."""
    wb = Workbook()
    meta = wb.active
    meta.title = "基本信息"
    meta.append(["项目", "内容"])
    for key, value in META.items():
        meta.append([key, value])
    meta["B7"].number_format = "yyyy-mm-dd"

    foreword = wb.create_sheet("前言")
    foreword.append(["段落"])
    foreword.append([FOREWORD])

    catalog = load_catalog(2024)
    body = wb.create_sheet("正文")
    body.append(["类型", "内容"])
    body.append(["一级标题", "学校概况"])
    body.append(["段落", PARAGRAPH])
    body.append(["案例", 1])
    body.append(["一级标题", "指标"])
    for spec in catalog.tables:
        body.append(["表格", spec.name])
    body.append(["表格", FREE_TABLE])

    cases = wb.create_sheet("案例")
    cases.append(["编号", "标题", "副标题", "正文"])
    cases.append([1, CASE_TITLE, None, CASE_BODY])

    for spec in catalog.tables:
        ws = wb.create_sheet(spec.name)
        ws.append(list(spec.headers))
        number = 0
        previous = None
        for indicator, unit in spec.row_units():
            same = indicator is previous
            if indicator.level == 1 and not same:
                number += 1
            row = {
                "序号": number if indicator.level == 1 and not same else None,
                "指标": None if same else indicator.name,
                "单位": unit,
                "数值": 1,
                "调查人次": 10,
                "调查方式": "问卷",
                "备注": None,
            }
            ws.append([row[c] for c in spec.headers])
            previous = indicator

    free = wb.create_sheet(FREE_TABLE)
    free.append(["项目", "2023年", "2024年"])
    free.append(["人数", 10, 12])
    for cell in free[1]:
        cell.font = Font(bold=True)
    return wb


def save(wb: Workbook, folder: Path, name: str = FILE_NAME) -> Path:
    """Save ``wb`` as ``folder/name`` and return the path."""
    path = folder / name
    wb.save(path)
    return path


def build(folder: Path, tweak: Callable[[Workbook], object] | None = None,
          name: str = FILE_NAME, *, start: Callable[[], Workbook] | None = None) -> Path:
    """A minimal workbook (or the one ``start`` makes), changed by ``tweak``, saved in
    ``folder``."""
    wb = (start or minimal_workbook)()
    if tweak is not None:
        tweak(wb)
    return save(wb, folder, name)


def cell_of(wb: Workbook, table: str, indicator: str, column: str = "数值",
            unit: str | None = None) -> Cell:
    """The cell in ``column`` of an indicator's row (its row in ``unit`` for a two-unit one)."""
    ws = wb[table]
    header = [c.value for c in ws[1]]
    col = header.index(column) + 1
    current = None
    for row in range(2, ws.max_row + 1):
        name = ws.cell(row, header.index("指标") + 1).value
        current = name if name else current
        if current == indicator and (unit is None or ws.cell(row, 3).value == unit):
            return ws.cell(row, col)
    raise KeyError(f"{table}: {indicator}")


def body_row(wb: Workbook, kind: str, content: object) -> int:
    """The row of the 正文 sheet holding ``kind`` and ``content``."""
    for row in wb["正文"].iter_rows(min_row=2):
        if row[0].value == kind and row[1].value == content:
            return row[0].row
    raise KeyError(f"{kind} {content}")


def placed_sheet(title: str, header: list[str], rows: Sequence[Sequence[object]],
                 kind: str) -> Callable[[Workbook], None]:
    """A tweak adding the sheet ``title`` (a 图片 or 图表 sheet) with ``header`` and ``rows``,
    and placing its first row's name in 正文 as ``kind``."""
    def tweak(wb: Workbook) -> None:
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append(list(row))
        wb["正文"].append([kind, rows[0][0]])
    return tweak
