"""Tables laid out as printed grids: cell texts, merged ranges, header rows, column widths.

A :class:`Grid` is everything a renderer needs to print a table in one pass: the Word
renderer (:mod:`reportgen.word.docx`) builds the whole table from it.
"""

from __future__ import annotations

from attrs import frozen

from reportgen.catalog import SUB_ROW_PREFIX, ColumnKind, ColumnSpec, IndicatorSpec
from reportgen.model import FreeTable, IndicatorRow, IndicatorTable, Span
from reportgen.layout.widths import ColumnNeeds, column_needs, fit_columns
from reportgen.numbers import format_figure, format_number

TEXT_WIDTH_MM = 156
"""The A4 text block's width with the official margins (210 − 28 − 26 mm)."""
TABLE_TEXT_PT = 10.5
"""The size of table text (五号), as the template's Table Text and Table Header styles set it."""
CELL_PADDING_MM = 3.4
"""What a cell adds to its text's width: the Report Table style's margins (1.2 mm each side)
and a millimetre to spare for rounding in Word's and LibreOffice's layouts."""
LEVEL3_INDENT = "\u3000" * 5
"""Indentation of a sub-row of a sub-row, as the 2024 国际影响表 prints it."""


@frozen
class GridCell:
    """One printed cell."""

    text: str
    """What it says; line breaks start new lines."""
    align: str = "center"
    """``center`` or ``left``."""
    diagonal: bool = False
    """A header cell split by a diagonal line: first line top right, last line bottom left."""


@frozen
class Grid:
    """A table as the page shows it."""

    header: tuple[tuple[GridCell, ...], ...]
    """Header rows, repeated at the top of every page the table runs onto."""
    body: tuple[tuple[GridCell, ...], ...]
    """The other rows."""
    spans: tuple[Span, ...]
    """Merged ranges, in coordinates of the whole grid (header rows first)."""
    widths_mm: tuple[float, ...]
    """Column widths; they add up to the text block's width."""

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """Every row, header rows first."""
        return self.header + self.body

    def covered(self) -> frozenset[tuple[int, int]]:
        """The (row, column) positions a merged range covers other than its top left cell:
        they print nothing of their own."""
        return frozenset((r, c) for s in self.spans
                         for r in range(s.row, s.row + s.rows)
                         for c in range(s.col, s.col + s.cols) if (r, c) != (s.row, s.col))


def indicator_grid(table: IndicatorTable, year: int, *, last_year: bool = False) -> Grid:
    """An official indicator table: 序号 on top-level rows only, "其中：" on the first sub-row,
    序号 merged over a group and 指标 merged over an indicator's two unit rows. With
    ``last_year``, last year's figures stand in a column before this year's, as wide."""
    columns = table.spec.columns  # the catalog's columns: headers, order and widths
    header: list[str] = []
    for c in columns:
        if c.kind is ColumnKind.VALUE and last_year:
            header.append(c.printed_header(year - 1))
        header.append(c.printed_header(year))
    body: list[tuple[GridCell, ...]] = []
    spans: list[Span] = []
    number = 0
    group_start = name_start = 0
    previous = None
    for i, row in enumerate(table.rows):
        spec = row.spec
        same_indicator = previous is not None and previous.spec is spec
        if not same_indicator and spec.level == 1:
            number += 1
            if i > group_start + 1:
                spans.append(Span(group_start + 1, 0, i - group_start))
            group_start = i
        if not same_indicator:
            if i > name_start + 1:
                spans.append(Span(name_start + 1, 1, i - name_start))
            name_start = i
        label = "" if same_indicator else _label(spec, previous.spec if previous else None)
        shown_number = str(number) if spec.level == 1 and not same_indicator else ""
        cells: list[GridCell] = []
        for c in columns:  # compared by identity: an enum's hash is slow, this runs per cell
            kind = c.kind
            if kind is ColumnKind.VALUE:
                if last_year:
                    cells.append(GridCell(format_figure(
                        row.previous.value if row.previous else None, row.unit)))
                cells.append(GridCell(format_figure(row.value.value, row.unit)))
            elif kind is ColumnKind.NUMBER:
                cells.append(GridCell(shown_number))
            elif kind is ColumnKind.NAME:
                cells.append(GridCell(label, "left"))
            elif kind is ColumnKind.UNIT:
                cells.append(GridCell(row.unit))
            elif kind is ColumnKind.NOTE:
                cells.append(GridCell(row.note.text if row.note else "", "left"))
            else:
                cells.append(_extra_cell(row, c))
        body.append(tuple(cells))
        previous = row
    end = len(table.rows)
    if end > group_start + 1:
        spans.append(Span(group_start + 1, 0, end - group_start))
    if end > name_start + 1:
        spans.append(Span(name_start + 1, 1, end - name_start))
    header_row = tuple(GridCell(h) for h in header)
    spans.sort(key=lambda s: (s.row, s.col))
    rows = (header_row,) + tuple(body)
    preferred = [float(w) for c in columns  # last year's column as wide as this year's
                 for w in ((c.width, c.width) if c.kind is ColumnKind.VALUE and last_year
                           else (c.width,))]
    widths = fit_columns(grid_needs(rows, spans), TEXT_WIDTH_MM, preferred)
    return Grid((header_row,), tuple(body), tuple(spans), widths)


def _extra_cell(row: IndicatorRow, column: ColumnSpec) -> GridCell:
    """A table's own column (调查人次, 调查方式): a number or a text, centred."""
    if column.kind is ColumnKind.FIGURE:
        figure = row.figure_in(column.id)
        return GridCell(format_number(figure.value if figure else None))
    text = row.text_in(column.id)
    return GridCell(text.text if text else "")


def _label(spec: IndicatorSpec, previous: IndicatorSpec | None) -> str:
    """The 指标 cell: the first part of a group opens with "其中：" (of which)."""
    if spec.level >= 3:
        return LEVEL3_INDENT + spec.name
    if spec.level == 2 and spec.part and previous is not None and (
        previous.level == 1 or not previous.part
    ):
        return SUB_ROW_PREFIX + spec.name
    return spec.name


def free_grid(table: FreeTable) -> Grid:
    """A free table as laid out in its sheet; its columns in the proportions of the sheet's
    column widths when the clerk set any, else sized by their content."""
    rows = [tuple(GridCell(c.text, diagonal=c.diagonal) for c in row) for row in table.cells]
    header = tuple(rows[: table.header_rows])
    body = tuple(rows[table.header_rows:])
    preferred = [float(w) for w in table.column_widths] if table.column_widths else None
    widths = fit_columns(grid_needs(rows, table.spans), TEXT_WIDTH_MM, preferred)
    return Grid(header, body, table.spans, widths)


def grid_needs(rows: tuple[tuple[GridCell, ...], ...] | list[tuple[GridCell, ...]],
               spans: tuple[Span, ...] | list[Span]) -> list[ColumnNeeds]:
    """What each column's cells need; a cell spanning columns, or merged away, counts for
    none of them."""
    columns = len(rows[0]) if rows else 0
    skipped = {(r, c) for s in spans if s.cols > 1
               for r in range(s.row, s.row + s.rows) for c in range(s.col, s.col + s.cols)}
    skipped |= {(r, s.col) for s in spans for r in range(s.row + 1, s.row + s.rows)}
    return [column_needs((row[c].text for r, row in enumerate(rows) if (r, c) not in skipped),
                         size_pt=TABLE_TEXT_PT, padding_mm=CELL_PADDING_MM)
            for c in range(columns)]
