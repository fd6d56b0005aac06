"""A workbook's stored cells, read straight from its XML parts: the values openpyxl's
``load_workbook(data_only=True)`` gives, at a third of its cost.

Building a report reads every cell of the workbook once. openpyxl builds a full object model
for that (styles, descriptors, a rich-text object per string) and its load was the largest
single cost of a report. This module parses each part once with the C XML parser (through
defusedxml, which refuses entities and external references as openpyxl's own load does) and
keeps only what the readers use: each cell's value, type and number format, whether its font
is bold, merged ranges, hidden rows, column widths and each sheet's visibility.

The objects (:mod:`reportgen.xlsx.stored`) answer with openpyxl's meaning: the values and types follow ``openpyxl.worksheet._reader``
(``data_only``), number formats follow its stylesheet (custom codes equal to a built-in one take
the built-in id), the cells a merged range covers read empty. ``tests/test_xlsx_sheet_xml.py``
reads the same workbooks with both and compares every cell.

The same pass finds the formulas that have no cached value (the workbook was last saved by a
program that does not calculate), which openpyxl could only give with a second load.
"""

from __future__ import annotations

import datetime
import posixpath
import zipfile
from pathlib import Path
from typing import Any, Iterator

from defusedxml import ElementTree

from reportgen.xlsx.excel_formats import (BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE,
                                          BUILTIN_FORMATS_REVERSE, MAC_EPOCH, WINDOWS_EPOCH,
                                          CellRange, coordinate_to_tuple, from_excel,
                                          from_iso8601, get_column_letter)

from reportgen.xlsx.stored import (MAIN, PLAIN, Border, CellStyle, Column, Row, SheetFormat,
                                   StoredCell, StoredSheet, StoredWorkbook, flag)

__all__ = ["StrictWorkbookError", "read_stored", "sheet_entries"]


class StrictWorkbookError(ValueError):
    """The workbook was saved as "Strict Open XML", whose parts reportgen (and openpyxl)
    cannot read: the clerk is told to save it again as an ordinary .xlsx."""

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _F, _IS, _T, _R = (MAIN + tag for tag in ("c", "v", "f", "is", "t", "r"))


def read_stored(path: Path) -> StoredWorkbook:
    """Every worksheet of the .xlsx at ``path``. Raises what zipfile, the XML parser
    (defusedxml's refusals included) or a malformed value raise for a damaged file."""
    with path.open("rb") as stream, zipfile.ZipFile(stream) as archive:
        names = set(archive.namelist())
        workbook, targets, entries = sheet_entries(archive)
        strings_part = _part_of(targets, "/sharedStrings", "xl/sharedStrings.xml")
        styles_part = _part_of(targets, "/styles", "xl/styles.xml")
        strings = _shared_strings(_parse(archive, strings_part)) if strings_part in names else []
        styles = _styles(_parse(archive, styles_part)) if styles_part in names else [PLAIN]
        properties = workbook.find(f"{MAIN}workbookPr")
        epoch = (MAC_EPOCH if properties is not None and flag(properties.get("date1904"))
                 else WINDOWS_EPOCH)
        sheets: list[StoredSheet] = []
        uncached: dict[tuple[str, str], str] = {}
        for title, state, kind, part in entries:
            if part not in names or kind.endswith("/chartsheet"):
                continue  # openpyxl skips a sheet whose part is missing
            ws = StoredSheet(title, state)
            _read_sheet(_parse(archive, part), ws, strings, styles, epoch, uncached)
            sheets.append(ws)
    return StoredWorkbook(sheets, epoch, uncached)


def sheet_entries(archive: zipfile.ZipFile) -> tuple[Any, dict[str, tuple[str, str]],
                                                     list[tuple[str, str, str, str]]]:
    """The workbook part, its relationships (id → type, part name) and each sheet it lists,
    in order: (title, state, relationship type, part name). Raises for a missing part,
    unsafe or damaged XML, and a Strict Open XML workbook."""
    workbook = _parse(archive, "xl/workbook.xml")
    if workbook.tag != f"{MAIN}workbook":  # Excel's "Strict Open XML" names it otherwise
        raise StrictWorkbookError("Strict Open XML")
    targets = _relationships(archive, "xl/_rels/workbook.xml.rels")
    entries = []
    for entry in workbook.iter(f"{MAIN}sheet"):
        kind, part = targets.get(entry.get(f"{_REL}id", ""), ("", ""))
        entries.append((entry.get("name", ""), entry.get("state", "visible"), kind, part))
    return workbook, targets, entries


