"""Every figure of a report by reference, so that rules name figures instead of walking tables.

A rule names a figure by a short reference:

- ``scorecard.graduates`` — an indicator of an official table (``table_id.indicator_id`` from
  the catalog); ``teaching_resources.planned_courses.学时`` picks one row of a two-unit one;
- ``表-毕业生服务三次产业情况!面向第二产业@{year}`` — a cell of a free table, by its sheet, the
  label in its first column and the header of its column (``{year}`` is the report's year);
- ``=毕业生升学率`` — a derived figure of the report's catalog (``[[derived]]`` in its file);
- ``satisfaction.staff@survey_count`` — the number in one of an indicator table's own columns
  (the catalog's column id) in that indicator's row;
- ``named.上年收入`` — a figure the workbook names in its 数据 sheet.

A reference may end in ``*`` to match several (``satisfaction.*``, ``*.*.%``).

Derived figures are catalog data (``[[derived]]``, :class:`~reportgen.catalog.DerivedSpec`): a
name the clerk can write in a placeholder (〔毕业生升学率〕), its inputs by reference, a scale
(100 for a percentage) and the decimals it prints with. A derived figure is exact when a rule
compares it (only the other figure's precision counts) and is rounded half up to its
``places`` when a placeholder prints it.

Every lookup is in the catalog the report was read against (``report.catalog``): a reference
the catalog lacks raises :class:`UnknownReference` — rule sets are validated when they load
(:mod:`reportgen.checks.ruleset`), so a misspelt id never silently finds nothing.

When two figures agree (:func:`compare`): a figure shown as ``16.29`` stands for anything in
[16.285, 16.295), so it agrees with another when they differ by at most half a unit of the last
digit shown. Between two shown figures the coarser precision counts (``16.4`` in the text
against ``16.29`` in a table: half of 0.1). A computed value has no precision of its own.
A difference of more than half a unit but at most one unit is a *near miss* (typically a share
rounded so that a column adds up to 100): a note (提示), not a contradiction. Whole counts
compared with whole counts are never rounded: any difference is a contradiction.
"""

from __future__ import annotations

import enum
import fnmatch
import functools
import re
from decimal import Decimal
from typing import Callable

from attrs import frozen

from reportgen.catalog import Catalog
from reportgen.model import FreeTable, IndicatorRow, IndicatorTable, Report, SourceRef
from reportgen.numbers import format_figure, unit_of_last_digit

FREE_REF_SEPARATOR = "!"
"""Between a free table's sheet name and the row label in a reference."""
COLUMN_SEPARATOR = "@"
"""Between a free table's row label and its column header in a reference."""
DERIVED_PREFIX = "="
"""Starts the reference of a derived figure."""
NAMED_PREFIX = "named."
"""Starts the reference of a figure the workbook names in its 数据 sheet (``named.上年收入``)."""


@frozen
class Quantity:
    """A figure a rule reads: its value, where it is and how it reads to the clerk."""

    value: Decimal
    """The number; when :attr:`exact` is False its exponent is the precision shown."""
    source: SourceRef | None
    """The cell it was read from (for a derived figure, the cell of its first input)."""
    label: str
    """Where it is, in the clerk's words (``人才培养质量计分卡“毕业生人数*”``)."""
    unit: str = ""
    """Its unit (人, %, ``:``); empty when unknown."""
    exact: bool = False
    """True for a computed value, which has no precision of its own: only the precision of
    the figure it is compared with counts."""
    row: IndicatorRow | None = None
    """The indicator row it comes from, when it does."""
    ref: str = ""
    """The reference that names it (``scorecard.graduates.人``), for an indicator row."""

    @property
    def shown(self) -> str:
        """The value as printed, with its unit (``1234人``, ``16.29:1``, ``38.07%``)."""
        text = format_figure(self.value, self.unit)
        return text if self.unit in ("", ":") else f"{text}{self.unit}"


def indicator_label(table_name: str, row: IndicatorRow) -> str:
    """``教学资源表“教学计划内课程总数*”（学时）`` — an indicator row in the clerk's words."""
    label = f"{table_name}“{row.spec.name}”"
    if len(row.spec.units) > 1:
        label += f"（{row.unit}）"
    return label


