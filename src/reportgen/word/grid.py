"""A laid-out grid written as one Word table, in one pass.

The template marks where each table goes (a paragraph holding the block's ``slot``); the
renderer puts the whole table there: the "Report Table" style, fixed column widths that add
up to the text block, header rows that repeat on every page and are shaded, merged ranges,
diagonal header cells, each cell's paragraphs in the "Table Header" or "Table Text" style.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Mm
from docx.table import Table

from reportgen.errors import UsageError
from reportgen.layout import Grid, GridCell
from reportgen.word import oxml
from reportgen.word.names import REPORT_TABLE_STYLE

HEADER_STYLE = "Table Header"
"""The paragraph style of header cells."""
TEXT_STYLE = "Table Text"
"""The paragraph style of body cells."""
HEADER_FILL = "E7E6E6"
"""The shading of header cells."""


def table_styles(document: Any) -> tuple[str, str, str]:
    """The ids of the table style and of the header and text paragraph styles in
    ``document``; :class:`UsageError` when its template lacks one of them."""
    try:
        return (document.styles[REPORT_TABLE_STYLE].style_id,
                document.styles[HEADER_STYLE].style_id, document.styles[TEXT_STYLE].style_id)
    except KeyError as exc:
        raise UsageError("U-TEMPLATE-STYLE", style=exc, table_style=REPORT_TABLE_STYLE,
                         header_style=HEADER_STYLE, text_style=TEXT_STYLE) from exc


def write_table(document: Any, grid: Grid, slot: Any,
                styles: tuple[str, str, str] | None = None) -> Table:
    """Replace the paragraph element ``slot`` of ``document`` by the table of ``grid``;
    ``styles`` are :func:`table_styles` of ``document`` (looked up when not given)."""
    table_id, header_id, text_id = styles or table_styles(document)
    # -- rounded to the nearest twip (``Mm(w).twips`` would round down, losing up to a twip
    # -- a column) --
    widths = [round(Mm(w).inches * 1440) for w in grid.widths_mm]
    tbl = oxml.table(table_id, widths, _rows(grid, widths, header_id, text_id))
    slot.addprevious(tbl)
    slot.getparent().remove(slot)
    return Table(tbl, document._body)


def _rows(grid: Grid, widths: list[int], header_id: str,
          text_id: str) -> list[tuple[bool, list[oxml.CellXml]]]:
    """Each row's cells: a merged range is its top left cell, as wide as its columns
    (``gridSpan``), continued down (``vMerge``) by the first cell of its range in each row
    below; the other cells it covers are left out."""
    starts = {(s.row, s.col): s for s in grid.spans}
    continued = {(r, s.col): s for s in grid.spans for r in range(s.row + 1, s.row + s.rows)}
    covered = grid.covered()
    header_rows = len(grid.header)
    rows = []
    for r, contents in enumerate(grid.rows):
        header = r < header_rows
        cells = []
        for c, content in enumerate(contents):
            span = starts.get((r, c)) or continued.get((r, c))
            if (r, c) in covered:  # merged away: its text would join the merged cell's
                if span is None:
                    continue
                content = GridCell("", content.align)
            merge = None if span is None or span.rows == 1 else \
                "restart" if span.row == r else "continue"
            cols = span.cols if span is not None else 1
            cells.append(oxml.CellXml(
                width=sum(widths[c:c + cols]), span=cols, merge=merge,
                fill=HEADER_FILL if header else None, diagonal=content.diagonal,
                paragraphs=_paragraphs(content, header_id if header else text_id)))
        rows.append((header, cells))
    return rows


def _paragraphs(content: GridCell, style_id: str) -> tuple[tuple[str, str | None, str], ...]:
    """The cell's text, one paragraph per line; a diagonal cell's first line right, the
    others left (under and over its diagonal line)."""
    lines = content.text.split("\n")
    if content.diagonal:
        return tuple((style_id, "right" if i == 0 else "left", line)
                     for i, line in enumerate(lines))
    align = None if content.align == "center" else content.align
    return tuple((style_id, align, line) for line in lines)
