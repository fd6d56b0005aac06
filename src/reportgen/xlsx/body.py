"""The 正文 and 案例 sheets: headings, paragraphs, where each case and table stands, and the
cases themselves.

正文: each row is one item in document order: a heading of level 1–3, a paragraph, a case (by
its 编号 in the 案例 sheet) or a table (by its sheet's name). The rows become a tree of
sections; every case and table must be placed exactly once.

案例: every case by its 编号, with the pictures and charts it prints. Columns 编号, 标题, 副标题,
正文 and, optionally, 图片: names of pictures or charts (the 图片 and 图表 sheets), one per line
or separated by 、, printed in the box after the body; 状态 (the yearly workflow: 上年, 备选,
已确认) and 学校 (which school sent it, after ``merge``).
"""

from __future__ import annotations

import re
from typing import Any, Collection, Mapping


from reportgen.errors import Problems
from reportgen.model import (
    Block,
    Case,
    Chart,
    FigureItem,
    Paragraph,
    Section,
    SourceRef,
    Table,
    Text,
)
from reportgen.xlsx.cells import CellReader
from reportgen.xlsx.sheets import (Sheet, 
    BODY_COLUMNS,
    BODY_KINDS,
    CASES_COLUMNS,
    CASES_FIGURES_COLUMN,
    CASE_STATUS_VALUES,
    HEADING_LEVELS,
    KIND_APPENDIX,
    KIND_CASE,
    KIND_CHART,
    KIND_PARAGRAPH,
    KIND_PICTURE,
    KIND_TABLE,
    SCHOOL_COLUMN,
    STATUS_CANDIDATE,
    STATUS_CARRIED,
    STATUS_COLUMN,
    STATUS_VALUES,
    data_rows,
    find_columns,
)
from reportgen.xlsx.progress import StatusReader


_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}


def figure_kind(figure: FigureItem) -> str:
    """The 正文 type that places ``figure`` (图片 or 图表)."""
    return KIND_CHART if isinstance(figure, Chart) else KIND_PICTURE


def split_paragraphs(text: Text) -> list[Paragraph]:
    """A cell's text as paragraphs: each line break inside the cell starts a new one."""
    return [Paragraph(Text(line.strip(), text.source))
            for line in text.text.split("\n") if line.strip()]


class _Open:
    """A section being built: mutable until the sheet is read."""

    def __init__(self, level: int, title: Text):
        self.level = level
        self.title = title
        self.body: list[Block] = []
        self.children: list[_Open] = []

    def freeze(self) -> Section:
        return Section(self.level, self.title, tuple(self.body),
                       tuple(c.freeze() for c in self.children))


