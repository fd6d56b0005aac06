"""The workbook file itself, checked before its XML is parsed (by :mod:`reportgen.xlsx.sheet_xml`
for a report, by openpyxl for ``merge``, ``init`` and ``check --annotate``).

An .xlsx is a zip archive of XML parts. Before any XML is parsed this module makes sure the
file is one: not missing, not empty, not an old .xls or an encrypted workbook (both are OLE2
compound files, signature ``D0 CF 11 E0``), not a CSV or a Word document renamed, not cut
short, and not a zip bomb (its declared uncompressed size is bounded; :mod:`zipfile` never
inflates a member past its declared size), nor a sheet of millions of (formatted, empty)
cells, counted in the XML as it inflates before an object is built for each.
Each refusal is one located, Chinese problem.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from reportgen.errors import DataError, Problem
from reportgen.files import Shape, refusal, sniff
from reportgen.model import SourceRef
from reportgen.xlsx.sheet_xml import StrictWorkbookError, sheet_entries

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most a workbook may hold once unzipped. A filled-in report workbook is well under
5 MB; the limit only stops archives built to exhaust memory."""

MAX_MEMBERS = 10_000
"""The most parts a workbook's archive may hold."""

MAX_SHEET_CELLS = 100_000
"""The most cells (and rows) one worksheet may hold. Excel writes a cell for each formatted
one, empty or not; openpyxl spends about 13 µs and 400 bytes on each (the report's reader
a third of that), so a sheet of nine
million formatted empty cells (180 MB unzipped from 500 KB) would take minutes and gigabytes.
A report's busiest sheet holds a few hundred."""

_NOT_AN_ARCHIVE = {
    Shape.EMPTY: "E-FILE-EMPTY", Shape.ENCRYPTED: "E-FILE-ENCRYPTED",
    Shape.OLD_WORKBOOK: "E-FILE-XLS", Shape.OLD_WORD: "E-FILE-OLD-OFFICE",
    Shape.OLD_OFFICE: "E-FILE-OLD-OFFICE", Shape.TRUNCATED: "E-FILE-TRUNCATED",
    Shape.RTF: "E-FILE-TEXT", Shape.WEB_PAGE: "E-FILE-TEXT", Shape.TEXT: "E-FILE-TEXT",
    Shape.PDF: "E-FILE-NOT-XLSX", Shape.UNKNOWN: "E-FILE-NOT-XLSX",
}
"""The problem for each file that is not a zip archive."""


def check_workbook_file(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
                        max_cells: int | None = None) -> None:
    """Raise unless ``path`` is an .xlsx archive that is safe to parse.

    A missing path or a folder is a :class:`UsageError` (the command named the wrong thing);
    a file that is there but is not a usable workbook is a :class:`DataError` with one problem
    located at the file.
    """
    sniffed = sniff(path, missing="U-FILE-MISSING", folder="U-FILE-FOLDER",
                    unreadable="U-FILE-UNREADABLE")
    if sniffed.shape is not Shape.ZIP:
        raise refusal(path, _NOT_AN_ARCHIVE[sniffed.shape])
    names = sniffed.names
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise refusal(path, "E-FILE-WORD")
        if "ppt/presentation.xml" in names:
            raise refusal(path, "E-FILE-POWERPOINT")
        if "content.xml" in names:
            raise refusal(path, "E-FILE-ODF")
        raise refusal(path, "E-FILE-ZIP")
    total = sniffed.uncompressed
    if sniffed.members > MAX_MEMBERS or total > max_uncompressed:
        raise refusal(path, "E-FILE-TOO-LARGE", size=_megabytes(total),
                     limit=_megabytes(max_uncompressed))
    oversized = scan_sheets(path, max_cells=max_cells or MAX_SHEET_CELLS)
    if oversized:
        raise DataError(oversized)


def scan_sheets(path: Path, *, max_cells: int = MAX_SHEET_CELLS) -> list[Problem]:
    """Each worksheet's XML read once, without parsing it: a problem for each one holding more
    than ``max_cells`` cells and rows."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        titles = _sheet_titles(archive)
        others = {n for n in archive.namelist()
                  if n.startswith("xl/worksheets/") and n.endswith(".xml")} - titles.keys()
        for name in [*titles, *sorted(others)]:  # the sheets in the workbook's order
            try:
                count = _count_cells(archive, name, limit=max_cells, stop_after=10 * max_cells)
            except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
                continue  # a missing or damaged part is the parser's to report
            if count > max_cells:
                title = titles.get(name, name)
                counted = f" {count:,}" if count <= 10 * max_cells else f"超过 {10 * max_cells:,}"
                problems.append(Problem.of("E-FILE-SHEET-TOO-LARGE", SourceRef(path.name, title),
                                           title=title, counted=counted, limit=f"{max_cells:,}"))
    return problems


_ENTRY_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")


def _count_cells(archive: zipfile.ZipFile, name: str, *, limit: int, stop_after: int) -> int:
    """The ``<c>`` and ``<row>`` elements of one worksheet part, counted while it inflates
    (about 100 MB a second, in constant memory), up to a little more than ``stop_after``;
    exact when over ``limit``. Below it, a quicker count that also takes in look-alikes
    (``<col>``, ``<cfRule>``…) stands: it is never smaller than the exact one."""
    rough = _count(archive, name, stop_after=stop_after, exact=False)
    return rough if rough <= limit else _count(archive, name, stop_after=stop_after, exact=True)


def _count(archive: zipfile.ZipFile, name: str, *, stop_after: int, exact: bool) -> int:
    count, carry, tags = 0, b"", None
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            data = carry + chunk
            cut = data.rfind(b"<")  # a tag cut in two is counted with the next chunk
            if cut < 0 or len(data) - cut > 256:
                cut = len(data)
            data, carry = data[:cut], data[cut:]
            if tags is None:
                root = _ROOT.search(data)
                if root is None:  # no cell comes before the root element
                    continue
                prefix = (root.group(1) + b":") if root.group(1) else b""
                ends = _ENTRY_ENDS if exact else (b"",)
                tags = [b"<" + prefix + tag + end for tag in (b"c", b"row") for end in ends]
            count += sum(data.count(tag) for tag in tags)
            if count > stop_after:
                break
    return count


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's part name and its title, as the workbook lists them (empty when the
    workbook part cannot be read: then the part names stand for the titles)."""
    try:
        if any(archive.getinfo(n).file_size > (1 << 22)
               for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")):
            return {}
        _, _, entries = sheet_entries(archive)
    except Exception:  # damaged or unsafe XML: the reader will say so
        return {}
    return {part: title for title, _, _, part in entries if part}


_UNSAFE_XML = frozenset({"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden",
                         "NotSupportedError"})
"""What defusedxml raises for entity expansion and external references."""


def unopenable(path: Path, exc: BaseException) -> DataError:
    """The refusal of a workbook that passed :func:`check_workbook_file` but that its reader
    (or openpyxl) failed to open with ``exc``: unsafe XML, a Strict Open XML workbook, or a
    damaged file with the technical reason quoted for the maintainers."""
    where = SourceRef(path.name, "")
    if _unsafe_xml(exc):
        return DataError([Problem.of("E-FILE-UNSAFE-XML", where)])
    if isinstance(exc, StrictWorkbookError):
        return DataError([Problem.of("E-FILE-STRICT", where)])
    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return DataError([Problem.of("E-FILE-DAMAGED", where, found=reason)])


def _unsafe_xml(exc: BaseException | None) -> bool:
    """True when defusedxml refused a part (openpyxl wraps the error in its own)."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__name__ in _UNSAFE_XML:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
