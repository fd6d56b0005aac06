"""Nothing in a report reaches outside it, whatever its template links to.

The template of :mod:`hostile_template` shows a picture from a URL, links to a local file,
imports a chunk of HTML, includes a picture by a field and attaches a template on a server.
The report keeps only its web hyperlink; LibreOffice, laying the report out (or a .docx given
to ``pages``), fetches nothing — a local web server counts its requests.
"""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from pathlib import Path
from typing import Iterator

import docx
import pytest
from hostile_template import assert_nothing_reaches_outside, hostile_template

from reportgen import generate
from reportgen.office.session import OfficeSession, find_office
from reportgen.pipeline import render_pages
from reportgen.word.external import neutralise_external
from workbooks import build


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def test_the_report_keeps_no_link_to_outside_but_web_hyperlinks(tmp_path):
    """External pictures, local-file hyperlinks, the attached template, the imported chunk
    (element, relationship, part and content type) and the including field are gone; the
    https hyperlink and the rest of the report stay, and python-docx opens it."""
    template = hostile_template(tmp_path / "模板.docx")
    report = generate(build(tmp_path), tmp_path / "r.docx", template=template, toc=False)
    parts = _parts(report)
    assert_nothing_reaches_outside(parts)
    document = docx.Document(str(report))
    texts = [p.text for p in document.paragraphs]
    assert "本机文件政策原文" in texts and "图" in texts


def test_a_document_linking_nowhere_is_returned_unchanged():
    """A package without anything to cut comes back as the very same bytes."""
    out = io.BytesIO()
    docx.Document().save(out)
    data = out.getvalue()
    assert neutralise_external(data) is data


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server: its base URL, and the paths requested from it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    _Counting.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Counting.requests
    server.shutdown()
    server.server_close()
    thread.join(10)


@pytest.mark.office
@pytest.mark.skipif(find_office() is None or find_office().uno_python is None,  # type: ignore[union-attr]
                    reason="needs LibreOffice with python3-uno")
def test_libreoffice_fetches_nothing_for_the_report_or_for_pages(tmp_path, web_server):
    """Building with the template (table of contents and PDF by LibreOffice) and drawing a page
    of the template itself with ``pages`` make no request to the server its links name."""
    base, requests = web_server
    template = hostile_template(tmp_path / "模板.docx", base)
    with OfficeSession() as office:
        report = generate(build(tmp_path), tmp_path / "r.docx", template=template, pdf=True,
                          office=office)
        assert report.with_suffix(".pdf").stat().st_size > 1000
        assert render_pages(template, [1], tmp_path / "png", office=office)
    assert requests == []


def _with_field(instruction: str) -> bytes:
    """A .docx whose body holds one complex field with ``instruction``."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    for xml in ('<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r %s><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>',
                '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml % nsdecls("w")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("instruction", [' INCLUDEPICTURE "http://x/a.png" ',
                                         ' includepicture "http://x/a.png" ',
                                         ' IncludeText "C:\\\\secret.docx" ', " LINK Excel.Sheet x "])
def test_fetching_fields_are_blanked_in_any_case(instruction):
    """Word reads field names in any case: a lower-case or mixed-case fetching field is blanked
    like an upper-case one (the quick search that decides which parts to parse is case-blind)."""
    cleaned = _parts_of(neutralise_external(_with_field(instruction)))["word/document.xml"]
    assert "http://x" not in cleaned and "secret" not in cleaned and "Excel.Sheet" not in cleaned


@pytest.mark.parametrize("instruction", [" PAGE ", " PAGE \\* MERGEFORMAT linked "])
def test_a_field_fetching_nothing_changes_nothing(instruction):
    """A PAGE field leaves the package as it is, the very same bytes — also when the part
    holds a word like "link" and so is parsed to make sure."""
    data = _with_field(instruction)
    assert neutralise_external(data) is data


def _parts_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
