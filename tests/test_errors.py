"""Problems are located, Chinese and collected: one exception carries all of them."""

from __future__ import annotations

import pytest

from reportgen.errors import DataError, Problem, Problems, Severity, UsageError
from reportgen.model import SourceRef


def test_a_problem_reads_where_what_found_and_what_to_do():
    """``file › sheet!cell：message，实为“found”。hint。`` is the line the clerk reads."""
    problem = Problem("应为数字", SourceRef("2024.xlsx", "人才培养质量计分卡", "D5"), found="一千二",
                      hint="请只填写数字")
    assert str(problem) == "2024.xlsx › 人才培养质量计分卡!D5：应为数字，实为“一千二”。请只填写数字。"


def test_a_whole_sheet_and_a_whole_file_are_places_too():
    """Without a cell the sheet is named; without a sheet, the file alone."""
    assert str(SourceRef("2024.xlsx", "正文")) == "2024.xlsx › 正文"
    assert str(SourceRef("2024.xlsx", "")) == "2024.xlsx"
    assert str(Problem("文件是空的", SourceRef("a.xlsx", ""))) == "a.xlsx：文件是空的。"


def test_a_long_found_value_is_shortened_to_one_line():
    """A long cell is quoted by its first 40 characters, its line breaks folded."""
    problem = Problem("应为数字", SourceRef("a.xlsx", "表", "D5"), found="第一行\n" + "字" * 100)
    text = str(problem)
    assert "\n" not in text
    assert text == "a.xlsx › 表!D5：应为数字，实为“第一行 " + "字" * 36 + "…”。"


def test_the_collector_keeps_every_problem_and_raises_them_together():
    """Problems are added, not raised; one DataError then carries all of them, warnings too."""
    problems = Problems()
    problems.add("应为数字", SourceRef("a.xlsx", "表", "D5"), found="x")
    problems.warn("含有不可见的控制字符，已删除", SourceRef("a.xlsx", "正文", "B3"))
    problems.add("应为日期", SourceRef("a.xlsx", "基本信息", "B7"), found="明天")
    with pytest.raises(DataError) as caught:
        problems.raise_if_errors()
    assert [p.severity for p in caught.value.problems] == [
        Severity.ERROR, Severity.WARNING, Severity.ERROR]
    assert str(caught.value).splitlines()[0] == "a.xlsx › 表!D5：应为数字，实为“x”。"
    assert caught.value.exit_code == 1


def test_warnings_alone_raise_nothing():
    """A run with warnings only goes on."""
    problems = Problems()
    problems.warn("多出的列，已忽略", SourceRef("a.xlsx", "正文", "C1"))
    problems.raise_if_errors()
    assert problems.errors == []


def test_usage_errors_exit_with_2():
    """A wrongly called command is not a data problem."""
    assert UsageError("x").exit_code == 2
