"""Every rule of the catalogue, one failing and one passing case each.

The passing case of every rule is the consistent workbook (:mod:`check_workbooks`), which
yields no finding at all; the failing case breaks one figure (or one sentence of the prose)
and expects that rule to report it, located in both places it involves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

import pytest
from openpyxl import Workbook

from check_workbooks import SECTORS_SHEET, SUBTOTALS_SHEET, build_consistent, set_figure, set_prose
from reportgen.checks import RULES
from reportgen.checks.rules import Kind
from reportgen.errors import Severity
from reportgen.pipeline import check_workbook


def figure(ref: str, value: object, column: str = "数值") -> Callable[[Workbook], object]:
    return lambda wb: set_figure(wb, ref, value, column)


def prose(text: str) -> Callable[[Workbook], object]:
    return lambda wb: set_prose(wb, text)


def sectors_cell(coordinate: str, value: object,
                 sheet: str = SECTORS_SHEET) -> Callable[[Workbook], object]:
    def tweak(wb: Workbook) -> None:
        wb[sheet][coordinate] = value
    return tweak


T = "teaching_resources."
BREAKS: dict[str, Callable[[Workbook], object]] = {
    "figures.percent_range": figure("scorecard.in_province_placement_rate", 101),
    "figures.non_negative": figure("scorecard.monthly_income", -1),
    "figures.likely_fraction": figure("policy_implementation.fitness_pass_rate", 0.925),
    "satisfaction.survey_base": figure("satisfaction.staff", 0, "调查人次"),
    "satisfaction.graduates_weighted": figure("satisfaction.new_graduates", 99),
    "scorecard.placed_within_graduates": figure("scorecard.placed", 101),
    "scorecard.further_study_within_placed": figure("scorecard.further_study", 99),
    "scorecard.undergraduate_within_further_study": figure("scorecard.to_undergraduate", 61),
    "scorecard.sectors_sum": figure("scorecard.employed_by_sector", 35),
    "teaching_resources.senior_dual_within_dual":
        figure(T + "senior_dual_qualified_teacher_ratio", 60),
    "teaching_resources.course_parts_门": figure(T + "online_teaching_courses.门", 101),
    "teaching_resources.course_parts_学时": figure(T + "online_teaching_courses.学时", 10001),
    "teaching_resources.textbook_parts": figure(T + "textbooks_new_form", 3),
    "service_contribution.employment_categories": figure("service_contribution.employed_locally", 31),
    "service_contribution.patents_within_ip": figure("service_contribution.patents_granted", 4),
    "service_contribution.inventions_within_patents":
        figure("service_contribution.invention_patents_granted", 3),
    "international.adopted_sum": figure("international_influence.resources", 1),
    "international.standards_sum": figure("international_influence.course_standards", 1),
    "policy.teachers_within_staff": figure("policy_implementation.head_teachers", 61),
    "policy.subject_teachers_within_teachers": figure("policy_implementation.pe_teachers", 41),
    "policy.fitness_participants_within_students":
        figure("policy_implementation.fitness_test_participants", 501),
    "policy.craftsmen_within_mentors": figure("policy_implementation.master_craftsmen_mentors", 6),
    "policy.insurance_within_internship":
        figure("policy_implementation.internship_insurance_funding", 3),
    "teaching_resources.student_teacher_ratio": figure(T + "student_teacher_ratio", 16.29),
    "free_tables.total": sectors_cell("B6", 26),
    "free_tables.share": sectors_cell("C4", 41.5),
    "free_tables.subtotal": sectors_cell("C4", 91, SUBTOTALS_SHEET),
    "sectors.total_scorecard_vs_table": sectors_cell("D6", 37),
    "sectors.primary_scorecard_vs_table": sectors_cell("D3", 1),
    "sectors.secondary_scorecard_vs_table": sectors_cell("D4", 17),
    "sectors.tertiary_scorecard_vs_table": sectors_cell("D5", 19),
    "text.graduates": prose("2024年毕业生1476人。"),
    "text.further_study": prose("毕业生100人，其中升学914人。"),
    "text.to_undergraduate": prose("升入本科8人。"),
    "text.further_study_rate": prose("毕业生100人，升学60人，升学率61.9%。"),
    "text.students": prose("全区有学生6304人。"),
    "text.full_time_teachers": prose("专任教师338人。"),
    "text.staff": prose("教职工总人数490人。"),
    "text.industry_mentors": prose("行业导师24人。"),
    "text.student_teacher_ratio": prose("师生比16.4:1。"),
    "text.internet_bandwidth": prose("互联网出口带宽5000Mbps。"),
    "text.campus_backbone_bandwidth": prose("校园网主干最大带宽11000 Mbps。"),
    "text.equipment_value_per_student": prose("生均仪器设备值10497.21元。"),
    "text.specialties": prose("开设12大类32个专业。"),
    "text.fitness_pass_rate": prose("体质健康合格率91.7%。"),
    "text.direct_employment": prose("直接就业544人。"),
    "text.sectors_total": prose("毕业生服务三次产业总人数为528人。"),
    "text.primary_sector": prose("面向第一产业3人。"),
    "text.secondary_sector": prose("面向第二产业201人。"),
    "text.tertiary_sector": prose("面向第三产业327人。"),
    "text.graduate_satisfaction": prose("毕业生对学校满意度93.2%。"),
    "text.employer_satisfaction": prose("用人单位满意度96.8%。"),
    "text.parent_satisfaction": prose("家长满意度89.79%。"),
    "text.invention_patents": prose("发明专利授权数量3个。"),
    "text.dual_qualified_share": prose("“双师型”教师20人，占比为23.37%。"),
    "text.senior_dual_qualified_share": prose("高级“双师型”教师占比9.5%。"),
    "text.part_within_whole": prose("2024年毕业生100人，升学60人中贯通培养70人。"),
    "text.further_study_rate_arithmetic":
        prose("2023年毕业生90人，升学50人，升学率50.0%；2024年毕业生100人，升学60人。"),
    "text.direct_employment_rate_arithmetic":
        prose("2023年毕业生1245人，直接就业580人，直接就业率87.5%。"),
    "text.employment_rate_arithmetic": prose("毕业生100人，升学60人，直接就业30人，就业率96.8%。"),
    "text.matched_employment_rate_arithmetic":
        prose("直接就业30人；专业对口就业24人，对口就业率77.51%。"),
    "text.internship_match_rate_arithmetic":
        prose("顶岗实习学生总数978人，顶岗实习对口学生数632人，顶岗实习对口率达84.6%。"),
    "text.internship_hire_rate_arithmetic":
        prose("顶岗实习学生总数978人，企业录用顶岗实习学生数700人，企业录用率达81.6%。"),
    "text.money_total": prose("2024年总收入9448.26万元。其中财政经常性补助收入合计8348万元、"
                              "学费收入874.08万元、其他收入总额225.62万元。"),
}
"""How to break each rule, by id; each level group of the 教学资源表 is added below."""
for group, unit in (("resource_libraries", ""), ("quality_online_courses", "门"),
                    ("virtual_training_bases", "")):
    BREAKS[f"{T}{group}_levels_sum"] = figure(T + group + (f".{unit}" if unit else ""), 4)
    for level in ("national", "provincial", "school"):
        BREAKS[f"{T}{group}_{level}_on_platform"] = figure(f"{T}{group}_{level}_on_platform", 2)


def test_every_rule_has_a_failing_case():
    """The table of failing cases covers the whole catalogue (but the terms only rates read,
    which report nothing themselves), and nothing else."""
    assert set(BREAKS) == {rule.id for rule in RULES if rule.kind is not Kind.TEXT_TERM}


def test_every_term_is_read_by_a_rate():
    """A term no table holds is read only for a rate's definition: each one is used."""
    used = " ".join(" ".join(r.operands) for r in RULES if r.kind is Kind.TEXT_RATE)
    assert [r.id for r in RULES if r.kind is Kind.TEXT_TERM and r.id not in used] == []


