"""The sheets as a whole: loading costs what the sheets hold, not how far down a formatted
empty cell sits; what a clerk cannot see (hidden rows, broken characters) is named."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems, Severity
from reportgen.xlsx import load
from workbooks import build


def cell_visits(monkeypatch, path: Path) -> int:
    """How many times loading ``path`` asks openpyxl for a cell by its position (every
    ``ws.cell``, ``ws[row]`` and ``ws.iter_rows`` goes through ``Worksheet._get_cell``, which
    creates the cell when the file has none there)."""
    visits = 0
    original = Worksheet._get_cell

    def counting(self, row, column):
        nonlocal visits
        visits += 1
        return original(self, row, column)

    with monkeypatch.context() as patch:
        patch.setattr(Worksheet, "_get_cell", counting)
        load(path)
    return visits


def with_formatted_cell(tmp_path: Path, sheet: str, row: int) -> Path:
    """The minimal workbook with one formatted, empty cell in column A of ``row``."""
    def tweak(wb):
        wb[sheet].cell(row, 1).fill = PatternFill("solid", start_color="FFFF00")
    folder = tmp_path / f"{sheet}-{row}"
    folder.mkdir()
    return build(folder, tweak)


NEAR, FAR = 1_000, 100_000


def test_a_formatted_empty_cell_far_down_costs_nothing(tmp_path, monkeypatch):
    """Excel writes a cell for each formatted one. A formatted empty cell at row 100,000 of
    正文 (or of a table sheet) costs no more cell look-ups than one at row 1,000: the rows
    below the last one holding something are never visited (they were, one by one, each
    visit scanning every cell: 9.5 s at row 20,000, over a minute at row 100,000)."""
    for sheet in ("正文", "表-示例表", "人才培养质量计分卡"):
        near = cell_visits(monkeypatch, with_formatted_cell(tmp_path, sheet, NEAR))
        far = cell_visits(monkeypatch, with_formatted_cell(tmp_path, sheet, FAR))
        assert far == near, sheet


HIDDEN = 5_000


def test_hidden_empty_rows_cost_nothing(tmp_path, monkeypatch):
    """Hidden rows are looked at only when they hold something: hiding 5,000 empty rows
    costs no more than hiding 5."""
    def hiding(count: int):
        def tweak(wb):
            for row in range(100, 100 + count):
                wb["正文"].row_dimensions[row].hidden = True
        folder = tmp_path / f"hidden-{count}"
        folder.mkdir()
        return build(folder, tweak)
    assert cell_visits(monkeypatch, hiding(HIDDEN)) == cell_visits(monkeypatch, hiding(5))


def test_a_hidden_row_with_content_is_still_named(tmp_path):
    """Only the stored cells are looked at; a hidden row holding text is still found."""
    def tweak(wb):
        wb["正文"].row_dimensions[3].hidden = True
        wb["正文"]["A40"].font = Font(bold=True)
        wb["正文"].row_dimensions[40].hidden = True
    problems = Problems()
    load(build(tmp_path, tweak), problems=problems)
    assert [str(p) for p in problems.items if "隐藏" in p.message] == [
        "test.xlsx › 正文!A3：第 3 行是隐藏的，其内容仍会写入报告。请取消隐藏后核对；不需要的行请删除。"]


def test_a_lone_surrogate_is_a_located_warning(tmp_path):
    """Half a UTF-16 pair (``_xD800_``) in a paragraph is read as � with a warning naming
    the cell; the report is still made."""
    def tweak(wb):
        wb["正文"]["B3"] = "第一段_xD800_结束"
    problems = Problems()
    report = load(build(tmp_path, tweak), problems=problems)
    assert report.chapters[0].body[0].text.text == "第一段\ufffd结束"
    [warning] = [p for p in problems.items if p.code == "W-CELL-SURROGATE"]
    assert warning.severity is Severity.WARNING
    assert str(warning).startswith(
        "test.xlsx › 正文!B3：含有无法识别的字符（不完整的 Unicode 代理字符），已换成“\ufffd”，"
        "实为“第一段\ufffd结束”。")


def test_a_lone_surrogate_in_the_named_figures_sheet_is_named_too(tmp_path):
    """The optional 数据 sheet is read like the others: a broken character there is named."""
    def tweak(wb):
        ws = wb.create_sheet("数据")
        ws.append(["名称", "数值"])
        ws.append(["专任教师_xDC00_数", 10])
    problems = Problems()
    load(build(tmp_path, tweak), problems=problems)
    assert [p.where.cell for p in problems.items if p.code == "W-CELL-SURROGATE"] == ["A2"]