class UnknownReference(KeyError):
    """A reference names an indicator, a column or a derived figure that the report's catalog
    does not have: a fault of the rule or the code that wrote it (a rule set is validated
    when it loads, so that this never reaches a clerk)."""

    def __init__(self, ref: str, year: int):
        super().__init__(f"{ref} is not in the catalog of {year}")
        self.ref = ref
        """The reference."""


_REFERENCES: dict[int, tuple[Catalog, frozenset[str]]] = {}
"""A catalog's indicator references, by its ``id`` (the catalog kept beside it)."""
_UNSEEN = object()


@functools.lru_cache(maxsize=256)
def _pattern(pattern: str) -> Callable[[str], object]:
    """Whether a reference matches ``pattern`` (as :func:`fnmatch.fnmatchcase`)."""
    return re.compile(fnmatch.translate(pattern)).match
"""What :meth:`Figures.get` has not looked up yet."""


class Figures:
    """The figures of one report, looked up by reference in the report's catalog."""

    def __init__(self, report: Report):
        self.report = report
        self.year = report.meta.year
        self.catalog: Catalog = report.catalog
        """The catalog the report was read against: it says which references exist."""
        self.rows: dict[str, tuple[IndicatorTable, IndicatorRow]] = {}
        for table in report.indicator_tables:
            for row in table.rows:
                key = f"{table.spec.id}.{row.spec.id}"
                self.rows.setdefault(key, (table, row))
                self.rows[f"{key}.{row.unit}"] = (table, row)
        self.free: dict[str, FreeTable] = {}
        for block in (*report.tables, *report.appendix):
            if isinstance(block, FreeTable):
                self.free[block.key] = block
        self.named = {n.name.text: n for n in report.named}
        """The 数据 sheet's figures by name."""
        self._found: dict[str, Quantity | None] = {}
        """What :meth:`get` found, by reference: rules name the same figures again and again
        (a reference the catalog lacks is not kept, it raises every time)."""
        self._expanded: dict[str, tuple[Quantity, ...]] = {}
        """What :meth:`expand` found, by pattern."""
        self._canonical: list[tuple[str, str]] | None = None  # (table.id.unit, table.id)

    # -- looking up --

    def get(self, ref: str) -> Quantity | None:
        """The figure ``ref`` names; ``None`` when its cell is empty, or when the report lacks
        its table (a free table, or an indicator table of a report built in code).

        Raises :class:`UnknownReference` for an indicator, a column or a derived figure that
        the catalog does not have.
        """
        found = self._found.get(ref, _UNSEEN)
        if found is _UNSEEN:
            found = self._found[ref] = self._get(ref)
        return found  # type: ignore[return-value]

    def _get(self, ref: str) -> Quantity | None:
        ref = self._with_year(ref)
        if ref.startswith(DERIVED_PREFIX):
            return derive(self, ref[len(DERIVED_PREFIX):])
        if ref.startswith(NAMED_PREFIX):
            return self._named(ref[len(NAMED_PREFIX):])
        if FREE_REF_SEPARATOR in ref:
            return self._free_cell(ref)
        ref, _, column = ref.partition(COLUMN_SEPARATOR)
        if not self.knows(ref, column):
            raise UnknownReference(ref + (COLUMN_SEPARATOR + column if column else ""),
                                   self.catalog.year)
        found = self.rows.get(ref)
        if found is None:
            return None
        table, row = found
        canonical = f"{table.spec.id}.{row.spec.id}.{row.unit}"
        label = indicator_label(table.spec.name, row)
        if column:
            return self._row_column(table, row, column, label)
        if row.value.value is None:
            return None
        return Quantity(row.value.value, row.value.source, label, row.unit, row=row,
                        ref=canonical)

    def _row_column(self, table: IndicatorTable, row: IndicatorRow, column: str,
                    label: str) -> Quantity | None:
        """The number in one of the table's own columns of ``row`` (``…@survey_count``)."""
        spec = table.spec.column(column)
        figure = row.figure_in(column)
        if spec is None or figure is None or figure.value is None:
            return None
        return Quantity(figure.value, figure.source, f"{label}的{spec.sheet}", spec.unit, row=row)

    def knows(self, ref: str, column: str = "") -> bool:
        """True when the catalog has the indicator ``ref`` (and its own column ``column``)."""
        catalog = self.catalog
        known = _REFERENCES.get(id(catalog))
        if known is None or known[0] is not catalog:
            if len(_REFERENCES) >= 16:
                _REFERENCES.clear()
            known = _REFERENCES[id(catalog)] = (catalog, frozenset(catalog.references()))
        if ref not in known[1] and catalog.indicator(ref) is None:
            return False
        return not column or self.catalog.by_id(ref.partition(".")[0]).column(column) is not None

    def expand(self, pattern: str) -> list[Quantity]:
        """Every filled indicator row whose reference matches ``pattern`` (``*.*.%``)."""
        if "*" not in pattern:
            found = self.get(pattern)
            return [found] if found is not None else []
        if pattern not in self._expanded:
            self._expanded[pattern] = tuple(self._expand(pattern))
        return list(self._expanded[pattern])

    def _expand(self, pattern: str) -> list[Quantity]:
        if self._canonical is None:  # every row also has its canonical table.id.unit key
            self._canonical = [(key, key.rsplit(".", 1)[0]) for key in self.rows
                               if key.count(".") == 2]
        matches = _pattern(pattern)
        whole = pattern.count(".") == 2
        result = []
        for key, short in self._canonical:
            quantity = self.get(key) if matches(key if whole else short) else None
            if quantity is not None:
                result.append(quantity)
        return result

    def free_tables(self, pattern: str = "*") -> list[FreeTable]:
        """The free tables whose sheet names match ``pattern``."""
        return [t for key, t in self.free.items() if fnmatch.fnmatchcase(key, pattern)]

    def _free_cell(self, ref: str) -> Quantity | None:
        found = self.free_cell(ref)
        if found is None:
            return None
        grid, r, c = found
        return grid.quantity(r, c)

    def _named(self, name: str) -> Quantity | None:
        named = self.named.get(name)
        if named is None:
            raise UnknownReference(NAMED_PREFIX + name, self.catalog.year)
        if named.value.value is None:
            return None
        return Quantity(named.value.value, named.value.source, f"数据“{name}”", named.unit)

    def free_cell(self, ref: str) -> tuple[FreeGrid, int, int] | None:
        """The grid and the row and column of the free-table cell ``ref``
        (``表-X!行名@列名``); ``None`` when the table, the row or the column is missing."""
        sheet, label, _, column = self._free_parts(ref)
        table = self.free.get(sheet)
        if table is None:
            return None
        grid = FreeGrid(table)
        r, c = grid.row_of(label), grid.column_of(column)
        if r is None or c is None:
            return None
        return grid, r, c

    def free_cell_fault(self, ref: str) -> str | None:
        """What the free-table reference ``ref`` names that the report lacks, in the clerk's
        words (``表格“表-X”中没有第一列为“合计”的行``); ``None`` when the cell exists."""
        sheet, label, separator, column = self._free_parts(ref)
        table = self.free.get(sheet)
        if table is None:
            known = "、".join(self.free) or "无"
            return f"没有工作表“{sheet}”（现有的自制表格：{known}）"
        if not separator or not label or not column:
            return f"应写作〔{sheet}!行名@列名〕"
        grid = FreeGrid(table)
        if grid.row_of(label) is None:
            rows = "、".join(dict.fromkeys(
                grid.label(r) for r in range(grid.header_rows, len(grid.cells)) if grid.label(r)))
            return f"表格“{sheet}”中没有第一列为“{label}”的行（现有：{rows}）"
        if grid.column_of(column) is None:
            width = len(grid.cells[0]) if grid.cells else 0
            headers = "、".join(dict.fromkeys(h for c in range(width) if (h := grid.header(c))))
            return f"表格“{sheet}”中没有列名为“{column}”的列（现有：{headers}）"
        return None

    def _with_year(self, ref: str) -> str:
        """``ref`` with ``{year}`` and ``{last_year}`` written as the report's years."""
        return ref.replace("{year}", str(self.year)).replace("{last_year}", str(self.year - 1))

    def _free_parts(self, ref: str) -> tuple[str, str, str, str]:
        """The sheet, the row label, the ``@`` (empty when missing) and the column header of
        the free-table reference ``ref``, stripped, its years written in."""
        sheet, _, rest = self._with_year(ref).partition(FREE_REF_SEPARATOR)
        label, separator, column = rest.partition(COLUMN_SEPARATOR)
        return sheet.strip(), label.strip(), separator, column.strip()

    def cell_text(self, ref: str) -> str | None:
        """The free-table cell ``ref`` as the table shows it; ``None`` when it is missing."""
        found = self.free_cell(ref)
        if found is None:
            return None
        grid, r, c = found
        return grid.cells[r][c].text


