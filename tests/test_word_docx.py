"""The produced .docx as Word sees it: merged cells, repeated headers, widths, fonts, fields.

These read the XML of the 2024 report back: what a clerk would check by clicking into the
document in Word (is the 序号 cell merged over its group? does the header row repeat? which
Chinese font does this style use?).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table

from docx_reading import open_docx
from reportgen.errors import UsageError
from reportgen.pipeline import generate
from reportgen.word import default_template
from reportgen.word.template.styles import OFFICIAL_FONTS
from workbooks import build

TEXT_WIDTH_TWIPS = round(156 / 25.4 * 1440)


@pytest.fixture(scope="module")
def document(report_2024: Path):
    return open_docx(report_2024)


def _report_tables(document) -> list[Table]:
    return [t for t in document.tables if t.style.name == "Report Table"]


def _merge_column(table: Table, column: int) -> list[str]:
    """Per row, the vertical merge state of the cell starting at grid column ``column``:
    'restart', 'continue' or '' (not merged)."""
    states = []
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            if col == column:
                v = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
                states.append("" if v is None else v.get(qn("w:val"), "continue"))
                break
            col += tc.grid_span
    return states


def test_number_cell_is_merged_over_each_group(document):
    """表1: 序号 2 spans 毕业去向落实人数 and its two sub-rows; 序号 5 spans four rows."""
    scorecard = _report_tables(document)[0]
    states = _merge_column(scorecard, 0)
    # header, 1, 2 + 其中 ×2, 3, 4, 5 + 其中 ×3, 6, 7
    assert states == ["", "", "restart", "continue", "continue", "", "",
                      "restart", "continue", "continue", "continue", "", ""]


def test_indicator_cell_is_merged_over_its_two_unit_rows(document):
    """表2: 教学计划内课程总数* is one 指标 cell over its 门 and 学时 rows."""
    resources = _report_tables(document)[1]
    rows = [[c.text for c in r.cells] for r in resources.rows]
    first = next(i for i, r in enumerate(rows) if r[1] == "教学计划内课程总数*")
    assert rows[first][2:4] == ["门", "160"] and rows[first + 1][2:4] == ["学时", "121860"]
    states = _merge_column(resources, 1)
    assert states[first:first + 2] == ["restart", "continue"]
    assert states[first + 2] == "restart"  # 其中：课证融通课程数* over its own two rows


def test_free_table_keeps_its_merged_title_row_and_diagonal_header(document):
    """表3: the title row spans all eight columns; the corner cell has a diagonal line."""
    table3 = _report_tables(document)[2]
    first_row = table3._tbl.tr_lst[0]
    assert len(first_row.tc_lst) == 1 and first_row.tc_lst[0].grid_span == 8
    corner = table3._tbl.tr_lst[1].tc_lst[0]
    assert corner.tcPr.find(qn("w:tcBorders")).find(qn("w:tl2br")) is not None
    lines = [p.text for p in table3.rows[1].cells[0].paragraphs]
    assert lines == ["年份 人数", "产业"]


def test_header_rows_repeat_after_a_page_break(document):
    """Every table's header rows are marked to repeat; body rows are not."""
    for table in _report_tables(document):
        flags = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
                 for tr in table._tbl.tr_lst]
        header_count = flags.index(False)
        assert header_count >= 1 and not any(flags[header_count:])


def test_tables_fit_the_text_block(document):
    """Column widths add up to the A4 text block (156 mm), never more."""
    for table in _report_tables(document) + [t for t in document.tables
                                             if t.style.name == "Case Box"]:
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(widths) - TEXT_WIDTH_TWIPS) <= len(widths) + 2


