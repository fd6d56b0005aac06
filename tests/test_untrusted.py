"""Untrusted input is contained: workbook text is data, never code; XML bombs and zip bombs
become clear errors; a template given by the user runs sandboxed."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import docx
import openpyxl.xml
import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from reportgen.errors import DataError, UsageError
from reportgen.pipeline import render
from reportgen.word import default_template
from reportgen.xlsx import load
from reportgen.pipeline import generate, write_report
from cli_run import run_cli
from workbooks import CASE_TITLE, build


def document_texts(path) -> list[str]:
    """Every paragraph of the report, tables included, as python-docx reads it."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


LITERALS = [
    "A & B < C > D \"E\" 'F'",
    "{{ meta.title }}",
    "{% for x in blocks %}循环{% endfor %}",
    "{# 注释 #}",
    "{{ ''.__class__.__mro__ }}",
    "{_{ x }_} {_% y %_}",
    "{%p if 1 %}",
    "\ue000u\ue000m 私用区",
    "<w:p>假的段落</w:p>]]>",
]


@pytest.mark.parametrize("text", LITERALS)
def test_workbook_text_appears_literally(tmp_path, text):
    """XML specials and template syntax in a paragraph, a case title and a table cell print as
    typed: the text is never evaluated as a template, never spliced as XML."""
    def tweak(wb):
        wb["正文"]["B3"] = text
        wb["案例"]["B2"] = text
        wb["表-示例表"]["A2"] = text
    out = tmp_path / "out.docx"
    write_report(load(build(tmp_path, tweak)), out)
    texts = document_texts(out)
    assert texts.count(text) >= 3, [t for t in texts if t.strip()][:40]
    assert CASE_TITLE not in texts


def test_defusedxml_is_installed_and_used_by_openpyxl():
    """openpyxl parses with defusedxml when it is importable."""
    assert openpyxl.xml.DEFUSEDXML is True


def test_xml_entity_expansion_is_refused(tmp_path):
    """A billion-laughs sheet (a billion characters from 1 KB) is refused, not expanded."""
    path = build(tmp_path)
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
        for i in range(8))
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b"<worksheet")
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + b"<!DOCTYPE worksheet [" + entities + b"]>"
        + sheet[start:].replace(b"<t>", b"<t>&i;", 1))
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(DataError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        "test.xlsx：文件含有不安全的 XML 内容（实体声明），为安全起见不予读取。"
        "正常保存的工作簿不会这样；如果文件来源不明，请不要使用。否则请在 Excel 或 WPS 中打开它另存一份再试。"]


def test_a_zip_bomb_is_a_clear_error_not_exhausted_memory(tmp_path):
    """An archive declaring gigabytes is refused from its directory alone."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(build(tmp_path)) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in original.infolist():
            bomb.writestr(info, original.read(info.filename))
        for n in range(3):
            with bomb.open(f"xl/media/image{n}.bin", "w") as member:
                for _ in range(100):
                    member.write(bytes(1 << 20))
    with pytest.raises(DataError, match=r"bomb.xlsx：解压后过大（300 MB，上限 200 MB）"):
        load(path)


def test_a_user_template_runs_sandboxed(tmp_path):
    """A template given with --template cannot reach Python internals: the sandbox refuses
    and the clerk is told the template has an error."""
    template = Document()
    template.add_paragraph("{{ meta.title.__class__.__mro__[1].__subclasses__() }}")
    buffer = io.BytesIO()
    template.save(buffer)
    path = tmp_path / "evil.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UsageError, match=r"模板 evil.docx 有错误：.*unsafe"):
        generate(build(tmp_path), tmp_path / "out.docx", template=path)
    assert not (tmp_path / "out.docx").exists()


TOKEN_BYTES = b"\xee\x80\x80"
"""U+E000 in UTF-8: the first character of literal.py's private tokens. A picture or an
embedded font holds it by chance (about one chance in four for a 5 MB font)."""


def png_holding(extra: bytes) -> bytes:
    """A valid 1×1 PNG with ``extra`` in a private ancillary chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"prVt", extra) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def test_binary_parts_of_a_template_pass_through_untouched(tmp_path):
    """A custom template with a picture and an embedded font whose bytes hold ``EE 80 80``
    (and bytes that are not UTF-8 around them) used to crash the build (exit 3): binary parts
    were decoded as text. They are copied byte for byte."""
    picture = png_holding(b"\xff\xfe" + TOKEN_BYTES + b"\x80\xff")
    font = bytes(range(256)) + TOKEN_BYTES + b"\xc3\x28" * 64
    template = Document(str(default_template()))
    template.add_picture(io.BytesIO(picture))
    font_table = next(rel.target_part for rel in template.part.rels.values()
                      if rel.reltype == RT.FONT_TABLE)
    font_table.relate_to(Part(PackURI("/word/fonts/font1.odttf"),
                              "application/vnd.openxmlformats-officedocument.obfuscatedFont",
                              font, template.part.package), RT.FONT)
    path = tmp_path / "带图片的模板.docx"
    template.save(str(path))
    out = tmp_path / "out.docx"
    generate(build(tmp_path), out, template=path, toc=False)
    with zipfile.ZipFile(out) as report:
        media = [n for n in report.namelist() if n.startswith("word/media/")]
        assert [report.read(n) for n in media] == [picture]
        assert report.read("word/fonts/font1.odttf") == font
    assert CASE_TITLE in document_texts(out)


