"""The published 2024 report of 璧山区 contradicts itself: the check finds exactly those places.

Each expected finding below was verified by hand against the workbook and the published text
(the reference report): every one is a true contradiction. Figures that are in fact consistent —
表3's 2022 and 2024 shares, the text's 升入本科8人 and satisfaction rates, the 2024 升学率 and
就业率 against the text's own counts, the 顶岗实习 rates, the year-over-year changes of the money —
must yield nothing. Sentences the check cannot be sure of stay silent: 毕业生1476人 in
"输送实习学生1401人、毕业生1476人" (正文!B133) follows a count of interns in its clause, so it is
not compared (the same contradiction is found at B19, B42 and B87). The report still builds:
every contradiction is a warning or a note, not an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import Severity
from reportgen.pipeline import check_workbook

WORKBOOK = Path(__file__).parent.parent / "inputs" / "2024.xlsx"
S3 = "表-毕业生服务三次产业情况"

EXPECTED = {
    # inside one table
    ("figures.likely_fraction", "落实政策表!D14", ""),  # 0.9048 in a % row
    ("satisfaction.survey_base", "满意度调查表!D11", "满意度调查表!E11"),  # 0% of 0 surveyed
    # 93.2 vs (94.6 × 843 + 92.5 × 347) ÷ 1190 = 93.99
    ("satisfaction.graduates_weighted", "满意度调查表!D8", "满意度调查表!D9"),
    ("teaching_resources.student_teacher_ratio", "教学资源表!D2", "落实政策表!D2"),  # 16.29 vs 5589/295
    # across tables: the scorecard against 表3 for 2024
    ("sectors.total_scorecard_vs_table", f"{S3}!F6", "人才培养质量计分卡!D8"),  # 528 vs 433
    ("sectors.secondary_scorecard_vs_table", f"{S3}!F4", "人才培养质量计分卡!D10"),  # 201 vs 146
    ("sectors.tertiary_scorecard_vs_table", f"{S3}!F5", "人才培养质量计分卡!D11"),  # 327 vs 287
    # the text against the figures
    ("text.graduates", "正文!B19", "人才培养质量计分卡!D2"),  # 1476 vs 1234
    ("text.graduates", "正文!B42", "人才培养质量计分卡!D2"),
    ("text.graduates", "正文!B87", "人才培养质量计分卡!D2"),
    ("text.further_study", "正文!B19", "人才培养质量计分卡!D4"),  # 914 vs 766
    ("text.further_study", "正文!B42", "人才培养质量计分卡!D4"),
    ("text.further_study", "正文!B91", "人才培养质量计分卡!D4"),
    ("text.further_study_rate", "正文!B91", "人才培养质量计分卡!D4"),  # 61.9 vs 766/1234
    ("text.students", "正文!B4", "落实政策表!D2"),  # 6304 vs 5589
    ("text.students", "正文!B26", "落实政策表!D2"),
    ("text.full_time_teachers", "正文!B23", "落实政策表!D7"),  # 338 vs 295
    ("text.full_time_teachers", "正文!B26", "落实政策表!D7"),
    ("text.staff", "正文!B4", "落实政策表!D6"),  # 490 vs 387
    ("text.staff", "正文!B23", "落实政策表!D6"),
    ("text.industry_mentors", "正文!B23", "落实政策表!D18"),  # 24 vs 19
    ("text.student_teacher_ratio", "正文!B26", "教学资源表!D2"),  # 16.4:1 vs 16.29:1
    ("text.internet_bandwidth", "正文!B83", "教学资源表!D44"),  # 5000 vs 3100
    ("text.campus_backbone_bandwidth", "正文!B83", "教学资源表!D45"),  # 11000 vs 10010
    ("text.equipment_value_per_student", "正文!B26", "教学资源表!D47"),  # 10497.21 vs 8970.185
    ("text.specialties", "正文!B7", "教学资源表!D7"),  # 32 vs 26
    ("text.specialties", "正文!B17", "教学资源表!D7"),  # 28 vs 26
    ("text.fitness_pass_rate", "正文!B98", "落实政策表!D14"),  # 91.7 vs 0.9048 (90.48)
    ("text.direct_employment", "正文!B19", "服务贡献表!D2"),  # 544 vs 461
    ("text.direct_employment", "正文!B42", "服务贡献表!D2"),
    ("text.direct_employment", "正文!B87", "服务贡献表!D2"),
    ("text.sectors_total", "正文!B87", "人才培养质量计分卡!D8"),  # 528 vs 433
    ("text.secondary_sector", "正文!B87", "人才培养质量计分卡!D10"),  # 201 vs 146
    ("text.tertiary_sector", "正文!B87", "人才培养质量计分卡!D11"),  # 327 vs 287
    # “双师型”教师…占比为23.37% vs 双师素质专任教师比例* 50.745
    ("text.dual_qualified_share", "正文!B23", "教学资源表!D3"),
    # the text against itself: 升学914人中贯通培养1425人 (a part larger than its whole) and
    # 2023's 升学率 52.3% vs 649 / 1245 = 52.13%
    ("text.part_within_whole", "正文!B42", "正文!B42"),
    ("text.further_study_rate_arithmetic", "正文!B91", "正文!B87"),
    # 2023: 直接就业率87.5% vs 580 / 1245 = 46.59%; 对口就业率77.51% vs 523 / 580 = 90.17%;
    # 2024: 对口率84.7% vs 476 / 544 = 87.50%
    ("text.direct_employment_rate_arithmetic", "正文!B87", "正文!B87"),
    ("text.matched_employment_rate_arithmetic", "正文!B87", "正文!B87"),
    # 总收入9448.26万元 vs 8348 + 874.08 + 225.62 (其他收入 closes the list) = 9447.70万元
    ("text.money_total", "正文!B174", "正文!B174"),
    # near misses: 表3's 2023 shares 51.33 / 48.67 vs 51.32 / 48.68 (rounded to add up to 100)
    ("free_tables.share", f"{S3}!E4", f"{S3}!D4"),
    ("free_tables.share", f"{S3}!E5", f"{S3}!D5"),
}


@pytest.fixture(scope="module")
def findings():
    return check_workbook(WORKBOOK)


def keys(findings) -> set[tuple[str, str, str]]:
    return {(p.rule, f"{p.where.sheet}!{p.where.cell}",
             f"{p.related.sheet}!{p.related.cell}" if p.related else "") for p in findings}


def test_the_check_finds_exactly_the_verified_contradictions(findings):
    """Every verified contradiction is found, and nothing else: no finding against a figure
    that is in fact consistent (the 对口率 rule finds two, one for each year)."""
    assert keys(findings) == EXPECTED
    assert len(findings) == len(EXPECTED) + 1


def test_the_new_kinds_of_contradiction(findings):
    """Rates next to their counts, a share against the indicator table, a survey total against
    its weighted parts, money against its exhaustive parts: each with both values."""
    def found(rule: str) -> list[tuple[str | None, str | None]]:
        return [(p.found, p.expected) for p in findings if p.rule == rule]

    assert found("text.direct_employment_rate_arithmetic") == [
        ("直接就业率87.5%", "580 ÷ 1245 × 100 = 46.59%")]
    assert found("text.matched_employment_rate_arithmetic") == [
        ("对口就业率77.51%", "523 ÷ 580 × 100 = 90.172%"), ("对口率84.7%", "476 ÷ 544 × 100 = 87.50%")]
    assert found("text.dual_qualified_share") == [("“双师型”教师79人，占比为23.37%", "50.745%")]
    assert found("satisfaction.graduates_weighted") == [
        ("93.2%", "(94.6% × 843 + 92.5% × 347) ÷ 1190 = 93.99%")]
    assert found("text.money_total") == [
        ("总收入9448.26万元", "8348 + 874.08 + 225.62 = 9447.70万元")]


def test_the_two_contradictions_of_the_issue(findings):
    """毕业生1476人 in the text against 毕业生人数* 1234, and 433 in the scorecard against 528 in
    表3, each with both places and both values."""
    graduates = [p for p in findings if p.rule == "text.graduates"]
    assert all(p.found == "毕业生1476人" and p.expected == "1234人" for p in graduates)
    sectors = next(p for p in findings if p.rule == "sectors.total_scorecard_vs_table")
    assert (sectors.found, sectors.expected) == ("528", "433人")


def test_at_least_ten_distinct_rules_report(findings):
    """The published figures break many different rules, not one rule many times."""
    assert len({p.rule for p in findings}) >= 10


def test_consistent_figures_yield_nothing(findings):
    """表3's 2022 and 2024 shares, 升入本科8人, the satisfaction rates in the text, the 2024
    升学率 (914 / 1476 = 61.9%) and 就业率 (544 ÷ (1476 − 914) = 96.8%), the 顶岗实习 rates (B123),
    the prose's other "其中" parts and the 总支出 whose list is not exhaustive (B176) are
    consistent or not comparable: none of their cells is reported."""
    cells = {f"{p.where.sheet}!{p.where.cell}" for p in findings}
    assert not cells & {f"{S3}!C4", f"{S3}!C5", f"{S3}!G4", f"{S3}!G5", "正文!B111", "正文!B134",
                        "正文!B110", "正文!B123", "正文!B124", "正文!B133", "正文!B176",
                        "正文!B186"}
    assert not [p for p in findings if p.rule == "text.employment_rate_arithmetic"]
    rate = [p for p in findings if p.rule == "text.further_study_rate_arithmetic"]
    assert [p.found for p in rate] == ["升学率52.3%"]


def test_the_published_report_still_builds(findings):
    """No finding on the published figures is an error: the report is produced with warnings."""
    assert not [p for p in findings if p.severity is Severity.ERROR]
