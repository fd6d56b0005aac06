"""A laid-out grid written as one Word table, in one pass.

The template marks where each table goes (a paragraph holding the block's ``slot``); the
renderer puts the whole table there: the "Report Table" style, fixed column widths that add
up to the text block, header rows that repeat on every page and are shaded, merged ranges,
diagonal header cells, each cell's paragraphs in the "Table Header" or "Table Text" style.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

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
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER}


def write_table(document: Any, grid: Grid, slot: Any) -> Table:
    """Replace the paragraph element ``slot`` of ``document`` by the table of ``grid``."""
    rows, columns = len(grid.rows), len(grid.widths_mm)
    try:
        table = document.add_table(rows=rows, cols=columns, style=REPORT_TABLE_STYLE)
        header_style = document.styles[HEADER_STYLE]
        text_style = document.styles[TEXT_STYLE]
    except KeyError as exc:
        raise UsageError("U-TEMPLATE-STYLE", style=exc, table_style=REPORT_TABLE_STYLE,
                         header_style=HEADER_STYLE, text_style=TEXT_STYLE) from exc
    slot.addprevious(table._tbl)
    slot.getparent().remove(slot)

    # -- rounded to the nearest twip (``Mm(w).twips`` would round down, losing up to a twip
    # -- a column) --
    widths = [round(Mm(w).inches * 1440) for w in grid.widths_mm]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # LibreOffice ignores a table style's jc
    table.autofit = False
    oxml.set_table_width(table._tbl, sum(widths))
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)

    covered = grid.covered()
    header_rows = len(grid.header)
    for r, (row, cells) in enumerate(zip(table.rows, grid.rows)):
        header = r < header_rows
        oxml.set_row_options(row._tr, cant_split=True, repeat_header=header)
        for c, (cell, content) in enumerate(zip(row.cells, cells)):
            cell.width = Twips(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if header:
                oxml.shade_cell(cell._tc, HEADER_FILL)
            style = header_style if header else text_style
            if (r, c) in covered:  # merged away: its text would join the merged cell's
                content = GridCell("", content.align)
            _fill(cell, content, style)
    for span in grid.spans:
        _merge(table, span.row, span.col, span.rows, span.cols)
    return table


def _fill(cell: _Cell, content: GridCell, style: Any) -> None:
    """The cell's text, one paragraph per line; a diagonal cell's first line right, the
    others left (under and over its diagonal line)."""
    lines = content.text.split("\n")
    paragraph: Paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.style = style
        if content.diagonal:
            paragraph.alignment = _ALIGN["right" if i == 0 else "left"]
        elif content.align != "center":
            paragraph.alignment = _ALIGN[content.align]
        if line:
            paragraph.add_run(line)
    if content.diagonal:
        oxml.draw_diagonal(cell._tc)


def _merge(table: Table, row: int, col: int, height: int, width: int) -> None:
    """Merge a rectangle with python-docx (``gridSpan`` across, ``vMerge`` down); the cells
    it covers are empty, so no text moves."""
    trs = table._tbl.tr_lst
    first = trs[row].tc_at_grid_offset(col)
    last = trs[row + height - 1].tc_at_grid_offset(col + width - 1)
    first.merge(last)
