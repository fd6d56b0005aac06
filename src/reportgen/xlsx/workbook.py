"""Opening a workbook and reading it whole into a :class:`~reportgen.model.Report`.

Every problem in the workbook is collected; the report is returned only when none of them
is an error. The workbook is opened read-only on disk (never saved back).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import Catalog, ColumnKind, latest
from reportgen.errors import DataError, Problem, Problems
from reportgen.xlsx.body import figure_kind, read_body, split_paragraphs
from reportgen.xlsx.cases import read_cases
from reportgen.xlsx.charts import read_charts
from reportgen.xlsx.pictures import read_pictures
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.container import check_workbook_file
from reportgen.xlsx.sheets import (
    BODY_SHEET,
    CASES_SHEET,
    CHARTS_SHEET,
    FOREWORD_COLUMNS,
    FOREWORD_SHEET,
    FREE_TABLE_PREFIX,
    META_COLUMNS,
    META_DATE,
    META_ISSUER,
    META_KEYS,
    META_PERIOD,
    META_REGION,
    META_SHEET,
    META_TABLES,
    META_TITLE,
    META_YEAR,
    NAMED_COLUMNS,
    NAMED_SHEET,
    NAMED_UNIT_COLUMN,
    PICTURES_SHEET,
    TABLES_APPENDIX,
    TABLES_INLINE,
    check_layout,
    data_rows,
    find_columns,
)
from reportgen.xlsx.settings import read_settings
from reportgen.xlsx.tables import read_free_table, read_indicator_table
from reportgen.xlsx.year import catalog_of_year
from reportgen.model import (
    FigureItem,
    IndicatorTable,
    Meta,
    NamedFigure,
    Paragraph,
    Report,
    SourceRef,
    Table,
    Text,
)


def open_workbook(path: Path) -> tuple[Workbook, dict[tuple[str, str], str]]:
    """The workbook at ``path`` with the cached values of its formulas, and the formulas that
    have no cached value, by (sheet, cell).

    Raises :class:`UsageError` when the path is missing and :class:`DataError` when the file
    is not a readable .xlsx workbook (see :mod:`reportgen.xlsx.container`).
    """
    check_workbook_file(path)
    try:
        with path.open("rb") as stream:  # closed even when openpyxl fails half-way
            values = openpyxl.load_workbook(stream, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        if _unsafe_xml(exc):
            raise DataError([Problem.of("E-FILE-UNSAFE-XML", SourceRef(path.name, ""))]) from exc
        raise DataError([Problem.of("E-FILE-DAMAGED", SourceRef(path.name, ""),
                                    found=_reason(exc))]) from exc
    try:
        uncached = _uncached_formulas(path, values)
    except Exception:  # the values loaded; a second reading failing is no reason to stop
        uncached = {}
    return values, uncached


_UNSAFE_XML = frozenset({"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden",
                         "NotSupportedError"})
"""What defusedxml raises for entity expansion and external references."""


def _unsafe_xml(exc: BaseException | None) -> bool:
    """True when defusedxml refused a part (openpyxl wraps the error in its own)."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__name__ in _UNSAFE_XML:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _uncached_formulas(path: Path, values: Workbook) -> dict[tuple[str, str], str]:
    """Formula cells whose value was never calculated (the file was last saved by a program
    that does not calculate, such as openpyxl itself): their cached value reads ``None``."""
    found: dict[tuple[str, str], str] = {}
    with path.open("rb") as stream:
        formulas = openpyxl.load_workbook(stream, data_only=False, read_only=True)
        try:
            _collect_uncached(formulas, values, found)
        finally:
            formulas.close()
    return found


def _collect_uncached(formulas: Workbook, values: Workbook,
                      found: dict[tuple[str, str], str]) -> None:
    """Add to ``found`` each formula of ``formulas`` whose cell in ``values`` is empty."""
    for ws in formulas.worksheets:
        if ws.title not in values.sheetnames:
            continue
        cached = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) != "f" or cell.value is None:
                    continue
                text = getattr(cell.value, "text", cell.value)  # an ArrayFormula has .text
                if cached[cell.coordinate].value is None:
                    found[(ws.title, cell.coordinate)] = str(text)


