"""Excel's conventions for reading cells: built-in number formats, which formats are dates,
date serial numbers, ISO dates, cell coordinates and ranges.

These are openpyxl's own rules (``openpyxl.styles.numbers``, ``openpyxl.utils.datetime``,
``openpyxl.utils.cell``, ``CellRange``), written out again so that building a report does not
import openpyxl: importing it alone takes 0.1–0.2 s, a quarter of a single ``--no-toc`` build,
and reading a report's workbook (:mod:`reportgen.xlsx.sheet_xml`) needs nothing else of it.
openpyxl is still what writes workbooks (``init``, ``merge``, ``check --annotate``).
``tests/test_xlsx_excel_formats.py`` checks each function against openpyxl's.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Iterator

__all__ = ["BUILTIN_FORMATS", "BUILTIN_FORMATS_MAX_SIZE", "BUILTIN_FORMATS_REVERSE",
           "DEFAULT_COLUMN_WIDTH", "MAC_EPOCH", "WINDOWS_EPOCH", "CellRange",
           "coordinate_to_tuple", "from_excel", "from_iso8601", "get_column_letter",
           "is_date_format", "is_timedelta_format"]

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
"""The number formats every workbook knows by id (those openpyxl knows: the Chinese-locale
date formats 27–36 and 50–58 have no code here and read ``General``)."""
BUILTIN_FORMATS_REVERSE = {code: number for number, code in BUILTIN_FORMATS.items()}
"""Each built-in format's id, by its code."""
BUILTIN_FORMATS_MAX_SIZE = 164
"""The first id of a workbook's own number formats."""
DEFAULT_COLUMN_WIDTH = 13.0
"""The width openpyxl gives a column format that states none."""

WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
"""Day 0 of the 1900 date system (Excel's default)."""
MAC_EPOCH = datetime.datetime(1904, 1, 1)
"""Day 0 of the 1904 date system (``date1904`` in the workbook)."""

_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_ISO = re.compile(r"""
(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?
(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?""",
                  re.VERBOSE)
_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")
_COORDINATE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def is_date_format(code: str | None) -> bool:
    """Numbers shown in ``code`` are dates or times (its first section holds a date letter
    outside quotes and brackets)."""
    if code is None:
        return False
    return _DATE_LETTER.search(_STRIP.sub("", code.split(";")[0])) is not None


def is_timedelta_format(code: str | None) -> bool:
    """Numbers shown in ``code`` are durations (``[h]:mm:ss``)."""
    return code is not None and _TIMEDELTA.search(code.split(";")[0]) is not None


def from_excel(value: float, epoch: datetime.datetime = WINDOWS_EPOCH,
               timedelta: bool = False) -> datetime.datetime | datetime.time | datetime.timedelta:
    """The date (a time of day below 1, a duration if ``timedelta``) of a serial number; raises
    :class:`OverflowError` or :class:`ValueError` beyond the dates Python knows."""
    if timedelta:
        duration = datetime.timedelta(days=value)
        if duration.microseconds:  # to the millisecond
            duration = datetime.timedelta(seconds=duration.total_seconds() // 1,
                                          microseconds=round(duration.microseconds, -3))
        return duration
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return datetime.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel counts a 29 February 1900 that never was
    return epoch + datetime.timedelta(days=day) + diff


def from_iso8601(text: str | None) -> datetime.datetime | datetime.date | datetime.time | \
        datetime.timedelta | None:
    """A date, time or date and time written ``2024-12-30T08:00:00Z`` (or a duration
    ``PT1H``), as a cell of type ``d`` holds it; :class:`ValueError` for anything else."""
    if not text:
        return None
    match = _ISO.match(text)
    if match and any(match.groups()):
        parts = match.groupdict(0)
        numbers = {key: int(parts[key]) if parts[key] else 0
                   for key in ("year", "month", "day", "hour", "minute", "second")}
        micro = int(float(parts["microsecond"]) * 1_000_000) if parts["microsecond"] else 0
        if not parts["date"]:
            return datetime.time(numbers["hour"], numbers["minute"], numbers["second"], micro)
        if not parts["time"]:
            return datetime.date(numbers["year"], numbers["month"], numbers["day"])
        return datetime.datetime(numbers["year"], numbers["month"], numbers["day"], numbers["hour"],
                                 numbers["minute"], numbers["second"], micro)
    match = _DURATION.match(text)
    if match and any(match.groups()):
        return datetime.timedelta(**{key: float(value) if value else 0
                                     for key, value in match.groupdict(0).items()})
    raise ValueError(f"Invalid datetime value {text}")


@functools.lru_cache(maxsize=None)  # at most 18,278 columns: every cell's reference asks
def get_column_letter(column: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB`` (1 to 18,278)."""
    if not 1 <= column <= 18278:
        raise ValueError(f"Invalid column index {column}")
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


@functools.lru_cache(maxsize=1 << 16)  # every stored cell's reference is read; most repeat
def coordinate_to_tuple(coordinate: str) -> tuple[int, int]:
    """``B7`` → ``(7, 2)``: (row, column)."""
    match = _COORDINATE.fullmatch(coordinate)
    if match is None:
        raise ValueError(f"Invalid cell coordinates ({coordinate})")
    row = int(match.group(2))
    if row == 0:
        raise ValueError(f"There is no row 0 ({coordinate})")
    return row, _column_index(match.group(1))


class CellRange:
    """A rectangle of cells such as ``A1:C2`` (a merged range)."""

    __slots__ = ("min_row", "min_col", "max_row", "max_col")

    def __init__(self, reference: str):
        first, _, last = reference.partition(":")
        self.min_row, self.min_col = coordinate_to_tuple(first)
        self.max_row, self.max_col = coordinate_to_tuple(last) if last else (self.min_row,
                                                                             self.min_col)
        if self.min_row > self.max_row or self.min_col > self.max_col:
            raise ValueError(f"{reference} is not a valid range")

    @property
    def coord(self) -> str:
        """``A1:C2``; one cell alone: ``A1``."""
        first = f"{get_column_letter(self.min_col)}{self.min_row}"
        if (self.min_row, self.min_col) == (self.max_row, self.max_col):
            return first
        return f"{first}:{get_column_letter(self.max_col)}{self.max_row}"

    @property
    def cells(self) -> Iterator[tuple[int, int]]:
        """Each (row, column) of the range, row by row."""
        for row in range(self.min_row, self.max_row + 1):
            for column in range(self.min_col, self.max_col + 1):
                yield row, column
