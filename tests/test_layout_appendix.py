"""The appendix: a new page, a title of the workbook's choosing, own tables as well as the
indicator tables, every appendix table in the table of contents; a placement that cannot take
effect is reported, and one wrong setting is one error.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import workbooks
from reportgen import DataError, generate, lay_out, load, render
from reportgen.errors import Problems
from reportgen.office.session import find_office
from reportgen.word.toc import read_toc


def appendix_mode(wb, title: str | None = "附件") -> None:
    """指标表位置 附表, the body's 表格 rows for the indicator tables removed, the free
    table moved to the appendix by a 附表 row."""
    wb["基本信息"]["B8"] = "附表"
    if title:
        wb["基本信息"].append(["附录标题", title])
    body = wb["正文"]
    for row in body.iter_rows(min_row=2):
        if row[0].value == "表格":
            row[0].value = row[1].value = None
    body.append(["附表", workbooks.FREE_TABLE])


def test_own_tables_go_to_the_appendix_after_the_indicator_tables(tmp_path: Path):
    """The six indicator tables (catalog order), then the 附表 rows' tables, numbered 附表1–7
    under a heading titled as the settings say, which starts a new page."""
    layout = lay_out(load(workbooks.build(tmp_path, appendix_mode)))
    assert layout.appendix is not None
    assert layout.appendix.heading.title == "附件" and layout.appendix.heading.new_page
    labels = [(t.label, t.title) for t in layout.appendix.blocks]
    assert [label for label, _ in labels] == [f"附表{n}" for n in range(1, 8)]
    assert labels[-1] == ("附表7", "示例表")
    assert all(t.in_appendix for t in layout.appendix.blocks)
    assert not [b for b in layout.body if getattr(b, "caption", None)]


def test_an_own_table_can_go_to_the_appendix_with_the_indicator_tables_inline(tmp_path: Path):
    """With 指标表位置 正文, a 附表 row alone makes an appendix of one table, 附表1."""
    def one(wb):
        body = wb["正文"]
        for row in body.iter_rows(min_row=2):
            if row[0].value == "表格" and row[1].value == workbooks.FREE_TABLE:
                row[0].value = "附表"
    layout = lay_out(load(workbooks.build(tmp_path, one)))
    assert [(t.label, t.title) for t in layout.appendix.blocks] == [("附表1", "示例表")]
    assert layout.appendix.heading.title == "附表"
    assert [t.label for t in layout.tables][:6] == [f"表{n}" for n in range(1, 7)]


def test_the_appendix_starts_a_new_page_and_its_captions_are_outline_entries(tmp_path: Path):
    """In the .docx the appendix heading's style breaks the page and is a level-1 outline
    entry; appendix captions are level-2 entries (the TOC lists them)."""
    document = docx.Document(io.BytesIO(render(load(workbooks.build(tmp_path, appendix_mode)))))
    heading = document.styles["Appendix Heading"]
    assert heading.paragraph_format.page_break_before
    assert _outline(heading) == "0"
    assert _outline(document.styles["Appendix Caption"]) == "1"
    styles = [p.style.name for p in document.paragraphs if p.text.startswith("附表")]
    assert styles == ["Appendix Caption"] * 7
    assert [p.text for p in document.paragraphs if p.style.name == "Appendix Heading"] == ["附件"]


def _outline(style) -> str:
    return style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val"))


def test_a_table_row_for_an_indicator_table_in_appendix_mode_is_a_warning(tmp_path: Path):
    """指标表位置 附表 and a 表格 row placing an indicator table: the row cannot take
    effect — a warning at its cell; the table is printed once, in the appendix."""
    def placed(wb):
        wb["基本信息"]["B8"] = "附表"
    problems = Problems()
    report = load(workbooks.build(tmp_path, placed), problems=problems)
    warnings = [p for p in problems.items if p.code == "W-BODY-TABLE-IN-APPENDIX"]
    assert len(warnings) == 6
    row = workbooks.body_row(workbooks.minimal_workbook(), "表格", "人才培养质量计分卡")
    assert str(warnings[0].where) == f"test.xlsx › 正文!B{row}"
    layout = lay_out(report)
    assert [t.title for t in layout.appendix.blocks][0] == "人才培养质量计分卡"
    assert sum(1 for t in layout.tables if t.title == "人才培养质量计分卡") == 1


def test_a_wrong_placement_setting_is_one_error(tmp_path: Path):
    """指标表位置 "附件" (not a choice) is one error at its cell — not six follow-on
    "not placed" errors for the indicator tables the body no longer places."""
    def wrong(wb):
        appendix_mode(wb, title=None)
        wb["基本信息"]["B8"] = "附件"
    with pytest.raises(DataError) as caught:
        load(workbooks.build(tmp_path, wrong))
    errors = [p for p in caught.value.problems if p.code.startswith("E-")]
    assert [(p.code, str(p.where)) for p in errors] == [("E-META-TABLES", "test.xlsx › 基本信息!B8")]


@pytest.mark.office
def test_every_appendix_table_is_in_the_table_of_contents(tmp_path: Path):
    """LibreOffice fills the TOC: the appendix heading at level 1, then 附表1–7 at level 2,
    each with its page number."""
    if find_office() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed (run tools/setup.sh)")
    out = tmp_path / "appendix.docx"
    generate(workbooks.build(tmp_path, appendix_mode), out)
    entries = read_toc(out)
    start = [e.text for e in entries].index("附件")
    listed = entries[start + 1:]
    assert [(e.level, e.text.split()[0]) for e in listed] == [(2, f"附表{n}") for n in range(1, 8)]
    assert all(e.page.isdigit() for e in listed)