def _reason(exc: Exception) -> str:
    """A short technical reason for the maintainers, in the problem's 'found' part."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def read_report(path: Path, problems: Problems, catalog: Catalog | None = None) -> Report | None:
    """The report in the workbook, or ``None`` when ``problems`` holds errors.

    The indicator tables are read against ``catalog`` when given, else against the catalog
    of the workbook's 报告年份 (see :mod:`reportgen.xlsx.year`).
    """
    wb, uncached = open_workbook(path)
    try:
        reader = CellReader(path.name, problems, wb.epoch, uncached=uncached)
        sheets = {ws.title: ws for ws in wb.worksheets}

        def sheet(name: str, mergeable: tuple[str, ...] = ()) -> Worksheet | None:
            if name in sheets:
                check_layout(sheets[name], reader, problems, mergeable=mergeable)
                return sheets[name]
            expected = {META_SHEET, FOREWORD_SHEET, CASES_SHEET, BODY_SHEET, PICTURES_SHEET,
                        CHARTS_SHEET, NAMED_SHEET,
                        *(spec.name for spec in (catalog or latest()).tables)}
            strangers = [s for s in sheets if s not in expected
                         and not s.startswith(FREE_TABLE_PREFIX)]
            close = difflib.get_close_matches(name, strangers, n=1, cutoff=0.5)
            if close:
                problems.add("E-SHEET-MISNAMED", reader.sheet_ref(name), sheet=name, similar=close[0])
            else:
                problems.add("E-SHEET-MISSING", reader.sheet_ref(name), sheet=name,
                             sheets=list(sheets))
            return None

        meta_ws, foreword_ws = sheet(META_SHEET), sheet(FOREWORD_SHEET)
        cases_ws, body_ws = sheet(CASES_SHEET), sheet(BODY_SHEET)
        meta, year, year_ref, placement_known = (_read_meta(meta_ws, reader, problems)
                                                 if meta_ws else (None, None, None, False))
        catalog = catalog or catalog_of_year(year, year_ref, problems)
        foreword = _read_foreword(foreword_ws, reader, problems) if foreword_ws else ()
        seen: dict[str, SourceRef] = {}  # figure names, shared by pictures and charts
        figures: dict[str, FigureItem] = {}
        if PICTURES_SHEET in sheets:
            check_layout(sheets[PICTURES_SHEET], reader, problems)
            figures.update(read_pictures(sheets[PICTURES_SHEET], path.parent, reader, problems,
                                         seen))
        if CHARTS_SHEET in sheets:
            check_layout(sheets[CHARTS_SHEET], reader, problems)
            figures.update(read_charts(sheets[CHARTS_SHEET], path.parent, reader, problems, seen))
        placed_figures: dict[str, SourceRef] = {}
        cases, unreadable_cases = (read_cases(cases_ws, reader, problems, figures,
                                              placed_figures) if cases_ws else ({}, None))

        named = (read_named(sheets[NAMED_SHEET], reader, problems) if NAMED_SHEET in sheets
                 else ())
        tables: dict[str, Table] = {}
        unreadable_tables = {spec.name for spec in catalog.tables}
        indicator_tables: list[IndicatorTable] = []
        for spec in catalog.tables:
            merged = (spec.fixed(ColumnKind.NUMBER).sheet, spec.fixed(ColumnKind.NAME).sheet)
            ws = sheet(spec.name, mergeable=merged)
            table = read_indicator_table(ws, spec, reader, problems) if ws else None
            if table is not None:
                tables[spec.name] = table
                indicator_tables.append(table)
        for name, ws in sheets.items():
            if name.startswith(FREE_TABLE_PREFIX):
                check_layout(ws, reader, problems, free=True)
                free = read_free_table(ws, reader, problems)
                if free is not None:
                    tables[name] = free
                else:
                    unreadable_tables.add(name)

        # -- a wrong 指标表位置 is one error: the indicator tables are then not required --
        in_appendix = bool(meta and meta.tables_in_appendix)
        official = {name for name in tables if catalog.by_name(name)}
        required = set(tables) - (official if in_appendix or not placement_known else set())
        unreadable_tables -= tables.keys()
        chapters, appendix = read_body(
            body_ws, reader, problems, cases, tables, required,
            unreadable_tables=unreadable_tables, unreadable_cases=unreadable_cases,
            appendix_only=official if in_appendix else (), figures=figures,
            placed_figures=placed_figures) if body_ws else ((), ())
        for name, figure in figures.items():
            if name not in placed_figures:
                problems.add("W-FIGURE-UNPLACED", figure.source, figure=name,
                             kind=figure_kind(figure))
        if body_ws and not chapters and not problems.errors:
            problems.add("E-BODY-EMPTY", reader.sheet_ref(BODY_SHEET))
    finally:
        wb.close()
    if problems.errors or meta is None:
        return None
    return Report(meta, foreword, chapters, tuple(indicator_tables), named=named, catalog=catalog,
                  appendix=appendix)


def _read_meta(ws: Worksheet, reader: CellReader,
               problems: Problems) -> tuple[Meta | None, int | None, SourceRef | None, bool]:
    """The report's settings, its 报告年份 and that cell (known even when another setting
    is missing, to choose the catalog), and whether 指标表位置 was understood."""
    columns = find_columns(ws, META_COLUMNS, reader, problems)
    if columns is None:
        return None, None, None, False
    cells = {}
    for row in data_rows(ws):
        key_cell = ws.cell(row, columns["项目"])
        key = (display(key_cell) or "").strip()
        if not key:
            continue
        if key not in META_KEYS:
            problems.add("W-META-UNKNOWN", reader.ref(key_cell), found=key, items=META_KEYS)
        elif key in cells:
            problems.add("E-META-TWICE", reader.ref(key_cell), item=key)
        else:
            cells[key] = ws.cell(row, columns["内容"])

    def text(key: str) -> Text | None:
        if key not in cells:
            problems.add("E-META-MISSING", reader.sheet_ref(ws.title), item=key)
            return None
        value = reader.text(cells[key])
        if value is None:
            problems.add("E-META-EMPTY", reader.ref(cells[key]), item=key)
        return value

    region, period, title, issuer = (text(k) for k in (META_REGION, META_PERIOD, META_TITLE,
                                                        META_ISSUER))
    year = reader.integer(cells[META_YEAR]) if text(META_YEAR) else None
    date = reader.date(cells[META_DATE]) if text(META_DATE) else None
    appendix, placement_known = False, True
    if META_TABLES in cells:
        placement = reader.text(cells[META_TABLES])
        if placement is not None and placement.text not in (TABLES_INLINE, TABLES_APPENDIX):
            placement_known = False
            problems.add("E-META-TABLES", reader.ref(cells[META_TABLES]), found=placement.text,
                         item=META_TABLES, inline=TABLES_INLINE, appendix=TABLES_APPENDIX)
        appendix = placement is not None and placement.text == TABLES_APPENDIX
    year_ref = reader.ref(cells[META_YEAR]) if META_YEAR in cells else None
    settings = read_settings(cells, reader, problems)
    if None in (region, period, title, issuer, year, date):
        return None, year, year_ref, placement_known
    assert region and period and title and issuer and year is not None and date is not None
    return Meta(region=region, period=period, year=year, title=title, issuer=issuer, date=date,
                tables_in_appendix=appendix, year_source=year_ref,
                date_source=reader.ref(cells[META_DATE]), settings=settings), year, year_ref, \
        placement_known


def _read_foreword(ws: Worksheet, reader: CellReader, problems: Problems) -> tuple[Paragraph, ...]:
    columns = find_columns(ws, FOREWORD_COLUMNS, reader, problems)
    if columns is None:
        return ()
    paragraphs: list[Paragraph] = []
    for row in data_rows(ws):
        text = reader.text(ws.cell(row, columns["段落"]))
        if text is not None:
            paragraphs.extend(split_paragraphs(text))
    return tuple(paragraphs)


# -- the optional 数据 sheet: figures the workbook names itself, for placeholders --

_FORBIDDEN = "〔〕"


def read_named(ws: Worksheet, reader: CellReader, problems: Problems) -> tuple[NamedFigure, ...]:
    """Every named figure of the sheet; duplicate or malformed names are located errors."""
    headers = {(display(c) or "").strip() for c in (ws[1] if ws.max_row >= 1 else ())}
    expected = NAMED_COLUMNS + ((NAMED_UNIT_COLUMN,) if NAMED_UNIT_COLUMN in headers else ())
    columns = find_columns(ws, expected, reader, problems)
    if columns is None:
        return ()
    found: dict[str, NamedFigure] = {}
    for row in data_rows(ws):
        name_cell = ws.cell(row, columns["名称"])
        value_cell = ws.cell(row, columns["数值"])
        name = reader.text(name_cell)
        if name is None:
            if value_cell.value is not None:
                problems.add("E-NAMED-NO-NAME", reader.ref(name_cell))
            continue
        if any(ch in name.text for ch in _FORBIDDEN) or ":" in name.text or "：" in name.text:
            problems.add("E-NAMED-BAD-NAME", reader.ref(name_cell), found=name.text)
            continue
        if name.text in found:
            first = found[name.text].name.source
            problems.add("E-NAMED-DUPLICATE", reader.ref(name_cell), name=name.text,
                         first=first.cell if first else "")
            continue
        figure = reader.figure(value_cell)
        if figure.value is None and value_cell.value is None:
            problems.add("E-NAMED-EMPTY", reader.ref(value_cell), name=name.text)
            continue
        unit = ""
        if NAMED_UNIT_COLUMN in columns:
            unit_text = reader.text(ws.cell(row, columns[NAMED_UNIT_COLUMN]))
            unit = unit_text.text if unit_text else ""
        found[name.text] = NamedFigure(name, figure, unit)
    return tuple(found.values())