def _used_styles(document):
    used = set()
    body = document.element.body
    for p in body.iter(qn("w:p")):
        style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        used.add(("paragraph", style.get(qn("w:val")) if style is not None else None))
    for r in body.iter(qn("w:r")):
        style = r.find(qn("w:rPr") + "/" + qn("w:rStyle"))
        if style is not None:
            used.add(("character", style.get(qn("w:val"))))
    for t in body.iter(qn("w:tbl")):
        style = t.find(qn("w:tblPr") + "/" + qn("w:tblStyle"))
        if style is not None:
            used.add(("table", style.get(qn("w:val"))))
    return used


def test_every_style_used_names_an_official_east_asian_font(document):
    """Word takes Chinese glyphs from w:eastAsia: each style the document uses names one of
    the official fonts there, and no theme font."""
    by_id = {s.style_id: s for s in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    checked = 0
    for kind, style_id in _used_styles(document):
        style = by_id[style_id] if style_id else default
        fonts = style.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None, f"{kind} style {style.name} names no font"
        assert fonts.get(qn("w:eastAsia")) in OFFICIAL_FONTS, style.name
        assert fonts.get(qn("w:ascii")) == "Times New Roman", style.name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, style.name
        checked += 1
    assert checked >= 15
    defaults = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) in OFFICIAL_FONTS


def test_typography_follows_the_official_format(document):
    """A4, margins 37/35/28/26 mm; body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt with a
    two-character first-line indent; headings 黑体 / 楷体_GB2312 / bold 仿宋_GB2312."""
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                      section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    styles = document.styles

    def east_asia(name):
        return styles[name].element.find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:eastAsia"))

    normal = styles["Normal"]
    assert east_asia("Normal") == "仿宋_GB2312" and normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28
    ind = normal.element.find(qn("w:pPr") + "/" + qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert east_asia("Title") == "方正小标宋简体" and styles["Title"].font.size.pt == 22
    assert [east_asia(f"Heading {n}") for n in (1, 2, 3)] == ["黑体", "楷体_GB2312", "仿宋_GB2312"]
    assert styles["Heading 3"].font.bold and not styles["Heading 1"].font.bold


def test_page_numbers_and_table_of_contents_are_fields(document):
    """The footer of the body counts pages from 1 with a PAGE field; the front matter holds a
    TOC field over heading levels 1–3."""
    body = document.sections[-1]
    footer_xml = body.footer._element.xml
    assert "PAGE" in footer_xml and "— " in body.footer.paragraphs[0].text
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    instructions = [i.text for i in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-3"') for i in instructions)


def test_every_cell_width_is_its_columns_width(document):
    """Word sizes cells by w:tcW: each cell is as wide as the grid columns it spans."""
    for table in _report_tables(document):
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        for tr in table._tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                tc_w = tc.tcPr.find(qn("w:tcW"))
                assert tc_w.get(qn("w:type")) == "dxa"
                assert int(tc_w.get(qn("w:w"))) == sum(grid[col:col + tc.grid_span])
                col += tc.grid_span


def test_file_properties_name_the_report(document):
    """File › Properties shows the report's title and issuer, not the template's."""
    properties = document.core_properties
    assert properties.title == "璧山区中等职业学校年度质量报告（2023-2024学年度）"
    assert properties.author == "重庆市璧山区教育委员会"
    assert "模板" not in properties.title and "python-docx" not in (properties.comments or "")


def test_a_template_without_table_slots_is_refused(tmp_path: Path):
    """A template whose table branch lost its {{ b.slot }} paragraph (an older template, or
    one edited carelessly) is refused with a message saying what to keep."""
    document = docx.Document(str(default_template()))
    for paragraph in document.paragraphs:
        if paragraph.text == "{{ b.slot }}":
            paragraph._p.getparent().remove(paragraph._p)
    template = tmp_path / "old.docx"
    document.save(str(template))
    with pytest.raises(UsageError, match=r"\{\{ b.slot \}\}") as raised:
        generate(build(tmp_path), tmp_path / "out.docx", template=template, toc=False)
    assert raised.value.code == "U-TEMPLATE-TABLE-SLOT"
    assert not (tmp_path / "out.docx").exists()
