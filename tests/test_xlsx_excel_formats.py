"""Excel's conventions (reportgen.xlsx.excel_formats) are openpyxl's, without importing it.

Each function is compared with openpyxl's own on generated inputs: built-in formats, which
formats are dates or durations, serial numbers to dates in both date systems, ISO dates,
column letters, coordinates and ranges. And a report is built without importing openpyxl.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import numbers as theirs_numbers
from openpyxl.utils import cell as theirs_cell
from openpyxl.utils import datetime as theirs_datetime
from openpyxl.worksheet.cell_range import CellRange as TheirRange

from reportgen.xlsx import excel_formats as ours

from conftest import EXAMPLE_WORKBOOK


def same_outcome(mine: Callable[[], Any], theirs: Callable[[], Any]) -> None:
    """Both give the same value, or both raise an error of the same kind."""
    try:
        expected: Any = theirs()
    except (ValueError, OverflowError, KeyError) as error:
        with pytest.raises((ValueError, OverflowError, KeyError)):
            mine()
        assert isinstance(error, (ValueError, OverflowError, KeyError))
        return
    found = mine()
    assert found == expected and type(found) is type(expected), (found, expected)


def test_the_built_in_formats_are_openpyxls() -> None:
    """The same codes by id, the same first id of a workbook's own formats and column width."""
    assert ours.BUILTIN_FORMATS == theirs_numbers.BUILTIN_FORMATS
    assert ours.BUILTIN_FORMATS_MAX_SIZE == theirs_numbers.BUILTIN_FORMATS_MAX_SIZE
    assert ours.BUILTIN_FORMATS_REVERSE == theirs_numbers.BUILTIN_FORMATS_REVERSE
    from openpyxl.utils.units import DEFAULT_COLUMN_WIDTH
    assert ours.DEFAULT_COLUMN_WIDTH == DEFAULT_COLUMN_WIDTH
    assert (ours.WINDOWS_EPOCH, ours.MAC_EPOCH) == (theirs_datetime.WINDOWS_EPOCH,
                                                   theirs_datetime.MAC_EPOCH)


FORMAT_PIECES = st.sampled_from(['0', '.00', '%', '#,##', 'yyyy', 'mm', 'dd', 'h', ':ss', '[h]',
                                 '[mm]', '[ss]', '"年"', '"d"', '[Red]', '[$-804]', '\\d', '_d',
                                 ';', '@', 'AM/PM', 'E+0', ' ', 'General', '[DBNum1]'])
FORMATS = st.lists(FORMAT_PIECES, max_size=6).map("".join) | st.sampled_from(
    list(theirs_numbers.BUILTIN_FORMATS.values()))


@given(FORMATS)
def test_dates_and_durations_are_told_from_numbers_as_openpyxl_tells_them(code: str) -> None:
    """A format is a date format, a duration format, or neither, as openpyxl says."""
    assert ours.is_date_format(code) == theirs_numbers.is_date_format(code)
    assert ours.is_timedelta_format(code) == theirs_numbers.is_timedelta_format(code)


SERIALS = (st.floats(min_value=-1e6, max_value=3e6, allow_nan=False)
           | st.integers(-10, 3_000_000) | st.sampled_from([0, 0.5, 1, 59, 60, 61, 0.99999999,
                                                               2958465.9999999, 1e10]))


@given(SERIALS, st.sampled_from([ours.WINDOWS_EPOCH, ours.MAC_EPOCH]), st.booleans())
def test_serial_numbers_become_the_dates_openpyxl_gives(value: float, epoch: datetime.datetime,
                                                        duration: bool) -> None:
    """Dates, times of day and durations, the 1900 leap-year quirk, and out-of-range serials
    (an error) as openpyxl."""
    same_outcome(lambda: ours.from_excel(value, epoch, timedelta=duration),
                 lambda: theirs_datetime.from_excel(value, epoch, timedelta=duration))


ISO_TEXTS = (st.datetimes(datetime.datetime(1, 1, 1)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000).isoformat(timespec="milliseconds"))
    | st.dates().map(lambda d: d.isoformat())
    | st.sampled_from(["2024-12-30T00:00:00Z", "08:30", "08:30:15.250", "PT1H30M", "PT2.5S",
                       "2024-13-01", "not a date", "", "2024-02-30T00:00:00"]))


@given(ISO_TEXTS)
def test_iso_dates_read_as_openpyxl_reads_them(text: str) -> None:
    """Dates, times, dates with times and durations; anything else is an error."""
    same_outcome(lambda: ours.from_iso8601(text), lambda: theirs_datetime.from_ISO8601(text))


@given(st.integers(-2, 18_300))
def test_column_letters_are_openpyxls(column: int) -> None:
    """1 → A, 27 → AA … 18,278 → ZZZ; beyond is an error."""
    same_outcome(lambda: ours.get_column_letter(column),
                 lambda: theirs_cell.get_column_letter(column))


COORDINATES = st.tuples(st.integers(1, 1_048_576), st.integers(1, 18_278)).map(
    lambda rc: f"{theirs_cell.get_column_letter(rc[1])}{rc[0]}")


@given(COORDINATES)
def test_coordinates_are_read_as_openpyxl_reads_them(coordinate: str) -> None:
    """``B7`` → (7, 2)."""
    assert ours.coordinate_to_tuple(coordinate) == theirs_cell.coordinate_to_tuple(coordinate)


@pytest.mark.parametrize("coordinate", ["A", "7", "", "A1B", "AAAA1", "A0", "7A"])
def test_a_reference_that_names_no_cell_is_an_error(coordinate: str) -> None:
    """(openpyxl's shortcut reads some of these as row 0 or fails in its own ways; a file
    holding one is damaged either way.)"""
    with pytest.raises(ValueError):
        ours.coordinate_to_tuple(coordinate)


@given(st.lists(st.integers(1, 30), min_size=4, max_size=4), st.booleans())
def test_ranges_are_openpyxls(numbers: list[int], one_cell: bool) -> None:
    """A range's corners, its coordinate (one cell alone: ``A1``) and its cells in order."""
    top, left = min(numbers[0], numbers[1]), min(numbers[2], numbers[3])
    bottom, right = (top, left) if one_cell else (max(numbers[0], numbers[1]),
                                                   max(numbers[2], numbers[3]))
    reference = f"{theirs_cell.get_column_letter(left)}{top}:" \
                f"{theirs_cell.get_column_letter(right)}{bottom}"
    mine, expected = ours.CellRange(reference), TheirRange(reference)
    assert (mine.min_row, mine.min_col, mine.max_row, mine.max_col) == (
        expected.min_row, expected.min_col, expected.max_row, expected.max_col)
    assert mine.coord == expected.coord
    assert list(mine.cells) == list(expected.cells)


def test_a_report_is_built_without_importing_openpyxl(tmp_path: Any) -> None:
    """Importing openpyxl costs a fifth of a single build: reading a report does not need it
    (openpyxl writes workbooks: ``init``, ``merge``, ``check --annotate``)."""
    script = ("import sys, reportgen\n"
              f"reportgen.generate({str(EXAMPLE_WORKBOOK)!r}, {str(tmp_path / 'r.docx')!r},"
              " toc=False)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
