"""The typed document: the report as it will print, every number counted and every
placeholder resolved, before any file format is involved.

:func:`reportgen.layout.lay_out` builds it from the model; the Word renderer
(:mod:`reportgen.word`) writes it into the template. Texts here are final: what a block says
is what the page shows.

Blocks are a closed union (:data:`Block`). A new kind of block (a picture or a chart with its
图N, a list, a cross-reference inside a paragraph) is a new frozen class here, a case in
:mod:`reportgen.layout.build` and one in the Word renderer.
"""

from __future__ import annotations

import datetime
from typing import Iterator, Union

from attrs import frozen

from reportgen.layout.tables import Grid
from reportgen.model import ImageData, SourceRef


@frozen
class Cover:
    """The cover page and the document's properties."""

    title: str
    """The report's title (璧山区中等职业学校年度质量报告)."""
    period: str
    """The period printed under the title (2023-2024学年度)."""
    issuer: str
    """Who publishes it."""
    month: str
    """The month printed at the foot of the cover (2024年12月)."""
    region: str
    """The district or school the report covers."""
    year: int
    """The report's calendar year."""
    date: datetime.date
    """The date the report was signed (成文日期)."""
    subtitle: str | None = None
    """A line under the title, when the workbook gives one."""
    compiler: str | None = None
    """编制单位, when the workbook gives one."""


@frozen
class HeadingBlock:
    """A heading with its printed number."""

    level: int
    """1, 2 or 3 (Heading 1–3)."""
    number: str
    """The printed number (``1.2``, ``（二）``); empty for an unnumbered heading (附表)."""
    title: str
    """The heading's text, placeholders resolved."""
    path: tuple[int, ...] = ()
    """The counters of the heading's place in the section tree (``(1, 2)`` for 1.2); empty
    for an unnumbered heading. A cross-reference to a section would use it."""
    separator: str = " "
    """What stands between the number and the title."""
    new_page: bool = False
    """True when the heading starts a new page (the appendix's)."""

    @property
    def text(self) -> str:
        """The heading line as printed: number, separator, title."""
        return f"{self.number}{self.separator}{self.title}" if self.number else self.title


@frozen
class ParagraphBlock:
    """A paragraph of running text."""

    text: str
    """The paragraph, placeholders resolved."""
    source: SourceRef | None = None
    """The cell it came from."""


@frozen
class ChartData:
    """A chart's values, resolved to numbers, ready to draw (:mod:`reportgen.layout.charts`)."""

    kind: str
    """``bar``, ``line`` or ``pie``."""
    categories: tuple[str, ...]
    """The categories in order (axis labels, pie slices)."""
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    """Each series' name and its value per category (``None`` where the workbook has none)."""
    unit: str = ""
    """The unit of the values (shown on the value axis)."""


@frozen
class FigureBlock:
    """A picture or a chart with its caption 图N below it."""

    key: str
    """Its name in the workbook (what places it and what 〔图:…〕 refers to)."""
    number: int
    """Its number, counted through the report (cases included)."""
    label: str
    """The printed label (``图2``)."""
    title: str
    """The caption's text after the label."""
    caption: str
    """The caption line below it (``图2 实训基地``)."""
    width_mm: float
    """The printed width."""
    height_mm: float
    """The printed height."""
    image: ImageData | None = None
    """A picture's image."""
    chart: ChartData | None = None
    """A chart's data; the renderer draws it at print resolution."""
    source: SourceRef | None = None
    """Its row in the 图片 or 图表 sheet."""


@frozen
class CaseBlock:
    """A boxed case study with its number."""

    key: str
    """The clerk's number of the case in the 案例 sheet (what places it)."""
    number: int
    """Its number counted through the report."""
    label: str
    """The printed label (``案例3``)."""
    title: str
    """The case's title."""
    subtitle: str | None
    """An optional second title line."""
    paragraphs: tuple[str, ...]
    """The body, paragraph by paragraph."""
    source: SourceRef | None = None
    """The row of the 案例 sheet."""
    figures: tuple[FigureBlock, ...] = ()
    """Pictures and charts printed in the box after the body."""


