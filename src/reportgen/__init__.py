"""reportgen: the annual quality report of secondary vocational schools
(中等职业学校年度质量报告), from an Excel workbook to a Word document in the official format.

The library in three calls::

    import reportgen

    report = reportgen.load("inputs/2024.xlsx")          # workbook → model (DataError if bad)
    data = reportgen.render(report)                       # model → .docx bytes
    reportgen.generate("inputs/2024.xlsx", "2024.docx")   # both, written safely to a file

and back: ``reportgen.import_report("2024.docx", "2025.xlsx")`` reads a Word report into a
workbook (see docs/import.md).
"""

from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity, UsageError
from reportgen.xlsx import load
from reportgen.pipeline import generate, write_report
from reportgen.importing import import_report
from reportgen.word import default_template, render

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Problem",
    "Problems",
    "ReportgenError",
    "Severity",
    "UsageError",
    "default_template",
    "generate",
    "import_report",
    "load",
    "render",
    "write_report",
]
