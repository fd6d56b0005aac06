"""Totals and subtotals of the clerk's own tables, each reported at the cell found wrong.

The consistent workbook's 表-专业设置一览 has 小计 rows (one per 专业大类), a 小计 column (both
grades) and a 合计 row. A wrong 小计 is reported at the 小计, not at 合计 nor at the crossing
cells that only inherit it; a wrong plain figure is reported where it is added up.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from check_workbooks import SUBTOTALS_SHEET, build_consistent
from reportgen.checks.grids import _groups, column_kind, row_kind
from reportgen.figures import FreeGrid
from reportgen.model import FreeCell, FreeTable
from reportgen.pipeline import check_workbook


def cells_found(tmp_path, changes: dict[str, object]) -> list[tuple[str | None, str, str | None]]:
    def tweak(wb):
        for coordinate, value in changes.items():
            wb[SUBTOTALS_SHEET][coordinate] = value
    return [(p.rule, p.where.cell if p.where else "", p.expected)
            for p in check_workbook(build_consistent(tmp_path, tweak))]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"C4": 91}, [("free_tables.subtotal", "C4", "40 + 50 = 90")]),  # a 小计 row
    ({"C4": 91, "C7": 151}, [("free_tables.subtotal", "C4", "40 + 50 = 90")]),  # 合计 follows it
    ({"E2": 76}, [("free_tables.subtotal", "E2", "40 + 35 = 75")]),  # a 小计 column
    ({"E6": 116}, [("free_tables.subtotal", "E6", "60 + 55 = 115")]),  # where the two cross
    ({"C7": 151}, [("free_tables.total", "C7", "40 + 50 + 60 = 150")]),  # 合计 alone
])
def test_a_wrong_subtotal_is_reported_where_it_stands(tmp_path, changes, expected):
    """One finding, at the cell that does not add up, with the cells it should add up from."""
    assert cells_found(tmp_path, changes) == expected


def test_a_wrong_plain_figure_shows_where_it_is_added_up(tmp_path):
    """数控 一年级 41 instead of 40: the 小计 of its rows, of its columns and of both no longer add
    up with it — each is reported once, at its own cell; 合计 still adds up the 小计 rows, so
    it is not blamed."""
    found = cells_found(tmp_path, {"C2": 41})
    assert sorted(cell for _, cell, _ in found) == ["C4", "E2", "E4"]


def test_consistent_subtotals_find_nothing(tmp_path):
    """The consistent table: no finding."""
    assert cells_found(tmp_path, {}) == []


def grid(*rows: tuple[object, ...], header_rows: int = 1) -> FreeGrid:
    cells = tuple(tuple(FreeCell("" if v is None else str(v),
                                 Decimal(v) if isinstance(v, int) else None)
                        for v in row) for row in rows)
    return FreeGrid(FreeTable("表-测试", "测试", cells, header_rows=header_rows))


def test_rows_and_columns_say_what_they_are():
    """A row is 合计 or 小计 by a cell before its first number (装备制造类小计 too); a column by its
    header; spaces inside do not matter."""
    g = grid(("类别", "人数", "小 计", "合计"), ("装备制造类小计", 3, 3, 3), ("合 计", 3, 3, 3),
             ("数控", 3, 3, 3))
    assert [row_kind(g, r) for r in range(1, 4)] == ["subtotal", "total", None]
    assert [column_kind(g, c) for c in range(1, 4)] == [None, "subtotal", "total"]


def test_groups_trail_or_lead():
    """小计 after its rows (the usual layout), or — when the table starts with one — before them;
    a 合计 adds every plain row before it."""
    assert _groups([None, None, "subtotal", None, "subtotal", "total"]) == {
        2: [0, 1], 4: [3], 5: [0, 1, 3]}
    assert _groups(["subtotal", None, None, "subtotal", None, "total"]) == {
        0: [1, 2], 3: [4], 5: [1, 2, 4]}


def _report_with_table(rows: list[list[object]]):
    import datetime

    from reportgen.model import Meta, Report, Section, SourceRef, Text

    cells = tuple(tuple(FreeCell("" if v is None else str(v),
                                 Decimal(v) if isinstance(v, int) else None,
                                 SourceRef("t.xlsx", "表-测试", f"{chr(65 + c)}{r + 1}"))
                        for c, v in enumerate(row)) for r, row in enumerate(rows))
    table = FreeTable("表-测试", "测试", cells, header_rows=1)
    meta = Meta(Text("测试区"), Text("2023-2024学年度"), 2024, Text("标题"), Text("发布"),
                datetime.date(2024, 12, 30))
    return Report(meta, (), (Section(1, Text("概况"), (table,)),))


def _table(groups: list[list[tuple[int, int]]]) -> list[list[object]]:
    """Header, then each group's rows and its 小计 row, then 合计; a 小计 column."""
    rows: list[list[object]] = [["项目", "男", "女", "小计"]]
    for group in groups:
        rows += [["专业", m, f, m + f] for m, f in group]
        rows.append(["小计", sum(m for m, _ in group), sum(f for _, f in group),
                     sum(m + f for m, f in group)])
    everything = [pair for group in groups for pair in group]
    rows.append(["合计", sum(m for m, _ in everything), sum(f for _, f in everything),
                 sum(m + f for m, f in everything)])
    return rows


_GROUPS = st.lists(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1,
                            max_size=4), min_size=1, max_size=3)


def _findings(rows: list[list[object]]) -> list[tuple[str, str]]:
    from reportgen.checks import check_report

    return [(p.rule or "", p.where.cell if p.where else "")
            for p in check_report(_report_with_table(rows))]


@settings(max_examples=40)
@given(_GROUPS)
def test_a_table_whose_totals_add_up_has_no_finding(groups):
    """Any table whose 小计 and 合计 are the sums they stand for: nothing is reported."""
    assert _findings(_table(groups)) == []


@settings(max_examples=40)
@given(_GROUPS, st.data())
def test_one_wrong_subtotal_is_reported_once_at_its_cell(groups, data):
    """Change any one 小计 (row or column, or where both cross) by a non-zero amount: exactly
    one finding, at that cell."""
    rows = _table(groups)
    aggregates = [(r, c) for r in range(1, len(rows) - 1) for c in (1, 2, 3)
                  if rows[r][0] == "小计" or c == 3]
    r, c = data.draw(st.sampled_from(aggregates))
    delta = data.draw(st.integers(1, 50))
    rows[r][c] = int(str(rows[r][c])) + delta
    assert _findings(rows) == [("free_tables.subtotal", f"{chr(65 + c)}{r + 1}")]
