"""A report reportgen built imports back into the same report.

The 2024 report is built from the example workbook (without LibreOffice's table of contents),
imported, and the imported workbook built again: the two documents say the same — cover,
foreword, every heading at its level, every paragraph, case and table cell — and the figures
of the six official tables come back with the precision the workbook gave them.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLE_WORKBOOK
from docx_reading import ReadReport, read_report
from feature_workbooks import feature_workbook
from report_strategies import content
from reportgen.errors import Problems
from reportgen.model import Paragraph
from reportgen.importing import IMPORT_SHEET, ImportResult, import_report
from reportgen.pipeline import generate
from reportgen.xlsx import load


@pytest.fixture(scope="module")
def trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult, Path]:
    folder = tmp_path_factory.mktemp("import-2024")
    original = generate(EXAMPLE_WORKBOOK, folder / "2024.docx", toc=False)
    result = import_report(original, folder / "导入.xlsx")
    rebuilt = generate(result.workbook, folder / "rebuilt.docx", toc=False)
    return original, result, rebuilt


@pytest.fixture(scope="module")
def both(trip) -> tuple[ReadReport, ReadReport]:
    original, _, rebuilt = trip
    return read_report(original), read_report(rebuilt)


def test_the_rebuilt_report_says_what_the_original_says(both):
    """Cover, foreword and body item by item: headings with their levels, paragraphs, the 20
    cases and the 7 tables cell by cell."""
    original, rebuilt = both
    assert rebuilt.cover == original.cover
    assert rebuilt.foreword == original.foreword
    for index, (got, want) in enumerate(zip(rebuilt.body, original.body)):
        assert got == want, f"item {index} differs"
    assert len(rebuilt.body) == len(original.body) == 185
    assert rebuilt.heading_numbers == original.heading_numbers


def test_official_figures_come_back_with_their_precision(trip):
    """Every value, note, 调查人次 and 调查方式 of the six tables, 50.745 and 16.29 included."""
    _, result, _ = trip
    example = load(EXAMPLE_WORKBOOK, problems=Problems())
    imported = load(result.workbook, problems=Problems())
    assert content(imported.indicator_tables) == content(example.indicator_tables)


def test_cover_and_settings_are_read_into_basic_information(trip):
    """基本信息: the title, the period without brackets, the issuer, the month of the cover
    (its day is not printed: the first is taken, and said), the year of the tables."""
    _, result, _ = trip
    meta = load(result.workbook, problems=Problems()).meta
    assert (meta.title.text, meta.period.text, meta.issuer.text, meta.year, meta.region.text) == (
        "璧山区中等职业学校年度质量报告", "2023-2024学年度", "重庆市璧山区教育委员会", 2024, "璧山区")
    assert (meta.date.year, meta.date.month) == (2024, 12)
    assert not meta.tables_in_appendix


def test_a_styled_report_needs_few_guesses_and_nothing_is_left_to_fill(trip):
    """Headings come from their styles, not guessed; the notes name the table of contents
    dropped, the day of the date and the region; the workbook loads without an error."""
    _, result, _ = trip
    codes = sorted(g.code for g in result.guesses)
    assert codes == ["I-IMPORT-DATE-DAY", "I-IMPORT-REGION", "I-IMPORT-TOC-DROPPED"]
    assert not [p for p in result.follow_up if p.severity.name == "ERROR"]


def test_the_import_report_is_a_sheet_of_the_workbook(trip):
    """导入说明 lists each guess with its place, in document order."""
    _, result, _ = trip
    ws = openpyxl.load_workbook(result.workbook)[IMPORT_SHEET]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["序号", "位置", "页", "段", "说明", "原文", "代码"]
    assert [r[6] for r in rows[1:]] == [g.code for g in result.guesses]
    assert [r[1] for r in rows[1:]] == [str(g.where) for g in result.guesses]


def test_a_report_with_its_tables_in_the_appendix_comes_back_the_same(tmp_path: Path):
    """指标表位置 = 附表: the tables after the heading 附表 are read as the appendix again."""
    wb = openpyxl.load_workbook(EXAMPLE_WORKBOOK)
    ws = wb["基本信息"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "指标表位置")
    ws.cell(row, 2).value = "附表"
    wb.save(tmp_path / "附表.xlsx")
    original = generate(tmp_path / "附表.xlsx", tmp_path / "附表.docx", toc=False)
    result = import_report(original, tmp_path / "导入.xlsx")
    assert result.report.meta.tables_in_appendix
    rebuilt = generate(result.workbook, tmp_path / "rebuilt.docx", toc=False)
    assert read_report(rebuilt) == read_report(original)


def test_a_report_with_the_2025_cover_and_lists_comes_back_with_its_settings(tmp_path: Path):
    """A report built with a subtitle, 编制单位, the 表目录, 图目录 and 案例目录, cases
    labelled 典型案例, a date in Chinese numerals and its appendix titled 附件: the title is the
    title (not the subtitle under it), each cover line, list, label and style becomes its
    基本信息 row, and no list heading or cover line lands in the body."""
    original = generate(feature_workbook(tmp_path / "features"), tmp_path / "特色.docx",
                        toc=False)
    result = import_report(original, tmp_path / "导入.xlsx")
    meta = load(result.workbook, problems=Problems()).meta
    settings = meta.settings
    assert (meta.title.text, meta.issuer.text) == ("测试区中等职业学校年度质量报告", "测试区教育委员会")
    assert settings.subtitle is not None and settings.subtitle.text == "——基于3所中职学校数据"
    assert settings.compiler is not None and settings.compiler.text == "测试区教育科学研究所"
    assert (settings.table_list, settings.figure_list, settings.case_list) == (True, True, True)
    assert (settings.case_label, settings.chinese_date, settings.appendix_title) == (
        "典型案例", True, "附件")
    first = result.report.chapters[0]
    assert [b.text.text for b in first.body if isinstance(b, Paragraph)][:1] == ["这是正文的第一段。"]
    assert "W-IMPORT-COVER-LINE" not in {g.code for g in result.guesses}
    assert "W-IMPORT-OUTSIDE-CHAPTER" not in {g.code for g in result.guesses}
