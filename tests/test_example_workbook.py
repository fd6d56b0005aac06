"""The example workbook ``inputs/2024.xlsx`` reproduces the published 2024 report of 璧山区.

The workbook was transcribed once from the extracted text of the report; these tests check that
transcription, item by item, against an independent reading of the same text (``reference_text``).
Texts are compared with :func:`~reference_text.norm` (whitespace does not count); numbers are
compared as the report prints them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reference_text import RefCase, RefHeading, RefParagraph, RefTable, Reference, norm, parse_reference

WORKBOOK = Path(__file__).parent.parent / "inputs" / "2024.xlsx"

OFFICIAL = ("人才培养质量计分卡", "教学资源表", "满意度调查表", "服务贡献表", "国际影响表", "落实政策表")
FREE_TABLE_PREFIX = "表-"
HEADING_TYPES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}


@pytest.fixture(scope="module")
def ref() -> Reference:
    return parse_reference()


@pytest.fixture(scope="module")
def wb():
    return load_workbook(WORKBOOK)


def as_printed(value: object) -> str:
    """A cell value as the report prints it: numbers in their shortest form (98.62, 1234)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise AssertionError(f"unexpected boolean {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def sheet_rows(ws) -> list[tuple]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def ref_tables(ref: Reference) -> dict[str, RefTable]:
    return {t.name: t for t in ref.body if isinstance(t, RefTable)}


def sheet_name(table: RefTable) -> str:
    return table.name if table.name in OFFICIAL else FREE_TABLE_PREFIX + table.name


def test_sheets_in_order(wb):
    assert wb.sheetnames == ["基本信息", "前言", "正文", "案例", *OFFICIAL, "表-毕业生服务三次产业情况"]


def test_basic_information(wb, ref):
    rows = sheet_rows(wb["基本信息"])
    assert rows[0] == ("项目", "内容")
    info = dict(rows[1:])
    assert info["地区"] == "璧山区"
    assert f"（{info['学年度']}）" == ref.period
    assert info["报告年份"] == 2024
    assert info["报告标题"] == ref.title
    assert info["发布单位"] == "重庆市璧山区教育委员会"
    assert info["成文日期"] == datetime.datetime(2024, 12, 30)
    assert info["指标表位置"] == "正文"
    date_cell = next(r[1] for r in wb["基本信息"].iter_rows() if r[0].value == "成文日期")
    assert date_cell.is_date and date_cell.number_format == 'yyyy"年"m"月"d"日"'


def test_foreword(wb, ref):
    rows = sheet_rows(wb["前言"])
    assert rows[0] == ("段落",)
    assert [r[0] for r in rows[1:]] == list(ref.foreword)


def test_body_matches_the_reference_item_by_item(wb, ref):
    rows = sheet_rows(wb["正文"])
    assert rows[0] == ("类型", "内容")
    rows = rows[1:]
    assert len(rows) == len(ref.body)
    for n, (row, item) in enumerate(zip(rows, ref.body), start=2):
        kind, content = row
        where = f"正文!A{n}: {row} vs {item}"
        if isinstance(item, RefHeading):
            assert kind == HEADING_TYPES[item.level], where
            assert norm(content) == norm(item.text), where
        elif isinstance(item, RefParagraph):
            assert kind == "段落", where
            assert norm(content) == norm(item.text), where
        elif isinstance(item, RefCase):
            assert kind == "案例", where
            assert content == item.number and isinstance(content, int), where
        else:
            assert kind == "表格", where
            assert content == sheet_name(item), where


def test_body_text_is_verbatim(wb, ref):
    """Beyond whitespace, not one character differs: typos and doubled punctuation are kept."""
    texts = [r[1] for r in sheet_rows(wb["正文"])[1:] if r[0] == "段落"]
    expected = [x.text for x in ref.body if isinstance(x, RefParagraph)]
    assert texts == expected


def test_cases_match_the_reference(wb, ref):
    rows = sheet_rows(wb["案例"])
    assert rows[0] == ("编号", "标题", "副标题", "正文")
    cases = [x for x in ref.body if isinstance(x, RefCase)]
    assert [r[0] for r in rows[1:]] == [c.number for c in cases]
    for (number, title, subtitle, text), case in zip(rows[1:], cases):
        assert norm(title) == norm(case.title), number
        assert title == case.title, number
        assert subtitle is None, number
        assert [norm(p) for p in text.split("\n")] == [norm(p) for p in case.paragraphs], number


@pytest.mark.parametrize("name", OFFICIAL)
def test_indicator_sheet_matches_the_reference_table(wb, ref, name):
    table = ref_tables(ref)[name]
    rows = sheet_rows(wb[name])
    survey = name == "满意度调查表"
    header = ("序号", "指标", "单位", "数值", *(("调查人次", "调查方式") if survey else ()), "备注")
    assert rows[0] == header
    # The report heads its value column with the year; the workbook says 数值.
    assert table.rows[0] == tuple("2024年" if h == "数值" else h for h in header)
    assert len(rows) == len(table.rows)
    for n, (row, printed) in enumerate(zip(rows[1:], table.rows[1:]), start=2):
        number, indicator, unit, value, *rest = row
        assert number is None or isinstance(number, int), f"{name}!A{n}"
        assert (number is None) == (printed[0] == ""), f"{name}!A{n}"
        assert value is None or isinstance(value, (int, float)), f"{name}!D{n}"
        shown = as_printed(value) + (":1" if unit == ":" and value is not None else "")
        cells = [as_printed(number), indicator or "", unit or "", shown, *(as_printed(v) for v in rest)]
        assert [norm(c) for c in cells] == [norm(c) for c in printed], f"{name} row {n}"
        if survey:
            assert rest[0] is None or isinstance(rest[0], int), f"{name}!E{n}"


def test_indicator_names_keep_prefix_and_indentation_as_printed(wb):
    names = [r[1] for r in sheet_rows(wb["国际影响表"])]
    assert "其中：标准数量" in names
    assert "\u3000" * 5 + "专业标准数量" in names
    assert "\u3000" * 3 + "资源数量" in names
    resources = sheet_rows(wb["教学资源表"])
    assert resources[1] == (1, "生师比*", ":", 16.29, None)
    assert resources[8] == (None, None, "学时", 121860, None)


def test_the_free_table_is_laid_out_like_the_printed_one(wb, ref):
    table = ref_tables(ref)["毕业生服务三次产业情况"]
    ws = wb["表-毕业生服务三次产业情况"]
    rows = sheet_rows(ws)
    assert len(rows) == len(table.rows)
    for row, printed in zip(rows, table.rows):
        assert [norm(as_printed(v)) for v in row] == [norm(c) for c in printed]
    assert ws["A2"].value == "年份 人数\n产业"
    assert ws["A2"].border.diagonalDown and ws["A2"].border.diagonal.style == "thin"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:H1"]
    assert all(ws.cell(row=r, column=c).font.b for r in (1, 2) for c in range(1, 9) if ws.cell(r, c).value)
    assert rows[1][1] == 2022 and rows[3][2] == 41.42


@pytest.mark.parametrize("name", ["基本信息", "前言", "正文", "案例", *OFFICIAL])
def test_the_header_row_is_frozen(wb, name):
    assert wb[name].freeze_panes == "A2"
