"""The example workbook produces the whole published 2024 report of 璧山区.

The produced .docx is read back in document order and compared with the text of the
published report (tests/data/reference): every heading in order, every paragraph of the
foreword and of chapters 1–8, all 20 cases, and every cell of all 7 tables. Texts are
compared without whitespace, which the extraction of the published text did not keep.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_reading import ReadReport, read_report
from reference_text import RefCase, RefHeading, RefParagraph, RefTable, Reference, norm, parse_reference


@pytest.fixture(scope="module")
def produced(report_2024: Path) -> ReadReport:
    return read_report(report_2024)


@pytest.fixture(scope="module")
def reference() -> Reference:
    return parse_reference()


def _normalized(item):
    """An item with its texts stripped of whitespace, for comparison."""
    if isinstance(item, RefHeading):
        return ("heading", item.level, norm(item.text))
    if isinstance(item, RefParagraph):
        return ("paragraph", norm(item.text))
    if isinstance(item, RefCase):
        return ("case", item.number, norm(item.title), tuple(norm(p) for p in item.paragraphs))
    assert isinstance(item, RefTable)
    return ("table", item.number, norm(item.name),
            tuple(tuple(norm(c) for c in row) for row in item.rows))


def test_cover_names_title_period_issuer_and_month(produced: ReadReport):
    """The cover prints the title, the period in brackets, the issuer and the month."""
    assert [norm(t) for t in produced.cover] == [
        "璧山区中等职业学校年度质量报告", "（2023-2024学年度）", "重庆市璧山区教育委员会", "2024年12月"]


def test_foreword_is_the_published_foreword(produced: ReadReport, reference: Reference):
    """Every paragraph of 前言, in order."""
    assert [norm(p) for p in produced.foreword] == [norm(p) for p in reference.foreword]


def test_headings_in_order(produced: ReadReport, reference: Reference):
    """Every heading of chapters 1–8 at its level and in its place."""
    def headings(items):
        return [(i.level, norm(i.text)) for i in items if isinstance(i, RefHeading)]
    assert headings(produced.body) == headings(reference.body)


def test_headings_are_numbered_from_the_tree(produced: ReadReport):
    """Chapters print 1. … 8., sections 1.1, subsections 1.1.1 — counted, not typed."""
    numbers = produced.heading_numbers
    assert numbers[:4] == ("1.", "1.1", "1.2", "1.2.1")
    assert [n for n in numbers if n.endswith(".")] == [f"{i}." for i in range(1, 9)]
    assert "7.5.2" in numbers


def test_every_paragraph_case_and_table_in_document_order(produced: ReadReport,
                                                          reference: Reference):
    """The whole body, item by item: paragraphs, the 20 cases and the 7 tables cell by cell."""
    got = [_normalized(i) for i in produced.body]
    want = [_normalized(i) for i in reference.body]
    for index, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"item {index} differs"
    assert len(got) == len(want)


def test_twenty_cases_and_seven_tables(produced: ReadReport):
    """Cases are numbered 案例1–案例20 and captions 表1–表7 in document order."""
    cases = [i.number for i in produced.body if isinstance(i, RefCase)]
    tables = [(i.number, i.name) for i in produced.body if isinstance(i, RefTable)]
    assert cases == list(range(1, 21))
    assert [n for n, _ in tables] == list(range(1, 8))
    assert tables[2] == (3, "毕业生服务三次产业情况")
