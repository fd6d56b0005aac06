"""The text sheets of a form (前言, 正文, 案例, 图片, 图表) and the sheets ``merge`` adds
(来源, 素材).

Text sheets are not protected (the clerk inserts and deletes rows); their fixed-choice columns
(类型, 状态) have drop-down lists reaching far below the last row.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Collection, Iterable

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import TableSpec
from reportgen.model import Chart, Picture
from reportgen.xlsx import sheets as names
from reportgen.xlsx.form import Form, figure_coordinate
from reportgen.xlsx.figure_sheets import CAPTION_COLUMN, WIDTH_COLUMN
from reportgen.xlsx.formatting import WRAP, choices, fit_row, header, put, put_header, put_number, \
    put_text

LIST_ROWS = 2000
"""How far down the drop-downs reach."""
STATUS_HELP = ("“上年”：沿用上年的内容，核对、修改后改为“已确认”。空白与“已确认”相同。")


def write_prose(wb: Workbook, form: Form) -> None:
    """The 前言, 正文 and 案例 sheets of ``form``."""
    foreword = wb.create_sheet(names.FOREWORD_SHEET)
    header(foreword, names.FOREWORD_COLUMNS + (names.STATUS_COLUMN,), {"段落": 100, names.STATUS_COLUMN: 10})
    for row, item in enumerate(form.foreword, 2):
        put(foreword, row, 1, item.content).alignment = WRAP
        put(foreword, row, 2, item.status or None)
        fit_row(foreword, row)
    choices(foreword, names.STATUS_VALUES, f"B2:B{LIST_ROWS}", STATUS_HELP)

    body = wb.create_sheet(names.BODY_SHEET)
    header(body, names.BODY_COLUMNS + (names.STATUS_COLUMN,), {"类型": 12, "内容": 100, names.STATUS_COLUMN: 10})
    for row, item in enumerate(form.body, 2):
        put(body, row, 1, item.kind)
        put(body, row, 2, item.content).alignment = WRAP
        put(body, row, 3, item.status or None)
        fit_row(body, row)
    choices(body, names.BODY_KINDS, f"A2:A{LIST_ROWS}",
            "标题不带编号；案例填“案例”表中的编号；表格填工作表名；附表：放入报告末尾附录的表格；"
            "图片、图表填“图片”“图表”表中的名称。")
    choices(body, names.STATUS_VALUES, f"C2:C{LIST_ROWS}", STATUS_HELP)

    cases = wb.create_sheet(names.CASES_SHEET)
    header(cases, names.CASES_COLUMNS + (names.STATUS_COLUMN, names.SCHOOL_COLUMN,
                                         names.CASES_FIGURES_COLUMN),
           {"编号": 8, "标题": 40, "副标题": 24, "正文": 100, names.STATUS_COLUMN: 10,
            names.SCHOOL_COLUMN: 16, names.CASES_FIGURES_COLUMN: 20})
    for row, case in enumerate(form.cases, 2):
        values = (case.key, case.title, case.subtitle or None, case.body, case.status or None,
                  case.school or None, case.figures or None)
        for column, value in enumerate(values, 1):
            put(cases, row, column, value).alignment = WRAP
        fit_row(cases, row)
    choices(cases, names.CASE_STATUS_VALUES, f"E2:E{LIST_ROWS}",
            STATUS_HELP + "“备选”：学校报送的案例，放入正文才印出。")
    _prompt(cases, f"G2:G{LIST_ROWS}", "可不填。印在案例框中的图片或图表：填“图片”“图表”表中的名称，"
            "多个名称之间换行或用顿号分开")


def write_figure_sheets(wb: Workbook, skip: Collection[str] = ()) -> None:
    """The blank 图片 and 图表 sheets (those not named in ``skip``), with drop-downs and
    input messages."""
    if names.PICTURES_SHEET not in skip:
        ws = wb.create_sheet(names.PICTURES_SHEET)
        header(ws, names.PICTURE_COLUMNS + names.PICTURE_OPTIONAL,
               {"名称": 20, "文件": 36, "题注": 36, "宽度（厘米）": 12})
        _prompt(ws, f"B2:B{LIST_ROWS}", "图片文件名，相对于本工作簿所在的文件夹，如：图片/实训基地.jpg")
        _width(ws, f"D2:D{LIST_ROWS}")
    if names.CHARTS_SHEET not in skip:
        ws = wb.create_sheet(names.CHARTS_SHEET)
        header(ws, names.CHART_COLUMNS + names.CHART_OPTIONAL,
               {"名称": 20, "类型": 10, "类别": 16, "数值": 28, "系列": 12, "题注": 30,
                "单位": 8, "宽度（厘米）": 12})
        choices(ws, tuple(names.CHART_KINDS), f"B2:B{LIST_ROWS}",
                "同一图表的类型、题注、单位、宽度只在第一行填写")
        _prompt(ws, f"D2:D{LIST_ROWS}", "数字、占位符名称（如〔毕业生人数〕〔上年毕业生人数〕）"
                "或自制表格的单元格（表-名称!行的第一格@列标题）")
        _width(ws, f"H2:H{LIST_ROWS}")


def _prompt(ws: Worksheet, area: str, prompt: str) -> None:
    """An input message over ``area``, any value allowed."""
    validation = DataValidation(showInputMessage=True, prompt=prompt[:255])
    validation.add(area)
    ws.add_data_validation(validation)


def _width(ws: Worksheet, area: str) -> None:
    """A width in centimetres over ``area``: a number above 0, or empty."""
    validation = DataValidation(type="decimal", operator="greaterThan", formula1="0",
                                allow_blank=True, showErrorMessage=True, errorTitle="应为数字",
                                error="宽度填厘米数，如 12；不填时与正文同宽",
                                showInputMessage=True, prompt="可不填。印出的宽度（厘米），不填时与正文同宽")
    validation.add(area)
    ws.add_data_validation(validation)


def write_sources(ws: Worksheet, form: Form) -> None:
    """The 来源 sheet: one row per school and merged figure."""
    header(ws, names.SOURCES_COLUMNS, {"工作表": 18, "单元格": 8, "指标": 40, "单位": 8,
                                       "合并方法": 36, "合并值": 12, "学校": 18, "学校单元格": 40,
                                       "学校数值": 12})
    for row, item in enumerate(form.sources, 2):
        spec = form.catalog.by_id(item.figure[0])
        indicator = next(i for i in spec.indicators if i.id == item.figure[1])
        values = (spec.name, figure_coordinate(spec, item.figure, item.column),
                  indicator.name + ("" if item.column == "value"
                                    else f"（{_header(spec, item.column)}）"),
                  item.figure[2], item.method, item.merged, item.school, str(item.place),
                  item.value)
        for column, value in enumerate(values, 1):
            put(ws, row, column, value)


def _header(spec: TableSpec, column: str) -> str:
    found = spec.column(column)
    return found.sheet if found else column


def write_material(ws: Worksheet, form: Form) -> None:
    """The 素材 sheet: the schools' text by school and chapter."""
    header(ws, names.MATERIAL_COLUMNS, {"学校": 18, "章": 24, "类型": 10, "内容": 100,
                                        "位置": 30})
    for row, item in enumerate(form.material, 2):
        values = (item.school, item.chapter, item.kind, item.content,
                  str(item.place) if item.place else None)
        for column, value in enumerate(values, 1):
            put(ws, row, column, value).alignment = WRAP
        fit_row(ws, row)