def test_every_rule_has_a_chinese_description_and_known_operands():
    """A rule is documented for the clerk: a Chinese description; text rules have patterns."""
    for rule in RULES:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.description), rule.id
        if rule.kind is Kind.TEXT:
            assert rule.patterns and all("{n}" in p for p in rule.patterns), rule.id


def test_the_consistent_workbook_passes_every_rule(tmp_path):
    """Passing case of every rule: figures and prose that agree yield no finding at all."""
    assert check_workbook(build_consistent(tmp_path)) == []


@pytest.mark.parametrize("rule_id", sorted(BREAKS))
def test_each_rule_reports_its_broken_figure(tmp_path, rule_id):
    """Failing case: one broken figure or sentence is reported by its rule, located."""
    found = [p for p in check_workbook(build_consistent(tmp_path, BREAKS[rule_id]))
             if p.rule == rule_id]
    assert found, f"{rule_id} found nothing"
    assert all(p.where is not None and p.where.cell for p in found)
    assert all(p.found for p in found)


@pytest.mark.parametrize("rule_id", [r.id for r in RULES if r.kind not in (
    Kind.RANGE, Kind.FRACTION, Kind.TEXT_TERM)])
def test_a_finding_of_two_figures_names_both_places_and_both_values(tmp_path, rule_id):
    """Contradictions carry the second place and its value (the computation for a ratio)."""
    for p in check_workbook(build_consistent(tmp_path, BREAKS[rule_id])):
        if p.rule == rule_id:
            assert p.related is not None and p.related.cell and p.expected, str(p)


def test_contradictions_are_warnings_and_impossible_values_errors(tmp_path):
    """A value impossible by itself is an error (it stops the build); a contradiction between
    two figures is a warning (the report is still produced)."""
    impossible = check_workbook(build_consistent(tmp_path, BREAKS["figures.percent_range"]))
    assert {p.severity for p in impossible if p.rule == "figures.percent_range"} == {Severity.ERROR}
    contradiction = check_workbook(build_consistent(tmp_path, BREAKS["scorecard.sectors_sum"]))
    assert {p.severity for p in contradiction if p.rule == "scorecard.sectors_sum"} == {
        Severity.WARNING}


