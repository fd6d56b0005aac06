"""Reading one cell: text without control characters, numbers as the clerk sees them.

openpyxl gives the stored value, not what Excel shows: a cell shown as ``90.48%`` reads
``0.9048`` and one shown as ``2.00`` reads ``2``. Numbers are therefore read together with
the cell's number format and kept as :class:`~decimal.Decimal` whose exponent is the
precision shown; rounding is Excel's (half away from zero), not Python's.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Mapping, TypeAlias

from reportgen.errors import Problems
from reportgen.model import Figure, SourceRef, Text
from reportgen.xlsx.excel_formats import from_excel
from reportgen.xlsx.stored import StoredCell

if TYPE_CHECKING:  # a report is read without openpyxl; merge and init open with it
    from openpyxl.cell.cell import Cell, MergedCell

AnyCell: TypeAlias = "Cell | MergedCell | StoredCell"

# Characters illegal in XML 1.0 (Word refuses them) plus the other C0/C1 controls that
# copy-paste brings along. Tab and line feed are kept: they mean something in a cell.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Excel stores a character XML cannot hold (a control character) as ``_x000B_``, and a
# literal ``_x`` as ``_x005F_x``; openpyxl hands these escapes over as they are. A character
# beyond U+FFFF may come as an escaped UTF-16 pair (``_xD840__xDC00_`` is 𠀀); half a pair
# (a lone surrogate) is no character at all: Python cannot even print it.
_OOXML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
"""What a lone surrogate becomes: Unicode's replacement character, �."""


def unescape(text: str) -> str:
    """A string as the clerk typed it: Excel's ``_xHHHH_`` escapes turned back, escaped
    surrogate pairs joined into their character, and a lone surrogate replaced by
    :data:`REPLACEMENT` — the result is always valid Unicode."""
    return valid_unicode(_unescape_raw(text) if "_x" in text else text)


