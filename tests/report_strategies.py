"""Hypothesis strategies for small but complete reports, and their content without sources.

A generated :class:`~reportgen.model.Report` is one the loader could have produced: texts are
trimmed and free of control characters, every section has a level-1 chapter above it, every
case and (in the inline setting) every official table is placed once, free tables have no
trailing empty rows or columns and each header row shows a text. :func:`content` turns a
report into plain nested tuples without the cells values came from, figures written at their
precision, so that two reports read from different files can be compared.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from reportgen.catalog import Catalog, ColumnKind, TableSpec, catalog_for, earliest
from reportgen.model import (
    Case,
    ColumnValue,
    Figure,
    FreeCell,
    FreeTable,
    IndicatorRow,
    IndicatorTable,
    Meta,
    NamedFigure,
    Paragraph,
    Report,
    Section,
    Settings,
    Span,
    Text,
)
from reportgen.numbers import format_number

_SOURCES = frozenset({"source", "year_source", "date_source"})


def content(value: Any) -> Any:
    """``value`` as nested tuples: attrs classes by their fields (sources left out), figures
    as the digits they print (so that 98.60 and 98.6 differ)."""
    if isinstance(value, Decimal):
        return ("decimal", format_number(value))
    if isinstance(value, Catalog):
        return ("catalog", value.year)
    if attrs.has(type(value)):
        return (type(value).__name__,) + tuple(
            (f.name, content(getattr(value, f.name)))
            for f in attrs.fields(type(value)) if f.name not in _SOURCES)
    if isinstance(value, tuple):
        return tuple(content(v) for v in value)
    return value


_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
_PIECES = st.sampled_from(["学校概况", "=1+1", "'引号", "_x000B_", "&<>\"", "{{ x }}", "16.29:1",
                           "１，２３４", "98.60", "😀", "\u3000", " "])
_raw = st.lists(st.one_of(_CHARS, _PIECES), min_size=1, max_size=8).map("".join)
line = _raw.map(str.strip).filter(bool)
"""A one-line text as the loader gives it: trimmed, not empty."""
lines = st.lists(line, min_size=1, max_size=3).map("\n".join)
"""Text of several lines (a free table's cell)."""


def text(strategy: st.SearchStrategy[str] = line) -> st.SearchStrategy[Text]:
    return strategy.map(Text)


figures = st.one_of(
    st.none(),
    st.builds(lambda sign, digits, places: Decimal(f"{'-' if sign and digits else ''}{digits}").scaleb(-places),
              st.booleans(), st.integers(0, 10**11), st.integers(0, 4)),
).map(Figure)


@st.composite
def indicator_table(draw: st.DrawFn, spec: TableSpec) -> IndicatorTable:
    """An official table with figures and notes in a few of its rows (drawing every row of
    six tables makes examples slow without finding more), its own columns (调查人次,
    调查方式) filled in those rows too."""
    units = spec.row_units()
    filled = draw(st.sets(st.integers(0, len(units) - 1), max_size=4))
    rows = []
    for index, (indicator, unit) in enumerate(units):
        full = index in filled
        own = tuple(
            ColumnValue(c.id, figure=draw(figures) if full else Figure(None))
            if c.kind is ColumnKind.FIGURE
            else ColumnValue(c.id, text=draw(st.none() | text()) if full else None)
            for c in spec.extra_columns)
        note = draw(st.none() | text()) if full else None
        rows.append(IndicatorRow(indicator, unit, draw(figures) if full else Figure(None), note,
                                 own))
    return IndicatorTable(spec, tuple(rows))


@st.composite
def free_table(draw: st.DrawFn, key: str) -> FreeTable:
    height, width = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    spans: list[Span] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 2))):
        r, c = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        rows, cols = draw(st.integers(1, height - r)), draw(st.integers(1, width - c))
        area = {(i, j) for i in range(r, r + rows) for j in range(c, c + cols)}
        if len(area) > 1 and not area & taken:
            spans.append(Span(r, c, rows, cols))
            taken |= area
    covered = taken - {(s.row, s.col) for s in spans}
    cells = []
    for r in range(height):
        row = []
        for c in range(width):
            if (r, c) in covered:
                row.append(FreeCell(""))
            elif draw(st.booleans()):
                number = draw(figures).value
                row.append(FreeCell(format_number(number), number) if number is not None
                           else FreeCell(""))
            else:
                row.append(FreeCell(draw(st.just("") | lines), diagonal=draw(st.booleans())))
        cells.append(tuple(row))
    filled = [any(cell.text for cell in row) for row in cells]
    last_row = max((r for r in range(height) if filled[r]), default=-1)
    last_col = max((c for c in range(width) if any(row[c].text for row in cells)), default=-1)
    for s in spans:  # the loader trims empty trailing rows and columns, merges included
        if s.row <= last_row and s.col <= last_col:
            last_row = max(last_row, s.row + s.rows - 1)
            last_col = max(last_col, s.col + s.cols - 1)
    if last_row < 0:
        return FreeTable(key, key[2:], ((FreeCell("表"),),), (), 0)
    grid = tuple(tuple(row[: last_col + 1]) for row in cells[: last_row + 1])
    kept = tuple(sorted((s for s in spans if s.row <= last_row and s.col <= last_col),
                        key=lambda s: (s.row, s.col)))  # the order the loader gives
    # The loader counts header rows while each shows something.
    header_rows = draw(st.integers(0, len(grid)))
    header_rows = next((i for i in range(header_rows) if not any(c.text for c in grid[i])),
                       header_rows)
    return FreeTable(key, key[2:], grid, kept, header_rows)