def test_a_share_rounded_the_wrong_way_is_only_a_note(tmp_path):
    """44.45 for 16 of 36 (44.444…) is off by less than one unit of its last digit: a note."""
    found = check_workbook(build_consistent(tmp_path, sectors_cell("E4", 44.45)))
    assert [(p.rule, p.severity) for p in found] == [("free_tables.share", Severity.INFO)]
    assert found[0].where is not None and found[0].where.cell == "E4"
    assert found[0].related is not None and found[0].related.cell == "D4"


def test_a_percentage_typed_as_a_fraction_is_not_also_a_text_contradiction(tmp_path):
    """0.925 in the % row and 92.5% in the prose: one finding (the fraction), not two."""
    found = check_workbook(build_consistent(tmp_path, BREAKS["figures.likely_fraction"]))
    assert [p.rule for p in found] == ["figures.likely_fraction"]
    assert "92.5%" in found[0].message


def test_a_small_percentage_is_not_a_fraction(tmp_path):
    """0.2% (自主创业率) is a legal small percentage: only three decimals or more look like a
    fraction."""
    found = check_workbook(build_consistent(tmp_path, figure("scorecard.entrepreneurship_rate",
                                                             Decimal("0.5"))))
    assert found == []


def test_the_rule_catalogue_is_documented():
    """docs/checks.md lists every rule by its id."""
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    assert [r.id for r in RULES if f"`{r.id}`" not in doc] == []


def test_a_survey_total_is_weighted_by_who_was_asked(tmp_path):
    """毕业生满意度 is the mean of 应届 and 毕业三年内 weighted by their 调查人次 (99 × 30 + 95 × 10
    over 40 = 98): it agrees; when the parts' 调查人次 do not add up to the total's, they are
    not the whole that was asked and nothing is compared."""
    def weighted(total: object, asked: int) -> Callable[[Workbook], None]:
        def tweak(wb: Workbook) -> None:
            set_figure(wb, "satisfaction.graduates", total)
            set_figure(wb, "satisfaction.graduates", asked, "调查人次")
            set_figure(wb, "satisfaction.new_graduates", 99)
            set_figure(wb, "satisfaction.new_graduates", 30, "调查人次")
            set_prose(wb, "毕业生满意度" + str(total) + "%。")
        return tweak

    rule = "satisfaction.graduates_weighted"
    assert [p for p in check_workbook(build_consistent(tmp_path, weighted(98, 40)))] == []
    assert [p.rule for p in check_workbook(build_consistent(tmp_path, weighted(95, 40)))] == [rule]
    assert [p for p in check_workbook(build_consistent(tmp_path, weighted(95, 45)))] == []


def test_a_ratio_finding_shows_the_division_with_the_rules_factor(tmp_path):
    """A ratio rule stated as a percentage (factor 100) shows the clerk the arithmetic it did,
    ``a ÷ b × 100 = c``, not a division whose result does not follow from its terms; a rule
    without a factor shows none."""
    from reportgen.checks.evaluate import EVALUATORS
    from reportgen.checks.rule import Rule
    from reportgen.figures import Figures
    from reportgen.xlsx import load

    figures = Figures(load(build_consistent(tmp_path)))
    operands = ("teaching_resources.student_teacher_ratio",
                "policy_implementation.full_time_students",
                "policy_implementation.full_time_teachers")
    students = figures.get(operands[1])
    teachers = figures.get(operands[2])
    assert students is not None and teachers is not None
    percent = Rule("test.ratio_percent", "测试", Kind.RATIO, operands, factor=Decimal(100))
    [finding] = EVALUATORS[Kind.RATIO](percent, figures)
    assert finding.expected is not None
    assert finding.expected.startswith(f"{students.shown} ÷ {teachers.shown} × 100 = ")
    halved = build_consistent(tmp_path, figure(operands[0], 1), name="halved.xlsx")
    plain = Rule("test.ratio", "测试", Kind.RATIO, operands)
    [finding] = EVALUATORS[Kind.RATIO](plain, Figures(load(halved)))
    assert finding.expected is not None
    assert "×" not in finding.expected


def test_a_share_is_checked_against_a_total_row_written_as_in_the_sum_check(tmp_path):
    """The 占比 check finds the table's total row as the sum check does: 总计 or 合 计 (spaces
    aside) is the total row too, so a wrong share is reported whatever the row is called."""
    for label in ("总计", "合　计"):
        def tweak(wb: Workbook, label: str = label) -> None:
            wb[SECTORS_SHEET]["A6"] = label
            wb[SECTORS_SHEET]["C4"] = 41.5
        found = check_workbook(build_consistent(tmp_path, tweak))
        assert [(p.rule, p.where.cell if p.where else None) for p in found
                if p.rule == "free_tables.share"] == [("free_tables.share", "C4")], label
