"""The optional 核对 and 规则 sheets: read with their cells, optional columns, empty rows skipped."""

from __future__ import annotations

import pytest

from reportgen.errors import DataError, Problems
from reportgen.xlsx import load
from workbooks import build


def test_both_sheets_are_optional(tmp_path):
    """A workbook without them (every workbook made before them) loads as before."""
    report = load(build(tmp_path))
    assert report.marks == () and report.declared == ()


def test_marks_and_rules_are_read_with_their_cells(tmp_path):
    """Each 编号 with its reason, each rule with its 说明; empty rows are skipped; the reason and
    the 说明 columns may be left out."""
    def tweak(wb):
        marks = wb.create_sheet("核对")
        marks.append(["编号", "原因"])
        marks.append(["7K2M-Q9XD", "学校口径不同"])
        marks.append([None, None])
        marks.append(["AB12-CD34", None])
        rules = wb.create_sheet("规则")
        rules.append(["规则"])
        rules.append(["〔毕业生人数〕 >= 〔升学人数〕"])
    problems = Problems()
    report = load(build(tmp_path, tweak), problems=problems)
    assert [(m.id.text, m.reason.text if m.reason else None, m.id.source.cell)
            for m in report.marks if m.id.source] == [
        ("7K2M-Q9XD", "学校口径不同", "A2"), ("AB12-CD34", None, "A4")]
    assert [(r.text.text, r.note, r.text.source.cell) for r in report.declared if r.text.source] == [
        ("〔毕业生人数〕 >= 〔升学人数〕", None, "A2")]
    assert problems.items == []


def test_a_sheet_without_its_column_is_a_located_error(tmp_path):
    """A 核对 sheet whose first row lacks 编号 names the missing column."""
    def tweak(wb):
        marks = wb.create_sheet("核对")
        marks.append(["代码", "原因"])
    with pytest.raises(DataError) as caught:
        load(build(tmp_path, tweak))
    assert [(p.code, p.where.sheet) for p in caught.value.problems if p.where] == [
        ("W-COLUMN-EXTRA", "核对"), ("E-COLUMN-MISSING", "核对")]
