"""``reportgen init NEW.xlsx --from LAST.xlsx``: this year's workbook from last year's.

基本信息 moves on one year; the outline, prose, cases and own tables are carried over marked
上年 until confirmed; last year's figures are kept only as 上年 values and this year's value
cells start empty.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest
from cli_run import run_cli

from reportgen import DataError, Problems, load
from reportgen.errors import Severity
from reportgen.model import Case, FreeTable, Paragraph, Report
from reportgen.xlsx.sheets import SETTING_KEYS
from reportgen.yearly.carryover import init_workbook, shift_years
from check_workbooks import build_consistent
from workbooks import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "2024.xlsx"


def set_meta(wb, key: str, value: object) -> None:
    """The 内容 of a 基本信息 item."""
    for row in wb["基本信息"].iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
            return
    raise KeyError(key)


def edit(path: Path, tweak, name: str = "filled.xlsx") -> Path:
    """A copy of the workbook at ``path`` changed by ``tweak``."""
    wb = openpyxl.load_workbook(path)
    tweak(wb)
    target = path.with_name(name)
    wb.save(target)
    wb.close()
    return target


def dated(wb) -> None:
    set_meta(wb, "成文日期", datetime.date(2025, 12, 30))


@pytest.fixture(scope="module")
def example() -> Report:
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def carried(tmp_path_factory) -> Path:
    """2025's workbook from the 2024 example."""
    path = tmp_path_factory.mktemp("carried") / "2025.xlsx"
    init_workbook(path, source=EXAMPLE)
    return path


@pytest.fixture(scope="module")
def carried_report(carried) -> tuple[Report, list]:
    """The carried workbook with only its date filled in, read back, and its problems."""
    problems = Problems()
    report = load(edit(carried, dated), problems=problems)
    return report, problems.items


def texts(report: Report) -> dict[str, list]:
    """Everything written in the report, block by block, without where it was read."""
    blocks: list[object] = []
    for section in report.sections():
        blocks.append((section.level, section.title.text))
        for block in section.body:
            if isinstance(block, Paragraph):
                blocks.append(block.text.text)
            elif isinstance(block, Case):
                blocks.append((block.key, block.title.text, block.subtitle and block.subtitle.text,
                               tuple(p.text.text for p in block.paragraphs)))
            elif isinstance(block, FreeTable):
                blocks.append((block.title, tuple(tuple(c.text for c in row) for row in block.cells),
                               block.spans, block.header_rows))
            else:
                blocks.append(block.spec.name)
    return {"foreword": [p.text.text for p in report.foreword], "blocks": blocks}


def test_every_paragraph_case_and_own_table_of_2024_is_kept(example, carried_report):
    """The foreword, every heading and paragraph, every case and the own table 表3 (its cells,
    merges and header rows) read back exactly as in 2024, in the same order."""
    report, _ = carried_report
    assert texts(report) == texts(example)


def test_2024_figures_remain_only_as_last_years(example, carried_report):
    """Every indicator row's 上年 is its 2024 figure; no 数值 and no 调查人次 is left."""
    report, _ = carried_report
    for old, new in zip(example.indicator_tables, report.indicator_tables):
        for old_row, new_row in zip(old.rows, new.rows):
            assert new_row.value.is_empty, new_row.value.source
            assert new_row.previous is not None and new_row.previous.value == old_row.value.value
            for extra in new_row.extra:
                assert (extra.figure is None or extra.figure.is_empty) and extra.text is None
            assert new_row.note is None


def test_no_2024_number_is_left_in_a_value_cell(carried):
    """Read as the clerk would: every 数值 and 调查人次 cell of the indicator sheets is empty."""
    wb = openpyxl.load_workbook(carried)
    try:
        for name in wb.sheetnames[5:11]:
            ws = wb[name]
            header = [c.value for c in ws[1]]
            for column in ("数值", "调查人次"):
                if column in header:
                    col = header.index(column) + 1
                    assert all(ws.cell(r, col).value is None for r in range(2, ws.max_row + 1))
    finally:
        wb.close()


