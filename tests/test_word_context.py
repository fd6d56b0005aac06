"""What the template sees: chapters, cases and tables numbered in document order.

The model is built in code here; numbering is the renderer's job, so a clerk never types a
heading number, a 案例N or a 表N.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from reportgen.catalog import load_catalog
from reportgen.model import (
    Case, Figure, FreeCell, FreeTable, IndicatorRow, IndicatorTable, Meta, Paragraph, Report,
    Section, Text,
)
from reportgen.word.context import CaseBlock, HeadingBlock, ParagraphBlock, TableBlock, build_context


def _text(s: str) -> Text:
    return Text(s)


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


def _report(appendix: bool = False) -> Report:
    scorecard = _scorecard()
    chapters = (
        Section(1, _text("学校概况"), (Paragraph(_text("概况")), _case("7")), (
            Section(2, _text("基本情况"), (_free(),), (
                Section(3, _text("细节"), (scorecard, _case("3"))),)),
            Section(2, _text("专业设置")),
        )),
        Section(1, _text("人才培养"), (_case("1"),)),
    )
    return Report(_meta(appendix), (Paragraph(_text("前言一")),), chapters, (scorecard,))


def test_headings_are_numbered_from_the_section_tree():
    """1. / 1.1 / 1.1.1, restarting under each parent."""
    blocks = build_context(_report())["blocks"]
    headings = [b.text for b in blocks if isinstance(b, HeadingBlock)]
    assert headings == ["1. 学校概况", "1.1 基本情况", "1.1.1 细节", "1.2 专业设置", "2. 人才培养"]


def test_cases_are_numbered_in_document_order_whatever_their_key():
    """The 案例 sheet's 编号 places a case; the printed number counts through the report."""
    blocks = build_context(_report())["blocks"]
    cases = [(b.label, b.title) for b in blocks if isinstance(b, CaseBlock)]
    assert cases == [("案例1", "案例标题7"), ("案例2", "案例标题3"), ("案例3", "案例标题1")]


def test_tables_are_captioned_in_document_order():
    """Captions read 表N and the table's name, N counting every table in order."""
    blocks = build_context(_report())["blocks"]
    assert [b.caption for b in blocks if isinstance(b, TableBlock)] == ["表1 示例", "表2 人才培养质量计分卡"]


def test_appendix_setting_moves_indicator_tables_to_the_end():
    """With 指标表位置 = 附表 the indicator tables leave the text and close the report under
    a heading 附表, numbered 附表1…; free tables stay where they are."""
    blocks = build_context(_report(appendix=True))["blocks"]
    tables = [(i, b.caption) for i, b in enumerate(blocks) if isinstance(b, TableBlock)]
    assert [c for _, c in tables] == ["表1 示例", "附表1 人才培养质量计分卡"]
    appendix_heading = next(i for i, b in enumerate(blocks)
                            if isinstance(b, HeadingBlock) and b.text == "附表")
    assert tables[-1][0] > appendix_heading == len(blocks) - 2


def test_cover_and_foreword():
    """The cover prints the month of the 成文日期; the foreword is passed paragraph by paragraph."""
    context = build_context(_report())
    assert context["meta"]["date"] == "2025年12月"
    assert context["foreword"] == ["前言一"]
    assert isinstance(context["blocks"][1], ParagraphBlock)
