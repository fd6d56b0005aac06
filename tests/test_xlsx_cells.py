"""Reading one cell: numbers as the clerk sees them, text without control characters, dates
in every form Excel and WPS store them, formulas by their cached value."""

from __future__ import annotations

import datetime
from copy import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from reportgen.errors import Problems, Severity
from reportgen.xlsx.cells import CellReader, display, has_lone_surrogate, number_as_shown, unescape


def reader_and_cell(value: object, number_format: str = "General", **kwargs):
    """A reader over a one-cell sheet 表 holding ``value`` in D5."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表"
    cell = ws["D5"]
    cell.value = value
    cell.number_format = number_format
    problems = Problems()
    return CellReader("a.xlsx", problems, wb.epoch, **kwargs), cell, problems


# -- numbers: the rules of the README's section 出错时会看到什么 --

@pytest.mark.parametrize("typed, unit, expected", [
    ("1,234", "人", Decimal("1234")),
    ("１２３４", "人", Decimal("1234")),
    ("１，２３４．５", "万元", Decimal("1234.5")),
    (" 12 ", "人", Decimal("12")),
    ("12.50", "万元", Decimal("12.50")),
    ("12%", "%", Decimal("12")),
    ("12.5％", "%", Decimal("12.5")),
    ("16.29:1", ":", Decimal("16.29")),
    ("16.29：1", ":", Decimal("16.29")),
    ("-3", "人", Decimal("-3")),
    ("—", "人", None),
    ("——", "人", None),
    ("/", "人", None),
    ("／", "人", None),
    ("-", "人", None),
    ("无", "人", None),
    ("   ", "人", None),
    (None, "人", None),
])
def test_number_text_that_is_accepted(typed, unit, expected):
    """Plainly numeric text is read as its number at the precision typed; the marks of
    "nothing to report" and an empty cell are an empty figure, printed empty."""
    reader, cell, problems = reader_and_cell(typed)
    figure = reader.figure(cell, unit=unit)
    assert problems.items == []
    assert figure.value == expected
    if expected is not None:
        assert figure.value.as_tuple().exponent == expected.as_tuple().exponent


@pytest.mark.parametrize("typed, unit, hint", [
    ("一千二", "人", "请只填写数字（可带小数点），不要加文字或单位"),
    ("12人", "人", "单位“人”已在“单位”列中，这里只填写数字"),
    ("12%", "人", "这一行的单位是“人”，不是百分比，请只填写数字"),
    ("1,23", "人", "请只填写数字（可带小数点），不要加文字或单位"),
    ("1.2.3", "人", "请只填写数字（可带小数点），不要加文字或单位"),
    ("约100", "人", "请只填写数字（可带小数点），不要加文字或单位"),
])
def test_number_text_that_is_refused(typed, unit, hint):
    """Anything else in a number cell is an error at the cell, quoting it, saying what to do."""
    reader, cell, problems = reader_and_cell(typed)
    figure = reader.figure(cell, unit=unit)
    assert figure.value is None
    assert [str(p) for p in problems.items] == [f"a.xlsx › 表!D5：应为数字，实为“{typed}”。{hint}。"]


def test_the_issue_example():
    """The message the issue quotes, word for word at its start."""
    reader, cell, problems = reader_and_cell("一千二")
    reader.figure(cell, unit="人")
    assert str(problems.items[0]).startswith("a.xlsx › 表!D5：应为数字，实为“一千二”")


def test_a_date_or_a_boolean_in_a_number_cell_is_refused():
    """A date typed where a number belongs (Excel turned 3-12 into a date) is named as one."""
    reader, cell, problems = reader_and_cell(datetime.datetime(2024, 3, 12), "yyyy-mm-dd")
    reader.figure(cell, unit="人")
    assert str(problems.items[0]) == ("a.xlsx › 表!D5：应为数字，实为“2024-03-12”。"
                                      "单元格被当成了日期：请把单元格格式改为“常规”或“数值”后重新输入。")
    reader, cell, problems = reader_and_cell(True)
    reader.figure(cell)
    assert str(problems.items[0]) == "a.xlsx › 表!D5：应为数字，实为“TRUE”。"


@pytest.mark.parametrize("value, number_format, shown", [
    (0.9048, "0.00%", "90.48"),
    (0.9048, "0%", "90"),
    (0.5, "0.0%", "50.0"),
    (2, "0.00", "2.00"),
    (2.005, "0.00", "2.01"),
    (2.5, "0", "3"),
    (98.62, "General", "98.62"),
    (4000.0, "General", "4000"),
    (0.1 + 0.2, "General", "0.3"),
    (1234.5, "#,##0.0", "1234.5"),
    (12, '0.00"人"', "12.00"),
])
def test_numbers_are_read_as_shown(value, number_format, shown):
    """Percent-formatted cells read as the clerk sees them (0.9048 as 90.48); fixed formats
    keep their decimals; rounding is Excel's, half away from zero."""
    assert format(number_as_shown(value, number_format), "f") == shown
    reader, cell, problems = reader_and_cell(value, number_format)
    assert format(reader.figure(cell, unit="%").value, "f") == shown
    assert problems.items == []


# -- formulas --

def test_a_formula_without_a_cached_value_is_an_error_naming_the_cell():
    """A formula never calculated (saved by a program that does not calculate) reads empty;
    the reader says so, once, with how to fix it."""
    reader, cell, problems = reader_and_cell(None, uncached={("表", "D5"): "SUM(D2:D4)"})
    assert reader.figure(cell).value is None
    assert reader.text(cell) is None
    assert [str(p) for p in problems.items] == [
        "a.xlsx › 表!D5：公式没有计算结果（文件是用不会计算公式的程序保存的），实为“=SUM(D2:D4)”。"
        "请在 Excel 或 WPS 中打开工作簿，按 Ctrl+Alt+F9 重新计算后保存；或把公式改为直接填写的数值。"]


