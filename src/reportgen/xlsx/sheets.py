"""The workbook's sheets and columns, by the Chinese names the clerk sees.

One place for every name, so that the loader, the documentation and a future blank-workbook
generator agree. Sheets are found by name, columns by their header in the first row (in any
order); extra columns are ignored with a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, TypeAlias

from reportgen.codes import listing
from reportgen.errors import Problems
from reportgen.xlsx.cells import AnyCell, CellReader, display, has_lone_surrogate, is_blank
from reportgen.xlsx.stored import StoredSheet

if TYPE_CHECKING:  # a report is read without openpyxl; merge and init open with it
    from openpyxl.worksheet.worksheet import Worksheet

Sheet: TypeAlias = "Worksheet | StoredSheet"
"""A worksheet as a report is read from (:mod:`reportgen.xlsx.sheet_xml`), or as openpyxl opens
it to write into it (``merge``, ``init``); the readers take either."""

META_SHEET = "基本信息"
META_COLUMNS = ("项目", "内容")
META_REGION = "地区"
META_PERIOD = "学年度"
META_YEAR = "报告年份"
META_TITLE = "报告标题"
META_ISSUER = "发布单位"
META_DATE = "成文日期"
META_TABLES = "指标表位置"
META_PREVIOUS = "指标表上年列"
"""Optional: 是 prints last year's figures in a column beside this year's."""
TABLES_INLINE = "正文"
TABLES_APPENDIX = "附表"
# -- optional settings (xlsx/settings.py): absent or empty keeps the default --
META_CASE_LABEL = "案例标签"
META_HEADINGS = "标题编号"
META_SUBTITLE = "副标题"
META_COMPILER = "编制单位"
META_DATE_STYLE = "日期写法"
META_APPENDIX_TITLE = "附录标题"
META_TABLE_LIST = "表目录"
META_FIGURE_LIST = "图目录"
META_CASE_LIST = "案例目录"
HEADINGS_ARABIC = "1./1.1/1.1.1"
HEADINGS_CHINESE = "一、/（一）/1."
DATE_ARABIC = "阿拉伯数字"
DATE_CHINESE = "中文数字"
YES, NO = "是", "否"
SETTING_KEYS = (META_CASE_LABEL, META_HEADINGS, META_SUBTITLE, META_COMPILER, META_DATE_STYLE,
                META_APPENDIX_TITLE, META_TABLE_LIST, META_FIGURE_LIST, META_CASE_LIST)
META_KEYS = (META_REGION, META_PERIOD, META_YEAR, META_TITLE, META_ISSUER, META_DATE, META_TABLES,
             META_PREVIOUS) + SETTING_KEYS

FOREWORD_SHEET = "前言"
FOREWORD_COLUMNS = ("段落",)

BODY_SHEET = "正文"
BODY_COLUMNS = ("类型", "内容")
KIND_H1 = "一级标题"
KIND_H2 = "二级标题"
KIND_H3 = "三级标题"
KIND_PARAGRAPH = "段落"
KIND_CASE = "案例"
KIND_TABLE = "表格"
KIND_APPENDIX = "附表"
"""A table printed in the appendix at the end of the report, wherever the row stands."""
KIND_PICTURE = "图片"
KIND_CHART = "图表"
HEADING_LEVELS = {KIND_H1: 1, KIND_H2: 2, KIND_H3: 3}
BODY_KINDS = (KIND_H1, KIND_H2, KIND_H3, KIND_PARAGRAPH, KIND_CASE, KIND_TABLE, KIND_APPENDIX,
              KIND_PICTURE, KIND_CHART)

CASES_SHEET = "案例"
CASES_COLUMNS = ("编号", "标题", "副标题", "正文")
CASES_FIGURES_COLUMN = "图片"
"""An optional column of the 案例 sheet: names of pictures or charts printed in the case."""

PICTURES_SHEET = "图片"
"""The optional sheet of pictures: a name, an image file, a caption, a width."""
PICTURE_COLUMNS = ("名称", "文件")
PICTURE_OPTIONAL = ("题注", "宽度（厘米）")
CHARTS_SHEET = "图表"
"""The optional sheet of charts: one row per value (chart, category, series, figure)."""
CHART_COLUMNS = ("名称", "类型", "类别", "数值")
CHART_OPTIONAL = ("系列", "题注", "单位", "宽度（厘米）")
CHART_KINDS = {"柱形图": "bar", "折线图": "line", "饼图": "pie"}
"""The kinds of chart, by the name Excel and WPS give them."""

FREE_TABLE_PREFIX = "表-"
"""A sheet whose name starts with this holds a free table; the rest of the name is its title."""

NAMED_SHEET = "数据"
"""The optional sheet of named figures, for placeholders in the prose."""
NAMED_COLUMNS = ("名称", "数值")
NAMED_UNIT_COLUMN = "单位"

MARKS_SHEET = "核对"
"""The optional sheet of findings the clerk has checked (docs/checks.md)."""
MARKS_ID_COLUMN = "编号"
MARKS_REASON_COLUMN = "原因"

RULES_SHEET = "规则"
"""The optional sheet of rules the clerk declares between figures (docs/checks.md)."""
RULES_RULE_COLUMN = "规则"
RULES_NOTE_COLUMN = "说明"

# -- optional columns and sheets of the yearly workflow (init, init --from, merge) --

PREVIOUS_COLUMN = "上年"
"""Optional column of the indicator sheets and the 数据 sheet: last year's figure."""
STATUS_COLUMN = "状态"
"""Optional column of 前言, 正文 and 案例: whether a row carried over from last year has
been confirmed."""
STATUS_CARRIED = "上年"
"""状态 of a row carried over from last year and not yet confirmed: building warns."""
STATUS_CONFIRMED = "已确认"
"""状态 of a row the clerk has checked (an empty 状态 means the same)."""
STATUS_CANDIDATE = "备选"
"""状态 of a case a school sent for the district to choose from: it need not be placed."""
STATUS_VALUES = (STATUS_CARRIED, STATUS_CONFIRMED)
CASE_STATUS_VALUES = (STATUS_CARRIED, STATUS_CONFIRMED, STATUS_CANDIDATE)
SCHOOL_COLUMN = "学校"
"""Optional column of 案例: the school a merged case came from."""
GUIDE_SHEET = "说明"
"""How to fill each sheet (written by ``init``; never read)."""
SOURCES_SHEET = "来源"
"""Where each merged figure came from (written by ``merge``; read for check messages)."""
SOURCES_COLUMNS = ("工作表", "单元格", "指标", "单位", "合并方法", "合并值", "学校", "学校单元格",
                   "学校数值")
