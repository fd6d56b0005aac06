"""Tables that fit: column widths from the cells' text measured with the fonts' real widths.

No cell breaks a word or a number when a fit exists (电子与信息大类, 城市轨道交通运营服务,
电话问卷调查 stay on one line); the widths add up to the text block; Excel's column widths are
kept as proportions for the clerk's own tables, the catalog's for the official ones.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from openpyxl.styles import Font

import workbooks
from conftest import EXAMPLE_WORKBOOK
from pdf_reading import norm, page_texts
from reportgen import generate, lay_out, load
from reportgen.layout.tables import CELL_PADDING_MM, TABLE_TEXT_PT, TEXT_WIDTH_MM, free_grid
from reportgen.layout.widths import (
    POINT_MM, ColumnNeeds, char_width, fit_columns, text_ems, unbreakable_ems,
)
from reportgen.model import FreeCell, FreeTable
from reportgen.office.session import find_office

TERMS = ("电子与信息大类", "城市轨道交通运营服务", "电话问卷调查")
"""Words the 2025 trial saw broken in two."""


def needed_mm(text: str) -> float:
    """The width a cell needs to hold ``text`` on one line."""
    return text_ems(text) * TABLE_TEXT_PT * POINT_MM + CELL_PADDING_MM


def test_chinese_is_one_em_and_digits_have_times_new_roman_widths():
    """CJK characters and full-width punctuation are one em; digits half an em, as in
    Times New Roman; a narrow Latin letter is narrower."""
    assert char_width("城") == char_width("（") == char_width("：") == 1
    assert char_width("1") == 0.5
    assert char_width("i") < char_width("m") < 1
    assert text_ems("2024年") == 3.0


def test_a_term_is_unbreakable_and_long_prose_may_wrap():
    """A Chinese term is one unit; prose longer than a term may wrap, but not inside a
    number."""
    for term in TERMS:
        assert unbreakable_ems(term) == text_ems(term)
    prose = "学校以赛促教完善技能大赛管理机制并将技能大赛相关内容纳入课程教学体系"
    assert unbreakable_ems(prose) < text_ems(prose) / 4
    assert unbreakable_ems(prose + "12345.678") >= text_ems("12345.678")
    assert unbreakable_ems("16.29:1") == text_ems("16.29:1")


needs = st.builds(lambda low, extra: ColumnNeeds(low, low + extra),
                  st.floats(1, 60), st.floats(0, 120))


@settings(deadline=None)
@given(st.lists(needs, min_size=1, max_size=10),
       st.one_of(st.none(), st.lists(st.floats(0.5, 40), min_size=10, max_size=10)))
def test_widths_add_up_and_respect_every_minimum_that_fits(columns, preferred):
    """Whatever the needs and the preferences, the widths fill the text block exactly, and
    when the minimums fit, no column is below its minimum."""
    pref = preferred[: len(columns)] if preferred else None
    widths = fit_columns(columns, TEXT_WIDTH_MM, pref)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)
    if sum(c.minimum for c in columns) <= TEXT_WIDTH_MM:
        for width, column in zip(widths, columns):
            assert width >= column.minimum - 1e-6


@settings(deadline=None)
@given(st.lists(needs, min_size=1, max_size=6))
def test_natural_widths_are_kept_when_they_fit(columns):
    """When every column fits on one line, none is narrower than its natural width."""
    widths = fit_columns(columns, TEXT_WIDTH_MM)
    if sum(c.natural for c in columns) <= TEXT_WIDTH_MM:
        for width, column in zip(widths, columns):
            assert width >= column.natural - 1e-6


def test_preferred_proportions_hold_when_nothing_is_too_narrow():
    """Excel's widths 20:10:10 print as 2:1:1 when each column's text fits."""
    columns = [ColumnNeeds(5, 10)] * 3
    widths = fit_columns(columns, 156, [20, 10, 10])
    assert widths == pytest.approx((78, 39, 39))


def _free(cells: list[list[str]], widths: tuple[Decimal, ...] = ()) -> FreeTable:
    return FreeTable("表-专业", "专业", tuple(tuple(FreeCell(t) for t in row) for row in cells),
                     header_rows=1, column_widths=widths)


def test_a_free_table_with_many_columns_breaks_no_term():
    """Eight columns that cannot all be set on one line: every term and number still fits
    its column (only 占比（%） may wrap, before its bracket)."""
    cells = [["专业大类", "专业", "2022", "2023", "2024", "增减", "占比（%）", "备注"],
             [TERMS[0], TERMS[1], "1,234", "1,456", "1,500", "+44", "98.62", TERMS[2]]]
    grid = free_grid(_free(cells))
    assert sum(grid.widths_mm) == pytest.approx(TEXT_WIDTH_MM)
    for column, width in enumerate(grid.widths_mm):
        for row in cells:
            unit = unbreakable_ems(row[column]) * TABLE_TEXT_PT * POINT_MM + CELL_PADDING_MM
            assert width >= unit - 1e-6, (row[column], width)
    for term in TERMS:
        column = cells[1].index(term)
        assert grid.widths_mm[column] >= needed_mm(term) - 1e-6


def test_excel_widths_are_proportions_but_never_squeeze_a_term():
    """A clerk's narrow column for 专业 is widened to hold 城市轨道交通运营服务; the other
    columns keep their ratio to each other."""
    cells = [["专业", "人数", "备注"], [TERMS[1], "12", "好"]]
    grid = free_grid(_free(cells, (Decimal(5), Decimal(20), Decimal(20))))
    assert grid.widths_mm[0] >= needed_mm(TERMS[1]) - 1e-6
    assert grid.widths_mm[1] == pytest.approx(grid.widths_mm[2])


def test_excel_widths_are_read_with_the_table(tmp_path: Path):
    """Column widths set in the sheet reach the model; untouched sheets have none."""
    def widen(wb):
        wb[workbooks.FREE_TABLE].column_dimensions["A"].width = 30
    report = load(workbooks.build(tmp_path, widen))
    free = next(t for t in report.tables if isinstance(t, FreeTable))
    assert free.column_widths[0] == Decimal(30)
    assert len(free.column_widths) == 3
    plain = load(workbooks.build(tmp_path, name="plain.xlsx"))
    assert next(t for t in plain.tables if isinstance(t, FreeTable)).column_widths == ()


def test_official_tables_are_sized_by_their_content():
    """The survey table's 调查方式 column holds 电话问卷调查 on one line, and every value
    column its widest figure."""
    report = load(EXAMPLE_WORKBOOK)
    for table in lay_out(report).tables:
        if table.key.startswith("表-"):
            continue
        for row in table.grid.rows:
            for column, cell in enumerate(row):
                unit = unbreakable_ems(cell.text) * TABLE_TEXT_PT * POINT_MM + CELL_PADDING_MM
                assert table.grid.widths_mm[column] >= unit - 1e-6, (table.label, cell.text)
    survey = next(t for t in lay_out(report).tables if t.key == "satisfaction")
    method = survey.grid.header[0].index(next(c for c in survey.grid.header[0]
                                              if c.text == "调查方式"))
    assert survey.grid.widths_mm[method] >= needed_mm(TERMS[2]) - 1e-6


@pytest.mark.office
def test_the_pdf_prints_each_term_on_one_line(tmp_path: Path):
    """Through LibreOffice's layout: in a table of six columns whose terms fit only just,
    the terms and the year headers are whole on a line of the PDF."""
    office = find_office()
    if (office is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"):
        pytest.skip("LibreOffice or poppler is missing (run tools/setup.sh)")

    def wide_table(wb):
        ws = wb[workbooks.FREE_TABLE]
        ws.delete_rows(1, ws.max_row)
        ws.append(["专业大类", "专业", "2022年", "2023年", "2024年", "调查方式"])
        ws.append([TERMS[0], TERMS[1], 1234, 1456, 1500, TERMS[2]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = tmp_path / "wide.docx"
    generate(workbooks.build(tmp_path, wide_table), out, pdf=True, toc=False)
    lines = [norm(line) for page in page_texts(out.with_suffix(".pdf"))
             for line in page.splitlines()]
    for term in TERMS + ("2022年", "2024年"):
        assert any(term in line for line in lines), term


def test_when_the_terms_cannot_all_fit_most_stay_whole():
    """Eight columns whose terms need more than the text block: numbers keep their width,
    and all but the costliest terms stay whole."""
    rows = [["专业大类", "专业", "2022年", "2023年", "2024年", "增减", "调查方式", "备注"],
            [TERMS[0], TERMS[1], "1234", "1456", "1500", "44", TERMS[2], "无"]]
    grid = free_grid(_free(rows))
    assert sum(grid.widths_mm) == pytest.approx(TEXT_WIDTH_MM)
    whole = [c for c in range(8) if all(grid.widths_mm[c] >= needed_mm(r[c]) - 1e-6 for r in rows)]
    assert len(whole) >= 6
    for c in (2, 3, 4):
        assert grid.widths_mm[c] >= needed_mm("1234") - 1e-6
