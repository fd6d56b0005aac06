"""The stored-cell reader (reportgen.xlsx.sheet_xml) reads what openpyxl reads.

Reports are read with :func:`read_stored`, not with openpyxl's ``load_workbook``; the readers
were written against openpyxl's meaning of a cell. Each test reads the same file with both
and compares every cell the file holds: value, type, number format, date-ness, bold font,
diagonal border; and each sheet's merged ranges, hidden rows, column widths and visibility.
"""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Border, Font, Side

from reportgen.catalog import load_catalog
from reportgen.xlsx.blank import write_form
from reportgen.xlsx.form import Form
from reportgen.xlsx.sheet_xml import read_stored

from conftest import EXAMPLE_WORKBOOK


def assert_same_as_openpyxl(path: Path) -> None:
    """Every stored cell and every sheet property the readers use agrees with openpyxl."""
    with warnings.catch_warnings():  # openpyxl warns of a date out of range; ours is silent
        warnings.simplefilter("ignore")
        expected = openpyxl.load_workbook(path, data_only=True)
    found = read_stored(path)
    assert found.sheetnames == expected.sheetnames
    assert found.epoch == expected.epoch
    for theirs in expected.worksheets:
        ours = found[theirs.title]
        assert ours.sheet_state == theirs.sheet_state
        assert set(ours._cells) == set(theirs._cells), theirs.title
        for key, cell in theirs._cells.items():
            mine = ours._cells[key]
            assert (mine.row, mine.column, mine.coordinate) == (cell.row, cell.column,
                                                                cell.coordinate)
            assert mine.value == cell.value and type(mine.value) is type(cell.value), \
                (theirs.title, cell.coordinate, mine.value, cell.value)
            if isinstance(cell, MergedCell):
                continue
            assert mine.data_type == cell.data_type, (theirs.title, cell.coordinate)
            assert mine.number_format == cell.number_format, (theirs.title, cell.coordinate)
            assert mine._style.numFmtId == cell._style.numFmtId
            assert mine.is_date == cell.is_date
            assert bool(mine.font.b) == bool(cell.font.b), (theirs.title, cell.coordinate)
            assert mine.border.diagonal.style == cell.border.diagonal.style
            assert bool(mine.border.diagonalDown) == bool(cell.border.diagonalDown)
            assert bool(mine.border.diagonalUp) == bool(cell.border.diagonalUp)
        assert sorted(m.coord for m in ours.merged_cells.ranges) == \
            sorted(m.coord for m in theirs.merged_cells.ranges)
        assert {r: d.hidden for r, d in ours.row_dimensions.items()} == \
            {r: d.hidden for r, d in theirs.row_dimensions.items()}
        assert {k: (d.min, d.max, d.width) for k, d in ours.column_dimensions.items()} == \
            {k: (d.min, d.max, d.width) for k, d in theirs.column_dimensions.items()}
        assert ours.sheet_format.defaultColWidth == theirs.sheet_format.defaultColWidth
        assert ours.max_row == theirs.max_row


def test_the_example_workbook_reads_as_openpyxl_reads_it() -> None:
    """inputs/2024.xlsx (inline strings, merged headers, widths, dates) reads the same."""
    assert_same_as_openpyxl(EXAMPLE_WORKBOOK)


def test_a_blank_form_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    """A blank form reportgen writes (shared strings, validations, bold headers) reads the same."""
    path = tmp_path / "blank.xlsx"
    write_form(Form(load_catalog(2024), 2024, {"地区": "测试区"}), path)
    assert_same_as_openpyxl(path)


FORMATS = ["General", "0", "0.00", "0%", "0.00%", "#,##0", "yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"",
           "[h]:mm:ss", '0.0"人"', "@", "0.00_ ;[Red]-0.00 "]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFFF),
               max_size=12) | st.sampled_from(["  两端有空格  ", "第一行\n第二行", "_x000B_",
                                               "_x005F_x000B_", "=不是公式", "#DIV/0!"])
VALUES = (TEXT | st.integers(-10**15, 10**15) | st.booleans()
          | st.floats(allow_nan=False, allow_infinity=False)
          | st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(2100, 1, 1))
          | st.dates(datetime.date(1900, 3, 1), datetime.date(2100, 1, 1)))
CELLS = st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), VALUES,
                           st.sampled_from(FORMATS), st.booleans(), st.booleans()),
                 max_size=25)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=CELLS, merges=st.sets(st.sampled_from(["A1:B1", "C3:C5", "E8:F9"])),
       hidden=st.sets(st.integers(1, 12), max_size=3),
       widths=st.dictionaries(st.sampled_from("ABCDE"), st.floats(1, 60), max_size=3),
       state=st.sampled_from(["visible", "hidden"]))
