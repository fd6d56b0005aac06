"""The official indicator tables (指标表), one reviewable data file per report year.

The national notice asks every report for six tables whose rows are fixed; the catalog of a
year (``catalog/2024.toml``) holds each row exactly as that year's report prints it. The
workbook supplies values and notes only: a sheet whose indicator rows differ from the
catalog is refused.

A report is read against the catalog of its 报告年份, or, when that year has no catalog of
its own, against the latest earlier one (:func:`catalog_for`). There is no "current"
catalog: whoever needs one takes the catalog chosen for the report (``Report.catalog``).
How to add a year: docs/catalog.md.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Iterable

from reportgen.catalog.aggregation import AggregateKind, Aggregation
from reportgen.catalog.parse import CatalogError, parse_catalog
from reportgen.catalog.specs import (
    SUB_ROW_PREFIX,
    Catalog,
    ColumnKind,
    ColumnSpec,
    DerivedSpec,
    IndicatorSpec,
    TableSpec,
)

_FILE_NAME = re.compile(r"(\d{4})\.toml")


@functools.cache
def years() -> tuple[int, ...]:
    """The years that have a catalog file of their own, in increasing order."""
    found = []
    for entry in resources.files(__package__).iterdir():
        match = _FILE_NAME.fullmatch(entry.name)
        if match:
            found.append(int(match.group(1)))
    return tuple(sorted(found))


@functools.cache
def load_catalog(year: int) -> Catalog:
    """The catalog of exactly ``year``; ``KeyError`` when that year has no file of its own.

    Each file is parsed and validated once per process (:class:`CatalogError` if invalid).
    """
    if year not in years():
        raise KeyError(year)
    text = resources.files(__package__).joinpath(f"{year}.toml").read_text(encoding="utf-8")
    return parse_catalog(text, year=year)


def serving_year(available: Iterable[int], year: int) -> int | None:
    """Of the ``available`` catalog years, the one serving a report of ``year``: ``year``
    itself, else the latest earlier one; ``None`` when all are later."""
    return max((y for y in available if y <= year), default=None)


def catalog_for(year: int) -> Catalog | None:
    """The catalog that serves a report of ``year``: its own, else the latest earlier one;
    ``None`` when ``year`` is before the earliest catalog."""
    chosen = serving_year(years(), year)
    return load_catalog(chosen) if chosen is not None else None


def earliest() -> Catalog:
    """The earliest catalog (what a report of an unknown or too early year is read with, so
    that its other problems are still found)."""
    return load_catalog(years()[0])


def latest() -> Catalog:
    """The latest catalog."""
    return load_catalog(years()[-1])


__all__ = [
    "SUB_ROW_PREFIX",
    "AggregateKind",
    "Aggregation",
    "Catalog",
    "CatalogError",
    "ColumnKind",
    "ColumnSpec",
    "DerivedSpec",
    "IndicatorSpec",
    "TableSpec",
    "catalog_for",
    "earliest",
    "latest",
    "load_catalog",
    "parse_catalog",
    "serving_year",
    "years",
]
