"""Tables of a Word report: the official indicator tables, recognised by their rows, and free
tables, kept as laid out.

An indicator table is recognised when most of its 指标 cells name the rows of one catalog
table, in order. Its figures go to the official rows: "其中：" and indentation are ignored, the
second row of a two-unit indicator (门, then 学时) has an empty or merged 指标 cell, 16.29:1
reads 16.29, 98.62% reads 98.62. Any other table is a free table: its cells as text (plain
numbers as numbers), merges, header rows (marked to repeat, or bold, at the top), diagonal
header cells.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from reportgen.catalog import SUB_ROW_PREFIX, Catalog, ColumnKind, IndicatorSpec, TableSpec
from reportgen.model import (
    ColumnValue,
    Figure,
    FreeCell,
    IndicatorRow,
    IndicatorTable,
    Span,
    Text,
)
from reportgen.word.reading.items import Grid
from reportgen.word.reading.items import Guess, Position

_EMPTY_MARKS = frozenset({"", "/", "／", "—", "——", "－", "-", "无", "--"})
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_YEAR_HEADER = re.compile(r"^(\d{4})\s*年")


def layout(grid: Grid) -> tuple[list[list[str]], list[Span], list[list[bool]]]:
    """The table as a rectangle of texts (covered cells empty), its merged ranges, and which
    cells are diagonal."""
    width = max((cell.col + cell.span for row in grid.rows for cell in row), default=0)
    texts = [[""] * width for _ in grid.rows]
    diagonal = [[False] * width for _ in grid.rows]
    starts: dict[tuple[int, int], list[int]] = {}  # (row, col) of a range → [rows, cols]
    open_at: dict[int, tuple[int, int]] = {}  # grid column → the range continuing there
    for r, row in enumerate(grid.rows):
        for cell in row:
            if cell.merge == "continue" and cell.col in open_at:
                starts[open_at[cell.col]][0] += 1
                continue
            texts[r][cell.col] = cell.text
            diagonal[r][cell.col] = cell.diagonal
            starts[(r, cell.col)] = [1, cell.span]
            if cell.merge == "restart":
                open_at[cell.col] = (r, cell.col)
            else:
                open_at.pop(cell.col, None)
    spans = [Span(r, c, rows, cols) for (r, c), (rows, cols) in sorted(starts.items())
             if rows > 1 or cols > 1]
    return texts, spans, diagonal


def _norm(text: str) -> str:
    """An indicator's name for matching: no "其中：", spaces, asterisks, full-width forms."""
    flat = unicodedata.normalize("NFKC", text)
    flat = re.sub(r"\s+", "", flat)
    for prefix in (unicodedata.normalize("NFKC", SUB_ROW_PREFIX), "其中"):
        if flat.startswith(prefix):
            flat = flat[len(prefix):]
    return flat.replace("*", "").strip()


def _unit(text: str) -> str:
    flat = unicodedata.normalize("NFKC", text).strip()
    return ":" if flat in (":", "比") else flat


def _find_column(header: list[str], names: tuple[str, ...]) -> int | None:
    """The first column headed by one of ``names``, else the first whose header starts with
    one of them."""
    flats = [re.sub(r"\s+", "", text) for text in header]
    for exact in (True, False):
        for index, flat in enumerate(flats):
            if flat and any(flat == name if exact else flat.startswith(name) for name in names):
                return index
    return None


def blank_row(spec: TableSpec, indicator: IndicatorSpec, unit: str) -> IndicatorRow:
    """A row of ``spec`` without figures, as the loader reads an empty sheet row."""
    return IndicatorRow(indicator, unit, Figure(None), None, tuple(
        ColumnValue(c.id, figure=Figure(None)) if c.kind is ColumnKind.FIGURE
        else ColumnValue(c.id) for c in spec.extra_columns))


def recognise(grid: Grid, catalog: Catalog) -> tuple[TableSpec, float] | None:
    """The catalog table whose indicator rows this table has, with the share found."""
    texts, _, _ = layout(grid)
    labels = {_norm(cell) for row in texts for cell in row if cell.strip()}
    best: tuple[TableSpec, float] | None = None
    for spec in catalog.tables:
        names = {_norm(s.name) for s in spec.indicators}
        share = len(names & labels) / len(names)
        if share >= 0.5 and (best is None or share > best[1]):
            best = (spec, share)
    return best


