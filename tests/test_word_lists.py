"""表目录, 图目录 and 案例目录 after the table of contents: each a TOC field over caption
styles, printed when 基本信息 asks and there is something to list, and filled with page
numbers like the table of contents (LibreOffice gives them; the filler writes them, each case
title after its label).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import feature_workbooks
import workbooks
from reportgen import generate, lay_out, load, render
from reportgen.office.session import find_office
from reportgen.word.toc import TocEntry, asks_to_update_fields, fill_toc, toc_field_count


def _instructions(data: bytes) -> list[str]:
    body = docx.Document(io.BytesIO(data)).element.body
    return [t.text.strip() for t in body.iter(qn("w:instrText")) if "TOC" in (t.text or "")]


def _headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == "TOC Heading"]


def test_the_lists_asked_for_follow_the_table_of_contents(tmp_path: Path):
    """Three more TOC fields, over the table captions (appendix ones included), the figure
    captions and the case titles, each under its heading."""
    data = render(load(feature_workbooks.feature_workbook(tmp_path)))
    assert _headings(data) == ["目　录", "表目录", "图目录", "案例目录"]
    assert _instructions(data) == [
        'TOC \\o "1-3" \\h \\z \\u',
        'TOC \\h \\z \\t "Table Caption,1,Appendix Caption,1"',
        'TOC \\h \\z \\t "Figure Caption,1"',
        'TOC \\h \\z \\t "Case Title,1"']


def test_no_list_unless_asked_and_none_that_would_be_empty(tmp_path: Path):
    """Without the settings no list prints; 图目录 asked in a report without figures does not
    print either."""
    assert _headings(render(load(workbooks.build(tmp_path)))) == ["目　录"]

    def ask(wb):
        for key in ("表目录", "图目录", "案例目录"):
            wb["基本信息"].append([key, "是"])
    report = load(workbooks.build(tmp_path, ask, name="ask.xlsx"))
    assert lay_out(report).lists == ("tables", "cases")
    assert _headings(render(report)) == ["目　录", "表目录", "案例目录"]


def test_the_filler_writes_each_list_and_labels_case_titles(tmp_path: Path):
    """fill_toc fills the TOC and the lists in order; a case list entry reads
    "典型案例1　title"; every field stays a field."""
    data = render(load(feature_workbooks.feature_workbook(tmp_path)))
    assert toc_field_count(data) == 4
    toc = [TocEntry(1, "1. 学校概况", "1")]
    tables = [TocEntry(1, "表1 人才培养质量计分卡", "4")]
    figures = [TocEntry(1, "图1 学校实训基地", "1"), TocEntry(1, "图2 近两年毕业生人数", "2")]
    cases = [TocEntry(1, "第二个案例", "3"), TocEntry(1, "案例标题", "4")]
    filled = fill_toc(data, toc, [tables, figures, cases])
    document = docx.Document(io.BytesIO(filled))
    listed = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert listed == ["1. 学校概况\t1", "表1 人才培养质量计分卡\t4", "图1 学校实训基地\t1",
                      "图2 近两年毕业生人数\t2", "典型案例1\u3000第二个案例\t3",
                      "典型案例2\u3000案例标题\t4"]
    assert toc_field_count(filled) == 4


@pytest.mark.office
def test_lists_are_filled_with_page_numbers_by_libreoffice(tmp_path: Path):
    """generate() with LibreOffice: every list holds its entries with page numbers, and Word
    is no longer asked to update fields."""
    if find_office() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed (run tools/setup.sh)")
    out = tmp_path / "features.docx"
    generate(feature_workbooks.feature_workbook(tmp_path), out)
    document = docx.Document(str(out))
    listed = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    titles = [t.split("\t")[0] for t in listed]
    assert [t for t in titles if t.startswith(("表", "附表"))] == [
        "表1 人才培养质量计分卡", "表2 教学资源表", "表3 满意度调查表", "表4 服务贡献表",
        "表5 国际影响表", "表6 落实政策表", "附表1 示例表"]
    assert [t for t in titles if t.startswith("图")] == [
        "图1 学校实训基地", "图2 近两年毕业生人数", "图3 师生变化", "图4 三次产业", "图5 校园平面图"]
    assert [t for t in titles if t.startswith("典型案例")] == [
        "典型案例1\u3000第二个案例", "典型案例2\u3000案例标题"]
    assert all(t.split("\t")[1].isdigit() for t in listed)
    assert not asks_to_update_fields(out.read_bytes())
