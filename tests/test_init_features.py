"""``init`` and the report's own settings, pictures, charts and appendix: the blank form offers
the optional 基本信息 rows (with drop-downs where they have choices) and empty 图片 and 图表
sheets; this year's workbook from last year's keeps the settings, the pictures and charts
where they stood, and the appendix."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

import feature_workbooks
from report_strategies import content
from reportgen import load
from reportgen.model import Chart, Picture
from reportgen.xlsx.sheets import SETTING_KEYS
from reportgen.yearly.carryover import init_workbook
from test_init_blank import validations


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "2025.xlsx"
    init_workbook(path, year=2025)
    return path


def _meta_rows(ws) -> dict[str, int]:
    return {row[0].value: row[0].row for row in ws.iter_rows(min_row=2)}


def test_the_optional_rows_are_offered_with_their_choices(blank: Path):
    """Every optional row is listed, empty; 标题编号, 日期写法 and the three lists are
    drop-downs of their choices, the labels are limited to 10 characters, and each row
    says it may be left empty."""
    wb = openpyxl.load_workbook(blank)
    ws = wb["基本信息"]
    rows = _meta_rows(ws)
    assert all(key in rows and ws.cell(rows[key], 2).value is None for key in SETTING_KEYS)
    rules = validations(ws)
    assert rules[f"B{rows['标题编号']}"].formula1 == '"1./1.1/1.1.1,一、/（一）/1."'
    assert rules[f"B{rows['日期写法']}"].formula1 == '"阿拉伯数字,中文数字"'
    for key in ("表目录", "图目录", "案例目录"):
        assert rules[f"B{rows[key]}"].formula1 == '"是,否"'
    label = rules[f"B{rows['案例标签']}"]
    assert (label.type, label.operator, label.formula1) == ("textLength", "lessThanOrEqual", "10")
    assert all(rules[f"B{rows[key]}"].prompt.startswith("可不填") for key in SETTING_KEYS)


def test_blank_picture_and_chart_sheets_with_drop_downs(blank: Path):
    """图片 and 图表 have their columns, 类型 of 图表 is a drop-down of the three kinds, the
    widths take numbers above 0, and 案例 has a 图片 column."""
    wb = openpyxl.load_workbook(blank)
    assert [c.value for c in wb["图片"][1]] == ["名称", "文件", "题注", "宽度（厘米）"]
    assert [c.value for c in wb["图表"][1]] == ["名称", "类型", "类别", "数值", "系列", "题注",
                                               "单位", "宽度（厘米）"]
    charts = validations(wb["图表"])
    assert charts["B2"].formula1 == '"柱形图,折线图,饼图"'
    assert (charts["H2"].type, charts["H2"].operator) == ("decimal", "greaterThan")
    assert validations(wb["图片"])["D2"].type == "decimal"
    assert "图片" in [c.value for c in wb["案例"][1]]


def test_a_blank_form_filled_with_a_picture_and_settings_builds(tmp_path: Path, blank: Path):
    """The clerk fills the blank form's 基本信息 (a setting among them), one picture placed in
    the text: it loads, the setting and the picture as filled in."""
    feature_workbooks.write_images(tmp_path)
    wb = openpyxl.load_workbook(blank)
    ws = wb["基本信息"]
    rows = _meta_rows(ws)
    for key, value in (("地区", "测试区"), ("报告标题", "测试区中等职业学校年度质量报告"),
                       ("发布单位", "测试区教育委员会"), ("成文日期", datetime.date(2025, 12, 30)),
                       ("标题编号", "一、/（一）/1.")):
        ws.cell(rows[key], 2).value = value
    wb["图片"].append(["实训基地", feature_workbooks.PHOTO])
    wb["正文"].append(["一级标题", "学校概况"])
    wb["正文"].append(["图片", "实训基地"])
    wb["正文"].append(["段落", "见〔图:实训基地〕。"])
    target = tmp_path / "filled.xlsx"
    wb.save(target)
    report = load(target)
    assert report.meta.settings.chinese_headings
    assert [f.name.text for f in report.figures] == ["实训基地"]


@pytest.fixture(scope="module")
def carried(tmp_path_factory):
    """2026's workbook from the feature workbook (a 2025 report), in the same folder."""
    folder = tmp_path_factory.mktemp("features")
    source = feature_workbooks.feature_workbook(folder)
    target = folder / "next.xlsx"
    init_workbook(target, source=source)
    return load(source), target


def test_settings_pictures_charts_and_the_appendix_are_carried_over(carried):
    """Next year's workbook keeps the settings, copies 图片 and 图表, places each picture and
    chart where it stood (状态 上年), each case's figures, and the appendix's 附表 rows."""
    old, target = carried
    wb = openpyxl.load_workbook(target)
    meta = {row[0]: row[1] for row in wb["基本信息"].iter_rows(min_row=2, values_only=True)}
    assert meta["案例标签"] == "典型案例" and meta["附录标题"] == "附件" and meta["图目录"] == "是"
    assert meta["日期写法"] == "中文数字" and meta["标题编号"] is None
    body = [row for row in wb["正文"].iter_rows(min_row=2, values_only=True)]
    assert ("图片", "实训基地", "上年") in body and ("图表", "师生变化", "上年") in body
    assert ("附表", "表-示例表", "上年") in body
    cases = {row[0]: row for row in wb["案例"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in wb["案例"][1]]
    assert cases["2"][header.index("图片")] == "三次产业"
    assert [c.value for c in wb["图片"]["A"]][1:] == ["实训基地", "校园平面图"]

    fresh = _dated(target)
    new = load(fresh)
    assert content(new.meta.settings) == content(old.meta.settings)
    assert [(type(f), f.name.text) for f in new.figures] == \
        [(type(f), f.name.text) for f in old.figures]
    assert {Picture, Chart} == {type(f) for f in new.figures}
    assert [t.key for t in new.appendix] == [t.key for t in old.appendix]


def _dated(path: Path) -> Path:
    """The carried workbook with its 成文日期 and this year's named figures filled in, which
    init leaves empty."""
    wb = openpyxl.load_workbook(path)
    for row in wb["基本信息"].iter_rows(min_row=2):
        if row[0].value == "成文日期":
            row[1].value = datetime.date(2026, 12, 30)
    for row in wb["数据"].iter_rows(min_row=2):
        row[1].value = 100
    target = path.with_name("dated.xlsx")
    wb.save(target)
    return target
