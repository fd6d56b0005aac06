"""The layout: chapters, cases and tables numbered in document order, placeholders resolved.

The model is built in code here; numbering is the layout's job, so a clerk never types a
heading number, a 案例N or a 表N — and every way of producing a report prints what
:func:`lay_out` gives.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.catalog import load_catalog
from reportgen.errors import DataError
from reportgen.layout import (
    CHINESE_HEADINGS, CaseBlock, HeadingBlock, LayoutConfig, ParagraphBlock, TableBlock, lay_out,
)
from reportgen.model import (
    Case, Figure, FreeCell, FreeTable, IndicatorRow, IndicatorTable, Meta, Paragraph, Report,
    Section, SourceRef, Text,
)

WHERE = SourceRef("test.xlsx", "正文", "B3")


def _text(s: str, where: SourceRef | None = None) -> Text:
    return Text(s, where)


def _meta(appendix: bool = False) -> Meta:
    return Meta(region=_text("某区"), period=_text("2024-2025学年度"), year=2025,
                title=_text("某区中等职业学校年度质量报告"), issuer=_text("某区教育委员会"),
                date=datetime.date(2025, 12, 20), tables_in_appendix=appendix)


def _scorecard() -> IndicatorTable:
    spec = load_catalog(2024).by_id("scorecard")
    rows = tuple(IndicatorRow(i, u, Figure(Decimal(n))) for n, (i, u) in enumerate(spec.row_units()))
    return IndicatorTable(spec, rows)


def _free() -> FreeTable:
    return FreeTable("表-示例", "示例", ((FreeCell("甲"), FreeCell("乙")), (FreeCell("1"), FreeCell("2"))),
                     header_rows=1)


def _case(key: str) -> Case:
    return Case(key, _text(f"案例标题{key}"), None, (Paragraph(_text("正文")),))


def _report(appendix: bool = False, prose: str = "概况") -> Report:
    scorecard = _scorecard()
    chapters = (
        Section(1, _text("学校概况"), (Paragraph(_text(prose, WHERE)), _case("7")), (
            Section(2, _text("基本情况"), (_free(),), (
                Section(3, _text("细节"), (scorecard, _case("3"))),)),
            Section(2, _text("专业设置")),
        )),
        Section(1, _text("人才培养"), (_case("1"),)),
    )
    return Report(_meta(appendix), (Paragraph(_text("前言一")),), chapters, (scorecard,))


def _headings(layout) -> list[str]:
    return [b.text for b in layout.blocks() if isinstance(b, HeadingBlock)]


def test_headings_are_numbered_from_the_section_tree():
    """1. / 1.1 / 1.1.1, restarting under each parent; each heading keeps its path."""
    layout = lay_out(_report())
    assert _headings(layout) == ["1. 学校概况", "1.1 基本情况", "1.1.1 细节", "1.2 专业设置",
                                 "2. 人才培养"]
    assert [b.path for b in layout.body if isinstance(b, HeadingBlock)][2] == (1, 1, 1)


def test_heading_numbering_is_configuration():
    """The official-document style 一、/（一）/1. is the same layout with other data."""
    layout = lay_out(_report(), LayoutConfig(headings=CHINESE_HEADINGS))
    assert _headings(layout) == ["一、学校概况", "（一）基本情况", "1.细节", "（二）专业设置",
                                 "二、人才培养"]


def test_cases_are_numbered_in_document_order_whatever_their_key():
    """The 案例 sheet's 编号 places a case; the printed number counts through the report."""
    cases = lay_out(_report()).cases
    assert [(c.label, c.key, c.title) for c in cases] == [
        ("案例1", "7", "案例标题7"), ("案例2", "3", "案例标题3"), ("案例3", "1", "案例标题1")]


def test_tables_are_captioned_in_document_order():
    """Captions read 表N and the table's name, N counting every table in order; each table
    carries its grid."""
    tables = lay_out(_report()).tables
    assert [t.caption for t in tables] == ["表1 示例", "表2 人才培养质量计分卡"]
    assert [t.key for t in tables] == ["表-示例", "scorecard"]
    assert [c.text for c in tables[0].grid.header[0]] == ["甲", "乙"]


