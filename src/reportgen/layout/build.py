"""Model → :class:`~reportgen.layout.document.Layout`: placeholders resolved, headings,
cases and tables numbered, tables laid out as grids, the appendix gathered.

This is the one step every way of producing a report goes through (``reportgen.render``,
``generate``, the command, scripts), so they all print the same document. Numbers a reader
counts (1.2, 案例3, 表4) are computed here, never left to Word's list numbering, which does not
restart reliably inside template loops.

Pictures and charts are numbered 图N through the report and sized for the page
(:class:`FigureMaker`). A picture is as wide as the workbook asks (宽度（厘米）) or as the text
(the case box's inside in a case), never wider, and never taller than :data:`MAX_HEIGHT_MM` (a
portrait photo is narrowed instead). A chart's values are looked up as placeholders are
(indicators, the 数据 sheet's figures such as 上年X, derived figures) or in a free table's cell;
its size is fixed by its kind.
"""

from __future__ import annotations

import attrs

from reportgen.errors import DataError, Severity
from reportgen.layout.config import LayoutConfig
from reportgen.layout.document import (
    Appendix, Block, CaseBlock, ChartData, Cover, FigureBlock, HeadingBlock, Layout,
    ParagraphBlock, TableBlock,
)
from reportgen.layout.tables import TEXT_WIDTH_MM, Grid, free_grid, indicator_grid
from reportgen.model import (
    Case, Chart, FigureItem, FreeTable, IndicatorTable, Paragraph, Picture, Report, Section, Table,
)
from reportgen.placeholders import Names, figure_value, substitute

CASE_WIDTH_MM = 145.0
"""The widest a figure prints inside a case box (the box's cell margins are 3.5 mm)."""
MAX_HEIGHT_MM = 150.0
"""The tallest a picture prints: two thirds of the text block, room for its caption."""
CHART_ASPECT = 0.6
"""A bar or line chart's height over its width."""
PIE_ASPECT = 0.75
"""A pie chart's height over its width."""
CHART_WIDTH_MM = 140.0
"""A chart's default width."""


class FigureMaker:
    """Numbers figures in the order it is asked to make them."""

    def __init__(self, report: Report, config: LayoutConfig):
        self.config = config
        self.count = 0
        self._names: Names | None = None
        self._report = report

    @property
    def names(self) -> Names:
        """Figure names for charts' values, built on first use."""
        if self._names is None:
            self._names = Names.of(self._report)
        return self._names

    def make(self, item: FigureItem, room_mm: float = TEXT_WIDTH_MM) -> FigureBlock:
        """The next figure, at most ``room_mm`` wide."""
        self.count += 1
        label = self.config.label(self.config.figure_label, self.count)
        title = item.caption.text
        caption = self.config.table_caption(label, title)
        if isinstance(item, Picture):
            width, height = picture_size(item, room_mm)
            return FigureBlock(item.name.text, self.count, label, title, caption, width, height,
                               image=item.image, source=item.source)
        data = chart_data(item, self.names)
        width = min(float(item.width_mm) if item.width_mm else CHART_WIDTH_MM, room_mm)
        aspect = PIE_ASPECT if item.kind == "pie" else CHART_ASPECT
        return FigureBlock(item.name.text, self.count, label, title, caption, width,
                           width * aspect, chart=data, source=item.source)


def picture_size(picture: Picture, room_mm: float) -> tuple[float, float]:
    """The printed width and height of ``picture`` in millimetres."""
    width = min(float(picture.width_mm) if picture.width_mm else room_mm, room_mm)
    ratio = picture.image.height_px / picture.image.width_px
    if width * ratio > MAX_HEIGHT_MM:
        width = MAX_HEIGHT_MM / ratio
    return width, width * ratio


def chart_data(chart: Chart, names: Names) -> ChartData:
    """The chart's values by series and category, in the order the rows first name them."""
    categories = list(dict.fromkeys(p.category for p in chart.points))
    series = list(dict.fromkeys(p.series for p in chart.points))
    values: dict[tuple[str, str], float | None] = {}
    for point in chart.points:
        value, _ = figure_value(point.value.text, names)
        values[(point.series, point.category)] = float(value) if value is not None else None
    return ChartData(chart.kind, tuple(categories),
                     tuple((s, tuple(values.get((s, c)) for c in categories)) for s in series),
                     chart.unit)



