"""The prose rules as data: terms the text writes numbers after, and the rates defined on them.

- ``_text``: a term whose number a table holds too (毕业生…人 against 毕业生人数*);
- ``_term``: a term no table holds (专业对口就业…人), read only so that rates can use it;
- ``_rate``: a rate the text writes and its accepted definitions over other terms of the same
  year, or figures of the tables (直接就业率 = 直接就业 ÷ 毕业生). A rate is a contradiction only
  when every definition can be computed and none fits: 就业率 has three in use, any will do.

A pattern is a regular expression in which ``{n}`` stands for the number; the words before the
match must be neutral, and the clause must be about the district (see
:mod:`reportgen.checks.scope`).
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.checks.rule import Kind, Rule
from reportgen.numbers import PERCENT_UNIT

P = "{n}"  # the number in a text pattern
_COUNT = r"(?:人数|总人数|总数)?(?:为|共|达|有)?"
_IS = r"(?:为|达|达到|是)?"
_SHARE = r"(?:\d+人)?[，,]?(?:占比|比例|占专任教师(?:总数)?的?(?:比例|比重)?)" + _IS
_QUOTE_OPEN, _QUOTE_CLOSE = "[“\"]?", "[”\"]?"


def _text(rule_id: str, term: str, figure: str, *patterns: str) -> Rule:
    return Rule(f"text.{rule_id}", f"正文中“{term}”的数字应与表中数值一致", Kind.TEXT,
                (figure,), patterns=patterns)


def _term(rule_id: str, term: str, unit: str, *patterns: str) -> Rule:
    return Rule(f"text.{rule_id}", f"正文中“{term}”的数字（只用于计算正文中的比率）",
                Kind.TEXT_TERM, patterns=patterns, unit=unit)


def _rate(rule_id: str, description: str, rate: str, *definitions: str) -> Rule:
    return Rule(f"text.{rule_id}", description, Kind.TEXT_RATE, (rate, *definitions),
                factor=Decimal(100))


TEXT_RULES: tuple[Rule, ...] = (
    # -- the text against the tables --
    _text("graduates", "毕业生…人", "scorecard.graduates", f"毕业生{_COUNT}{P}人"),
    _text("further_study", "升学…人", "scorecard.further_study", f"升学{_COUNT}{P}人",
          rf"升入(?:高一级学校|高等(?:教育|院校|学校)|高校)[^，。；\d专本]{{0,16}}?{P}人"),
    _text("to_undergraduate", "升入本科…人", "scorecard.to_undergraduate",
          f"升入本科(?:院校)?{_COUNT}{P}人"),
    _text("further_study_rate", "升学率…%", "=毕业生升学率", f"升学率{_IS}{P}%"),
    _text("students", "在校生…人", "policy_implementation.full_time_students",
          f"(?:全日制)?在校(?:学)?生{_COUNT}{P}人", f"学生{_COUNT}{P}人"),
    _text("full_time_teachers", "专任教师…人", "policy_implementation.full_time_teachers",
          f"专任教师{_COUNT}{P}人"),
    _text("staff", "教职工…人", "policy_implementation.staff_total", f"教职(?:员)?工{_COUNT}{P}人"),
    _text("industry_mentors", "行业导师…人", "policy_implementation.industry_mentors",
          f"行业导师{_COUNT}{P}人"),
    _text("student_teacher_ratio", "生师比…:1", "teaching_resources.student_teacher_ratio",
          f"[生师]{{2}}比{_IS}{P}\\s*[:：]\\s*1"),
    _text("internet_bandwidth", "互联网出口带宽…Mbps", "teaching_resources.internet_bandwidth",
          f"互联网出口带宽{_IS}{P}\\s*M"),
    _text("campus_backbone_bandwidth", "校园网主干最大带宽…Mbps",
          "teaching_resources.campus_backbone_bandwidth", f"校园网主干(?:最大)?带宽{_IS}{P}\\s*M"),
    _text("equipment_value_per_student", "生均仪器设备值…元",
          "teaching_resources.equipment_value_per_student", f"生均(?:教学科研)?仪器设备值{_IS}{P}元"),
    _text("specialties", "…大类…个专业", "teaching_resources.specialties",
          f"\\d+个?(?:专业)?大类(?:共)?{P}个专业"),
    _text("fitness_pass_rate", "体质健康合格率…%", "policy_implementation.fitness_pass_rate",
          f"体质(?:健康|测评)?(?:测试)?合格率{_IS}{P}%"),
    _text("direct_employment", "直接就业…人", "service_contribution.first_employment",
          f"直接就业{_COUNT}{P}人"),
    _text("sectors_total", "三次产业…人", "scorecard.employed_by_sector",
          f"(?:毕业生)?(?:服务|面向)?三次产业(?:就业)?{_COUNT}{P}人"),
    _text("primary_sector", "面向第一产业…人", "scorecard.primary_sector", f"面向第一产业{P}人"),
    _text("secondary_sector", "面向第二产业…人", "scorecard.secondary_sector", f"面向第二产业{P}人"),
    _text("tertiary_sector", "面向第三产业…人", "scorecard.tertiary_sector", f"面向第三产业{P}人"),
    _text("graduate_satisfaction", "毕业生满意度…%", "satisfaction.graduates",
          f"毕业生(?:对学校)?满意度{_IS}{P}%"),
    _text("employer_satisfaction", "用人单位满意度…%", "satisfaction.employers",
          f"用人单位满意度{_IS}{P}%"),
    _text("parent_satisfaction", "家长满意度…%", "satisfaction.parents", f"家长满意度{_IS}{P}%"),
    _text("invention_patents", "发明专利授权…项", "service_contribution.invention_patents_granted",
          f"发明专利授权(?:数量)?{P}[个项]"),
    _text("dual_qualified_share", "双师型教师…占比…%",
          "teaching_resources.dual_qualified_teacher_ratio",
          f"{_QUOTE_OPEN}双师(?:型|素质){_QUOTE_CLOSE}(?:专任)?教师{_SHARE}{P}%"),
    _text("senior_dual_qualified_share", "高级双师型教师…占比…%",
          "teaching_resources.senior_dual_qualified_teacher_ratio",
          f"高级{_QUOTE_OPEN}双师型?{_QUOTE_CLOSE}(?:专任)?教师{_SHARE}{P}%"),
    # -- numbers only the text holds, for its own rates --
    _term("matched_employment", "专业对口就业…人", "", f"(?:专业)?对口就业{_COUNT}{P}人"),
    _term("direct_employment_rate", "直接就业率…%", PERCENT_UNIT, f"直接就业率{_IS}{P}%"),
    _term("employment_rate", "就业率…%", PERCENT_UNIT, f"就业率{_IS}{P}%"),
    _term("matched_employment_rate", "对口就业率…%", PERCENT_UNIT,
          f"(?:专业)?对口(?:就业)?率{_IS}{P}%"),
    _term("internship_students", "顶岗实习学生总数…人", "",
          f"顶岗实习学生(?:总数|人数|数)?{_IS}{P}人"),
    _term("internship_matched", "顶岗实习对口学生数…人", "",
          f"顶岗实习对口学生(?:总数|人数|数)?{_IS}{P}人"),
    _term("internship_hired", "企业录用顶岗实习学生数…人", "",
          f"企业录用顶岗实习学生(?:总数|人数|数)?{_IS}{P}人"),
    _term("internship_match_rate", "顶岗实习对口率…%", PERCENT_UNIT, f"顶岗实习对口率{_IS}{P}%"),
    _term("internship_hire_rate", "企业录用率…%", PERCENT_UNIT, f"企业录用率{_IS}{P}%"),
    # -- the text against itself --
    Rule("text.part_within_whole", "正文中“其中”的部分不能超过它所属的总数", Kind.TEXT_PART,
         patterns=(r"{whole}(?P<unit>[人项个])(?:中|[，,]其中)[^，,。；\d]{0,12}?{part}(?P=unit)",)),
    _rate("further_study_rate_arithmetic", "正文中的升学率应等于同一年的升学人数除以毕业生人数",
          "text.further_study_rate", "text.further_study / text.graduates"),
    _rate("direct_employment_rate_arithmetic",
          "正文中的直接就业率应等于同一年的直接就业人数除以毕业生人数",
          "text.direct_employment_rate", "text.direct_employment / text.graduates"),
    _rate("employment_rate_arithmetic",
          "正文中的就业率应等于同一年的直接就业人数除以（毕业生人数 − 升学人数），"
          "或（直接就业人数 + 升学人数）除以毕业生人数，或计分卡的毕业去向落实率",
          "text.employment_rate", "text.direct_employment / (text.graduates - text.further_study)",
          "(text.direct_employment + text.further_study) / text.graduates",
          "scorecard.placed / scorecard.graduates"),
    _rate("matched_employment_rate_arithmetic",
          "正文中的对口就业率应等于同一年的专业对口就业人数除以直接就业人数",
          "text.matched_employment_rate", "text.matched_employment / text.direct_employment"),
    _rate("internship_match_rate_arithmetic",
          "正文中的顶岗实习对口率应等于顶岗实习对口学生数除以顶岗实习学生总数",
          "text.internship_match_rate", "text.internship_matched / text.internship_students"),
    _rate("internship_hire_rate_arithmetic",
          "正文中的企业录用率应等于企业录用顶岗实习学生数除以顶岗实习学生总数",
          "text.internship_hire_rate", "text.internship_hired / text.internship_students"),
    Rule("text.money_total", "正文中列全的各项金额（最后一项是“其他…”）之和应等于前面写的总额",
         Kind.TEXT_TOTAL),
)
"""The prose rules, in the order their findings are listed."""
