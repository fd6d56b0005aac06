"""The 2024 report as readers see it: made into a PDF by the real LibreOffice, read back with
poppler, and held to what a careful clerk checks before sending it.

The report is generated once for the module (``generate(..., pdf=True)``): LibreOffice fills the
table of contents of the .docx, then prints that .docx to PDF. These tests need LibreOffice,
``python3-uno``, the fonts and poppler (``tools/setup.sh`` installs them); they are skipped
without them, except in CI, where they must run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph

from pdf_reading import (MM, fonts, gray_pixels, lines_of, norm, page_count, page_texts,
                         printed_number, word_boxes)
from reportgen import Problems, generate
from reportgen.office.session import find_office
from reportgen.word.toc import TocEntry, read_toc

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "inputs" / "2024.xlsx"
RIGHT_MARGIN_MM, LEFT_MARGIN_MM, PAGE_WIDTH_MM = 26, 28, 210
EXPECTED_FONTS = ("NotoSerifCJK", "NotoSansCJK", "UKaiCN", "LiberationSerif")
"""The free fonts that stand in for the official ones (docs/fonts.md); nothing else may appear."""

pytestmark = pytest.mark.office


def _office_ready() -> str | None:
    office = find_office()
    if office is None:
        return "LibreOffice is not installed"
    if office.uno_python is None:
        return "python3-uno is not installed"
    if shutil.which("pdftotext") is None:
        return "poppler-utils is not installed"
    return None


_MISSING = _office_ready()
if _MISSING and not os.environ.get("CI"):
    pytest.skip(f"{_MISSING} (run tools/setup.sh)", allow_module_level=True)


@pytest.fixture(scope="module")
def delivered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Problems]:
    """The 2024 report and its PDF, made once for the module."""
    assert _MISSING is None, _MISSING
    out = tmp_path_factory.mktemp("office") / "2024.docx"
    problems = Problems()
    generate(WORKBOOK, out, pdf=True, problems=problems)
    return out, out.with_suffix(".pdf"), problems


@pytest.fixture(scope="module")
def pages(delivered: tuple[Path, Path, Problems]) -> list[str]:
    return page_texts(delivered[1])


@pytest.fixture(scope="module")
def document(delivered: tuple[Path, Path, Problems]) -> docx.document.Document:
    return docx.Document(str(delivered[0]))


def _styled(document: docx.document.Document, *names: str) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs in ``names`` styles, in order, case boxes included."""
    found = []
    for p in document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        para = Paragraph(p, document)
        if para.style is not None and para.style.name in names and para.text.strip():
            found.append((para.style.name, para.text.strip()))
    return found


def _body_start(pages: list[str]) -> int:
    """Index of the first page numbered ``— 1 —``: the body after the front matter."""
    return next(i for i, page in enumerate(pages) if printed_number(page) == "1")


def test_pdf_is_written_beside_the_report_with_a_plausible_page_count(delivered):
    """``pdf=True`` writes NAME.pdf beside NAME.docx; the 2024 report, at 三号 body text with
    its seven tables and twenty cases, runs to some 50–80 pages."""
    docx_path, pdf, problems = delivered
    assert pdf.is_file() and pdf.parent == docx_path.parent
    assert 50 <= page_count(pdf) <= 80
    assert any("目录已填好页码" in p.message for p in problems.items)


def test_toc_lists_every_heading_of_levels_1_to_3_in_order(delivered, document):
    """The .docx's table of contents holds one entry per heading (levels 1–3), same text,
    same level, same order — filled in, not left for Word to compute."""
    headings = [(int(style[-1]), text) for style, text in
                _styled(document, "Heading 1", "Heading 2", "Heading 3")]
    entries = read_toc(delivered[0])
    assert [(e.level, norm(e.text)) for e in entries] == [(lvl, norm(t)) for lvl, t in headings]
    assert all(e.page.isdigit() for e in entries)


def test_every_toc_page_number_is_the_page_its_heading_is_printed_on(delivered, pages):
    """Each entry's page number equals the number in the footer of the PDF page on which the
    heading stands (body pages are numbered from 1 after the front matter)."""
    entries = read_toc(delivered[0])
    start = _body_start(pages)
    where = start
    mismatches = []
    for entry in entries:
        target = norm(entry.text)
        while where < len(pages) and not any(norm(line).startswith(target)
                                             for line in lines_of(pages[where])):
            where += 1
        assert where < len(pages), f"heading {entry.text!r} not found in the PDF after page {start + 1}"
        shown = printed_number(pages[where])
        if shown != entry.page:
            mismatches.append((entry.text, entry.page, shown))
    assert mismatches == []


def test_the_toc_is_the_same_when_no_pdf_is_made(delivered, tmp_path):
    """Without ``--pdf`` LibreOffice still lays the report out with the punctuation setting the
    PDF needs, so the table of contents comes out the same: every entry and every page
    number."""
    alone = generate(WORKBOOK, tmp_path / "2024.docx", toc=True, problems=Problems())
    assert read_toc(alone) == read_toc(delivered[0])


