"""The front door: workbook → placeholders and checks → report file.

Between reading a workbook and rendering it, :func:`review` replaces the placeholders and runs
every check: warnings and notes go to the caller's collector and the report is still produced;
an error (a placeholder naming nothing, an impossible value) stops it. ``reportgen check``
calls :func:`check_workbook`, which runs the same steps and returns every problem instead.

A report is written to a temporary file beside its target and moved into place only when
complete, so a failed run never leaves a half-written file or damages an earlier report.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.checks import check_report
from reportgen.errors import DataError, Problem, Problems, Severity, UsageError
from reportgen.xlsx import load
from reportgen.xlsx.annotate import annotate
from reportgen.model import Report
from reportgen.placeholders import substitute
from reportgen.yearly.provenance import name_school_cells
from reportgen.word import default_template, render
from reportgen.delivery import finish
from reportgen.files import write_atomically
from reportgen.office.pages import DEFAULT_DPI, parse_pages, render_pages

__all__ = ["DEFAULT_DPI", "annotate", "check_workbook", "default_output", "generate",
           "parse_pages", "render_pages", "review", "write_report"]


def default_output(workbook: Path) -> Path:
    """Where the report goes when no output is named: beside the workbook, same name."""
    return workbook.with_suffix(".docx")


def generate(workbook: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
             template: str | os.PathLike[str] | None = None,
             problems: Problems | None = None, pdf: bool = False, toc: bool = True,
             catalog_year: int | None = None) -> Path:
    """Read ``workbook``, render the report and write it to ``out``; return the path written.

    When LibreOffice is installed, the table of contents is filled with page numbers (``toc``)
    and, if ``pdf``, the PDF is written beside the report (see docs/pdf.md).

    Raises :class:`~reportgen.errors.DataError` with every problem of the workbook, or
    :class:`~reportgen.errors.UsageError` for a refused call; a PDF asked for but not made
    raises :class:`~reportgen.office.session.OfficeError` after the report is in place.
    Warnings and notes go to ``problems``. ``catalog_year`` chooses the catalog instead of
    the workbook's 报告年份 (see :func:`reportgen.load`).
    """
    source = Path(workbook)
    target = Path(out) if out is not None else default_output(source)
    template_path = Path(template) if template is not None else default_template()
    _refuse_overwriting_inputs(target, source, template_path)
    report = review(load(source, problems=problems, catalog_year=catalog_year), problems)
    write_report(report, target, template=template_path)
    finish(target, pdf=pdf, toc=toc, problems=problems)
    return target


def review(report: Report, problems: Problems | None = None) -> Report:
    """``report`` with its placeholders replaced, after every check has run.

    Findings go to ``problems``; raises :class:`DataError` when any of them is an error.
    """
    substituted, found = substitute(report)
    found = name_school_cells(found + check_report(substituted), report)
    collected = problems if problems is not None else Problems()
    collected.items.extend(found)
    if any(p.severity is Severity.ERROR for p in found):
        raise DataError(collected.items)
    return substituted


def check_workbook(workbook: str | os.PathLike[str], *,
                   catalog_year: int | None = None) -> list[Problem]:
    """Every problem of the workbook: reading problems, placeholders, and check findings.

    Raises :class:`~reportgen.errors.UsageError` only when the file cannot be opened at all
    (or ``catalog_year`` names no catalog).
    """
    problems = Problems()
    try:
        report = load(Path(workbook), problems=problems, catalog_year=catalog_year)
    except DataError as exc:
        return list(exc.problems)
    try:
        review(report, problems)
    except DataError:
        pass
    return problems.items


def write_report(report: Report, target: Path, *, template: Path | None = None) -> None:
    """Render ``report`` and move it into place at ``target`` only once it is complete."""
    data = render(report, template=template)
    if target.is_dir():
        raise UsageError(f"输出位置 {target} 是文件夹。请用 -o 写出报告的文件名（.docx）")
    write_atomically(target, data)


def _refuse_overwriting_inputs(target: Path, *inputs: Path) -> None:
    """The report never replaces the workbook or the template it is made from."""
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件应以 .docx 结尾：{target}")
    for path in inputs:
        same = target.resolve() == path.resolve()
        if not same and target.exists() and path.exists():
            same = os.path.samefile(target, path)
        if same:
            raise UsageError(f"输出文件 {target} 就是输入文件，不能覆盖它。请用 -o 指定另一个文件名")
