"""Which catalog a workbook is read against: the one of its 报告年份, or an explicit one.

A year without a catalog of its own is read with the latest earlier catalog, and the clerk
is told so (a note at the 报告年份 cell); a year before the earliest catalog is an error at
that cell. A catalog asked for explicitly (``reportgen.load(..., catalog_year=2024)``) must
exist.
"""

from __future__ import annotations

from reportgen.catalog import Catalog, catalog_for, earliest, latest, load_catalog, years
from reportgen.errors import Problems, UsageError
from reportgen.model import SourceRef

YEAR_KEY = "报告年份"


def explicit_catalog(year: int) -> Catalog:
    """The catalog of exactly ``year``; a usage error naming the years there are if none."""
    try:
        return load_catalog(year)
    except KeyError:
        raise UsageError("U-CATALOG-YEAR", year=year,
                         years="、".join(f"{y} 年" for y in years())) from None


def catalog_of_year(year: int | None, where: SourceRef | None, problems: Problems) -> Catalog:
    """The catalog that serves a workbook whose 报告年份 is ``year`` (read at ``where``).

    When the year could not be read (its problem is already recorded) the latest catalog is
    used, and when it is too early the earliest, so that the rest of the workbook is still
    checked and every problem reported in one run.
    """
    if year is None:
        return latest()
    chosen = catalog_for(year)
    if chosen is None:
        first = earliest()
        problems.add("E-CATALOG-YEAR-TOO-EARLY", where, found=year, earliest=first.year)
        return first
    if chosen.year != year:
        problems.add("I-CATALOG-EARLIER-YEAR", where, year=year, used=chosen.year)
    return chosen
