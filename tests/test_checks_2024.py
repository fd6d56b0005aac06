"""The published 2024 report of 璧山区 contradicts itself: the check finds exactly those places.

Each expected finding below was verified by hand against the workbook (the published text
verbatim). Figures that are in fact consistent — 表3's 2022 and 2024 shares, the text's
升入本科8人 and satisfaction rates, the 2024 升学率 against the text's own counts — must yield
nothing. The report still builds: every contradiction is a warning or a note, not an error.
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
    ("teaching_resources.student_teacher_ratio", "教学资源表!D2", "落实政策表!D2"),  # 16.29 vs 5589/295
    # across tables: the scorecard against 表3 for 2024
    ("sectors.total_scorecard_vs_table", f"{S3}!F6", "人才培养质量计分卡!D8"),  # 528 vs 433
    ("sectors.secondary_scorecard_vs_table", f"{S3}!F4", "人才培养质量计分卡!D10"),  # 201 vs 146
    ("sectors.tertiary_scorecard_vs_table", f"{S3}!F5", "人才培养质量计分卡!D11"),  # 327 vs 287
    # the text against the figures
    ("text.graduates", "正文!B19", "人才培养质量计分卡!D2"),  # 1476 vs 1234
    ("text.graduates", "正文!B42", "人才培养质量计分卡!D2"),
    ("text.graduates", "正文!B87", "人才培养质量计分卡!D2"),
    ("text.graduates", "正文!B133", "人才培养质量计分卡!D2"),
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
    # the text against itself: 升学914人中贯通培养1425人 (a part larger than its whole) and
    # 2023's 升学率 52.3% vs 649 / 1245 = 52.13%
    ("text.part_within_whole", "正文!B42", "正文!B42"),
    ("text.further_study_rate_arithmetic", "正文!B91", "正文!B87"),
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
    that is in fact consistent."""
    assert keys(findings) == EXPECTED
    assert len(findings) == len(EXPECTED)


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
    升学率 (914 / 1476 = 61.9%) and the prose's other "其中" parts are consistent: none of
    their cells is reported."""
    cells = {f"{p.where.sheet}!{p.where.cell}" for p in findings}
    assert not cells & {f"{S3}!C4", f"{S3}!C5", f"{S3}!G4", f"{S3}!G5", "正文!B111", "正文!B134",
                        "正文!B110", "正文!B124", "正文!B186"}
    rate = [p for p in findings if p.rule == "text.further_study_rate_arithmetic"]
    assert [p.found for p in rate] == ["升学率52.3%"]


def test_the_published_report_still_builds(findings):
    """No finding on the published figures is an error: the report is produced with warnings."""
    assert not [p for p in findings if p.severity is Severity.ERROR]
