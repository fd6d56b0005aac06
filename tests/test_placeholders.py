"""Placeholders: the prose names a figure (〔毕业生人数〕) and the report prints it as the table does."""

from __future__ import annotations

import pytest
from openpyxl.styles import Font
from hypothesis import given
from hypothesis import strategies as st

from check_workbooks import build_consistent, set_figure, set_prose
from docx_reading import cell_texts, open_docx
from reportgen import generate, load, render
from reportgen.errors import DataError, Severity
from reportgen.layout import HeadingBlock, ParagraphBlock, lay_out
from reportgen.model import Paragraph, SourceRef, Text
from reportgen.placeholders import CLOSE, OPEN, Names, substitute, substitute_text
from reportgen.pipeline import check_workbook, review

WHERE = SourceRef("test.xlsx", "正文", "B3")
PLACEHOLDER_PROSE = ("2024年毕业生〔毕业生人数〕人，其中升学〔升学人数〕人，升学率〔毕业生升学率〕%。"
                     "学校有学生〔全日制在校生人数〕人、专任教师〔落实政策表：专任教师总数〕人，"
                     "生师比〔生师比〕，生均仪器设备值〔生均教学科研仪器设备值〕元，"
                     "教学计划内课程〔教学计划内课程总数〕门、〔教学计划内课程总数（学时）〕学时。")


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    return Names(load(build_consistent(tmp_path_factory.mktemp("names"))))


def fill(text: str, names: Names) -> tuple[str, list]:
    problems: list = []
    return substitute_text(Text(text, WHERE), names, problems).text, problems


def test_a_placeholder_is_the_figure_as_the_table_prints_it(names):
    """Indicator names with or without '*', qualified by the table, a two-unit row by unit;
    a ratio keeps its ':1'."""
    assert fill("〔毕业生人数〕〔毕业生人数*〕", names)[0] == "100100"
    assert fill("〔教学资源表:生师比*〕", names)[0] == "12.5:1"
    assert fill("〔教学计划内课程总数（学时）〕", names)[0] == "10000"
    assert fill("〔scorecard.graduates〕", names)[0] == "100"


def test_a_free_table_cell_prints_as_the_table_shows_it(names):
    """〔表-X!行名@列名〕 — the rules' syntax — names a cell of an own table: the sheet, the label
    in the row's first cell, the column's header; {year} stands for the report's year."""
    assert fill("〔表-专业设置一览!合计@小计〕人", names)[0] == "285人"
    assert fill("〔表-毕业生服务三次产业情况!面向第二产业@{year}〕", names)[0] == "16"
    assert fill("〔表-毕业生服务三次产业情况!面向第二产业@占比（%）〕", names)[0] == "40"


def _own_table_with_a_previous_column(wb) -> None:
    """An own table whose last column is headed 上年, and a 数据 figure with last year's value."""
    ws = wb.create_sheet("表-合作企业")
    ws.append(["项目", "本年", "上年"])
    ws.append(["合作企业", 30, 24])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wb["正文"].append(["表格", "表-合作企业"])
    data = wb.create_sheet("数据")
    data.append(["名称", "数值", "单位", "上年"])
    data.append(["合作企业数", 30, "家", 20])


def test_a_bang_always_names_a_free_table_cell_and_the_at_sign_its_column(tmp_path):
    """Free-table cells and year-over-year placeholders both use @: a ``!`` (or ``！``) decides.
    〔表-X!行名@上年〕 is the cell under the header 上年, never last year's figure; 〔名称@上年〕
    without ``!`` is last year's figure, never a free-table cell."""
    names = Names(load(build_consistent(tmp_path, _own_table_with_a_previous_column)))
    assert fill("〔表-合作企业!合作企业@上年〕", names) == ("24", [])
    assert fill("〔表-合作企业！合作企业＠上年〕", names) == ("24", [])
    assert fill("〔表-合作企业!合作企业@本年〕", names) == ("30", [])
    assert fill("〔合作企业数@上年〕", names) == ("20", [])
    assert fill("〔合作企业数@变化〕", names) == ("增加10家", [])
    text, problems = fill("〔合作企业@上年〕", names)
    assert text == "〔合作企业@上年〕" and [p.code for p in problems] != ["E-PLACEHOLDER-CELL"]
    assert [p.severity for p in problems] == [Severity.ERROR]


