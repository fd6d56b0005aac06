"""A rule set is validated against its catalog when it loads: a misspelt id fails there,
naming it, instead of silently finding nothing when the rules run."""

from __future__ import annotations

from datetime import date
from importlib import resources

import attrs
import pytest

from reportgen.catalog import load_catalog, parse_catalog, years
from reportgen.checks import RULES, RuleSetError, check_report, load_rules, rules_for
from reportgen.checks.rules import BY_ID, RULE_SETS, Kind, Rule
from reportgen.model import Meta, Report, Text

CATALOG_2024 = load_catalog(2024)


def misspelt(rule_id: str, index: int, ref: str) -> tuple[Rule, ...]:
    """The 2024 rules with one operand of one rule replaced by ``ref``."""
    rule = BY_ID[rule_id]
    operands = rule.operands[:index] + (ref,) + rule.operands[index + 1:]
    return tuple(attrs.evolve(r, operands=operands) if r is rule else r for r in RULES)


def test_every_catalog_has_a_rule_set_that_validates_against_it():
    """The 2024 rules load against the 2024 catalog; every catalog year is served."""
    assert set(RULE_SETS) <= set(years())
    for year in years():
        rule_set = rules_for(load_catalog(year))
        assert rule_set.catalog is load_catalog(year) and rule_set.rules
    assert rules_for(CATALOG_2024).rules == RULES


@pytest.mark.parametrize(("rule_id", "index", "ref", "message"), [
    ("scorecard.sectors_sum", 2, "scorecard.secondary_sectr",
     "rule scorecard.sectors_sum: unknown indicator scorecard.secondary_sectr"),
    ("teaching_resources.course_parts_学时", 0, "teaching_resources.planned_courses.小时",
     "unknown indicator teaching_resources.planned_courses.小时"),
    ("teaching_resources.student_teacher_ratio", 1, "policy.full_time_students",
     "unknown indicator policy.full_time_students"),
    ("text.further_study_rate", 0, "=毕业升学率", "unknown derived figure =毕业升学率"),
    ("figures.percent_range", 0, "*.*.％", "pattern *.*.％ matches no indicator"),
    ("satisfaction.survey_base", 0, "satisfaction.*@surveyed",
     "column 'surveyed' is not a figure column of satisfaction"),
    ("satisfaction.survey_base", 0, "satisfactions.*@survey_count",
     "pattern satisfactions.* matches no indicator"),
    ("text.further_study_rate_arithmetic", 1, "text.further_studies / text.graduates",
     "names unknown text rule(s) text.further_studies"),
    ("text.employment_rate_arithmetic", 2, "text.direct_employment + text.further_study",
     "a definition is one division"),
    ("sectors.total_scorecard_vs_table", 1, "表-毕业生服务三次产业情况!合计",
     "free-table cell 表-毕业生服务三次产业情况!合计 lacks its row or column"),
])
def test_a_misspelt_operand_fails_at_load_naming_it(rule_id, index, ref, message):
    """Each kind of operand — an indicator, one unit of it, a derived figure, a pattern, a
    row's own column, a text rule, a free-table cell — is checked when the set loads."""
    with pytest.raises(RuleSetError) as caught:
        load_rules(CATALOG_2024, misspelt(rule_id, index, ref))
    assert message in str(caught.value)
    assert str(caught.value).startswith("rule set for the catalog of 2024: ")


def test_every_fault_is_named_at_once():
    """Two misspelt rules and a duplicate id: one error naming all three."""
    rules = misspelt("scorecard.sectors_sum", 1, "scorecard.primary")
    rules = tuple(attrs.evolve(r, operands=("scorecard.graduatez", "scorecard.placed"))
                  if r.id == "scorecard.placed_within_graduates" else r for r in rules)
    with pytest.raises(RuleSetError) as caught:
        load_rules(CATALOG_2024, rules + (RULES[0],))
    text = str(caught.value)
    assert "scorecard.primary" in text and "scorecard.graduatez" in text
    assert f"duplicate rule id {RULES[0].id}" in text


def test_check_report_validates_the_rules_it_is_given_before_running_them():
    """A rule list handed to check_report fails at load, not by finding nothing."""
    meta = Meta(Text("测试区"), Text("2023-2024学年度"), 2024, Text("标题"), Text("发布"),
                date(2024, 12, 30))
    report = Report(meta, (), ())
    bad = (Rule("x.sum", "测试", Kind.SUM, ("scorecard.graduates", "scorecard.placd")),)
    with pytest.raises(RuleSetError, match="rule x.sum: unknown indicator scorecard.placd"):
        check_report(report, bad)
    assert check_report(report) == []


def test_a_later_catalog_is_checked_with_the_earlier_rules_validated_against_it():
    """A catalog of 2030 without a rule set of its own is served by the 2024 rules, which
    must name only indicators the 2030 catalog has: one that it dropped is named."""
    shipped = resources.files("reportgen.catalog").joinpath("2024.toml")
    text = (shipped.read_text(encoding="utf-8")
            .replace('year = 2024', 'year = 2030')
            .replace('id = "counselors"', 'id = "student_counselors"'))
    catalog_2030 = parse_catalog(text, year=2030)
    with pytest.raises(RuleSetError) as caught:
        rules_for(catalog_2030)
    assert "rule set for the catalog of 2030" in str(caught.value)
    assert "unknown indicator policy_implementation.counselors" in str(caught.value)

