"""What the reader of the reference text finds in the published 2024 report of 璧山区.

These tests pin down the reference itself: if one fails, the reader (``reference_text.py``) or the
copy of the text under ``data/reference`` changed, and every comparison with the reference with it.
"""

from __future__ import annotations

import pytest

from reference_text import (
    RefCase,
    RefHeading,
    RefParagraph,
    RefTable,
    Reference,
    norm,
    parse_reference,
)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return parse_reference()


def headings(ref: Reference, level: int) -> list[str]:
    return [x.text for x in ref.body if isinstance(x, RefHeading) and x.level == level]


def cases(ref: Reference) -> list[RefCase]:
    return [x for x in ref.body if isinstance(x, RefCase)]


def tables(ref: Reference) -> dict[int, RefTable]:
    return {x.number: x for x in ref.body if isinstance(x, RefTable)}


def test_norm_removes_every_kind_of_whitespace():
    assert norm(" 前  言\t\n\u3000x\u00a0y ") == "前言xy"


def test_the_foreword_has_six_paragraphs_and_no_heading(ref):
    assert len(ref.foreword) == 6
    assert ref.foreword[0].startswith("职业教育作为国家教育体系的重要组成部分")
    assert ref.foreword[-1].endswith("为璧山区职业教育的繁荣发展继续努力。")


def test_the_title_and_period_come_between_foreword_and_body(ref):
    assert ref.title == "璧山区中等职业学校年度质量报告"
    assert ref.period == "（2023-2024学年度）"
    assert ref.body[0] == RefHeading(1, "学校概况")


def test_eight_chapters_in_order(ref):
    assert headings(ref, 1) == [
        "学校概况", "人才培养", "产教融合", "服务贡献", "文化传承", "国际合作", "发展保障",
        "面临的挑战及对策",
    ]


def test_headings_lose_their_number_and_separator(ref):
    level2, level3 = headings(ref, 2), headings(ref, 3)
    assert "学生规模" in level2  # "1.3 学生规模"
    assert "“三教”改革" in level2  # "2.3“三教”改革"
    assert level3[0] == "动态调整专业设置"  # "1.2.1动态调整专业设置"
    assert "毕业生规模" in level3  # " 1.3.2毕业生规模", with a leading space
    assert len(level2) == 28 and len(level3) == 27


def test_twenty_cases_numbered_one_to_twenty(ref):
    found = cases(ref)
    assert [c.number for c in found] == list(range(1, 21))
    assert all(c.title and c.paragraphs for c in found)


def test_case_titles_are_verbatim_and_case_10_is_joined(ref):
    titles = {c.number: c.title for c in cases(ref)}
    assert titles[1] == "培养梦想启航的摇篮 职教中心成立励志部"
    assert titles[2] == "青春织梦  团徽闪新篇"  # two spaces, as printed
    assert titles[10] == "科创大赛精彩纷呈：璧山区青少年展现科技创新无限潜力"


def test_a_case_runs_to_the_next_heading(ref):
    case20 = cases(ref)[19]
    assert len(case20.paragraphs) == 8
    assert case20.paragraphs[1] == "一、夯实基础，完善架构"
    after = ref.body[ref.body.index(case20) + 1]
    assert after == RefHeading(2, "质量保证")


def test_seven_tables_numbered_with_their_names(ref):
    assert {n: t.name for n, t in tables(ref).items()} == {
        1: "人才培养质量计分卡",
        2: "教学资源表",
        3: "毕业生服务三次产业情况",
        4: "满意度调查表",
        5: "服务贡献表",
        6: "国际影响表",
        7: "落实政策表",
    }


def test_the_leftover_captions_at_the_end_are_not_content(ref):
    last = ref.body[-1]
    assert isinstance(last, RefParagraph) and last.text.startswith("对策：宣讲新职业教育法")


def test_indicator_tables_have_a_header_and_one_row_per_printed_row(ref):
    found = tables(ref)
    sizes = {n: len(t.rows) - 1 for n, t in found.items() if n != 3}
    assert sizes == {1: 12, 2: 46, 4: 12, 5: 18, 6: 14, 7: 22}
    for n, table in found.items():
        if n != 3:
            assert {len(row) for row in table.rows} == {len(table.rows[0])}
    assert found[1].rows[0] == ("序号", "指标", "单位", "2024年", "备注")
    assert found[1].rows[1] == ("1", "毕业生人数*", "人", "1234", "")


def test_the_split_header_cell_of_the_survey_table_is_one_cell(ref):
    assert tables(ref)[4].rows[0] == ("序号", "指标", "单位", "2024年", "调查人次", "调查方式", "备注")


def test_two_unit_rows_and_ratio_as_printed(ref):
    rows = tables(ref)[2].rows
    assert rows[1] == ("1", "生师比*", ":", "16.29:1", "")
    at = rows.index(("5", "教学计划内课程总数*", "门", "160", ""))
    assert rows[at + 1] == ("", "", "学时", "121860", "")


def test_cells_are_stripped_of_indentation(ref):
    names = [row[1] for row in tables(ref)[6].rows]
    assert "专业标准数量" in names and "资源数量" in names


def test_the_free_table_is_read_as_printed(ref):
    assert tables(ref)[3].rows == (
        ("毕业生服务三次产业情况", "", "", "", "", "", "", ""),
        ("年份人数产业", "2022", "占比（%）", "2023", "占比（%）", "2024", "占比（%）", "备注"),
        ("面向第一产业", "0", "/", "0", "/", "0", "/", ""),
        ("面向第二产业", "251", "41.42", "291", "51.33", "201", "38.07", ""),
        ("面向第三产业", "355", "58.58", "276", "48.67", "327", "61.93", ""),
        ("合计", "606", "", "567", "", "528", "", ""),
    )


def test_tables_stand_where_they_are_printed(ref):
    body = ref.body
    first = next(i for i, x in enumerate(body) if isinstance(x, RefTable))
    assert body[first - 2] == RefHeading(3, "毕业生规模")
    assert isinstance(body[first + 1], RefCase) and body[first + 1].number == 2


def test_paragraphs_are_verbatim(ref):
    texts = [x.text for x in ref.body if isinstance(x, RefParagraph)]
    assert any(t.endswith("附“教学资源表”") for t in texts)
    assert "挑战1：职业教育产教融合深度不足" in texts
    assert len(texts) == 95
