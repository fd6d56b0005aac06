"""Word reports typed by hand in other conventions than reportgen's, built with python-docx
from the published 2024 text (``reference_text``), for the import tests.

- :func:`gb_document`: everything in the Normal style, headings numbered in the text
  ``一、`` / ``（一）`` / ``1.`` (GB/T 9704 style) and set in other fonts, a cover, a typed
  table of contents, cases in one-cell boxed tables, plain grid tables with their captions
  above (表3 with bold header rows and a diagonal header cell).
- :func:`styled_document`: Word's Heading 1–3 styles with typed ``1.`` / ``1.1`` / ``1.1.1``
  numbers, the cover date in Chinese numerals, cases typed in the running text after a line
  ``典型案例N：标题``, captions ``表N：名称``.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reference_text import RefCase, RefHeading, RefParagraph, RefTable, Reference
from reportgen.word.reading.styles import chinese_number

ISSUER = "重庆市璧山区教育委员会"


def _line(document, text: str, *, bold: bool = False, size: float | None = None,
          center: bool = False, font: str | None = None, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _grid(document, rows: tuple[tuple[str, ...], ...], *, bold_rows: int = 0,
          diagonal: tuple[int, int] | None = None):
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(width):
            cell = table.rows[r].cells[c]
            text = row[c] if c < len(row) else ""
            cell.paragraphs[0].add_run(text).bold = r < bold_rows or None
    if diagonal is not None:
        tc = table.rows[diagonal[0]].cells[diagonal[1]]._tc
        borders = OxmlElement("w:tcBorders")
        line = OxmlElement("w:tl2br")
        line.set(qn("w:val"), "single")
        borders.append(line)
        tc.get_or_add_tcPr().append(borders)
        # the cell's text: its first line above the diagonal, its last line below
        paragraph = table.rows[diagonal[0]].cells[diagonal[1]].paragraphs[0]
        paragraph.runs[0].text = "年份 人数"
        table.rows[diagonal[0]].cells[diagonal[1]].add_paragraph().add_run("产业").bold = True
    return table


def _table_rows(table: RefTable) -> tuple[tuple[str, ...], ...]:
    return table.rows


def gb_document(reference: Reference) -> bytes:
    """The report as a clerk might type it in the GB/T 9704 conventions."""
    document = docx.Document()
    _line(document, reference.title, bold=True, size=22, center=True, font="方正小标宋简体")
    _line(document, reference.period, size=16, center=True, font="楷体_GB2312")
    _line(document, ISSUER, size=16, center=True)
    _line(document, "2024年12月", size=16, center=True)
    _page_break(document)
    _line(document, "前  言", bold=True, size=22, center=True)
    for text in reference.foreword:
        _line(document, "\u3000\u3000" + text, size=16)
    _page_break(document)
    _line(document, "目  录", bold=True, size=22, center=True)
    numbers = _gb_numbers(reference)
    for item, number in zip(reference.body, numbers):
        if isinstance(item, RefHeading) and item.level == 1:
            _line(document, f"{number}{item.text}……………………{len(number)}", size=14)
    _page_break(document)
    _line(document, reference.title, bold=True, size=22, center=True)
    _line(document, reference.period, size=16, center=True)
    for item, number in zip(reference.body, numbers):
        if isinstance(item, RefHeading):
            font, bold = {1: ("黑体", False), 2: ("楷体_GB2312", False), 3: ("仿宋_GB2312", True)}[
                item.level]
            _line(document, number + item.text, size=16, font=font, bold=bold)
        elif isinstance(item, RefParagraph):
            _line(document, "\u3000\u3000" + item.text, size=16, font="仿宋_GB2312")
        elif isinstance(item, RefCase):
            table = document.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            cell = table.rows[0].cells[0]
            cell.paragraphs[0].add_run(f"案例{item.number}").bold = True
            title = cell.add_paragraph()
            title.add_run(item.title).bold = True
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for text in item.paragraphs:
                cell.add_paragraph("\u3000\u3000" + text)
        elif isinstance(item, RefTable):
            _line(document, f"表{item.number} {item.name}", bold=True, size=12, center=True)
            if item.name == "毕业生服务三次产业情况":
                rows = ((item.rows[0]), ("",) + item.rows[1][1:]) + item.rows[2:]
                _grid(document, rows, bold_rows=2, diagonal=(1, 0))
            else:
                _grid(document, _table_rows(item))
    return _save(document)


def _gb_numbers(reference: Reference) -> list[str]:
    """一、 / （一） / 1. for each heading, counted; "" for other items."""
    counts = [0, 0, 0]
    numbers = []
    for item in reference.body:
        if not isinstance(item, RefHeading):
            numbers.append("")
            continue
        counts[item.level - 1] += 1
        counts[item.level:] = [0] * (3 - item.level)
        n = counts[item.level - 1]
        numbers.append({1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）",
                        3: f"{n}."}[item.level])
    return numbers


def styled_document(reference: Reference) -> bytes:
    """The report with Word's heading styles and typed decimal numbers."""
    document = docx.Document()
    _line(document, reference.title, size=22, center=True, style="Title")
    _line(document, reference.period, size=16, center=True)
    _line(document, ISSUER, size=16, center=True)
    _line(document, "二〇二四年十二月", size=16, center=True)
    _page_break(document)
    _line(document, "前言", bold=True, size=16, center=True)
    for text in reference.foreword:
        _line(document, text)
    path: list[int] = []
    for item in reference.body:
        if isinstance(item, RefHeading):
            path = path[: item.level - 1] + [path[item.level - 1] + 1 if len(path) >= item.level
                                              else 1]
            number = f"{path[0]}." if item.level == 1 else ".".join(map(str, path))
            document.add_heading(f"{number} {item.text}", level=item.level)
        elif isinstance(item, RefParagraph):
            _line(document, item.text)
        elif isinstance(item, RefCase):
            _line(document, f"典型案例{item.number}：{item.title}", bold=True, center=True)
            for text in item.paragraphs:
                _line(document, text)
        elif isinstance(item, RefTable):
            _line(document, f"表{item.number}：{item.name}", center=True)
            _grid(document, _table_rows(item), bold_rows=1)
    return _save(document)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