_labels = st.sampled_from(["案例", "典型案例", "附表", "附件", "案例 甲"])
settings = st.builds(Settings, case_label=_labels, chinese_headings=st.booleans(),
                     subtitle=st.none() | text(), compiler=st.none() | text(),
                     chinese_date=st.booleans(), appendix_title=_labels,
                     table_list=st.booleans(), figure_list=st.booleans(),
                     case_list=st.booleans())
"""The optional rows of 基本信息, as the loader reads them."""


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A small report the loader could have read."""
    appendix = draw(st.booleans())
    # A year the loader accepts: from the earliest catalog on (later years use the latest).
    meta = Meta(region=draw(text()), period=draw(text()), year=draw(st.integers(earliest().year, 2100)),
                title=draw(text()), issuer=draw(text()),
                date=draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31))),
                tables_in_appendix=appendix, settings=draw(settings))
    catalog = catalog_for(meta.year)
    assert catalog is not None
    indicator_tables = tuple(draw(indicator_table(spec)) for spec in catalog.tables)
    keys = draw(st.lists(st.sampled_from(["1", "2", "3", "10", "01", "A", "案例甲"]),
                         unique=True, max_size=3))
    cases = [Case(k, draw(text()), draw(st.none() | text()),
                  tuple(Paragraph(t) for t in draw(st.lists(text(), min_size=1, max_size=3))))
             for k in keys]
    free_keys = draw(st.lists(st.sampled_from(["表-甲", "表-毕业生情况", "表-A B", "表-=x"]),
                              unique=True, max_size=2))
    free = [draw(free_table(k)) for k in free_keys]
    # 指标表位置 附表 gathers the indicator tables: a 表格 row cannot place them in the text.
    # Other tables may go to the appendix by a 附表 row instead of standing in the text.
    tables: list[Any] = free + ([] if appendix else list(indicator_tables))
    in_appendix = [t for t in tables if draw(st.booleans())]
    blocks: list[Any] = cases + [t for t in tables if t not in in_appendix]
    blocks += [Paragraph(t) for t in draw(st.lists(text(), max_size=4))]
    blocks = draw(st.permutations(blocks))
    # Headings: a pre-order walk with random depth changes; blocks spread over the sections.
    outline = [1] + draw(st.lists(st.integers(1, 3), max_size=5))
    levels = [outline[0]]
    for level in outline[1:]:
        levels.append(min(level, levels[-1] + 1))
    cut = sorted(draw(st.lists(st.integers(0, len(blocks)), min_size=len(levels) - 1,
                               max_size=len(levels) - 1)))
    bounds = [0] + cut + [len(blocks)]
    flat = [(level, draw(text()), tuple(blocks[bounds[i]:bounds[i + 1]]))
            for i, level in enumerate(levels)]
    named = tuple(NamedFigure(Text(n), Figure(draw(figures.filter(lambda f: f.value is not None))
                                              .value), draw(st.sampled_from(["", "人", "%"])))
                  for n in draw(st.lists(st.sampled_from(["毕业生", "教职工人数", "A"]),
                                         unique=True, max_size=2)))
    return Report(meta, tuple(Paragraph(t) for t in draw(st.lists(text(), max_size=2))),
                  _tree(flat), indicator_tables, named, appendix=tuple(in_appendix),
                  catalog=catalog)


def _tree(flat: list[tuple[int, Text, tuple[Any, ...]]]) -> tuple[Section, ...]:
    """Sections from (level, title, body) in document order."""
    def build(i: int) -> tuple[Section, int]:
        level, title, body = flat[i]
        children = []
        j = i + 1
        while j < len(flat) and flat[j][0] > level:
            child, j = build(j)
            children.append(child)
        return Section(level, title, body, tuple(children)), j

    chapters = []
    i = 0
    while i < len(flat):
        chapter, i = build(i)
        chapters.append(chapter)
    return tuple(chapters)
