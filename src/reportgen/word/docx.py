"""Layout → .docx: docxtpl fills the template with the blocks, then each table is written,
whole, where the template marks its place.

Each laid-out grid becomes one Word table, in one pass: the "Report Table" style, fixed column
widths that add up to the text block, header rows that repeat on every page and are shaded,
merged ranges, diagonal header cells, each cell's paragraphs in the "Table Header" or "Table
Text" style (its XML built as one string by :func:`reportgen.word.oxml.table`).

The template is the only code that runs: it is rendered in a sandboxed, bounded Jinja
environment (sandbox.py) with autoescape on (text from the workbook may hold ``&`` or ``<``) and undefined variables
an error. Text from the workbook is only ever a value, never evaluated as a template.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any, Callable

import jinja2
from lxml import etree
from docx.oxml.ns import nsmap
from docx.shared import Mm
from docx.table import Table
from docxtpl import DocxTemplate

from reportgen.errors import UsageError
from reportgen.layout import Cover, FigureBlock, Grid, GridCell, Layout, TableBlock
from reportgen.word import oxml
from reportgen.word.context import Slots, build_context
from reportgen.word.cache import ReportTemplate, open_template, template_variables
from reportgen.word.literal import protect, protect_text, restore_document
from reportgen.word.names import REPORT_TABLE_STYLE
from reportgen.word.package import package_bytes
from reportgen.word.sandbox import ReportSandbox, template_errors

SLOT_TAG = "{{ b.slot }}"
"""What the template prints where a table goes."""
_SLOT_PARAGRAPHS = etree.XPath(".//w:p[w:r/w:t[starts-with(., $prefix)]]",
                               namespaces={"w": nsmap["w"]})
"""The paragraphs with a run starting with a slot marker, in the text or in a case box (one
search, in lxml)."""


def render_bytes(layout: Layout, template: Path) -> bytes:
    """The finished .docx for ``layout``, as bytes."""
    context, slots = build_context(layout)
    tpl = open_template(template)  # parsed once per process, copied for each report
    marked: list[str] = []  # -- the protected texts holding a token: see needs_restoring --
    protected = protect(context, marked)  # workbook text stays literal
    _render_template(tpl, protected, template.name)
    markers = {protect_text(marker): block for marker, block in slots.items()}
    if any(text not in markers for text in marked):
        restore_document(tpl.docx)
        markers = slots
    # -- else the only tokens are the slot markers, which the tables replace: no pass over
    # -- the whole document to turn them back --
    _place_tables(tpl.docx, markers, lambda: kept_table_styles(tpl))
    _set_properties(tpl.docx, layout.cover)
    written = tpl.kept.written if isinstance(tpl, ReportTemplate) and tpl.kept else None
    return package_bytes(tpl.docx, written)  # zipped once; nothing in it reaches outside


def _render_template(tpl: DocxTemplate, context: dict[str, Any], name: str) -> None:
    """Fill ``tpl`` in a sandbox; a template error is the clerk's (a usage error)."""
    env = ReportSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    missing = template_variables(tpl, env, name) - context.keys()
    if missing:
        raise UsageError("U-TEMPLATE-UNKNOWN-VARIABLE", template=name, variables=sorted(missing))
    with template_errors(name):
        tpl.render(context, env, autoescape=True)


def _place_tables(document: Any, slots: Slots,
                  styles_of: Callable[[], tuple[str, str, str]]) -> None:
    """Write each table in place of the paragraph holding its slot marker, and each picture
    or chart into the paragraph holding its own (in the text or in a case box);
    ``styles_of()`` gives the :func:`table_styles` of ``document``."""
    prefix = os.path.commonprefix(list(slots))  # the markers differ only in their number
    candidates = _SLOT_PARAGRAPHS(document.element.body, prefix=prefix) if slots else []
    found = {p.text: p for p in candidates if p.text in slots}
    if len(found) != len(slots):
        raise UsageError("U-TEMPLATE-TABLE-SLOT", tables=len(slots), slots=len(found), tag=SLOT_TAG)
    tables = any(isinstance(block, TableBlock) for block in slots.values())
    styles = styles_of() if tables else None
    for marker, block in slots.items():
        if isinstance(block, FigureBlock):
            from reportgen.word.pictures import write_figure  # only for pictures and charts

            write_figure(document, block, found[marker])
        else:
            write_table(document, block.grid, found[marker], styles)


def _set_properties(document: Any, cover: Cover) -> None:
    """File › Properties shows the report's title and issuer, not the template's."""
    properties = document.core_properties
    properties.title = f"{cover.title}（{cover.period}）"
    properties.author = cover.issuer
    properties.last_modified_by = cover.issuer
    properties.subject = "中等职业学校年度质量报告"
    properties.comments = ""
    properties.keywords = cover.region
    properties.created = datetime.datetime.combine(cover.date, datetime.time())
    properties.modified = datetime.datetime.now().replace(microsecond=0)
    properties.revision = 1
    properties.language = "zh-CN"


# -- tables --

HEADER_STYLE = "Table Header"
"""The paragraph style of header cells."""
TEXT_STYLE = "Table Text"
"""The paragraph style of body cells."""
HEADER_FILL = "E7E6E6"
"""The shading of header cells."""


_STYLE_ID = etree.XPath("w:style[w:name/@w:val = $name][1]/@w:styleId",
                       namespaces={"w": nsmap["w"]}, smart_strings=False)
"""The id of the first style named ``$name`` (python-docx's ``document.styles[name]``, without
working out the name of each of the template's hundreds of styles in Python)."""


def table_styles(document: Any) -> tuple[str, str, str]:
    """The ids of the table style and of the header and text paragraph styles in
    ``document``; :class:`UsageError` when its template lacks one of them."""
    names = (REPORT_TABLE_STYLE, HEADER_STYLE, TEXT_STYLE)
    styles = document.part.styles.element
    found = [_STYLE_ID(styles, name=name) for name in names]
    missing = [name for name, ids in zip(names, found) if not ids]
    if missing:  # named as Word shows them, not in python-docx's English KeyError
        raise UsageError("U-TEMPLATE-STYLE", style="、".join(f"“{name}”" for name in missing),
                         table_style=REPORT_TABLE_STYLE, header_style=HEADER_STYLE,
                         text_style=TEXT_STYLE)
    table_id, header_id, text_id = (str(ids[0]) for ids in found)
    return table_id, header_id, text_id


def kept_table_styles(tpl: DocxTemplate) -> tuple[str, str, str]:
    """:func:`table_styles` of the template ``tpl`` (made by
    :func:`reportgen.word.cache.open_template`), worked out once per template file: no
    rendering changes a template's styles. A template lacking a style is refused every time."""
    kept = tpl.kept if isinstance(tpl, ReportTemplate) else None
    if kept is None:
        return table_styles(tpl.docx)
    if kept.table_styles is None:
        kept.table_styles = table_styles(tpl.docx)
    return kept.table_styles


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
