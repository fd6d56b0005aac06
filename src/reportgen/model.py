"""The report as data: frozen attrs classes, no I/O.

The loader builds these from a workbook, the checks read them, the renderer turns them into
a document. Numbers stay raw (:class:`~decimal.Decimal`, with the precision shown in the
workbook as their exponent) and every value remembers the cell it came from.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Iterator, Union

from attrs import field, frozen

from reportgen.catalog import Catalog, IndicatorSpec, TableSpec, catalog_for, earliest
from reportgen.values import (  # re-exported: the values of one cell or one row
    CheckMark,
    Contribution,
    DeclaredRule,
    Figure,
    MergedFigure,
    NamedFigure,
    SourceRef,
    Text,
)


@frozen
class Settings:
    """How the report is numbered, labelled and listed: the optional rows of 基本信息.

    Every field has the 2024 report's convention as its default; an empty or absent row keeps
    the default. :class:`reportgen.layout.LayoutConfig` is made from these.
    """

    case_label: str = "案例"
    """The word before a case's number (案例3, 典型案例3)."""
    chinese_headings: bool = False
    """True for 一、/（一）/1. headings, False for 1./1.1/1.1.1."""
    subtitle: Text | None = None
    """A line printed under the title on the cover."""
    compiler: Text | None = None
    """编制单位, printed on the cover as 编制单位：…"""
    chinese_date: bool = False
    """True to print the cover's date in Chinese numerals (二〇二五年十二月)."""
    appendix_title: str = "附表"
    """The heading of the appendix (附表, 附件)."""
    table_list: bool = False
    """Print a 表目录 (list of tables) after the table of contents."""
    figure_list: bool = False
    """Print a 图目录 (list of pictures and charts) after the table of contents."""
    case_list: bool = False
    """Print a 案例目录 (list of cases) after the table of contents."""


@frozen
class Meta:
    """What the cover and the running text need to know about the report."""

    region: Text
    """The district or school the report covers (璧山区)."""
    period: Text
    """The period label printed under the title (2023-2024学年度)."""
    year: int
    """The calendar year of the report; it heads the figures' column (2024年)."""
    title: Text
    """The report's title (璧山区中等职业学校年度质量报告)."""
    issuer: Text
    """Who publishes it (重庆市璧山区教育委员会)."""
    date: datetime.date
    """The date the report was signed (成文日期); the cover prints its year and month."""
    tables_in_appendix: bool = False
    """True to print the indicator tables together at the end (附表) instead of where the
    text places them."""
    year_source: SourceRef | None = None
    """The cell the year was read from."""
    date_source: SourceRef | None = None
    """The cell the date was read from."""
    settings: Settings = Settings()
    """Numbering, labels, cover lines and lists (the optional rows of 基本信息)."""
    show_previous: bool = False
    """True to print last year's figures (上年) in a column beside this year's in the
    indicator tables (基本信息 指标表上年列 = 是)."""


@frozen
class Paragraph:
    """One paragraph of running text."""

    text: Text
    """Its text and the cell it came from."""


@frozen
class ImageData:
    """A picture ready to print: decoded, turned upright and scaled down for print."""

    data: bytes
    """The encoded image."""
    format: str
    """``png`` or ``jpeg``."""
    width_px: int
    """Its width in pixels."""
    height_px: int
    """Its height in pixels."""


@frozen
class Picture:
    """A picture from an image file named in the 图片 sheet, captioned 图N below it."""

    name: Text
    """The name the workbook places it by (正文, 案例) and refers to it by (〔图:名称〕)."""
    caption: Text
    """The caption's text after 图N (the name when the 题注 cell is empty)."""
    image: ImageData
    """The image."""
    width_mm: Decimal | None = None
    """The printed width asked for; ``None`` fits it to the text width."""
    source: SourceRef | None = None
    """Its row of the 图片 sheet (the 名称 cell)."""


@frozen
class ChartPoint:
    """One value of a chart: a category (an axis label, a pie slice) in one series."""

    category: str
    """The category (2023年, 面向第二产业)."""
    series: str
    """The series it belongs to (empty for a chart with one series)."""
    value: Text
    """The figure as the workbook names it: a number, a placeholder name (〔毕业生人数〕,
    〔上年毕业生人数〕) or a free table's cell (表-名称!行@列)."""


