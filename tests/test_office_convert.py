"""``convert_document`` turns a file into another format with ``soffice --convert-to`` (an
old .doc or .wps into a .docx for ``import``; ``convert_to_pdf`` is the same for PDFs), and
says in Chinese, with its code, when LibreOffice wrote nothing.
"""

from __future__ import annotations

import stat
from pathlib import Path

import docx
import pytest

from reportgen.office.session import (Office, OfficeError, convert_document, convert_to_pdf,
                                      find_office)

OFFICE = find_office()


def _fake_soffice(folder: Path, body: str) -> Office:
    """An installation whose ``soffice`` runs ``body`` (a shell script), without ``uno``."""
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return Office(script, None)


@pytest.mark.office
@pytest.mark.skipif(OFFICE is None, reason="needs LibreOffice")
def test_an_old_word_file_becomes_a_docx_with_its_text(tmp_path: Path):
    """A .docx saved as Word 97 (.doc) by LibreOffice and converted back with the default
    converter is a .docx again, holding the same Chinese text."""
    assert OFFICE is not None
    original = tmp_path / "原稿.docx"
    document = docx.Document()
    document.add_paragraph("学校概况：在校生 1234 人")
    document.save(str(original))
    old = tmp_path / "旧格式.doc"
    convert_document(OFFICE, original, old, converter="doc:MS Word 97")
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE compound file, as Word 97 wrote
    back = tmp_path / "转回.docx"
    convert_document(OFFICE, old, back)
    assert "学校概况：在校生 1234 人" in [p.text for p in docx.Document(str(back)).paragraphs]


@pytest.mark.parametrize(("convert", "code", "says"), [
    (lambda office, source, target: convert_to_pdf(office, source, target), "O-PDF-NOT-WRITTEN",
     "LibreOffice 没有生成 PDF（代码 3）"),
    (lambda office, source, target: convert_document(office, source, target),
     "O-CONVERT-NOT-WRITTEN", "LibreOffice 没有生成 .docx 文件（代码 3）"),
])
def test_a_conversion_that_writes_nothing_is_an_office_error(tmp_path: Path, convert, code, says):
    """A LibreOffice that exits without writing the file: an OfficeError with its code, its
    exit code and what it printed; nothing is written at the target."""
    office = _fake_soffice(tmp_path, "echo 'source file could not be loaded'\nexit 3")
    source, target = tmp_path / "旧.doc", tmp_path / "新.out"
    source.write_bytes(b"not a document")
    with pytest.raises(OfficeError) as caught:
        convert(office, source, target)
    assert caught.value.code == code
    assert says in str(caught.value) and "source file could not be loaded" in str(caught.value)
    assert not target.exists()
