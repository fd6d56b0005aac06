"""Builds ``templates/report.docx``: the official layout with docxtpl tags in it.

Run ``python tools/build_template.py`` to rebuild the committed template. A bureau may open
the result in Word or WPS, restyle it (fonts, sizes, the case box's shading, the table
borders) and pass it with ``--template``; the tags (``{{ … }}``, ``{%p … %}``) must stay, each
typed in one go.

The flow is: cover; 前言; 目录 (a TOC field); then, in a section whose page numbers start at 1,
the title and every block of the chapters — headings, paragraphs, case boxes and tables —
switched on ``b.kind``. A table is its caption and a paragraph ``{{ b.slot }}`` that the
renderer replaces by the whole table (:mod:`reportgen.word.docx`); its look comes from the
"Report Table" table style and the "Table Header" / "Table Text" paragraph styles.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

from reportgen.word import oxml
from reportgen.word.names import CASE_BOX_STYLE, REPORT_TABLE_STYLE
from reportgen.word.template.styles import BODY_FONT, LATIN, TEXT_WIDTH, define_styles

TEXT_WIDTH_TWIPS = TEXT_WIDTH.twips


def build_template(path: Path) -> None:
    """Write the template to ``path``."""
    doc = docx.Document()
    _remove_body(doc)
    define_styles(doc)
    _table_style(doc, REPORT_TABLE_STYLE, border_size=6, margins_mm=1.2)
    _table_style(doc, CASE_BOX_STYLE, border_size=8, margins_mm=3.5, shading="F2F5F9")
    _page_setup(doc)

    # -- cover --
    doc.add_paragraph("{{ meta.title }}", style="Title")
    doc.add_paragraph("{%p if meta.subtitle %}")
    doc.add_paragraph("{{ meta.subtitle }}", style="Cover Subtitle")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("（{{ meta.period }}）", style="Subtitle")
    doc.add_paragraph("{{ meta.issuer }}", style="Cover Issuer")
    doc.add_paragraph("{%p if meta.compiler %}")
    doc.add_paragraph("编制单位：{{ meta.compiler }}", style="Cover Date")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ meta.date }}", style="Cover Date")

    # -- 前言 --
    doc.add_paragraph("前　言", style="Front Heading")
    doc.add_paragraph("{%p for p in foreword %}")
    doc.add_paragraph("{{ p }}", style="Normal")
    doc.add_paragraph("{%p endfor %}")

    # -- 目录, then the lists the settings ask for, each a TOC over caption styles --
    doc.add_paragraph("目　录", style="TOC Heading")
    _toc_field(doc.add_paragraph(style="toc 1"))
    for kind, title, styles in LISTS:
        doc.add_paragraph(f"{{%p if lists.{kind} %}}")
        doc.add_paragraph(title, style="TOC Heading")
        _toc_field(doc.add_paragraph(style="toc 1"),
                   "TOC \\h \\z \\t \"" + ",".join(f"{s},1" for s in styles) + "\"")
        doc.add_paragraph("{%p endif %}")

    # -- body, in its own section numbered from 1 --
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    _number_pages(doc, body)
    doc.add_paragraph("{{ meta.title }}", style="Body Title")
    doc.add_paragraph("（{{ meta.period }}）", style="Body Period")
    doc.add_paragraph("{%p for b in blocks %}")
    doc.add_paragraph('{%p if b.kind == "heading" and b.new_page %}')
    doc.add_paragraph("{{ b.text }}", style="Appendix Heading")
    for level in (1, 2, 3):
        doc.add_paragraph(f'{{%p elif b.kind == "heading" and b.level == {level} %}}')
        doc.add_paragraph("{{ b.text }}", style=f"Heading {level}")
    doc.add_paragraph('{%p elif b.kind == "paragraph" %}')
    doc.add_paragraph("{{ b.text }}", style="Normal")
    doc.add_paragraph('{%p elif b.kind == "case" %}')
    _case_box(doc)
    doc.add_paragraph("", style="After Table")
    doc.add_paragraph('{%p elif b.kind == "figure" %}')
    doc.add_paragraph("{{ b.slot }}", style="Figure")  # the renderer puts the picture here
    doc.add_paragraph("{{ b.caption }}", style="Figure Caption")
    doc.add_paragraph('{%p elif b.kind == "table" %}')
    doc.add_paragraph('{%p if b.in_appendix %}')
    doc.add_paragraph("{{ b.caption }}", style="Appendix Caption")  # listed in the TOC
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ b.caption }}", style="Table Caption")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ b.slot }}", style="Table Text")  # the renderer puts the table here
    doc.add_paragraph("", style="After Table")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    _settings(doc)
    doc.core_properties.title = "中等职业学校年度质量报告模板"
    doc.core_properties.author = "reportgen"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def _remove_body(doc: Document) -> None:
    """Start from python-docx's default document without its empty first paragraph."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_setup(doc: Document) -> None:
    """A4 with the official margins (top 37, bottom 35, left 28, right 26 mm)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)


LISTS = (("tables", "表目录", ("Table Caption", "Appendix Caption")),
         ("figures", "图目录", ("Figure Caption",)),
         ("cases", "案例目录", ("Case Title",)))
"""The lists after the table of contents: the context's switch, the heading, and the
paragraph styles each lists (the TOC filler gives case titles their labels)."""


def _toc_field(paragraph, instruction: str = r'TOC \o "1-3" \h \z \u') -> None:
    """A table of contents (over heading levels 1–3 by default; a list over caption styles
    with ``\t``), with a hint until filled."""
    for run in oxml.field_runs(instruction,
                               "（目录在 Word 中打开时更新；如未更新，请右键单击此处选择“更新域”）"):
        paragraph._p.append(run)


def _number_pages(doc: Document, section) -> None:
    """Page numbers "— N —" centred in the footer, starting at 1 in this section."""
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("— ")
    for run in oxml.field_runs("PAGE", "1"):
        footer._p.append(run)
    footer.add_run(" —")
    oxml.restart_page_numbers(section._sectPr, 1)


def _table_style(doc: Document, name: str, *, border_size: int, margins_mm: float,
                 shading: str | None = None) -> None:
    """A table style with single black borders on every edge and inner line."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    oxml.set_fonts(style.element.get_or_add_rPr(), BODY_FONT, LATIN)
    oxml.define_table_look(style.element, border_size=border_size,
                           margin_twips=Mm(margins_mm).twips, shading=shading)


