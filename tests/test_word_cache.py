"""Templates kept between reports (:mod:`reportgen.word.cache`): a template file is parsed and
checked once per process, every report starts from its own copy, and a template changed on
disk is read again."""

from __future__ import annotations

import os
import shutil

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxtpl import template as docxtpl_module

from reportgen import generate
from reportgen.errors import UsageError
from reportgen.word import cache, default_template
from reportgen.word import docx as word_docx
from reportgen.word.compiled import COMPILED_KEPT
from reportgen.word.sandbox import ReportSandbox
from workbooks import PARAGRAPH, build


def body_texts(path) -> list[str]:
    """The text of every paragraph of the .docx at ``path``, in tables too, in order."""
    document = docx.Document(str(path))
    return [Paragraph(p, None).text for p in document.element.body.iter(qn("w:p"))]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def counted(monkeypatch):
    """How often a template file was parsed (python-docx) and a part of it parsed by Jinja
    (for its code and its variables)."""
    calls = {"parsed": 0, "jinja": 0}
    parse, jinja = docxtpl_module.Document, ReportSandbox._parse

    def counting_parse(*args, **kwargs):
        calls["parsed"] += 1
        return parse(*args, **kwargs)

    def counting_jinja(self, *args, **kwargs):
        calls["jinja"] += 1
        return jinja(self, *args, **kwargs)
    monkeypatch.setattr(docxtpl_module, "Document", counting_parse)
    monkeypatch.setattr(ReportSandbox, "_parse", counting_jinja)
    return calls


def test_reports_after_the_second_parse_nothing(tmp_path, counted):
    """Three reports in one process: the first renders the template it parsed, the second
    parses it again to keep, the third copies that — no parse at all, of the file or of its
    Jinja code (which also gives the template's variables). Each report is whole and carries
    only its own text."""
    first = build(tmp_path, lambda wb: wb["正文"].cell(3, 2, "甲校的段落。"), name="甲.xlsx")
    second = build(tmp_path, lambda wb: wb["正文"].cell(3, 2, "乙校的段落。"), name="乙.xlsx")
    a = generate(first, tmp_path / "甲.docx", toc=False)
    after_first = dict(counted)
    b = generate(second, tmp_path / "乙.docx", toc=False)
    after_second = dict(counted)
    c = generate(first, tmp_path / "甲2.docx", toc=False)
    assert after_first["parsed"] == 1 and after_first["jinja"] >= 2  # body, footer, properties
    assert after_second == {"parsed": 2, "jinja": after_first["jinja"]}
    assert counted == after_second
    assert "甲校的段落。" in body_texts(a) and "乙校的段落。" not in body_texts(a)
    assert "乙校的段落。" in body_texts(b) and "甲校的段落。" not in body_texts(b)
    assert body_texts(c) == body_texts(a)
    assert [t for t in body_texts(a) if "段落" not in t] == \
        [t for t in body_texts(b) if "段落" not in t]


def test_a_template_changed_on_disk_is_read_again(tmp_path, counted):
    """The same path with new content (another size and time) is a new template."""
    template = tmp_path / "模板.docx"
    shutil.copyfile(default_template(), template)
    workbook = build(tmp_path)
    generate(workbook, tmp_path / "1.docx", template=template, toc=False)
    with open(template, "ab") as extended:  # still a valid zip: trailing bytes are ignored
        extended.write(b"\0" * 16)
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    report = generate(workbook, tmp_path / "2.docx", template=template, toc=False)
    assert counted["parsed"] == 2  # each version of the file parsed by its first report
    assert PARAGRAPH in body_texts(report)


def test_at_most_a_few_templates_are_kept(tmp_path):
    """Templates beyond :data:`cache.KEPT` push out the least recently used."""
    workbook = build(tmp_path)
    for n in range(cache.KEPT + 2):
        template = tmp_path / f"模板{n}.docx"
        shutil.copyfile(default_template(), template)
        generate(workbook, tmp_path / f"{n}.docx", template=template, toc=False)
    assert len(cache._kept) == cache.KEPT


