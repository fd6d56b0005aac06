"""Reports typed by hand in other conventions import and rebuild completely.

Two Word documents are made from the published 2024 text (tests/handtyped.py): one in the
GB/T 9704 manner (Normal style, 一、/（一）/1. typed, boxed cases, grid tables with captions
above, a typed table of contents), one with Word's heading styles and typed 1./1.1 numbers
(cases typed in the text after 典型案例N：). Each is imported and the workbook built: the report
is the published one, item by item, as in the 2024 fidelity test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_reading import ReadReport, read_report
from handtyped import gb_document, styled_document
from reference_text import RefHeading, Reference, norm, parse_reference
from reportgen.importing import ImportResult, import_report
from reportgen.pipeline import generate
from test_report_2024 import _normalized


@pytest.fixture(scope="module")
def reference() -> Reference:
    return parse_reference()


def _import_and_build(folder: Path, name: str, data: bytes) -> tuple[ImportResult, ReadReport]:
    document = folder / f"{name}.docx"
    document.write_bytes(data)
    result = import_report(document, folder / f"{name}.xlsx")
    return result, read_report(generate(result.workbook, folder / f"{name}-rebuilt.docx",
                                        toc=False))


@pytest.fixture(scope="module")
def gb(tmp_path_factory, reference) -> tuple[ImportResult, ReadReport]:
    return _import_and_build(tmp_path_factory.mktemp("gb"), "gb", gb_document(reference))


@pytest.fixture(scope="module")
def styled(tmp_path_factory, reference) -> tuple[ImportResult, ReadReport]:
    return _import_and_build(tmp_path_factory.mktemp("styled"), "styled",
                             styled_document(reference))


def _same_as_published(rebuilt: ReadReport, reference: Reference,
                       date: str = "2024年12月") -> None:
    """The published report, its cover's date written as the imported document wrote it."""
    assert [norm(t) for t in rebuilt.cover] == [
        "璧山区中等职业学校年度质量报告", "（2023-2024学年度）", "重庆市璧山区教育委员会", date]
    assert [norm(p) for p in rebuilt.foreword] == [norm(p) for p in reference.foreword]
    got = [_normalized(i) for i in rebuilt.body]
    want = [_normalized(i) for i in reference.body]
    for index, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"item {index} differs"
    assert len(got) == len(want)


def test_a_gb_style_report_rebuilds_completely(gb, reference):
    """一、/（一）/1. in the Normal style, boxed cases, grid tables: the published report."""
    _same_as_published(gb[1], reference)


def test_a_report_with_heading_styles_and_typed_numbers_rebuilds_completely(styled, reference):
    """Heading 1–3 with 1./1.1/1.1.1 typed, 典型案例N：标题 cases: the published report."""
    _same_as_published(styled[1], reference, date="二〇二四年十二月")


def test_each_typed_heading_is_named_as_a_guess_with_its_place(gb, reference):
    """Without heading styles every heading is a guess: its level, title and paragraph."""
    result = gb[0]
    headings = [g for g in result.guesses if g.code == "I-IMPORT-HEADING-NUMBER"]
    titles = [i for i in reference.body if isinstance(i, RefHeading)]
    assert len(headings) == len(titles) == 63
    first = headings[0]
    assert (first.where.paragraph, first.found) == (
        # cover 4 lines, 前言 and its 6 paragraphs, 目录 and 8 lines, title and period
        4 + 7 + 9 + 2 + 1, "一、学校概况")
    assert str(first) == f"第 {first.where.paragraph} 段：按编号读作一级标题“学校概况”，原文“一、学校概况”。"
    assert "（一）基本情况" in headings[1].found and "二级标题“基本情况”" in headings[1].message


def test_the_typed_table_of_contents_is_dropped_and_said(gb):
    """The eight typed lines of 目录 are not text of the report; a note says so."""
    notes = [g for g in gb[0].guesses if g.code == "I-IMPORT-TOC-TYPED"]
    assert len(notes) == 1 and "8 行" in notes[0].message and notes[0].where.paragraph == 12


def test_cases_typed_in_the_text_are_named_with_where_they_end(styled):
    """A case without a box ends at the next heading: each says up to which paragraph."""
    opened = [g for g in styled[0].guesses if g.code == "I-IMPORT-CASE-OPEN"]
    assert len(opened) == 20
    assert opened[0].found.startswith("典型案例1：") and "读到第" in opened[0].message


def test_the_chinese_numeral_date_is_read(styled):
    """二〇二四年十二月 on the cover is December 2024, and the workbook keeps writing it in
    Chinese numerals (日期写法)."""
    meta = styled[0].report.meta
    assert (meta.date.year, meta.date.month) == (2024, 12)
    assert meta.settings.chinese_date
