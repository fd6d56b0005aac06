"""What the template sees: the report flattened into numbered blocks in document order.

Numbers that Word would count (chapters 1 / 1.1 / 1.1.1, 案例N, 表N) are computed here, not
by Word's list numbering, which does not restart reliably inside template loops.
"""

from __future__ import annotations

import datetime
from typing import Any

from attrs import frozen

from reportgen.model import Case, FreeTable, IndicatorTable, Paragraph, Report, Section, Table
from reportgen.word.tables import Grid, GridCell, free_grid, indicator_grid

APPENDIX_TITLE = "附表"
"""The heading of the appendix that holds the indicator tables when the setting asks."""


def heading_number(path: tuple[int, ...]) -> str:
    """The number printed before a heading: ``1.`` for a chapter, ``1.2`` and ``1.2.3`` below."""
    if len(path) == 1:
        return f"{path[0]}."
    return ".".join(str(n) for n in path)


def cover_date(date: datetime.date) -> str:
    """The month printed on the cover (2024年12月)."""
    return f"{date.year}年{date.month}月"


@frozen
class HeadingBlock:
    """A numbered heading."""

    level: int
    """1, 2 or 3: the template picks Heading 1–3."""
    text: str
    """Number and title (``1.2 专业设置``)."""
    kind: str = "heading"
    """The template's switch."""


@frozen
class ParagraphBlock:
    """Running text."""

    text: str
    """The paragraph."""
    kind: str = "paragraph"
    """The template's switch."""


@frozen
class CaseBlock:
    """A boxed case."""

    label: str
    """``案例N``, numbered through the report."""
    title: str
    """The case's title."""
    subtitle: str
    """An optional second line; empty when there is none."""
    paragraphs: tuple[str, ...]
    """The body."""
    kind: str = "case"
    """The template's switch."""


@frozen
class TableBlock:
    """A captioned table."""

    caption: str
    """``表N 名称``, numbered in document order."""
    header: tuple[tuple[GridCell, ...], ...]
    """Header rows: the template's header row loop."""
    body: tuple[tuple[GridCell, ...], ...]
    """Body rows: the template's body row loop."""
    grid: Grid
    """Everything the renderer applies after the template (merges, widths)."""
    kind: str = "table"
    """The template's switch."""


Block = HeadingBlock | ParagraphBlock | CaseBlock | TableBlock


def build_context(report: Report) -> dict[str, Any]:
    """The template's variables: ``meta``, ``foreword`` and ``blocks``."""
    meta = report.meta
    blocks: list[Block] = []
    counters = {"case": 0, "table": 0}
    appendix = meta.tables_in_appendix

    def add_table(table: Table, prefix: str = "表") -> None:
        counters["table"] += 1
        grid = (indicator_grid(table, meta.year, last_year=meta.show_previous)
                if isinstance(table, IndicatorTable)
                else free_grid(table))
        blocks.append(TableBlock(f"{prefix}{counters['table']} {table.title}", grid.header,
                                 grid.body, grid))

    def walk(section: Section, path: tuple[int, ...]) -> None:
        blocks.append(HeadingBlock(section.level,
                                   f"{heading_number(path)} {section.title.text}"))
        for block in section.body:
            if isinstance(block, Paragraph):
                blocks.append(ParagraphBlock(block.text.text))
            elif isinstance(block, Case):
                counters["case"] += 1
                blocks.append(CaseBlock(
                    f"案例{counters['case']}", block.title.text,
                    block.subtitle.text if block.subtitle else "",
                    tuple(p.text.text for p in block.paragraphs)))
            elif isinstance(block, IndicatorTable) and appendix:
                continue
            elif isinstance(block, (IndicatorTable, FreeTable)):
                add_table(block)
        for n, child in enumerate(section.children, 1):
            walk(child, path + (n,))

    for n, chapter in enumerate(report.chapters, 1):
        walk(chapter, (n,))
    if appendix and report.indicator_tables:
        blocks.append(HeadingBlock(1, APPENDIX_TITLE))
        counters["table"] = 0
        for table in report.indicator_tables:
            add_table(table, APPENDIX_TITLE)

    return {
        "meta": {
            "title": meta.title.text,
            "period": meta.period.text,
            "issuer": meta.issuer.text,
            "date": cover_date(meta.date),
            "year": meta.year,
        },
        "foreword": [p.text.text for p in report.foreword],
        "blocks": blocks,
    }


def table_grids(context: dict[str, Any]) -> list[Grid]:
    """The grids of the context's tables, in document order."""
    return [b.grid for b in context["blocks"] if isinstance(b, TableBlock)]
