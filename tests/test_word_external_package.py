"""A report's package written once (:func:`reportgen.word.external.package_bytes`): the parts python-docx
would save, checked for links out before they are zipped, in one fast-deflated archive."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from hostile_template import SECRET, WEB_LINK, hostile_template

from reportgen.word import default_template
from reportgen.word.external import COMPRESSION_LEVEL, neutralise_parts, package_bytes


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every member's checksum holds
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_the_archive_holds_what_python_docx_saves_in_the_same_order():
    """The official template written by :func:`package_bytes` has every member python-docx's
    own ``save`` writes, in the same order and with the same bytes, each one deflated."""
    document = docx.Document(str(default_template()))
    document.add_paragraph("报告正文")
    saved = io.BytesIO()
    document.save(saved)
    written = package_bytes(document)
    ours, theirs = _members(written), _members(saved.getvalue())
    assert list(ours) == list(theirs)
    assert ours == theirs
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert "报告正文" in [p.text for p in docx.Document(io.BytesIO(written)).paragraphs]


def test_the_archive_is_deflated_at_the_fast_level():
    """Each member is deflated as zlib does at :data:`COMPRESSION_LEVEL` (the archive is not
    stored uncompressed, nor compressed at python-docx's slower default)."""
    assert 1 <= COMPRESSION_LEVEL < 6
    document = docx.Document(str(default_template()))
    written = package_bytes(document)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        styles = archive.getinfo("word/styles.xml")
        raw = archive.read(styles)
        fast = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -15)
        assert styles.compress_size == len(fast.compress(raw) + fast.flush()) < len(raw)


def test_links_out_of_a_template_are_cut_before_zipping(tmp_path):
    """A clerk's template reaching outside (picture from a URL, local file link, imported
    chunk, including field, attached template) written by :func:`package_bytes`: only the web
    hyperlink stays; the chunk's part and its content type are gone; python-docx opens it."""
    document = docx.Document(str(hostile_template(tmp_path / "模板.docx")))
    parts = {name: blob.decode("utf-8", "replace")
             for name, blob in _members(package_bytes(document)).items()}
    everything = "".join(parts.values())
    assert re.findall(r'Target="([^"]*)" TargetMode="External"', everything) == [WEB_LINK]
    assert "file:///" not in everything and "127.0.0.1" not in everything
    assert "altChunk" not in everything and "word/chunk.html" not in parts
    assert "chunk.html" not in parts["[Content_Types].xml"] and SECRET not in everything
    assert "attachedTemplate" not in parts["word/settings.xml"]
    assert "INCLUDEPICTURE" not in parts["word/document.xml"]
    docx.Document(io.BytesIO(package_bytes(document)))


def test_members_linking_nowhere_are_returned_as_they_are():
    """A package with nothing to cut comes back as the very same mapping."""
    saved = io.BytesIO()
    docx.Document().save(saved)
    members = _members(saved.getvalue())
    assert neutralise_parts(members) is members
