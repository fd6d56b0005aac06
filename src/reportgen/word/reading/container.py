"""The Word file itself, checked before python-docx opens it.

Mirrors :mod:`reportgen.xlsx.container`: a .docx is a zip archive of XML parts; before any XML
is parsed, the file must be one, and a safe one. Old formats that LibreOffice can turn into a
.docx (Word 97-2003 .doc, WPS .wps, RTF, OpenDocument .odt) are named, so that the caller can
convert them; everything else is refused with one located, Chinese problem.
"""

from __future__ import annotations

import codecs
import enum
import zipfile
from pathlib import Path
from typing import Any

from reportgen.errors import DataError, Problem, UsageError
from reportgen.model import SourceRef

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
"""The most a document may hold once unzipped; a report with its pictures is far below."""
MAX_MEMBERS = 10_000
"""The most parts a document's archive may hold."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"


class Kind(enum.Enum):
    """What the file turned out to be."""

    DOCX = "docx"
    """A Word document (.docx), readable as it is."""
    LEGACY = "legacy"
    """An older word-processor file (.doc, .wps, .rtf, .odt, a web page saved by Word):
    LibreOffice can convert it."""


def check_document_file(path: Path, *,
                        max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> Kind:
    """What kind of document ``path`` is; raise unless it is one reportgen can read.

    A missing path or a folder is a :class:`UsageError`; a file that is there but is not a
    usable Word document is a :class:`DataError` with one problem located at the file.
    """
    if not path.exists():
        raise UsageError("U-IMPORT-FILE-MISSING", path=path)
    if path.is_dir():
        raise UsageError("U-IMPORT-FILE-FOLDER", path=path)
    where = SourceRef(path.name, "")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise UsageError("U-IMPORT-FILE-UNREADABLE", path=path,
                         reason=exc.strerror or exc) from exc

    def refuse(code: str, **fields: Any) -> DataError:
        return DataError([Problem.of(code, where, **fields)])

    if not head:
        raise refuse("E-DOCX-EMPTY")
    if head == _CFB_SIGNATURE:
        return _compound_file(path, where)
    if head.startswith(b"{\\rtf"):
        return Kind.LEGACY
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_SIGNATURE):
            raise refuse("E-DOCX-TRUNCATED")
        if head.startswith(b"%PDF"):
            raise refuse("E-DOCX-PDF")
        if _looks_like_web_page(path):
            return Kind.LEGACY  # Word's "save as web page" (.htm, .mht), often named .doc
        if _looks_like_text(path):
            raise refuse("E-DOCX-TEXT")
        raise refuse("E-DOCX-UNKNOWN")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() \
                else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise refuse("E-DOCX-TRUNCATED") from exc
    names = {m.filename for m in members}
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > max_uncompressed:
        raise refuse("E-DOCX-TOO-LARGE", size=f"{total / 1048576:.0f} MB",
                     limit=f"{max_uncompressed / 1048576:.0f} MB")
    if "word/document.xml" in names:
        return Kind.DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.LEGACY
    if "xl/workbook.xml" in names:
        raise refuse("E-DOCX-WORKBOOK")
    if "ppt/presentation.xml" in names:
        raise refuse("E-DOCX-PRESENTATION")
    raise refuse("E-DOCX-ZIP")


def _compound_file(path: Path, where: SourceRef) -> Kind:
    """An OLE2 compound file: an encrypted .docx, an old .doc or .wps, or another Office file."""
    with path.open("rb") as stream:
        content = stream.read(8 * 1024 * 1024)

    def named(stream_name: str) -> bool:
        return stream_name.encode("utf-16-le") in content

    if named("EncryptedPackage") or named("EncryptionInfo"):
        raise DataError([Problem.of("E-DOCX-ENCRYPTED", where)])
    if named("WordDocument"):
        return Kind.LEGACY
    if named("Workbook") or named("Book"):
        raise DataError([Problem.of("E-DOCX-XLS", where)])
    raise DataError([Problem.of("E-DOCX-OLD-OFFICE", where)])


def _looks_like_web_page(path: Path) -> bool:
    """True for an HTML or MHT file (Word saves those, and names them .doc at times)."""
    with path.open("rb") as stream:
        start = stream.read(2048).lower()
    return any(mark in start for mark in (b"<html", b"mime-version:", b"<!doctype html"))


def _looks_like_text(path: Path) -> bool:
    """True when the file's start decodes as text (a TXT, HTML or MHT export)."""
    with path.open("rb") as stream:
        start = stream.read(4096)
    for encoding in ("utf-8", "gb18030", "utf-16"):
        if encoding == "utf-16" and start[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            continue
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(start, final=False)
        except UnicodeDecodeError:
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text.lstrip("\ufeff")):
            return True
    return False
