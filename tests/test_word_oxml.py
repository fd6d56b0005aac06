"""Hand-built WordprocessingML: one module builds it, each child lands at its place in the
schema's sequence (Word refuses other orders; LibreOffice would not show the mistake)."""

from __future__ import annotations

import ast
from pathlib import Path

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reportgen.word import oxml

SRC = Path(__file__).resolve().parent.parent / "src" / "reportgen"
BUILDERS = {"OxmlElement", "parse_xml", "SubElement", "makeelement", "Element"}


def _tags(parent) -> list[str]:
    return [c.tag.split("}")[1] for c in parent]


def _cell():
    table = docx.Document().add_table(rows=1, cols=1)
    return table.rows[0].cells[0]


def test_cell_properties_keep_the_schema_order_whatever_the_calls_order():
    """Shading after borders, both before vAlign; tcW first — added in reverse order."""
    cell = _cell()
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tc_pr = cell._tc.tcPr
    oxml.insert(tc_pr, oxml.element("w:shd", {"w:val": "clear", "w:fill": "E7E6E6"}),
                oxml.TCPR_ORDER)
    oxml.child(tc_pr, "w:tcBorders", oxml.TCPR_ORDER).append(oxml.element("w:tl2br"))
    assert _tags(tc_pr) == ["tcW", "tcBorders", "shd", "vAlign"]
    assert tc_pr.find(qn("w:tcBorders"))[0].tag == qn("w:tl2br")


def test_inserting_again_replaces_the_element():
    """A second shading replaces the first: a property appears once; ``child`` gives the one
    there is."""
    tc_pr = _cell()._tc.get_or_add_tcPr()
    for fill in ("FFFFFF", "000000"):
        oxml.insert(tc_pr, oxml.element("w:shd", {"w:fill": fill}), oxml.TCPR_ORDER)
    assert [s.get(qn("w:fill")) for s in tc_pr.findall(qn("w:shd"))] == ["000000"]
    assert oxml.child(tc_pr, "w:shd", oxml.TCPR_ORDER) is tc_pr.find(qn("w:shd"))


def test_row_options_and_table_width():
    """cantSplit before tblHeader; tblW replaced in place, before jc and tblLook."""
    table = docx.Document().add_table(rows=1, cols=2)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        oxml.child(tr_pr, tag, oxml.TRPR_ORDER)
    assert _tags(tr_pr) == ["cantSplit", "tblHeader"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    oxml.set_table_width(table._tbl, 8844)
    tags = _tags(table._tbl.tblPr)
    assert tags[tags.index("tblW"):] == ["tblW", "jc", "tblLook"]
    width = table._tbl.tblPr.find(qn("w:tblW"))
    assert (width.get(qn("w:w")), width.get(qn("w:type"))) == ("8844", "dxa")


def test_a_field_is_begin_instruction_separate_result_end():
    """A complex field in five runs; Word computes it (dirty), the result shows until then."""
    runs = oxml.field_runs("PAGE", "1")
    marks = [(r[0].tag.split("}")[1], r[0].get(qn("w:fldCharType")), r[0].text) for r in runs]
    assert marks == [("fldChar", "begin", None), ("instrText", None, " PAGE "),
                     ("fldChar", "separate", None), ("t", None, "1"), ("fldChar", "end", None)]
    assert runs[0][0].get(qn("w:dirty")) == "true"


def test_page_numbers_restart_before_the_columns_setting():
    """pgNumType goes after pgMar and before cols in sectPr."""
    section = docx.Document().sections[0]
    oxml.restart_page_numbers(section._sectPr, 1)
    tags = _tags(section._sectPr)
    assert tags.index("pgMar") < tags.index("pgNumType") < tags.index("cols")


def test_update_fields_goes_before_compat_in_settings():
    """w:updateFields has its place in the long settings sequence."""
    settings = docx.Document().settings.element
    oxml.update_fields_on_open(settings)
    tags = _tags(settings)
    assert tags.index("updateFields") < tags.index("compat")


def test_fonts_name_the_east_asian_font_and_drop_theme_links():
    """rFonts first in rPr, with w:eastAsia and without theme attributes."""
    document = docx.Document()
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    oxml.set_complex_script(rpr, bold=True, size_pt=10.5)
    oxml.set_fonts(rpr, "仿宋_GB2312", "Times New Roman")
    fonts = rpr[0]
    assert fonts.tag == qn("w:rFonts") and fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:asciiTheme")) is None
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "21"


def test_only_oxml_builds_raw_elements():
    """No other module of the package creates XML elements by hand: it asks word/oxml.py or
    python-docx's own API."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "word" / "oxml.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    else node.func.attr if isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute) else None)
            if name in BUILDERS:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {name}")
    assert offenders == []


def test_a_table_built_whole_reads_back_as_given():
    """oxml.table: widths, spans, vertical merges, shading, a diagonal line and each
    paragraph's style, alignment and text (tabs, line breaks, spaces, XML characters) read back
    through python-docx as they were given."""
    cells = [oxml.CellXml(300, (("TableText", None, " a\tb\rc & <d> "),), span=2,
                          merge="restart", fill="E7E6E6", diagonal=True),
             oxml.CellXml(200, (("TableText", "left", "x"), ("TableHeader", "right", "")))]
    below = [oxml.CellXml(300, (("TableText", None, ""),), span=2, merge="continue"),
             oxml.CellXml(200, (("TableText", None, "y"),))]
    tbl = oxml.table("ReportTable", [100, 200, 200], [(True, cells), (False, below)])
    document = docx.Document()
    document.element.body.append(tbl)
    table = document.tables[0]
    first, second = tbl.tr_lst[0].tc_lst
    assert (first.grid_span, first.vMerge, tbl.tr_lst[1].tc_lst[0].vMerge) == (2, "restart", "continue")
    assert first.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "E7E6E6"
    assert first.tcPr.find(qn("w:tcBorders")) is not None
    assert _tags(first.tcPr) == ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "vAlign"]
    assert table.rows[0].cells[0].paragraphs[0].text == " a\tb\nc & <d> "
    assert [p.alignment for p in table.rows[0].cells[2].paragraphs] == [
        WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT]
    assert [p._p.style for p in table.rows[0].cells[2].paragraphs] == ["TableText", "TableHeader"]
    assert [c.w.twips for c in tbl.tblGrid.gridCol_lst] == [100, 200, 200]
    assert tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert tbl.tr_lst[1].trPr.find(qn("w:tblHeader")) is None