def _unescape_raw(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def valid_unicode(text: str) -> str:
    """``text`` with surrogate pairs joined and lone surrogates replaced by �."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def has_lone_surrogate(raw: str) -> bool:
    """True when ``raw`` (a stored cell string) holds half a surrogate pair, escaped or not:
    reading it replaces that half with �."""
    text = _unescape_raw(raw) if "_x" in raw else raw
    if not _SURROGATE.search(text):
        return False
    try:
        text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return True
    return False

EMPTY_MARKS = frozenset({"/", "／", "—", "——", "－", "-", "无"})
"""Text a clerk types in a number cell to mean "nothing to report"; read as an empty figure."""

# Built-in number formats that Chinese-locale Excel uses for dates but openpyxl does not
# know (ids 27–36 and 50–58): their values come back as serial numbers.
_CJK_DATE_FORMAT_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))


class CellReader:
    """Reads cells of one workbook, locating every value and collecting problems."""

    def __init__(self, file_name: str, problems: Problems, epoch: datetime.datetime | None = None,
                 *, uncached: Mapping[tuple[str, str], str] | None = None):
        self.file_name = file_name
        self.problems = problems
        self.epoch = epoch
        self.uncached = dict(uncached or {})
        """Formula cells without a cached value, by (sheet, cell): their formula."""
        self._reported: set[tuple[str, str]] = set()

    def _lost(self, cell: AnyCell) -> bool:
        """True (with a problem, recorded once) when the cell reads empty only because its
        formula was never calculated, or when it shows an error value such as ``#DIV/0!``."""
        key = (cell.parent.title, cell.coordinate)
        formula = self.uncached.get(key) if cell.value is None else None
        error = cell.value if getattr(cell, "data_type", None) == "e" else None
        if formula is None and error is None:
            return False
        if key not in self._reported:
            self._reported.add(key)
            if formula is not None:
                self.problems.add(
                    "E-CELL-UNCALCULATED", self.ref(cell),
                    found=formula if formula.startswith("=") else "=" + formula)
            else:
                self.problems.add("E-CELL-FORMULA-ERROR", self.ref(cell), found=error)
        return True

    def ref(self, cell: AnyCell) -> SourceRef:
        """Where the cell is."""
        return SourceRef(self.file_name, cell.parent.title, cell.coordinate)

    def sheet_ref(self, sheet_title: str) -> SourceRef:
        """A whole sheet."""
        return SourceRef(self.file_name, sheet_title)

    # -- text --

    def text(self, cell: AnyCell) -> Text | None:
        """The cell as text (numbers as shown), or ``None`` when it is empty."""
        if self._lost(cell):
            return None
        raw = display(cell)
        if raw is None:
            return None
        cleaned = _CONTROL.sub("", raw.replace("\r\n", "\n"))
        if cleaned != raw.replace("\r\n", "\n"):
            self.problems.add("W-CELL-CONTROL-CHARACTERS", self.ref(cell))
        cleaned = cleaned.strip()
        return Text(cleaned, self.ref(cell)) if cleaned else None

    # -- numbers --

    def figure(self, cell: AnyCell, *, unit: str | None = None, ratio: bool = False) -> Figure:
        """The cell as a number; an empty cell (or 无, /, —) is an empty figure.

        Text is accepted when it is plainly a number: ``1,234``, full-width ``１２３４``,
        surrounding spaces, a trailing ``%`` where the row's ``unit`` is ``%`` (``12%`` reads
        12), and ``16.29:1`` in a ratio row (unit ``:``). Anything else is a located problem.
        """
        ref = self.ref(cell)
        ratio = ratio or unit == ":"
        if self._lost(cell):
            return Figure(None, ref)
        value = cell.value
        if value is None:
            return Figure(None, ref)
        if isinstance(value, bool):
            self.problems.add("E-CELL-NUMBER-LOGICAL", ref, found=display(cell))
            return Figure(None, ref)
        if isinstance(value, (int, float, Decimal)):
            return Figure(number_as_shown(value, cell.number_format), ref)
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            self.problems.add("E-CELL-NUMBER-DATE", ref, found=display(cell))
            return Figure(None, ref)
        text = _CONTROL.sub("", unescape(str(value)))
        parsed = parse_number_text(text, ratio=ratio, percent=unit in (None, "%"))
        if parsed is _EMPTY:
            return Figure(None, ref)
        if parsed is None:
            if unit and unit not in (":", "%") and unit in text:
                self.problems.add("E-CELL-NUMBER-UNIT", ref, found=text.strip(), unit=unit)
            elif unit and ("%" in text or "％" in text):
                self.problems.add("E-CELL-NUMBER-PERCENT", ref, found=text.strip(), unit=unit)
            else:
                self.problems.add("E-CELL-NUMBER", ref, found=text.strip())
            return Figure(None, ref)
        assert isinstance(parsed, Decimal)
        return Figure(parsed, ref)

    def integer(self, cell: AnyCell) -> int | None:
        """A whole number (a year), or ``None`` with a problem recorded."""
        figure = self.figure(cell, unit="")
        if figure.value is None or figure.value != figure.value.to_integral_value():
            if figure.value is not None or cell.value is None:
                self.problems.add("E-CELL-INTEGER", self.ref(cell), found=display(cell) or "")
            return None
        return int(figure.value)

    # -- dates --

    def date(self, cell: AnyCell) -> datetime.date | None:
        """A date cell, or a date typed as text (2024-12-30, 2024年12月30日)."""
        if self._lost(cell):
            return None
        value = cell.value
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (
            cell.is_date or _is_cjk_date_format(cell)
        ):
            converted = from_excel(value, self.epoch) if self.epoch else from_excel(value)
            if isinstance(converted, datetime.datetime):
                return converted.date()
        if isinstance(value, str):
            match = _DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", value))
            if match:
                try:
                    return datetime.date(*(int(g) for g in match.groups()))
                except ValueError:
                    pass
        self.problems.add("E-CELL-DATE", self.ref(cell), found=display(cell) or "")
        return None


def _is_cjk_date_format(cell: AnyCell) -> bool:
    """True when the cell uses a Chinese-locale built-in date format openpyxl does not know."""
    style_id = getattr(cell, "_style", None)
    num_fmt_id = getattr(style_id, "numFmtId", None)
    return num_fmt_id in _CJK_DATE_FORMAT_IDS


_EMPTY = object()


def parse_number_text(text: str, *, ratio: bool = False,
                      percent: bool = True) -> Decimal | object | None:
    """A number typed as text: a Decimal, ``_EMPTY`` for a "nothing" mark, or ``None``.

    A trailing ``%`` is dropped only when ``percent`` is true (the row's unit is %)."""
    normalized = unicodedata.normalize("NFKC", text).strip()
    if not normalized or normalized in EMPTY_MARKS or text.strip() in EMPTY_MARKS:
        return _EMPTY
    normalized = normalized.replace(" ", "")
    if ratio:
        match = _RATIO.fullmatch(normalized)
        if match:
            normalized = match.group(1)
    if percent and normalized.endswith("%"):
        normalized = normalized[:-1]
    if _THOUSANDS.fullmatch(normalized):
        normalized = normalized.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(normalized):
        return None
    try:
        return Decimal(normalized)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return None


_PLACES = re.compile(r"0\.(0+)")
_DATE_TEXT = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_RATIO = re.compile(r"(.+?):1")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def number_as_shown(value: int | float | Decimal, number_format: str) -> Decimal:
    """The number Excel displays for ``value`` under ``number_format``.

    ``General`` shows the shortest form (``98.62``, ``4000``); a fixed format shows its
    decimals (``0.00`` → ``2.00``); a percent format shows the value times 100
    (``0.00%`` → ``90.48``).
    """
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    exponent = number.as_tuple().exponent
    if isinstance(value, float) and isinstance(exponent, int) and number.adjusted() - exponent >= 15:
        # Excel keeps 15 significant digits: 0.1+0.2 is 0.3 there, 0.30000000000000004 here.
        number = number.quantize(Decimal(1).scaleb(number.adjusted() - 14),
                                 rounding=ROUND_HALF_UP).normalize()
    section = (number_format or "General").split(";")[0]
    section = _FORMAT_LITERALS.sub("", section)  # literal text, colours
    percent = "%" in section
    if percent:
        number = number * 100
    if section.strip().lower() in ("general", "@", ""):
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize() if not percent else _trim(number)
    match = _PLACES.search(section)
    places = len(match.group(1)) if match else 0
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _trim(number: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    normalized = number.normalize()
    return normalized.quantize(Decimal(1)) if normalized == normalized.to_integral_value() \
        else normalized


def display(cell: AnyCell) -> str | None:
    """The cell's content as the clerk reads it, or ``None`` when empty."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return format_plain(number_as_shown(value, cell.number_format))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return unescape(str(value))


def format_plain(number: Decimal) -> str:
    """A Decimal written out in full, never in exponent notation."""
    return format(number, "f")


def is_blank(value: Any) -> bool:
    """True for an empty cell or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())
