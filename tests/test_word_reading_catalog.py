"""Reading a Word report with the catalog of its year: the cover's 学年度 chooses the catalog
the official tables are recognised with (the one :class:`~reportgen.model.Report` would
choose for that year), a caller may name another, and a table's own columns (the
满意度调查表's 调查人次 and 调查方式) are read as the catalog lists them. The guesses take their
text from the registry."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import docx
import pytest

from reportgen import codes
from reportgen.catalog import catalog_for, load_catalog
from reportgen.model import IndicatorTable
from reportgen.word.reading import Guess, Position, read_document


def _document(period: str, table: list[tuple[str, ...]] | None = None):
    d = docx.Document()
    for text in ("测试区中等职业学校年度质量报告", period, "测试区教育委员会", "2024年12月"):
        d.add_paragraph(text)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("学校有学生一千人。")
    if table:
        d.add_paragraph("表1 满意度调查表")
        grid = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    buffer = BytesIO()
    d.save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def test_the_cover_year_chooses_the_catalog():
    """A 2023-2024 report is read with the 2024 catalog, and says nothing about it."""
    reading = read_document(_document("（2023-2024学年度）"))
    assert reading.report.meta.year == 2024
    assert reading.report.catalog is load_catalog(2024)
    assert not [g for g in reading.guesses if g.code == "I-IMPORT-CATALOG-YEAR"]


def test_a_later_year_is_read_with_the_catalog_serving_it_and_a_note():
    """A 2029-2030 report gets the catalog a workbook of 2030 would be read with; when 2030
    has none of its own, a note names the year used."""
    reading = read_document(_document("（2029-2030学年度）"))
    serving = catalog_for(2030)
    assert reading.report.meta.year == 2030 and reading.report.catalog is serving
    notes = [g for g in reading.guesses if g.code == "I-IMPORT-CATALOG-YEAR"]
    assert serving is not None and len(notes) == (serving.year != 2030)
    if notes:
        assert notes[0].message == f"没有 2030 年的指标目录，按 {serving.year} 年的官方指标表识别指标表"


def test_a_catalog_named_by_the_caller_is_used():
    """An explicit catalog wins over the cover's year."""
    catalog = load_catalog(2024)
    reading = read_document(_document("（2029-2030学年度）"), catalog)
    assert reading.report.catalog is catalog


def test_a_tables_own_columns_are_read_by_their_headers():
    """The 满意度调查表 typed with its columns in another order: 调查人次 as a figure with its
    decimals, 调查方式 as text, empty cells empty."""
    spec = load_catalog(2024).by_name("满意度调查表")
    assert spec is not None
    rows = [("序号", "指标", "单位", "2024年", "备注", "调查方式", "调查人次")]
    for n, (indicator, unit) in enumerate(spec.row_units(), 1):
        first = n == 1
        rows.append((str(n), indicator.name, unit, "98.60" if first else "",
                     "", "问卷" if first else "", "1,200" if first else ""))
    reading = read_document(_document("（2023-2024学年度）", rows))
    (table,) = [t for t in reading.report.tables if isinstance(t, IndicatorTable)]
    first, second = table.rows[0], table.rows[1]
    assert str(first.value.value) == "98.60"
    count = first.figure_in("survey_count")
    assert count is not None and count.value == Decimal(1200)
    method = first.text_in("survey_method")
    assert method is not None and method.text == "问卷"
    empty = second.figure_in("survey_count")
    assert empty is not None and empty.value is None and second.text_in("survey_method") is None
    assert [c.column for c in first.extra] == [c.id for c in spec.extra_columns]


def test_a_guess_takes_its_text_from_the_registry():
    """``Guess.of`` writes the registered message and hint with the data; only warnings and
    notes are guesses."""
    guess = Guess.of("I-IMPORT-CASE-OPEN", Position(15), "案例1", title="校企合作", paragraph=18)
    kind = codes.lookup("I-IMPORT-CASE-OPEN")
    assert (guess.message, guess.hint) == kind.render({"title": "校企合作", "paragraph": 18})
    assert str(guess) == ("第 15 段：没有边框的案例“校企合作”读到第 18 段为止，原文“案例1”。"
                          "请核对案例的结尾是否正确。")
    with pytest.raises(ValueError):
        Guess.of("E-DOCX-EMPTY", Position(0))
