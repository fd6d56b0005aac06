"""Problems are located, Chinese and collected: one exception carries all of them.

Each problem and each error is made from a registered code and its data (the text lives in
:mod:`reportgen.codes`); the code travels with it.
"""

from __future__ import annotations

import pytest

from reportgen.errors import DataError, Problem, Problems, Severity, UsageError
from reportgen.model import SourceRef


def test_a_problem_reads_where_what_found_and_what_to_do():
    """``file › sheet!cell：message，实为“found”。hint。`` is the line the clerk reads."""
    problem = Problem.of("E-CELL-NUMBER", SourceRef("2024.xlsx", "人才培养质量计分卡", "D5"),
                         found="一千二")
    assert str(problem) == ("2024.xlsx › 人才培养质量计分卡!D5：应为数字，实为“一千二”。"
                            "请只填写数字（可带小数点），不要加文字或单位。")
    assert (problem.code, problem.severity) == ("E-CELL-NUMBER", Severity.ERROR)


@pytest.mark.parametrize("found", ["", "  ", "\u3000"])
def test_an_empty_cell_reads_as_blank_not_as_empty_quotes(found):
    """A cell that holds nothing (or only spaces) is said to be blank, not quoted as “”."""
    problem = Problem.of("E-CELL-NUMBER", SourceRef("2024.xlsx", "正文", "A5"), found=found)
    assert "，实为空白。" in str(problem) and "“”" not in str(problem)
    assert problem.found == found  # the data itself is kept as it was


def test_the_data_is_written_into_the_kinds_text():
    """Fields fill the message and the hint; a list is written joined by "、"."""
    problem = Problem.of("E-COLUMN-MISSING", SourceRef("a.xlsx", "正文"), column="内容",
                         columns=("类型", "内容"))
    assert (problem.message, problem.hint) == ("缺少“内容”列", "第1行应为列名：类型、内容")


def test_the_code_gives_the_severity():
    """``W-`` is a warning, ``I-`` a note: the collector needs no separate severity."""
    problems = Problems()
    problems.add("W-SHEET-HIDDEN", SourceRef("a.xlsx", "表-隐藏"))
    problems.add("I-TOC-FILLED", count=63)
    assert [p.severity for p in problems.items] == [Severity.WARNING, Severity.INFO]
    assert problems.errors == []
    assert str(problems.items[1]) == "目录已填好页码（共 63 条）。"


def test_a_missing_or_unknown_field_is_a_programming_error():
    """The call must pass exactly the fields the texts use."""
    with pytest.raises(TypeError, match="missing"):
        Problem.of("E-COLUMN-MISSING", None, column="内容")
    with pytest.raises(TypeError, match="unknown"):
        Problem.of("E-CELL-NUMBER", None, unit="人")


def test_an_unregistered_code_is_refused():
    """A code must be registered before it is used."""
    with pytest.raises(KeyError, match="unregistered"):
        Problem.of("E-CELL-NOTHING-LIKE-THIS")


def test_a_code_whose_letter_contradicts_the_severity_is_refused():
    """An ``E-`` code cannot be a warning."""
    with pytest.raises(ValueError, match="not a code of a warning"):
        Problem("x", severity=Severity.WARNING, code="E-CELL-NUMBER")


def test_a_whole_sheet_and_a_whole_file_are_places_too():
    """Without a cell the sheet is named; without a sheet, the file alone."""
    assert str(SourceRef("2024.xlsx", "正文")) == "2024.xlsx › 正文"
    assert str(SourceRef("2024.xlsx", "")) == "2024.xlsx"
    assert str(Problem.of("E-FILE-NOT-XLSX", SourceRef("a.xlsx", ""))) == (
        "a.xlsx：不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开它，用“另存为”保存为"
        "“Excel 工作簿（*.xlsx）”后再试。")


def test_a_long_found_value_is_shortened_to_one_line():
    """A long cell is quoted by its first 40 characters, its line breaks folded."""
    problem = Problem.of("E-CELL-INTEGER", SourceRef("a.xlsx", "表", "D5"),
                         found="第一行\n" + "字" * 100)
    text = str(problem)
    assert "\n" not in text
    assert text == "a.xlsx › 表!D5：应为整数，实为“第一行 " + "字" * 36 + "…”。"


def test_the_collector_keeps_every_problem_and_raises_them_together():
    """Problems are added, not raised; one DataError then carries all of them, warnings too."""
    problems = Problems()
    problems.add("E-CELL-NUMBER-LOGICAL", SourceRef("a.xlsx", "表", "D5"), found="x")
    problems.add("W-CELL-CONTROL-CHARACTERS", SourceRef("a.xlsx", "正文", "B3"))
    problems.add("E-CELL-DATE", SourceRef("a.xlsx", "基本信息", "B7"), found="明天")
    with pytest.raises(DataError) as caught:
        problems.raise_if_errors()
    assert [p.severity for p in caught.value.problems] == [
        Severity.ERROR, Severity.WARNING, Severity.ERROR]
    assert str(caught.value).splitlines()[0] == "a.xlsx › 表!D5：应为数字，实为“x”。"
    assert caught.value.exit_code == 1


def test_warnings_alone_raise_nothing():
    """A run with warnings only goes on."""
    problems = Problems()
    problems.warn("W-COLUMN-EXTRA", SourceRef("a.xlsx", "正文", "C1"), columns=("类型", "内容"))
    problems.raise_if_errors()
    assert problems.errors == []


def test_usage_errors_exit_with_2_and_carry_their_code():
    """A wrongly called command is not a data problem; its text is ``message。hint``."""
    error = UsageError("U-FILE-MISSING", path="没有.xlsx")
    assert error.exit_code == 2 and error.code == "U-FILE-MISSING"
    assert str(error) == "找不到工作簿文件：没有.xlsx。请检查文件名和所在文件夹"


def test_an_error_cannot_take_the_code_of_a_collected_problem():
    """``E-``/``W-``/``I-`` codes are problems with a place; errors raised are ``U-``/``O-``."""
    with pytest.raises(ValueError):
        UsageError("E-CELL-NUMBER")


def test_a_call_written_before_the_registry_still_runs():
    """``add(text, …, code=…)`` and ``UsageError(text, code=…)`` (the form other branches were
    written in) keep working until their text moves into the registry; tests/test_codes.py
    names every such call in the source."""
    problems = Problems()
    problems.add("缺少某物", SourceRef("a.xlsx", "表"), hint="请补上", code="E-DRAFT-SOMETHING")
    problems.warn("可能有误", code="W-DRAFT-SOMETHING")
    assert [(p.code, p.severity, str(p)) for p in problems.items] == [
        ("E-DRAFT-SOMETHING", Severity.ERROR, "a.xlsx › 表：缺少某物。请补上。"),
        ("W-DRAFT-SOMETHING", Severity.WARNING, "可能有误。")]
    error = UsageError("不能这样", code="U-DRAFT-SOMETHING")
    assert (str(error), error.code) == ("不能这样", "U-DRAFT-SOMETHING")
    with pytest.raises(ValueError):
        problems.add("没有代码", code="")