def _fixed_width(table, widths_twips: list[int]) -> None:
    """Fixed layout, full text width, centred on the table itself (LibreOffice, and so the
    PDF, ignores a table style's alignment)."""
    oxml.set_table_width(table._tbl, sum(widths_twips))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, widths_twips):
        column.width = Twips(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips):
            cell.width = Twips(w)


def _case_box(doc: Document) -> None:
    """A one-cell shaded box: 案例N, the title, an optional subtitle, the body."""
    table = doc.add_table(rows=1, cols=1)
    table.style = doc.styles[CASE_BOX_STYLE]
    _fixed_width(table, [TEXT_WIDTH_TWIPS])
    cell = table.rows[0].cells[0]
    cell.paragraphs[0].text = "{{ b.label }}"
    cell.paragraphs[0].style = doc.styles["Case Label"]
    cell.add_paragraph("{{ b.title }}", style="Case Title")
    cell.add_paragraph("{%p if b.subtitle %}")
    cell.add_paragraph("{{ b.subtitle }}", style="Case Subtitle")
    cell.add_paragraph("{%p endif %}")
    cell.add_paragraph("{%p for para in b.paragraphs %}")
    cell.add_paragraph("{{ para }}", style="Case Body")
    cell.add_paragraph("{%p endfor %}")
    cell.add_paragraph("{%p for f in b.figures %}")
    cell.add_paragraph("{{ f.slot }}", style="Figure")
    cell.add_paragraph("{{ f.caption }}", style="Figure Caption")
    cell.add_paragraph("{%p endfor %}")


def _settings(doc: Document) -> None:
    """Word opens the file in its current mode (compatibilityMode 15, no "兼容模式"), takes
    theme fonts and the document's language as Chinese (zh-CN), and updates fields (the TOC)
    on opening until a filled TOC says otherwise (:func:`reportgen.word.toc.settle_fields`).
    python-docx's stale ``stylesWithEffects`` part, which Word may read as unreadable
    content once it disagrees with the styles, is dropped."""
    settings = doc.settings.element
    oxml.update_fields_on_open(settings)
    oxml.set_compatibility_mode(settings, 15)
    oxml.set_theme_languages(settings, latin="en-US", east_asia="zh-CN")
    doc.core_properties.language = "zh-CN"
    _drop_styles_with_effects(doc)


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_styles_with_effects(doc: Document) -> None:
    """Remove the relationship to ``stylesWithEffects.xml``: an unreachable part is not
    saved, and its content-type override goes with it."""
    rels = doc.part.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == STYLES_WITH_EFFECTS]:
        del rels[r_id]
