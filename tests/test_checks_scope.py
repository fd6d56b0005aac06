"""Whom a number in the prose speaks of: the district, or a part, a school, another year.

The check compares a number of the prose with the tables only when it is sure the sentence
speaks of the district's whole quantity of the report's year; it stays silent otherwise.
A consistent report full of sentences about parts, single schools and other years yields no
warning at all, and the same report with one district figure wrong yields exactly that one.
"""

from __future__ import annotations

from openpyxl import Workbook

from check_workbooks import build_consistent, set_figure, set_prose
from reportgen.checks.scope import Scope, first_count, whole_before
from reportgen.pipeline import check_workbook

DISTRICT = ("2024年全区中职学校毕业生1580人，其中升学1004人，直接就业496人，升学率63.5%；"
            "升入本科21人。")
"""What the district's tables say, said once in the prose."""

OTHERS = (
    "订单班毕业生46人，全部被合作企业录用。",
    "升学1004人，其中升入高职专科983人，升入本科21人。",
    "重庆市某某职业学校毕业生320人，直接就业率95.0%。",
    "测试职教中心有在校生2100人、专任教师120人、教职工150人。",
    "某某学校毕业生320人。",
    "该校专任教师80人，行业导师12人。",
    "2023年毕业生1500人，升学950人，升学率63.3%。",
    "2022-2023学年毕业生1450人。",
    "上年毕业生1500人。",
    "贯通培养形式的在校生人数1425人。",
    "招收初中毕业生1600人。",
    "订单班学生200人，其中毕业生46人，直接就业45人。",
    "2024年订单班毕业生46人，直接就业45人，直接就业率97.8%。",
    "女毕业生700人，直接就业200人。",
    "其中，汽修专业毕业生300人，对口就业率85.0%。",
    "交职校毕业生满意度90.5%，家长满意度88%。",
    "交职校2024年总收入3000万元，其中财政补助收入2000万元、学费收入500万元、其他收入100万元。",
    "2024年总支出1300万元，含基础设施建设费400万元；日常教学经费300万元。",
    "顶岗实习学生总数100人，其中订单班顶岗实习学生数40人，顶岗实习对口率达90%。",
    "毕业生1200人次参加了就业指导讲座。",
    "2023届毕业生1500人。",
)
"""Sentences about parts, single schools and other years: none of them is the district's."""


def district_report(wb: Workbook, district: str = DISTRICT) -> None:
    """The consistent workbook with the district's figures of the issue (1580 graduates, 1004
    going on to study) and a prose made of ``district`` and :data:`OTHERS`."""
    for ref, value in (("scorecard.graduates", 1580), ("scorecard.placed", 1560),
                       ("scorecard.further_study", 1004), ("scorecard.to_undergraduate", 21),
                       ("service_contribution.first_employment", 496)):
        set_figure(wb, ref, value)
    set_prose(wb, district)
    for sentence in OTHERS:
        wb["正文"].append(["段落", sentence])


def test_a_consistent_report_about_parts_schools_and_years_has_no_warning(tmp_path):
    """Twenty-one sentences about a part (订单班, 专科, 初中, 女), a school (by name, 该校, as the
    subject), another year (2023年, 2022-2023学年, 上年, 2023届), a group after 其中 or
    person-times (人次): no finding."""
    assert check_workbook(build_consistent(tmp_path, district_report)) == []


def test_the_district_figure_is_still_compared(tmp_path):
    """The same report with the district's graduates written wrong: exactly that finding (and
    the rates computed from it), at the district's sentence."""
    wrong = DISTRICT.replace("1580", "1581")
    found = check_workbook(build_consistent(tmp_path, lambda wb: district_report(wb, wrong)))
    assert {p.rule for p in found} == {"text.graduates"}
    assert [p.found for p in found] == ["毕业生1581人"]


def test_neutral_words_before_a_term():
    """Years, 全区, 区域内, 中职学校, the region's name, 现有, 其中 leave a term whole; any other
    word makes it a part or another group."""
    scope = Scope("璧山区")
    for words in ("", "2024年", "本年度", "全区中职学校", "区域内3所职业院校现有", "璧山区", "其中",
                  "辖区内中职学校有", "区域中职学校2024年度"):
        assert scope.neutral(words), words
    for words in ("订单班", "初中", "上年", "该校", "交职校", "贯通培养形式的", "女", "汽修专业",
                  "公办学校", "这所"):
        assert not scope.neutral(words), words


def test_a_clause_that_starts_with_a_school_is_about_that_school():
    """璧山职教中心…, 重庆市交通职业学校…, 本年度，青山技校…: a school; 中职学校…, 区域内中职学校…,
    学校…, 2024年毕业生升入高一级学校…: the district."""
    scope = Scope("璧山区")
    for text in ("璧山职教中心实现了发明专利授权数量3个", "重庆市交通职业学校有学生900人",
                 "本年度，青山技校毕业生300人", "职教中心有志愿者388人"):
        assert scope.school_subject(text, len(text) - 1), text
    for text in ("中职学校2024年互联网出口带宽5000Mbps", "区域内中职学校2024年总收入9448.26万元",
                 "学校以赛促教，毕业生1476人", "2024年毕业生升入高一级学校深造914人",
                 "本年度毕业生对学校满意度93.2%", "这3所职业院校现有教职工490人"):
        assert not scope.school_subject(text, len(text) - 1), text


def test_the_whole_of_a_part_is_the_number_before_qizhong():
    """After 其中 (or N人中) the whole is the last number before it in the sentence — or in the
    sentence before, when the sentence opens with 其中; before any 其中, nothing."""
    text = "毕业生1476人，其中升学914人。"
    assert whole_before(text, text.index("升学")) == text.index("1476")
    text = "总收入9448.26万元。其中学费874.08万元"
    assert whole_before(text, text.index("学费")) == text.index("9448.26")
    text = "升学914人中贯通培养531人"
    assert whole_before(text, text.index("贯通")) == text.index("914")
    assert whole_before("毕业生1476人。", 3) is None
    assert whole_before("其中，新增专业6个", 5) == -1


def test_the_first_count_of_a_clause():
    """A predicate (直接就业) belongs to the group counted first in its clause; a new clause (；)
    starts afresh; a count of person-times (人次) is no group."""
    text = "订单班毕业生46人，直接就业45人；毕业生1476人，直接就业544人。"
    assert first_count(text, text.index("直接就业45")) == text.index("46")
    assert first_count(text, text.index("直接就业544")) == text.index("1476")
    assert first_count("培训300人次，直接就业45人", 9) is None
