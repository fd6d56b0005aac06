"""What runs between reading a workbook and rendering it: placeholders, then the checks.

The pipeline calls :func:`review` before every build: warnings and notes go to the caller's
collector and the report is still produced; an error (a placeholder naming nothing, an
impossible value) stops it. ``reportgen check`` calls :func:`check_workbook`, which runs the
same steps and returns every problem instead of building.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.checks import check_report
from reportgen.errors import DataError, Problem, Problems, Severity
from reportgen.load import load
from reportgen.model import Report
from reportgen.placeholders import substitute


def review(report: Report, problems: Problems | None = None) -> Report:
    """``report`` with its placeholders replaced, after every check has run.

    Findings go to ``problems``; raises :class:`DataError` when any of them is an error.
    """
    substituted, found = substitute(report)
    found += check_report(substituted)
    collected = problems if problems is not None else Problems()
    collected.items.extend(found)
    if any(p.severity is Severity.ERROR for p in found):
        raise DataError(collected.items)
    return substituted


def check_workbook(workbook: str | os.PathLike[str]) -> list[Problem]:
    """Every problem of the workbook: reading problems, placeholders, and check findings.

    Raises :class:`~reportgen.errors.UsageError` only when the file cannot be opened at all.
    """
    problems = Problems()
    try:
        report = load(Path(workbook), problems=problems)
    except DataError as exc:
        return list(exc.problems)
    try:
        review(report, problems)
    except DataError:
        pass
    return problems.items
