"""reportgen: the annual quality report of secondary vocational schools
(中等职业学校年度质量报告), from an Excel workbook to a Word document in the official format.

The library in three calls::

    import reportgen

    report = reportgen.load("inputs/2024.xlsx")          # workbook → model (DataError if bad)
    data = reportgen.render(report)                       # model → .docx bytes
    reportgen.generate("inputs/2024.xlsx", "2024.docx")   # both, written safely to a file

and back: ``reportgen.import_report("2024.docx", "2025.xlsx")`` reads a Word report into a
workbook (see docs/import.md).

``reportgen.lay_out(report)`` gives the document as it prints (placeholders resolved, every
number counted) without Word; ``LayoutConfig`` sets numbering styles and labels.
``OfficeSession`` is one LibreOffice for many reports (``generate(..., office=session)``);
``build_many(workbooks, out_dir, pdf=True, jobs=2)`` builds one report per workbook into a folder,
every workbook tried whatever happens to the others.

The names are imported when first used: ``import reportgen`` itself loads nothing, so that
``python -m reportgen`` can answer Ctrl+C during its start-up with a message, not a traceback
(see ``__main__.py``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.batch import build_many
    from reportgen.errors import (DataError, Problem, Problems, ReportgenError, Severity,
                                  UsageError)
    from reportgen.importing import import_report
    from reportgen.layout import Layout, LayoutConfig, lay_out
    from reportgen.office import OfficeError, OfficeSession
    from reportgen.pipeline import generate, render, write_report
    from reportgen.word import default_template
    from reportgen.xlsx import load

__version__ = "0.1.0"

_HOMES = {
    "DataError": "reportgen.errors",
    "Problem": "reportgen.errors",
    "Problems": "reportgen.errors",
    "ReportgenError": "reportgen.errors",
    "Severity": "reportgen.errors",
    "UsageError": "reportgen.errors",
    "build_many": "reportgen.batch",
    "Layout": "reportgen.layout",
    "LayoutConfig": "reportgen.layout",
    "OfficeError": "reportgen.office",
    "OfficeSession": "reportgen.office",
    "default_template": "reportgen.word",
    "generate": "reportgen.pipeline",
    "import_report": "reportgen.importing",
    "lay_out": "reportgen.layout",
    "load": "reportgen.xlsx",
    "render": "reportgen.pipeline",
    "write_report": "reportgen.pipeline",
}
"""Each public name and the module it comes from."""

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name not in _HOMES:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