def read_body(ws: Sheet, reader: CellReader, problems: Problems,
              cases: Mapping[str, Case], tables: Mapping[str, Table],
              required_tables: set[str], *, unreadable_tables: Collection[str] = (),
              unreadable_cases: Collection[str] | None = (),
              appendix_only: Collection[str] = (),
              figures: Mapping[str, FigureItem] | None = None,
              placed_figures: dict[str, SourceRef] | None = None,
              statuses: StatusReader | None = None,
              candidates: Collection[str] = (),
              unreadable_figures: Collection[str] = (),
              ) -> tuple[tuple[Section, ...], tuple[Table, ...]]:
    """The chapters, with every case and table where the sheet places it, and the tables
    its 附表 rows place in the appendix, in their order.

    ``appendix_only`` names the tables the settings send to the appendix (the indicator
    tables when 指标表位置 is 附表): a 表格 row placing one of them cannot take effect and
    is a warning at its cell. Pictures and charts are placed by name from ``figures``, each
    once (``placed_figures`` holds those the cases placed already).

    ``required_tables`` names the tables that must be placed (the others may be, e.g. the
    indicator tables when they go to the appendix). Tables and cases that exist but could
    not be read (``unreadable_*``; ``None`` when the 案例 sheet itself could not be) have
    had their problems reported: placing them is not a second problem. ``candidates`` are
    cases a school sent (状态 备选): they need not be placed. A row whose 状态 is 上年 is
    noted in ``statuses``.
    """
    columns = find_columns(ws, BODY_COLUMNS, reader, problems, optional=(STATUS_COLUMN,))
    if columns is None:
        return (), ()
    chapters: list[_Open] = []
    stack: list[_Open] = []
    placed_cases: dict[str, SourceRef] = {}
    placed_tables: dict[str, SourceRef] = {}
    appendix: list[Table] = []
    figures = figures or {}
    placed_figures = placed_figures if placed_figures is not None else {}

    for row in data_rows(ws):
        kind_cell = ws.cell(row, columns["类型"])
        content_cell = ws.cell(row, columns["内容"])
        kind = reader.text(kind_cell)
        content = reader.text(content_cell)
        if kind is None and content is None:
            continue
        if kind is None or kind.text not in BODY_KINDS:
            problems.add("E-BODY-KIND", reader.ref(kind_cell), found=kind.text if kind else "",
                         kinds=BODY_KINDS)
            continue
        if content is None:
            problems.add("E-BODY-NO-CONTENT", reader.ref(content_cell), kind=kind.text)
            continue
        if statuses is not None and statuses.status(ws, row, columns,
                                                    STATUS_VALUES) == STATUS_CARRIED:
            statuses.note_carried(content_cell)

        if kind.text == KIND_APPENDIX:  # the appendix has no place among the sections
            if content.text not in tables and content.text in unreadable_tables:
                continue
            table = _place(content.text, tables, placed_tables, reader.ref(content_cell),
                           problems, ("E-BODY-UNKNOWN-TABLE", "E-BODY-TABLE-TWICE"), "table",
                           sheets=list(tables))
            if table is not None:
                appendix.append(table)
            continue

        level = HEADING_LEVELS.get(kind.text)
        if level is not None:
            if level - 1 > len(stack):
                problems.add("E-BODY-LEVEL-SKIPPED", reader.ref(kind_cell), found=content.text,
                             kind=kind.text, level=_LEVEL_NAMES[len(stack) + 1])
                continue
            section = _Open(level, content)
            del stack[level - 1:]
            (stack[-1].children if stack else chapters).append(section)
            stack.append(section)
            continue

        if not stack:
            problems.add("E-BODY-NO-HEADING", reader.ref(kind_cell), found=kind.text)
            continue
        target = stack[-1].body
        if kind.text == KIND_PARAGRAPH:
            target.extend(split_paragraphs(content))
        elif kind.text == KIND_CASE:
            key = content.text
            if key not in cases and (unreadable_cases is None or key in unreadable_cases):
                continue
            block = _place(key, cases, placed_cases, reader.ref(content_cell), problems,
                           ("E-BODY-UNKNOWN-CASE", "E-BODY-CASE-TWICE"), "case")
            if block is not None:
                target.append(block)
        elif kind.text in (KIND_PICTURE, KIND_CHART):
            if content.text not in figures and content.text in unreadable_figures:
                continue  # its own row is the error already
            figure = _place(content.text, figures, placed_figures, reader.ref(content_cell),
                            problems, ("E-BODY-UNKNOWN-FIGURE", "E-BODY-FIGURE-TWICE"), "figure",
                            sheet=kind.text)
            if figure is not None:
                target.append(figure)
        elif kind.text == KIND_TABLE:
            name = content.text
            if name not in tables and name in unreadable_tables:
                continue
            if name in appendix_only:
                problems.add("W-BODY-TABLE-IN-APPENDIX", reader.ref(content_cell), table=name,
                             kind=KIND_APPENDIX)
                continue
            block = _place(name, tables, placed_tables, reader.ref(content_cell), problems,
                           ("E-BODY-UNKNOWN-TABLE", "E-BODY-TABLE-TWICE"), "table",
                           sheets=list(tables))
            if block is not None:
                target.append(block)

    for key, case in cases.items():
        if key not in placed_cases and key not in candidates:
            problems.add("E-BODY-CASE-UNPLACED", case.source, case=key, kind=KIND_CASE)
    for name in sorted(required_tables - placed_tables.keys()):
        problems.add("E-BODY-TABLE-UNPLACED", reader.sheet_ref(name), table=name, kind=KIND_TABLE)
    for chapter in chapters:
        _check_not_empty(chapter, problems)
    return tuple(c.freeze() for c in chapters), tuple(appendix)


