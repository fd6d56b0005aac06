"""Last year's Word report → this year's workbook (``reportgen import``).

The Word side (:mod:`reportgen.word.reading`) reads the document into a report and lists its
guesses; the workbook side (:mod:`reportgen.xlsx.writer`) writes the report as a workbook,
with the guesses in a sheet of their own (导入说明). Pictures are saved in a folder beside the
workbook. The workbook is then loaded once more, as ``reportgen`` will load it, and whatever
it still lacks (a 发布单位 the cover did not show) is handed back located by cell.

Old formats (.doc, .wps, .rtf, .odt) are converted by LibreOffice first, when it is installed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import attrs
from attrs import frozen

from reportgen.errors import DataError, Problem, Problems, UsageError
from reportgen.files import write_atomically
from reportgen.model import FreeTable, Report, Section, SourceRef
from reportgen.office.session import OfficeError, convert_document, find_office
from reportgen.word.reading import Guess, Kind, Reading, check_document_file, read_docx
from reportgen.xlsx import load
from reportgen.xlsx.writer import ExtraSheet, free_sheet_name, write_workbook
from reportgen.xlsx.settings import explicit_catalog

IMPORT_SHEET = "导入说明"
"""The sheet listing every guess of the import (the loader does not read it)."""
IMPORT_COLUMNS = ("序号", "位置", "页", "段", "说明", "原文", "代码")


@frozen
class ImportResult:
    """What an import produced."""

    workbook: Path
    """The workbook written."""
    report: Report
    """The report read from the document."""
    guesses: tuple[Guess, ...]
    """Every place where the reading was a guess, in document order."""
    pictures: tuple[Path, ...]
    """The pictures saved beside the workbook."""
    follow_up: tuple[Problem, ...]
    """What the workbook still lacks before a report can be built from it (loading it gives
    these problems), located by cell."""
    converted: bool = False
    """The document was converted to .docx by LibreOffice first."""


def default_workbook(document: Path) -> Path:
    """Where the workbook goes when no output is named: beside the document, same name."""
    return document.with_suffix(".xlsx")


def pictures_folder(workbook: Path) -> Path:
    """The folder beside the workbook that receives the document's pictures."""
    return workbook.with_name(f"{workbook.stem}-图片")


def import_report(document: str | os.PathLike[str], out: str | os.PathLike[str] | None = None,
                  *, overwrite: bool = False, catalog_year: int | None = None) -> ImportResult:
    """Read the Word report ``document`` and write it as a workbook at ``out`` (by default
    beside it, same name). An existing workbook is replaced only when ``overwrite`` is set.

    The official tables are recognised with the catalog of the report's year (its cover's
    学年度, or the year its tables' figures column names), or with the catalog of
    ``catalog_year`` when it is given; the workbook is loaded back with the same catalog.

    Raises :class:`UsageError` for a missing input or a refused output, and
    :class:`DataError` for a file that is not a readable Word document.
    """
    source = Path(document)
    target = Path(out) if out is not None else default_workbook(source)
    catalog = explicit_catalog(catalog_year) if catalog_year is not None else None
    kind = check_document_file(source)  # first: a workbook given as the report is said so
    _check_target(target, source, overwrite)
    if kind is Kind.DOCX:
        reading = read_docx(source, catalog)
    else:
        with tempfile.TemporaryDirectory(prefix="reportgen-import-") as work:
            reading = read_docx(_converted(source, Path(work)), catalog)
    guesses = list(reading.guesses)
    report = _usable_sheet_names(reading, guesses)
    pictures = _save_pictures(reading, target, guesses)
    guesses.sort(key=lambda g: (g.where.paragraph, g.where.table or 0))
    write_workbook(report, target, extra_sheets=[_import_sheet(guesses)])
    problems = Problems()
    try:
        load(target, problems=problems, catalog_year=catalog_year)
        follow_up = tuple(problems.items)
    except DataError as exc:
        follow_up = exc.problems
    return ImportResult(target, report, tuple(guesses), pictures, follow_up,
                        converted=kind is not Kind.DOCX)


def _check_target(target: Path, source: Path, overwrite: bool) -> None:
    if target.suffix.lower() != ".xlsx":
        raise UsageError("U-IMPORT-OUTPUT-SUFFIX", path=target)
    if target.is_dir():
        raise UsageError("U-IMPORT-OUTPUT-FOLDER", path=target)
    if target.exists() and source.exists() and os.path.samefile(target, source):
        raise UsageError("U-IMPORT-OUTPUT-IS-INPUT", path=target)
    if target.exists() and not overwrite:
        raise UsageError("U-IMPORT-OUTPUT-EXISTS", path=target)


def _converted(source: Path, work: Path) -> Path:
    """``source`` (.doc, .wps, .rtf, .odt) as a .docx in ``work``, by LibreOffice.

    The one place the import starts LibreOffice."""
    where = SourceRef(source.name, "")
    office = find_office()
    if office is None:
        raise DataError([Problem.of("E-DOCX-LEGACY", where)])
    target = work / f"{source.stem}.docx"
    try:
        convert_document(office, source, target)
    except OfficeError as exc:
        raise DataError([Problem.of("E-DOCX-CONVERT-FAILED", where, found=exc)]) from exc
    return target


def _usable_sheet_names(reading: Reading, guesses: list[Guess]) -> Report:
    """The report with its free tables keyed by names Excel accepts for sheets, all different
    (a caption too long, or with ``/``, gives a shorter or changed name, said in a guess)."""
    report = reading.report
    taken: set[str] = {t.spec.name for t in report.indicator_tables}
    renamed: dict[int, FreeTable] = {}
    for table, where in reading.free_tables:
        key = free_sheet_name(table.title, taken)
        taken.add(key)
        if key[2:] != table.title:
            guesses.append(Guess.of("W-IMPORT-TABLE-NAME", where, table.title, name=key[2:]))
        renamed[id(table)] = attrs.evolve(table, key=key, title=key[2:])

    def fix(section: Section) -> Section:
        body = tuple(renamed.get(id(b), b) for b in section.body)
        return attrs.evolve(section, body=body, children=tuple(fix(c) for c in section.children))

    return attrs.evolve(report, chapters=tuple(fix(c) for c in report.chapters))


def _save_pictures(reading: Reading, workbook: Path, guesses: list[Guess]) -> tuple[Path, ...]:
    folder = pictures_folder(workbook)
    saved = []
    for n, (picture, caption) in enumerate(reading.pictures, 1):
        path = folder / f"图片{n}{picture.extension}"
        write_atomically(path, picture.data)
        saved.append(path)
        guesses.append(Guess.of("W-IMPORT-PICTURE", picture.where, caption or picture.description,
                                path=f"{folder.name}/{path.name}"))
    return tuple(saved)


def _import_sheet(guesses: list[Guess]) -> ExtraSheet:
    rows = tuple((n, str(g.where), g.where.page, g.where.paragraph,
                  g.message + (f"。{g.hint}" if g.hint else ""), g.found[:300] or None, g.code)
                 for n, g in enumerate(guesses, 1))
    return ExtraSheet(IMPORT_SHEET, IMPORT_COLUMNS, rows, widths=(6, 24, 6, 6, 60, 40, 30))
