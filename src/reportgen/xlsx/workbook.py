"""Opening a workbook and reading it whole into a :class:`~reportgen.model.Report`.

Every problem in the workbook is collected; the report is returned only when none of them
is an error. The workbook is opened read-only on disk (never saved back).
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path


from reportgen.catalog import Catalog, ColumnKind, latest
from reportgen.errors import Problems
from reportgen.xlsx.body import figure_kind, read_body, read_cases, split_paragraphs
from reportgen.xlsx.figure_sheets import read_charts, read_pictures
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.container import check_workbook_file, unopenable
from reportgen.xlsx.sheet_xml import read_stored
from reportgen.xlsx.stored import StoredWorkbook
from reportgen.xlsx.sheets import (Sheet, 
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
    META_PREVIOUS,
    META_TABLES,
    META_TITLE,
    META_YEAR,
    NAMED_SHEET,
    PICTURES_SHEET,
    MARKS_SHEET,
    RULES_SHEET,
    SOURCES_SHEET,
    STATUS_CARRIED,
    STATUS_COLUMN,
    STATUS_VALUES,
    NO,
    YES,
    TABLES_APPENDIX,
    TABLES_INLINE,
    check_characters,
    check_layout,
    data_rows,
    filled_rows,
    find_columns,
)
from reportgen.xlsx.optional_sheets import read_marks, read_named, read_rules, read_sources
from reportgen.xlsx.progress import (EMPTY_BODY, EMPTY_META, StatusReader, collapse_unfilled,
                                     warn_missing_figures)
from reportgen.xlsx.settings import catalog_of_year, read_choice, read_settings
from reportgen.xlsx.tables import read_free_table, read_indicator_table
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


def open_workbook(path: Path) -> StoredWorkbook:
    """The workbook at ``path``: the cached values of its formulas, and the formulas that have
    no cached value (:attr:`StoredWorkbook.uncached`), read in one pass
    (:mod:`reportgen.xlsx.sheet_xml`).

    Raises :class:`UsageError` when the path is missing and :class:`DataError` when the file
    is not a readable .xlsx workbook (see :mod:`reportgen.xlsx.container`).
    """
    check_workbook_file(path)
    try:
        return read_stored(path)
    except Exception as exc:  # a damaged file fails in many ways
        raise unopenable(path, exc) from exc


def read_report(path: Path, problems: Problems, catalog: Catalog | None = None, *,
                draft: bool = False) -> Report | None:
    """The report in the workbook, or ``None`` when ``problems`` holds errors.

    The indicator tables are read against ``catalog`` when given, else against the catalog
    of the workbook's 报告年份 (see :mod:`reportgen.xlsx.settings`). A ``draft`` (a school's form
    sent for ``merge``) may leave 地区, 报告标题, 发布单位, 成文日期 and 正文 empty: they read
    as empty texts and the last day of the year.
    """
    wb = open_workbook(path)
    try:
        reader = CellReader(path.name, problems, wb.epoch, uncached=wb.uncached)
        sheets = {ws.title: ws for ws in wb.worksheets}

        def sheet(name: str, mergeable: tuple[str, ...] = ()) -> Sheet | None:
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
        statuses = StatusReader(reader, problems)
        meta, year, year_ref, placement_known = (_read_meta(meta_ws, reader, problems, draft)
                                                 if meta_ws else (None, None, None, False))
        catalog = catalog or catalog_of_year(year, year_ref, problems)
        foreword = _read_foreword(foreword_ws, reader, problems, statuses) if foreword_ws else ()
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
        unreadable_figures = set(seen) - set(figures)  # named, but the picture was refused
        cases, unreadable_cases, candidates = (
            read_cases(cases_ws, reader, problems, statuses, figures, placed_figures,
                       unreadable_figures)
            if cases_ws else ({}, None, set()))
        merged_figures = (read_sources(sheets[SOURCES_SHEET], reader, problems)
                          if SOURCES_SHEET in sheets else ())

        named: tuple[NamedFigure, ...] = ()
        if NAMED_SHEET in sheets:
            check_characters(sheets[NAMED_SHEET], reader, problems)
            named = read_named(sheets[NAMED_SHEET], reader, problems)
        marks = read_marks(sheets[MARKS_SHEET], reader, problems) if MARKS_SHEET in sheets else ()
        declared = (read_rules(sheets[RULES_SHEET], reader, problems) if RULES_SHEET in sheets
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
        blank = body_ws is not None and not filled_rows(body_ws) - {1}
        chapters, appendix = read_body(
            body_ws, reader, problems, cases, tables, required,
            unreadable_tables=unreadable_tables, unreadable_cases=unreadable_cases,
            appendix_only=official if in_appendix else (), figures=figures,
            placed_figures=placed_figures, statuses=statuses,
            unreadable_figures=unreadable_figures,
            candidates=candidates) if body_ws and not blank else ((), ())
        for name, figure in figures.items():
            if name not in placed_figures:
                problems.add("W-FIGURE-UNPLACED", figure.source, figure=name,
                             kind=figure_kind(figure))
        if body_ws and not chapters and (blank and not draft or not blank and not problems.errors):
            problems.add(EMPTY_BODY, reader.sheet_ref(BODY_SHEET))
        statuses.report()
        warn_missing_figures(indicator_tables, problems)
        collapse_unfilled(problems, path.name, indicator_tables)
    finally:
        wb.close()
    if problems.errors or meta is None:
        return None
    return Report(meta, foreword, chapters, tuple(indicator_tables), named=named, marks=marks,
                  declared=declared, catalog=catalog, appendix=appendix, merged=merged_figures)


_DRAFT_OPTIONAL = (META_REGION, META_TITLE, META_ISSUER, META_DATE)
"""What a draft may leave empty."""


def _read_meta(ws: Sheet, reader: CellReader, problems: Problems, draft: bool = False
               ) -> tuple[Meta | None, int | None, SourceRef | None, bool]:
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
        if value is None and draft and key in _DRAFT_OPTIONAL:
            return Text("", reader.ref(cells[key]))
        if value is None:
            problems.add(EMPTY_META, reader.ref(cells[key]), item=key)
        return value

    region, period, title, issuer = (text(k) for k in (META_REGION, META_PERIOD, META_TITLE,
                                                        META_ISSUER))
    year = reader.integer(cells[META_YEAR]) if text(META_YEAR) else None
    date_text = text(META_DATE)
    date = reader.date(cells[META_DATE]) if date_text and date_text.text else None
    if date_text and not date_text.text and year is not None:
        date = datetime.date(year, 12, 31)  # a draft without its date
    appendix, placement_known = False, True
    if META_TABLES in cells:
        placement = reader.text(cells[META_TABLES])
        if placement is not None and placement.text not in (TABLES_INLINE, TABLES_APPENDIX):
            placement_known = False
            problems.add("E-META-TABLES", reader.ref(cells[META_TABLES]), found=placement.text,
                         item=META_TABLES, inline=TABLES_INLINE, appendix=TABLES_APPENDIX)
        appendix = placement is not None and placement.text == TABLES_APPENDIX
    show_previous = read_choice(cells, META_PREVIOUS, {YES: True, NO: False}, False, reader,
                                problems)
    year_ref = reader.ref(cells[META_YEAR]) if META_YEAR in cells else None
    settings = read_settings(cells, reader, problems)
    if None in (region, period, title, issuer, year, date):
        return None, year, year_ref, placement_known
    assert region and period and title and issuer and year is not None and date is not None
    return Meta(region=region, period=period, year=year, title=title, issuer=issuer, date=date,
                tables_in_appendix=appendix, year_source=year_ref,
                date_source=reader.ref(cells[META_DATE]), settings=settings,
                show_previous=show_previous), year, year_ref, placement_known


def _read_foreword(ws: Sheet, reader: CellReader, problems: Problems,
                   statuses: StatusReader) -> tuple[Paragraph, ...]:
    columns = find_columns(ws, FOREWORD_COLUMNS, reader, problems, optional=(STATUS_COLUMN,))
    if columns is None:
        return ()
    paragraphs: list[Paragraph] = []
    for row in data_rows(ws):
        text = reader.text(ws.cell(row, columns["段落"]))
        if text is not None:
            paragraphs.extend(split_paragraphs(text))
            if statuses.status(ws, row, columns, STATUS_VALUES) == STATUS_CARRIED:
                statuses.note_carried(ws.cell(row, columns["段落"]))
    return tuple(paragraphs)


