"""A file is recognised by its first bytes (and an archive by its members) before any reader
opens it; the workbook and the Word readers refuse or convert it by that shape."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reportgen.errors import DataError, UsageError
from reportgen.files import Shape, refusal, sniff

CODES = {"missing": "U-FILE-MISSING", "folder": "U-FILE-FOLDER", "unreadable": "U-FILE-UNREADABLE"}
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _compound(*streams: str) -> bytes:
    """An OLE2 file's signature followed by its streams' names, as a directory lists them."""
    return CFB + b"\0" * 504 + b"".join(s.encode("utf-16-le") + b"\0\0" for s in streams)


@pytest.mark.parametrize("content, shape", [
    (b"", Shape.EMPTY),
    (_compound("EncryptionInfo", "EncryptedPackage"), Shape.ENCRYPTED),
    (_compound("WordDocument", "1Table"), Shape.OLD_WORD),
    (_compound("Workbook"), Shape.OLD_WORKBOOK),
    (_compound("PowerPoint Document"), Shape.OLD_OFFICE),
    (b"{\\rtf1\\ansi hello}", Shape.RTF),
    (b"PK\x03\x04 cut short", Shape.TRUNCATED),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Shape.PDF),
    (b"<!DOCTYPE html><html><body>\xb1\xa8\xb8\xe6</body></html>", Shape.WEB_PAGE),
    ("学校,学生数\n某校,120\n".encode("gb18030"), Shape.TEXT),
    (bytes(range(256)), Shape.UNKNOWN),
])
def test_a_file_that_is_no_archive_is_named_by_its_first_bytes(tmp_path: Path, content: bytes,
                                                                 shape: Shape):
    """Empty, compound (encrypted, old Word, old Excel, other), RTF, a zip cut short, PDF, a
    web page, text (in GB18030 too) and anything else are told apart."""
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    assert sniff(path, **CODES).shape is shape


def test_an_archive_tells_its_members_their_size_and_mimetype(tmp_path: Path):
    """For a zip archive the table of members is read: names, count, declared size, and the
    start of an OpenDocument ``mimetype`` member."""
    path = tmp_path / "x.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "x" * 1000)
    sniffed = sniff(path, **CODES)
    assert sniffed.shape is Shape.ZIP
    assert sniffed.names == {"mimetype", "content.xml"} and sniffed.members == 2
    assert sniffed.uncompressed == 1000 + len("application/vnd.oasis.opendocument.text")
    assert sniffed.mimetype.startswith(b"application/vnd.oasis.opendocument.text")


def test_a_missing_path_or_a_folder_is_a_usage_error_with_the_callers_code(tmp_path: Path):
    """The caller names the codes: the workbook reader and the Word reader each keep theirs."""
    with pytest.raises(UsageError) as missing:
        sniff(tmp_path / "nothing.xlsx", **CODES)
    with pytest.raises(UsageError) as folder:
        sniff(tmp_path, **{**CODES, "folder": "U-IMPORT-FILE-FOLDER"})
    assert (missing.value.code, folder.value.code) == ("U-FILE-MISSING", "U-IMPORT-FILE-FOLDER")


def test_a_refusal_is_one_problem_located_at_the_file(tmp_path: Path):
    """A refused file is one data problem whose place is the file's name."""
    error = refusal(tmp_path / "报表.xlsx", "E-FILE-EMPTY")
    assert isinstance(error, DataError)
    [problem] = error.problems
    assert problem.code == "E-FILE-EMPTY" and problem.where.file == "报表.xlsx"


def test_a_damaged_member_read_while_sniffing_makes_the_archive_damaged(tmp_path: Path):
    """The ``mimetype`` member is read (its first bytes only); when its data does not match
    its checksum the archive counts as damaged, like one cut short."""
    path = tmp_path / "x.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"opendocument.text", b"opendocument.TEXT", 1))
    assert sniff(path, **CODES).shape is Shape.TRUNCATED