@pytest.mark.parametrize(("token", "words"), [
    ("〔表-专业设置一览!总计@小计〕", "没有第一列为“总计”的行（现有：装备制造类、小计、电子与信息类、合计）"),
    ("〔表-专业设置一览!合计@三年级〕", "没有列名为“三年级”的列（现有：专业大类、专业、一年级、二年级、小计）"),
    ("〔表-专业一览!合计@小计〕", "没有工作表“表-专业一览”"),
    ("〔表-专业设置一览!合计〕", "应写作〔表-专业设置一览!行名@列名〕"),
])
def test_a_missing_cell_is_a_located_error_saying_what_is_missing(names, token, words):
    """The table, the row or the column that is not there, with what there is."""
    text, problems = fill(f"共{token}人", names)
    [problem] = problems
    assert text == f"共{token}人" and problem.code == "E-PLACEHOLDER-CELL"
    assert words in problem.message and problem.where == WHERE


def test_a_derived_figure_prints_with_its_own_precision(names):
    """毕业生升学率 is 60 ÷ 100 × 100 printed with two decimals."""
    assert fill("〔毕业生升学率〕", names)[0] == "60.00"
    assert fill("〔计算生师比〕", names)[0] == "12.50:1"


def test_an_unknown_name_is_a_located_error_with_suggestions(names):
    """A misspelt name is an error at the paragraph's cell, quoting the placeholder."""
    text, problems = fill("毕业生〔毕业生人〕人", names)
    assert text == "毕业生〔毕业生人〕人"
    [problem] = problems
    assert problem.severity is Severity.ERROR and problem.where == WHERE
    assert problem.found == "〔毕业生人〕" and "〔毕业生人数〕" in problem.message


def test_an_ambiguous_name_asks_which_one(names):
    """国家级数量* is in three groups of the 教学资源表: the error lists names that are unique."""
    _, [problem] = fill("〔国家级数量*〕", names)
    assert "专业教学资源库数:国家级数量*" in problem.message


def test_literal_brackets_and_document_numbers_stay(names):
    """〔〔 and 〕〕 write one bracket; 〔2020〕 in a 文号 is not a placeholder."""
    assert fill("〔〔示例〕〕 璧教发〔2021〕3号", names) == ("〔示例〕 璧教发〔2021〕3号", [])


@given(st.text(alphabet=st.sampled_from("毕业生人数〔〕0123 ,。a"), max_size=30))
def test_escaped_text_comes_back_unchanged(text):
    """Any text with its brackets doubled is printed exactly as written."""
    escaped = text.replace(OPEN, OPEN * 2).replace(CLOSE, CLOSE * 2)
    problems: list = []
    assert substitute_text(Text(escaped, WHERE), Names.__new__(Names), problems).text == text
    assert problems == []


def test_the_published_text_is_kept_verbatim():
    """The example workbook has no placeholder: substitution leaves the report as it is."""
    from pathlib import Path

    report = load(Path(__file__).parent.parent / "inputs" / "2024.xlsx")
    assert substitute(report) == (report, [])