__all__ = ["write_charts", "write_figure_sheets", "write_material", "write_pictures", "write_prose",
           "write_sources"]


# -- 图片 and 图表 of a report read back from Word (import) --

_KIND_NAMES = {kind: name for name, kind in names.CHART_KINDS.items()}
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,11})(\.\d{1,6})?")


def write_pictures(ws: Worksheet, pictures: Iterable[Picture], files: dict[str, str]) -> None:
    """The 图片 sheet: name, file, caption (empty when it is the name), width in cm."""
    put_header(ws, names.PICTURE_COLUMNS + (CAPTION_COLUMN, WIDTH_COLUMN), (24, 36, 40, 12))
    for row, picture in enumerate(pictures, 2):
        put_text(ws, row, 1, picture.name.text)
        put_text(ws, row, 2, files[picture.name.text])
        if picture.caption.text != picture.name.text:
            put_text(ws, row, 3, picture.caption.text, wrap=True)
        put_number(ws.cell(row, 4), _centimetres(picture.width_mm))


def write_charts(ws: Worksheet, charts: Iterable[Chart]) -> None:
    """The 图表 sheet: one row per value; a chart's 类型, 题注, 单位 and 宽度 on its first row."""
    columns = names.CHART_COLUMNS + names.CHART_OPTIONAL
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