class FreeGrid:
    """A free table read as rows labelled by their first cell and columns by their header."""

    def __init__(self, table: FreeTable):
        self.table = table
        self.cells = table.cells
        self.header_rows = max(table.header_rows, 1)

    def header(self, column: int) -> str:
        """The last non-empty header text above ``column``."""
        texts = [self.cells[r][column].text for r in range(min(self.header_rows, len(self.cells)))]
        texts = [t for t in texts if t.strip()]
        return texts[-1].strip() if texts else ""

    def label(self, row: int) -> str:
        """The text of the row's first cell."""
        return self.cells[row][0].text.strip() if self.cells[row] else ""

    def row_of(self, label: str) -> int | None:
        """The body row whose first cell reads ``label``."""
        for r in range(self.header_rows, len(self.cells)):
            if self.label(r) == label:
                return r
        return None

    def column_of(self, header: str) -> int | None:
        """The column whose header reads ``header``."""
        width = len(self.cells[0]) if self.cells else 0
        for c in range(width):
            if self.header(c) == header:
                return c
        return None

    def quantity(self, row: int, column: int, *, unit: str = "") -> Quantity | None:
        """The number in a cell, or ``None`` when it holds none."""
        cell = self.cells[row][column]
        if cell.number is None:
            return None
        label = f"{self.table.title}“{self.label(row)}”{self.header(column)}"
        return Quantity(cell.number, cell.source, label, unit)