def _place(key: str, available: Mapping[str, Any], placed: dict[str, SourceRef],
           ref: SourceRef, problems: Problems, codes: tuple[str, str], noun: str,
           **unknown: Any) -> Any:
    """The case or table ``key`` names, the first time it is placed; a located problem when
    nothing has that name (``codes[0]``, with the fields ``unknown``) or it was placed already
    (``codes[1]``, ``key`` given as the field ``noun``)."""
    if key not in available:
        problems.add(codes[0], ref, found=key, **unknown)
        return None
    if key in placed:
        first = placed[key]
        problems.add(codes[1], ref, first=f"{first.sheet}!{first.cell}", **{noun: key})
        return None
    placed[key] = ref
    return available[key]


def _check_not_empty(section: _Open, problems: Problems) -> None:
    """An empty section prints a bare heading: the clerk probably lost its text."""
    if not section.body and not section.children:
        problems.add("W-BODY-EMPTY-SECTION", section.title.source,
                     level=_LEVEL_NAMES[section.level], title=section.title.text)
    for child in section.children:
        _check_not_empty(child, problems)


_SEPARATORS = re.compile(r"[\n、，,；;]+")


def read_cases(ws: Sheet, reader: CellReader, problems: Problems,
               statuses: StatusReader | None = None,
               figures: Mapping[str, FigureItem] | None = None,
               placed_figures: dict[str, SourceRef] | None = None,
               unreadable_figures: Collection[str] = (),
               ) -> tuple[dict[str, Case], set[str] | None, set[str]]:
    """The cases by their 编号, the 编号 of those refused (``None``: the sheet was), and the
    编号 of the candidates (状态 备选), which need not be placed.

    A case's figures are looked up in ``figures`` (those named in ``unreadable_figures``, whose
    own row is an error already, are skipped); each placement is recorded in
    ``placed_figures`` (a figure is placed once, in a case or in the text). A case whose 状态
    is 上年 is noted in ``statuses``.
    """
    columns = find_columns(ws, CASES_COLUMNS, reader, problems,
                           optional=(CASES_FIGURES_COLUMN, STATUS_COLUMN, SCHOOL_COLUMN))
    if columns is None:
        return {}, None, set()
    figures = figures or {}
    placed = placed_figures if placed_figures is not None else {}
    cases: dict[str, Case] = {}
    refused: set[str] = set()
    candidates: set[str] = set()
    for row in data_rows(ws):
        key_cell = ws.cell(row, columns["编号"])
        key = reader.text(key_cell)
        title = reader.text(ws.cell(row, columns["标题"]))
        subtitle = reader.text(ws.cell(row, columns["副标题"]))
        body = reader.text(ws.cell(row, columns["正文"]))
        if key is None and title is None and body is None and subtitle is None:
            continue
        if key is None:
            problems.add("E-CASE-NO-KEY", reader.ref(key_cell))
            continue
        if key.text in cases:
            first = cases[key.text].source
            problems.add("E-CASE-DUPLICATE", reader.ref(key_cell), case=key.text,
                         first=first.cell if first else "")
            continue
        if title is None:
            problems.add("E-CASE-NO-TITLE", reader.ref(ws.cell(row, columns["标题"])))
        if body is None:
            problems.add("E-CASE-NO-TEXT", reader.ref(ws.cell(row, columns["正文"])))
        if title is None or body is None:
            refused.add(key.text)
            continue
        own: list[FigureItem] = []
        if CASES_FIGURES_COLUMN in columns:
            cell = ws.cell(row, columns[CASES_FIGURES_COLUMN])
            names = reader.text(cell)
            for name in _SEPARATORS.split(names.text) if names else ():
                name = name.strip()
                if not name or (name not in figures and name in unreadable_figures):
                    continue
                if name not in figures:
                    problems.add("E-CASE-UNKNOWN-FIGURE", reader.ref(cell), found=names.text
                                 if names else "", figure=name)
                elif name in placed:
                    first = placed[name]
                    problems.add("E-BODY-FIGURE-TWICE", reader.ref(cell), figure=name,
                                 first=f"{first.sheet}!{first.cell}")
                else:
                    placed[name] = reader.ref(cell)
                    own.append(figures[name])
        cases[key.text] = Case(key.text, title, subtitle, tuple(split_paragraphs(body)),
                               reader.ref(key_cell), figures=tuple(own))
        status = (statuses.status(ws, row, columns, CASE_STATUS_VALUES) if statuses is not None
                  else None)
        if status == STATUS_CARRIED and statuses is not None:
            statuses.note_carried(ws.cell(row, columns["标题"]))
        elif status == STATUS_CANDIDATE:
            candidates.add(key.text)
    return cases, refused, candidates
