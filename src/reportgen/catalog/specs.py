"""The catalog's classes: a catalog of one year, its tables and their indicators."""

from __future__ import annotations

from attrs import frozen

SUB_ROW_PREFIX = "其中："
"""Printed before the first sub-row of a group ("其中：升学人数")."""
STANDARD_COLUMNS = ("序号", "指标", "单位", "数值", "备注")
"""The columns of an indicator sheet in the workbook."""
SURVEY_COLUMNS = ("序号", "指标", "单位", "数值", "调查人次", "调查方式", "备注")
"""The columns of the 满意度调查表 sheet, which adds who was asked and how."""


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


@frozen
class TableSpec:
    """One official indicator table."""

    id: str
    """A short ASCII identifier (``scorecard``)."""
    name: str
    """The table's name, which is also its sheet's name in the workbook (人才培养质量计分卡)."""
    survey: bool
    """True for the 满意度调查表, which has the columns 调查人次 and 调查方式."""
    indicators: tuple[IndicatorSpec, ...]
    """The indicators in printed order."""

    @property
    def columns(self) -> tuple[str, ...]:
        """The sheet's column headers."""
        return SURVEY_COLUMNS if self.survey else STANDARD_COLUMNS

    def row_units(self) -> list[tuple[IndicatorSpec, str]]:
        """Every printed row as (indicator, unit): two-unit indicators give two rows."""
        return [(spec, unit) for spec in self.indicators for unit in spec.units]

    def indicator(self, indicator_id: str) -> IndicatorSpec | None:
        """The indicator with this identifier, if any."""
        return next((i for i in self.indicators if i.id == indicator_id), None)


@frozen
class Catalog:
    """All official tables of one report year, in the order the notice lists them."""

    year: int
    """The report year this catalog was made for (its file is ``catalog/<year>.toml``); it
    also serves later years that have no catalog of their own."""
    tables: tuple[TableSpec, ...]
    """The six tables."""

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
        """The indicator ``table_id.indicator_id`` (``scorecard.graduates``), if any."""
        table_id, _, indicator_id = ref.partition(".")
        table = next((t for t in self.tables if t.id == table_id), None)
        return table.indicator(indicator_id) if table is not None else None