def test_any_workbook_openpyxl_writes_reads_as_openpyxl_reads_it(
        tmp_path: Path, cells: list[tuple[int, int, Any, str, bool, bool]], merges: set[str],
        hidden: set[int], widths: dict[str, float], state: str) -> None:
    """Texts, numbers, booleans, dates in any format, bold and diagonal cells, merges over
    filled cells, hidden rows, column widths and a hidden sheet read the same."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row, column, value, number_format, bold, diagonal in cells:
        cell = ws.cell(row, column, value)
        cell.number_format = number_format
        cell.font = Font(b=bold)
        if diagonal:
            cell.border = Border(diagonal=Side(style="thin"), diagonalDown=True)
    for merged in merges:
        ws.merge_cells(merged)
    for row in hidden:
        ws.row_dimensions[row].hidden = True
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    other = wb.create_sheet("其他")
    other.sheet_state = state
    other["A1"] = "另一张表"
    path = tmp_path / "any.xlsx"
    wb.save(path)
    assert_same_as_openpyxl(path)


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>SUM(A1:A3)</f></c>
<c r="C1" t="str"><f>"甲"&amp;"乙"</f><v>甲乙</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">B2*2</f></c></row>
<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>
<row r="4"><c r="A4"><f t="shared" si="0"/><v>8</v></c><c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh></is></c><c><v>3.5</v></c></row>
</sheetData></worksheet>"""


def handmade(tmp_path: Path, sheet: str) -> Path:
    """A workbook whose one sheet is ``sheet``, as another program might have written it."""
    path = tmp_path / "handmade.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "表"
    wb.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_formulas_read_their_cached_values_and_the_uncalculated_ones_are_listed(
        tmp_path: Path) -> None:
    """A formula reads its cached value (a number, a text, an error); one without a cached
    value reads empty and is listed with its formula, a shared formula's dependent cell with
    the master's formula moved to it (as openpyxl gives it without data_only)."""
    path = handmade(tmp_path, SHEET)
    assert_same_as_openpyxl(path)
    found = read_stored(path)
    formulas = openpyxl.load_workbook(path)["表"]
    assert found.uncached == {("表", "B1"): "=SUM(A1:A3)", ("表", "A2"): "=B2*2",
                              ("表", "A3"): formulas["A3"].value}
    assert formulas["A3"].value == "=B3*2"


def test_cells_and_rows_without_a_reference_are_counted_as_openpyxl_counts_them(
        tmp_path: Path) -> None:
    """Some programs leave out ``r`` on rows and cells: positions follow on from the last."""
    sheet = SHEET.replace(' r="4"', "").replace('<row r="3">', "<row>")
    assert_same_as_openpyxl(handmade(tmp_path, sheet))


def test_an_entity_in_a_part_is_refused_as_openpyxl_refuses_it(tmp_path: Path) -> None:
    """A part declaring an entity is unsafe XML: defusedxml refuses it, in both readers."""
    sheet = SHEET.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                          '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>')
    path = handmade(tmp_path, sheet)
    with pytest.raises(Exception) as theirs, path.open("rb") as stream:
        openpyxl.load_workbook(stream, data_only=True)
    with pytest.raises(Exception) as ours:
        read_stored(path)
    assert type(ours.value).__name__ == "EntitiesForbidden"
    assert "EntitiesForbidden" in repr(theirs.value) or \
        type(theirs.value.__context__).__name__ == "EntitiesForbidden"


def test_a_cell_asked_for_is_made_and_kept_as_openpyxl_does(tmp_path: Path) -> None:
    """``ws.cell`` on an empty position gives an empty cell, kept: ``max_row`` then counts it,
    and ``ws[1]`` runs to the last column."""
    ws = read_stored(handmade(tmp_path, SHEET))["表"]
    assert ws.max_row == 4
    empty = ws.cell(9, 2)
    assert (empty.value, empty.coordinate, empty.number_format) == (None, "B9", "General")
    assert ws.cell(9, 2) is empty and ws.max_row == 9
    assert [c.coordinate for c in ws[1]] == ["A1", "B1", "C1", "D1"]


def _rewritten(tmp_path: Path, change) -> Path:
    """The example workbook with its parts changed by ``change(parts)``."""
    with zipfile.ZipFile(EXAMPLE_WORKBOOK) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    change(parts)
    path = tmp_path / "changed.xlsx"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_workbook_without_its_relationships_is_damaged_not_empty(tmp_path: Path) -> None:
    """Without the part saying which sheet is which, the file is damaged (as openpyxl says)
    — not a workbook missing every sheet."""
    from reportgen.errors import DataError
    from reportgen.xlsx import load

    path = _rewritten(tmp_path, lambda parts: parts.pop("xl/_rels/workbook.xml.rels"))
    with pytest.raises(DataError) as caught:
        load(path)
    assert [p.code for p in caught.value.problems] == ["E-FILE-DAMAGED"]


def test_a_strict_open_xml_workbook_is_named_for_what_it_is(tmp_path: Path) -> None:
    """Excel's "Strict Open XML" format names its parts otherwise: the clerk is told to save it
    again as an ordinary workbook, not that every sheet is missing."""
    from reportgen.errors import DataError
    from reportgen.xlsx import load

    def strict(parts: dict[str, bytes]) -> None:
        for name in list(parts):
            parts[name] = parts[name].replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    with pytest.raises(DataError) as caught:
        load(_rewritten(tmp_path, strict))
    [problem] = caught.value.problems
    assert problem.code == "E-FILE-STRICT" and "Strict Open XML" in str(problem)
    assert "另存为" in str(problem) and "损坏" not in str(problem)
