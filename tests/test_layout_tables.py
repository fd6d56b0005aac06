"""Indicator tables laid out as the official format prints them.

序号 only on top-level rows; "其中：" before the first part of a group (not before a
companion figure); level-3 rows indented; 序号 merged over a group and 指标 over the rows of
a two-unit indicator; a year column headed by the report's year.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.catalog import ColumnKind, ColumnSpec, IndicatorSpec, TableSpec, load_catalog
from reportgen.model import ColumnValue, Figure, IndicatorRow, IndicatorTable, Span, Text
from reportgen.layout.tables import CELL_PADDING_MM, TABLE_TEXT_PT, TEXT_WIDTH_MM, indicator_grid
from reportgen.layout.widths import column_needs


def _table(*specs: IndicatorSpec, survey: bool = False,
           columns: tuple[ColumnSpec, ...] | None = None,
           extra: tuple[ColumnValue, ...] = ()) -> IndicatorTable:
    """A test table with the 2024 catalog's columns (the survey table's, or the others')."""
    if columns is None:
        columns = load_catalog(2024).by_id("satisfaction" if survey else "scorecard").columns
    spec = TableSpec("t", "测试表", columns, specs)
    return IndicatorTable(spec, tuple(IndicatorRow(i, u, Figure(Decimal("1.50") if u == "%" else None),
                                                   extra=extra)
                                      for i, u in spec.row_units()))


TOTAL = IndicatorSpec("total", "总数*", 1, ("人",))
PART_A = IndicatorSpec("a", "甲", 2, ("人",))
PART_B = IndicatorSpec("b", "乙", 2, ("人",))
DEEP = IndicatorSpec("deep", "丙", 3, ("人",))
COMPANION = IndicatorSpec("c", "伴随数", 2, ("个",), part=False)
COURSES = IndicatorSpec("courses", "课程数", 1, ("门", "学时"))
RATE = IndicatorSpec("rate", "比例", 1, ("%",))


def _column(grid, col):
    return [row[col].text for row in grid.body]


def test_number_only_on_top_level_rows_and_of_which_on_the_first_part():
    """A group prints 1 / 其中：甲 / 乙 / indented 丙; the next top-level row is 2."""
    grid = indicator_grid(_table(TOTAL, PART_A, PART_B, DEEP, RATE), 2024)
    assert _column(grid, 0) == ["1", "", "", "", "2"]
    assert _column(grid, 1) == ["总数*", "其中：甲", "乙", "\u3000" * 5 + "丙", "比例"]
    assert Span(1, 0, 4) in grid.spans


def test_companion_rows_print_without_of_which():
    """A figure that is not part of the total (part = false) gets no "其中："; the first real
    part after it does."""
    grid = indicator_grid(_table(TOTAL, COMPANION, PART_A), 2024)
    assert _column(grid, 1) == ["总数*", "伴随数", "其中：甲"]


def test_two_unit_indicator_prints_two_rows_under_one_name():
    """课程数 (门, 学时): the 指标 cell spans both rows; so does 序号."""
    grid = indicator_grid(_table(COURSES, RATE), 2024)
    assert [(r[0].text, r[1].text, r[2].text) for r in grid.body] == [
        ("1", "课程数", "门"), ("", "", "学时"), ("2", "比例", "%")]
    assert {Span(1, 0, 2), Span(1, 1, 2)} <= set(grid.spans)


def test_header_names_the_year_and_values_keep_their_precision():
    """The figure column is headed 2024年; 1.50 prints as 1.50; an empty figure prints empty."""
    grid = indicator_grid(_table(RATE, TOTAL), 2024)
    assert [c.text for c in grid.header[0]] == ["序号", "指标", "单位", "2024年", "备注"]
    assert _column(grid, 3) == ["1.50", ""]


def test_survey_table_has_its_extra_columns_and_fits_the_page():
    """The 满意度调查表 adds 调查人次 and 调查方式 before 备注; widths fill the text block."""
    grid = indicator_grid(_table(RATE, survey=True), 2025)
    assert [c.text for c in grid.header[0]] == ["序号", "指标", "单位", "2025年", "调查人次",
                                                "调查方式", "备注"]
    assert abs(sum(grid.widths_mm) - TEXT_WIDTH_MM) < 0.01
    assert abs(sum(indicator_grid(_table(RATE), 2025).widths_mm) - TEXT_WIDTH_MM) < 0.01