MATERIAL_SHEET = "素材"
"""The schools' prose by school and chapter (written by ``merge``; never read)."""
MATERIAL_COLUMNS = ("学校", "章", "类型", "内容", "位置")


def find_columns(ws: Sheet, expected: tuple[str, ...], reader: CellReader,
                 problems: Problems, optional: tuple[str, ...] = ()) -> dict[str, int] | None:
    """Map each expected header of row 1 to its 1-based column, or ``None`` if one is missing.

    ``optional`` columns are mapped when present and never missed."""
    found: dict[str, int] = {}
    for cell in ws[1] if ws.max_row >= 1 else ():
        name = (display(cell) or "").strip()
        if not name:
            continue
        if (name in expected or name in optional) and name not in found:
            found[name] = cell.column
        else:
            problems.add("W-COLUMN-EXTRA", reader.ref(cell), found=name, columns=expected)
    missing = [name for name in expected if name not in found]
    for name in missing:
        problems.add("E-COLUMN-MISSING", reader.sheet_ref(ws.title), column=name, columns=expected)
    return None if missing else found


def stored_cells(ws: Sheet) -> Iterable[AnyCell]:
    """The cells the file holds, in no particular order, without creating any.

    Excel writes a cell for every formatted one, empty or not, and openpyxl's ``ws[row]``,
    ``ws.iter_rows()`` and ``ws.cell()`` create a cell at each position they visit, while
    ``ws.max_row``/``max_column`` look at every stored cell: a loop over rows using them is
    quadratic when one formatted empty cell sits far down the sheet. Reading the stored cells
    once is linear in what the file holds.
    """
    cells: dict[tuple[int, int], AnyCell] = ws._cells  # openpyxl keeps them by (row, column)
    return list(cells.values())


def filled_rows(ws: Sheet) -> set[int]:
    """The rows holding a value that is not blank."""
    return {c.row for c in stored_cells(ws) if not is_blank(c.value)}


def data_rows(ws: Sheet) -> range:
    """The rows below the header, up to the last one holding anything."""
    return range(2, max(filled_rows(ws), default=1) + 1)


def check_layout(ws: Sheet, reader: CellReader, problems: Problems, *,
                 mergeable: tuple[str, ...] = (), free: bool = False) -> None:
    """Warn about what the clerk may not see or may not expect to be read.

    Hidden sheets and hidden rows are read like visible ones (what is in the workbook is in
    the report): a warning names them so that nothing hidden slips into the report unnoticed.
    In a fixed-format sheet only the top-left cell of a merged range holds a value; a warning
    names each merge outside the ``mergeable`` columns (headers) so that no figure is silently
    read as empty. A free table (``free``) keeps its merges: they are its layout.
    """
    if ws.sheet_state != "visible":
        problems.add("W-SHEET-HIDDEN", reader.sheet_ref(ws.title))
    check_characters(ws, reader, problems)
    filled = filled_rows(ws)
    hidden = [r for r, dim in sorted(ws.row_dimensions.items()) if dim.hidden and r in filled]
    if hidden:
        problems.add("W-ROW-HIDDEN", reader.ref(ws.cell(hidden[0], 1)), rows=listing(hidden, 10))
    if free:
        return
    allowed = {cell.column for cell in (ws[1] if ws.max_row >= 1 else ())
               if (display(cell) or "").strip() in mergeable}
    for merged in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        if merged.min_col == merged.max_col and merged.min_col in allowed:
            continue
        top_left = ws.cell(merged.min_row, merged.min_col)
        problems.add("W-CELL-MERGED", reader.ref(top_left), range=merged.coord,
                     cell=top_left.coordinate)


def check_characters(ws: Sheet, reader: CellReader, problems: Problems) -> None:
    """Warn about each cell holding half of a UTF-16 surrogate pair (``_xD800_``, written by
    some programs): it is no character, and is read as “\ufffd”."""
    for cell in sorted((c for c in stored_cells(ws)
                        if isinstance(c.value, str) and has_lone_surrogate(c.value)),
                       key=lambda c: (c.row, c.column)):
        problems.add("W-CELL-SURROGATE", reader.ref(cell), found=display(cell))