def test_labels_are_configuration():
    """Case labels, table labels, captions and the appendix title come from the config."""
    config = LayoutConfig(case_label="【案例{n}】", table_label="表 {n}", caption="{label}：{title}",
                          appendix_title="附录", appendix_table_label="附录表{n}")
    layout = lay_out(_report(appendix=True), config)
    assert layout.cases[0].label == "【案例1】"
    assert [t.caption for t in layout.tables] == ["表 1：示例", "附录表1：人才培养质量计分卡"]
    assert layout.appendix is not None and layout.appendix.heading.text == "附录"


def test_appendix_setting_moves_indicator_tables_to_the_end():
    """With 指标表位置 = 附表 the indicator tables leave the text and close the report under
    a heading 附表, numbered 附表1…; free tables stay where they are."""
    layout = lay_out(_report(appendix=True))
    assert [t.caption for t in layout.body if isinstance(t, TableBlock)] == ["表1 示例"]
    assert layout.appendix is not None
    assert layout.appendix.heading == HeadingBlock(1, "", "附表", new_page=True)
    assert [t.caption for t in layout.appendix.blocks if isinstance(t, TableBlock)] == [
        "附表1 人才培养质量计分卡"]
    blocks = list(layout.blocks())
    assert blocks[-2] == layout.appendix.heading and blocks[-1] == layout.appendix.blocks[0]


def test_cover_and_foreword():
    """The cover prints the month of the 成文日期; the foreword is passed paragraph by paragraph."""
    layout = lay_out(_report())
    assert layout.cover.month == "2025年12月" and layout.cover.title == "某区中等职业学校年度质量报告"
    assert layout.foreword == (ParagraphBlock("前言一"),)
    assert isinstance(layout.body[1], ParagraphBlock)


def test_placeholders_are_resolved_in_the_layout():
    """A paragraph naming a figure prints the figure as its table does: the layout is where
    placeholders are applied, so every renderer gets the resolved text."""
    layout = lay_out(_report(prose="毕业生〔毕业生人数〕人，〔〔原文〕〕"))
    paragraph = layout.body[1]
    assert isinstance(paragraph, ParagraphBlock) and paragraph.source == WHERE
    graduates = next(r.value.value for r in _scorecard().rows if r.spec.id == "graduates")
    assert paragraph.text == f"毕业生{graduates}人，〔原文〕"


def test_an_unknown_placeholder_is_a_located_error():
    """A name that names nothing stops the layout with the problem at the paragraph's cell."""
    with pytest.raises(DataError) as raised:
        lay_out(_report(prose="毕业生〔毕业人数〕人"))
    [problem] = raised.value.problems
    assert problem.where == WHERE and problem.found == "〔毕业人数〕"


def test_plain_text_shows_every_printed_line():
    """``Layout.text()`` is the report as lines: cover, foreword, headings, cases, captions
    and table rows (cells joined by tabs)."""
    lines = lay_out(_report()).text().split("\n")
    assert lines[:5] == ["某区中等职业学校年度质量报告", "（2024-2025学年度）", "某区教育委员会",
                         "2025年12月", "前言一"]
    assert "案例2" in lines and "表1 示例" in lines and "甲\t乙" in lines
    assert isinstance(lay_out(_report()).body[2], CaseBlock)


sections = st.recursive(
    st.just(()),
    lambda children: st.lists(st.tuples(st.integers(0, 2), children), max_size=3).map(tuple),
    max_leaves=12,
)
"""A section tree as nested tuples: each node is (how many cases, its children)."""


def _tree(nodes, level: int = 1) -> tuple[Section, ...]:
    return tuple(Section(level, _text(f"标题{level}"),
                         tuple(_case(str(i)) for i in range(cases)) + (_free(),),
                         _tree(children, level + 1) if level < 3 else ())
                 for cases, children in nodes)


@settings(deadline=None)
@given(sections)
def test_numbers_count_in_document_order_whatever_the_tree(tree):
    """For any section tree: every heading number is distinct, and cases and tables are
    numbered 1, 2, 3… in the order they print."""
    report = Report(_meta(), (), _tree(tree))
    layout = lay_out(report)
    numbers = [b.number for b in layout.body if isinstance(b, HeadingBlock)]
    assert len(numbers) == len(set(numbers)) == sum(1 for _ in report.sections())
    assert [c.number for c in layout.cases] == list(range(1, len(report.cases) + 1))
    assert [t.label for t in layout.tables] == [f"表{n}" for n in range(1, len(report.tables) + 1)]