def indicator_table(grid: Grid, spec: TableSpec,
                    guesses: list[Guess]) -> tuple[IndicatorTable, int | None]:
    """The figures of an indicator table, and the year its figures' column names."""
    texts, _, _ = layout(grid)
    names = {_norm(s.name) for s in spec.indicators}
    first = next((r for r, row in enumerate(texts) if any(_norm(c) in names for c in row)), 0)
    header = texts[first - 1] if first > 0 else []
    name_col = max(range(len(texts[first])), key=lambda c: sum(
        _norm(row[c]) in names for row in texts[first:])) if texts else 1
    year = None
    value_col = None
    for index, text in enumerate(header):
        match = _YEAR_HEADER.match(text.strip())
        if match:
            year, value_col = int(match.group(1)), index
    unit_col = _find_column(header, (spec.fixed(ColumnKind.UNIT).sheet, "单位"))
    unit_col = unit_col if unit_col is not None else name_col + 1
    if value_col is None:
        value_col = _find_column(header, (spec.fixed(ColumnKind.VALUE).sheet, "数值", "数据",
                                          "本年", "指标值", "值"))
    value_col = value_col if value_col is not None else unit_col + 1
    note_col = _find_column(header, (spec.fixed(ColumnKind.NOTE).sheet, "备注", "说明"))
    own_cols = {c.id: _find_column(header, (c.sheet, c.printed_header(year or 0)))
                for c in spec.extra_columns}

    def cell(row: list[str], col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    found: list[tuple[str, int]] = []  # (name, row index)
    previous = ""
    for r in range(first, len(texts)):
        label = _norm(cell(texts[r], name_col))
        if not label and not any(c.strip() for c in texts[r]):
            continue
        label = label or previous
        found.append((label, r))
        previous = label
    wanted = [(_norm(s.name), unit) for s, unit in spec.row_units()]
    matcher = difflib.SequenceMatcher(a=[f[0] for f in found], b=[w[0] for w in wanted],
                                      autojunk=False)
    rows_of: dict[int, int] = {}
    used: set[int] = set()
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            rows_of[b + k] = found[a + k][1]
            used.add(a + k)
    where = grid.where
    result = []
    for index, (indicator, unit) in enumerate(spec.row_units()):
        at = rows_of.get(index)
        if at is None:
            guesses.append(Guess.of("W-IMPORT-INDICATOR-ROW-MISSING", where, table=spec.name,
                                    label=indicator.name, unit=unit))
            result.append(blank_row(spec, indicator, unit))
            continue
        row = texts[at]
        written_unit = _unit(cell(row, unit_col))
        if written_unit and written_unit != _unit(unit):
            guesses.append(Guess.of("W-IMPORT-INDICATOR-UNIT", where, table=spec.name,
                                    label=indicator.name, written_unit=written_unit, unit=unit))
        value = _figure(cell(row, value_col), unit, spec, indicator.name, where, guesses)
        note = Text(cell(row, note_col)) if cell(row, note_col) else None
        own = []
        for column in spec.extra_columns:
            written = cell(row, own_cols[column.id])
            own.append(ColumnValue(column.id, figure=_figure(written, column.unit, spec,
                                                             indicator.name, where, guesses))
                       if column.kind is ColumnKind.FIGURE
                       else ColumnValue(column.id, text=Text(written) if written else None))
        result.append(IndicatorRow(indicator, unit, value, note, tuple(own)))
    for k, (label, r) in enumerate(found):
        if k not in used:
            guesses.append(Guess.of("W-IMPORT-INDICATOR-ROW-EXTRA", where,
                                    found=" | ".join(c for c in texts[r] if c.strip()),
                                    table=spec.name))
    return IndicatorTable(spec, tuple(result)), year


def _figure(text: str, unit: str, spec: TableSpec, name: str, where: Position,
            guesses: list[Guess]) -> Figure:
    value = parse_figure(text, unit)
    if value is None and text.strip() not in _EMPTY_MARKS:
        guesses.append(Guess.of("W-IMPORT-INDICATOR-VALUE", where, found=text, table=spec.name,
                                label=name))
    return Figure(value)


def parse_figure(text: str, unit: str = "") -> Decimal | None:
    """A figure as printed in a table cell: ``1,234``, ``98.62%``, ``16.29:1``; ``None`` for
    an empty cell, a dash, 无, or anything that is not a number."""
    flat = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if flat in _EMPTY_MARKS:
        return None
    if unit == ":":
        flat = re.sub(r":1$", "", flat)
    flat = flat.removesuffix("%") if unit in ("%", "") else flat
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", flat):
        flat = flat.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(flat):
        return None
    try:
        return Decimal(flat)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def free_cells(grid: Grid) -> tuple[tuple[tuple[FreeCell, ...], ...], tuple[Span, ...], int]:
    """A free table's cells, merged ranges and header rows, with empty trailing rows and
    columns removed."""
    texts, spans, diagonal = layout(grid)
    last_row = max((r for r, row in enumerate(texts) if any(row)), default=-1)
    last_col = max((c for row in texts for c, text in enumerate(row) if text), default=-1)
    for span in spans:
        if span.row <= last_row and span.col <= last_col:
            last_row = max(last_row, span.row + span.rows - 1)
            last_col = max(last_col, span.col + span.cols - 1)
    cells = tuple(
        tuple(FreeCell(text, Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else None,
                       diagonal=diagonal[r][c])
              for c, text in enumerate(row[: last_col + 1]))
        for r, row in enumerate(texts[: last_row + 1]))
    kept = tuple(s for s in spans if s.row <= last_row and s.col <= last_col)
    header_rows = 0
    for r in range(len(cells)):
        marked = r < len(grid.header) and grid.header[r]
        cells_of_row = [c for c in grid.rows[r] if c.text] if r < len(grid.rows) else []
        looks = bool(cells_of_row) and (all(c.bold for c in cells_of_row)
                                        or all(c.shaded for c in cells_of_row))
        if (marked or looks) and any(cell.text for cell in cells[r]) and r < len(cells) - 1:
            header_rows += 1
        else:
            break
    return cells, kept, header_rows
