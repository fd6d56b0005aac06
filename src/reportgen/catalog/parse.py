"""Reading a catalog file (``catalog/<year>.toml``) and validating it as it is read.

Everything a later step relies on is checked here, once, when the catalog loads: unknown
keys (a misspelt ``levle``), duplicate ids, the columns every table needs, each indicator's
aggregation meaning, and every reference to an indicator (a rate's numerator, a weight). A
catalog that fails raises :class:`CatalogError` naming the table, the row and the key.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from decimal import Decimal
from typing import Any

from reportgen.catalog.aggregation import Aggregation
from reportgen.catalog.specs import (
    FIXED_KINDS,
    Catalog,
    ColumnKind,
    ColumnSpec,
    DerivedSpec,
    IndicatorSpec,
    TableSpec,
)

_CATALOG_KEYS = {"year", "table", "derived"}
_DERIVED_KEYS = {"name", "numerator", "denominator", "scale", "unit", "places"}
_TABLE_KEYS = {"id", "name", "columns", "row"}
_COLUMN_KEYS = {"id", "kind", "sheet", "printed", "width", "unit"}
_AGGREGATION_KEYS = {"numerator", "denominator", "weight", "weight_column", "scale", "reason"}
_ROW_KEYS = {"id", "name", "level", "units", "part", "aggregate", *_AGGREGATION_KEYS}


class CatalogError(ValueError):
    """A catalog file is invalid: the message names the file's year, the table, the row and
    what is wrong. This is a fault of the package's data, never of a clerk's workbook."""


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
    derived = tuple(_derived(d, where) for d in data.get("derived", []))
    _unique([d.name for d in derived], f"{where}: duplicate derived figure")
    catalog = Catalog(year=year, tables=tables, derived=derived)
    for table in tables:
        for indicator in table.indicators:
            _check_references(catalog, table, indicator, f"{where}, table {table.id}")
    for figure in derived:
        unknown = [r for r in (figure.numerator, figure.denominator)
                   if catalog.indicator(r) is None]
        if unknown:
            raise CatalogError(f"{where}, derived {figure.name}: unknown indicator(s) "
                               f"{', '.join(unknown)} (write table_id.indicator_id[.unit])")
    return catalog


def _derived(data: dict[str, Any], where: str) -> DerivedSpec:
    where = f"{where}, derived {data.get('name', '?')}"
    _only_keys(data, _DERIVED_KEYS, where)
    scale, places = data.get("scale", 100), data.get("places", 2)
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or scale <= 0:
        raise CatalogError(f"{where}: scale must be a positive number, not {scale!r}")
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 6:
        raise CatalogError(f"{where}: places must be a whole number from 0 to 6, not {places!r}")
    unit = data.get("unit", "%")
    if not isinstance(unit, str):
        raise CatalogError(f"{where}: unit must be a string")
    return DerivedSpec(name=_str(data, "name", where), numerator=_str(data, "numerator", where),
                       denominator=_str(data, "denominator", where),
                       scale=Decimal(str(scale)), unit=unit, places=places)


def _table(data: dict[str, Any], where: str) -> TableSpec:
    where = f"{where}, table {data.get('id', '?')}"
    _only_keys(data, _TABLE_KEYS, where)
    columns = tuple(_column(c, where) for c in _list(data, "columns", where))
    _unique([c.id for c in columns], f"{where}: duplicate column id")
    _unique([c.sheet for c in columns], f"{where}: duplicate column header")
    kinds = Counter(c.kind for c in columns)
    wrong = [k.value for k in FIXED_KINDS if kinds[k] != 1]
    if wrong:
        raise CatalogError(f"{where}: needs exactly one column of each of: {', '.join(wrong)}")
    indicators = tuple(_row(r, where) for r in _list(data, "row", where))
    _unique([i.id for i in indicators], f"{where}: duplicate indicator id")
    return TableSpec(id=_str(data, "id", where), name=_str(data, "name", where),
                     columns=columns, indicators=indicators)


def _column(data: dict[str, Any], where: str) -> ColumnSpec:
    column_id = _str(data, "id", where)
    where = f"{where}, column {column_id}"
    _only_keys(data, _COLUMN_KEYS, where)
    fixed = {k.value for k in FIXED_KINDS}
    word = data.get("kind", column_id if column_id in fixed else None)
    try:
        kind = ColumnKind(word)
    except ValueError:
        raise CatalogError(f"{where}: kind must be one of figure, text (or the id is one of "
                           f"{', '.join(sorted(fixed))}), not {word!r}") from None
    if kind in FIXED_KINDS and kind.value != column_id:
        raise CatalogError(f"{where}: a {kind.value} column has the id {kind.value}")
    width = data.get("width")
    if isinstance(width, bool) or not isinstance(width, (int, float)) or width <= 0:
        raise CatalogError(f"{where}: width must be a positive number, not {width!r}")
    unit = data.get("unit", "")
    if unit and kind is not ColumnKind.FIGURE:
        raise CatalogError(f"{where}: only a figure column has a unit")
    return ColumnSpec(id=column_id, kind=kind, sheet=_str(data, "sheet", where),
                      printed=_str(data, "printed", where), width=Decimal(str(width)),
                      unit=str(unit))


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
                         level=level, units=tuple(units), part=bool(data.get("part", True)),
                         aggregation=_aggregation(data, where))


def _aggregation(data: dict[str, Any], where: str) -> Aggregation:
    kind = _str(data, "aggregate", where)
    words = {key: data[key] for key in _AGGREGATION_KEYS if key in data}
    scale = words.pop("scale", None)
    if scale is not None and (isinstance(scale, bool) or not isinstance(scale, (int, float))):
        raise CatalogError(f"{where}: scale must be a number, not {scale!r}")
    if not all(isinstance(v, str) for v in words.values()):
        raise CatalogError(f"{where}: {', '.join(sorted(words))} must be strings")
    try:
        return Aggregation.from_data(kind, scale=None if scale is None else Decimal(str(scale)),
                                     **words)
    except ValueError as exc:
        raise CatalogError(f"{where}: aggregate: {exc}") from None


def _check_references(catalog: Catalog, table: TableSpec, indicator: IndicatorSpec,
                      where: str) -> None:
    """Every indicator an aggregation meaning reads exists; a weight column is a figure
    column of the same table."""
    where = f"{where}, row {indicator.id}"
    meaning = indicator.aggregation
    unknown = [ref for ref in meaning.references() if catalog.indicator(ref) is None]
    if unknown:
        raise CatalogError(f"{where}: aggregate refers to unknown indicator(s) "
                           f"{', '.join(unknown)} (write table_id.indicator_id[.unit])")
    own = f"{table.id}.{indicator.id}"
    if any(ref == own or ref.startswith(own + ".") for ref in meaning.references()):
        raise CatalogError(f"{where}: aggregate refers to the indicator itself")
    if meaning.weight_column is not None:
        column = table.column(meaning.weight_column)
        if column is None or column.kind is not ColumnKind.FIGURE:
            figures = [c.id for c in table.columns if c.kind is ColumnKind.FIGURE]
            raise CatalogError(f"{where}: weight_column {meaning.weight_column} is not a figure "
                               f"column of the table (figure columns: "
                               f"{', '.join(figures) or 'none'})")


# -- small checks --

def _only_keys(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown key(s) {', '.join(unknown)} "
                           f"(allowed: {', '.join(sorted(allowed))})")


def _list(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
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