def tiny_template(folder, tag: str, name: str = "evil.docx"):
    """A one-paragraph Word template holding ``tag``, made with python-docx."""
    template = Document()
    template.add_paragraph(tag)
    path = folder / name
    template.save(str(path))
    return path


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """The minimal workbook's report, read once for the template tests."""
    return load(build(tmp_path_factory.mktemp("workbook")))


@pytest.mark.parametrize("tag, code", [
    ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
     "U-TEMPLATE-RANGE"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
     "U-TEMPLATE-LOOPS"),
    ("{{ range(10**9) | list }}", "U-TEMPLATE-RANGE"),
    ("{{ 'x' * 10**10 }}", "U-TEMPLATE-SIZE"),
    ("{{ 'x' | center(10**9) }}", "U-TEMPLATE-SIZE"),
    ("{% include 'other.docx' %}", "U-TEMPLATE-INCLUDE"),
    ("{% import 'other.docx' as other %}", "U-TEMPLATE-INCLUDE"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "U-TEMPLATE-RECURSION"),
    ("{{ 1 / 0 }}", "U-TEMPLATE-ERROR"),
])
def test_a_hostile_template_is_a_template_error(tmp_path, small_report, tag, code):
    """Loops that would never end, numbers and strings too large for memory, other templates
    pulled in: each used to hang or be an internal error (exit 3); each is now the clerk's
    “模板 … 有错误” with a stable code, within a second."""
    with pytest.raises(UsageError) as caught:
        render(small_report, template=tiny_template(tmp_path, tag))
    assert re.fullmatch(r"模板 evil\.docx 有错误：.+。请检查模板中的 \{% … %\} 标记",
                        str(caught.value))
    assert caught.value.code == code


def test_a_template_mistake_is_said_in_chinese_and_quotes_the_text_near_it(tmp_path,
                                                                         small_report):
    """A mistake in a clerk's template reads in Chinese first; a syntax error quotes the text
    of the template around it, so the clerk can find it in Word; Jinja's own words follow in
    brackets for whoever keeps the template."""
    template = Document()
    template.add_paragraph("第一章 基本情况")
    template.add_paragraph("这一段的标记少了结尾 {% if b %}")
    path = tmp_path / "错模板.docx"
    template.save(str(path))
    with pytest.raises(UsageError) as caught:
        render(small_report, template=path)
    message = str(caught.value)
    assert message.startswith("模板 错模板.docx 有错误：{% … %} 或 {{ … }} 标记的写法有误，"
                              "出错处附近的文字：“")
    assert "这一段的标记少了结尾" in message and "（Jinja：" in message
    with pytest.raises(UsageError) as caught:
        render(small_report, template=tiny_template(tmp_path, "{{ 1 / 0 }}"))
    assert "模板中的计算出错（ZeroDivisionError: division by zero）" in str(caught.value)


def test_a_template_that_runs_out_of_time_is_stopped(tmp_path, small_report, monkeypatch):
    """Rendering has a time budget (60 s, or REPORTGEN_TEMPLATE_SECONDS): a budget already
    spent stops the first loop."""
    monkeypatch.setenv("REPORTGEN_TEMPLATE_SECONDS", "-1")
    with pytest.raises(UsageError, match="模板运行超过 -1 秒，已停止") as caught:
        render(small_report, template=tiny_template(tmp_path, "{% for i in range(3) %}{% endfor %}"))
    assert caught.value.code == "U-TEMPLATE-TIME"


def test_the_command_answers_a_hostile_template_with_exit_2(tmp_path):
    """On the command line: exit 2, the clerk's message, no report, the old one kept."""
    workbook = build(tmp_path)
    old = tmp_path / "报告.docx"
    old.write_bytes(b"last week's report")
    code, out, err = run_cli(str(workbook), "-o", str(old), "--template",
                             str(tiny_template(tmp_path, "{% include 'x' %}")))
    assert (code, out) == (2, "")
    assert "\n无法执行：模板 evil.docx 有错误：模板中不能使用 {% include %}" in err  # after warnings
    assert "Traceback" not in err and "程序内部错误" not in err
    assert old.read_bytes() == b"last week's report"