def test_basic_information_moves_on_one_year(carried):
    """报告年份 2025, 学年度 2024-2025, the date left for the clerk, the rest kept."""
    wb = openpyxl.load_workbook(carried)
    meta = {row[0]: row[1] for row in wb["基本信息"].iter_rows(min_row=2, values_only=True)}
    wb.close()
    assert meta == {"地区": "璧山区", "学年度": "2024-2025学年度", "报告年份": 2025,
                    "报告标题": "璧山区中等职业学校年度质量报告", "发布单位": "重庆市璧山区教育委员会",
                    "成文日期": None, "指标表位置": "正文", "指标表上年列": "否",
                    **dict.fromkeys(SETTING_KEYS)}  # 2024 kept every optional row's default


def test_years_in_the_period_and_title_move_on():
    """Only last year's report year (and the one before, in a 学年度) move; other numbers stay."""
    assert shift_years("2023-2024学年度", 2024) == "2024-2025学年度"
    assert shift_years("2024年度质量报告（第12期，2019年起）", 2024) == "2025年度质量报告（第12期，2019年起）"


def test_building_before_any_figure_is_filled_names_what_is_missing(carried, carried_report):
    """Without its date the workbook gives one message naming the date and the empty tables;
    with it, the build goes on and warnings name the tables still empty and, one warning per
    sheet, every cell still marked 上年."""
    with pytest.raises(DataError) as caught:
        load(carried)
    [error] = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert "成文日期（B7）" in error.message and "6张指标表的本年数值" in error.message
    _, problems = carried_report
    [missing] = [p for p in problems if p.code == "W-FIGURES-MISSING"]
    assert "人才培养质量计分卡（全部 12 行）" in missing.message
    carried_warnings = {p.where.sheet: p.message for p in problems
                        if p.code == "W-CARRIED-UNCONFIRMED"}
    assert set(carried_warnings) == {"前言", "正文", "案例"}
    assert "有 6 处内容沿用上年、尚未确认：A2:A7" in carried_warnings["前言"]
    assert "有 20 处内容沿用上年、尚未确认：B2:B21" in carried_warnings["案例"]


def test_a_confirmed_row_is_no_longer_named(carried):
    """Setting 状态 to 已确认 (or clearing it) takes the row out of the warning."""
    def confirm(wb):
        dated(wb)
        ws = wb["前言"]
        ws["B2"], ws["B3"] = "已确认", None
        for row in range(2, wb["正文"].max_row + 1):
            wb["正文"].cell(row, 3).value = None
    problems = Problems()
    load(edit(carried, confirm, "confirmed.xlsx"), problems=problems)
    carried_warnings = {p.where.sheet: p.message for p in problems.items
                        if p.code == "W-CARRIED-UNCONFIRMED"}
    assert set(carried_warnings) == {"前言", "案例"}
    assert "有 4 处内容沿用上年、尚未确认：A4:A7" in carried_warnings["前言"]


def test_an_unknown_status_is_a_located_error(carried):
    """状态 takes only the listed values."""
    def wrong(wb):
        dated(wb)
        wb["正文"]["C2"] = "看过了"
    with pytest.raises(DataError) as caught:
        load(edit(carried, wrong, "wrong.xlsx"))
    [error] = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert error.code == "E-STATUS-VALUE" and error.where.cell == "C2" and error.found == "看过了"


def test_named_figures_move_to_last_year(tmp_path):
    """A 数据 row keeps its name and unit, its value goes to 上年; an old 上年X row, now
    redundant, is dropped."""
    def named(wb):
        ws = wb.create_sheet("数据")
        ws.append(["名称", "数值", "单位"])
        ws.append(["校企合作企业数", 12, "家"])
        ws.append(["上年校企合作企业数", 10, "家"])
    source = build(tmp_path, named, "2024.xlsx")
    target = tmp_path / "2025.xlsx"
    init_workbook(target, source=source)
    wb = openpyxl.load_workbook(target)
    rows = list(wb["数据"].iter_rows(values_only=True))
    wb.close()
    assert rows == [("名称", "数值", "单位", "上年"), ("校企合作企业数", None, "家", 12)]


def test_the_command_says_what_was_carried(tmp_path):
    """``init --from`` tells how much was carried and what the clerk must do."""
    target = tmp_path / "2025.xlsx"
    code, out, _ = run_cli("init", str(target), "--from", str(EXAMPLE))
    assert code == 0
    assert "已由 2024.xlsx 生成 2025 年的工作簿" in out and "20 个案例、1 张自制表格" in out
    assert "“上年”列" in out and "成文日期" in out


