"""Writing a form the clerk fills in: ``reportgen init`` (blank, or from last year's) and
``reportgen merge`` (the district's sums).

Every sheet the loader reads, with its column names and every official indicator row with its
unit; a 说明 sheet first, telling in Chinese how to fill each sheet (the loader never reads it;
its text follows docs/workbook.md, shortened to what one needs while filling in). Value cells carry data validation (numbers only, percentages 0–100,
a date for 成文日期), drop-down lists where a column has fixed choices (类型, 指标表位置, 状态)
and an input message giving the indicator's name and unit. Header rows are frozen, column
widths fit their content, and the indicator sheets are protected without a password so that
names and units cannot be changed by accident (value cells are unlocked).

A sheet carried over from last year's workbook (an own table, 图片, 图表, 规则) is copied cell by
cell, since openpyxl cannot move a sheet between workbooks: the value as last saved (a
formula's cached result, never the formula, which a file written by openpyxl could not show
until recalculated), number format, font, fill, border, alignment; merged ranges, column widths
and row heights. The source is opened read-only and closed.
"""

from __future__ import annotations

import io
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Iterable, cast

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import SUB_ROW_PREFIX, Catalog, ColumnKind, TableSpec
from reportgen.catalog.specs import FIXED_KINDS
from reportgen.files import write_atomically
from reportgen.numbers import PERCENT_UNIT, RATIO_UNIT
from reportgen.xlsx import sheets as names
from reportgen.xlsx.form import CopiedSheet, Form, FormFigure, indicator_columns
from reportgen.xlsx.formatting import FIXED_FILL, HEADER_FILL, UNLOCKED, WRAP, fit_row, header, \
    number_rule, put, protect, put_number, text_width
from reportgen.xlsx.prose import write_figure_sheets, write_material, write_prose, \
    write_sources
from reportgen.xlsx.settings import LABEL_LIMIT, SETTING_CHOICES
from reportgen.xlsx.sheets import stored_cells

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
    copy_sheets(form.copied, wb)
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


# -- the 说明 sheet --


