"""Rates the prose writes next to the counts they are computed from, by their definitions.

A rate is checked against every accepted definition (就业率 has two in use); it is a
contradiction only when some definition can be computed and none agrees at the precision the
rate is written with. Counts come from the rate's own paragraph first, else from the report
when said there with one value only.
"""

from __future__ import annotations

import datetime

import pytest

from reportgen.checks.rates import DefinitionError, parse_definition, check_text_rate
from reportgen.checks.rules import BY_ID, RULES
from reportgen.checks.text import text_facts
from reportgen.figures import Figures
from reportgen.pipeline import check_workbook
from check_workbooks import build_consistent, set_prose
from reportgen.model import Meta, Paragraph, Report, Section, SourceRef, Text


def report_with(*texts: str) -> Report:
    meta = Meta(Text("测试区"), Text("2023-2024学年度"), 2024, Text("标题"), Text("发布"),
                datetime.date(2024, 12, 30))
    body = tuple(Paragraph(Text(t, SourceRef("t.xlsx", "正文", f"B{n}")))
                 for n, t in enumerate(texts, 2))
    return Report(meta, (), (Section(1, Text("概况"), body),))


def rate_findings(rule_id: str, *texts: str) -> list[tuple[str | None, str | None]]:
    report = report_with(*texts)
    facts = text_facts(report, RULES)
    return [(p.found, p.expected) for p in check_text_rate(BY_ID[rule_id], facts, Figures(report))]


def test_a_definition_is_a_division_of_sums():
    """``a / (b - c)`` and ``(a + b) / c``; anything else is refused when the rules load."""
    definition = parse_definition("text.a / (text.b - text.c)")
    assert definition.numerator == ((1, "text.a"),)
    assert definition.denominator == ((1, "text.b"), (-1, "text.c"))
    assert parse_definition("(text.a + text.b) / text.c").rule_ids == ("text.a", "text.b", "text.c")
    for wrong in ("text.a", "text.a / text.b / text.c", "text.a / ", "text.a text.b / text.c"):
        with pytest.raises(DefinitionError):
            parse_definition(wrong)


@pytest.mark.parametrize(("rule_id", "text", "expected"), [
    ("text.direct_employment_rate_arithmetic", "2023年毕业生1245人，直接就业580人，直接就业率87.5%。",
     [("直接就业率87.5%", "580 ÷ 1245 × 100 = 46.59%")]),
    ("text.matched_employment_rate_arithmetic", "直接就业544人；专业对口就业476人，对口率84.7%。",
     [("对口率84.7%", "476 ÷ 544 × 100 = 87.50%")]),
    ("text.internship_hire_rate_arithmetic",
     "顶岗实习学生总数978人，企业录用顶岗实习学生数700人，企业录用率达81.6%。",
     [("企业录用率达81.6%", "700 ÷ 978 × 100 = 71.57%")]),
])
def test_a_rate_that_fits_no_definition(rule_id, text, expected):
    """Failing cases: the rate, and the computation by its (first computable) definition."""
    assert rate_findings(rule_id, text) == expected


@pytest.mark.parametrize(("rule_id", "text"), [
    ("text.direct_employment_rate_arithmetic", "毕业生1245人，直接就业580人，直接就业率46.6%。"),
    ("text.matched_employment_rate_arithmetic", "直接就业544人；专业对口就业476人，对口就业率87.5%。"),
    ("text.employment_rate_arithmetic", "2024年毕业生1476人，升学914人，直接就业544人，就业率96.8%。"),
    ("text.employment_rate_arithmetic", "毕业生100人，升学60人，直接就业30人，就业率90%。"),
    ("text.employment_rate_arithmetic", "毕业生100人，升学60人，直接就业30人，就业率96.8%。"),
    ("text.internship_match_rate_arithmetic",
     "顶岗实习学生总数978人，顶岗实习对口学生数632人，顶岗实习对口率达64.6%。"),
])
def test_a_rate_that_fits_a_definition(rule_id, text):
    """Passing cases: any definition of 就业率 will do (544 ÷ (1476 − 914) = 96.8%;
    (30 + 60) ÷ 100 = 90%); without the scorecard its third definition (毕业去向落实率) cannot be
    tried, so 96.8% (fitting neither of the other two) is not judged."""
    assert rate_findings(rule_id, text) == []


def test_counts_of_the_same_paragraph_come_first():
    """The rate's paragraph says 毕业生200人: that count is used, not the report's other one."""
    assert rate_findings("text.direct_employment_rate_arithmetic", "毕业生1000人。",
                         "毕业生200人，直接就业100人，直接就业率50%。") == []


def test_a_count_said_with_two_values_is_no_count():
    """Two paragraphs say two numbers of graduates and the rate's says none: nothing is
    compared."""
    assert rate_findings("text.direct_employment_rate_arithmetic", "毕业生1000人。", "毕业生900人。",
                         "直接就业100人，直接就业率50%。") == []


def test_a_rate_of_another_year_uses_that_year_s_counts():
    """2023's rate with 2023's counts, 2024's with 2024's, in one sentence."""
    text = ("2023年毕业生1245人，直接就业580人，直接就业率46.6%；"
            "2024年毕业生1476人，直接就业544人，直接就业率36.9%。")
    assert rate_findings("text.direct_employment_rate_arithmetic", text) == []


def test_a_rate_of_a_part_is_not_checked():
    """订单班 graduates first in the clause: its 直接就业率 is the 订单班's."""
    assert rate_findings("text.direct_employment_rate_arithmetic", "毕业生1000人。",
                         "订单班毕业生46人，直接就业45人，直接就业率97.8%。") == []


@pytest.mark.parametrize(("said", "findings"), [
    ("就业率75.0%", []), ("就业率90%", []), ("就业率98%", []),
    ("就业率96.8%", [("就业率96.8%", "30 ÷ (100 − 60) × 100 = 75.00%")]),
])
def test_employment_rate_has_three_definitions(tmp_path, said, findings):
    """With the scorecard (98 placed of 100): 30 ÷ (100 − 60), (30 + 60) ÷ 100 and 98 ÷ 100 are
    each a 就业率 in use; only a rate fitting none of them is reported."""
    path = build_consistent(tmp_path, lambda wb: set_prose(wb, f"毕业生100人，升学60人，直接就业30人，{said}。"))
    assert [(p.found, p.expected) for p in check_workbook(path)] == findings
