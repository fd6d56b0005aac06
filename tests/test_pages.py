"""``python -m reportgen pages``: pictures of chosen pages, for review and for the README."""

from __future__ import annotations

import os
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


def _blank_pdf(path: Path, pages: int = 2, size: tuple[int, int] = (595, 842)) -> Path:
    """A PDF of ``pages`` empty pages of ``size`` points (A4 by default), written by hand."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] >>".encode()
                for _ in range(pages)]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


POPPLER = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None,
                             reason="needs poppler")


def test_a_page_list_past_any_report_is_refused_at_once():
    """Page numbers above 10000 are refused while the list is read (``1-200000`` used to
    expand to 200,000 pages checked one against another: hours); repeats stay one."""
    with pytest.raises(PagesError, match="页码不能超过 10000"):
        parse_pages("10001")
    with pytest.raises(PagesError, match="页码不能超过 10000"):
        parse_pages("1-200000")
    assert parse_pages("1-10000,5") == list(range(1, 10001))


@POPPLER
def test_pages_past_the_end_are_named_briefly(tmp_path):
    """``--pages 1-9000`` of a 2-page PDF: exit 2, naming the page count and the first
    missing pages only."""
    pdf = _blank_pdf(tmp_path / "r.pdf")
    code, _, err = run_cli("pages", str(pdf), "--pages", "1-9000", "-o", str(tmp_path / "png"))
    assert code == 2
    assert "报告只有 2 页，没有第 3、4、5、6、7 等 8998 页" in err
    assert not (tmp_path / "png" / "page-1.png").exists()


@pytest.mark.parametrize("dpi", ["-5", "0", "19", "601", "20000", "abc", "80.5"])
def test_a_resolution_out_of_range_is_a_usage_error_in_chinese(tmp_path, dpi):
    """``--dpi`` outside 20–600 (or not a whole number) is exit code 2 with a Chinese message,
    before any file is read."""
    code, _, err = run_cli("pages", str(tmp_path / "无.pdf"), f"--dpi={dpi}")
    assert code == 2
    assert "分辨率（--dpi）应为" in err and "程序内部错误" not in err


@POPPLER
def test_a_picture_of_the_wrong_size_is_not_reported_as_made(tmp_path, monkeypatch):
    """A poppler that draws a 1 × 1 picture (as it does when asked for more pixels than it can
    draw) is an error, not a success, and nothing is put in place."""
    fake = tmp_path / "bin"
    fake.mkdir()
    png_1x1 = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000"
                            "3a7e9b550000000a49444154789c63600000000200010000000049454e44ae426082")
    (fake / "one-pixel.png").write_bytes(png_1x1)
    script = fake / "pdftoppm"
    script.write_text(f'#!/bin/sh\nfor last; do :; done\ncp "{fake / "one-pixel.png"}" "$last.png"\n',
                      encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    pdf = _blank_pdf(tmp_path / "r.pdf")
    code, out, err = run_cli("pages", str(pdf), "--pages", "1", "-o", str(tmp_path / "png"))
    assert code != 0
    assert "已生成图片" not in out and "图片大小不对（1 × 1 像素" in err
    assert not (tmp_path / "png" / "page-1.png").exists()


@POPPLER
def test_a_poppler_that_fails_on_a_page_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    """pdftoppm failing (a damaged page) is said in Chinese with what it said, exit code 4
    or another non-zero code, no traceback, and nothing is put in place."""
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "pdftoppm"
    script.write_text("#!/bin/sh\necho 'Syntax Error: damaged page' >&2\nexit 99\n",
                      encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    pdf = _blank_pdf(tmp_path / "r.pdf")
    code, out, err = run_cli("pages", str(pdf), "--pages", "1", "-o", str(tmp_path / "png"))
    assert code != 0 and "Traceback" not in err and "程序内部错误" not in err
    assert "无法读取 PDF" in err and "damaged page" in err
    assert not (tmp_path / "png" / "page-1.png").exists()


@POPPLER
def test_pages_replace_a_symbolic_link_named_like_a_picture(tmp_path):
    """``page-1.png`` being a link to the workbook: the link is replaced by the picture, the
    workbook is untouched."""
    pdf = _blank_pdf(tmp_path / "r.pdf")
    workbook = tmp_path / "工作簿.xlsx"
    workbook.write_bytes(b"the workbook")
    out = tmp_path / "png"
    out.mkdir()
    (out / "page-1.png").symlink_to(workbook)
    code, _, err = run_cli("pages", str(pdf), "--pages", "1", "-o", str(out))
    assert code == 0, err
    assert workbook.read_bytes() == b"the workbook"
    assert not (out / "page-1.png").is_symlink()
    assert _png_size(out / "page-1.png") in {(661, 935), (662, 936)}
