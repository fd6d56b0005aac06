"""The last steps after the .docx is written: its table of contents filled, and its PDF.

Both need a layout engine, LibreOffice (:mod:`reportgen.office.session`). Without one the
.docx is delivered as it is (Word updates the table of contents when it opens the file) and
the clerk is told so; a PDF that was asked for and could not be made is an
:class:`~reportgen.office.session.OfficeError`, raised only after the .docx is in place.
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from reportgen.errors import Problems
from reportgen.files import temporary_beside, write_atomically
from reportgen.office.session import (DEFAULT_TIMEOUT, Office, OfficeError, OfficeSession,
                                     convert_to_pdf, find_office, office_session)
from reportgen.word.toc import TocEntry, fill_toc, settle_fields, toc_field_count


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


def finish(docx: Path, *, pdf: bool = False, toc: bool = True, problems: Problems | None = None,
           timeout: float = DEFAULT_TIMEOUT) -> Delivered:
    """Fill the table of contents of ``docx`` in place and, if asked, write its PDF beside it.

    Notes for the clerk (what happened to the table of contents) go to ``problems``.
    Raises :class:`OfficeError` when ``pdf`` was asked for and could not be made.
    """
    notes = problems if problems is not None else Problems()
    office = find_office() if (toc or pdf) else None
    if office is None:
        if toc:
            notes.add("I-TOC-NO-OFFICE")
        if pdf:
            missing = OfficeError("O-OFFICE-MISSING")
            raise _pdf_failed(docx, str(missing)) from missing
        return Delivered(False, None)
    if office.uno_python is None:
        if toc:
            notes.add("W-TOC-NO-UNO")
        return Delivered(False, _plain_pdf(office, docx, timeout) if pdf else None)
    filled, written = False, None
    try:
        with office_session(office, timeout) as session:
            if toc:
                filled = _fill(session, docx, notes)
            if pdf:
                written = _export(session, docx)
    except OfficeError as exc:
        if pdf:
            raise _pdf_failed(docx, str(exc)) from exc
        notes.add("W-TOC-FAILED", reason=exc)
    return Delivered(filled, written)


def _fill(session: OfficeSession, docx: Path, notes: Problems) -> bool:
    answer = session.request(op="toc", docx=str(docx))
    entries = [TocEntry(int(e["level"]), str(e["text"]), str(e["page"]))
               for e in answer["entries"]]
    if not entries:
        notes.add("W-TOC-NO-HEADINGS")
        return False
    # Issue 12 (lists): 表目录, 图目录 and 案例目录 are tables of contents too, after the
    # TOC in the document; the worker returns each (``indexes``) and they are filled alike.
    lists = [[TocEntry(int(e["level"]), str(e["text"]), str(e["page"])) for e in index]
             for index in answer.get("indexes", [])[1:]]
    try:
        data = fill_toc(docx.read_bytes(), entries, lists)
    except LookupError:
        notes.add("W-TOC-NO-FIELD")
        return False
    # Issue 12 (Word compatibility): with every index filled, Word need not update fields
    # on opening (settle_fields); a list left unfilled keeps the request to update.
    complete = toc_field_count(data) == 1 + len(lists)
    write_atomically(docx, settle_fields(data) if complete else data)
    notes.add("I-TOC-FILLED", count=len(entries))
    return True


def _export(session: OfficeSession, docx: Path) -> Path:
    target = pdf_path(docx)
    temporary = temporary_beside(target)
    try:
        session.request(op="pdf", docx=str(docx), pdf=str(temporary))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _plain_pdf(office: Office, docx: Path, timeout: float) -> Path:
    target = pdf_path(docx)
    temporary = temporary_beside(target)
    try:
        convert_to_pdf(office, docx, temporary, timeout)
        os.replace(temporary, target)
    except OfficeError as exc:
        raise _pdf_failed(docx, str(exc)) from exc
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _pdf_failed(docx: Path, reason: str) -> OfficeError:
    stale = pdf_path(docx)
    if stale.exists():
        return OfficeError("O-PDF-FAILED-STALE", docx=docx, reason=reason, stale=stale.name)
    return OfficeError("O-PDF-FAILED", docx=docx, reason=reason)
