"""The web page's one door into reportgen: every library function a page calls is called here.

The pages add no logic of their own: checking is :func:`~reportgen.pipeline.check_workbook` and
:func:`~reportgen.pipeline.annotate`; building is :func:`~reportgen.pipeline.generate` followed
by :func:`~reportgen.delivery.finish` (the same two steps ``generate(pdf=True)`` takes, called
one after the other so that the page can say which is running); previews are
:func:`~reportgen.office.pages.render_pages`. Messages are worded by the command line's own
helpers (:func:`~reportgen.cli.parsing.print_error`, :func:`~reportgen.cli.check.as_text`,
``Problem.__str__``), so the page and the terminal say the same thing.

The yearly commands — a blank workbook and this year's from last year's (``init``), the
district's workbook from the schools' (``merge``), a workbook from last year's Word report
(``import``) — are being built elsewhere. Each has a slot below: :data:`FEATURES` says which are
installed, and a page whose feature is missing shows “此功能尚未安装”. Wiring one in is: import
its function, call it in the slot's body, and set its ``installed`` to True.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Sequence

from attrs import frozen

from reportgen.cli.check import as_text
from reportgen.cli.parsing import SEVERITY_ORDER, print_error
from reportgen.delivery import Delivered, finish
from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity
from reportgen.office.pages import page_count, render_pages
from reportgen.pipeline import annotate, check_workbook, generate

__all__ = ["FEATURES", "SEVERITY_ORDER", "Feature", "NotInstalled", "annotate_copy", "blank_workbook",
           "check", "check_text", "deliver", "error_lines", "failure_heading", "import_report",
           "merge_workbooks", "pdf_pages", "preview", "workbook_from_last_year", "write_docx"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
TEXT = "text/plain; charset=utf-8"


@frozen
class Feature:
    """A command the pages reach, and whether the library has it yet."""

    title: str
    """What the page calls it."""
    command: str
    """The command line that does the same (``python -m reportgen init``)."""
    needs: str
    """The library function the slot calls, for the notice and for skipped tests."""
    installed: bool
    """Whether the slot calls it (False: the page shows “此功能尚未安装”)."""


FEATURES: dict[str, Feature] = {
    "blank": Feature("空白工作簿", "python -m reportgen init 新工作簿.xlsx --year 年份",
                     "init: a blank workbook of a year's catalog (branch h7-yearly)", False),
    "from_workbook": Feature("由上年工作簿新建", "python -m reportgen init 新工作簿.xlsx --from 上年.xlsx",
                             "init --from: this year's workbook from last year's (branch h7-yearly)",
                             False),
    "from_report": Feature("由上年 Word 报告新建", "python -m reportgen import 报告.docx -o 工作簿.xlsx",
                           "import: a workbook from a Word report (branch h6-import)", False),
    "merge": Feature("汇总各校工作簿", "python -m reportgen merge 学校甲.xlsx 学校乙.xlsx -o 区县.xlsx",
                     "merge: the district's workbook from the schools' (branch h7-yearly)", False),
}
"""The yearly commands by slot."""


class NotInstalled(ReportgenError):
    """A page asked for a command the library does not have yet."""

    exit_code = 2

    def __init__(self, slot: str) -> None:
        super().__init__(f"此功能尚未安装：{FEATURES[slot].title}", code="U-WEB-NOT-INSTALLED")


# --- checking -------------------------------------------------------------------------------

def check(workbook: Path) -> list[Problem]:
    """Every problem and finding of ``workbook`` (``reportgen check``)."""
    return check_workbook(workbook)


def annotate_copy(workbook: Path, target: Path, problems: Sequence[Problem]) -> int:
    """A copy of ``workbook`` with the problems' cells marked (``check --annotate``); the number
    of cells marked."""
    return annotate(workbook, target, list(problems))


def check_text(workbook: Path, problems: Sequence[Problem]) -> str:
    """The findings as ``reportgen check`` prints them."""
    return as_text(workbook, problems)


def unreadable(problems: Sequence[Problem]) -> bool:
    """Whether the file could not be read as a workbook at all (no sheet was reached)."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return bool(errors) and all(p.where is None or not p.where.sheet for p in errors)


# --- building -------------------------------------------------------------------------------

def write_docx(workbook: Path, target: Path, template: Path | None, problems: Problems) -> Path:
    """Read, check and render the report to ``target`` (``reportgen WORKBOOK --no-toc``)."""
    return generate(workbook, target, template=template, problems=problems, pdf=False, toc=False)


def deliver(docx: Path, *, pdf: bool, toc: bool, problems: Problems) -> Delivered:
    """The table of contents filled and the PDF written by LibreOffice (what ``generate`` does
    after rendering)."""
    return finish(docx, pdf=pdf, toc=toc, problems=problems)


def pdf_pages(pdf: Path) -> int:
    """The number of pages of ``pdf``."""
    return page_count(pdf)


def preview(pdf: Path, page: int, folder: Path, dpi: int) -> Path:
    """The picture of one page of ``pdf`` (``reportgen pages``), drawn once into ``folder``."""
    target = folder / f"page-{page}.png"
    if not target.is_file():
        render_pages(pdf, [page], folder, dpi=dpi)
    return target


# --- messages -------------------------------------------------------------------------------

def error_lines(exc: ReportgenError) -> list[str]:
    """What the command line prints for ``exc``: a heading, then each problem on its line."""
    buffer = io.StringIO()
    print_error(exc, buffer)
    return [line.strip() for line in buffer.getvalue().splitlines() if line.strip()]


def failure_heading(exc: ReportgenError, what: str) -> list[str]:
    """:func:`error_lines` for a command that makes ``what`` rather than the report."""
    lines = error_lines(exc)
    if isinstance(exc, DataError) and lines:
        lines[0] = lines[0].replace("报告未生成（已有的报告未改动）", f"{what}未生成")
    return lines


# --- the yearly commands (slots) ------------------------------------------------------------

def blank_workbook(target: Path, year: int, problems: Problems) -> Path:
    """A blank workbook of ``year``'s catalog (``reportgen init``)."""
    raise NotInstalled("blank")


def workbook_from_last_year(source: Path, target: Path, year: int | None,
                            problems: Problems) -> Path:
    """This year's workbook from last year's (``reportgen init --from``)."""
    raise NotInstalled("from_workbook")


def import_report(source: Path, target: Path, problems: Problems) -> Path:
    """A workbook from a report in Word (``reportgen import``); guesses go to ``problems``."""
    raise NotInstalled("from_report")


def merge_workbooks(sources: Sequence[Path], target: Path, problems: Problems) -> Path:
    """The district's workbook from the schools' (``reportgen merge``)."""
    raise NotInstalled("merge")


def stem_of(path: str | os.PathLike[str]) -> str:
    """The name of a file without its suffix (for the names of what is made from it)."""
    return Path(path).stem or "工作簿"