def test_compiled_code_is_shared_but_each_rendering_counts_its_own(tmp_path):
    """The same source compiles once; each sandbox still bounds its own rendering: a loop
    over the limit fails in the second sandbox as in the first."""
    source = "{% for i in range(3) %}{{ i }}{% endfor %}"
    first, second = ReportSandbox(), ReportSandbox()
    assert first.compile(source) is second.compile(source)
    assert first.from_string(source).render() == second.from_string(source).render() == "012"
    looping = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    for sandbox in (ReportSandbox(), ReportSandbox()):
        with pytest.raises(Exception, match="循环"):
            sandbox.from_string(looping).render()
    assert COMPILED_KEPT >= 4


def test_copies_share_only_the_parts_no_rendering_changes():
    """From the second report on, copies share the template's styles, numbering and other
    unchanged parts (one object, serialised once) and each has its own document, footer and
    core properties."""
    template = default_template()
    cache.open_template(template)  # the first report: its own parse
    one, two = cache.open_template(template), cache.open_template(template)

    def parts(tpl):
        return {str(p.partname): p for p in tpl.docx.part.package.iter_parts()}
    a, b = parts(one), parts(two)
    assert a.keys() == b.keys()
    for name in ("/word/styles.xml", "/word/numbering.xml", "/word/settings.xml"):
        assert a[name] is b[name]
        assert a[name].blob is b[name].blob  # serialised once
    for name in ("/word/document.xml", "/word/footer1.xml", "/docProps/core.xml"):
        assert a[name] is not b[name]
    one.docx.add_paragraph("只属于第一份")
    assert "只属于第一份" not in [p.text for p in two.docx.paragraphs]


@pytest.mark.parametrize("content", [b"xx", b"PK\x05\x06" + bytes(18)])
def test_a_template_that_is_no_docx_is_told_in_chinese(tmp_path, content):
    """A template that is not a .docx (or an empty archive) is a usage error saying so in
    Chinese, without python-docx's English reason ("Package not found …")."""
    template = tmp_path / "坏模板.docx"
    template.write_bytes(content)
    with pytest.raises(UsageError) as raised:
        cache.open_template(template)
    assert raised.value.code == "U-TEMPLATE-NOT-DOCX"
    assert "坏模板.docx 不是可用的 Word 模板（.docx）：文件无法作为 Word 文档打开" in str(raised.value)
    assert "Package" not in str(raised.value) and "archive" not in str(raised.value)


def test_table_style_ids_are_worked_out_once_per_template(tmp_path, monkeypatch):
    """Three reports with tables: the ids of the table styles are looked up in the template's
    styles once (every report of a template has its styles), and each report's tables use
    them."""
    calls = []
    lookup = word_docx.table_styles

    def counting(document):
        calls.append(document)
        return lookup(document)
    monkeypatch.setattr(word_docx, "table_styles", counting)
    workbook = build(tmp_path)
    reports = [generate(workbook, tmp_path / f"{n}.docx", toc=False) for n in range(3)]
    assert len(calls) == 1
    for report in reports:
        styles = {t.style.name for t in docx.Document(str(report)).tables}
        assert "Report Table" in styles


def test_a_template_lacking_a_table_style_is_refused_by_every_report(tmp_path):
    """A clerk's template that lost "Table Text" is refused with the style's name, by the first
    report and again by the next ones (a refusal is not kept as if it were ids)."""
    document = docx.Document(str(default_template()))
    document.styles["Table Text"].name = "表格正文"
    template = tmp_path / "模板.docx"
    document.save(str(template))
    workbook = build(tmp_path)
    for n in range(3):
        with pytest.raises(UsageError, match="“Table Text”") as raised:
            generate(workbook, tmp_path / f"{n}.docx", template=template, toc=False)
        assert raised.value.code == "U-TEMPLATE-STYLE"
        assert not (tmp_path / f"{n}.docx").exists()
