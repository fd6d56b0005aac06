"""The catalog of official indicator tables that serves a report year, for ``init`` and
``merge`` (which have no workbook of that year to read it from)."""

from __future__ import annotations

from reportgen import catalog as catalogs
from reportgen.catalog import Catalog
from reportgen.errors import UsageError


def serving(year: int) -> Catalog:
    """The catalog of ``year``, else of the latest earlier year; a usage error when ``year``
    is before the earliest catalog."""
    chosen = catalogs.catalog_for(year)
    if chosen is None:
        raise UsageError("U-YEARLY-YEAR-TOO-EARLY", year=year, earliest=catalogs.earliest().year)
    return chosen


__all__ = ["serving"]