@frozen
class TableBlock:
    """A captioned table and its printed grid."""

    key: str
    """What identifies the table in the workbook: an official table's catalog id
    (``scorecard``) or a free table's sheet name (``表-毕业生服务三次产业情况``)."""
    number: int
    """Its number (表N counts the tables of the text; 附表N those of the appendix)."""
    label: str
    """The printed label (``表3``, ``附表1``)."""
    title: str
    """The table's name."""
    caption: str
    """The caption line above the table (``表3 毕业生服务三次产业情况``)."""
    grid: Grid
    """The cells as printed, with merges, header rows, widths and diagonal cells."""
    source: SourceRef | None = None
    """The sheet the table was read from."""
    in_appendix: bool = False
    """True for a table of the appendix: its caption is listed in the table of contents."""


Block = Union[HeadingBlock, ParagraphBlock, CaseBlock, TableBlock, FigureBlock]
"""What the body of a report is made of, in document order."""


@frozen
class Appendix:
    """Matter printed after the chapters under a heading of its own (附表)."""

    heading: HeadingBlock
    """The appendix's heading."""
    blocks: tuple[Block, ...]
    """What it holds; today the official indicator tables, numbered 附表1…"""


@frozen
class Layout:
    """A whole report, laid out."""

    cover: Cover
    """Title page."""
    foreword: tuple[ParagraphBlock, ...]
    """前言."""
    body: tuple[Block, ...]
    """The chapters: headings, paragraphs, cases and tables in document order."""
    appendix: Appendix | None = None
    """The appendix, when the report has one."""
    lists: tuple[str, ...] = ()
    """The lists printed after the table of contents, in this order when present:
    ``tables`` (表目录), ``figures`` (图目录), ``cases`` (案例目录)."""

    def blocks(self) -> Iterator[Block]:
        """Every block after the foreword in printed order, the appendix's heading and blocks
        included."""
        yield from self.body
        if self.appendix is not None:
            yield self.appendix.heading
            yield from self.appendix.blocks

    @property
    def tables(self) -> tuple[TableBlock, ...]:
        """Every table in printed order."""
        return tuple(b for b in self.blocks() if isinstance(b, TableBlock))

    def references(self) -> dict[tuple[str, str], str]:
        """What a cross-reference prints, by (kind, name): 表 by sheet name and by title,
        案例 by the case's 编号."""
        found: dict[tuple[str, str], str] = {}
        for table in self.tables:
            found.setdefault(("表", table.key), table.label)
            found.setdefault(("表", table.title), table.label)
        for case in self.cases:
            found[("案例", case.key)] = case.label
        for figure in self.figures:
            found[("图", figure.key)] = figure.label
        return found

    @property
    def figures(self) -> tuple[FigureBlock, ...]:
        """Every picture and chart in printed order, those in cases included."""
        found: list[FigureBlock] = []
        for block in self.blocks():
            if isinstance(block, FigureBlock):
                found.append(block)
            elif isinstance(block, CaseBlock):
                found.extend(block.figures)
        return tuple(found)

    @property
    def cases(self) -> tuple[CaseBlock, ...]:
        """Every case in printed order."""
        return tuple(b for b in self.blocks() if isinstance(b, CaseBlock))

    def text(self) -> str:
        """The report as plain text, one printed line per line (cells joined by tabs): what
        a reader sees, without the page. A quick preview, and an oracle for tests."""
        cover = self.cover
        lines = [cover.title] + ([cover.subtitle] if cover.subtitle else [])
        lines += [f"（{cover.period}）", cover.issuer]
        lines += [f"编制单位：{cover.compiler}"] if cover.compiler else []
        lines.append(cover.month)
        lines += [p.text for p in self.foreword]
        for block in self.blocks():
            if isinstance(block, HeadingBlock):
                lines.append(block.text)
            elif isinstance(block, ParagraphBlock):
                lines.append(block.text)
            elif isinstance(block, CaseBlock):
                lines += [block.label, block.title] + ([block.subtitle] if block.subtitle else [])
                lines += list(block.paragraphs)
                lines += [f.caption for f in block.figures]
            elif isinstance(block, FigureBlock):
                lines.append(block.caption)
            else:
                lines.append(block.caption)
                lines += ["\t".join(c.text for c in row) for row in block.grid.rows]
        return "\n".join(lines)