def _parse(archive: zipfile.ZipFile, part: str) -> Any:
    return ElementTree.fromstring(archive.read(part))


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Each relationship's id → (type, part name in the archive); a missing part is damage."""
    rels = _parse(archive, part)
    found = {}
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else "xl/" + target
        found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(name))
    return found


def _part_of(targets: dict[str, tuple[str, str]], kind: str, default: str) -> str:
    return next((part for type_, part in targets.values() if type_.endswith(kind)), default)


def _text(element: Any) -> str:
    """A string item's text as openpyxl's ``Text.content``: its plain text, then each run's,
    phonetic guides (``rPh``) left out."""
    snippets = []
    for child in element:
        if child.tag == _T:
            if child.text:
                snippets.append(child.text)
        elif child.tag == _R:
            for t in child.iter(_T):
                if t.text:
                    snippets.append(t.text)
                break
    return "".join(snippets)


def _shared_strings(root: Any) -> list[str]:
    return [_text(item).replace("x005F_", "") for item in root.iter(f"{MAIN}si")]


def _styles(root: Any) -> list[CellStyle]:
    """Each cell format of the stylesheet, as openpyxl's stylesheet normalises it."""
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in root.iter(f"{MAIN}numFmt")}
    fonts = root.find(f"{MAIN}fonts")
    bold = [_bold(font) for font in fonts.iter(f"{MAIN}font")] if fonts is not None else []
    borders_element = root.find(f"{MAIN}borders")
    borders = ([Border(border) for border in borders_element.iter(f"{MAIN}border")]
               if borders_element is not None else [])
    xfs = root.find(f"{MAIN}cellXfs")
    rebased: list[str] = []  # custom codes in the order openpyxl numbers them
    styles = []
    for xf in (xfs.iter(f"{MAIN}xf") if xfs is not None else ()):
        num_fmt_id = int(xf.get("numFmtId", "0"))
        if num_fmt_id in custom:
            code = custom[num_fmt_id]
            if code in BUILTIN_FORMATS_REVERSE:
                num_fmt_id = BUILTIN_FORMATS_REVERSE[code]
            else:
                if code not in rebased:
                    rebased.append(code)
                num_fmt_id = rebased.index(code) + BUILTIN_FORMATS_MAX_SIZE
        else:
            code = BUILTIN_FORMATS.get(num_fmt_id, "General")
        font, border = int(xf.get("fontId", "0")), int(xf.get("borderId", "0"))
        styles.append(CellStyle(num_fmt_id, code, bold[font] if font < len(bold) else False,
                                borders[border] if border < len(borders) else None))
    return styles or [PLAIN]


def _bold(font: Any) -> bool:
    b = font.find(f"{MAIN}b")
    return b is not None and flag(b.get("val"), default=True)


def _read_sheet(root: Any, ws: StoredSheet, strings: list[str], styles: list[CellStyle],
                epoch: datetime.datetime, uncached: dict[tuple[str, str], str]) -> None:
    """Fill ``ws`` from its part's XML ``root``."""
    masters: dict[str, tuple[str, str]] = {}  # shared formulas: (formula, cell), by index
    cells = ws._cells
    for row, column, element in _cells(root, ws):
        value, data_type, style = _value(element, strings, styles, epoch)
        cells[(row, column)] = StoredCell(ws, row, column, value, data_type, style)
        formula = element.find(_F)
        if formula is not None:
            text = _formula(formula, element.get("r"), masters, wanted=value is None)
            if text is not None:
                uncached[(ws.title, cells[(row, column)].coordinate)] = text
    for col in root.iter(f"{MAIN}col"):
        attributes = dict(col.attrib)
        if "min" in attributes:
            ws.column_dimensions[get_column_letter(int(attributes["min"]))] = Column(attributes)
    sheet_format = root.find(f"{MAIN}sheetFormatPr")
    if sheet_format is not None:
        ws.sheet_format = SheetFormat(sheet_format.get("defaultColWidth"))
    seen = set()
    for merge in root.iter(f"{MAIN}mergeCell"):
        merged = CellRange(merge.get("ref", ""))
        if merged.coord in seen:
            continue
        seen.add(merged.coord)
        ws.merged_cells.ranges.append(merged)
        ws.cell(merged.min_row, merged.min_col)  # the top left cell is there, even empty
        for row, column in list(merged.cells)[1:]:  # the covered cells read empty
            cells[(row, column)] = StoredCell(ws, row, column)


