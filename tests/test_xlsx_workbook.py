"""The workbook's structure: sheets, indicator rows, columns, hidden and merged cells, cases
and placements. Every problem is located and every one is reported in the same run."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.errors import DataError, Problems, Severity
from reportgen.xlsx import load
from workbooks import FREE_TABLE, body_row, build, cell_of

HINT_ROWS = "“{0}”的指标行须与官方表一致（名称、单位、顺序），只填写数值和备注"


def errors_of(tmp_path, tweak) -> list[str]:
    """The error lines a tweaked minimal workbook gets."""
    with pytest.raises(DataError) as caught:
        load(build(tmp_path, tweak))
    return [str(p) for p in caught.value.problems if p.severity is Severity.ERROR]


def warnings_of(tmp_path, tweak) -> list[str]:
    """The warnings of a tweaked minimal workbook that still loads."""
    problems = Problems()
    load(build(tmp_path, tweak), problems=problems)
    assert problems.errors == []
    return [str(p) for p in problems.items]


def test_the_minimal_workbook_loads_without_any_problem(tmp_path):
    """The helper's workbook is valid: every other test changes one thing in it."""
    problems = Problems()
    report = load(build(tmp_path), problems=problems)
    assert problems.items == []
    assert len(report.indicator_tables) == 6 and len(report.cases) == 1


# -- sheets --

def test_a_missing_sheet(tmp_path):
    """A deleted sheet is named, with the sheets the workbook has."""
    def tweak(wb):
        del wb["前言"]
    [message] = errors_of(tmp_path, tweak)
    assert message.startswith("test.xlsx › 前言：缺少工作表“前言”。请按模板补上这个工作表。"
                              "工作簿中现有的工作表：基本信息、正文、案例、")


def test_a_renamed_sheet_is_recognised(tmp_path):
    """A sheet renamed by the clerk is suggested by its new name; its cases placed in the
    text are not reported a second time."""
    def tweak(wb):
        wb["案例"].title = "案例表"
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 案例：缺少工作表“案例”。工作簿中有“案例表”，如果就是它，请把工作表名改回“案例”。"]


# -- indicator rows --

def test_an_indicator_row_missing(tmp_path):
    """A deleted row is named where it should stand."""
    def tweak(wb):
        wb["人才培养质量计分卡"].delete_rows(3)
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 人才培养质量计分卡!B3：缺少指标“毕业去向落实人数（人）”（应在此行之前）。"
        + HINT_ROWS.format("人才培养质量计分卡") + "。"]


def test_an_indicator_row_renamed(tmp_path):
    """A renamed indicator shows the official name and what was typed."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*", "指标").value = "毕业人数"
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 人才培养质量计分卡!B2：指标应为“毕业生人数*（人）”，实为“毕业人数（人）”。"
        + HINT_ROWS.format("人才培养质量计分卡") + "。"]


def test_an_indicator_row_duplicated(tmp_path):
    """A row copied twice is named as a duplicate."""
    def tweak(wb):
        ws = wb["教学资源表"]
        row = cell_of(wb, "教学资源表", "生师比*").row
        ws.insert_rows(row + 1)
        for col in range(1, 6):
            ws.cell(row + 1, col).value = ws.cell(row, col).value
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 教学资源表!B2：指标“生师比*（:）”重复。" + HINT_ROWS.format("教学资源表")
        + "；请删除重复的一行。"]


def test_an_indicator_row_moved(tmp_path):
    """Two rows swapped: the moved row is named with the row it belongs in."""
    def tweak(wb):
        ws = wb["人才培养质量计分卡"]
        first, second = [c.value for c in ws[2]], [c.value for c in ws[3]]
        for col, (a, b) in enumerate(zip(first, second), 1):
            ws.cell(2, col).value, ws.cell(3, col).value = b, a
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 人才培养质量计分卡!B3：指标“毕业生人数*（人）”的位置不对，应在第 2 行。"
        + HINT_ROWS.format("人才培养质量计分卡") + "。"]


def test_extra_columns_are_ignored_with_a_warning(tmp_path):
    """A column the format does not have is named and not read."""
    def tweak(wb):
        wb["正文"]["C1"], wb["正文"]["C2"] = "说明", "草稿"
    assert warnings_of(tmp_path, tweak) == [
        "test.xlsx › 正文!C1：多出的列，已忽略，实为“说明”。本表的列应为：类型、内容。"]


def test_a_missing_column(tmp_path):
    """A renamed header is a missing column."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").parent["D1"] = "值"
    messages = errors_of(tmp_path, tweak)
    assert messages == ["test.xlsx › 人才培养质量计分卡：缺少“数值”列。第1行应为列名：序号、指标、单位、数值、备注。"]


