"""Model → :class:`~reportgen.layout.document.Layout`: placeholders resolved, headings,
cases and tables numbered, tables laid out as grids, the appendix gathered.

This is the one step every way of producing a report goes through (``reportgen.render``,
``generate``, the command, scripts), so they all print the same document. Numbers a reader
counts (1.2, 案例3, 表4) are computed here, never left to Word's list numbering, which does not
restart reliably inside template loops.
"""

from __future__ import annotations

import attrs

from reportgen.errors import DataError, Severity
from reportgen.layout.config import LayoutConfig
from reportgen.layout.document import (
    Appendix, Block, CaseBlock, Cover, FigureBlock, HeadingBlock, Layout, ParagraphBlock,
    TableBlock,
)
from reportgen.layout.figures import CASE_WIDTH_MM, FigureMaker
from reportgen.layout.tables import Grid, free_grid, indicator_grid
from reportgen.model import (
    Case, Chart, FreeTable, IndicatorTable, Paragraph, Picture, Report, Section, Table,
)
from reportgen.placeholders import substitute


def lay_out(report: Report, config: LayoutConfig | None = None) -> Layout:
    """The report as it prints, numbered by ``config`` (by default, what the workbook's
    settings ask for: :meth:`LayoutConfig.of`; the 2024 conventions when it asks nothing).

    Placeholders print figures and cross-references (〔表:…〕, 〔图:…〕, 〔案例:…〕) the numbers
    this layout gives. Raises :class:`~reportgen.errors.DataError` when a placeholder or a
    cross-reference names nothing, with every such problem located at its cell.
    """
    config = config or LayoutConfig.of(report.meta.settings)
    # -- cross-references print the numbers of a first layout: the same walk, so they agree;
    # -- the tables are the same objects in both walks, their grids made once --
    grids: dict[int, Grid] = {}
    numbers = _Builder(report, config, grids).layout().references()
    resolved, problems = substitute(report, lambda kind, name: numbers.get((kind, name)))
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