# -- derived figures --


def derive(figures: Figures, name: str) -> Quantity | None:
    """The exact value of the derived figure ``name`` of the report's catalog; ``None`` when
    an input is missing or the denominator is zero. ``KeyError`` when the catalog has no
    such figure."""
    spec = figures.catalog.derived_figure(name)
    if spec is None:
        raise UnknownReference(f"{DERIVED_PREFIX}{name}", figures.catalog.year)
    top, bottom = figures.get(spec.numerator), figures.get(spec.denominator)
    if top is None or bottom is None or bottom.value == 0:
        return None
    value = top.value / bottom.value * spec.scale
    label = f"{name}（{top.label} {top.shown} ÷ {bottom.label} {bottom.shown}）"
    return Quantity(value, top.source, label, spec.unit, exact=True)


# -- when two figures agree --


EXACT_TOLERANCE = Decimal("1e-9")
"""How far two computed values may differ (rounding noise of the division only)."""


class Agreement(enum.Enum):
    """How well two figures agree."""

    AGREE = "agree"
    """Within half a unit of the coarser precision shown."""
    NEAR = "near"
    """Within one unit: a rounding slip."""
    DIFFER = "differ"
    """Further apart: they cannot both be right."""


def tolerance(*quantities: Quantity) -> Decimal:
    """Half a unit of the last digit of the coarsest shown figure among ``quantities``."""
    units = [unit_of_last_digit(q.value) for q in quantities if not q.exact]
    return max(units) / 2 if units else EXACT_TOLERANCE


def compare(a: Quantity, b: Quantity, *, scale: Decimal = Decimal(1)) -> Agreement:
    """Whether ``a`` and ``b`` state the same value; ``scale`` multiplies ``b`` first."""
    half = tolerance(a, b)
    difference = abs(a.value - b.value * scale)
    if difference <= half:
        return Agreement.AGREE
    rounded = a.exact or b.exact or half < Decimal("0.5")  # whole counts are never rounded
    if difference <= 2 * half and rounded:
        return Agreement.NEAR
    return Agreement.DIFFER


def compare_values(shown: Decimal, computed: Decimal) -> Agreement:
    """Whether the ``shown`` figure is ``computed`` at the precision shown."""
    return compare(Quantity(shown, None, ""), Quantity(computed, None, "", exact=True))
