"""A laid-out grid becomes one Word table in one pass: style, widths, merges, header rows,
diagonal header cells — written where the template marks the table's slot."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from docx_reading import cell_texts
from reportgen.errors import UsageError
from reportgen.layout import Grid, GridCell
from reportgen.model import Span
from reportgen.word import default_template
from reportgen.word.docx import HEADER_FILL, table_styles, write_table

GRID = Grid(
    header=((GridCell("标题"), GridCell(""), GridCell("")),
            (GridCell("年份\n产业", diagonal=True), GridCell("2023"), GridCell("备注"))),
    body=((GridCell("甲", "left"), GridCell("1"), GridCell("第一行\n第二行", "left")),
          (GridCell("", "left"), GridCell("2"), GridCell(""))),
    spans=(Span(0, 0, 1, 3), Span(2, 0, 2, 1)),
    widths_mm=(78.0, 39.0, 39.0),
)


@pytest.fixture()
def written():
    document = docx.Document(str(default_template()))
    before = document.add_paragraph("前")
    slot = document.add_paragraph("slot")
    document.add_paragraph("后")
    table = write_table(document, GRID, slot._p)
    return document, before, table


def test_the_table_takes_the_slots_place(written):
    """The slot paragraph is gone; the table stands between its neighbours, in the report
    table style."""
    document, before, table = written
    assert before._p.getnext() is table._tbl
    assert table._tbl.getnext().xpath("string(.)") == "后"
    assert "slot" not in [p.text for p in document.paragraphs]
    assert table.style.name == "Report Table"


def test_cells_and_merges(written):
    """The title spans three columns; 甲 spans two rows; merged-away cells read empty."""
    _, _, table = written
    assert cell_texts(table) == (("标题", "", ""), ("年份\n产业", "2023", "备注"),
                                 ("甲", "1", "第一行\n第二行"), ("", "2", ""))
    trs = table._tbl.tr_lst
    assert len(trs[0].tc_lst) == 1 and trs[0].tc_lst[0].grid_span == 3
    assert [trs[r].tc_lst[0].vMerge for r in (2, 3)] == ["restart", "continue"]
    for tr in trs:  # every row covers the grid exactly
        assert sum(tc.grid_span for tc in tr.tc_lst) == 3


def test_widths_are_fixed_and_each_cell_is_as_wide_as_its_columns(written):
    """gridCol widths in twips, tblW their sum, fixed layout; a merged cell's tcW is the sum
    of the columns it spans."""
    _, _, table = written
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [4422, 2211, 2211]
    assert int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) == sum(grid)
    assert table.autofit is False
    title = table._tbl.tr_lst[0].tc_lst[0]
    assert title.width.twips == sum(grid)


def test_header_rows_repeat_are_shaded_and_body_rows_are_not(written):
    """Header rows carry tblHeader and the header fill; every row stays on one page."""
    _, _, table = written
    for r, tr in enumerate(table._tbl.tr_lst):
        header = r < 2
        assert (tr.trPr.find(qn("w:tblHeader")) is not None) is header
        assert tr.trPr.find(qn("w:cantSplit")) is not None
        fills = {tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) if tc.tcPr.find(qn("w:shd"))
                 is not None else None for tc in tr.tc_lst}
        assert fills == ({HEADER_FILL} if header else {None})


def test_paragraph_styles_and_alignment(written):
    """Header cells in Table Header, body cells in Table Text; a diagonal cell's first line
    right and its last left, with the diagonal line; left-aligned cells say so."""
    _, _, table = written
    corner = table.rows[1].cells[0]
    assert [(p.text, p.alignment) for p in corner.paragraphs] == [("年份", 2), ("产业", 0)]
    assert corner._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:tl2br")) is not None
    assert {p.style.name for p in table.rows[0].cells[0].paragraphs} == {"Table Header"}
    note = table.rows[2].cells[2]
    assert [p.style.name for p in note.paragraphs] == ["Table Text", "Table Text"]
    assert all(p.alignment == 0 for p in note.paragraphs)


def test_a_template_without_the_table_styles_is_a_usage_error():
    """A clerk's template that lost "Report Table" gets a message naming the style."""
    document = docx.Document()
    slot = document.add_paragraph("slot")
    with pytest.raises(UsageError, match="模板缺少样式") as raised:
        write_table(document, GRID, slot._p)
    assert raised.value.code == "U-TEMPLATE-STYLE"
    assert "模板缺少样式：“Report Table”、“Table Header”、“Table Text”。" in str(raised.value)
    assert "no style" not in str(raised.value)


def test_table_styles_are_the_ids_python_docx_finds_by_name():
    """The ids looked up by name in one search are those python-docx gives for the styles
    "Report Table", "Table Header" and "Table Text" of the official template."""
    document = docx.Document(str(default_template()))
    names = ("Report Table", "Table Header", "Table Text")
    assert table_styles(document) == tuple(document.styles[name].style_id for name in names)