# -- hidden and merged --

def test_a_hidden_sheet_is_read_and_named(tmp_path):
    """Hidden sheets are read like the others: what is in the workbook is in the report."""
    def tweak(wb):
        wb[FREE_TABLE].sheet_state = "hidden"
    assert warnings_of(tmp_path, tweak) == [
        "test.xlsx › 表-示例表：这是隐藏的工作表，其内容仍会写入报告。"
        "如果它不应出现在报告中，请删除这个工作表，或改名（不以“表-”开头）。"]


def test_hidden_rows_are_read_and_named(tmp_path):
    """A hidden row with content is read; the warning names it."""
    def tweak(wb):
        wb["正文"].row_dimensions[3].hidden = True
    problems = Problems()
    report = load(build(tmp_path, tweak), problems=problems)
    assert [str(p) for p in problems.items] == [
        "test.xlsx › 正文!A3：第 3 行是隐藏的，其内容仍会写入报告。请取消隐藏后核对；不需要的行请删除。"]
    assert report.chapters[0].body[0].text.text == "这是正文的第一段。"


def test_a_merged_figure_cell_is_named(tmp_path):
    """A merge over figures would read the covered cell as empty: the clerk is told."""
    def tweak(wb):
        wb["人才培养质量计分卡"].merge_cells("D2:D3")
    assert warnings_of(tmp_path, tweak) == [
        "test.xlsx › 人才培养质量计分卡!D2：合并单元格 D2:D3：只读取左上角 D2 的内容，其余单元格按空白处理。"
        "请取消合并，在每个单元格中分别填写。"]


def test_merged_headers_of_a_free_table_are_its_layout(tmp_path):
    """A free table keeps its merges without a warning."""
    def tweak(wb):
        ws = wb[FREE_TABLE]
        ws.insert_rows(1)
        ws["A1"] = "标题行"
        ws.merge_cells("A1:C1")
    problems = Problems()
    report = load(build(tmp_path, tweak), problems=problems)
    assert problems.items == []
    free = [t for t in report.tables if getattr(t, "key", "") == FREE_TABLE][0]
    assert (free.spans[0].cols, free.cells[0][0].text) == (3, "标题行")


# -- figures through the whole sheet --

def test_a_percent_formatted_cell_keeps_what_the_clerk_sees(tmp_path):
    """0.9048 shown as 90.48% is the figure 90.48, at two decimals."""
    def tweak(wb):
        cell = cell_of(wb, "人才培养质量计分卡", "毕业生本省去向落实率")
        cell.value, cell.number_format = 0.9048, "0.00%"
    report = load(build(tmp_path, tweak))
    row = [r for r in report.indicator_tables[0].rows if r.spec.name == "毕业生本省去向落实率"][0]
    assert format(row.value.value, "f") == "90.48"
    assert row.value.source.cell == "D6"


def test_a_cached_formula_value_is_used(tmp_path):
    """A formula saved by Excel carries its value; the value is read."""
    path = build(tmp_path, lambda wb: cell_of(wb, "人才培养质量计分卡", "毕业生人数*").__setattr__(
        "value", "=2*3"))
    import zipfile
    sheet = "xl/worksheets/sheet5.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    parts[sheet] = parts[sheet].replace(b"<f>2*3</f><v></v>", b"<f>2*3</f><v>6</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = load(path)
    assert report.indicator_tables[0].rows[0].value.value == Decimal(6)


