"""Workbook → model. The only package that imports openpyxl."""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.errors import DataError, Problems
from reportgen.model import Report


def load(path: str | os.PathLike[str], *, problems: Problems | None = None,
         catalog_year: int | None = None) -> Report:
    """Read the workbook at ``path`` into a :class:`~reportgen.model.Report`.

    The indicator tables are read against the catalog of the workbook's 报告年份 (or of the
    latest earlier year that has one, with a note saying so), or against the catalog of
    ``catalog_year`` when it is given (:class:`~reportgen.errors.UsageError` if there is
    none); ``report.catalog`` is the one used.

    Raises :class:`~reportgen.errors.DataError` carrying every problem found when any of them
    is an error; warnings are left in ``problems`` when the caller passes a collector.
    """
    from reportgen.xlsx.workbook import read_report
    from reportgen.xlsx.settings import explicit_catalog

    catalog = explicit_catalog(catalog_year) if catalog_year is not None else None
    collected = problems if problems is not None else Problems()
    report = read_report(Path(path), collected, catalog)
    if report is None:
        raise DataError(collected.items)
    return report


__all__ = ["load"]
