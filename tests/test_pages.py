"""``python -m reportgen pages``: pictures of chosen pages, for review and for the README."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import docx
import pytest
from cli_run import run_cli
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from reportgen.office.session import find_office
from reportgen.office.pages import PagesError, parse_pages

OFFICE = find_office()



def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_page_lists_are_read_as_clerks_write_them():
    """``1,5,9-11`` (also with a full-width comma) lists pages in the order given, once each."""
    assert parse_pages("1,5,9-11") == [1, 5, 9, 10, 11]
    assert parse_pages("3，1, 3") == [3, 1]


@pytest.mark.parametrize("bad", ["", "a", "0", "5-3", "1,,2"])
def test_bad_page_lists_are_refused_in_chinese(bad):
    """Anything else is refused with a message saying how to write it."""
    with pytest.raises(PagesError, match="页码"):
        parse_pages(bad)


@pytest.mark.office
@pytest.mark.skipif(OFFICE is None or shutil.which("pdftoppm") is None,
                    reason="needs LibreOffice and poppler")
def test_pages_of_a_docx_become_a4_pictures(tmp_path):
    """A .docx is made into a PDF and the chosen pages into ``page-N.png``: A4 at 80 dpi is
    661 × 935 pixels. Asking for a page past the end is exit code 2 with the page count."""
    document = docx.Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    document.add_paragraph("第一页").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("第二页")
    source = tmp_path / "报告.docx"
    document.save(str(source))
    code, out, _ = run_cli("pages", str(source), "--pages", "2,1", "-o", str(tmp_path / "图片"))
    assert code == 0, out
    pictures = [tmp_path / "图片" / "page-2.png", tmp_path / "图片" / "page-1.png"]
    assert out.splitlines() == [f"已生成图片：{p}" for p in pictures]
    assert _png_size(pictures[0]) in {(661, 935), (662, 936)}  # rounding of 210 × 297 mm
    code, _, err = run_cli("pages", str(source), "--pages", "3", "-o", str(tmp_path / "图片"))
    assert code == 2 and "只有 2 页" in err


def test_pages_refuses_other_files(tmp_path):
    """Only .docx and .pdf are accepted; a missing file is named."""
    code, _, err = run_cli("pages", str(tmp_path / "无.docx"))
    assert code == 2 and "找不到文件" in err
    other = tmp_path / "a.xlsx"
    other.write_bytes(b"x")
    code, _, err = run_cli("pages", str(other))
    assert code == 2 and "不是 .docx 或 .pdf" in err
