"""--annotate: a copy of the workbook with each finding's cells filled and commented."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import load_workbook

from check_workbooks import SECTORS_SHEET, build_consistent, set_prose
from reportgen.errors import Severity, UsageError
from reportgen.xlsx.annotate import FILLS, annotate
from reportgen.pipeline import check_workbook


def broken(tmp_path):
    def tweak(wb):
        set_prose(wb, "2024年毕业生1476人。")
        wb[SECTORS_SHEET]["E4"] = 44.45
    return build_consistent(tmp_path, tweak)


def test_both_cells_of_a_finding_are_marked_and_commented(tmp_path):
    """The paragraph's cell and the figure's cell are filled by severity and commented with
    what each holds and what it contradicts."""
    source = broken(tmp_path)
    out = tmp_path / "标注.xlsx"
    marked = annotate(source, out, check_workbook(source))
    wb = load_workbook(out)
    paragraph, figure = wb["正文"]["B3"], wb["人才培养质量计分卡"]["D2"]
    assert paragraph.fill.start_color.rgb.endswith(FILLS[Severity.WARNING])
    assert "毕业生1476人" in paragraph.comment.text and "人才培养质量计分卡!D2" in paragraph.comment.text
    assert "此处：100人" in figure.comment.text and "毕业生1476人" in figure.comment.text
    share = wb[SECTORS_SHEET]["E4"]
    assert share.fill.start_color.rgb.endswith(FILLS[Severity.INFO])
    assert marked >= 4


def test_the_original_is_untouched(tmp_path):
    """The workbook checked is byte for byte what it was."""
    source = broken(tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    annotate(source, tmp_path / "copy.xlsx", check_workbook(source))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_writing_over_the_input_is_refused(tmp_path):
    """The marked copy can never replace the workbook it marks."""
    source = broken(tmp_path)
    with pytest.raises(UsageError):
        annotate(source, source, [])
    with pytest.raises(UsageError):
        annotate(source, tmp_path / "copy.docx", [])


def test_a_clean_workbook_gives_an_unmarked_copy(tmp_path):
    """No finding, no mark."""
    source = build_consistent(tmp_path)
    assert annotate(source, tmp_path / "copy.xlsx", check_workbook(source)) == 0
    assert (tmp_path / "copy.xlsx").exists()
