"""The official indicator tables (指标表), read once from the reviewable ``tables.toml``.

The national notice asks every report for six tables whose rows are fixed; the catalog holds
each row exactly as the published 2024 report prints it. The workbook supplies values and
notes only: a sheet whose indicator rows differ from the catalog is refused.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from attrs import frozen

STANDARD_COLUMNS = ("序号", "指标", "单位", "数值", "备注")
"""The columns of an indicator sheet in the workbook."""
SURVEY_COLUMNS = ("序号", "指标", "单位", "数值", "调查人次", "调查方式", "备注")
"""The columns of the 满意度调查表 sheet, which adds who was asked and how."""
SUB_ROW_PREFIX = "其中："
"""Printed before the first sub-row of a group ("其中：升学人数")."""


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


@frozen
class Catalog:
    """All official tables, in the order the notice lists them."""

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


def parse_catalog(text: str) -> Catalog:
    """Build a catalog from the TOML text of ``tables.toml``."""
    data = tomllib.loads(text)
    tables = []
    for t in data["table"]:
        indicators = tuple(
            IndicatorSpec(
                id=r["id"],
                name=r["name"],
                level=int(r.get("level", 1)),
                units=tuple(r["units"]),
                part=bool(r.get("part", True)),
            )
            for r in t["row"]
        )
        ids = [i.id for i in indicators]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate indicator id in catalog table {t['id']}")
        tables.append(
            TableSpec(id=t["id"], name=t["name"], survey=bool(t.get("survey", False)),
                      indicators=indicators)
        )
    return Catalog(tables=tuple(tables))


@functools.cache
def official() -> Catalog:
    """The catalog shipped with the package."""
    text = resources.files(__package__).joinpath("tables.toml").read_text(encoding="utf-8")
    return parse_catalog(text)
