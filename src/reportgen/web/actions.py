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
(``import``) — each have a slot below that runs the command. :data:`FEATURES` says which are
installed; a page whose feature is missing shows “此功能尚未安装” (and its browser test is
skipped), so a slot can be unplugged by setting its ``installed`` to False.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Callable, Sequence, TextIO

from attrs import frozen

from reportgen.cli import importing, init, merge
from reportgen.cli.check import as_text
from reportgen.cli.parsing import SEVERITY_ORDER, print_error
from reportgen.delivery import Delivered, finish
from reportgen.errors import DataError, Problem, Problems, ReportgenError, Severity
from reportgen.importing import pictures_folder
from reportgen.office.pages import page_count, render_pages
from reportgen.pipeline import annotate, check_workbook, generate

Command = Callable[[Sequence[str], TextIO, TextIO], int]

__all__ = ["FEATURES", "SEVERITY_ORDER", "CommandFailed", "Feature", "Said",
           "annotate_copy", "blank_workbook", "check", "check_text", "deliver", "error_lines",
           "failure_heading", "import_report", "without_paths", "merge_workbooks", "pdf_pages", "pictures_of",
           "preview", "workbook_from_last_year", "write_docx"]

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
                     "init: a blank workbook of a year's catalog (reportgen.cli.init)", True),
    "from_workbook": Feature("由上年工作簿新建", "python -m reportgen init 新工作簿.xlsx --from 上年.xlsx",
                             "init --from: this year's workbook from last year's (reportgen.cli.init)",
                             True),
    "from_report": Feature("由上年 Word 报告新建", "python -m reportgen import 报告.docx -o 工作簿.xlsx",
                           "import: a workbook from a Word report (reportgen.cli.importing)", True),
    "merge": Feature("汇总各校工作簿", "python -m reportgen merge 学校甲.xlsx 学校乙.xlsx -o 区县.xlsx",
                     "merge: the district's workbook from the schools' (reportgen.cli.merge)", True),
}
"""The yearly commands by slot."""


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


def without_paths(lines: Sequence[str], folder: Path) -> tuple[str, ...]:
    """``lines`` without empty ones, and without the job's folders in front of file names:
    the clerk knows the files by their names, the server's folders are none of the page's
    business."""
    inside = re.compile(re.escape(str(folder)) + r"/(?:in/\d+|out)/")
    return tuple(inside.sub("", line).strip() for line in lines if line.strip())


def failure_heading(exc: ReportgenError, what: str) -> list[str]:
    """:func:`error_lines` for a command that makes ``what`` rather than the report."""
    if isinstance(exc, CommandFailed):
        return list(exc.lines)
    lines = error_lines(exc)
    if isinstance(exc, DataError) and lines:
        lines[0] = lines[0].replace("报告未生成（已有的报告未改动）", f"{what}未生成")
    return lines


# --- the yearly commands (slots) ------------------------------------------------------------
# Each runs the command itself (``cli.init``, ``cli.merge``, ``cli.importing``) with the page's
# files, so that the page shows exactly what the command line prints: its summary, its
# warnings and, when it fails, every located problem. Paths inside the job's folder are
# removed from those lines (the clerk knows the files by their names).

@frozen
class Said:
    """What a command printed: its summary (standard output) and its warnings (errors)."""

    out: tuple[str, ...]
    """The summary lines."""
    err: tuple[str, ...]
    """The warning and note lines."""


class CommandFailed(ReportgenError):
    """A command ended with exit code 1 and said why; the lines are what it printed. Its
    ``code`` is the refusal's (``U-INIT-YEAR``), ``None`` when the command listed problems
    (each line then carries its own)."""

    def __init__(self, lines: Sequence[str], code: str | None = None) -> None:
        Exception.__init__(self, "\n".join(lines))  # the words are the command's, already made
        self.lines = tuple(lines)
        self.code = code


def _run(command: Command, argv: list[str], folder: Path) -> Said:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = command(argv, out, err)
    except ReportgenError as exc:  # a refused call: the command line's words, paths removed
        raise CommandFailed(without_paths(error_lines(exc), folder), exc.code) from exc
    said = Said(without_paths(out.getvalue().splitlines(), folder),
                without_paths(err.getvalue().splitlines(), folder))
    if code != 0:
        raise CommandFailed(said.err + said.out)
    return said


def blank_workbook(target: Path, year: int, folder: Path) -> Said:
    """A blank workbook of ``year``'s catalog (``reportgen init NEW.xlsx --year Y``)."""
    return _run(init.run, [str(target), "--year", str(year)], folder)


def workbook_from_last_year(source: Path, target: Path, year: int | None, folder: Path) -> Said:
    """This year's workbook from last year's (``reportgen init NEW.xlsx --from LAST.xlsx``)."""
    chosen = ["--year", str(year)] if year is not None else []
    return _run(init.run, [str(target), "--from", str(source), *chosen], folder)


def import_report(source: Path, target: Path, folder: Path) -> Said:
    """A workbook from a report in Word (``reportgen import REPORT.docx -o NEW.xlsx``, which
    calls :func:`reportgen.importing.import_report`); its pictures are saved in
    :func:`pictures_of`."""
    return _run(importing.run, [str(source), "-o", str(target)], folder)


def pictures_of(workbook: Path) -> Path:
    """The folder beside an imported workbook that holds the document's pictures."""
    return pictures_folder(workbook)


def merge_workbooks(sources: Sequence[Path], target: Path, folder: Path) -> Said:
    """The district's workbook from the schools' (``reportgen merge A.xlsx B.xlsx -o D.xlsx``)."""
    return _run(merge.run, [*map(str, sources), "-o", str(target)], folder)
