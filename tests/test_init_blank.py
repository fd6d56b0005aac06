"""``reportgen init NEW.xlsx``: a blank workbook of the year's catalog, ready to fill in.

Every sheet and column the loader reads, every official indicator row with its unit and no
value; a 说明 sheet; validation, input messages and drop-downs on the cells to fill; frozen
headers; protected names and units. Reading it back before it is filled gives one message.
"""

from __future__ import annotations

import datetime

import openpyxl
import pytest
from cli_run import run_cli

from reportgen import DataError, load
from reportgen.catalog import latest
from reportgen.errors import Problems, Severity
from reportgen.xlsx.blank import indicator_label
from reportgen.xlsx.form import indicator_columns
from reportgen.xlsx.sheets import SETTING_KEYS
from reportgen.yearly.carryover import init_workbook

YEAR = 2025


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """The blank workbook of 2025, written once."""
    path = tmp_path_factory.mktemp("blank") / "2025.xlsx"
    init_workbook(path, year=YEAR)
    return path


@pytest.fixture(scope="module")
def wb(blank):
    book = openpyxl.load_workbook(blank)
    yield book
    book.close()


def validations(ws) -> dict[str, object]:
    """Every validated cell of ``ws`` (ranges of the drop-downs by their first cell)."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        for area in validation.sqref.ranges:
            found[area.coord.split(":")[0]] = validation
    return found


def test_every_sheet_column_and_official_row_is_there_with_empty_values(wb):
    """说明 first, then the loader's sheets; each indicator sheet has the catalog's rows, in
    order, with their units, and no figure."""
    catalog = latest()
    assert wb.sheetnames[:5] == ["说明", "基本信息", "前言", "正文", "案例"]
    assert wb.sheetnames[5:11] == [t.name for t in catalog.tables]
    for spec in catalog.tables:
        ws = wb[spec.name]
        assert tuple(c.value for c in ws[1]) == indicator_columns(spec)
        header = [c.value for c in ws[1]]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(spec.row_units())
        for index, (row, (indicator, unit)) in enumerate(zip(rows, spec.row_units())):
            assert row[header.index("指标")] == (indicator_label(spec, index) or None)
            assert row[header.index("单位")] == unit
            assert row[header.index("数值")] is None and row[header.index("上年")] is None


def test_only_the_year_its_period_and_the_settings_are_filled(wb):
    """基本信息 lists every item; the year and 学年度 follow --year, the rest is empty."""
    meta = {row[0]: row[1] for row in wb["基本信息"].iter_rows(min_row=2, values_only=True)}
    assert meta == {"地区": None, "学年度": "2024-2025学年度", "报告年份": YEAR, "报告标题": None,
                    "发布单位": None, "成文日期": None, "指标表位置": "附表", "指标表上年列": "否",
                    **dict.fromkeys(SETTING_KEYS)}  # optional: empty keeps the default


def test_every_value_cell_takes_numbers_only_and_says_what_it_is(wb):
    """数值, 上年 (and 调查人次) of every row: a number rule, 0–100 for a percentage, and an
    input message naming the indicator and its unit."""
    for spec in latest().tables:
        ws = wb[spec.name]
        header = [c.value for c in ws[1]]
        rules = validations(ws)
        columns = ["数值", "上年"] + [c.sheet for c in spec.extra_columns if c.unit]
        for row, (indicator, unit) in enumerate(spec.row_units(), 2):
            for column in columns:
                cell = ws.cell(row, header.index(column) + 1)
                rule = rules[cell.coordinate]
                assert rule.type in ("decimal", "whole") and rule.showErrorMessage
                assert indicator.name[:20] in rule.promptTitle and rule.showInputMessage
                if column != "调查人次" and unit not in (":",):
                    assert f"（{unit}）" in rule.prompt
                if unit == "%" and column != "调查人次":
                    assert (rule.operator, rule.formula1, rule.formula2) == ("between", "0", "100")
                else:
                    assert (rule.operator, rule.formula1) == ("greaterThanOrEqual", "0")


def test_fixed_choices_are_drop_down_lists_and_the_date_is_a_date(wb):
    """类型 of 正文, 状态 of the text sheets, 指标表位置 and 指标表上年列 are lists; 成文日期
    takes a date and 报告年份 a four-digit year."""
    body = validations(wb["正文"])
    assert body["A2"].type == "list" and "一级标题" in body["A2"].formula1 \
        and "表格" in body["A2"].formula1
    assert body["C2"].type == "list" and body["C2"].formula1 == '"上年,已确认"'
    assert validations(wb["前言"])["B2"].formula1 == '"上年,已确认"'
    assert validations(wb["案例"])["E2"].formula1 == '"上年,已确认,备选"'
    meta = validations(wb["基本信息"])
    assert meta["B8"].type == "list" and meta["B8"].formula1 == '"附表,正文"'
    assert meta["B9"].formula1 == '"是,否"'
    assert meta["B7"].type == "date" and wb["基本信息"]["B7"].number_format == "yyyy-mm-dd"
    assert (meta["B4"].type, meta["B4"].formula1, meta["B4"].formula2) == ("whole", "2000", "2100")
    assert all(v.showInputMessage and v.prompt for v in meta.values())


def test_names_and_units_are_protected_without_a_password_and_values_are_open(wb):
    """Indicator sheets and 基本信息 are protected with no password; their value cells are
    unlocked, their 序号, 指标, 单位 and 项目 cells locked. Text sheets stay open for rows."""
    for spec in latest().tables:
        ws = wb[spec.name]
        assert ws.protection.sheet and not ws.protection.password
        header = [c.value for c in ws[1]]
        for row in range(2, ws.max_row + 1):
            for column in header:
                locked = ws.cell(row, header.index(column) + 1).protection.locked
                assert locked == (column in ("序号", "指标", "单位")), (spec.name, row, column)
    meta = wb["基本信息"]
    assert meta.protection.sheet and meta["A2"].protection.locked and not meta["B2"].protection.locked
    assert not wb["正文"].protection.sheet and not wb["案例"].protection.sheet


def test_headers_are_frozen_and_columns_wide_enough(wb):
    """Row 1 stays in view; the 指标 column is as wide as the longest name (CJK counts two)."""
    for name in wb.sheetnames[1:]:
        assert wb[name].freeze_panes == "A2", name
    for spec in latest().tables:
        longest = max(len(i.name) for i in spec.indicators)
        assert wb[spec.name].column_dimensions["B"].width >= min(2 * longest, 60)
    assert wb["正文"].column_dimensions["B"].width >= 80


def test_the_guide_says_how_to_fill_each_sheet(wb):
    """说明 names every sheet (the optional 核对 and 规则 too) and explains 状态, the
    year-over-year and the free-table placeholders."""
    text = "\n".join(str(c.value) for c in wb["说明"]["A"])
    for name in ["基本信息", "前言", "正文", "案例", "数据", "状态", "〔名称@变化〕", "merge",
                 "〔表-工作表名!行名@列名〕", "“核对”表", "“规则”表"]:
        assert name in text, name
    for spec in latest().tables:
        assert spec.name in text


def test_reading_a_blank_workbook_gives_one_message_listing_what_is_empty(blank):
    """Not one error per empty cell: one error names the empty 基本信息 items with their
    cells, the empty 正文 and the indicator tables without figures."""
    with pytest.raises(DataError) as caught:
        load(blank)
    errors = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1
    [problem] = errors
    assert problem.code == "E-WORKBOOK-UNFILLED"
    text = str(problem)
    for part in ("地区（B2）", "报告标题（B5）", "发布单位（B6）", "成文日期（B7）", "“正文”：还没有标题和段落",
                 "6张指标表的本年数值", "说明"):
        assert part in text, part


def test_the_build_command_shows_the_one_message(blank):
    """The clerk reads one line under a plain heading, exit code 1 (the note that 2025 is
    read with the 2024 catalog is no error)."""
    code, _, err = run_cli(str(blank))
    assert code == 1
    lines = [line for line in err.strip().splitlines() if not line.startswith("提示：")]
    assert lines[0] == "报告未生成（已有的报告未改动）：" and len(lines) == 2
    assert "工作簿还没有填写完" in lines[1]


def test_a_filled_in_blank_workbook_loads(blank, tmp_path):
    """With 基本信息, one chapter and one figure filled, the workbook loads; the tables still
    empty are named in one warning."""
    wb = openpyxl.load_workbook(blank)
    meta = wb["基本信息"]
    for cell, value in (("B2", "测试区"), ("B5", "测试区中等职业学校年度质量报告"),
                        ("B6", "测试区教育委员会"), ("B7", datetime.date(2025, 12, 30))):
        meta[cell] = value
    wb["正文"].append(["一级标题", "学校概况"])
    wb["正文"].append(["段落", "毕业生〔毕业生人数〕人。"])
    wb["人才培养质量计分卡"]["D2"] = 321
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    problems = Problems()
    report = load(path, problems=problems)
    assert report.meta.year == YEAR and report.meta.tables_in_appendix
    assert report.indicator_tables[0].rows[0].value.value == 321
    [warning] = [p for p in problems.items if p.severity is Severity.WARNING]
    assert warning.code == "W-FIGURES-MISSING" and "教学资源表（全部 46 行）" in warning.message
    assert "人才培养质量计分卡" not in warning.message


def test_init_refuses_an_existing_file_and_a_wrong_suffix(tmp_path):
    """The new workbook never replaces a file; it must be an .xlsx."""
    existing = tmp_path / "有了.xlsx"
    existing.write_bytes(b"keep")
    code, _, err = run_cli("init", str(existing))
    assert code == 2 and "已经存在" in err and existing.read_bytes() == b"keep"
    code, _, err = run_cli("init", str(tmp_path / "新.xls"))
    assert code == 2 and ".xlsx" in err


def test_init_on_the_command_line(tmp_path):
    """``init X.xlsx --year 2025`` says what it wrote, with a note that 2025 uses the latest
    earlier catalog; a year before the catalogs is refused."""
    code, out, err = run_cli("init", str(tmp_path / "新.xlsx"), "--year", "2025")
    assert code == 0 and "已生成 2025 年的空白工作簿" in out and "说明" in out
    assert f"提示：没有 2025 年的指标目录，指标表按 {latest().year} 年的官方指标表生成" in err
    code, _, err = run_cli("init", str(tmp_path / "旧.xlsx"), "--year", "2019")
    assert code == 2 and "没有 2019 年的指标目录" in err
    assert not (tmp_path / "旧.xlsx").exists()
