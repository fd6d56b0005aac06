"""The rule catalogue: every check as data (id, Chinese description, kind, the figures it reads).

Adding a rule is adding an entry to :data:`RULES`; each kind has one evaluator
(:mod:`reportgen.checks.evaluate` for figures, :mod:`reportgen.checks.text` for prose).
Figures are named by reference (see :mod:`reportgen.figures`) in the catalog of 2024, which
the rules belong to (:data:`RULE_SETS`); every reference is checked when the rule set loads
(:mod:`reportgen.checks.ruleset`). The catalogue is documented for clerks in
``docs/checks.md``.

Severities: 错误 only for a value that is impossible by itself (a percentage above 100, a
negative count) or a placeholder that names nothing; 警告 for two figures that contradict each
other (one of them is wrong, the clerk decides which); 提示 for near misses (a rounding slip).
The published 2024 report therefore still builds, with its contradictions listed as warnings.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.checks.rule import Kind, Rule
from reportgen.checks.text_rules import TEXT_RULES
from reportgen.errors import Severity


W = Severity.WARNING
E = Severity.ERROR


def _each_level(prefix: str, unit: str = "") -> list[Rule]:
    """Partition and "on the platform" rules of a 国家级/省级/校级 group of the 教学资源表."""
    t = "teaching_resources."
    suffix = f".{unit}" if unit else ""
    rules = [Rule(f"teaching_resources.{prefix}_levels_sum",
                  "国家级、省级、校级数量之和应等于总数", Kind.SUM,
                  (f"{t}{prefix}{suffix}", f"{t}{prefix}_national", f"{t}{prefix}_provincial",
                   f"{t}{prefix}_school"))]
    for level, name in (("national", "国家级"), ("provincial", "省级"), ("school", "校级")):
        rules.append(Rule(f"teaching_resources.{prefix}_{level}_on_platform",
                          f"接入国家智慧教育平台的数量不能超过{name}数量", Kind.NOT_EXCEEDING,
                          (f"{t}{prefix}_{level}", f"{t}{prefix}_{level}_on_platform")))
    return rules


def _parts(rule_id: str, description: str, whole: str, *parts: str) -> Rule:
    return Rule(rule_id, description, Kind.NOT_EXCEEDING, (whole, *parts))


RULES: tuple[Rule, ...] = (  # the rules of the 2024 catalog
    # -- 1. inside one table --
    Rule("figures.percent_range", "百分比应在 0 到 100 之间", Kind.RANGE, ("*.*.%",),
         severity=E, low=Decimal(0), high=Decimal(100)),
    Rule("figures.non_negative", "数值不能为负数", Kind.RANGE, ("*.*",), severity=E,
         low=Decimal(0)),
    Rule("figures.likely_fraction", "百分比行中的 0.9048 之类的数值可能是小数而不是百分数",
         Kind.FRACTION, ("*.*.%",)),
    Rule("satisfaction.survey_base", "调查人次为 0 时满意度应留空", Kind.SURVEY_BASE,
         ("satisfaction.*@survey_count",)),
    Rule("satisfaction.graduates_weighted",
         "毕业生满意度应等于应届毕业生与毕业三年内毕业生满意度按调查人次的加权平均",
         Kind.WEIGHTED_MEAN, ("satisfaction.graduates", "satisfaction.new_graduates",
                              "satisfaction.graduates_within_three_years"),
         weight="survey_count"),
    _parts("scorecard.placed_within_graduates", "毕业去向落实人数不能超过毕业生人数",
           "scorecard.graduates", "scorecard.placed"),
    _parts("scorecard.further_study_within_placed", "升学人数不能超过毕业去向落实人数",
           "scorecard.placed", "scorecard.further_study"),
    _parts("scorecard.undergraduate_within_further_study", "升入本科人数不能超过升学人数",
           "scorecard.further_study", "scorecard.to_undergraduate"),
    Rule("scorecard.sectors_sum", "面向第一、二、三产业的人数之和应等于毕业生面向三次产业就业人数",
         Kind.SUM, ("scorecard.employed_by_sector", "scorecard.primary_sector",
                    "scorecard.secondary_sector", "scorecard.tertiary_sector")),
    _parts("teaching_resources.senior_dual_within_dual", "高级“双师型”教师比例不能超过双师素质专任教师比例",
           "teaching_resources.dual_qualified_teacher_ratio",
           "teaching_resources.senior_dual_qualified_teacher_ratio"),
    *(_parts(f"teaching_resources.course_parts_{unit}", f"各类课程数（{unit}）不能超过教学计划内课程总数",
             f"teaching_resources.planned_courses.{unit}",
             f"teaching_resources.course_certificate_courses.{unit}",
             f"teaching_resources.online_teaching_courses.{unit}",
             f"teaching_resources.school_enterprise_courses.{unit}") for unit in ("门", "学时")),
    *_each_level("resource_libraries"),
    *_each_level("quality_online_courses", "门"),
    *_each_level("virtual_training_bases"),
    _parts("teaching_resources.textbook_parts", "各类教材数量不能超过编写教材数",
           "teaching_resources.textbooks", "teaching_resources.textbooks_national_planned",
           "teaching_resources.textbooks_school_enterprise", "teaching_resources.textbooks_new_form",
           "teaching_resources.textbooks_on_platform"),
    _parts("service_contribution.employment_categories", "A、B、C、D 各类就业人数不能超过毕业生初次就业人数",
           "service_contribution.first_employment", "service_contribution.employed_locally",
           "service_contribution.employed_west_northeast",
           "service_contribution.employed_grassroots_smes",
           "service_contribution.employed_large_enterprises"),
    _parts("service_contribution.patents_within_ip", "专利授权数量不能超过知识产权项目数",
           "service_contribution.ip_projects", "service_contribution.patents_granted"),
    _parts("service_contribution.inventions_within_patents", "发明专利授权数量不能超过专利授权数量",
           "service_contribution.patents_granted", "service_contribution.invention_patents_granted"),
    Rule("international.adopted_sum", "标准、资源、装备数量之和应等于被国外采用的总数", Kind.SUM,
         ("international_influence.adopted_abroad", "international_influence.standards",
          "international_influence.resources", "international_influence.equipment")),
    Rule("international.standards_sum", "专业标准与课程标准数量之和应等于标准数量", Kind.SUM,
         ("international_influence.standards", "international_influence.specialty_standards",
          "international_influence.course_standards")),
    _parts("policy.teachers_within_staff", "专任教师、辅导员、班主任人数不能超过教职工总数",
           "policy_implementation.staff_total", "policy_implementation.full_time_teachers",
           "policy_implementation.counselors", "policy_implementation.head_teachers"),
    _parts("policy.subject_teachers_within_teachers", "思政课、体育课、美育课教师数不能超过专任教师总数",
           "policy_implementation.full_time_teachers",
           "policy_implementation.ideological_political_teachers",
           "policy_implementation.pe_teachers", "policy_implementation.arts_teachers"),
    _parts("policy.fitness_participants_within_students", "参加体质健康测试人数不能超过全日制在校生人数",
           "policy_implementation.full_time_students",
           "policy_implementation.fitness_test_participants"),
    _parts("policy.craftsmen_within_mentors", "聘请大国工匠、劳动模范人数不能超过聘请行业导师人数",
           "policy_implementation.industry_mentors", "policy_implementation.master_craftsmen_mentors"),
    _parts("policy.insurance_within_internship", "年实习责任保险经费不能超过年实习专项经费",
           "policy_implementation.internship_funding",
           "policy_implementation.internship_insurance_funding"),
    Rule("teaching_resources.student_teacher_ratio", "生师比应等于全日制在校生人数除以专任教师总数",
         Kind.RATIO, ("teaching_resources.student_teacher_ratio",
                      "policy_implementation.full_time_students",
                      "policy_implementation.full_time_teachers")),
    Rule("free_tables.total", "表格各行之和应等于“合计”行", Kind.FREE_SUM, ("表-*",)),
    Rule("free_tables.subtotal", "“小计”应等于它所属一组各行（各列）之和，“合计”列应等于各列之和",
         Kind.FREE_SUBTOTAL, ("表-*",)),
    Rule("free_tables.share", "“占比”应等于该行人数除以“合计”", Kind.FREE_SHARE, ("表-*",),
         factor=Decimal(100)),
    # -- 2. across tables --
    *(Rule(f"sectors.{key}_scorecard_vs_table", f"计分卡与三次产业表中本年度{name}人数应一致",
           Kind.SAME, (f"scorecard.{figure}", f"表-毕业生服务三次产业情况!{label}@{{year}}"))
      for key, name, figure, label in (
          ("total", "三次产业就业", "employed_by_sector", "合计"),
          ("primary", "面向第一产业", "primary_sector", "面向第一产业"),
          ("secondary", "面向第二产业", "secondary_sector", "面向第二产业"),
          ("tertiary", "面向第三产业", "tertiary_sector", "面向第三产业"))),
    *TEXT_RULES,
)
"""Every rule, in the order findings are listed."""

BY_ID = {rule.id: rule for rule in RULES}
"""The 2024 rules by id."""

RULE_SETS: dict[int, tuple[Rule, ...]] = {2024: RULES}
"""Each rule set by the catalog year it was written for; a later catalog without a set of
its own is checked with the latest earlier set, validated against it when it loads
(:mod:`reportgen.checks.ruleset`)."""