def test_an_error_value_is_an_error():
    """A formula showing #DIV/0! is not a number."""
    reader, cell, problems = reader_and_cell("#DIV/0!")
    cell.data_type = "e"
    assert reader.figure(cell).value is None
    assert str(problems.items[0]) == ("a.xlsx › 表!D5：公式出错，单元格显示错误值，实为“#DIV/0!”。"
                                      "请修改公式或直接填写数值。")


# -- text --

def test_control_characters_are_removed_with_a_warning_naming_the_cell():
    """Characters Word refuses are dropped; tabs and line breaks stay."""
    reader, cell, problems = reader_and_cell(None)
    cell._value, cell.data_type = "甲\x0b乙\x01丙\t丁\r\n戊", "s"  # as read from a file
    assert reader.text(cell).text == "甲乙丙\t丁\n戊"
    assert [(p.severity, str(p)) for p in problems.items] == [(
        Severity.WARNING,
        "a.xlsx › 表!D5：含有不可见的控制字符，已删除。通常是从别处复制粘贴带来的，请核对该单元格的文字。")]


def test_a_number_read_as_text_is_shown_as_formatted():
    """A number in a text column prints as the cell shows it."""
    reader, cell, _ = reader_and_cell(0.9048, "0.00%")
    assert reader.text(cell).text == "90.48"


def test_a_very_long_cell_is_read_whole():
    """Excel's maximum of 32,767 characters is read without loss."""
    reader, cell, problems = reader_and_cell("长" * 32767)
    assert len(reader.text(cell).text) == 32767
    assert problems.items == []


# -- dates --

@pytest.mark.parametrize("value, number_format", [
    (datetime.datetime(2024, 12, 30), "yyyy-mm-dd"),
    (datetime.datetime(2024, 12, 30), 'yyyy"年"m"月"d"日"'),
    ("2024-12-30", "General"),
    ("2024/12/30", "@"),
    ("2024年12月30日", "General"),
    ("２０２４年１２月３０日", "General"),
    (45656, "yyyy-mm-dd"),
])
def test_dates_in_every_common_form(value, number_format):
    """Date cells, dates typed as text (half- or full-width) and serial numbers under a date
    format all read as the same day."""
    reader, cell, problems = reader_and_cell(value, number_format)
    assert reader.date(cell) == datetime.date(2024, 12, 30)
    assert problems.items == []


@pytest.mark.parametrize("format_id", [27, 31, 36, 50, 57, 58])
def test_chinese_locale_built_in_date_formats(format_id):
    """Chinese Excel stores dates under built-in format ids openpyxl does not know; the
    serial number is converted all the same."""
    reader, cell, problems = reader_and_cell(45656)
    style = copy(cell._style)
    style.numFmtId = format_id
    cell._style = style
    assert reader.date(cell) == datetime.date(2024, 12, 30)
    assert problems.items == []


def test_a_date_that_is_not_one():
    """Free text in the date cell is refused with an example."""
    reader, cell, problems = reader_and_cell("年底")
    assert reader.date(cell) is None
    assert str(problems.items[0]) == "a.xlsx › 表!D5：应为日期，实为“年底”。请填写日期，例如 2024-12-30。"


def test_excel_escapes_of_control_characters_are_undone_then_removed():
    """Excel stores a vertical tab as ``_x000B_`` and a literal ``_x`` as ``_x005F_x``: the
    first is a control character (removed, with a warning), the second stays as typed."""
    reader, cell, problems = reader_and_cell("甲_x000B_乙 _x005F_x0041_")
    assert reader.text(cell).text == "甲乙 _x0041_"
    assert [p.severity for p in problems.items] == [Severity.WARNING]


# -- characters beyond U+FFFF and halves of them --

def test_an_escaped_surrogate_pair_is_one_character():
    """Some programs escape a character beyond U+FFFF as its UTF-16 pair: ``_xD840__xDC00_``
    is 𠀀 (U+20000), read whole and without a warning."""
    reader, cell, problems = reader_and_cell("甲_xD840__xDC00_乙")
    assert reader.text(cell).text == "甲\U00020000乙"
    assert problems.items == []


def test_a_lone_surrogate_becomes_the_replacement_character():
    """Half a pair (``_xD800_``) is no character; Python could not print it (the command
    crashed). It reads as �, so that every text from a workbook is valid Unicode."""
    for raw in ("_xD800_", "甲_xDC00_乙", "_xD840_", "_xDC00__xD840_"):
        reader, cell, _ = reader_and_cell(raw)
        text = display(cell)
        text.encode("utf-8")  # valid Unicode: no error
        assert "\ufffd" in text and has_lone_surrogate(raw)
        assert reader.text(cell).text == text
    assert not has_lone_surrogate("_xD840__xDC00_") and not has_lone_surrogate("_x000B_")


def _escape_utf16(text: str) -> str:
    """Every character as Excel's ``_xHHHH_`` escapes of its UTF-16 code units."""
    units = text.encode("utf-16-be")
    return "".join(f"_x{int.from_bytes(units[i:i + 2], 'big'):04X}_"
                   for i in range(0, len(units), 2))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_unescaping_inverts_escaping_utf16_code_units(text):
    """Any text (BMP or not), escaped code unit by code unit, reads back as it was."""
    assert unescape(_escape_utf16(text)) == text