def test_a_formula_never_calculated_is_an_error(tmp_path):
    """A workbook saved by a program that does not calculate: the cell and the fix."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "=SUM(D3:D4)"
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 人才培养质量计分卡!D2：公式没有计算结果（文件是用不会计算公式的程序保存的），"
        "实为“=SUM(D3:D4)”。请在 Excel 或 WPS 中打开工作簿，按 Ctrl+Alt+F9 重新计算后保存；"
        "或把公式改为直接填写的数值。"]


# -- cases and placements --

def test_duplicate_case_numbers(tmp_path):
    """Two cases with one number: the second is named with the first's cell."""
    def tweak(wb):
        wb["案例"].append([1, "另一个案例", None, "正文"])
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 案例!A3：案例编号“1”重复（第一次在 A2）。每个案例的编号必须不同。"]


def test_an_empty_section_is_a_warning(tmp_path):
    """A heading with nothing under it prints bare: the clerk probably lost its text."""
    def tweak(wb):
        wb["正文"].insert_rows(2)
        wb["正文"]["A2"], wb["正文"]["B2"] = "一级标题", "空章"
    assert warnings_of(tmp_path, tweak) == [
        "test.xlsx › 正文!B2：一级标题“空章”下没有内容。请在它下面加段落，或删除这个标题。"]


def test_a_table_placed_twice(tmp_path):
    """The second placement is named with the first's cell."""
    def tweak(wb):
        wb["正文"].append(["表格", FREE_TABLE])
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 正文!B13：表格“表-示例表”被放置了两次（另一处在 正文!B12）。"
        "每个表格在正文中只能出现一次，请删除其中一行。"]


def test_a_table_placed_nowhere(tmp_path):
    """A table sheet that the text never places."""
    def tweak(wb):
        wb["正文"].delete_rows(body_row(wb, "表格", FREE_TABLE))
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 表-示例表：表格“表-示例表”没有放入正文。"
        "请在“正文”表中要放置它的位置加一行：类型“表格”，内容“表-示例表”。"]


def test_a_case_placed_nowhere(tmp_path):
    """A case the text never places."""
    def tweak(wb):
        wb["正文"].delete_rows(body_row(wb, "案例", 1))
    assert errors_of(tmp_path, tweak) == [
        "test.xlsx › 案例!A2：案例1没有放入正文。请在“正文”表中要放置它的位置加一行：类型“案例”，内容“1”。"]


def test_a_table_that_does_not_exist(tmp_path):
    """A placement naming no table sheet lists the ones there are."""
    def tweak(wb):
        wb["正文"].append(["表格", "表-不存在"])
    [message] = errors_of(tmp_path, tweak)
    assert message.startswith("test.xlsx › 正文!B13：没有这个名称的表格工作表，实为“表-不存在”。"
                              "请填写表格所在工作表的名称，可用的有：人才培养质量计分卡、")


def test_a_very_long_paragraph_is_kept_whole(tmp_path):
    """32,767 characters, Excel's limit, are read without loss."""
    def tweak(wb):
        wb["正文"]["B3"] = "长" * 32767
    report = load(build(tmp_path, tweak))
    assert report.chapters[0].body[0].text.text == "长" * 32767


def test_every_problem_is_reported_in_one_run(tmp_path):
    """Problems in different sheets all come back together."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"
        wb["基本信息"]["B7"] = "年底"
        wb["案例"].append([1, "重复", None, "正文"])
    messages = errors_of(tmp_path, tweak)
    assert [m.split("：")[0] for m in messages] == [
        "test.xlsx › 基本信息!B7", "test.xlsx › 案例!A3", "test.xlsx › 人才培养质量计分卡!D2"]
