"""Delivering a rendered report: its table of contents filled, its PDF, put in place at once.

The .docx is staged beside its target (:class:`reportgen.files.Staging`); LibreOffice
(:class:`reportgen.office.session.OfficeSession`) lays the staged file out once, giving the
table of contents' page numbers and, if asked, the PDF of that same layout; the entries are
written into the staged .docx; then the report and its PDF replace the old ones together, at
the very end. An interrupt or a failure before that leaves the old files as they were.

Without LibreOffice the .docx is delivered as it is (Word updates the table of contents when
it opens the file) and the clerk is told so; a PDF that was asked for and could not be made is
an :class:`~reportgen.office.session.OfficeError`, raised only after the .docx is in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from reportgen.errors import Problems
from reportgen.files import Staging, write_bytes
from reportgen.word.toc import TocEntry, fill_toc

if TYPE_CHECKING:
    from reportgen.office.process import OfficeError
    from reportgen.office.session import OfficeSession


@frozen
class Delivered:
    """What the last steps did."""

    toc_filled: bool
    """The table of contents holds its entries and page numbers."""
    pdf: Path | None
    """The PDF written beside the .docx, if one was asked for."""


def pdf_path(docx: Path) -> Path:
    """Where the PDF of a report goes: beside it, same name."""
    return docx.with_suffix(".pdf")


def deliver(data: bytes, target: Path, *, pdf: bool = False, toc: bool = True,
            problems: Problems | None = None, office: OfficeSession | None = None) -> Delivered:
    """Write the report ``data`` to ``target`` with its table of contents filled (``toc``)
    and, if ``pdf``, its PDF beside it; the old files are replaced only at the end.

    ``office`` is the LibreOffice session to use; without one, a session is made for the
    call when LibreOffice is needed. Notes for the clerk go to ``problems``. Raises
    :class:`OfficeError`, after the report is in place, when the PDF could not be made.
    """
    notes = problems if problems is not None else Problems()
    session = office if office is not None or not (toc or pdf) else _new_session()
    try:
        with Staging() as staging:
            staged = staging.beside(target)
            write_bytes(staged, data)
            staged_pdf = staging.beside(pdf_path(target)) if pdf else None
            filled, pdf_error = False, None
            if session is not None and (toc or pdf):
                filled, pdf_error = _lay_out(session, data, staged, staged_pdf, toc, notes)
            if pdf_error is not None:
                staging.drop(pdf_path(target))
            staging.commit()
    finally:
        if office is None and session is not None:
            session.close()
    if pdf_error is not None:
        raise _pdf_failed(target, pdf_error)
    return Delivered(filled, pdf_path(target) if pdf else None)


def _lay_out(session: OfficeSession, data: bytes, staged: Path, staged_pdf: Path | None,
             toc: bool, notes: Problems) -> tuple[bool, str | None]:
    """Fill the staged report's table of contents and write the staged PDF; whether the
    table of contents was filled, and why the PDF was not made (if it was not)."""
    # -- LibreOffice's modules load only when it is needed (not for ``--no-toc``) --
    from reportgen.office.session import OfficeError, convert_to_pdf

    office = session.office
    if office is None:
        if toc:
            notes.add("I-TOC-NO-OFFICE")
        return False, str(OfficeError("O-OFFICE-MISSING")) if staged_pdf else None
    if office.uno_python is None:
        if toc:
            notes.add("W-TOC-NO-UNO")
        if staged_pdf is None:
            return False, None
        try:
            convert_to_pdf(office, staged, staged_pdf, session.timeout)
        except OfficeError as exc:
            return False, str(exc)
        return False, None
    try:
        laid = session.layout(staged, toc=toc, pdf=staged_pdf)
    except OfficeError as exc:
        if toc:
            notes.add("W-TOC-FAILED", reason=exc)
        return False, str(exc) if staged_pdf else None
    filled = toc and _fill(staged, data, laid.entries or (), laid.lists, notes)
    return filled, laid.pdf_error


def _fill(staged: Path, data: bytes, found: tuple[tuple[int, str, str], ...],
          found_lists: tuple[tuple[tuple[int, str, str], ...], ...], notes: Problems) -> bool:
    entries = [TocEntry(level, text, page) for level, text, page in found]
    # Issue 12 (lists): 表目录, 图目录 and 案例目录 are tables of contents too, after the
    # TOC in the document; the worker returns each and they are filled alike.
    lists = [[TocEntry(level, text, page) for level, text, page in index]
             for index in found_lists]
    if not entries:
        notes.add("W-TOC-NO-HEADINGS")
        return False
    # Issue 12 (Word compatibility): with every index filled, Word need not update fields
    # on opening (settle); a list left unfilled keeps the request to update.
    try:
        filled = fill_toc(data, entries, lists, settle=True)
    except LookupError:
        notes.add("W-TOC-NO-FIELD")
        return False
    write_bytes(staged, filled)
    notes.add("I-TOC-FILLED", count=len(entries))
    return True


def _new_session() -> OfficeSession:
    from reportgen.office.session import OfficeSession

    return OfficeSession()


def finish(docx: Path, *, pdf: bool = False, toc: bool = True, problems: Problems | None = None,
           office: OfficeSession | None = None) -> Delivered:
    """Fill the table of contents of the report at ``docx`` and, if asked, write its PDF
    beside it: :func:`deliver` with the file's own content (the file is replaced once)."""
    return deliver(docx.read_bytes(), docx, pdf=pdf, toc=toc, problems=problems, office=office)


def _pdf_failed(docx: Path, reason: str) -> OfficeError:
    from reportgen.office.process import OfficeError

    stale = pdf_path(docx)
    if stale.exists():
        return OfficeError("O-PDF-FAILED-STALE", docx=docx, reason=reason, stale=stale.name)
    return OfficeError("O-PDF-FAILED", docx=docx, reason=reason)
