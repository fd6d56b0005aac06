"""Year over year: 〔名称@上年〕, 〔名称@变化〕 and 〔名称@增幅〕 wherever a figure has last year's
value, worded by the sign; and the optional 上年 column of the printed indicator tables."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx_reading import read_report
from hypothesis import given
from hypothesis import strategies as st
from reference_text import RefTable

from reportgen import DataError, load, write_report
from reportgen.errors import Severity
from reportgen.layout import lay_out
from reportgen.layout.document import ParagraphBlock, TableBlock
from reportgen.layout.tables import TEXT_WIDTH_MM
from reportgen.model import SourceRef, Text
from reportgen.pipeline import review
from reportgen.placeholders import Names, substitute_text
from reportgen.year_over_year import NoValue, Pair, change_phrase, growth_phrase, phrase, split
from reportgen.yearly.carryover import init_workbook
from workbooks import build, cell_of

WHERE = SourceRef("2025.xlsx", "正文", "B3")


def test_the_change_is_worded_by_its_sign():
    """增加 / 减少 / 持平 with the unit; never a signed number after the word."""
    assert change_phrase(Decimal(112), Decimal(100), "人") == "增加12人"
    assert change_phrase(Decimal("10286.45"), Decimal("11000.00"), "万元") == "减少713.55万元"
    assert change_phrase(Decimal(7), Decimal(7), "个") == "持平"
    assert change_phrase(Decimal("98.62"), Decimal("97.4"), "%") == "提高1.22个百分点"
    assert change_phrase(Decimal("15.8"), Decimal("16.29"), ":") == "减少0.49"


def test_the_growth_rate_is_worded_by_its_sign_and_a_zero_base_is_refused():
    """增长 / 下降 / 持平 with two decimals; last year's 0 is a clear reason, not a division."""
    assert growth_phrase(Decimal(112), Decimal(100)) == "增长12.00%"
    assert growth_phrase(Decimal(3500), Decimal(4000)) == "下降12.50%"
    assert growth_phrase(Decimal(0), Decimal(0)) == "持平"
    with pytest.raises(NoValue) as caught:
        growth_phrase(Decimal(5), Decimal(0))
    assert caught.value.code == "E-PLACEHOLDER-PREVIOUS-ZERO"


def test_missing_figures_are_reasons_with_their_code():
    """No 上年 value, or no figure this year, each has its registered code (whose text says
    what to fill in)."""
    with pytest.raises(NoValue) as caught:
        phrase(Pair(Decimal(1), None, "人"), "变化")
    assert caught.value.code == "E-PLACEHOLDER-NO-PREVIOUS"
    with pytest.raises(NoValue) as caught:
        phrase(Pair(None, Decimal(1), "人"), "增幅")
    assert caught.value.code == "E-PLACEHOLDER-NO-CURRENT"
    assert phrase(Pair(None, Decimal("16.29"), ":"), "上年") == "16.29:1"


def test_a_suffix_is_read_after_the_last_at_sign():
    """Half- or full-width @; unknown suffixes are no year-over-year placeholder."""
    assert split("毕业生人数@变化") == ("毕业生人数", "变化")
    assert split("教学资源表:生师比*＠上年") == ("教学资源表:生师比*", "上年")
    assert split("毕业生人数@明年") is None and split("@变化") is None


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2),
       st.decimals(min_value=-10**6, max_value=10**6, places=2))
def test_the_wording_always_agrees_with_the_arithmetic(current, previous):
    """The word follows the sign and the amount is the absolute change: applying it to last
    year's figure gives this year's."""
    text = change_phrase(current, previous, "万元")
    assert "-" not in text
    if current == previous:
        assert text == "持平"
        return
    word, amount = text[:2], Decimal(text[2:].removesuffix("万元"))
    assert word == ("增加" if current > previous else "减少")
    assert previous + (amount if word == "增加" else -amount) == current


# -- end to end: last year's workbook, this year's filled in, placeholders in the prose --

PROSE = ("毕业生〔毕业生人数〕人，较上年（〔毕业生人数@上年〕人）〔毕业生人数@变化〕、〔毕业生人数@增幅〕；"
         "月收入〔月收入@变化〕，〔月收入@增幅〕；本省去向落实率〔毕业生本省去向落实率@变化〕；"
         "升学〔升学人数@变化〕；企业〔校企合作企业数@变化〕。")


def _last_year(wb) -> None:
    table = "人才培养质量计分卡"
    for name, value in (("毕业生人数*", 100), ("月收入", 4000), ("毕业生本省去向落实率", 98.5),
                        ("升学人数", 0)):
        cell_of(wb, table, name).value = value
    ws = wb.create_sheet("数据")
    ws.append(["名称", "数值", "单位"])
    ws.append(["校企合作企业数", 30, "家"])


def _this_year(wb) -> None:
    for row in wb["基本信息"].iter_rows(min_row=2):
        if row[0].value == "成文日期":
            row[1].value = datetime.date(2025, 12, 30)
    for name in wb.sheetnames[5:11]:
        ws = wb[name]
        col = [c.value for c in ws[1]].index("数值") + 1
        for row in range(2, ws.max_row + 1):
            ws.cell(row, col).value = 1
    for name, value in (("毕业生人数*", 112), ("月收入", 3500), ("毕业生本省去向落实率", 98.5),
                        ("其中：升学人数", 5)):  # the form prints the official "其中："
        cell_of(wb, "人才培养质量计分卡", name).value = value
    wb["数据"]["B2"] = 25
    for row in wb["正文"].iter_rows(min_row=2):
        if row[0].value == "段落":
            row[1].value = PROSE
            break


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """2025's workbook made from a small 2024 one, then filled in with 2025's figures."""
    folder = tmp_path_factory.mktemp("yoy")
    carried = folder / "2025.xlsx"
    init_workbook(carried, source=build(folder, _last_year, "2024.xlsx"))
    wb = openpyxl.load_workbook(carried)
    _this_year(wb)
    path = folder / "2025-filled.xlsx"
    wb.save(path)
    return path


