"""Which catalog a workbook is read against: the one of its 报告年份, or an explicit one.

A year without a catalog of its own is read with the latest earlier catalog, and the clerk
is told so (a note at the 报告年份 cell); a year before the earliest catalog is an error at
that cell. A catalog asked for explicitly (``reportgen.load(..., catalog_year=2024)``) must
exist.
"""

from __future__ import annotations

from reportgen.catalog import Catalog, catalog_for, earliest, latest, load_catalog, years
from reportgen.errors import Problems, Severity, UsageError
from reportgen.model import SourceRef

YEAR_KEY = "报告年份"


def explicit_catalog(year: int) -> Catalog:
    """The catalog of exactly ``year``; a usage error naming the years there are if none."""
    try:
        return load_catalog(year)
    except KeyError:
        raise UsageError(
            f"没有 {year} 年的指标目录。现有的指标目录：{'、'.join(f'{y} 年' for y in years())}",
            code="U-CATALOG-YEAR",
        ) from None


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
        problems.add(f"{YEAR_KEY}早于最早的指标目录（{first.year} 年）", where, found=year,
                     hint=f"请核对{YEAR_KEY}；本程序的官方指标表从 {first.year} 年起",
                     code="E-CATALOG-YEAR-TOO-EARLY")
        return first
    if chosen.year != year:
        problems.add(f"没有 {year} 年的指标目录，按 {chosen.year} 年的指标目录读取指标表", where,
                     hint=f"若 {year} 年的官方指标表有变化，需要更新本程序",
                     severity=Severity.INFO, code="I-CATALOG-EARLIER-YEAR")
    return chosen
