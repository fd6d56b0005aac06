"""Cross-references: 〔表:名称〕, 〔图:名称〕 and 〔案例:编号〕 print the number the report gives
the table, figure or case (表3, 附表1, 图2, 案例5), always agreeing with the automatic numbering;
a reference to nothing is a located error, found by ``check`` as well as by the layout.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import workbooks
from reportgen import DataError, lay_out, load
from reportgen.pipeline import check_workbook
from reportgen.layout import ParagraphBlock
from reportgen.model import (
    Case, FreeCell, FreeTable, Meta, Paragraph, Report, Section, SourceRef, Text,
)

WHERE = SourceRef("test.xlsx", "正文", "B9")


def _meta() -> Meta:
    return Meta(region=Text("某区"), period=Text("2024-2025学年度"), year=2025,
                title=Text("某区报告"), issuer=Text("某区教委"), date=datetime.date(2025, 12, 1))


def _table(name: str) -> FreeTable:
    return FreeTable(f"表-{name}", name, ((FreeCell("甲"),), (FreeCell("1"),)), header_rows=1)


def _case(key: str) -> Case:
    return Case(key, Text(f"标题{key}"), None, (Paragraph(Text("正文")),))


def _paragraphs(layout) -> list[str]:
    return [b.text for b in layout.blocks() if isinstance(b, ParagraphBlock)]


def with_text(text: str):
    """A tweak writing ``text`` as the first paragraph of 正文 (row 3)."""
    def tweak(wb):
        wb["正文"]["B3"] = text
    return tweak


def test_references_print_the_numbers_of_tables_and_cases(tmp_path: Path):
    """An indicator table by its sheet, a free table by its sheet or its title, a case by
    its 编号; full-width and ASCII colons alike; a doubled bracket stays literal."""
    text = ("见〔表:人才培养质量计分卡〕、〔表：表-示例表〕、〔表:示例表〕和〔案例:1〕，"
            "写法为〔〔表:示例表〕〕。")
    layout = lay_out(load(workbooks.build(tmp_path, with_text(text))))
    assert _paragraphs(layout)[0] == "见表1、表7、表7和案例1，写法为〔表:示例表〕。"


def test_a_table_added_before_renumbers_the_reference(tmp_path: Path):
    """Numbers are never typed: a table placed earlier moves both the caption and the text
    that refers to it."""
    def earlier(wb):
        with_text("见〔表:示例表〕。")(wb)
        body = wb["正文"]
        body.insert_rows(3)
        body["A3"], body["B3"] = "表格", workbooks.FREE_TABLE
        for row in body.iter_rows(min_row=5):
            if row[0].value == "表格" and row[1].value == workbooks.FREE_TABLE:
                row[0].value = row[1].value = None
    layout = lay_out(load(workbooks.build(tmp_path, earlier)))
    assert layout.tables[0].label == "表1" and layout.tables[0].title == "示例表"
    assert _paragraphs(layout)[0] == "见表1。"


def test_a_reference_to_an_appendix_table_prints_its_appendix_label(tmp_path: Path):
    """With the indicator tables gathered in the appendix, 〔表:教学资源表〕 prints 附表2."""
    def appendix(wb):
        with_text("详见〔表:教学资源表〕。")(wb)
        wb["基本信息"]["B8"] = "附表"
        for row in wb["正文"].iter_rows(min_row=2):
            if row[0].value == "表格" and row[1].value != workbooks.FREE_TABLE:
                row[0].value = row[1].value = None
    layout = lay_out(load(workbooks.build(tmp_path, appendix)))
    assert _paragraphs(layout)[0] == "详见附表2。"


@pytest.mark.parametrize(("token", "code"), [
    ("〔表:不存在的表〕", "E-REF-UNKNOWN"),
    ("〔表:示列表〕", "E-REF-MISSPELT"),
    ("〔案例:9〕", "E-REF-UNKNOWN"),
    ("〔图:校园〕", "E-REF-UNKNOWN"),
])
def test_a_reference_to_nothing_is_a_located_error(tmp_path: Path, token: str, code: str):
    """At the paragraph's cell, with the token as found; ``check`` reports it too."""
    path = workbooks.build(tmp_path, with_text(f"见{token}。"))
    with pytest.raises(DataError) as caught:
        lay_out(load(path))
    problems = [p for p in caught.value.problems if p.code.startswith("E-REF")]
    assert [(p.code, str(p.where), p.found) for p in problems] == [
        (code, "test.xlsx › 正文!B3", token)]
    assert [p.code for p in check_workbook(path) if p.code.startswith("E-REF")] == [code]


orders = st.permutations(["t1", "t2", "t3", "c1", "c2"]).flatmap(
    lambda items: st.tuples(st.just(items), st.integers(1, len(items))))


@settings(deadline=None)
@given(orders, st.sampled_from(["t1", "t2", "t3", "c1", "c2"]))
def test_references_agree_with_the_numbering_whatever_the_order(order, target):
    """Tables and cases in any order, split over two chapters, the reference in the
    second: it prints exactly the label of what it names."""
    items, split = order
    blocks = {"t1": _table("甲"), "t2": _table("乙"), "t3": _table("丙"),
              "c1": _case("11"), "c2": _case("12")}
    kind, name = ("表", blocks[target].key) if target.startswith("t") else ("案例", blocks[target].key)
    reference = Paragraph(Text(f"参见〔{kind}:{name}〕", WHERE))
    chapters = (Section(1, Text("一"), tuple(blocks[i] for i in items[:split])),
                Section(1, Text("二"), (reference,) + tuple(blocks[i] for i in items[split:])))
    layout = lay_out(Report(_meta(), (), chapters))
    printed = next(b.text for b in layout.body if isinstance(b, ParagraphBlock))
    if kind == "表":
        label = next(t.label for t in layout.tables if t.key == name)
    else:
        label = next(c.label for c in layout.cases if c.key == name)
    assert printed == f"参见{label}"


def test_the_numbering_walk_is_made_only_for_a_report_that_refers(tmp_path: Path, monkeypatch):
    """A report without a cross-reference is laid out in one walk; one that refers is walked
    first for its numbers (and prints them), each walk making the same tables."""
    from reportgen.layout import build

    walks: list[int] = []
    layout = build._Builder.layout
    monkeypatch.setattr(build._Builder, "layout",
                        lambda self: walks.append(1) or layout(self))
    plain = lay_out(load(workbooks.build(tmp_path, with_text("毕业生人数见表。"), "a.xlsx")))
    assert len(walks) == 1 and "毕业生人数见表。" in _paragraphs(plain)
    walks.clear()
    referring = lay_out(load(workbooks.build(tmp_path, with_text("见〔表:人才培养质量计分卡〕。"),
                                             "b.xlsx")))
    assert len(walks) == 2 and "见表1。" in _paragraphs(referring)
    assert [t.label for t in referring.tables] == [t.label for t in plain.tables]
