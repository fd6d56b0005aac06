"""Writing a form the clerk fills in: ``reportgen init`` (blank, or from last year's) and
``reportgen merge`` (the district's sums).

Every sheet the loader reads, with its column names and every official indicator row with its
unit; a 说明 sheet first. Value cells carry data validation (numbers only, percentages 0–100,
a date for 成文日期), drop-down lists where a column has fixed choices (类型, 指标表位置, 状态)
and an input message giving the indicator's name and unit. Header rows are frozen, column
widths fit their content, and the indicator sheets are protected without a password so that
names and units cannot be changed by accident (value cells are unlocked).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import SUB_ROW_PREFIX, ColumnKind, TableSpec
from reportgen.catalog.specs import FIXED_KINDS
from reportgen.files import write_atomically
from reportgen.numbers import PERCENT_UNIT, RATIO_UNIT
from reportgen.xlsx import sheets as names
from reportgen.xlsx.copy import copy_sheet
from reportgen.xlsx.form import Form, FormFigure, indicator_columns
from reportgen.xlsx.formatting import FIXED_FILL, HEADER_FILL, UNLOCKED, WRAP, fit_row, header, \
    number_rule, put, protect, put_number, text_width
from reportgen.xlsx.guide import guide_lines
from reportgen.xlsx.prose import write_figure_sheets, write_material, write_prose, \
    write_sources
from reportgen.xlsx.settings import LABEL_LIMIT, SETTING_CHOICES

META_HELP = {
    names.META_REGION: "区县或学校的名称，如：璧山区",
    names.META_PERIOD: "印在标题下方的括号里，如：2024-2025学年度",
    names.META_YEAR: "报告年份，四位数字；也是指标表数值列的表头（“2025年”）",
    names.META_TITLE: "封面和正文开头的大标题",
    names.META_ISSUER: "印在封面，如：重庆市璧山区教育委员会",
    names.META_DATE: "填日期，如 2025-12-30；封面印“2025年12月”",
    names.META_TABLES: "附表：六张指标表集中放在报告末尾；正文：按“正文”表中的位置放置",
    names.META_PREVIOUS: "是：指标表在本年数值前加印上年数值一列；否：不印",
    names.META_CASE_LABEL: "可不填。案例编号前的文字，默认“案例”（印为“案例3”），如：典型案例",
    names.META_HEADINGS: "可不填。1./1.1/1.1.1（默认）或 一、/（一）/1.（公文格式）",
    names.META_SUBTITLE: "可不填。印在封面大标题下面一行，如：——基于28所中职学校数据",
    names.META_COMPILER: "可不填。封面发布单位下面印“编制单位：……”",
    names.META_DATE_STYLE: "可不填。封面日期写作阿拉伯数字（默认，2025年12月）或中文数字（二〇二五年十二月）",
    names.META_APPENDIX_TITLE: "可不填。报告末尾附录的标题，默认“附表”，如：附件",
    names.META_TABLE_LIST: "可不填。是：在目录之后印“表目录”",
    names.META_FIGURE_LIST: "可不填。是：在目录之后印“图目录”（图片和图表）",
    names.META_CASE_LIST: "可不填。是：在目录之后印“案例目录”",
}
"""The input message of each 基本信息 item."""
META_CHOICES = {names.META_TABLES: (names.TABLES_APPENDIX, names.TABLES_INLINE),
                names.META_PREVIOUS: (names.YES, names.NO), **SETTING_CHOICES}
"""The 基本信息 items with a drop-down list."""


def write_form(form: Form, target: Path) -> None:
    """Write ``form`` as a workbook at ``target`` (atomically: whole or not at all)."""
    write_atomically(target, form_bytes(form))


def form_bytes(form: Form) -> bytes:
    """The workbook of ``form`` as .xlsx bytes."""
    wb = form_workbook(form)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def form_workbook(form: Form) -> Workbook:
    """The workbook of ``form``: 说明, 基本信息, 前言, 正文, 案例, the indicator tables, 数据,
    图片, 图表, own tables, and for a merged workbook 来源 and 素材."""
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = names.GUIDE_SHEET
    _guide(guide, form)
    _meta(wb.create_sheet(names.META_SHEET), form)
    write_prose(wb, form)
    for spec in form.catalog.tables:
        indicator_sheet(wb.create_sheet(spec.name), spec, form)
    _named(wb.create_sheet(names.NAMED_SHEET), form)
    copied = {c.sheet for c in form.copied}
    write_figure_sheets(wb, skip=copied)  # blank 图片 and 图表, unless last year's are copied
    for item in form.copied:
        copy_sheet(item.source, item.sheet, wb.create_sheet(item.sheet))
    if form.sources:
        write_sources(wb.create_sheet(names.SOURCES_SHEET), form)
    if form.material:
        write_material(wb.create_sheet(names.MATERIAL_SHEET), form)
    wb.active = 0
    return wb


# -- sheets --


def _guide(ws: Worksheet, form: Form) -> None:
    ws.column_dimensions["A"].width = 110
    for row, (style, text) in enumerate(guide_lines(form.year, form.catalog), 1):
        cell = put(ws, row, 1, text)
        cell.alignment = WRAP
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
        fit_row(ws, row)


def _meta(ws: Worksheet, form: Form) -> None:
    header(ws, names.META_COLUMNS, {"项目": 14, "内容": 48})
    for row, key in enumerate(names.META_KEYS, 2):
        ws.cell(row, 1, key).fill = FIXED_FILL
        cell = ws.cell(row, 2)
        value = form.meta.get(key)
        if value is not None:
            put(ws, row, 2, value)
        cell.protection = UNLOCKED
        if key == names.META_DATE:
            cell.number_format = "yyyy-mm-dd"
            validation = DataValidation(type="date", operator="greaterThan", formula1="36526",
                                        allow_blank=True, showErrorMessage=True,
                                        errorTitle="应为日期", error="请填写日期，例如 2025-12-30")
        elif key == names.META_YEAR:
            validation = DataValidation(type="whole", operator="between", formula1="2000",
                                        formula2="2100", allow_blank=True, showErrorMessage=True,
                                        errorTitle="应为年份", error="请填写四位数的年份，例如 2025")
        elif key in META_CHOICES:
            values = META_CHOICES[key]
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                        allow_blank=True, showErrorMessage=True,
                                        errorTitle="请从列表中选择", error="可选：" + "、".join(values))
        elif key in (names.META_CASE_LABEL, names.META_APPENDIX_TITLE):
            validation = DataValidation(type="textLength", operator="lessThanOrEqual",
                                        formula1=str(LABEL_LIMIT), allow_blank=True,
                                        showErrorMessage=True, errorTitle="文字过长",
                                        error=f"不超过 {LABEL_LIMIT} 个字，不含数字")
        else:
            validation = DataValidation(type="textLength", operator="lessThanOrEqual",
                                        formula1="200", allow_blank=True)
        validation.showInputMessage = True
        validation.promptTitle = key
        validation.prompt = META_HELP[key]
        validation.add(cell.coordinate)
        ws.add_data_validation(validation)
    protect(ws)


def indicator_label(spec: TableSpec, index: int) -> str:
    """The 指标 cell of the ``index``-th printed row: "其中：" before a group's first part, a
    level-3 row indented, the second unit row of an indicator empty."""
    rows = spec.row_units()
    indicator, _ = rows[index]
    previous = rows[index - 1][0] if index else None
    if previous is indicator:
        return ""
    if indicator.level >= 3:
        return "\u3000\u3000" + indicator.name
    if indicator.level == 2 and indicator.part and previous is not None and (
            previous.level == 1 or not previous.part):
        return SUB_ROW_PREFIX + indicator.name
    return indicator.name


def indicator_sheet(ws: Worksheet, spec: TableSpec, form: Form) -> None:
    """An indicator sheet: fixed 序号, 指标, 单位; validated value cells; protected."""
    columns = indicator_columns(spec)
    sheet = {kind: spec.fixed(kind).sheet for kind in ColumnKind if kind in FIXED_KINDS}
    longest = max(text_width(i.name) for i in spec.indicators) + 6
    widths = {sheet[ColumnKind.NUMBER]: 6.0, sheet[ColumnKind.NAME]: min(longest, 60),
              sheet[ColumnKind.UNIT]: 8.0, sheet[ColumnKind.VALUE]: 12.0,
              names.PREVIOUS_COLUMN: 12.0, sheet[ColumnKind.NOTE]: 20.0}
    widths.update({c.sheet: max(text_width(c.sheet) + 4, 12) for c in spec.extra_columns})
    header(ws, columns, widths)
    at = {name: index for index, name in enumerate(columns, 1)}
    number = 0
    for index, (indicator, unit) in enumerate(spec.row_units()):
        row = index + 2
        label = indicator_label(spec, index)
        if indicator.level == 1 and label:
            number += 1
        fixed = ((ColumnKind.NUMBER, number if indicator.level == 1 and label else None),
                 (ColumnKind.NAME, label), (ColumnKind.UNIT, unit))
        for kind, content in fixed:
            put(ws, row, at[sheet[kind]], content).fill = FIXED_FILL
        figure = form.figures.get((spec.id, indicator.id, unit), FormFigure())
        what = f"{indicator.name}（{unit}）" if unit not in ("", RATIO_UNIT) else indicator.name
        how = _how(unit)
        value = ws.cell(row, at[sheet[ColumnKind.VALUE]])
        put_number(value, figure.value)
        number_rule(ws, value, unit, indicator.name,
                    f"{what}\n填写{form.year}年的数值。{how}")
        previous = ws.cell(row, at[names.PREVIOUS_COLUMN])
        put_number(previous, figure.previous)
        number_rule(ws, previous, unit, f"上年：{indicator.name}",
                    f"{what}\n{form.year - 1}年的数值（可空），供〔名称@变化〕等占位符和上年列使用。{how}")
        for column in spec.extra_columns:
            cell = ws.cell(row, at[column.sheet])
            given = figure.extra.get(column.id)
            if column.kind is ColumnKind.FIGURE:
                put_number(cell, given if isinstance(given, Decimal) else None)
                number_rule(ws, cell, column.unit, f"{column.sheet}：{indicator.name}",
                            f"{column.sheet}（{column.unit}），只填数字。"
                            + _weighs(spec, column.id), whole=column.unit == "人次")
            else:
                put(ws, row, at[column.sheet], given if isinstance(given, str) and given else None)
                cell.protection = UNLOCKED
        note = put(ws, row, at[sheet[ColumnKind.NOTE]], figure.note or None)
        note.protection = UNLOCKED
    protect(ws)


def _weighs(spec: TableSpec, column: str) -> str:
    """Says that a figure column weights the merge, when it does."""
    if any(i.aggregation.weight_column == column for i in spec.indicators):
        return "区县合并各校数据时按它加权。"
    return ""


def _how(unit: str) -> str:
    if unit == PERCENT_UNIT:
        return "填百分数中的数，在 0 到 100 之间：98.62 表示 98.62%。"
    if unit == RATIO_UNIT:
        return "填冒号前的数：16.29 表示 16.29:1。"
    return "只填数字，不带单位；没有的数据请空着。"


def _named(ws: Worksheet, form: Form) -> None:
    columns = names.NAMED_COLUMNS + (names.NAMED_UNIT_COLUMN, names.PREVIOUS_COLUMN)
    header(ws, columns, {"名称": 30, "数值": 14, "单位": 10, names.PREVIOUS_COLUMN: 14})
    for row, named in enumerate(form.named, 2):
        put(ws, row, 1, named.name)
        put_number(ws.cell(row, 2), named.value)
        put(ws, row, 3, named.unit or None)
        put_number(ws.cell(row, 4), named.previous)


__all__ = ["choices", "form_bytes", "form_workbook", "header", "indicator_label", "indicator_sheet", "number_rule", "protect", "put_number",
           "text_width", "write_form"]