def lay_out(report: Report, config: LayoutConfig | None = None) -> Layout:
    """The report as it prints, numbered by ``config`` (by default, what the workbook's
    settings ask for: :meth:`LayoutConfig.of`; the 2024 conventions when it asks nothing).

    Placeholders print figures and cross-references (〔表:…〕, 〔图:…〕, 〔案例:…〕) the numbers
    this layout gives. Raises :class:`~reportgen.errors.DataError` when a placeholder or a
    cross-reference names nothing, with every such problem located at its cell.
    """
    config = config or LayoutConfig.of(report.meta.settings)
    # -- cross-references print the numbers of a first layout: the same walk, so they agree;
    # -- the tables are the same objects in both walks, their grids made once; a report
    # -- without a cross-reference is walked once --
    grids: dict[int, Grid] = {}
    numbers: list[dict[tuple[str, str], str]] = []  # the first layout's, when first asked

    def number(kind: str, name: str) -> str | None:
        if not numbers:
            numbers.append(_Builder(report, config, grids).layout().references())
        return numbers[0].get((kind, name))

    resolved, problems = substitute(report, number)
    if any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    return _Builder(resolved, config, grids).layout()


class _Builder:
    """Walks a report whose placeholders are resolved, in document order."""

    def __init__(self, report: Report, config: LayoutConfig, grids: dict[int, Grid]):
        self.report = report
        self.config = config
        self.grids = grids
        """Grids made, by the ``id`` of their table (alive as long as the report)."""
        self.cases = 0
        self.tables = 0
        self.figures = FigureMaker(report, config)

    def layout(self) -> Layout:
        report, config = self.report, self.config
        meta = report.meta
        settings = meta.settings
        cover = Cover(meta.title.text, meta.period.text, meta.issuer.text,
                      config.month(meta.date.year, meta.date.month),
                      meta.region.text, meta.year, meta.date,
                      settings.subtitle.text if settings.subtitle else None,
                      settings.compiler.text if settings.compiler else None)
        foreword = tuple(ParagraphBlock(p.text.text, p.text.source) for p in report.foreword)
        body: list[Block] = []
        for n, chapter in enumerate(report.chapters, 1):
            self._section(chapter, (n,), body)
        layout = Layout(cover, foreword, tuple(body), self._appendix())
        present = {"tables": layout.tables, "figures": layout.figures, "cases": layout.cases}
        return attrs.evolve(layout, lists=tuple(k for k in ("tables", "figures", "cases")
                                                if k in config.lists and present[k]))

    def _section(self, section: Section, path: tuple[int, ...], out: list[Block]) -> None:
        headings = self.config.headings
        out.append(HeadingBlock(section.level, headings.number(path), section.title.text, path,
                                headings.separator))
        appendix = self.report.meta.tables_in_appendix
        for block in section.body:
            if isinstance(block, Paragraph):
                out.append(ParagraphBlock(block.text.text, block.text.source))
            elif isinstance(block, Case):
                out.append(self._case(block))
            elif isinstance(block, (Picture, Chart)):
                out.append(self.figures.make(block))
            elif isinstance(block, IndicatorTable) and appendix:
                continue  # printed once, in the appendix
            else:
                out.append(self._table(block, self.config.table_label))
        for n, child in enumerate(section.children, 1):
            self._section(child, path + (n,), out)

    def _case(self, case: Case) -> CaseBlock:
        self.cases += 1
        return CaseBlock(case.key, self.cases, self.config.label(self.config.case_label, self.cases),
                         case.title.text, case.subtitle.text if case.subtitle else None,
                         tuple(p.text.text for p in case.paragraphs), case.source,
                         tuple(self.figures.make(f, CASE_WIDTH_MM) for f in case.figures))

    def _table(self, table: Table, label_pattern: str, *, appendix: bool = False) -> TableBlock:
        self.tables += 1
        label = self.config.label(label_pattern, self.tables)
        grid = self.grids.get(id(table))
        if isinstance(table, IndicatorTable):
            meta = self.report.meta
            key = table.spec.id
            if grid is None:
                grid = indicator_grid(table, meta.year, last_year=meta.show_previous)
        else:
            assert isinstance(table, FreeTable)
            key = table.key
            if grid is None:
                grid = free_grid(table)
        self.grids[id(table)] = grid
        return TableBlock(key, self.tables, label, table.title,
                          self.config.table_caption(label, table.title), grid, table.source,
                          in_appendix=appendix)

    def _appendix(self) -> Appendix | None:
        """The tables printed at the end, numbered 附表1… on their own: the indicator tables
        when the settings gather them there (in the catalog's order, unless 附表 rows place
        them), then the tables placed by 附表 rows, in their order."""
        report = self.report
        placed = {id(t) for t in report.appendix}
        gathered = [t for t in report.indicator_tables if id(t) not in placed] \
            if report.meta.tables_in_appendix else []
        tables = gathered + list(report.appendix)
        if not tables:
            return None
        self.tables = 0
        blocks = tuple(self._table(t, self.config.appendix_table_label, appendix=True)
                       for t in tables)
        return Appendix(HeadingBlock(1, "", self.config.appendix_title, new_page=True), blocks)