@frozen
class Chart:
    """A chart drawn from figures the workbook already holds, captioned 图N below it."""

    name: Text
    """The name the workbook places it by and refers to it by."""
    kind: str
    """``bar``, ``line`` or ``pie``."""
    caption: Text
    """The caption's text after 图N."""
    points: tuple[ChartPoint, ...]
    """Its values, in the order of the 图表 sheet's rows."""
    unit: str = ""
    """The unit of its values, shown on the value axis."""
    width_mm: Decimal | None = None
    """The printed width asked for; ``None`` for the default."""
    source: SourceRef | None = None
    """Its first row of the 图表 sheet (the 名称 cell)."""


FigureItem = Union[Picture, Chart]
"""What prints as 图N."""


@frozen
class Case:
    """A boxed case study (案例), numbered through the report in document order."""

    key: str
    """The clerk's number for the case in the 案例 sheet; used to place it in the text."""
    title: Text
    """The case's title."""
    subtitle: Text | None
    """An optional second title line."""
    paragraphs: tuple[Paragraph, ...]
    """The body, paragraph by paragraph."""
    source: SourceRef | None = None
    """The row of the 案例 sheet that holds the case (its 编号 cell)."""
    figures: tuple[FigureItem, ...] = ()
    """Pictures and charts printed in the box after the body (the 案例 sheet's 图片 column)."""


@frozen
class ColumnValue:
    """What one of a table's own columns (调查人次, 调查方式 — see the catalog) holds in a row."""

    column: str
    """The column's id in the catalog (``survey_count``)."""
    figure: Figure | None = None
    """For a figure column: the number (its ``value`` is ``None`` for an empty cell)."""
    text: Text | None = None
    """For a text column: the text; ``None`` for an empty cell."""


@frozen
class IndicatorRow:
    """One printed row of an official indicator table: an indicator in one unit."""

    spec: IndicatorSpec
    """The catalog's indicator (name, level, units, aggregation meaning)."""
    unit: str
    """The unit of this row; an indicator with two units (门 and 学时) has two rows."""
    value: Figure
    """The figure for the report's year."""
    note: Text | None = None
    """The 备注 cell."""
    extra: tuple[ColumnValue, ...] = ()
    """The table's own columns in the catalog's order (the 满意度调查表's 调查人次 and
    调查方式); empty for a table with only the fixed five."""
    previous: Figure | None = None
    """Last year's figure (the optional 上年 column), for year-over-year placeholders and the
    optional 上年 column of the printed table; ``None`` when the sheet has no such column."""

    def figure_in(self, column: str) -> Figure | None:
        """The number in the table's own column ``column`` (``survey_count``), if it has one."""
        return next((v.figure for v in self.extra if v.column == column), None)

    def text_in(self, column: str) -> Text | None:
        """The text in the table's own column ``column`` (``survey_method``), if any."""
        return next((v.text for v in self.extra if v.column == column), None)


@frozen
class IndicatorTable:
    """One of the six official indicator tables, filled in."""

    spec: TableSpec
    """The catalog's table: its name, columns and rows."""
    rows: tuple[IndicatorRow, ...]
    """The printed rows, in the catalog's order."""
    source: SourceRef | None = None
    """The sheet it was read from."""

    @property
    def title(self) -> str:
        """The name printed in the table's caption."""
        return self.spec.name


@frozen
class FreeCell:
    """One cell of a free table, as shown in the workbook."""

    text: str
    """The text as displayed (numbers formatted as the cell shows them)."""
    number: Decimal | None = None
    """The number, when the cell holds one."""
    source: SourceRef | None = None
    """The cell it came from."""
    diagonal: bool = False
    """True for a header cell split by a diagonal line (斜线表头): its first line is printed
    top right, its last line bottom left."""


@frozen
class Span:
    """A merged range of a free table, in 0-based grid coordinates."""

    row: int
    """The first row."""
    col: int
    """The first column."""
    rows: int = 1
    """How many rows it covers."""
    cols: int = 1
    """How many columns it covers."""


