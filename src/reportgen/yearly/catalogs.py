"""The catalog of official indicator tables that applies to a report year."""

from __future__ import annotations

from reportgen.catalog import Catalog, official


def catalog_for(year: int) -> Catalog:
    """The indicator tables of ``year``."""
    del year  # one catalog for now; the per-year catalogs replace this
    return official()


__all__ = ["catalog_for"]
