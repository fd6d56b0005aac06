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

import gc
import importlib
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from attrs import frozen

from reportgen.checks import check_report
from reportgen.checks.places import Places
from reportgen.errors import DataError, Problem, Problems, Severity, UsageError
from reportgen.xlsx import load
from reportgen.xlsx.container import check_workbook_file
from reportgen.model import Report
from reportgen.layout import LayoutConfig, lay_out
from reportgen.placeholders import substitute
from reportgen.yearly.provenance import name_school_cells
from reportgen.word import default_template, render as render_layout
from reportgen.delivery import deliver, pdf_path
from reportgen.files import write_atomically
from reportgen.word.external import neutralise_external

if TYPE_CHECKING:
    from reportgen.office.session import OfficeSession  # imported by delivery when needed

__all__ = ["DEFAULT_DPI", "Inspection", "annotate", "check_dpi", "check_workbook",
           "collection_paused", "default_output",
           "generate", "inspect_workbook", "parse_pages", "prepare", "render", "render_pages",
           "review", "write_report"]


_LAZY = {"annotate": "reportgen.xlsx.annotate", "DEFAULT_DPI": "reportgen.office.pages",
         "check_dpi": "reportgen.office.pages", "parse_pages": "reportgen.office.pages"}
"""Names of ``check --annotate`` and ``pages``, imported on first use (PEP 562): a build
does not load the annotation writer or the page pictures."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'reportgen.pipeline' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)


def default_output(workbook: Path) -> Path:
    """Where the report goes when no output is named: beside the workbook, same name."""
    return workbook.with_suffix(".docx")


def generate(workbook: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
             template: str | os.PathLike[str] | None = None,
             problems: Problems | None = None, pdf: bool = False, toc: bool = True,
             config: LayoutConfig | None = None, catalog_year: int | None = None,
             office: OfficeSession | None = None) -> Path:
    """Read ``workbook``, render the report and write it to ``out``; return the path written.

    When LibreOffice is installed, the table of contents is filled with page numbers (``toc``)
    and, if ``pdf``, the PDF is written beside the report (see docs/pdf.md). ``office`` is a
    :class:`~reportgen.office.session.OfficeSession` to use (one LibreOffice for many
    reports); without it, one is started for the call when needed. The report, its table of
    contents and its PDF replace the old files together, at the end: a run that fails or is
    interrupted leaves them as they were.

    Raises :class:`~reportgen.errors.DataError` with every problem of the workbook, or
    :class:`~reportgen.errors.UsageError` for a refused call; a PDF asked for but not made
    raises :class:`~reportgen.office.session.OfficeError` after the report is in place.
    Warnings and notes go to ``problems``; ``config`` sets numbering styles and labels;
    ``catalog_year`` chooses the catalog instead of the workbook's 报告年份 (see
    :func:`reportgen.load`).
    """
    target, data = prepare(workbook, out, template=template, problems=problems, pdf=pdf,
                           config=config, catalog_year=catalog_year)
    deliver(data, target, pdf=pdf, toc=toc, problems=problems, office=office)
    return target


def prepare(workbook: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
            template: str | os.PathLike[str] | None = None, problems: Problems | None = None,
            pdf: bool = False, config: LayoutConfig | None = None,
            catalog_year: int | None = None) -> tuple[Path, bytes]:
    """The first half of :func:`generate`, which writes nothing: where the report goes and
    its .docx as bytes (every check made), ready for :func:`reportgen.delivery.deliver`.

    A batch prepares the next report while LibreOffice lays out the one before.
    """
    source = Path(workbook)
    target = Path(out) if out is not None else default_output(source)
    template_path = Path(template) if template is not None else default_template()
    if not template_path.is_file():  # said before the workbook is read and checked
        raise UsageError("U-TEMPLATE-MISSING", path=template_path)
    try:
        _refuse_overwriting_inputs(target, source, template_path)
    except UsageError:
        if _same_file(target, source):  # a Word report given as the workbook: say that
            check_workbook_file(source)
        raise
    if pdf:
        _refuse_overwriting_inputs(pdf_path(target), source, template_path)
    _refuse_folder(target)
    with collection_paused():  # on again once the build's objects are gone with _build's frame
        return target, _build(source, template_path, problems, config, catalog_year)


def _build(source: Path, template: Path, problems: Problems | None, config: LayoutConfig | None,
           catalog_year: int | None) -> bytes:
    report = review(load(source, problems=problems, catalog_year=catalog_year), problems)
    return render(report, template=template, config=config)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one report is built: nearly every
    object of the build lives until it ends (the workbook, the report, the document), so
    collecting would only walk them; the memory is the same either way (about 70 MB for the
    2024 report). The collector is on again afterwards (for a script building many reports,
    whose cycles are then collected as usual)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pages(document: Path, pages: list[int], out_dir: Path, *, dpi: int | None = None,
                 prefix: str = "page", office: OfficeSession | None = None) -> list[Path]:
    """Pictures of chosen pages of a .docx or .pdf (:func:`reportgen.office.pages.render_pages`);
    a .docx has its links to outside content cut before LibreOffice opens it."""
    from reportgen.office import pages as _pages  # only for ``pages``: not on every build

    return _pages.render_pages(document, pages, out_dir,
                               dpi=_pages.DEFAULT_DPI if dpi is None else dpi,
                               prefix=prefix, office=office,
                               prepare=neutralise_external)


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
    """Every problem of the workbook: reading problems, placeholders, and check findings
    (those the 核对 sheet marks as checked included, with :attr:`Problem.checked` set).

    Raises :class:`~reportgen.errors.UsageError` only when the file cannot be opened at all
    (or ``catalog_year`` names no catalog).
    """
    return inspect_workbook(workbook, catalog_year=catalog_year).problems


@frozen
class Inspection:
    """What ``reportgen check`` shows: every problem, and where each stands in the report."""

    problems: list[Problem]
    """Every problem, as :func:`check_workbook` returns them."""
    places: Places | None
    """The section or table of each cell (``None`` when the workbook could not be read)."""


def inspect_workbook(workbook: str | os.PathLike[str], *,
                     catalog_year: int | None = None) -> Inspection:
    """:func:`check_workbook` with the places of the report the findings stand in."""
    problems = Problems()
    try:
        report = load(Path(workbook), problems=problems, catalog_year=catalog_year)
    except DataError as exc:
        return Inspection(list(exc.problems), None)
    try:
        review(report, problems)
    except DataError:
        pass
    return Inspection(problems.items, Places(report))


def write_report(report: Report, target: str | os.PathLike[str], *,
                 template: str | os.PathLike[str] | None = None,
                 config: LayoutConfig | None = None) -> None:
    """Render ``report`` and move it into place at ``target`` only once it is complete."""
    path = Path(target)
    _refuse_folder(path)
    write_atomically(path, render(report, template=template, config=config))


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise UsageError("U-OUTPUT-IS-FOLDER", path=target)


def _refuse_overwriting_inputs(target: Path, *inputs: Path) -> None:
    """The report (or its PDF) never replaces the workbook or the template it is made from."""
    pdf = target.suffix.lower() == ".pdf"
    if not pdf and target.suffix.lower() != ".docx":
        raise UsageError("U-OUTPUT-NOT-DOCX", path=target)
    for path in inputs:
        same = _same_file(target, path)
        if same and pdf:
            raise UsageError("U-PDF-IS-INPUT", path=target)
        if same:
            raise UsageError("U-OUTPUT-IS-INPUT", path=target)


def _same_file(one: Path, other: Path) -> bool:
    """``one`` and ``other`` name the same file (by path, or by a link to it)."""
    if one.resolve() == other.resolve():
        return True
    return one.exists() and other.exists() and os.path.samefile(one, other)
