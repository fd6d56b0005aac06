"""Reading Word documents into the model, piece by piece: typed numbers and their levels,
figures as printed, official tables recognised by their rows, free tables with merges and
diagonal cells, generated text (fields, tables of contents, deletions) left out, Word's own
list numbers, text boxes and shaded paragraphs as cases, pages when the file records them."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen.catalog import load_catalog
from reportgen.model import Case, FreeTable, IndicatorTable, Paragraph
from reportgen.word.reading import Kind, check_document_file, read_document
from reportgen.word.reading.headings import Candidate, LevelAssigner, marker
from reportgen.word.reading.tables import parse_figure

_W = nsdecls("w")


def _cover(d) -> None:
    for text in ("测试区中等职业学校年度质量报告", "（2023-2024学年度）", "测试区教育委员会", "2024年12月"):
        d.add_paragraph(text)


def _read(d):
    buffer = BytesIO()
    d.save(buffer)
    return read_document(docx.Document(BytesIO(buffer.getvalue())))


@pytest.mark.parametrize("text, found", [
    ("1.学校概况", ("1.", "学校概况")),
    ("1.2 专业设置", ("1.1", "专业设置")),
    ("1.2.1动态调整专业设置", ("1.1.1", "动态调整专业设置")),
    ("一、学校概况", ("一、", "学校概况")),
    ("（三）师资队伍", ("（一）", "师资队伍")),
    ("(2) 课程", ("（1）", "课程")),
    ("②实训", ("①", "实训")),
    ("第二章 人才培养", ("第一章", "人才培养")),
    ("1.5万名学生参加了技能大赛", None),
    ("2024年6月，学校获评", None),
    ("一是加强领导", None),
    ("1.", None),
])
def test_typed_numbers_are_recognised_and_stripped(text, found):
    """Each kind of typed number, and lines that only look numbered."""
    assert marker(text) == found


def test_a_kind_of_number_takes_the_level_where_it_first_appears():
    """一、/（一）/1. nest in the order met; 1. under 一、 is third level, not a chapter."""
    levels = LevelAssigner()
    kinds = ["一、", "（一）", "1.", "1.", "（一）", "一、", "（一）", "1."]
    assert [levels.level(Candidate(("number", k), "t", typed=True)) for k in kinds] == [
        1, 2, 3, 3, 2, 1, 2, 3]


@pytest.mark.parametrize("text, unit, value", [
    ("16.29:1", ":", "16.29"), ("16.29：1", ":", "16.29"), ("98.62%", "%", "98.62"),
    ("98.60", "%", "98.60"), ("1,234", "人", "1234"), ("１２３４", "人", "1234"),
    ("—", "人", None), ("无", "人", None), ("", "人", None), ("12人", "人", None),
])
def test_figures_are_read_as_printed(text, unit, value):
    """Ratios, percentages, separators and full-width digits; dashes and 无 are empty; the
    decimals shown are kept (98.60 stays 98.60)."""
    parsed = parse_figure(text, unit)
    assert (None if parsed is None else str(parsed)) == value


def _grid(d, rows):
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def test_an_official_table_is_recognised_by_its_rows():
    """The 教学资源表 typed with 其中：, a merged two-unit indicator and 16.29:1."""
    d = docx.Document()
    _cover(d)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("表1 教学资源表")
    spec = load_catalog(2024).by_name("教学资源表")
    assert spec is not None
    rows = [("序号", "指标", "单位", "2024年", "备注")]
    values = {"生师比*": "16.29:1", "高级“双师型”教师比例": "30.50"}
    for n, (indicator, unit) in enumerate(spec.row_units(), 1):
        label = ("其中：" if indicator.name == "高级“双师型”教师比例" else "") + indicator.name
        rows.append((str(n), label, unit, values.get(indicator.name, ""), ""))
    table = _grid(d, rows)
    courses = [i for i, (s, _) in enumerate(spec.row_units(), 1) if s.name == "教学计划内课程总数*"]
    table.cell(courses[1], 1).text = ""  # the second unit's row: its 指标 cell merged away
    table.cell(courses[0], 1).merge(table.cell(courses[1], 1))
    table.cell(courses[0], 3).text, table.cell(courses[1], 3).text = "120", "5,600"
    reading = _read(d)
    (placed,) = reading.report.tables
    assert isinstance(placed, IndicatorTable) and placed.spec is spec
    figures = {(row.spec.name, row.unit): row.value.value for row in placed.rows}
    assert figures[("生师比*", ":")] == Decimal("16.29")
    assert str(figures[("高级“双师型”教师比例", "%")]) == "30.50"
    assert figures[("教学计划内课程总数*", "门")] == 120
    assert figures[("教学计划内课程总数*", "学时")] == 5600
    assert reading.report.meta.year == 2024


def test_a_free_table_keeps_merges_header_rows_and_its_diagonal_cell():
    """A title row merged across, a bold header row with a diagonal cell, numbers as numbers."""
    d = docx.Document()
    _cover(d)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("表1 专业分布")
    table = _grid(d, [("专业分布", "", ""), ("类别\n年份", "2023", "2024"), ("装备制造", "12", "13.50")])
    table.cell(0, 0).merge(table.cell(0, 2))
    for row in table.rows[:2]:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    tc_pr = table.cell(1, 0)._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:tcBorders {_W}><w:tl2br w:val="single"/></w:tcBorders>'))
    (free,) = _read(d).report.tables
    assert isinstance(free, FreeTable) and (free.key, free.title) == ("表-专业分布", "专业分布")
    assert [[c.text for c in row] for row in free.cells] == [
        ["专业分布", "", ""], ["类别\n年份", "2023", "2024"], ["装备制造", "12", "13.50"]]
    assert free.cells[1][0].diagonal and not free.cells[1][1].diagonal
    assert str(free.cells[2][2].number) == "13.50" and free.cells[2][0].number is None
    assert free.header_rows == 2
    assert [(s.row, s.col, s.rows, s.cols) for s in free.spans] == [(0, 0, 1, 3)]


def test_generated_text_is_left_out():
    """A page number field, a table of contents field and deleted text are not read; a
    hyperlink's text and inserted text are."""
    d = docx.Document()
    _cover(d)
    toc = d.add_paragraph()
    toc._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    toc._p.append(parse_xml(f'<w:r {_W}><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'))
    toc._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    toc._p.append(parse_xml(f'<w:r {_W}><w:t>1.学校概况 ........ 3</w:t></w:r>'))
    more = d.add_paragraph()
    more._p.append(parse_xml(f'<w:r {_W}><w:t>1.1 基本情况 ...... 3</w:t></w:r>'))
    more._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="end"/></w:r>'))
    d.add_paragraph("1.学校概况")
    p = d.add_paragraph("第")
    p._p.append(parse_xml(f'<w:fldSimple {_W} w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:r {_W}><w:t>页见</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:hyperlink {_W}><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:del {_W} w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {_W} w:id="2" w:author="a"><w:r><w:t>，补上的。</w:t></w:r></w:ins>'))
    reading = _read(d)
    assert [b.text.text for b in reading.report.blocks() if isinstance(b, Paragraph)] == [
        "第页见链接文字，补上的。"]
    assert [s.title.text for s in reading.report.sections()] == ["学校概况"]
    assert any(g.code == "I-IMPORT-TOC-DROPPED" for g in reading.guesses)


