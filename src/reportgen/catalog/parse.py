"""Reading a catalog file (``catalog/<year>.toml``) and validating it as it is read.

Everything a later step relies on is checked here, once, when the catalog loads: unknown
keys (a misspelt ``levle``), duplicate ids, and references to indicators that do not exist.
A catalog that fails raises :class:`CatalogError` naming the table, the row and the key.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from typing import Any

from reportgen.catalog.specs import Catalog, IndicatorSpec, TableSpec

_CATALOG_KEYS = {"year", "table"}
_TABLE_KEYS = {"id", "name", "survey", "row"}
_ROW_KEYS = {"id", "name", "level", "units", "part"}


class CatalogError(ValueError):
    """A catalog file is invalid: the message names the file's year, the table, the row and
    what is wrong. This is a fault of the package's data, never of a clerk's workbook."""

    code = "E-CATALOG-INVALID"
    """The stable identifier of this kind of error."""


def parse_catalog(text: str, *, year: int) -> Catalog:
    """Build and validate the catalog of ``year`` from the TOML text of its file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog {year}: not valid TOML: {exc}") from exc
    where = f"catalog {year}"
    _only_keys(data, _CATALOG_KEYS, where)
    if data.get("year", year) != year:
        raise CatalogError(f"{where}: the file says year = {data['year']}")
    tables = tuple(_table(t, where) for t in _list(data, "table", where))
    _unique([t.id for t in tables], f"{where}: duplicate table id")
    _unique([t.name for t in tables], f"{where}: duplicate table name")
    return Catalog(year=year, tables=tables)


def _table(data: dict[str, Any], where: str) -> TableSpec:
    where = f"{where}, table {data.get('id', '?')}"
    _only_keys(data, _TABLE_KEYS, where)
    indicators = tuple(_row(r, where) for r in _list(data, "row", where))
    _unique([i.id for i in indicators], f"{where}: duplicate indicator id")
    return TableSpec(id=_str(data, "id", where), name=_str(data, "name", where),
                     survey=bool(data.get("survey", False)), indicators=indicators)


def _row(data: dict[str, Any], where: str) -> IndicatorSpec:
    where = f"{where}, row {data.get('id', '?')}"
    _only_keys(data, _ROW_KEYS, where)
    units = data.get("units")
    if not isinstance(units, list) or not units or not all(isinstance(u, str) for u in units):
        raise CatalogError(f"{where}: units must be a list of one or two strings")
    level = data.get("level", 1)
    if level not in (1, 2, 3):
        raise CatalogError(f"{where}: level must be 1, 2 or 3, not {level!r}")
    return IndicatorSpec(id=_str(data, "id", where), name=_str(data, "name", where),
                         level=level, units=tuple(units), part=bool(data.get("part", True)))


# -- small checks --

def _only_keys(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown key(s) {', '.join(unknown)} "
                           f"(allowed: {', '.join(sorted(allowed))})")


def _list(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise CatalogError(f"{where}: needs at least one [[{key}]]")
    return value


def _str(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise CatalogError(f"{where}: {key} must be a non-empty string")
    return value


def _unique(values: list[str], message: str) -> None:
    repeated = sorted(v for v, n in Counter(values).items() if n > 1)
    if repeated:
        raise CatalogError(f"{message}: {', '.join(repeated)}")