def test_pdf_shows_the_filled_toc(delivered, pages):
    """The PDF's 目录 pages show every entry with its page number (what WPS users see too)."""
    entries = read_toc(delivered[0])
    start = _body_start(pages)
    toc_text = [norm(line) for page in pages[:start] for line in lines_of(page)]
    for entry in entries:
        assert any(line.startswith(norm(entry.text)) and line.endswith(entry.page)
                   for line in toc_text), entry


def test_every_font_is_embedded_and_is_one_of_the_mapped_free_fonts(delivered):
    """All fonts are embedded, and each is a substitute named in docs/fonts.md: no fallback
    font drew a glyph the mapped font lacked."""
    found = fonts(delivered[1])
    assert found
    assert [f.name for f in found if not f.embedded] == []
    strays = [f.name for f in found if not any(name in f.name for name in EXPECTED_FONTS)]
    assert strays == []


def test_pdf_text_is_the_report_text_without_missing_glyphs(delivered, document, pages):
    """Every heading, body paragraph and case sentence of the .docx reads back from the PDF
    character for character: no tofu, no U+FFFD, no dropped character."""
    text = norm("".join(line for page in pages for line in lines_of(page)
                        if not FOOTER_LINE.match(line)))
    assert "\ufffd" not in text
    missing = [t for _, t in _styled(document, "Normal", "Heading 1", "Heading 2", "Heading 3",
                                     "Case Title", "Case Body", "Table Caption")
               if norm(t) not in text]
    assert missing == []


HANGING = "，。、；：！？”’）》"
"""Punctuation that may hang into the right margin at a line's end (标点溢出边界, as in Word)."""


def test_no_word_runs_past_the_right_margin(delivered):
    """No text of any page reaches into the right margin (26 mm) or the left one (28 mm),
    except one punctuation mark hanging at a line's end, as Word and WPS also allow."""
    tolerance = 1.0 * MM
    offenders = []
    for page in word_boxes(delivered[1]):
        right = page.width - RIGHT_MARGIN_MM * MM + tolerance
        left = LEFT_MARGIN_MM * MM - tolerance
        for w in page.words:
            x_max = w.x_max
            if w.text and w.text[-1] in HANGING:
                x_max -= (w.x_max - w.x_min) / len(w.text)
            if x_max > right or w.x_min < left:
                offenders.append((w.page, w.text))
    assert offenders == []


def test_no_table_or_case_box_border_runs_into_the_side_margins(delivered, tmp_path):
    """Rendered, no dark pixel lies in the side margins of any page: table rules and case box
    borders stay within the 156 mm text block."""
    pdf = delivered[1]
    dpi = 36
    px_per_mm = dpi / 25.4
    offenders = []
    for number in range(1, page_count(pdf) + 1):
        width, height, pixels = gray_pixels(pdf, number, dpi, tmp_path)
        left_edge = int((LEFT_MARGIN_MM - 1) * px_per_mm)
        right_edge = int((PAGE_WIDTH_MM - RIGHT_MARGIN_MM + 1) * px_per_mm) + 1
        for y in range(height):
            row = pixels[y * width:(y + 1) * width]
            if min(row[:left_edge], default=255) < 160 or min(row[right_edge:], default=255) < 160:
                offenders.append(number)
                break
    assert offenders == []


def test_a_table_caption_never_sits_alone_at_the_bottom_of_a_page(document, pages):
    """Each 表N caption is followed on its own page by its table's header (序号…)."""
    captions = [text for _, text in _styled(document, "Table Caption")]
    assert captions
    alone = []
    for caption in captions:
        for page in pages:
            lines = lines_of(page)
            index = next((i for i, line in enumerate(lines) if norm(line) == norm(caption)), None)
            if index is None:
                continue
            following = lines[index + 1:index + 2]
            if not following or FOOTER_LINE.match(following[0]):
                alone.append(caption)
            break
        else:
            pytest.fail(f"caption {caption!r} not found in the PDF")
    assert alone == []


FOOTER_LINE = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def test_a_case_label_never_ends_a_page(pages):
    """A case box never leaves its 案例N label alone at the bottom of a page with the title on
    the next (the label keeps with the title; see docs/pdf.md for what that costs)."""
    stranded = []
    for page in pages:
        lines = [line for line in lines_of(page) if not FOOTER_LINE.match(line)]
        if lines and re.fullmatch(r"案例\d+", norm(lines[-1])):
            stranded.append(lines[-1].strip())
    assert stranded == []


def test_toc_entries_read_back_as_entries(delivered):
    """The reader of the TOC field returns typed entries (a sanity check of the helper)."""
    entries = read_toc(delivered[0])
    assert isinstance(entries[0], TocEntry) and entries[0].level == 1
    assert entries[0].page == "1"
