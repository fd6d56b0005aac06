"""The workbook file itself, checked before openpyxl opens it.

An .xlsx is a zip archive of XML parts. Before any XML is parsed this module makes sure the
file is one: not missing, not empty, not an old .xls or an encrypted workbook (both are OLE2
compound files, signature ``D0 CF 11 E0``), not a CSV or a Word document renamed, not cut
short, and not a zip bomb (its declared uncompressed size is bounded; :mod:`zipfile` never
inflates a member past its declared size), nor a sheet of millions of (formatted, empty)
cells, counted in the XML as it inflates before openpyxl would build an object for each.
Each refusal is one located, Chinese problem.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from reportgen.errors import DataError, Problem, UsageError
from reportgen.model import SourceRef

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most a workbook may hold once unzipped. A filled-in report workbook is well under
5 MB; the limit only stops archives built to exhaust memory."""

MAX_MEMBERS = 10_000
"""The most parts a workbook's archive may hold."""

MAX_SHEET_CELLS = 100_000
"""The most cells (and rows) one worksheet may hold. Excel writes a cell for each formatted
one, empty or not; openpyxl spends about 13 µs and 400 bytes on each, so a sheet of nine
million formatted empty cells (180 MB unzipped from 500 KB) would take minutes and gigabytes.
A report's busiest sheet holds a few hundred."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"


def check_workbook_file(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
                        max_cells: int | None = None) -> None:
    """Raise unless ``path`` is an .xlsx archive that is safe to hand to openpyxl.

    A missing path or a folder is a :class:`UsageError` (the command named the wrong thing);
    a file that is there but is not a usable workbook is a :class:`DataError` with one problem
    located at the file.
    """
    if not path.exists():
        raise UsageError("U-FILE-MISSING", path=path)
    if path.is_dir():
        raise UsageError("U-FILE-FOLDER", path=path)
    where = SourceRef(path.name, "")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise UsageError("U-FILE-UNREADABLE", path=path, reason=exc.strerror or exc) from exc

    def refuse(code: str, **fields: Any) -> DataError:
        return DataError([Problem.of(code, where, **fields)])

    if not head:
        raise refuse("E-FILE-EMPTY")
    if head == _CFB_SIGNATURE:
        raise _compound_file_problem(path, where)
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_SIGNATURE):
            raise refuse("E-FILE-TRUNCATED")
        if _looks_like_text(path):
            raise refuse("E-FILE-TEXT")
        raise refuse("E-FILE-NOT-XLSX")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse("E-FILE-TRUNCATED") from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise refuse("E-FILE-WORD")
        if "ppt/presentation.xml" in names:
            raise refuse("E-FILE-POWERPOINT")
        if "content.xml" in names:
            raise refuse("E-FILE-ODF")
        raise refuse("E-FILE-ZIP")
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > max_uncompressed:
        raise refuse("E-FILE-TOO-LARGE", size=_megabytes(total),
                     limit=_megabytes(max_uncompressed))
    oversized = check_sheet_sizes(path, max_cells=max_cells or MAX_SHEET_CELLS)
    if oversized:
        raise DataError(oversized)


def check_sheet_sizes(path: Path, *, max_cells: int = MAX_SHEET_CELLS) -> list[Problem]:
    """A problem for each worksheet of the archive at ``path`` holding more than
    ``max_cells`` cells and rows, counted in its XML without parsing it."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        titles = _sheet_titles(archive)
        others = {n for n in archive.namelist()
                  if n.startswith("xl/worksheets/") and n.endswith(".xml")} - titles.keys()
        for name in [*titles, *sorted(others)]:  # the sheets in the workbook's order
            try:
                count = _count_cells(archive, name, stop_after=10 * max_cells)
            except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
                continue  # a missing or damaged part is openpyxl's to report
            if count > max_cells:
                title = titles.get(name, name)
                counted = f" {count:,}" if count <= 10 * max_cells else f"超过 {10 * max_cells:,}"
                problems.append(Problem.of("E-FILE-SHEET-TOO-LARGE", SourceRef(path.name, title),
                                           title=title, counted=counted, limit=f"{max_cells:,}"))
    return problems


_ENTRY_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")


def _count_cells(archive: zipfile.ZipFile, name: str, *, stop_after: int) -> int:
    """The ``<c>`` and ``<row>`` elements of one worksheet part, counted while it inflates
    (about 100 MB a second, in constant memory), up to a little more than ``stop_after``."""
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
                tags = [b"<" + prefix + tag + end for tag in (b"c", b"row") for end in _ENTRY_ENDS]
            count += sum(data.count(tag) for tag in tags)
            if count > stop_after:
                break
    return count


_RELS_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's part name and its title, as the workbook lists them (empty when the
    workbook part cannot be read: then the part names stand for the titles)."""
    try:
        if any(archive.getinfo(n).file_size > (1 << 22)
               for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")):
            return {}
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # damaged or unsafe XML: openpyxl will say so
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    titles = {}
    for sheet in workbook.iter():
        if sheet.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(sheet.get(f"{_RELS_NS}id"), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            titles[posixpath.normpath(part)] = sheet.get("name", "")
    return titles


def _compound_file_problem(path: Path, where: SourceRef) -> DataError:
    """An OLE2 compound file: an encrypted workbook, an old .xls, or another Office file."""
    with path.open("rb") as stream:
        content = stream.read(4 * 1024 * 1024)

    def named(stream_name: str) -> bool:
        return stream_name.encode("utf-16-le") in content

    if named("EncryptedPackage") or named("EncryptionInfo"):
        problem = Problem.of("E-FILE-ENCRYPTED", where)
    elif named("Workbook") or named("Book"):
        problem = Problem.of("E-FILE-XLS", where)
    else:
        problem = Problem.of("E-FILE-OLD-OFFICE", where)
    return DataError([problem])


def _looks_like_text(path: Path) -> bool:
    """True when the file's start decodes as text (a CSV or TXT export)."""
    with path.open("rb") as stream:
        start = stream.read(4096)
    decoders = [codecs.getincrementaldecoder(e)() for e in ("utf-8", "gb18030")]
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        decoders.append(codecs.getincrementaldecoder("utf-16")())
    for decoder in decoders:
        try:
            text = decoder.decode(start, final=False)
        except UnicodeDecodeError:
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text.lstrip("\ufeff")):
            return True
    return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
