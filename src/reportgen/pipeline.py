"""The front door: workbook → checks → layout → report file.

Between reading a workbook and rendering it, :func:`review` resolves the placeholders and runs
every check on the resolved text: warnings and notes go to the caller's collector and the
report is still produced; an error (a placeholder naming nothing, an impossible value) stops
it. ``reportgen check`` calls :func:`check_workbook`, which runs the same steps and returns
every problem instead. :func:`render` lays the report out (:mod:`reportgen.layout`: placeholders
resolved, everything numbered) and writes it into the Word template, so every way of making a
report — ``render``, ``generate``, the command, a script — prints the same document.

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
from reportgen.layout import LayoutConfig, lay_out
from reportgen.placeholders import substitute
from reportgen.yearly.provenance import name_school_cells
from reportgen.word import default_template, render as render_layout
from reportgen.delivery import finish
from reportgen.files import write_atomically
from reportgen.office.pages import DEFAULT_DPI, parse_pages, render_pages

__all__ = ["DEFAULT_DPI", "annotate", "check_workbook", "default_output", "generate",
           "parse_pages", "render", "render_pages", "review", "write_report"]


def default_output(workbook: Path) -> Path:
    """Where the report goes when no output is named: beside the workbook, same name."""
    return workbook.with_suffix(".docx")


def generate(workbook: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
             template: str | os.PathLike[str] | None = None,
             problems: Problems | None = None, pdf: bool = False, toc: bool = True,
             config: LayoutConfig | None = None,
             catalog_year: int | None = None) -> Path:
    """Read ``workbook``, render the report and write it to ``out``; return the path written.

    When LibreOffice is installed, the table of contents is filled with page numbers (``toc``)
    and, if ``pdf``, the PDF is written beside the report (see docs/pdf.md).

    Raises :class:`~reportgen.errors.DataError` with every problem of the workbook, or
    :class:`~reportgen.errors.UsageError` for a refused call; a PDF asked for but not made
    raises :class:`~reportgen.office.session.OfficeError` after the report is in place.
    Warnings and notes go to ``problems``; ``config`` sets numbering styles and labels;
    ``catalog_year`` chooses the catalog instead of the workbook's 报告年份 (see
    :func:`reportgen.load`).
    """
    source = Path(workbook)
    target = Path(out) if out is not None else default_output(source)
    template_path = Path(template) if template is not None else default_template()
    _refuse_overwriting_inputs(target, source, template_path)
    report = review(load(source, problems=problems, catalog_year=catalog_year), problems)
    write_report(report, target, template=template_path, config=config)
    finish(target, pdf=pdf, toc=toc, problems=problems)
    return target


def review(report: Report, problems: Problems | None = None) -> Report:
    """Check ``report``: its placeholders name figures, and every rule holds on the text as
    it will print (placeholders resolved). Returns ``report`` unchanged — placeholders are
    resolved when it is laid out.

    Findings go to ``problems``; raises :class:`DataError` when any of them is an error.
    """
    resolved, found = substitute(report)
    found = name_school_cells(found + check_report(resolved), report)
    collected = problems if problems is not None else Problems()
    collected.items.extend(found)
    if any(p.severity is Severity.ERROR for p in found):
        raise DataError(collected.items)
    return report


def render(report: Report, *, template: str | os.PathLike[str] | None = None,
           config: LayoutConfig | None = None) -> bytes:
    """The .docx of ``report`` as bytes: laid out (placeholders resolved, headings, cases and
    tables numbered by ``config``) and written into ``template`` (the official one by default).

    Raises :class:`DataError` when a placeholder names nothing.
    """
    return render_layout(lay_out(report, config),
                         template=Path(template) if template is not None else None)


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


def write_report(report: Report, target: str | os.PathLike[str], *,
                 template: str | os.PathLike[str] | None = None,
                 config: LayoutConfig | None = None) -> None:
    """Render ``report`` and move it into place at ``target`` only once it is complete."""
    path = Path(target)
    data = render(report, template=template, config=config)
    if path.is_dir():
        raise UsageError("U-OUTPUT-IS-FOLDER", path=path)
    write_atomically(path, data)


def _refuse_overwriting_inputs(target: Path, *inputs: Path) -> None:
    """The report never replaces the workbook or the template it is made from."""
    if target.suffix.lower() != ".docx":
        raise UsageError("U-OUTPUT-NOT-DOCX", path=target)
    for path in inputs:
        same = target.resolve() == path.resolve()
        if not same and target.exists() and path.exists():
            same = os.path.samefile(target, path)
        if same:
            raise UsageError("U-OUTPUT-IS-INPUT", path=target)
