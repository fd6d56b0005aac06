"""Numbering styles and labels are data: the 2024 conventions by default, others by config."""

from __future__ import annotations

import pytest
from reportgen.layout import ARABIC_HEADINGS, CHINESE_HEADINGS, HeadingNumbering, LayoutConfig
from reportgen.layout.config import chinese_numeral


def test_default_heading_numbers():
    """Chapters end in a dot, deeper levels don't (3. / 3.2 / 3.2.1)."""
    assert [ARABIC_HEADINGS.number(p) for p in ((3,), (3, 2), (3, 2, 1))] == ["3.", "3.2", "3.2.1"]


def test_official_document_heading_numbers():
    """一、 / （二） / 3. — each level counts only its own counter."""
    assert [CHINESE_HEADINGS.number(p) for p in ((1,), (1, 2), (1, 2, 3), (12,))] == [
        "一、", "（二）", "3.", "十二、"]


def test_a_level_deeper_than_the_formats_joins_its_counters():
    """A fourth level, which no format names, still gets a distinct number."""
    assert ARABIC_HEADINGS.number((1, 2, 3, 4)) == "1.2.3.4"


def test_chinese_numerals():
    """一 … 十, 十一, 二十, 二十一, 一百, 一百零五, 一百一十; 1000 stays in digits."""
    cases = {1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九",
             100: "一百", 105: "一百零五", 110: "一百一十", 999: "九百九十九", 1000: "1000"}
    assert {n: chinese_numeral(n) for n in cases} == cases


def test_chinese_numerals_are_distinct():
    """Every number from 1 to 999 gets its own numeral, written in numeral characters only:
    two headings never print the same number."""
    numerals = [chinese_numeral(n) for n in range(1, 1000)]
    assert len(set(numerals)) == 999
    assert set("".join(numerals)) == set("零一二三四五六七八九十百")


def test_a_format_naming_a_deeper_counter_is_refused():
    """Level 1 cannot print the counter of level 2: the config is refused when made."""
    with pytest.raises(ValueError, match="counter 2"):
        HeadingNumbering(("{2}.",))


def test_a_label_without_its_counter_is_refused():
    """A label must contain {n}, or every case would print the same label."""
    with pytest.raises(ValueError, match=r"\{n\}"):
        LayoutConfig(case_label="案例")


def test_labels_and_captions():
    """Labels put the counter in place; the caption joins label and title."""
    config = LayoutConfig()
    assert config.label(config.table_label, 3) == "表3"
    assert config.table_caption("表3", "名称") == "表3 名称"
