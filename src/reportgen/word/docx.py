"""Layout → .docx: docxtpl fills the template with the blocks, then each table is written,
whole, where the template marks its place.

The template is the only code that runs: it is rendered in a sandboxed, bounded Jinja
environment (sandbox.py) with autoescape on (text from the workbook may hold ``&`` or ``<``) and undefined variables
an error. Text from the workbook is only ever a value, never evaluated as a template.
"""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree
from docx.oxml.ns import nsmap
from docxtpl import DocxTemplate

from reportgen.errors import UsageError
from reportgen.layout import Cover, FigureBlock, Layout, TableBlock
from reportgen.word.context import Slots, build_context
from reportgen.word.external import neutralise_external
from reportgen.word.grid import table_styles, write_table
from reportgen.word.cache import open_template, template_variables
from reportgen.word.literal import needs_restoring, protect, protect_text, restore_document
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
    protected = protect(context)  # workbook text stays literal
    _render_template(tpl, protected, template.name)
    markers = {protect_text(marker): block for marker, block in slots.items()}
    if needs_restoring(protected, ignore=markers.keys()):
        restore_document(tpl.docx)
        markers = slots
    # -- else the only tokens are the slot markers, which the tables replace: no pass over
    # -- the whole document to turn them back --
    _place_tables(tpl.docx, markers)
    _set_properties(tpl.docx, layout.cover)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return neutralise_external(buffer.getvalue())  # nothing in the report reaches outside it


def _render_template(tpl: DocxTemplate, context: dict[str, Any], name: str) -> None:
    """Fill ``tpl`` in a sandbox; a template error is the clerk's (a usage error)."""
    env = ReportSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    missing = template_variables(tpl, env, name) - context.keys()
    if missing:
        raise UsageError("U-TEMPLATE-UNKNOWN-VARIABLE", template=name, variables=sorted(missing))
    with template_errors(name):
        tpl.render(context, env, autoescape=True)


def _place_tables(document: Any, slots: Slots) -> None:
    """Write each table in place of the paragraph holding its slot marker, and each picture
    or chart into the paragraph holding its own (in the text or in a case box)."""
    prefix = os.path.commonprefix(list(slots))  # the markers differ only in their number
    candidates = _SLOT_PARAGRAPHS(document.element.body, prefix=prefix) if slots else []
    found = {p.text: p for p in candidates if p.text in slots}
    if len(found) != len(slots):
        raise UsageError("U-TEMPLATE-TABLE-SLOT", tables=len(slots), slots=len(found), tag=SLOT_TAG)
    tables = any(isinstance(block, TableBlock) for block in slots.values())
    styles = table_styles(document) if tables else None
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
