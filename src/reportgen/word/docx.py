"""Layout → .docx: docxtpl fills the template with the blocks, then each table is written,
whole, where the template marks its place.

The template is the only code that runs: it is rendered in a sandboxed, bounded Jinja
environment (sandbox.py) with autoescape on (text from the workbook may hold ``&`` or ``<``) and undefined variables
an error. Text from the workbook is only ever a value, never evaluated as a template.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from reportgen.errors import UsageError
from reportgen.layout import Cover, FigureBlock, Layout, TableBlock
from reportgen.word.context import Slots, build_context
from reportgen.word.external import neutralise_external
from reportgen.word.grid import write_table
from reportgen.word.pictures import write_figure
from reportgen.word.literal import protect, restore_document
from reportgen.word.sandbox import ReportSandbox, template_errors

SLOT_TAG = "{{ b.slot }}"
"""What the template prints where a table goes."""


def render_bytes(layout: Layout, template: Path) -> bytes:
    """The finished .docx for ``layout``, as bytes."""
    context, slots = build_context(layout)
    tpl = _open_template(template)
    _render_template(tpl, protect(context), template.name)  # workbook text stays literal
    restore_document(tpl.docx)
    _place_tables(tpl.docx, slots)
    _set_properties(tpl.docx, layout.cover)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return neutralise_external(buffer.getvalue())  # nothing in the report reaches outside it


def _render_template(tpl: DocxTemplate, context: dict[str, Any], name: str) -> None:
    """Fill ``tpl`` in a sandbox; a template error is the clerk's (a usage error)."""
    env = ReportSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    with template_errors(name):
        missing = tpl.get_undeclared_template_variables(env, context)
    if missing:
        raise UsageError("U-TEMPLATE-UNKNOWN-VARIABLE", template=name, variables=sorted(missing))
    with template_errors(name):
        tpl.render(context, env, autoescape=True)


def _place_tables(document: Any, slots: Slots) -> None:
    """Write each table in place of the paragraph holding its slot marker, and each picture
    or chart into the paragraph holding its own (in the text or in a case box)."""
    found = {p.text: p for p in document.element.body.iter(qn("w:p")) if p.text in slots}
    if len(found) != len(slots):
        raise UsageError("U-TEMPLATE-TABLE-SLOT", tables=len(slots), slots=len(found), tag=SLOT_TAG)
    for marker, block in slots.items():
        if isinstance(block, FigureBlock):
            write_figure(document, block, found[marker])
        else:
            write_table(document, block.grid, found[marker])


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


def _open_template(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise UsageError("U-TEMPLATE-MISSING", path=template)
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()  # DocxTemplate opens lazily: open now, to catch a damaged file here
        return tpl
    except Exception as exc:
        raise UsageError("U-TEMPLATE-NOT-DOCX", template=template.name, error=exc) from exc
