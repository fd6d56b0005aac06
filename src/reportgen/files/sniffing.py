"""What a file handed to reportgen is, told by its first bytes, before any XML is parsed.

An .xlsx and a .docx are both zip archives of XML parts. Before either is opened, the file must
be there, must be an archive, and a safe one: :func:`sniff` reads the file's signature and, for
an archive, its table of members (their count and declared uncompressed size bound a zip bomb:
:mod:`zipfile` never inflates a member past its declared size). Anything else is named by what
it looks like (an OLE2 compound file — old .xls/.doc or an encrypted Office file —, RTF, PDF,
a web page, text), so that each reader (:mod:`reportgen.xlsx.container`,
:mod:`reportgen.word.reading.container`) refuses it with its own located Chinese problem, or
has it converted.
"""

from __future__ import annotations

import codecs
import enum
import zipfile
import zlib
from pathlib import Path
from typing import Any

import attrs

from reportgen.errors import DataError, Problem, UsageError
from reportgen.files.writing import os_reason
from reportgen.model import SourceRef

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_CFB_READ = 8 * 1024 * 1024
"""How much of a compound file is searched for the names of its streams."""


class Shape(enum.Enum):
    """What a file looks like, from its first bytes (and, for an archive, its members)."""

    EMPTY = "empty"
    """No byte at all."""
    ENCRYPTED = "encrypted"
    """An OLE2 compound file holding an encrypted Office document (a password-protected
    .xlsx or .docx)."""
    OLD_WORD = "old-word"
    """An OLE2 compound file holding a Word 97-2003 (or WPS) document."""
    OLD_WORKBOOK = "old-workbook"
    """An OLE2 compound file holding an Excel 97-2003 workbook."""
    OLD_OFFICE = "old-office"
    """Another OLE2 compound file (an old PowerPoint file, a Visio drawing…)."""
    RTF = "rtf"
    """A Rich Text Format document."""
    ZIP = "zip"
    """A zip archive whose table of members could be read."""
    TRUNCATED = "truncated"
    """A zip archive cut short or damaged."""
    PDF = "pdf"
    """A PDF document."""
    WEB_PAGE = "web-page"
    """An HTML or MHT file (Word and Excel save those, and name them .doc or .xls at times)."""
    TEXT = "text"
    """Text (a CSV or TXT export)."""
    UNKNOWN = "unknown"
    """None of the above."""


@attrs.frozen
class Sniffed:
    """A file's shape and, for an archive, what its table of members says."""

    shape: Shape
    """What the file looks like."""
    names: frozenset[str] = frozenset()
    """The archive's member names (empty unless the shape is ``ZIP``)."""
    members: int = 0
    """How many members the archive holds."""
    uncompressed: int = 0
    """The members' declared size once unzipped, in bytes."""
    mimetype: bytes = b""
    """The start of the archive's ``mimetype`` member (OpenDocument files have one)."""


def sniff(path: Path, *, missing: str, folder: str, unreadable: str) -> Sniffed:
    """The shape of the file at ``path``.

    A missing path, a folder and a file that cannot be read raise a :class:`UsageError` with
    the code the caller gives for each (``missing``, ``folder``, ``unreadable``).
    """
    if not path.exists():
        raise UsageError(missing, path=path)
    if path.is_dir():
        raise UsageError(folder, path=path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise UsageError(unreadable, path=path, reason=os_reason(exc)) from exc
    if not head:
        return Sniffed(Shape.EMPTY)
    if head == _CFB_SIGNATURE:
        return Sniffed(_compound_file(path))
    if head.startswith(b"{\\rtf"):
        return Sniffed(Shape.RTF)
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_SIGNATURE):
            return Sniffed(Shape.TRUNCATED)
        if head.startswith(b"%PDF"):
            return Sniffed(Shape.PDF)
        return Sniffed(_start_shape(path))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = frozenset(m.filename for m in infos)
            mimetype = b""
            if "mimetype" in names:  # its start only: the member is not inflated past it
                with archive.open("mimetype") as member:
                    mimetype = member.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError,
            zlib.error):
        return Sniffed(Shape.TRUNCATED)
    return Sniffed(Shape.ZIP, names, len(infos), sum(m.file_size for m in infos), mimetype)


def refusal(path: Path, code: str, **fields: Any) -> DataError:
    """The error refusing the file at ``path``: one problem ``code``, located at the file."""
    return DataError([Problem.of(code, SourceRef(path.name, ""), **fields)])


def _compound_file(path: Path) -> Shape:
    """What an OLE2 compound file holds, told by the names of its streams."""
    with path.open("rb") as stream:
        content = stream.read(_CFB_READ)

    def named(stream_name: str) -> bool:
        return stream_name.encode("utf-16-le") in content

    if named("EncryptedPackage") or named("EncryptionInfo"):
        return Shape.ENCRYPTED
    if named("WordDocument"):
        return Shape.OLD_WORD
    if named("Workbook") or named("Book"):
        return Shape.OLD_WORKBOOK
    return Shape.OLD_OFFICE


def _start_shape(path: Path) -> Shape:
    """A web page, text, or neither, told by the start of a file that is not an archive."""
    with path.open("rb") as stream:
        start = stream.read(4096)
    if any(mark in start[:2048].lower() for mark in (b"<html", b"mime-version:",
                                                     b"<!doctype html")):
        return Shape.WEB_PAGE
    for encoding in ("utf-8", "gb18030", "utf-16"):
        if encoding == "utf-16" and start[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            continue
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(start, final=False)
        except UnicodeDecodeError:
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text.lstrip("\ufeff")):
            return Shape.TEXT
    return Shape.UNKNOWN