def test_after_filling_the_placeholders_print_the_right_word(filled):
    """Increase, decrease and no change of indicators and of a named figure, each worded."""
    names = Names(load(filled))
    problems: list = []
    text = substitute_text(Text(PROSE.replace("、〔毕业生人数@增幅〕", "").replace(
        "升学〔升学人数@变化〕；", ""), WHERE), names, problems).text
    assert problems == []
    assert text == ("毕业生112人，较上年（100人）增加12人；月收入减少500元，下降12.50%；"
                    "本省去向落实率持平；企业减少5家。")


def test_a_zero_base_is_a_located_error_and_the_report_is_not_built(filled):
    """升学人数 was 0 last year: 〔升学人数@增幅〕 names the cell and the reason."""
    names = Names(load(filled))
    problems: list = []
    substitute_text(Text("升学〔升学人数@增幅〕", WHERE), names, problems)
    [problem] = problems
    assert problem.severity is Severity.ERROR and problem.where == WHERE
    assert "上年数值为 0，无法计算增幅" in problem.message and problem.found == "〔升学人数@增幅〕"
    wb = openpyxl.load_workbook(filled)
    for row in wb["正文"].iter_rows(min_row=2):
        if row[0].value == "段落":
            row[1].value = "升学〔升学人数@增幅〕。"
            break
    broken = filled.with_name("zero-base.xlsx")
    wb.save(broken)
    with pytest.raises(DataError) as caught:
        review(load(broken))
    assert any("无法计算增幅" in p.message for p in caught.value.problems)


def test_a_figure_without_last_years_value_says_so(tmp_path):
    """The minimal workbook has no 上年 column: @变化 is a located error, not a crash."""
    names = Names(load(build(tmp_path)))
    problems: list = []
    substitute_text(Text("〔毕业生人数@变化〕", WHERE), names, problems)
    [problem] = problems
    assert "“毕业生人数”没有上年数值" in problem.message


def test_indicator_tables_can_print_last_years_column(filled, tmp_path):
    """指标表上年列 = 是: the 2024年 column stands before 2025年 with last year's figures."""
    wb = openpyxl.load_workbook(filled)
    for row in wb["基本信息"].iter_rows(min_row=2):
        if row[0].value == "指标表上年列":
            row[1].value = "是"
    for row in wb["正文"].iter_rows(min_row=2):
        if row[0].value == "段落":
            row[1].value = "本年情况见下表。"
    path = tmp_path / "with-previous.xlsx"
    wb.save(path)
    report = load(path)
    assert report.meta.show_previous
    out = tmp_path / "report.docx"
    write_report(report, out)
    tables = [b for b in read_report(out).body if isinstance(b, RefTable)]
    scorecard = next(t for t in tables if t.name == "人才培养质量计分卡")
    assert scorecard.rows[0] == ("序号", "指标", "单位", "2024年", "2025年", "备注")
    assert scorecard.rows[1][1:5] == ("毕业生人数*", "人", "100", "112")
    survey = next(t for t in tables if t.name == "满意度调查表")
    assert survey.rows[0][3:5] == ("2024年", "2025年")


def test_the_layout_resolves_them_and_lays_out_last_years_column(filled, tmp_path):
    """The layout step is what resolves 〔…@变化〕 and lays out the 上年 column (指标表上年列):
    every way of making the report prints them the same; without the setting no 上年 column."""
    wb = openpyxl.load_workbook(filled)
    for row in wb["正文"].iter_rows(min_row=2):
        if row[0].value == "段落":
            row[1].value = "毕业生〔毕业生人数@变化〕，〔毕业生人数@增幅〕。"
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    for row in wb["基本信息"].iter_rows(min_row=2):
        if row[0].value == "指标表上年列":
            row[1].value = "是"
    with_previous = tmp_path / "with-previous.xlsx"
    wb.save(with_previous)
    for path, headers in ((plain, ["2025年"]), (with_previous, ["2024年", "2025年"])):
        layout = lay_out(load(path))
        texts = [b.text for b in layout.body if isinstance(b, ParagraphBlock)]
        assert "毕业生增加12人，增长12.00%。" in texts
        grids = [b.grid for b in layout.body if isinstance(b, TableBlock)]
        if layout.appendix is not None:
            grids += [b.grid for b in layout.appendix.blocks if isinstance(b, TableBlock)]
        scorecard = next(g for g in grids if g.header[0][1].text == "指标"
                         and any(r[1].text == "毕业生人数*" for r in g.body))
        assert [c.text for c in scorecard.header[0] if c.text.endswith("年")] == headers
        assert sum(scorecard.widths_mm) == pytest.approx(TEXT_WIDTH_MM)
        assert all(len(r) == len(scorecard.widths_mm) for r in scorecard.rows)


def test_a_computed_figure_has_no_last_years_value(filled):
    """〔毕业生升学率@上年〕: a figure the catalog computes has no 上年 of its own; the
    problem says so and where such a figure can be given one."""
    problems: list = []
    substitute_text(Text("〔毕业生升学率@上年〕", WHERE), Names(load(filled)), problems)
    [problem] = problems
    assert problem.code == "E-PLACEHOLDER-DERIVED-PREVIOUS" and problem.where == WHERE
    assert "“毕业生升学率”是计算得出的数，没有上年数值" in problem.message
    assert "“数据”表" in (problem.hint or "")