def _cells(root: Any, ws: StoredSheet) -> Iterator[tuple[int, int, Any]]:
    """Each ``<c>`` of the sheet with its row and column (counted where the file omits them,
    as openpyxl does); rows with a format of their own are noted on ``ws``."""
    data = root.find(f"{MAIN}sheetData")
    row_number = 0
    for row in (data if data is not None else ()):
        row_number = _row_number(row.get("r"), row_number)
        if {k for k in row.attrib if not k.startswith("{")} - {"r", "spans"}:
            ws.row_dimensions[row_number] = Row(flag(row.get("hidden")))
        column = 0
        for element in row:
            coordinate = element.get("r")
            if coordinate:
                row_at, column = coordinate_to_tuple(coordinate)
            else:
                row_at, column = row_number, column + 1
            yield row_at, column, element


def _row_number(number: str | None, previous: int) -> int:
    """A row's number: its ``r`` (a whole number, possibly written ``3.0``), else the next."""
    if number is None:
        return previous + 1
    try:
        return int(number)
    except ValueError:
        value = float(number)
        if not value.is_integer():
            raise ValueError(f"{number} is not a valid row number") from None
        return int(value)


def _value(element: Any, strings: list[str], styles: list[CellStyle],
           epoch: datetime.datetime) -> tuple[Any, str, CellStyle]:
    """A cell's value, type and format, as openpyxl's ``parse_cell`` with ``data_only``."""
    data_type = element.get("t", "n")
    style_id = element.get("s")
    style = styles[int(style_id)] if style_id else styles[0]
    if data_type == "inlineStr":
        child = element.find(_IS)
        return (_text(child), "s", style) if child is not None else (None, data_type, style)
    value: Any = element.findtext(_V) or None
    if value is None:
        return None, data_type, style
    if data_type == "n":
        number = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
        if not style.date:
            return number, "n", style
        try:
            return from_excel(number, epoch, timedelta=style.timedelta), "d", style
        except (OverflowError, ValueError):
            return "#VALUE!", "e", style
    if data_type == "s":
        return strings[int(value)], "s", style
    if data_type == "b":
        return bool(int(value)), "b", style
    if data_type == "str":
        return value, "s", style
    if data_type == "d":
        return from_iso8601(value), "d", style
    return value, data_type, style


def _formula(formula: Any, coordinate: str | None, masters: dict[str, tuple[str, str]], *,
             wanted: bool) -> str | None:
    """The formula's text, ``=…``, if ``wanted``; a shared formula's dependent cell gets the
    master's formula moved to it, as openpyxl gives it. A master is noted in ``masters``."""
    text = "=" + (formula.text or "")
    if formula.get("t") == "shared":
        index = formula.get("si")
        if index in masters and coordinate:
            return _moved(*masters[index], coordinate) if wanted else None
        if text != "=" and coordinate and index is not None:
            masters[index] = (text, coordinate)
    return text if wanted else None


def _moved(text: str, origin: str, coordinate: str) -> str:
    """``text``, the formula of cell ``origin``, as it reads copied to ``coordinate``."""
    # -- openpyxl's formula tokenizer, imported only for a shared formula never calculated --
    from openpyxl.formula.translate import Translator

    return str(Translator(text, origin).translate_formula(coordinate))
