"""Hand-built WordprocessingML: one module builds it, each child lands at its place in the
schema's sequence (Word refuses other orders; LibreOffice would not show the mistake)."""

from __future__ import annotations

import ast
from pathlib import Path

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
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
    oxml.shade_cell(cell._tc, "E7E6E6")
    oxml.draw_diagonal(cell._tc)
    assert _tags(cell._tc.tcPr) == ["tcW", "tcBorders", "shd", "vAlign"]
    assert cell._tc.tcPr.find(qn("w:tcBorders"))[0].tag == qn("w:tl2br")


def test_inserting_again_replaces_the_element():
    """A second shading replaces the first: a property appears once."""
    cell = _cell()
    oxml.shade_cell(cell._tc, "FFFFFF")
    oxml.shade_cell(cell._tc, "000000")
    shadings = cell._tc.tcPr.findall(qn("w:shd"))
    assert [s.get(qn("w:fill")) for s in shadings] == ["000000"]


def test_row_options_and_table_width():
    """cantSplit before tblHeader; tblW replaced in place, before jc and tblLook."""
    table = docx.Document().add_table(rows=1, cols=2)
    tr = table.rows[0]._tr
    oxml.set_row_options(tr, cant_split=True, repeat_header=True)
    assert _tags(tr.trPr) == ["cantSplit", "tblHeader"]
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
