"""Model → .docx: docxtpl fills the template, then a pass over the tables applies merges,
widths and diagonal header cells that a template loop cannot express.

The template is the only code that runs: it is rendered in a sandboxed, bounded Jinja
environment (sandbox.py) with autoescape on (text from the workbook may hold ``&`` or ``<``) and undefined variables
an error. Text from the workbook is only ever a value, never evaluated as a template.
"""

from __future__ import annotations

import datetime
import io
from copy import deepcopy
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import Table as DocxTable
from docxtpl import DocxTemplate

from reportgen.errors import UsageError
from reportgen.model import Report
from reportgen.word.context import build_context, table_grids
from reportgen.word.literal import protect, restore_document
from reportgen.word.sandbox import ReportSandbox, template_errors
from reportgen.word.tables import Grid
from reportgen.word.names import REPORT_TABLE_STYLE

_MM_TO_TWIPS = 1440 / 25.4


def render_bytes(report: Report, template: Path) -> bytes:
    """The finished .docx for ``report``, as bytes."""
    context = protect(build_context(report))  # workbook text stays literal (literal.py)
    tpl = _open_template(template)
    env = ReportSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    with template_errors(template.name):
        missing = tpl.get_undeclared_template_variables(env, context)
    if missing:
        raise UsageError(f"模板 {template.name} 使用了未知的变量：{'、'.join(sorted(missing))}。"
                         "请检查模板中的 {{ … }} 标记")
    with template_errors(template.name):
        tpl.render(context, env, autoescape=True)
    _finish_tables(tpl.docx, table_grids(context))
    restore_document(tpl.docx)
    _set_properties(tpl.docx, report)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _set_properties(document: Any, report: Report) -> None:
    """File › Properties shows the report's title and issuer, not the template's."""
    properties = document.core_properties
    properties.title = f"{report.meta.title.text}（{report.meta.period.text}）"
    properties.author = report.meta.issuer.text
    properties.last_modified_by = report.meta.issuer.text
    properties.subject = "中等职业学校年度质量报告"
    properties.comments = ""
    properties.keywords = report.meta.region.text
    properties.created = datetime.datetime.combine(report.meta.date, datetime.time())
    properties.modified = datetime.datetime.now().replace(microsecond=0)
    properties.revision = 1


def _open_template(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise UsageError(f"找不到模板文件：{template}")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()  # DocxTemplate opens lazily: open now, to catch a damaged file here
        return tpl
    except Exception as exc:
        raise UsageError(f"{template.name} 不是可用的 Word 模板（.docx）：{exc}") from exc


def _finish_tables(document: Any, grids: list[Grid]) -> None:
    """Apply each grid to its table; the report's tables are those in the report style."""
    tables = [t for t in document.tables if t.style is not None
              and t.style.name == REPORT_TABLE_STYLE]
    if len(tables) != len(grids):
        raise UsageError(f"模板中的数据表格数目（{len(tables)}）与报告的表格数目（{len(grids)}）"
                         f"不符。请确认模板中的数据表格使用“{REPORT_TABLE_STYLE}”表格样式")
    for table, grid in zip(tables, grids):
        _apply_grid(table, grid)


def _apply_grid(table: DocxTable, grid: Grid) -> None:
    widths = [round(w * _MM_TO_TWIPS) for w in grid.widths_mm]
    _set_widths(table, widths)
    rows = list(table.rows)
    cells = list(grid.header) + list(grid.body)
    for tr, grid_row in zip(rows, cells):
        for tc, cell in zip(tr._tr.tc_lst, grid_row):
            paragraphs = tc.findall(qn("w:p"))
            if cell.align != "center":
                for p in paragraphs:
                    _set_alignment(p, cell.align)
            if "\n" in cell.text or cell.diagonal:
                _split_lines(tc, cell.text, cell.diagonal)
            if cell.diagonal:
                _diagonal_border(tc)
    for span in sorted(grid.spans, key=lambda s: (s.row, -s.col)):
        _merge(rows, span.row, span.col, span.rows, span.cols, widths)


def _set_widths(table: DocxTable, widths: list[int]) -> None:
    tbl = table._tbl
    grid = tbl.tblGrid
    for col in grid.findall(qn("w:gridCol")):
        grid.remove(col)
    for w in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(w))
        grid.append(col)
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:w"), str(sum(widths)))
        tbl_w.set(qn("w:type"), "dxa")
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths):
            tc.width = Twips(w)


def _set_alignment(p: Any, align: str) -> None:
    ppr = p.get_or_add_pPr()
    jc = ppr.find(qn("w:jc"))
    if jc is None:
        jc = OxmlElement("w:jc")
        ppr.append(jc)
    jc.set(qn("w:val"), align)


def _split_lines(tc: Any, text: str, diagonal: bool) -> None:
    """One paragraph per line; a diagonal cell's first line right, its last line left."""
    paragraphs = tc.findall(qn("w:p"))
    model = paragraphs[0]
    for p in paragraphs:
        tc.remove(p)
    for i, line in enumerate(text.split("\n")):
        p = deepcopy(model)
        runs = p.findall(qn("w:r"))
        for r in runs[1:]:
            p.remove(r)
        run = runs[0] if runs else OxmlElement("w:r")
        if not runs:
            p.append(run)
        for child in list(run):
            if child.tag != qn("w:rPr"):
                run.remove(child)
        t = OxmlElement("w:t")
        t.text = line
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        if diagonal:
            _set_alignment(p, "right" if i == 0 else "left")
        tc.append(p)


def _diagonal_border(tc: Any) -> None:
    """A line from the cell's top left corner to its bottom right (斜线表头)."""
    tc_pr = tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        anchor = next((tc_pr.find(qn(t)) for t in ("w:shd", "w:noWrap", "w:tcMar", "w:vAlign")
                       if tc_pr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            tc_pr.append(borders)
    line = OxmlElement("w:tl2br")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "4")
    line.set(qn("w:space"), "0")
    line.set(qn("w:color"), "000000")
    borders.append(line)


def _tc_at(tr: Any, grid_col: int) -> Any:
    """The cell of a row that starts at grid column ``grid_col``."""
    col = 0
    for tc in tr.tc_lst:
        if col == grid_col:
            return tc
        col += tc.grid_span
    raise IndexError(grid_col)


def _merge(rows: list[Any], row: int, col: int, height: int, width: int, widths: list[int]) -> None:
    """Merge a rectangle: ``gridSpan`` across, ``vMerge`` down; covered cells lose their text."""
    for r in range(row, row + height):
        tr = rows[r]._tr
        first = _tc_at(tr, col)
        if width > 1:
            for _ in range(width - 1):
                covered = first.getnext()
                while covered is not None and covered.tag != qn("w:tc"):
                    covered = covered.getnext()
                if covered is not None:
                    tr.remove(covered)
            first.grid_span = width
            first.width = Twips(sum(widths[col:col + width]))
        if height > 1:
            first.vMerge = "restart" if r == row else "continue"
            if r != row:
                _clear(first)


def _clear(tc: Any) -> None:
    """Leave a single empty paragraph (a cell must keep one)."""
    paragraphs = tc.findall(qn("w:p"))
    for p in paragraphs[1:]:
        tc.remove(p)
    for r in paragraphs[0].findall(qn("w:r")):
        paragraphs[0].remove(r)
