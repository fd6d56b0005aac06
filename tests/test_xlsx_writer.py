"""The workbook writer is the loader's inverse: a report written and loaded back is the same
report in content — texts, heading levels, cases, tables cell by cell, figures with their
precision — and the example workbook survives the trip whole."""

from __future__ import annotations

import datetime
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import feature_workbooks
from conftest import EXAMPLE_WORKBOOK
from report_strategies import content, reports
from reportgen.errors import Problems
from reportgen.model import FreeCell, FreeTable, Meta, Paragraph, Report, Section, Text
from reportgen.xlsx import load
from reportgen.xlsx.writer import ExtraSheet, check_sheet_name, free_sheet_name, write_workbook


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_a_written_report_loads_back_the_same(report: Report):
    """Any small report: write → load gives it back, figures at the same precision."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(report, Path(folder) / "写出.xlsx")
        problems = Problems()
        loaded = load(path, problems=problems)
    assert not problems.errors
    assert content(loaded) == content(report)


def test_the_example_workbook_survives_write_and_load(tmp_path: Path):
    """The 2024 workbook (8 chapters, 20 cases, 7 tables) read, written and read again."""
    original = load(EXAMPLE_WORKBOOK)
    again = load(write_workbook(original, tmp_path / "again.xlsx"))
    assert content(again) == content(original)


def _small_report(**changes) -> Report:
    meta = Meta(region=Text("测试区"), period=Text("2023-2024学年度"), year=2024,
                title=Text("测试区中等职业学校年度质量报告"), issuer=Text("测试区教育委员会"),
                date=datetime.date(2024, 12, 30), tables_in_appendix=True)
    chapter = Section(1, Text("学校概况"), (Paragraph(Text("第一段。")),))
    values = dict(meta=meta, foreword=(), chapters=(chapter,))
    values.update(changes)
    return Report(**values)


def test_official_tables_missing_from_the_report_get_blank_sheets(tmp_path: Path):
    """A report without indicator tables still gets the six sheets, official rows, no figures."""
    path = write_workbook(_small_report(), tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["教学资源表"]
    assert [c.value for c in ws[1]] == ["序号", "指标", "单位", "数值", "备注"]
    assert ws["B2"].value == "生师比*" and ws["C2"].value == ":" and ws["D2"].value is None
    assert [c.value for c in wb["满意度调查表"][1]][4:6] == ["调查人次", "调查方式"]


def test_figures_are_written_as_numbers_showing_their_decimals(tmp_path: Path):
    """98.60 is a number cell formatted 0.00, so Excel shows (and the loader reads) 98.60."""
    table = FreeTable("表-数", "数", ((FreeCell("98.60", Decimal("98.60")), FreeCell("12", Decimal(12))),))
    chapter = Section(1, Text("学校概况"), (table,))
    path = write_workbook(_small_report(chapters=(chapter,)), tmp_path / "n.xlsx")
    ws = openpyxl.load_workbook(path)["表-数"]
    assert ws["A1"].value == pytest.approx(98.6) and ws["A1"].number_format == "0.00"
    assert ws["B1"].value == 12


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path):
    """A paragraph typed as ``=1+1`` is text in the workbook, not a formula."""
    chapter = Section(1, Text("学校概况"), (Paragraph(Text("=1+1")),))
    path = write_workbook(_small_report(chapters=(chapter,)), tmp_path / "f.xlsx")
    cell = openpyxl.load_workbook(path)["正文"]["B3"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_extra_sheets_are_written_and_ignored_by_the_loader(tmp_path: Path):
    """An extra sheet (an import report) is there, first when asked, and loading ignores it."""
    extra = ExtraSheet("导入说明", ("位置", "说明"), (("第 3 段", "按标题读取"), ("第 4 段", None)),
                       first=True)
    path = write_workbook(_small_report(), tmp_path / "x.xlsx", extra_sheets=[extra])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "导入说明" and wb.active.title == "导入说明"
    assert [c.value for c in wb["导入说明"]["A"]] == ["位置", "第 3 段", "第 4 段"]
    problems = Problems()
    load(path, problems=problems)
    # the small report has no figures, which the loader points out; nothing names 导入说明
    assert [p.code for p in problems.items] == ["W-FIGURES-MISSING"]
    assert all("导入说明" not in str(p) for p in problems.items)


def test_free_sheet_names_are_valid_and_unique():
    """Characters Excel refuses become full-width; long titles are cut; duplicates numbered."""
    assert free_sheet_name("毕业生/就业情况") == "表-毕业生／就业情况"
    long = free_sheet_name("很" * 40)
    assert len(long) == 31 and check_sheet_name(long) == long
    assert free_sheet_name("甲", taken=["表-甲"]) == "表-甲2"
    with pytest.raises(ValueError):
        check_sheet_name("表-a/b")


def _without_image_bytes(value):
    """``content`` with each image's encoded bytes left out (JPEG is re-encoded when read)."""
    if isinstance(value, tuple) and value[:1] == ("ImageData",):
        return tuple(item for item in value if not (isinstance(item, tuple) and item[0] == "data"))
    if isinstance(value, tuple):
        return tuple(_without_image_bytes(v) for v in value)
    return value


def test_pictures_charts_settings_and_appendix_survive_write_and_load(tmp_path: Path):
    """The feature workbook (pictures, charts in the text and in cases, settings, an appendix
    table): written, its image files beside it, and loaded back, it is the same report; only
    the JPEG's bytes differ (re-encoded), not its size."""
    original = load(feature_workbooks.feature_workbook(tmp_path / "in"))
    assert original.figures and original.appendix and original.meta.settings.case_list
    path = write_workbook(original, tmp_path / "out" / "写出.xlsx")
    assert sorted(p.name for p in (tmp_path / "out" / "写出-图片").iterdir()) == [
        "实训基地.jpg", "校园平面图.png"]
    again = load(path)
    assert _without_image_bytes(content(again)) == _without_image_bytes(content(original))
    wb = openpyxl.load_workbook(path)
    assert [c.value for c in wb["图片"]["B"]][1:] == ["写出-图片/实训基地.jpg",
                                                     "写出-图片/校园平面图.png"]
    assert 280 in [c.value for c in wb["图表"]["D"]]  # a number typed in stays a number
