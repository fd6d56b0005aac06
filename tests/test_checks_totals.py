"""Money in the prose: a total and its parts, checked only when the list is exhaustive."""

from __future__ import annotations

import pytest

from reportgen.checks.rules import BY_ID
from reportgen.checks.totals import check_text_total
from test_checks_rates import report_with

RULE = BY_ID["text.money_total"]


def totals(*texts: str) -> list[tuple[str | None, str | None, str]]:
    return [(p.found, p.expected, p.code) for p in check_text_total(RULE, report_with(*texts))]


def test_parts_that_do_not_add_up_to_the_total():
    """The 2024 report: 8348 + 874.08 + 225.62 = 9447.70, not 9448.26 — beyond what rounding
    8348 to whole 万元 could explain (0.515)."""
    text = ("区域内中职学校2024年总收入9448.26万元，2023年度财政经费投入总额为7017.15万元。"
            "其中财政经常性补助收入合计8348万元、学费收入874.08万元、其他收入总额225.62万元。")
    assert totals(text) == [("总收入9448.26万元", "8348 + 874.08 + 225.62 = 9447.70万元",
                             "W-CHECK-TEXT-TOTAL")]


@pytest.mark.parametrize("text", [
    "2024年总收入1000.5万元，其中财政补助收入800万元、学费收入150.5万元、其他收入50万元。",
    "2024年总收入1000万元，其中财政补助收入800.4万元、学费收入150万元、其他收入50万元。",  # rounding
    "总支出1300万元，含基础设施建设费400万元；日常教学经费300万元。",  # not exhaustive
    "2024年总收入1000万元，其中财政补助800万元、学费150万元、其他10万元。",  # no shared head word
    "2023年总收入900万元。其中财政补助收入800万元、学费收入150万元、其他收入50万元。",  # other year
    "交职校2024年总收入3000万元，其中财政补助收入2000万元、学费收入500万元、其他收入100万元。",
    "总收入1000万元，其中财政补助收入800万元、学费收入150万元、其他收入50元。",  # units differ
    "2024年总收入1000万元。今年学校其他工作顺利。其中财政补助收入800万元、学费收入150万元、其他收入10万元。",
])
def test_nothing_is_said_unless_sure(text):
    """Consistent, rounded, an open list, no head word, another year, a school, mixed units, a
    total two sentences back: nothing."""
    assert totals(text) == []
