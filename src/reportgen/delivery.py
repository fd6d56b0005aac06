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

from reportgen.errors import Problems, Severity
from reportgen.files import temporary_beside, write_atomically
from reportgen.office.session import (DEFAULT_TIMEOUT, Office, OfficeError, OfficeSession,
                                     convert_to_pdf, find_office, office_session)
from reportgen.word.toc import TocEntry, fill_toc

TOC_FILLED = "目录已填好页码"
TOC_LEFT_FOR_WORD = "目录将在 Word 打开时更新（WPS 不会自动更新目录）"
NO_OFFICE = "未找到 LibreOffice"
NO_UNO = "未找到 LibreOffice 的 Python 组件（软件包 python3-uno）"
SETUP_HINT = "安装方法见 README（运行 tools/setup.sh）"


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
            notes.add(f"{NO_OFFICE}，{TOC_LEFT_FOR_WORD}", severity=Severity.INFO)
        if pdf:
            raise _pdf_failed(docx, f"{NO_OFFICE}。{SETUP_HINT}，或在 Word/WPS 中打开报告后“另存为 PDF”")
        return Delivered(False, None)
    if office.uno_python is None:
        if toc:
            notes.add(f"{NO_UNO}，{TOC_LEFT_FOR_WORD}。{SETUP_HINT}", severity=Severity.WARNING)
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
        notes.add(f"目录未能填入页码：{exc}。{TOC_LEFT_FOR_WORD}", severity=Severity.WARNING)
    return Delivered(filled, written)


def _fill(session: OfficeSession, docx: Path, notes: Problems) -> bool:
    answer = session.request(op="toc", docx=str(docx))
    entries = [TocEntry(int(e["level"]), str(e["text"]), str(e["page"]))
               for e in answer["entries"]]
    if not entries:
        notes.add("报告中没有标题，目录为空", severity=Severity.WARNING)
        return False
    try:
        data = fill_toc(docx.read_bytes(), entries)
    except LookupError:
        notes.add("模板中没有目录域（TOC），未生成目录", severity=Severity.WARNING)
        return False
    write_atomically(docx, data)
    notes.add(f"{TOC_FILLED}（共 {len(entries)} 条）", severity=Severity.INFO)
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
        reason += f"。注意：同名的旧 PDF（{stale.name}）没有更新，与新报告不符"
    return OfficeError(f"报告已生成：{docx}；但 PDF 未生成：{reason}")
