"""``reportgen merge --base``: a base that cannot take the merged figures is refused before
anything is written, each kind with its code and the base's name.

The base is the district's own workbook of the year; it is read with the same container
checks as any workbook (a file that is no workbook is a located problem, never a crash).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cli_run import run_cli

from reportgen import DataError
from reportgen.errors import UsageError
from reportgen.yearly.carryover import init_workbook
from reportgen.yearly.merging import merge_workbooks
from test_merge import SCHOOL_A, SCHOOL_B, school


@pytest.fixture
def schools(tmp_path) -> list[Path]:
    """Two schools' workbooks of 2024."""
    return [school(tmp_path, "A", SCHOOL_A), school(tmp_path, "B", SCHOOL_B)]


def _base(tmp_path: Path, change=None, name: str = "区县底稿.xlsx") -> Path:
    """The district's blank workbook of 2024, changed by ``change`` (an openpyxl workbook)."""
    path = tmp_path / name
    init_workbook(path, year=2024)
    if change is not None:
        wb = openpyxl.load_workbook(path)
        change(wb)
        wb.save(path)
    return path


def _refused(schools: list[Path], base: Path, target: Path) -> UsageError:
    with pytest.raises(UsageError) as caught:
        merge_workbooks(schools, target, base=base)
    assert not target.exists()
    return caught.value


def test_a_missing_base_or_a_school_as_base_is_refused(schools, tmp_path):
    """The base must exist and must not be one of the schools."""
    target = tmp_path / "区县.xlsx"
    error = _refused(schools, tmp_path / "没有.xlsx", target)
    assert error.code == "U-MERGE-BASE-MISSING" and "找不到底稿工作簿" in str(error)
    error = _refused(schools, schools[0], target)
    assert error.code == "U-MERGE-BASE-SCHOOL" and "A校.xlsx 也是要合并的学校工作簿之一" in str(error)


def test_a_base_without_its_year_is_refused(schools, tmp_path):
    """Without 报告年份 nobody can tell that the base is of the schools' year."""
    def no_year(wb):
        ws = wb["基本信息"]
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 1).value == "报告年份":
                ws.cell(row, 2).value = None
    error = _refused(schools, _base(tmp_path, no_year), tmp_path / "区县.xlsx")
    assert error.code == "U-MERGE-BASE-NO-YEAR"
    assert "底稿 区县底稿.xlsx 没有填写报告年份" in str(error) and "A校.xlsx：2024年" in str(error)


def test_a_base_without_an_indicator_sheet_or_the_case_number_column_is_refused(schools, tmp_path):
    """The merged figures go into the base's indicator sheets, the cases under its 编号."""
    error = _refused(schools, _base(tmp_path, lambda wb: wb.remove(wb["满意度调查表"])),
                     tmp_path / "区县.xlsx")
    assert error.code == "U-MERGE-BASE-SHEET" and "缺少工作表“满意度调查表”" in str(error)

    def renumbered(wb):
        ws = wb["案例"]
        for cell in ws[1]:
            if cell.value == "编号":
                cell.value = "序号"
    error = _refused(schools, _base(tmp_path, renumbered, "区县底稿2.xlsx"), tmp_path / "区县.xlsx")
    assert error.code == "U-MERGE-BASE-CASES" and "没有“编号”列" in str(error)


def test_a_base_that_is_no_workbook_is_a_located_problem(schools, tmp_path):
    """A text file given as base is named like any unreadable workbook; exit code 1."""
    base = tmp_path / "底稿.xlsx"
    base.write_text("名称,数值\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        merge_workbooks(schools, tmp_path / "区县.xlsx", base=base)
    [problem] = caught.value.problems
    assert problem.code == "E-FILE-TEXT" and problem.where.file == "底稿.xlsx"
    code, _, err = run_cli("merge", *map(str, schools), "--base", str(base),
                           "-o", str(tmp_path / "区县.xlsx"))
    assert code == 1 and "底稿.xlsx" in err and not (tmp_path / "区县.xlsx").exists()
