"""Read a produced report back, in document order, as the same records as ``reference_text``.

A .docx is compared by its text and structure, never by its bytes: headings by their style
(Heading 1–3, number stripped), paragraphs in the body style, case boxes (tables in the
"Case Box" style) and data tables (tables in the "Report Table" style, each after its caption),
with merged-away cells read as "" the way the reference extraction shows them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from reference_text import RefCase, RefHeading, RefItem, RefParagraph, RefTable

_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s*")
_CAPTION = re.compile(r"^(?:附表|表)(\d+)\s*(.*)$")


@dataclass(frozen=True)
class ReadReport:
    """What a produced report says."""

    cover: tuple[str, ...]
    """The cover's paragraphs (title, period, issuer, month)."""
    foreword: tuple[str, ...]
    """前言's paragraphs."""
    body: tuple[RefItem, ...]
    """Headings, paragraphs, cases and tables of the chapters, in order."""
    heading_numbers: tuple[str, ...]
    """The number printed before each heading (``1.``, ``1.1``, ``1.1.1``)."""


def open_docx(source: str | Path | bytes) -> docx.document.Document:
    """A python-docx document from a path or bytes."""
    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def cell_texts(table: Table) -> tuple[tuple[str, ...], ...]:
    """Each row's cells as texts, one per grid column: a cell continuing a vertical merge reads
    "", a cell spanning columns is followed by "" for each column it covers."""
    rows = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            v_merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            continuing = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
            text = "\n".join(Paragraph(p, None).text for p in tc.findall(qn("w:p")))
            cells.append("" if continuing else text)
            cells.extend([""] * (tc.grid_span - 1))
        rows.append(tuple(cells))
    return tuple(rows)


def read_report(source: str | Path | bytes) -> ReadReport:
    """Read the report in document order."""
    document = open_docx(source)
    cover: list[str] = []
    foreword: list[str] = []
    body: list[RefItem] = []
    numbers: list[str] = []
    part = "cover"
    caption: tuple[int, str] | None = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            text = paragraph.text
            if style == "Front Heading":
                part = "foreword"
            elif style == "TOC Heading":
                part = "toc"
            elif style == "Body Title":
                part = "body"
            elif part == "cover" and text.strip():
                cover.append(text)
            elif part == "foreword" and text.strip():
                foreword.append(text)
            elif part == "body" and style == "Appendix Heading":
                numbers.append("")
                body.append(RefHeading(1, text))
            elif part == "body" and style.startswith("Heading "):
                number = _NUMBER.match(text)
                numbers.append(number.group(0).strip() if number else "")
                body.append(RefHeading(int(style[-1]), text[number.end():] if number else text))
            elif part == "body" and style in ("Table Caption", "Appendix Caption"):
                match = _CAPTION.match(text)
                assert match, f"caption without 表N: {text!r}"
                caption = (int(match.group(1)), match.group(2))
            elif part == "body" and style == "Normal" and text.strip():
                body.append(RefParagraph(text))
        elif element.tag == qn("w:tbl") and part == "body":
            table = Table(element, document)
            style = table.style.name if table.style is not None else ""
            if style == "Case Box":
                paragraphs = [p for p in table.rows[0].cells[0].paragraphs if p.text.strip()]
                label, title = paragraphs[0].text, paragraphs[1].text
                rest = paragraphs[2:]
                if rest and rest[0].style.name == "Case Subtitle":
                    title, rest = f"{title} {rest[0].text}", rest[1:]
                body.append(RefCase(int(re.sub(r"^\D*", "", label)), title,
                                    tuple(p.text for p in rest)))
            elif style == "Report Table":
                assert caption is not None, "a table without its caption"
                body.append(RefTable(caption[0], caption[1], cell_texts(table)))
                caption = None
    return ReadReport(tuple(cover), tuple(foreword), tuple(body), tuple(numbers))
