"""A report's package written once (:mod:`reportgen.word.package`): the parts python-docx
would save, checked for links out before they are zipped, in one fast-deflated archive; what a
template's reports share is checked and compressed once."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
import pytest
from hostile_template import assert_nothing_reaches_outside, hostile_template

from reportgen.word import cache, default_template
from reportgen.word import external, package
from reportgen.word.external import neutralise_parts
from reportgen.word.package import COMPRESSION_LEVEL, package_bytes, zip_members


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
    assert_nothing_reaches_outside(parts)
    docx.Document(io.BytesIO(package_bytes(document)))


def test_members_linking_nowhere_are_returned_as_they_are():
    """A package with nothing to cut comes back as the very same mapping."""
    saved = io.BytesIO()
    docx.Document().save(saved)
    members = _members(saved.getvalue())
    assert neutralise_parts(members) is members


def test_any_members_zip_into_an_archive_zipfile_reads():
    """Names (also Chinese ones), bytes and order survive; an empty member too."""
    members = {"a.xml": b"<a/>" * 1000, "word/媒体/图.png": bytes(range(256)) * 40, "empty": b""}
    archive = zip_members(members)
    assert _members(archive) == members
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert [info.filename for info in opened.infolist()] == list(members)


def test_a_package_too_big_for_plain_zip_is_zipped_by_zipfile(monkeypatch):
    """Past the sizes a plain zip records, :mod:`zipfile` writes it (with zip64 records)."""
    monkeypatch.setattr(package, "_LIMIT", 100)
    members = {"a.xml": b"<a/>" * 1000, "b.xml": b"<b/>"}
    assert _members(zip_members(members)) == members


@pytest.fixture
def compressed(monkeypatch):
    """The lengths of the members deflated (each member gets its own compressor)."""
    sizes: list[int] = []
    compressobj = zlib.compressobj

    class Counting:
        def __init__(self, *args):
            self.inner = compressobj(*args)

        def compress(self, data):
            sizes.append(len(data))
            return self.inner.compress(data)

        def flush(self):
            return self.inner.flush()
    monkeypatch.setattr(package.zlib, "compressobj", Counting)
    return sizes


def test_the_very_same_bytes_are_compressed_once(compressed):
    """A member whose bytes are the same object as last time reuses their compressed form;
    equal bytes in a new object are compressed again (only identity is trusted)."""
    deflated: dict = {}
    shared, own = b"<styles/>" * 500, b"<document/>" * 500
    first = zip_members({"styles.xml": shared, "document.xml": own}, deflated)
    assert len(compressed) == 2
    second = zip_members({"styles.xml": shared, "document.xml": bytes(bytearray(own))},
                         deflated)
    assert compressed == [len(shared), len(own), len(own)]
    assert _members(first) == _members(second)


def test_reports_of_a_template_check_and_compress_its_shared_parts_once(compressed,
                                                                          monkeypatch):
    """From the third report of a template on (the first two parse it), styles, numbering,
    theme… are neither checked for links out nor compressed again; the document is, and
    every report holds every part."""
    cache.clear()
    checked: list[bytes] = []
    clean = external._clean_part

    def counting(xml, dropped):
        checked.append(xml)
        return clean(xml, dropped)
    monkeypatch.setattr(external, "_clean_part", counting)
    reports = []
    for n in range(4):
        tpl = cache.open_template(default_template())
        tpl.docx.add_paragraph(f"第{n}份")
        checked.clear()
        compressed.clear()
        reports.append(_members(package_bytes(tpl.docx, tpl.kept.written)))
        if n == 3:
            styles = len(reports[-1]["word/styles.xml"])
            assert styles not in compressed and len(compressed) < len(reports[-1]) / 2
            assert all(b"<w:styles" not in xml for xml in checked)
            assert any("第3份".encode() in xml for xml in checked)
    assert reports[3].keys() == reports[0].keys()
    assert reports[3]["word/styles.xml"] == reports[0]["word/styles.xml"]
    cache.clear()


def test_a_shared_part_with_a_link_out_is_cut_in_every_report(tmp_path):
    """A clerk's template attaching a template on a server (settings, shared by its reports):
    the cut made once is in every report, not only the first."""
    template = hostile_template(tmp_path / "模板.docx")
    cache.clear()
    for _ in range(4):
        tpl = cache.open_template(template)
        settings = _members(package_bytes(tpl.docx, tpl.kept.written))["word/settings.xml"]
        assert b"attachedTemplate" not in settings
    cache.clear()