def test_columns_and_widths_come_from_the_catalog():
    """A table's own column declared in the catalog is printed where the catalog puts it,
    headed as the catalog says, and the widths keep the catalog's proportions except where a
    column's text needs more (序号 is widened to hold its header on one line)."""
    base = load_catalog(2024).by_id("scorecard").columns
    remark = ColumnSpec("source", ColumnKind.TEXT, "来源", "数据来源", Decimal(39))
    columns = (*base[:4], remark, base[4])
    grid = indicator_grid(_table(TOTAL, columns=columns,
                                 extra=(ColumnValue("source", text=Text("年报")),)), 2024)
    assert [c.text for c in grid.header[0]] == ["序号", "指标", "单位", "2024年", "数据来源", "备注"]
    assert _column(grid, 4) == ["年报"]
    total = sum(c.width for c in columns)
    catalog = [float(TEXT_WIDTH_MM * c.width / total) for c in columns]
    assert grid.widths_mm[0] > catalog[0]
    assert grid.widths_mm[1] / grid.widths_mm[5] == pytest.approx(catalog[1] / catalog[5])
    assert grid.widths_mm[4] / grid.widths_mm[5] == pytest.approx(catalog[4] / catalog[5])


def test_the_survey_columns_print_their_figures_and_texts():
    """调查人次 prints as a whole number, 调查方式 as written; an empty one prints empty."""
    extra = (ColumnValue("survey_count", figure=Figure(Decimal(1200))),
             ColumnValue("survey_method", text=Text("问卷")))
    grid = indicator_grid(_table(RATE, survey=True, extra=extra), 2024)
    assert (_column(grid, 4), _column(grid, 5)) == (["1200"], ["问卷"])
    empty = indicator_grid(_table(RATE, survey=True), 2024)
    assert (_column(empty, 4), _column(empty, 5)) == ([""], [""])


@pytest.mark.parametrize("spec", load_catalog(2024).tables, ids=lambda s: s.id)
def test_with_last_years_column_every_header_stays_on_one_line(spec: TableSpec):
    """指标表上年列 = 是 adds a column as wide as this year's, and the catalog's proportions
    alone would leave 序号 too narrow for its header ("序/号"): every header cell — 序号
    first — still gets the width its text needs on one line, and the two year columns stay
    equal."""
    table = IndicatorTable(spec, tuple(IndicatorRow(i, u, Figure(Decimal("1234.5")),
                                                    previous=Figure(Decimal("1234.5")))
                                       for i, u in spec.row_units()))
    grid = indicator_grid(table, 2025, last_year=True)
    header = [c.text for c in grid.header[0]]
    assert header[:5] == ["序号", "指标", "单位", "2024年", "2025年"]
    total = sum(c.width for c in spec.columns) + spec.columns[3].width
    assert float(TEXT_WIDTH_MM * spec.columns[0].width / total) < _one_line(["序号"])
    for text, width in zip(header, grid.widths_mm):
        assert width >= _one_line([text]) - 1e-6, (text, width)
    assert grid.widths_mm[3] == pytest.approx(grid.widths_mm[4])
    assert sum(grid.widths_mm) == pytest.approx(TEXT_WIDTH_MM)


def _one_line(texts: list[str]) -> float:
    """The width a column needs to set ``texts`` on one line each, in millimetres."""
    return column_needs(texts, size_pt=TABLE_TEXT_PT, padding_mm=CELL_PADDING_MM).natural


def test_when_the_terms_cannot_all_fit_the_number_column_still_holds_its_header():
    """A survey table with 上年 and notes too long to keep every term whole: the columns that
    cost least keep their terms first, so 序号 still prints on one line."""
    note = Text("由第三方机构独立开展调查")
    extra = (ColumnValue("survey_count", figure=Figure(Decimal(12345))),
             ColumnValue("survey_method", text=Text("线上问卷与线下座谈结合")))
    table = _table(RATE, survey=True, extra=extra)
    table = IndicatorTable(table.spec, tuple(
        IndicatorRow(r.spec, r.unit, Figure(Decimal("98.25")), note=note, extra=r.extra,
                     previous=Figure(Decimal("97.50"))) for r in table.rows))
    grid = indicator_grid(table, 2025, last_year=True)
    needs = [column_needs([c.text for c in column], size_pt=TABLE_TEXT_PT,
                          padding_mm=CELL_PADDING_MM) for column in zip(*grid.rows)]
    assert sum(n.minimum for n in needs) > TEXT_WIDTH_MM  # not every term can stay whole
    assert grid.widths_mm[0] >= _one_line(["序号"]) - 1e-6