def test_a_paragraph_with_placeholders_renders_the_table_figures_and_checks_clean(tmp_path):
    """The report prints the figures exactly as its tables do, and the check has nothing to
    say about the paragraph."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, PLACEHOLDER_PROSE))
    assert check_workbook(path) == []
    document = open_docx(render(review(load(path))))
    text = next(p.text for p in document.paragraphs if p.text.startswith("2024年毕业生"))
    assert text == ("2024年毕业生100人，其中升学60人，升学率60.00%。学校有学生500人、专任教师40人，"
                    "生师比12.5:1，生均仪器设备值8000.5元，教学计划内课程100门、10000学时。")
    printed = {row[1]: row[3] for t in document.tables for row in cell_texts(t) if len(row) > 3}
    assert printed["毕业生人数*"] == "100" and printed["生师比*"] == "12.5:1"


def test_a_figure_changed_in_the_table_changes_in_the_text(tmp_path):
    """Change the table, and the paragraph (and a heading) follows: no figure is typed twice."""
    def tweak(wb):
        set_prose(wb, "毕业生〔毕业生人数〕人。")
        wb["正文"]["B2"] = "毕业生〔毕业生人数〕人的去向"
        set_figure(wb, "scorecard.graduates", 1476)
        set_figure(wb, "scorecard.placed", 1400)
    layout = lay_out(review(load(build_consistent(tmp_path, tweak))))
    texts = [b.text for b in layout.body if isinstance(b, ParagraphBlock)]
    assert "毕业生1476人。" in texts
    assert next(b for b in layout.body if isinstance(b, HeadingBlock)).title == "毕业生1476人的去向"


def test_an_unknown_name_stops_the_build(tmp_path):
    """generate refuses: the clerk fixes the name before a report is written."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, "毕业生〔毕业人数〕人。"))
    with pytest.raises(DataError) as raised:
        generate(path, tmp_path / "out.docx")
    assert any(p.rule == "placeholders.unknown_name" for p in raised.value.problems)
    assert not (tmp_path / "out.docx").exists()


def test_names_the_workbook_defines_and_changes_over_last_year(tmp_path):
    """The 数据 sheet names figures; 上年X gives 〔X较上年增减〕 and 〔X较上年增幅〕."""
    def tweak(wb):
        ws = wb.create_sheet("数据")
        ws.append(["名称", "数值", "单位"])
        ws.append(["财政经费投入", 9448.26, "万元"])
        ws.append(["上年财政经费投入", 7017.15, "万元"])
        set_prose(wb, "投入〔财政经费投入〕万元，增加〔财政经费投入较上年增减〕万元，"
                      "增加〔财政经费投入较上年增幅〕%。")
    layout = lay_out(review(load(build_consistent(tmp_path, tweak))))
    texts = [b.text for b in layout.body if isinstance(b, ParagraphBlock)]
    assert "投入9448.26万元，增加2431.11万元，增加34.65%。" in texts


def test_a_duplicate_name_in_the_data_sheet_is_an_error(tmp_path):
    """Each name is defined once."""
    def tweak(wb):
        ws = wb.create_sheet("数据")
        ws.append(["名称", "数值"])
        ws.append(["经费", 1])
        ws.append(["经费", 2])
    with pytest.raises(DataError) as raised:
        load(build_consistent(tmp_path, tweak))
    assert any("重复" in p.message and p.where and p.where.cell == "A3"
               for p in raised.value.problems)


def test_only_the_parts_holding_placeholders_are_made_anew(tmp_path):
    """Substitution shares what it does not change: a chapter without a placeholder is the
    very same object in the resolved report, while the one holding a placeholder prints the
    figure and its siblings are kept as they were."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, "毕业生〔毕业生人数〕人。"))
    report = load(path)
    resolved, problems = substitute(report)
    assert problems == []
    changed = [(old, new) for old, new in zip(report.chapters, resolved.chapters) if old is not new]
    assert len(changed) >= 1 and len(changed) < len(report.chapters)
    texts = [b.text.text for b in resolved.blocks() if isinstance(b, Paragraph)]
    assert "毕业生100人。" in texts and "毕业生〔毕业生人数〕人。" not in texts
    again, _ = substitute(resolved)
    assert all(a is b for a, b in zip(again.chapters, resolved.chapters))