def test_a_year_that_does_not_follow_is_refused(tmp_path):
    """--year must be the year after last year's workbook; a missing source is named."""
    code, _, err = run_cli("init", str(tmp_path / "a.xlsx"), "--from", str(EXAMPLE),
                           "--year", "2027")
    assert code == 2 and "2024 年的工作簿" in err and "2025 年" in err
    code, _, err = run_cli("init", str(tmp_path / "b.xlsx"), "--from", str(tmp_path / "无.xlsx"))
    assert code == 2 and "找不到上年的工作簿" in err


def test_last_years_workbook_with_errors_is_refused_with_its_problems(tmp_path):
    """Errors in last year's workbook are listed; nothing is written."""
    def broken(wb):
        wb["人才培养质量计分卡"]["D2"] = "一千二"
    source = build(tmp_path, broken, "2024.xlsx")
    target = tmp_path / "2025.xlsx"
    code, _, err = run_cli("init", str(target), "--from", str(source))
    assert code == 1 and "人才培养质量计分卡!D2" in err and not target.exists()


def test_previous_values_keep_their_precision(tmp_path):
    """98.60 last year reads back as 98.60, not 98.6."""
    def precise(wb):
        wb["人才培养质量计分卡"]["D6"] = 98.6
        wb["人才培养质量计分卡"]["D6"].number_format = "0.00"
    source = build(tmp_path, precise, "2024.xlsx")
    target = tmp_path / "2025.xlsx"
    init_workbook(target, source=source)
    report = load(edit(target, lambda wb: (dated(wb), _fill_all(wb))))
    rate = report.indicator_tables[0].rows[4]
    assert rate.spec.id == "in_province_placement_rate"
    assert rate.previous is not None and str(rate.previous.value) == "98.60"


def _fill_all(wb) -> None:
    """Every 数值 cell of every indicator sheet set to 1."""
    for name in wb.sheetnames[5:11]:
        ws = wb[name]
        col = [c.value for c in ws[1]].index("数值") + 1
        for row in range(2, ws.max_row + 1):
            ws.cell(row, col).value = 1


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """A paragraph starting with "=" is carried as the text it is, not turned into a formula."""
    def formula_like(wb):
        cell = wb["正文"]["B3"]
        cell.value = "=A1 不是公式，是正文"
        cell.data_type = "s"
    source = build(tmp_path, formula_like, "2024.xlsx")
    target = tmp_path / "2025.xlsx"
    init_workbook(target, source=source)
    report = load(edit(target, dated))
    assert report.chapters[0].body[0].text.text == "=A1 不是公式，是正文"


def test_declared_rules_are_carried_and_check_marks_are_not(tmp_path):
    """The 规则 sheet is copied as it was (a declared relation stays true year after year);
    the 核对 sheet is not: its marks accept last year's findings, and this year's must be
    looked at again."""
    rule = "〔教职工总数〕 >= 〔专任教师总数〕"

    def rules_and_marks(wb):
        rules = wb.create_sheet("规则")
        rules.append(["规则", "说明"])
        rules.append([rule, "专任教师是教职工的一部分"])
        marks = wb.create_sheet("核对")
        marks.append(["编号", "原因"])
        marks.append(["7K2M-Q9XD", "已与学校核实"])
    source = build_consistent(tmp_path, rules_and_marks)
    last = load(source)
    assert len(last.declared) == 1 and len(last.marks) == 1
    target = tmp_path / "2025.xlsx"
    _, summary = init_workbook(target, source=source)
    assert summary is not None and summary.rules == 1
    report = load(edit(target, dated))
    assert [(r.text.text, r.note.text if r.note else None) for r in report.declared] == [
        (rule, "专任教师是教职工的一部分")]
    assert report.marks == ()
    wb = openpyxl.load_workbook(target)
    assert "规则" in wb.sheetnames and "核对" not in wb.sheetnames
    wb.close()
    code, out, _ = run_cli("init", str(tmp_path / "2025b.xlsx"), "--from", str(source))
    assert code == 0
    assert "“规则”表的 1 条规则原样沿用；“核对”表没有沿用" in out
