"""Workbook → model. The only package that imports openpyxl."""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.errors import DataError, Problems
from reportgen.model import Report


def load(path: str | os.PathLike[str], *, problems: Problems | None = None) -> Report:
    """Read the workbook at ``path`` into a :class:`~reportgen.model.Report`.

    Raises :class:`~reportgen.errors.DataError` carrying every problem found when any of them
    is an error; warnings are left in ``problems`` when the caller passes a collector.
    """
    from reportgen.xlsx.workbook import read_report

    collected = problems if problems is not None else Problems()
    report = read_report(Path(path), collected)
    if report is None:
        raise DataError(collected.items)
    return report


__all__ = ["load"]
