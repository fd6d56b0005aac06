"""A template that reaches outside itself in every way a .docx can, for tests of
:mod:`reportgen.word.external`: a picture shown from a URL, hyperlinks to a local file and to
the web, an imported chunk of HTML, a field including a picture from a URL, and an attached
template on a server. Built from the official template by adding parts and relationships.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

OFFICIAL = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
SECRET = "模板夹带的内容"
"""The text of the imported chunk: it must not reach the report."""
WEB_LINK = "https://example.org/政策"

_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
    '<wp:docPr id="900" name="linked"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="900" name="linked"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:link="rIdOut1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
    '</a:graphic></wp:inline></w:drawing></w:r></w:p>')
_LINKS = ('<w:p><w:hyperlink r:id="rIdOut2"><w:r><w:t>本机文件</w:t></w:r></w:hyperlink>'
          '<w:hyperlink r:id="rIdOut3"><w:r><w:t>政策原文</w:t></w:r></w:hyperlink></w:p>')
_CHUNK = '<w:altChunk r:id="rIdOut4"/>'
_FIELD = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
          ' INCLUDEPICTURE "{base}/field.png" \\d </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>图</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
_RELS = (
    '<Relationship Id="rIdOut1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/image" Target="{base}/picture.png" TargetMode="External"/>'
    '<Relationship Id="rIdOut2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/hyperlink" Target="file:///etc/passwd" TargetMode="External"/>'
    '<Relationship Id="rIdOut3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/hyperlink" Target="' + WEB_LINK + '" TargetMode="External"/>'
    '<Relationship Id="rIdOut4" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/aFChunk" Target="chunk.html"/>')
_SETTINGS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/attachedTemplate" Target="{base}/template.dotx" TargetMode="External"/>'
    '</Relationships>')


def hostile_template(path: Path, base: str = "http://127.0.0.1:9") -> Path:
    """Write the template to ``path``; its URLs start with ``base``."""
    with zipfile.ZipFile(OFFICIAL) as official:
        parts = {name: official.read(name) for name in official.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    added = _PICTURE + _LINKS + _CHUNK + _FIELD.format(base=base)
    parts["word/document.xml"] = document.replace("<w:body>", "<w:body>" + added, 1).encode()
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", _RELS.format(base=base) + "</Relationships>").encode()
    parts["word/chunk.html"] = f"<html><body><p>{SECRET}</p></body></html>".encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", '<Override PartName="/word/chunk.html" ContentType="text/html"/></Types>').encode()
    settings = parts["word/settings.xml"].decode("utf-8")
    start = settings.index(">", settings.index("<w:settings")) + 1
    parts["word/settings.xml"] = (settings[:start] + '<w:attachedTemplate r:id="rIdT"/>'
                                  + settings[start:]).encode()
    if 'xmlns:r=' not in settings[:start]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ", b'<w:settings xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships" ', 1)
    parts["word/_rels/settings.xml.rels"] = _SETTINGS_RELS.format(base=base).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def assert_nothing_reaches_outside(parts: dict[str, str]) -> None:
    """``parts`` (member name → text) of a package made from :func:`hostile_template` keep
    only the web hyperlink: no external picture, local file, imported chunk (its part and
    content type), attached template or including field, and none of the chunk's text."""
    everything = "".join(parts.values())
    assert re.findall(r'Target="([^"]*)" TargetMode="External"', everything) == [WEB_LINK]
    assert "file:///" not in everything and "127.0.0.1" not in everything
    assert "altChunk" not in everything and "word/chunk.html" not in parts
    assert "chunk.html" not in parts["[Content_Types].xml"] and SECRET not in everything
    assert "attachedTemplate" not in parts["word/settings.xml"]
    assert "INCLUDEPICTURE" not in parts["word/document.xml"]
