"""Numbers in the prose: which words make a text fact, and which year it speaks of."""

from __future__ import annotations

import datetime
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportgen.checks.rules import BY_ID, RULES, Kind
from reportgen.checks.text import (check_text_part, paragraphs, required_text, text_facts,
                                  year_at)
from reportgen.model import Meta, Paragraph, Report, Section, SourceRef, Text


def report_with(*texts: str) -> Report:
    meta = Meta(Text("测试区"), Text("2023-2024学年度"), 2024, Text("标题"), Text("发布"),
                datetime.date(2024, 12, 30))
    body = tuple(Paragraph(Text(t, SourceRef("t.xlsx", "正文", f"B{n}")))
                 for n, t in enumerate(texts, 2))
    return Report(meta, (), (Section(1, Text("概况"), body),))


def facts(*texts: str) -> list[tuple[str, str, int]]:
    return [(f.rule.id, str(f.quantity.value), f.year) for f in text_facts(report_with(*texts), RULES)]


def test_the_year_is_the_last_one_written_before_the_number_in_its_sentence():
    """2023年…；2024年… in one sentence switches year; a new sentence starts without one."""
    text = "2023年毕业生1245人；2024年毕业生1476人。毕业生1234人。"
    assert year_at(text, text.index("1245"), 2024) == 2023
    assert year_at(text, text.index("1476"), 2000) == 2024
    assert year_at(text, text.index("1234"), 2024) == 2024


def test_a_school_year_speaks_of_its_second_year():
    """2022-2023年度 is the year 2023."""
    text = "2022-2023年度高考人数已达到649人"
    assert year_at(text, text.index("649"), 2024) == 2023


def test_a_qualified_term_is_a_part_not_the_quantity():
    """贯通培养形式的在校生 and 统招升学 are parts; 初中毕业生 are not the school's graduates."""
    assert facts("贯通培养形式的在校生人数1425人。") == []
    assert facts("通过职教高考统招升学383人、中高贯通培养升学531人。") == []
    assert facts("招收市外初中毕业生444人。") == []
    assert facts("毕业生1476人，其中升学914人。") == [
        ("text.graduates", "1476", 2024), ("text.further_study", "914", 2024)]


def test_facts_of_other_years_are_kept_for_the_prose_arithmetic():
    """An earlier year's counts are facts too, with their year."""
    assert ("text.graduates", "1245", 2023) in facts("2023年毕业生1245人，直接就业580人。")


def test_a_ratio_is_read_with_either_word_order_and_colon():
    """师生比16.4:1 and 生师比16.4：1 both state the student-teacher ratio."""
    assert facts("师生比16.4:1。", "生师比16.4：1。") == [
        ("text.student_teacher_ratio", "16.4", 2024)] * 2


def test_every_text_rule_names_a_figure():
    """Every text-vs-figure rule reads one figure, by reference."""
    for rule in RULES:
        if rule.kind is Kind.TEXT:
            assert len(rule.operands) == 1 and BY_ID[rule.id] is rule


def test_a_part_larger_than_its_whole_in_one_sentence():
    """升学914人中贯通培养1425人 cannot be; 毕业生1476人，其中升学914人 can."""
    rule = BY_ID["text.part_within_whole"]
    found = list(check_text_part(rule, report_with("毕业生1476人，其中升学914人。",
                                                    "升学914人中贯通培养1425人。")))
    assert [(p.where.cell, p.found) for p in found] == [("B3", "914人中贯通培养1425人")]


def test_the_text_a_pattern_requires():
    """The longest run of plain characters outside groups, classes and escapes, and not made
    optional by a quantifier; nothing when the whole pattern has alternatives or flags."""
    assert required_text("毕业生(?:人数|总数)?(?:为|共)?{n}人") == "毕业生"
    assert required_text("[生师]{2}比(?:为|是)?{n}\\s*[:：]\\s*1") == "比"
    assert required_text("[\\]比]比例是{n}%") == "比例"
    assert required_text("ab+c") == "ab" and required_text("ab?c") == "a"
    assert required_text("毕业生|升学") == "" and required_text("(?i)abc") == ""
    assert all(required_text(p) for rule in RULES if rule.kind in (Kind.TEXT, Kind.TEXT_TERM)
               for p in rule.patterns if not p.startswith(("(", "[")))


_PIECES = st.sampled_from(["a", "b", "中", "人", "ab", "\\d", ".", "[ab]", "[^a]", "[]a]", "(?:a|中)",
                           "(?:人)?", "a?", "b*", "中+", "a{0,2}", "b{2}", "(b)", "(?=a)", "\\(",
                           "a|b", "{n}"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=6),
       text=st.text(alphabet="ab中人(1", max_size=12))
def test_a_text_without_the_required_part_never_matches(pieces, text):
    """Whatever the pattern, a text the regular expression matches holds the text the
    pattern requires: skipping a paragraph without it loses no match."""
    pattern = "".join(pieces)
    assume(pattern.count("{n}") <= 1)  # a number's place is named: at most one
    regex = re.compile(pattern.replace("{n}", "(?P<n>\\d+)"))
    if regex.search(text):
        assert required_text(pattern) in text


def test_each_report_is_read_for_its_own_paragraphs():
    """The paragraphs walked for one report are never those of another, however the
    reports alternate, and a report's walk is the same every time it is asked for."""
    first, second = report_with("毕业生1476人。", "其中升学100人。"), report_with("毕业生99人。")
    for _ in range(2):
        assert [p.text.text for p in paragraphs(first)] == ["毕业生1476人。", "其中升学100人。"]
        assert [p.text.text for p in paragraphs(second)] == ["毕业生99人。"]
        assert facts("毕业生1476人。") == [("text.graduates", "1476", 2024)]
        assert [str(f.quantity.value) for f in text_facts(second, RULES)] == ["99"]
