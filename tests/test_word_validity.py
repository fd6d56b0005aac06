"""Word opens the report cleanly: valid OOXML, current mode, Chinese, no needless prompt.

Two validators look at what reportgen writes: openxml-audit (the Open XML SDK's schema and
semantic checks, PyPI) and :mod:`ooxml_rules` (the rules that make Word "repair" a file,
which openxml-audit does not all catch). Each must find nothing on the 2024 report, before
and after its table of contents is filled, and on a report that uses every feature (pictures,
charts, lists, an appendix, cross-references, the cover's settings). The rules are shown to
bite on a planted fault of each kind.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from openxml_audit import OpenXmlValidator

import feature_workbooks
import ooxml_rules
from conftest import EXAMPLE_WORKBOOK
from reportgen import generate, load, render
from reportgen.word.toc import asks_to_update_fields, settle_fields


def audit_errors(path: Path) -> list[str]:
    """What openxml-audit finds in the .docx at ``path``."""
    result = OpenXmlValidator().validate(str(path))
    return [str(e) for e in result.errors]


def rule_errors(path: Path) -> list[str]:
    """What the Word rules find (errors and warnings alike)."""
    return [f"{s} {part}:{line} {xp} {msg}" for s, part, line, xp, msg in ooxml_rules.findings(path)]


@pytest.fixture(scope="module")
def rendered_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2024 report as rendered, before LibreOffice fills its table of contents."""
    path = tmp_path_factory.mktemp("valid") / "2024-unfilled.docx"
    path.write_bytes(render(load(EXAMPLE_WORKBOOK)))
    return path


def test_openxml_audit_finds_nothing_in_the_2024_report(rendered_2024: Path, report_2024: Path):
    """No schema or semantic error, neither as rendered nor with its TOC filled."""
    assert audit_errors(rendered_2024) == []
    assert audit_errors(report_2024) == []


def test_word_rules_find_nothing_in_the_2024_report(rendered_2024: Path, report_2024: Path):
    """No out-of-order property, grid mismatch, open field, stray part or unknown style."""
    assert rule_errors(rendered_2024) == []
    assert rule_errors(report_2024) == []


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A report using every feature of issue 12, as rendered and as delivered (its TOC and
    lists filled by LibreOffice when it is installed)."""
    folder = tmp_path_factory.mktemp("features")
    workbook = feature_workbooks.feature_workbook(folder)
    rendered = folder / "rendered.docx"
    rendered.write_bytes(render(load(workbook)))
    delivered = folder / "delivered.docx"
    generate(workbook, delivered)
    return rendered, delivered


def test_nothing_is_found_in_a_report_using_every_feature(features: tuple[Path, Path]):
    """Pictures, charts, lists, an appendix, cross-references and the cover's settings:
    openxml-audit and the Word rules find nothing, before and after delivery."""
    for path in features:
        assert audit_errors(path) == [], path.name
        assert rule_errors(path) == [], path.name


def _settings(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/settings.xml"))


def test_word_opens_it_in_its_current_mode_in_chinese(rendered_2024: Path):
    """compatibilityMode 15 (no "兼容模式"), theme fonts' East Asian language zh-CN, the
    document's language zh-CN, and no stale stylesWithEffects part, relationship or
    content type."""
    settings = _settings(rendered_2024)
    modes = [s.get(qn("w:val")) for s in settings.iter(qn("w:compatSetting"))
             if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    document = docx.Document(str(rendered_2024))
    assert document.core_properties.language == "zh-CN"
    with zipfile.ZipFile(rendered_2024) as z:
        names = z.namelist()
        everything = b"".join(z.read(n) for n in names if n.endswith((".rels", ".xml")))
    assert not [n for n in names if "stylesWithEffects" in n]
    assert b"stylesWithEffects" not in everything


def test_page_number_is_song_four_centred(rendered_2024: Path):
    """GB/T 9704: the page number in 宋体 四号 (14 pt), digits included; centred (the
    documented choice for these reports)."""
    document = docx.Document(str(rendered_2024))
    footer = document.sections[-1].footer.paragraphs[0]
    style = footer.style
    fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
    assert style.font.size.pt == 14
    assert footer.alignment is None or footer.alignment == 1
    assert style.paragraph_format.alignment == 1  # centre
    assert "PAGE" in "".join(t.text or "" for t in footer._p.iter(qn("w:instrText")))


def test_update_prompt_stays_until_the_toc_is_filled(rendered_2024: Path):
    """A rendered report asks Word to update its fields (the TOC is still empty); once
    settled (what delivery does after filling it) it no longer asks, and no field is marked
    dirty, while the fields themselves remain."""
    data = rendered_2024.read_bytes()
    assert asks_to_update_fields(data)
    settled = settle_fields(data)
    assert not asks_to_update_fields(settled)
    body = docx.Document(io.BytesIO(settled)).element.body
    assert [m for m in body.iter(qn("w:fldChar")) if m.get(qn("w:dirty"))] == []
    assert any("TOC" in (t.text or "") for t in body.iter(qn("w:instrText")))


@pytest.mark.office
def test_a_filled_report_does_not_ask_to_update_fields(report_2024: Path):
    """generate() with LibreOffice fills the TOC, so Word opens the report without asking."""
    assert not asks_to_update_fields(report_2024.read_bytes())


# -- the rules bite: one planted fault of each kind --

def _plant(source: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    """A copy of ``source`` with ``old`` replaced by ``new`` (once) in ``part``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                assert old in data, f"{old!r} not in {part}"
                data = data.replace(old, new, 1)
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize(("part", "old", "new", "expected"), [
    ("word/document.xml", b"<w:tcPr><w:tcW", b'<w:tcPr><w:vAlign w:val="top"/><w:tcW',
     "schema order violated"),
    ("word/document.xml", b"<w:gridCol ", b"<w:gridCol w:w=\"10\"/><w:gridCol ",
     "grid columns"),
    ("word/document.xml", b'<w:fldChar w:fldCharType="end"/>', b"", "begin without end"),
    ("[Content_Types].xml", b'Extension="xml"', b'Extension="xmlx"', "has no content type"),
    ("word/document.xml", b'<w:pStyle w:val="Heading1"/>', b'<w:pStyle w:val="Nowhere"/>',
     "is not defined in styles.xml"),
])
def test_the_word_rules_catch_a_planted_fault(rendered_2024: Path, tmp_path: Path, part: str,
                                              old: bytes, new: bytes, expected: str):
    """Each rule the tests rely on reports its fault (so a clean result means something)."""
    planted = _plant(rendered_2024, tmp_path / "planted.docx", part, old, new)
    assert any(expected in e for e in rule_errors(planted))


def test_openxml_audit_catches_the_stale_part(rendered_2024: Path, tmp_path: Path):
    """The finding this issue removed is one openxml-audit reports: a template that still
    carries python-docx's stylesWithEffects part fails."""
    stale = docx.Document()  # python-docx's default template carries the part
    path = tmp_path / "stale.docx"
    stale.save(str(path))
    assert any("stylesWithEffects" in e for e in audit_errors(path))
    shutil.copy(rendered_2024, tmp_path / "clean.docx")
    assert audit_errors(tmp_path / "clean.docx") == []
