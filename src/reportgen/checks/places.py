"""Where a finding is, in the report's own words: the section a paragraph stands in, the table a
cell belongs to — so that ``reportgen check`` can group findings the way the clerk reads the
report (前言; 学校概况 › 师资队伍; 案例“…”; 人才培养质量计分卡).
"""

from __future__ import annotations

from attrs import frozen

from reportgen.model import Case, FreeTable, IndicatorTable, Paragraph, Report, Section, SourceRef

FOREWORD = "前言"
WHOLE_WORKBOOK = "整个工作簿"
"""The group of problems that concern no sheet."""
_SEPARATOR = " › "


@frozen
class Place:
    """A group of findings: its title and where it comes in the report."""

    title: str
    """``学校概况 › 师资队伍``, ``案例“筑梦空间”``, ``人才培养质量计分卡``."""
    order: int
    """Its rank in reading order (the foreword first, the workbook's other sheets last)."""


class Places:
    """The place of every cell a finding may stand in."""

    def __init__(self, report: Report):
        self._cells: dict[tuple[str, str], Place] = {}
        self._sheets: dict[str, Place] = {}
        self._titles: dict[str, Place] = {}
        self._count = 0
        for paragraph in report.foreword:
            self._cell(paragraph.text.source, FOREWORD)
        for chapter in report.chapters:
            self._section(chapter, ())
        for table in report.indicator_tables:
            self._sheet(table.source, table.title)

    def _next(self, title: str) -> Place:
        self._count += 1
        return Place(title, self._count)

    def _cell(self, source: SourceRef | None, title: str) -> None:
        if source is not None:
            if title not in self._titles:
                self._titles[title] = self._next(title)
            self._cells.setdefault((source.sheet, source.cell), self._titles[title])

    def _sheet(self, source: SourceRef | None, title: str) -> None:
        if source is not None and source.sheet not in self._sheets:
            self._sheets[source.sheet] = self._next(title)

    def _section(self, section: Section, path: tuple[str, ...]) -> None:
        path = (*path, section.title.text)
        title = _SEPARATOR.join(path)
        self._cell(section.title.source, title)
        for block in section.body:
            if isinstance(block, Paragraph):
                self._cell(block.text.source, title)
            elif isinstance(block, Case):
                case = f"案例“{block.title.text}”"
                for source in (block.source, block.title.source,
                               *(p.text.source for p in block.paragraphs)):
                    self._cell(source, case)
            elif isinstance(block, (IndicatorTable, FreeTable)):
                self._sheet(block.source, block.title)
        for child in section.children:
            self._section(child, path)

    def of(self, where: SourceRef | None) -> Place:
        """The place of ``where``: its paragraph's section, its table, or its sheet."""
        if where is None or not where.sheet:
            return Place(WHOLE_WORKBOOK, 0)
        found = self._cells.get((where.sheet, where.cell)) or self._sheets.get(where.sheet)
        if found is not None:
            return found
        return self._sheets.setdefault(where.sheet, self._next(where.sheet))
