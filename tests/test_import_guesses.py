"""The import report names each guess with its place, and nothing is dropped unsaid.

A deliberately ambiguous document (made here with python-docx) has one of each kind of doubt:
text before any heading, a heading typed with a number, a bold line without a number, a
numbered list, a heading four levels deep, a table without a caption, a case without a box,
a box that is not a case, a picture, a caption Excel cannot take as a sheet name, and none of
the official tables. Each comes out as a guess with the paragraph it concerns.
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from reportgen.errors import Problems
from reportgen.importing import ImportResult, import_report, pictures_folder
from reportgen.pipeline import generate
from reportgen.xlsx import load


def tiny_png() -> bytes:
    """A valid one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def ambiguous_document() -> bytes:
    d = docx.Document()

    def line(text: str, *, bold: bool = False, center: bool = False, size: int | None = None):
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = docx.shared.Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    line("测试区中等职业学校年度质量报告", bold=True, center=True, size=22)     # 1
    line("（2024-2025学年度）", center=True)                                 # 2
    line("测试区教育委员会", center=True)                                     # 3
    line("2025年12月", center=True)                                          # 4
    line("本报告总结了一年来的工作，这段文字在第一个标题之前，文档也没有写前言二字。")  # 5
    line("一、学校概况")                                                      # 6
    line("学校现有学生1000人，教职工100人，办学条件逐年改善。")                  # 7
    line("办学特色", bold=True)                                               # 8
    line("学校坚持特色发展，主要措施如下：")                                     # 9
    line("1.完善制度")                                                        # 10
    line("2.加强管理")                                                        # 11
    line("（一）专业建设")                                                     # 12
    line("（1）课程改革")                                                      # 13
    line("课程改革持续推进，成效明显。")                                         # 14
    table = d.add_table(rows=2, cols=2)                                      # table 1
    table.style = "Table Grid"
    for r, row in enumerate((("项目", "数量"), ("专业", "12"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    line("案例1")                                                             # 15
    line("校企合作育人", bold=True)                                            # 16
    line("学校与企业共建实训基地，学生在岗位上学习。")                             # 17
    line("合作取得成效，企业满意。")                                             # 18
    line("二、人才培养")                                                      # 19
    line("这是一段普通文字。")                                                  # 20
    box = d.add_table(rows=1, cols=1)                                        # table 2
    box.style = "Table Grid"
    box.cell(0, 0).text = "温馨提示：以上数据截至2024年8月。"
    d.add_paragraph().add_run().add_picture(BytesIO(tiny_png()))
    line("图1 校园一角", center=True)                                          # 21
    line("表1 招生/就业统计", center=True)                                      # 22
    grid = d.add_table(rows=2, cols=2)                                       # table 3
    grid.style = "Table Grid"
    for r, row in enumerate((("年份", "人数"), ("2024", "300"))):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    line("全区招生规模保持稳定。")                                               # 23
    buffer = BytesIO()
    d.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    folder = tmp_path_factory.mktemp("ambiguous")
    document = folder / "含糊.docx"
    document.write_bytes(ambiguous_document())
    return import_report(document, folder / "含糊.xlsx")


def _where(result: ImportResult, code: str) -> list[str]:
    return [str(g.where) for g in result.guesses if g.code == code]


@pytest.mark.parametrize("code, places", [
    ("W-IMPORT-OUTSIDE-FOREWORD", ["第 5 段"]),
    ("I-IMPORT-HEADING-NUMBER", ["第 6 段", "第 12 段", "第 19 段"]),
    ("I-IMPORT-HEADING-FORMAT", ["第 8 段"]),
    ("I-IMPORT-LIST", ["第 10 段"]),
    ("W-IMPORT-HEADING-TOO-DEEP", ["第 13 段"]),
    ("W-IMPORT-TABLE-NO-CAPTION", ["第 1 个表格（第 14 段之后）"]),
    ("I-IMPORT-CASE-OPEN", ["第 15 段"]),
    ("W-IMPORT-BOX-AS-TEXT", ["第 2 个表格（第 20 段之后）"]),
    ("W-IMPORT-PICTURE", ["第 20 段"]),
    ("W-IMPORT-TABLE-NAME", ["第 3 个表格（第 22 段之后）"]),
    ("W-IMPORT-INDICATOR-TABLE-APPENDIX", ["全文"] * 6),
])
def test_each_guess_is_named_with_its_place(imported: ImportResult, code: str, places: list[str]):
    """Every kind of doubt appears at the paragraph (or table) it concerns."""
    assert _where(imported, code) == places


def test_guesses_read_as_sentences_quoting_the_document(imported: ImportResult):
    """A line says where, what was decided, and quotes the document."""
    lines = [str(g) for g in imported.guesses]
    assert "第 8 段：加粗或字号较大的短行读作二级标题“办学特色”，原文“办学特色”。" in lines
    assert any(line.startswith("第 13 段：第四级标题按段落保留") and "（1）课程改革" in line
               for line in lines)
    assert any(line.startswith("第 15 段：没有边框的案例“校企合作育人”读到第 18 段为止") for line in lines)


def test_nothing_is_lost_the_workbook_builds(imported: ImportResult, tmp_path: Path):
    """Every text is in the workbook (the list and the deep heading as paragraphs, the box's
    text too), the picture is saved beside it, and the workbook builds a report."""
    report = load(imported.workbook, problems=Problems())
    texts = [b.text.text for b in report.blocks() if hasattr(b, "text")]
    for expected in ("1.完善制度", "2.加强管理", "（1）课程改革", "温馨提示：以上数据截至2024年8月。",
                     "全区招生规模保持稳定。"):
        assert expected in texts
    assert [p.text.text for p in report.foreword] == [
        "本报告总结了一年来的工作，这段文字在第一个标题之前，文档也没有写前言二字。"]
    assert [s.title.text for s in report.sections()] == ["学校概况", "办学特色", "专业建设", "人才培养"]
    assert [t.key for t in report.tables] == ["表-表格1", "表-招生／就业统计"]
    assert report.meta.tables_in_appendix  # no official table in the text: six blank ones at the end
    assert imported.pictures == (pictures_folder(imported.workbook) / "图片1.png",)
    assert imported.pictures[0].read_bytes() == tiny_png()
    generate(imported.workbook, tmp_path / "report.docx", toc=False)
