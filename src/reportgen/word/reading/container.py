"""The Word file itself, checked before python-docx opens it.

Mirrors :mod:`reportgen.xlsx.container`: a .docx is a zip archive of XML parts; before any XML
is parsed, the file must be one, and a safe one. Old formats that LibreOffice can turn into a
.docx (Word 97-2003 .doc, WPS .wps, RTF, OpenDocument .odt) are named, so that the caller can
convert them; everything else is refused with one located, Chinese problem.
"""

from __future__ import annotations

import enum
from pathlib import Path

from reportgen.files import Shape, refusal, sniff

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
"""The most a document may hold once unzipped; a report with its pictures is far below."""
MAX_MEMBERS = 10_000
"""The most parts a document's archive may hold."""

_CONVERTIBLE = {Shape.OLD_WORD, Shape.RTF, Shape.WEB_PAGE}
"""Files that are not a .docx but that LibreOffice turns into one (a web page saved by Word is
often named .doc)."""
_NOT_AN_ARCHIVE = {
    Shape.EMPTY: "E-DOCX-EMPTY", Shape.ENCRYPTED: "E-DOCX-ENCRYPTED",
    Shape.OLD_WORKBOOK: "E-DOCX-XLS", Shape.OLD_OFFICE: "E-DOCX-OLD-OFFICE",
    Shape.TRUNCATED: "E-DOCX-TRUNCATED", Shape.PDF: "E-DOCX-PDF", Shape.TEXT: "E-DOCX-TEXT",
    Shape.UNKNOWN: "E-DOCX-UNKNOWN",
}
"""The problem for each other file that is not a zip archive."""


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
    sniffed = sniff(path, missing="U-IMPORT-FILE-MISSING", folder="U-IMPORT-FILE-FOLDER",
                    unreadable="U-IMPORT-FILE-UNREADABLE")
    if sniffed.shape in _CONVERTIBLE:
        return Kind.LEGACY
    if sniffed.shape is not Shape.ZIP:
        raise refusal(path, _NOT_AN_ARCHIVE[sniffed.shape])
    names, total = sniffed.names, sniffed.uncompressed
    if sniffed.members > MAX_MEMBERS or total > max_uncompressed:
        raise refusal(path, "E-DOCX-TOO-LARGE", size=f"{total / 1048576:.0f} MB",
                     limit=f"{max_uncompressed / 1048576:.0f} MB")
    if "word/document.xml" in names:
        return Kind.DOCX
    if sniffed.mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.LEGACY
    if "xl/workbook.xml" in names:
        raise refusal(path, "E-DOCX-WORKBOOK")
    if "ppt/presentation.xml" in names:
        raise refusal(path, "E-DOCX-PRESENTATION")
    raise refusal(path, "E-DOCX-ZIP")
