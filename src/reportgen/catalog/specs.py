"""The catalog's classes: a catalog of one year, its tables, their columns and indicators."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import field, frozen

from reportgen.catalog.aggregation import UNSPECIFIED, Aggregation

SUB_ROW_PREFIX = "其中："
"""Printed before the first sub-row of a group ("其中：升学人数")."""
YEAR_FIELD = "{year}"
"""In a printed column header, stands for the report's year (``{year}年`` → ``2024年``)."""


class ColumnKind(enum.Enum):
    """What a column of an indicator table holds; the value is the word in the catalog file."""

    NUMBER = "number"
    """序号: printed on top-level rows, empty in the sheet's sub-rows."""
    NAME = "name"
    """指标: the indicator's name."""
    UNIT = "unit"
    """单位: the row's unit."""
    VALUE = "value"
    """The year's figure (数值 in the sheet, headed by the year when printed)."""
    NOTE = "note"
    """备注: free text."""
    FIGURE = "figure"
    """A table's own number per row (调查人次 of the 满意度调查表)."""
    TEXT = "text"
    """A table's own text per row (调查方式)."""


FIXED_KINDS = (ColumnKind.NUMBER, ColumnKind.NAME, ColumnKind.UNIT, ColumnKind.VALUE,
               ColumnKind.NOTE)
"""The columns every indicator table has, exactly once each; their id is their kind's word."""


@frozen
class ColumnSpec:
    """One column of an indicator table: in the workbook's sheet and on the printed page."""

    id: str
    """``number``, ``name``, ``unit``, ``value``, ``note``, or the table's own id for an
    extra column (``survey_count``)."""
    kind: ColumnKind
    """What it holds."""
    sheet: str
    """Its header in the workbook's sheet, which the loader looks for (数值, 调查人次)."""
    printed: str
    """Its header in the report; ``{year}`` stands for the report's year (``{year}年``)."""
    width: Decimal
    """Its width relative to the table's other columns (the printed widths are these,
    scaled to the text block)."""
    unit: str = ""
    """For an extra figure column: the unit of its numbers (人次)."""

    @property
    def extra(self) -> bool:
        """True for a table's own column (a figure or a text beyond the fixed five)."""
        return self.kind in (ColumnKind.FIGURE, ColumnKind.TEXT)

    def printed_header(self, year: int) -> str:
        """The printed header for a report of ``year``."""
        return self.printed.replace(YEAR_FIELD, str(year))


@frozen
class IndicatorSpec:
    """One indicator of an official table."""

    id: str
    """A short ASCII identifier, unique within its table (``graduates``)."""
    name: str
    """The name exactly as printed, with its '*' mark (``毕业生人数*``), without the
    "其中：" prefix or indentation, which the renderer adds from :attr:`level`."""
    level: int
    """1 for a numbered row, 2 for a sub-row ("其中"), 3 for a sub-row of a sub-row."""
    units: tuple[str, ...]
    """One unit, or two for an indicator printed on two rows (门 and 学时)."""
    part: bool = True
    """For a sub-row: True when it is a part of its group's total ("其中" — of which), False
    for a companion figure printed under the same 序号 (专业数量* under 专业群数量*)."""
    aggregation: Aggregation = field(default=UNSPECIFIED)
    """How schools' figures of this indicator make the district's (see
    :mod:`reportgen.catalog.aggregation`)."""


@frozen
class TableSpec:
    """One official indicator table."""

    id: str
    """A short ASCII identifier (``scorecard``)."""
    name: str
    """The table's name, which is also its sheet's name in the workbook (人才培养质量计分卡)."""
    columns: tuple[ColumnSpec, ...]
    """Its columns, in the order they are printed (the sheet finds them by header)."""
    indicators: tuple[IndicatorSpec, ...]
    """The indicators in printed order."""

    @property
    def headers(self) -> tuple[str, ...]:
        """The sheet's column headers, in order."""
        return tuple(c.sheet for c in self.columns)

    @property
    def extra_columns(self) -> tuple[ColumnSpec, ...]:
        """The table's own columns beyond the fixed five (调查人次, 调查方式)."""
        return tuple(c for c in self.columns if c.extra)

    def column(self, column_id: str) -> ColumnSpec | None:
        """The column with this id, if any."""
        return next((c for c in self.columns if c.id == column_id), None)

    def fixed(self, kind: ColumnKind) -> ColumnSpec:
        """The table's column of a fixed kind (every table has each exactly once)."""
        return next(c for c in self.columns if c.kind is kind)

    def row_units(self) -> list[tuple[IndicatorSpec, str]]:
        """Every printed row as (indicator, unit): two-unit indicators give two rows."""
        return [(spec, unit) for spec in self.indicators for unit in spec.units]

    def indicator(self, indicator_id: str) -> IndicatorSpec | None:
        """The indicator with this identifier, if any."""
        return next((i for i in self.indicators if i.id == indicator_id), None)


@frozen
class DerivedSpec:
    """A figure computed from two indicators as ``numerator / denominator × scale``: a name
    the clerk can write in a placeholder (〔毕业生升学率〕) and the checks can read
    (``=毕业生升学率``)."""

    name: str
    """Its name in placeholders and messages (毕业生升学率)."""
    numerator: str
    """The reference of the indicator divided (``scorecard.further_study``)."""
    denominator: str
    """The reference of the indicator it is divided by."""
    scale: Decimal = Decimal(100)
    """What the quotient is multiplied by: 100 for a percentage, 1 for a ratio."""
    unit: str = "%"
    """The unit it prints with (``%``, or ``:`` for a ratio printed N:1)."""
    places: int = 2
    """The decimals a placeholder prints it with (rounded half up)."""


@frozen
class Catalog:
    """All official tables of one report year, in the order the notice lists them."""

    year: int
    """The report year this catalog was made for (its file is ``catalog/<year>.toml``); it
    also serves later years that have no catalog of their own."""
    tables: tuple[TableSpec, ...]
    """The six tables."""
    derived: tuple[DerivedSpec, ...] = ()
    """The figures computed from the tables' indicators, by name."""

    def derived_figure(self, name: str) -> DerivedSpec | None:
        """The derived figure called ``name``, if any."""
        return next((d for d in self.derived if d.name == name), None)

    def by_name(self, name: str) -> TableSpec | None:
        """The table whose name (and sheet name) is ``name``, if any."""
        return next((t for t in self.tables if t.name == name), None)

    def by_id(self, table_id: str) -> TableSpec:
        """The table with this identifier; ``KeyError`` if there is none."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def indicator(self, ref: str) -> IndicatorSpec | None:
        """The indicator a reference names (``scorecard.graduates``, or with a unit,
        ``teaching_resources.planned_courses.学时``), if any: a unit it does not have names
        nothing."""
        table_id, _, rest = ref.partition(".")
        indicator_id, _, unit = rest.partition(".")
        table = next((t for t in self.tables if t.id == table_id), None)
        found = table.indicator(indicator_id) if table is not None else None
        if found is None or (unit and unit not in found.units):
            return None
        return found

    def references(self) -> list[str]:
        """Every indicator reference: ``table.indicator`` and ``table.indicator.unit``."""
        refs = []
        for table in self.tables:
            for indicator in table.indicators:
                refs.append(f"{table.id}.{indicator.id}")
                refs.extend(f"{table.id}.{indicator.id}.{unit}" for unit in indicator.units)
        return refs
