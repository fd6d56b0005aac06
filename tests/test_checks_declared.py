"""Rules the clerk declares in the 规则 sheet: equal, not greater, not less, summing up.

Figures are named as placeholders name them — an indicator, a 数据 figure, a free-table cell
〔表-X!行名@列名〕 — joined by + around one comparison. A rule that cannot be read is an error
at its cell saying what is wrong; a rule whose figures disagree is a warning naming both.
"""

from __future__ import annotations

from typing import Callable

import pytest
from openpyxl import Workbook

from check_workbooks import build_consistent
from reportgen.checks.declared import check_declared, rule_id
from reportgen.errors import Severity
from reportgen.figures import Figures
from reportgen.model import DeclaredRule, Text
from reportgen.pipeline import check_workbook
from reportgen.xlsx import load

T = "〔表-专业设置一览!合计@小计〕"
"""The own table's grand total (285 in the consistent workbook)."""


def rules(*rows: tuple[object, ...]) -> Callable[[Workbook], None]:
    """The consistent workbook with a 规则 sheet holding ``rows`` (规则, 说明)."""
    def tweak(wb: Workbook) -> None:
        ws = wb.create_sheet("规则")
        ws.append(["规则", "说明"])
        for row in rows:
            ws.append(list(row))
        data = wb.create_sheet("数据")
        data.append(["名称", "数值", "单位"])
        data.append(["专业学生总数", 285, "人"])
    return tweak


HOLDING = (
    (f"{T} = 〔表-专业设置一览!合计@一年级〕 + 〔表-专业设置一览!合计@二年级〕", "合计等于两个年级之和"),
    ("〔聘请大国工匠、劳动模范人数〕 <= 〔聘请行业导师人数*〕", None),
    ("〔教职工总数〕 ≥ 〔专任教师总数〕", None),
    ("〔专任教师总数〕 不超过 〔教职工总数〕", None),
    (f"{T} ＝ 〔专业学生总数〕", "数据表中的数"),
    ("〔毕业生人数〕 >= 〔毕业去向落实人数〕", None),
)
"""Rules the consistent workbook satisfies, in every form a comparison may take."""


def test_rules_that_hold_find_nothing(tmp_path):
    """Equal, ≤, ≥ and sums over indicators, free-table cells and 数据 figures: no finding."""
    assert check_workbook(build_consistent(tmp_path, rules(*HOLDING))) == []


@pytest.mark.parametrize(("rule", "found", "expected"), [
    (f"{T} = 〔全日制在校生人数〕", f"{T} 285", "〔全日制在校生人数〕 500人"),
    ("〔全日制在校生人数〕 <= 〔专任教师总数〕", "〔全日制在校生人数〕 500人", "〔专任教师总数〕 40人"),
    ("〔专任教师总数〕 >= 〔教职工总数〕", "〔专任教师总数〕 40人", "〔教职工总数〕 60人"),
    ("〔毕业生人数〕 = 〔毕业去向落实人数〕 + 〔升学人数〕", "〔毕业生人数〕 100人",
     "〔毕业去向落实人数〕 98人 + 〔升学人数〕 60人 = 158"),
])
def test_a_rule_that_fails_names_both_sides(tmp_path, rule, found, expected):
    """A warning located at the left side's first figure, against the right side's, each side
    shown with its names and values; the rule's text is in the message."""
    problems = check_workbook(build_consistent(tmp_path, rules((rule, None))))
    assert [(p.code, p.severity, p.found, p.expected) for p in problems] == [
        ("W-CHECK-DECLARED", Severity.WARNING, found, expected)]
    assert rule.strip() in problems[0].message and problems[0].related is not None


def test_the_note_is_the_hint(tmp_path):
    """What the clerk wrote under 说明 tells what to check."""
    problems = check_workbook(build_consistent(tmp_path, rules(
        (f"{T} = 〔全日制在校生人数〕", "专业设置表的合计就是全日制在校生"))))
    assert problems[0].hint == "专业设置表的合计就是全日制在校生，请核对"


@pytest.mark.parametrize(("rule", "code", "words"), [
    ("〔毕业生人数〕 〔升学人数〕", "E-RULE-SYNTAX", "没有比较符号"),
    ("〔毕业生人数〕 = 〔升学人数〕 = 〔毕业去向落实人数〕", "E-RULE-SYNTAX", "只能有一个比较符号"),
    ("毕业生人数 = 〔升学人数〕", "E-RULE-SYNTAX", "“毕业生人数”不是写在〔〕中的名称"),
    ("〔毕业生人数〕 = ", "E-RULE-SYNTAX", "两边都要写"),
    ("〔毕业生人〕 = 〔升学人数〕", "E-RULE-NAME", "是否是"),
    ("〔表-专业设置一览!总计@小计〕 = 〔升学人数〕", "E-RULE-NAME", "没有第一列为“总计”的行"),
    ("〔表-专业一览!合计@小计〕 = 〔升学人数〕", "E-RULE-NAME", "没有工作表“表-专业一览”"),
    ("〔专业学生总数较上年增减〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
    ("〔专业学生总数@上年〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
    ("〔毕业生人数@变化〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
])
def test_a_bad_rule_is_a_located_error(tmp_path, rule, code, words):
    """Each rule that cannot be read is an error at its cell (规则!A2) saying what is wrong."""
    problems = check_workbook(build_consistent(tmp_path, rules((rule, None))))
    assert [(p.code, p.where.sheet, p.where.cell) for p in problems if p.where] == [
        (code, "规则", "A2")]
    assert words in problems[0].message and problems[0].severity is Severity.ERROR


def test_a_rule_over_an_empty_figure_finds_nothing(tmp_path):
    """An empty cell is legal: the rule has nothing to compare."""
    def emptied(wb: Workbook) -> None:
        rules((f"{T} = 〔全日制在校生人数〕", None))(wb)
        wb["表-专业设置一览"]["E7"] = None
    assert check_workbook(build_consistent(tmp_path, emptied)) == []


def test_a_rule_keeps_its_id_wherever_its_row_stands(tmp_path):
    """The id is a fingerprint of the text (spaces ignored), so a finding's 编号 survives rows
    inserted above it."""
    a = DeclaredRule(Text(f"{T} = 〔全日制在校生人数〕"))
    b = DeclaredRule(Text(f"{T}=〔全日制在校生人数〕"))
    assert rule_id(a) == rule_id(b) and rule_id(a).startswith("declared.")


def test_a_workbook_without_the_sheet_has_no_declared_rules(tmp_path):
    """The sheet is optional: the report has none and nothing is checked."""
    report = load(build_consistent(tmp_path))
    assert report.declared == () and list(check_declared(report, Figures(report))) == []
