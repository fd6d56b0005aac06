"""Model → workbook: the inverse of :func:`reportgen.xlsx.load`.

:func:`write_workbook` writes a :class:`~reportgen.model.Report` as a workbook in the input
format (docs/workbook.md) such that loading it gives the same report in content: every text,
heading level, case, table cell and figure with its precision. The sources of the values
(which cell they came from) are not written; the loaded report has its own. Pictures are
written as image files beside the workbook (:mod:`reportgen.xlsx.figure_sheets`).

Callers add sheets of their own (:class:`ExtraSheet`, e.g. an import report); the loader
ignores sheets whose names are neither fixed nor start with ``表-``.
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Sequence

import openpyxl
from openpyxl.utils import get_column_letter
from attrs import frozen
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.catalog import SUB_ROW_PREFIX, ColumnKind, TableSpec
from reportgen.files import write_atomically
from reportgen.model import (
    Case,
    Chart,
    Figure,
    FreeTable,
    IndicatorRow,
    IndicatorTable,
    Paragraph,
    Picture,
    Report,
    Section,
)
from reportgen.xlsx.formatting import (
    DIAGONAL,
    HEADER_FONT,
    put_header,
    put_number,
    put_text,
)
from reportgen.xlsx.sheets import (
    BODY_COLUMNS,
    BODY_SHEET,
    CASES_COLUMNS,
    CASES_FIGURES_COLUMN,
    CASES_SHEET,
    CHARTS_SHEET,
    FOREWORD_COLUMNS,
    FOREWORD_SHEET,
    FREE_TABLE_PREFIX,
    HEADING_LEVELS,
    KIND_APPENDIX,
    KIND_CASE,
    KIND_CHART,
    KIND_PARAGRAPH,
    KIND_PICTURE,
    KIND_TABLE,
    META_COLUMNS,
    META_DATE,
    META_ISSUER,
    META_PERIOD,
    META_PREVIOUS,
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
    YES,
)
from reportgen.xlsx.figure_sheets import figures_of, picture_files, write_picture_files
from reportgen.xlsx.prose import write_charts, write_pictures
from reportgen.xlsx.settings import setting_rows

_KIND_OF_LEVEL = {level: kind for kind, level in HEADING_LEVELS.items()}
_LEVEL3_INDENT = "\u3000\u3000"
_SHEET_NAME_LIMIT = 31
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_WIDTHS = {ColumnKind.NUMBER: 6, ColumnKind.NAME: 40, ColumnKind.UNIT: 8, ColumnKind.VALUE: 12,
           ColumnKind.NOTE: 24, ColumnKind.FIGURE: 10, ColumnKind.TEXT: 14}
"""Each column's width in the sheet (characters), by what it holds."""
_FULL_WIDTH = {"[": "［", "]": "］", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"}


@frozen
class ExtraSheet:
    """A sheet the caller adds to the workbook (the loader does not read it)."""

    name: str
    """The sheet's name: not one of the workbook's fixed names, not starting with ``表-``."""
    columns: tuple[str, ...]
    """The column names of row 1."""
    rows: tuple[tuple[object, ...], ...]
    """The rows below, one value per column: text, a whole number or a Decimal, or None."""
    widths: tuple[float, ...] = ()
    """Column widths in Excel's units (characters); the default width where missing."""
    first: bool = False
    """True to put the sheet first (the one shown when the workbook opens)."""


def write_workbook(report: Report, path: str | os.PathLike[str], *,
                   extra_sheets: Sequence[ExtraSheet] = ()) -> Path:
    """Write ``report`` as a workbook at ``path`` (atomically); return the path.

    Every official table of the report's catalog gets its sheet: those the report lacks are
    written with the official rows and no figures. Raises :class:`ValueError` when a free table's key
    is not a usable sheet name (see :func:`free_sheet_name`) or two sheets share a name.
    """
    target = Path(path)
    folder = write_picture_files(report, target)
    write_atomically(target, workbook_bytes(report, extra_sheets=extra_sheets,
                                            picture_folder=folder))
    return target


def workbook_bytes(report: Report, *, extra_sheets: Sequence[ExtraSheet] = (),
                   picture_folder: str = "图片") -> bytes:
    """The workbook of ``report`` as the bytes of an .xlsx file; its 图片 sheet names the
    image files in ``picture_folder`` (which :func:`write_workbook` writes)."""
    wb = openpyxl.Workbook()
    meta_ws = wb.active
    assert meta_ws is not None
    meta_ws.title = META_SHEET
    _write_meta(meta_ws, report)
    _write_foreword(wb.create_sheet(FOREWORD_SHEET), report.foreword)
    _write_body(wb.create_sheet(BODY_SHEET), report)
    _write_cases(wb.create_sheet(CASES_SHEET), report.cases)
    tables = {t.spec.name: t for t in report.indicator_tables}
    for table in report.tables:
        if isinstance(table, IndicatorTable):
            tables.setdefault(table.spec.name, table)
    for table in report.appendix:
        if isinstance(table, IndicatorTable):
            tables.setdefault(table.spec.name, table)
    for spec in report.catalog.tables:
        _write_indicator_table(wb.create_sheet(spec.name), spec, tables.get(spec.name))
    for table in _free_tables(report):
        if table.key in wb.sheetnames:
            raise ValueError(f"two sheets named {table.key!r}")
        _write_free_table(wb.create_sheet(check_sheet_name(table.key)), table)
    if report.named:
        _write_named(wb.create_sheet(NAMED_SHEET), report)
    pictures, charts = figures_of(report)
    if pictures:
        write_pictures(wb.create_sheet(PICTURES_SHEET), pictures,
                       picture_files(pictures, picture_folder))
    if charts:
        write_charts(wb.create_sheet(CHARTS_SHEET), charts)
    for extra in extra_sheets:
        if extra.name in wb.sheetnames:
            raise ValueError(f"two sheets named {extra.name!r}")
        ws = wb.create_sheet(check_sheet_name(extra.name), 0 if extra.first else None)
        _write_extra(ws, extra)
        if extra.first:
            wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- sheet names --


def check_sheet_name(name: str) -> str:
    """``name`` if Excel accepts it as a sheet name; :class:`ValueError` otherwise."""
    if not name or len(name) > _SHEET_NAME_LIMIT or _FORBIDDEN_IN_SHEET_NAMES.search(name) \
            or name.startswith("'") or name.endswith("'"):
        raise ValueError(f"not a usable sheet name: {name!r}")
    return name


def free_sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet name for a free table titled ``title``: ``表-`` and the title, with the
    characters Excel refuses in sheet names replaced by their full-width forms, cut to
    Excel's 31 characters, and numbered (``表-名称2``) when ``taken`` already has it."""
    cleaned = "".join(_FULL_WIDTH.get(ch, ch) for ch in title).strip().strip("'") or "表格"
    taken_set = set(taken)
    base = (FREE_TABLE_PREFIX + cleaned)[:_SHEET_NAME_LIMIT]
    name, n = base, 1
    while name in taken_set:
        n += 1
        suffix = str(n)
        name = base[:_SHEET_NAME_LIMIT - len(suffix)] + suffix
    return name


# -- the fixed sheets --


def _write_meta(ws: Worksheet, report: Report) -> None:
    meta = report.meta
    put_header(ws, META_COLUMNS, (14, 40))
    rows: list[tuple[str, object]] = [
        (META_REGION, meta.region.text),
        (META_PERIOD, meta.period.text),
        (META_YEAR, meta.year),
        (META_TITLE, meta.title.text),
        (META_ISSUER, meta.issuer.text),
        (META_DATE, meta.date),
        (META_TABLES, TABLES_APPENDIX if meta.tables_in_appendix else TABLES_INLINE),
    ]
    if meta.show_previous:
        rows.append((META_PREVIOUS, YES))
    rows.extend(setting_rows(meta.settings))
    for row, (key, value) in enumerate(rows, 2):
        put_text(ws, row, 1, key)
        if isinstance(value, str):
            put_text(ws, row, 2, value)
        else:
            cell = ws.cell(row, 2)
            cell.value = value
            if key == META_DATE:
                cell.number_format = "yyyy-mm-dd"


def _write_foreword(ws: Worksheet, paragraphs: tuple[Paragraph, ...]) -> None:
    put_header(ws, FOREWORD_COLUMNS, (100,))
    for row, paragraph in enumerate(paragraphs, 2):
        put_text(ws, row, 1, paragraph.text.text, wrap=True)


def _write_body(ws: Worksheet, report: Report) -> None:
    put_header(ws, BODY_COLUMNS, (10, 100))
    row = 2

    def put(kind: str, content: str | int) -> None:
        nonlocal row
        put_text(ws, row, 1, kind)
        if isinstance(content, int):
            ws.cell(row, 2).value = content
        else:
            put_text(ws, row, 2, content, wrap=True)
        row += 1

    def walk(section: Section) -> None:
        put(_KIND_OF_LEVEL[section.level], section.title.text)
        for block in section.body:
            if isinstance(block, Paragraph):
                put(KIND_PARAGRAPH, block.text.text)
            elif isinstance(block, Case):
                put(KIND_CASE, _key_value(block.key))
            elif isinstance(block, IndicatorTable):
                put(KIND_TABLE, block.spec.name)
            elif isinstance(block, Picture):
                put(KIND_PICTURE, block.name.text)
            elif isinstance(block, Chart):
                put(KIND_CHART, block.name.text)
            else:
                put(KIND_TABLE, block.key)
        for child in section.children:
            walk(child)

    for chapter in report.chapters:
        walk(chapter)
    for table in report.appendix:  # where the rows stand does not matter: at the end
        put(KIND_APPENDIX, table.spec.name if isinstance(table, IndicatorTable) else table.key)


def _key_value(key: str) -> str | int:
    """A case number written as a number when it is one (Excel then shows no warning)."""
    return int(key) if re.fullmatch(r"[1-9]\d{0,8}", key) else key


def _write_cases(ws: Worksheet, cases: tuple[Case, ...]) -> None:
    with_figures = any(case.figures for case in cases)
    put_header(ws, CASES_COLUMNS + ((CASES_FIGURES_COLUMN,) if with_figures else ()),
               (8, 36, 30, 100, 24))
    for row, case in enumerate(cases, 2):
        key = _key_value(case.key)
        if isinstance(key, int):
            ws.cell(row, 1).value = key
        else:
            put_text(ws, row, 1, key)
        put_text(ws, row, 2, case.title.text, wrap=True)
        put_text(ws, row, 3, case.subtitle.text if case.subtitle else None, wrap=True)
        put_text(ws, row, 4, "\n".join(p.text.text for p in case.paragraphs), wrap=True)
        if case.figures:
            put_text(ws, row, 5, "\n".join(f.name.text for f in case.figures))


# -- tables --


def _write_indicator_table(ws: Worksheet, spec: TableSpec, table: IndicatorTable | None) -> None:
    """The official rows, numbered and labelled as printed, with the table's figures."""
    put_header(ws, spec.headers, tuple(_WIDTHS[c.kind] for c in spec.columns))
    at = {column.kind: index for index, column in enumerate(spec.columns, 1)
          if not column.extra}
    rows = table.rows if table is not None else tuple(
        IndicatorRow(indicator, unit, Figure(None)) for indicator, unit in spec.row_units())
    number = 0
    previous: IndicatorRow | None = None
    for row, item in enumerate(rows, 2):
        indicator = item.spec
        second_unit = previous is not None and previous.spec is indicator
        if indicator.level == 1 and not second_unit:
            number += 1
            ws.cell(row, at[ColumnKind.NUMBER]).value = number
        if not second_unit:
            put_text(ws, row, at[ColumnKind.NAME], _label(item, previous))
        put_text(ws, row, at[ColumnKind.UNIT], item.unit)
        put_number(ws.cell(row, at[ColumnKind.VALUE]), item.value.value)
        put_text(ws, row, at[ColumnKind.NOTE], item.note.text if item.note else None)
        for index, column in enumerate(spec.columns, 1):
            if column.kind is ColumnKind.FIGURE:
                figure = item.figure_in(column.id)
                put_number(ws.cell(row, index), figure.value if figure else None)
            elif column.kind is ColumnKind.TEXT:
                text = item.text_in(column.id)
                put_text(ws, row, index, text.text if text else None)
        previous = item


def _label(row: IndicatorRow, previous: IndicatorRow | None) -> str:
    """The 指标 cell as printed: "其中：" before a group's first part, sub-sub-rows indented."""
    spec = row.spec
    if spec.level >= 3:
        return _LEVEL3_INDENT + spec.name
    before = previous.spec if previous is not None else None
    if spec.level == 2 and spec.part and before is not None and (
            before.level == 1 or not before.part):
        return SUB_ROW_PREFIX + spec.name
    return spec.name


def _free_tables(report: Report) -> list[FreeTable]:
    seen: dict[str, FreeTable] = {}
    for table in report.tables + report.appendix:
        if isinstance(table, FreeTable):
            seen.setdefault(table.key, table)
    return list(seen.values())


def _write_free_table(ws: Worksheet, table: FreeTable) -> None:
    """The grid from A1 as laid out: merges, bold header rows, diagonal header cells."""
    covered = {(r, c) for s in table.spans for r in range(s.row, s.row + s.rows)
               for c in range(s.col, s.col + s.cols) if (r, c) != (s.row, s.col)}
    longest = 0
    for r, row in enumerate(table.cells):
        for c, item in enumerate(row):
            if (r, c) in covered:
                continue
            if item.number is not None:
                cell = put_number(ws.cell(r + 1, c + 1), item.number)
            else:
                cell = put_text(ws, r + 1, c + 1, item.text)
            if r < table.header_rows:
                cell.font = HEADER_FONT
            if item.diagonal:
                cell.border = DIAGONAL
            longest = max([longest] + [len(line) for line in item.text.split("\n")])
    for span in table.spans:
        if span.rows > 1 or span.cols > 1:
            ws.merge_cells(start_row=span.row + 1, start_column=span.col + 1,
                           end_row=span.row + span.rows, end_column=span.col + span.cols)
    if table.column_widths:  # the clerk's widths: the printed columns keep their proportions
        for c, width in enumerate(table.column_widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = float(width)
    else:  # the sheet's default width, no column's own: printed widths then fit the content
        ws.sheet_format.defaultColWidth = min(max(8, longest * 2), 24)


def _write_named(ws: Worksheet, report: Report) -> None:
    columns = NAMED_COLUMNS + (NAMED_UNIT_COLUMN,)
    put_header(ws, columns, (30, 14, 8))
    for row, named in enumerate(report.named, 2):
        put_text(ws, row, 1, named.name.text)
        put_number(ws.cell(row, 2), named.value.value)
        put_text(ws, row, 3, named.unit or None)


def _write_extra(ws: Worksheet, extra: ExtraSheet) -> None:
    put_header(ws, extra.columns, extra.widths)
    for r, values in enumerate(extra.rows, 2):
        for c, value in enumerate(values, 1):
            if value is None or isinstance(value, str):
                put_text(ws, r, c, value, wrap=isinstance(value, str) and len(value) > 30)
            elif isinstance(value, bool):
                put_text(ws, r, c, "是" if value else "否")
            elif isinstance(value, int):
                ws.cell(r, c).value = value
            elif isinstance(value, Decimal):
                put_number(ws.cell(r, c), value)
            else:
                put_text(ws, r, c, str(value))