def test_word_list_numbers_are_read_like_typed_ones():
    """Headings numbered by Word's own list (一、 and （一） counted by Word) are headings."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {_W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    _cover(d)

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("学校概况", 0)
    numbered("基本情况", 1)
    d.add_paragraph("学校有学生一千人。")
    numbered("人才培养", 0)
    d.add_paragraph("学校坚持立德树人。")
    reading = _read(d)
    assert [(s.level, s.title.text) for s in reading.report.sections()] == [
        (1, "学校概况"), (2, "基本情况"), (1, "人才培养")]
    assert [g.found for g in reading.guesses if g.code == "I-IMPORT-HEADING-NUMBER"] == [
        "一、学校概况", "（一）基本情况", "二、人才培养"]


def test_a_case_in_a_text_box_or_in_shaded_paragraphs_is_a_case():
    """Boxes that are not tables: a text box holding 案例1, and shaded paragraphs."""
    d = docx.Document()
    _cover(d)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("学校有学生一千人。")
    anchor = d.add_paragraph()
    anchor._p.append(parse_xml(
        f'<w:r {_W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>案例1</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>校企合作育人</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>学校与企业共建实训基地。</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    d.add_paragraph("学校坚持特色发展。")
    for text in ("技能大赛获佳绩", "学生在全国大赛中获得一等奖。", "学校将继续努力。"):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:shd {_W} w:val="clear" w:fill="E7E6E6"/>'))
    reading = _read(d)
    blocks = list(reading.report.blocks())
    cases = [b for b in blocks if isinstance(b, Case)]
    assert [(c.title.text, [p.text.text for p in c.paragraphs]) for c in cases] == [
        ("校企合作育人", ["学校与企业共建实训基地。"]),
        ("技能大赛获佳绩", ["学生在全国大赛中获得一等奖。", "学校将继续努力。"])]
    assert [g.code for g in reading.guesses if "CASE" in g.code] == ["I-IMPORT-CASE-UNLABELLED"]


def test_heading_styles_count_from_the_highest_used():
    """A report that keeps Heading 1 for nothing and uses Heading 2–4 has levels 1–3; no
    heading is a guess when styles say it."""
    d = docx.Document()
    _cover(d)
    d.add_heading("学校概况", level=2)
    d.add_heading("基本情况", level=3)
    d.add_heading("专业设置", level=4)
    d.add_paragraph("学校开设专业十个。")
    reading = _read(d)
    assert [(s.level, s.title.text) for s in reading.report.sections()] == [
        (1, "学校概况"), (2, "基本情况"), (3, "专业设置")]
    assert not [g for g in reading.guesses if g.code.startswith("I-IMPORT-HEADING")]


def test_pages_are_given_when_the_file_records_them():
    """Word writes where pages broke: a guess then names its page too."""
    d = docx.Document()
    _cover(d)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("学校有学生一千人。")
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:r {_W}><w:lastRenderedPageBreak/><w:t>2.人才培养</w:t></w:r>'))
    d.add_paragraph("学校坚持立德树人。")
    guesses = [g for g in _read(d).guesses if g.code == "I-IMPORT-HEADING-NUMBER"]
    assert [str(g.where) for g in guesses] == ["第 1 页，第 5 段", "第 2 页，第 7 段"]


def test_official_tables_after_an_appendix_heading_go_to_the_appendix():
    """附表 at the end, followed only by the tables: 指标表位置 is 附表."""
    d = docx.Document()
    _cover(d)
    d.add_paragraph("1.学校概况")
    d.add_paragraph("学校有学生一千人。")
    d.add_paragraph("附表")
    spec = load_catalog(2024).by_name("国际影响表")
    assert spec is not None
    _grid(d, [("序号", "指标", "单位", "2024年", "备注")]
          + [("", s.name, unit, "0", "") for s, unit in spec.row_units()])
    report = _read(d).report
    assert report.meta.tables_in_appendix and not report.tables
    assert [s.title.text for s in report.sections()] == ["学校概况"]


@pytest.mark.parametrize("content, kind", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le"),
     Kind.LEGACY),
    (b"{\\rtf1\\ansi hello}", Kind.LEGACY),
    (b"<html><body>report</body></html>", Kind.LEGACY),
])
def test_old_formats_are_named_for_conversion(tmp_path: Path, content: bytes, kind: Kind):
    """.doc/.wps (OLE2 with a WordDocument stream), RTF and web pages saved by Word."""
    path = tmp_path / "old.doc"
    path.write_bytes(content)
    assert check_document_file(path) is kind


def test_a_docx_is_a_docx(tmp_path: Path):
    d = docx.Document()
    path = tmp_path / "a.docx"
    d.save(str(path))
    assert check_document_file(path) is Kind.DOCX
    assert qn("w:p")  # python-docx namespaces are available to the reader


def test_a_title_in_heading_1_is_the_title_not_a_chapter():
    """Some reports set their title in Heading 1 and chapters in Heading 2–4: the line over
    the period is the title, and the chapters count from Heading 2."""
    d = docx.Document()
    d.add_heading("测试区中等职业学校年度质量报告", level=1)
    d.add_paragraph("（2023-2024学年度）")
    d.add_heading("学校概况", level=2)
    d.add_heading("基本情况", level=3)
    d.add_heading("专业设置", level=4)
    d.add_paragraph("学校开设专业十个。")
    d.add_heading("人才培养", level=2)
    d.add_paragraph("学校坚持立德树人。")
    report = _read(d).report
    assert report.meta.title.text == "测试区中等职业学校年度质量报告"
    assert [(s.level, s.title.text) for s in report.sections()] == [
        (1, "学校概况"), (2, "基本情况"), (3, "专业设置"), (1, "人才培养")]


def test_a_cover_with_a_title_on_two_lines_and_labelled_issuer():
    """The title broken over two lines is one title; "编制单位：" is not part of the issuer;
    2024.12.30 is a date with its day."""
    d = docx.Document()
    for text in ("测试区中等职业学校", "年度质量报告"):
        d.add_paragraph().add_run(text).font.size = docx.shared.Pt(22)
    for text in ("（2023-2024学年度）", "编制单位：测试区教育委员会", "2024.12.30"):
        d.add_paragraph(text)
    d.add_paragraph("一、学校概况")
    d.add_paragraph("学校有学生一千人。")
    reading = _read(d)
    meta = reading.report.meta
    assert (meta.title.text, meta.issuer.text, meta.date.isoformat()) == (
        "测试区中等职业学校年度质量报告", "测试区教育委员会", "2024-12-30")
    assert not [g for g in reading.guesses if g.code in ("W-IMPORT-COVER-LINE", "I-IMPORT-DATE-DAY")]
