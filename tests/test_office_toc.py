"""The table of contents' entries are written into the TOC field and nothing else changes.

These tests need no LibreOffice: the entries are given, as LibreOffice would compute them.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from reportgen import Problems, load, render
from reportgen.word.toc import TocEntry, fill_toc, read_toc

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = [TocEntry(1, "1. 学校概况", "1"), TocEntry(2, "1.1 基本情况", "1"),
           TocEntry(3, "1.2.1 动态调整专业设置", "2"), TocEntry(1, "2. 人才培养", "7")]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    """The 2024 report as rendered, before any table of contents is filled."""
    return render(load(ROOT / "inputs" / "2024.xlsx", problems=Problems()))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _canonical(data: bytes) -> bytes:
    """XML in canonical form (``<a></a>`` and ``<a/>`` alike); other parts as they are."""
    if not data.lstrip().startswith(b"<?xml"):
        return data
    return ET.canonicalize(data.decode("utf-8")).encode("utf-8")


def _without_toc(document_xml: bytes) -> bytes:
    """document.xml with the TOC field (from its begin mark to its end mark) cut out."""
    text = document_xml.decode("utf-8")
    start = text.index('<w:fldChar w:fldCharType="begin"')
    start = text.rindex("<w:p>", 0, start) if "<w:p>" in text[:start] else start
    instr = text.index("TOC \\o")
    assert instr > start
    end = text.index('w:fldCharType="end"', instr)
    end = text.index("</w:p>", end) + len("</w:p>")
    return (text[:start] + text[end:]).encode("utf-8")


def test_filled_entries_read_back_in_order_with_their_levels(rendered, tmp_path):
    """Entries written into the field are the entries read from it: text, level, page."""
    out = tmp_path / "r.docx"
    out.write_bytes(fill_toc(rendered, ENTRIES))
    assert read_toc(out) == ENTRIES


def test_the_toc_stays_a_field_word_can_update(rendered, tmp_path):
    """The instruction, the begin/separate/end marks and the dirty flag survive: Word still
    recomputes the table of contents when it opens the file."""
    xml = _parts(fill_toc(rendered, ENTRIES))["word/document.xml"].decode("utf-8")
    assert xml.count("TOC \\o &quot;1-3&quot; \\h \\z \\u") + xml.count('TOC \\o "1-3" \\h \\z \\u') == 1
    begin = xml.index('w:fldCharType="begin" w:dirty="true"')
    separate = xml.index('w:fldCharType="separate"', begin)
    last_entry = xml.index("2. 人才培养", separate)
    end = xml.index('w:fldCharType="end"', last_entry)
    assert begin < separate < last_entry < end
    assert "目录在 Word 中打开时更新" not in xml


def test_entries_use_the_toc_styles_of_their_level(rendered):
    """Each entry paragraph is in style toc 1/2/3 and ends in a tab then its page number."""
    xml = _parts(fill_toc(rendered, ENTRIES))["word/document.xml"].decode("utf-8")
    styles = re.findall(r'<w:pStyle w:val="(toc\d)"/>', xml, re.IGNORECASE)
    assert [s.lower() for s in styles] == ["toc1", "toc2", "toc3", "toc1"]
    assert re.search(r"动态调整专业设置</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>2</w:t>", xml)


def test_nothing_but_the_toc_changes(rendered):
    """Every other part of the package (styles, fonts, settings, numbering, footers) is the
    same XML — the very same bytes: only the document is parsed and written anew — and
    document.xml is the same outside the TOC field."""
    before, after = _parts(rendered), _parts(fill_toc(rendered, ENTRIES))
    assert before.keys() == after.keys()
    assert [name for name in before if before[name] != after[name]] == ["word/document.xml"]
    changed = [name for name in before if _canonical(before[name]) != _canonical(after[name])]
    assert changed == ["word/document.xml"]
    assert _without_toc(after["word/document.xml"]) == _without_toc(before["word/document.xml"])


def test_filling_twice_replaces_the_old_entries(rendered, tmp_path):
    """A report filled again (a template that already holds a computed TOC) gets the new
    entries only."""
    once = fill_toc(rendered, ENTRIES)
    twice = fill_toc(once, ENTRIES[:2])
    out = tmp_path / "r.docx"
    out.write_bytes(twice)
    assert read_toc(out) == ENTRIES[:2]


def test_a_document_without_a_toc_field_is_refused(tmp_path):
    """Without a TOC field there is nothing to fill: LookupError, and read_toc finds nothing."""
    import docx

    path = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(str(path))
    with pytest.raises(LookupError):
        fill_toc(path.read_bytes(), ENTRIES)
    assert read_toc(path) == []
