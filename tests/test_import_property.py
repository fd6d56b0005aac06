"""Nothing is dropped silently: whatever a document holds (paragraphs, headings of any kind,
cases boxed or not, shaded paragraphs, tables with or without captions), every piece of its
text ends up in the workbook — in a sheet, a sheet's name, or quoted in 导入说明.

Documents are drawn at random from these pieces, each carrying a distinct core text; the import
must succeed and every core must be found in the workbook.
"""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.importing import import_report

_ALPHABET = "学校专业教师课程实训企业发展质量建设培养服务区域合作创新技能"
cores = st.text(alphabet=_ALPHABET, min_size=3, max_size=10)
_MARKERS = ["1.", "1.1 ", "1.1.1 ", "一、", "（一）", "（1）", "第一章 ", "①"]

pieces = st.one_of(
    st.tuples(st.just("paragraph"), cores),
    st.tuples(st.just("typed"), st.sampled_from(_MARKERS), cores),
    st.tuples(st.just("bold"), cores),
    st.tuples(st.just("styled"), st.integers(1, 4), cores),
    st.tuples(st.just("case"), st.booleans(), cores, st.lists(cores, min_size=0, max_size=2)),
    st.tuples(st.just("box"), st.lists(cores, min_size=1, max_size=3)),
    st.tuples(st.just("shaded"), st.lists(cores, min_size=1, max_size=3)),
    st.tuples(st.just("table"), st.booleans(), cores,
              st.lists(st.lists(cores, min_size=2, max_size=2), min_size=1, max_size=3)),
)


def _document(items: list[tuple]) -> tuple[bytes, list[str]]:
    """The document and the core texts it holds."""
    d = docx.Document()
    texts: list[str] = []
    for n, item in enumerate(items):
        tag = f"{n:02d}"  # keeps every core distinct
        kind = item[0]
        if kind == "paragraph":
            texts.append(item[1] + tag)
            d.add_paragraph(f"{texts[-1]}，这是正文的一段，写得比标题长一些。")
        elif kind == "typed":
            texts.append(item[2] + tag)
            d.add_paragraph(item[1] + texts[-1])
        elif kind == "bold":
            texts.append(item[1] + tag)
            d.add_paragraph().add_run(texts[-1]).bold = True
        elif kind == "styled":
            texts.append(item[2] + tag)
            d.add_heading(texts[-1], level=item[1])
        elif kind == "case":
            body = [c + tag + str(k) for k, c in enumerate(item[3])]
            texts += [item[2] + tag] + body
            if item[1]:
                table = d.add_table(rows=1, cols=1)
                table.style = "Table Grid"
                cell = table.cell(0, 0)
                cell.paragraphs[0].add_run(f"案例{n + 1}")
                cell.add_paragraph(texts[-1 - len(body)])
                for text in body:
                    cell.add_paragraph(text + "。")
            else:
                d.add_paragraph(f"案例{n + 1} {texts[-1 - len(body)]}")
                for text in body:
                    d.add_paragraph(text + "。")
        elif kind in ("box", "shaded"):
            lines = [c + tag + str(k) for k, c in enumerate(item[1])]
            texts += lines
            if kind == "box":
                table = d.add_table(rows=1, cols=1)
                table.style = "Table Grid"
                table.cell(0, 0).text = "\n".join(lines)
            else:
                for line in lines:
                    p = d.add_paragraph(line)
                    p._p.get_or_add_pPr().append(docx.oxml.parse_xml(
                        '<w:shd xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                        'main" w:val="clear" w:fill="DDDDDD"/>'))
        else:
            caption, name, rows = item[1], item[2] + tag, item[3]
            if caption:
                texts.append(name)
                d.add_paragraph(f"表{n + 1} {name}")
            cells = [[c + tag + str(r) + str(k) for k, c in enumerate(row)]
                     for r, row in enumerate(rows)]
            texts += [c for row in cells for c in row]
            table = d.add_table(rows=len(cells), cols=2)
            table.style = "Table Grid"
            for r, row in enumerate(cells):
                for k, text in enumerate(row):
                    table.cell(r, k).text = text
    buffer = BytesIO()
    d.save(buffer)
    return buffer.getvalue(), texts


def _workbook_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    parts = list(wb.sheetnames)
    for ws in wb.worksheets:
        parts += [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    return "\n".join(parts)


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, min_size=1, max_size=12))
def test_every_text_of_a_document_reaches_the_workbook(items):
    """Any mix of pieces imports, and each piece's text is in the workbook somewhere."""
    data, texts = _document(items)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "随机.docx"
        source.write_bytes(data)
        result = import_report(source, Path(folder) / "随机.xlsx")
        found = _workbook_text(result.workbook)
    missing = [t for t in texts if t not in found]
    assert not missing
