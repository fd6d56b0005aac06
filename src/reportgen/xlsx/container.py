"""The workbook file itself, checked before openpyxl opens it.

An .xlsx is a zip archive of XML parts. Before any XML is parsed this module makes sure the
file is one: not missing, not empty, not an old .xls or an encrypted workbook (both are OLE2
compound files, signature ``D0 CF 11 E0``), not a CSV or a Word document renamed, not cut
short, and not a zip bomb (its declared uncompressed size is bounded; :mod:`zipfile` never
inflates a member past its declared size). Each refusal is one located, Chinese problem.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path
from typing import Any

from reportgen.errors import DataError, Problem, UsageError
from reportgen.model import SourceRef

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most a workbook may hold once unzipped. A filled-in report workbook is well under
5 MB; the limit only stops archives built to exhaust memory."""

MAX_MEMBERS = 10_000
"""The most parts a workbook's archive may hold."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"


def check_workbook_file(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> None:
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