@frozen
class FreeTable:
    """A table laid out freely in a sheet (header rows, merged cells), such as 表3."""

    key: str
    """The sheet's name; the text places the table by it."""
    title: str
    """The name printed in the caption."""
    cells: tuple[tuple[FreeCell, ...], ...]
    """The grid, row by row; every row has the same number of cells."""
    spans: tuple[Span, ...] = ()
    """Merged ranges."""
    header_rows: int = 0
    """How many leading rows are headers (repeated after a page break)."""
    source: SourceRef | None = None
    """The sheet it was read from."""
    column_widths: tuple[Decimal, ...] = ()
    """The sheet's column widths (Excel's units, characters), one per column, when the clerk
    set any: the printed columns keep their proportions. Empty when every column has the
    default width: the columns are then sized by their content."""


Table = Union[IndicatorTable, FreeTable]
Block = Union[Paragraph, Case, IndicatorTable, FreeTable, Picture, Chart]


@frozen
class Section:
    """A numbered heading with what stands under it."""

    level: int
    """1, 2 or 3."""
    title: Text
    """The heading's text, without its number."""
    body: tuple[Block, ...] = ()
    """Paragraphs, cases and tables between the heading and its first subsection."""
    children: tuple[Section, ...] = ()
    """Subsections, one level deeper."""


@frozen
class Report:
    """A whole annual quality report."""

    meta: Meta
    """Cover and settings."""
    foreword: tuple[Paragraph, ...]
    """前言, paragraph by paragraph."""
    chapters: tuple[Section, ...]
    """The numbered chapters (1 学校概况 … 8 面临的挑战及对策)."""
    indicator_tables: tuple[IndicatorTable, ...] = field(default=())
    """Every official indicator table the workbook holds, in the catalog's order; the
    appendix prints them when :attr:`Meta.tables_in_appendix` is set."""
    named: tuple[NamedFigure, ...] = field(default=())
    """Figures the workbook names in its optional 数据 sheet, for placeholders."""
    appendix: tuple[Table, ...] = field(default=())
    """Tables the text places in the appendix (附表 rows of 正文), in their order; printed
    after the indicator tables the appendix gathers when :attr:`Meta.tables_in_appendix`."""
    marks: tuple[CheckMark, ...] = field(default=())
    """Findings the clerk marked as checked in the optional 核对 sheet."""
    declared: tuple[DeclaredRule, ...] = field(default=())
    """Rules the clerk declares in the optional 规则 sheet."""
    merged: tuple[MergedFigure, ...] = field(default=())
    """For a district workbook made by ``reportgen merge``: where each merged figure came
    from (the optional 来源 sheet)."""
    catalog: Catalog = field()
    """The catalog the indicator tables were read against: the catalog of the report's year,
    or of the latest earlier year that has one (``catalog.year`` says which). Figures,
    checks and placeholders look indicators up in it. A report built in code gets the
    catalog serving :attr:`Meta.year`."""

    @catalog.default
    def _catalog_of_the_year(self) -> Catalog:
        return catalog_for(self.meta.year) or earliest()

    def sections(self) -> Iterator[Section]:
        """Every section, depth first in document order."""
        stack = list(reversed(self.chapters))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def blocks(self) -> Iterator[Block]:
        """Every block of the chapters in document order."""
        for section in self.sections():
            yield from section.body

    @property
    def cases(self) -> tuple[Case, ...]:
        """The cases in document order."""
        return tuple(b for b in self.blocks() if isinstance(b, Case))

    @property
    def figures(self) -> tuple[FigureItem, ...]:
        """The pictures and charts the text and the cases place, in document order."""
        found: list[FigureItem] = []
        for block in self.blocks():
            if isinstance(block, (Picture, Chart)):
                found.append(block)
            elif isinstance(block, Case):
                found.extend(block.figures)
        return tuple(found)

    @property
    def tables(self) -> tuple[Table, ...]:
        """The tables the text places, in document order."""
        return tuple(b for b in self.blocks() if isinstance(b, (IndicatorTable, FreeTable)))