def guide_lines(year: int, catalog: Catalog) -> list[tuple[str, str]]:
    """The sheet's lines as (style, text): style ``title``, ``heading`` or ``text``."""
    tables = "、".join(t.name for t in catalog.tables)
    lines: list[tuple[str, str]] = [
        ("title", f"{year}年度质量报告工作簿 填写说明"),
        ("text", "本工作簿由 reportgen 生成。报告的全部文字和数字都填在这里，再用一条命令生成 Word 报告："
                 "python -m reportgen 本工作簿.xlsx（只检查、不生成：python -m reportgen check 本工作簿.xlsx）。"),
        ("text", "通用规则：工作表名和第 1 行的列名不要改；每张表从第 2 行起填写内容。"
                 "章节号、“案例N”、“表N”都由程序自动编排，不用填。"
                 "灰色的列（序号、指标、单位）受保护，不能修改；白色的格子可以填写。"
                 "选中一个格子时会显示它应填什么；有下拉箭头的格子请从列表中选择。"),
        ("heading", "基本信息"),
        ("text", "每个项目填一行“内容”：地区（区县或学校名称）、学年度（如 2024-2025学年度）、报告年份、"
                 "报告标题、发布单位、成文日期（日期，封面印年月）。"
                 "指标表位置：“附表”把六张指标表集中放在报告末尾（国家通知的要求），“正文”则按“正文”表中的位置放置。"
                 "指标表上年列：选“是”时，指标表在本年数值前加印上年数值一列。"
                 "以下各项可以不填（空着按默认）：案例标签（如“典型案例”）、标题编号（“一、/（一）/1.”为公文格式）、"
                 "副标题、编制单位（印在封面）、日期写法（中文数字：二〇二五年十二月）、附录标题（如“附件”）、"
                 "表目录、图目录、案例目录（选“是”时在目录之后印出）。"),
        ("heading", "前言"),
        ("text", "每个段落一行（“前言”二字由程序印出）。一个格子里按 Alt+Enter 换行，也会分成两个段落。"),
        ("heading", "正文"),
        ("text", "按报告中出现的顺序，每项一行。“类型”从下拉列表选择：一级标题、二级标题、三级标题（都不带编号）、"
                 "段落、案例（填“案例”表中的编号）、表格（填表格所在工作表的名称）、"
                 "附表（放入报告末尾附录的表格）、图片、图表（填“图片”“图表”表中的名称）。"
                 "标题要逐级出现；每个案例、每张自制表格都要在正文中放一次。"
                 "提到某张表、某幅图或某个案例时写交叉引用，如〔表:表-名称〕〔图:名称〕〔案例:3〕，程序填入编号。"),
        ("heading", "案例"),
        ("text", "每个案例一行：编号（正文中用它放置案例，不能重复）、标题、副标题（可空）、正文"
                 "（整个案例写在一个格子里，段落之间按 Alt+Enter 换行）；“图片”列可填印在案例框中的图片或图表的名称。"),
        ("heading", "图片、图表（可选）"),
        ("text", "图片：每幅一行，名称、文件（相对于本工作簿所在文件夹，如 图片/实训基地.jpg）、题注（可空，空时用名称）、"
                 "宽度（厘米，可空）。图表：每个数一行，名称、类型（柱形图、折线图、饼图）、类别（如 2024年）、"
                 "数值（数字、占位符名称或自制表格的单元格）、系列（可空）；题注、单位、宽度只在图表的第一行填写。"
                 "在正文中加一行类型“图片”或“图表”放置它们，图N 由程序编号。"),
        ("heading", "“状态”列（前言、正文、案例）"),
        ("text", "由上年工作簿生成的本年工作簿，沿用的内容“状态”为“上年”：报告照常生成，但每次都会提醒哪些格子"
                 "还是上年的。逐条核对、改为本年的内容后，把“状态”改为“已确认”（或清空）。"
                 "区县合并各校工作簿时，各校的案例“状态”为“备选”：放入正文的才印出，不放也不报错。"),
        ("heading", "六张指标表"),
        ("text", f"工作表：{tables}。指标行是官方规定的，不能增删、改名或调换顺序。"
                 "只填“数值”（本年的数）、“上年”（上年的数，可空）和“备注”；满意度调查表还要填“调查人次”和"
                 "“调查方式”。数值只填数字：百分比填百分数中的数（98.62 表示 98.62%，在 0 到 100 之间），"
                 "生师比填冒号前的数（16.29 表示 16.29:1）。没有的数据可以空着（报告中留空）；"
                 "没有毕业生的学校，毕业生各行空着即可。"),
        ("heading", "数据（可选）"),
        ("text", "正文中要引用、但指标表中没有的数，在这里起个名称：名称、数值、单位（可空）、上年（可空）。"),
        ("heading", "自制表格（工作表名以“表-”开头）"),
        ("text", "从 A1 开始按要印出的样子填写；顶部加粗的行是表头；合并单元格照样合并。"
                 "在正文中加一行：类型“表格”，内容为工作表名。需要时复制一个工作表并改名为“表-名称”。"),
        ("heading", "占位符：正文直接引用表中的数"),
        ("text", "在前言、正文、案例的文字中写〔指标名称〕（全角方括号），生成时换成表中的数，如“毕业生〔毕业生人数〕人”。"
                 "有上年数值的，还可以写〔名称@上年〕（上年的数）、〔名称@变化〕（增加12人 / 减少3人 / 持平；"
                 "百分比为 提高1.2个百分点 / 降低…）、〔名称@增幅〕（增长3.50% / 下降2.10% / 持平）。"
                 "自制表格的格子写〔表-工作表名!行名@列名〕，如〔表-专业设置一览!合计@小计〕"
                 "（有“!”的总是指自制表格的格子）。详见 docs/checks.md。"),
        ("heading", "核对、规则（可选）"),
        ("text", "检查结果每处有一个编号。核对过、确认无误的，可加一张“核对”表（列：编号、原因）记下编号，"
                 "以后不再提示；相关的数改动后会重新提示。“规则”表（列：规则、说明）可声明数与数之间的关系，"
                 "如〔表-专业设置一览!合计@小计〕 = 〔全日制在校生人数〕。详见 docs/checks.md。"),
        ("heading", "区县：合并各校工作簿"),
        ("text", "各校填好本工作簿后，区县用 python -m reportgen merge 学校甲.xlsx 学校乙.xlsx … -o 区县.xlsx "
                 "把各校的指标表按指标的含义合并（人数、金额相加；比例、生师比由分子分母重算；满意度按调查人次加权）。"
                 "合并结果的“来源”表列出每个数来自哪所学校的哪个格子，“素材”表按学校和章汇集各校的正文。"),
    ]
    return lines


# -- sheets copied from last year's workbook --


def copy_sheets(copied: Iterable[CopiedSheet], wb: Workbook) -> None:
    """Copy each sheet of ``copied`` into a new sheet of ``wb`` of the same name, in order;
    each source workbook is opened once, however many of its sheets are copied."""
    opened: dict[Path, Workbook] = {}
    try:
        for item in copied:
            if item.source not in opened:
                with item.source.open("rb") as stream:
                    opened[item.source] = openpyxl.load_workbook(stream, data_only=True)
            copy_cells(opened[item.source][item.sheet], wb.create_sheet(item.sheet))
    finally:
        for source in opened.values():
            source.close()


def copy_cells(origin: Worksheet, target: Worksheet) -> None:
    """Values, styles, merges and dimensions of ``origin`` into ``target``; only the cells
    the file holds are visited (:func:`~reportgen.xlsx.sheets.stored_cells`)."""
    held = cast("list[Cell | MergedCell]", stored_cells(origin))  # openpyxl's own cells
    for cell in sorted(held, key=lambda c: (c.row, c.column)):
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


__all__ = ["copy_cells", "copy_sheets", "form_bytes", "form_workbook", "guide_lines",
           "header", "indicator_label", "indicator_sheet", "number_rule", "protect", "put_number",
           "text_width", "write_form"]
