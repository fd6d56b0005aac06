"""reportgen: the annual quality report of secondary vocational schools
(中等职业学校年度质量报告), from an Excel workbook to a Word document in the official format.

The library in three calls::

    import reportgen

    report = reportgen.load("inputs/2024.xlsx")          # workbook → model (DataError if bad)
    data = reportgen.render(report)                       # model → .docx bytes
    reportgen.generate("inputs/2024.xlsx", "2024.docx")   # both, written safely to a file

``reportgen.lay_out(report)`` gives the document as it prints (placeholders resolved, every
number counted) without Word; ``LayoutConfig`` sets numbering styles and labels.
"""

from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity, UsageError
from reportgen.layout import Layout, LayoutConfig, lay_out
from reportgen.xlsx import load
from reportgen.pipeline import generate, render, write_report
from reportgen.word import default_template

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Layout",
    "LayoutConfig",
    "Problem",
    "Problems",
    "ReportgenError",
    "Severity",
    "UsageError",
    "default_template",
    "generate",
    "lay_out",
    "load",
    "render",
    "write_report",
]
