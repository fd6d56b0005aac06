"""``reportgen pages REPORT``: pictures of chosen pages, for review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence, TextIO

from reportgen.cli.parsing import Parser
from reportgen.errors import UsageError
from reportgen.office.pages import PagesError
from reportgen.office.session import DEFAULT_TIMEOUT, OfficeSession
from reportgen.pipeline import DEFAULT_DPI, check_dpi, parse_pages, render_pages


def seconds(text: str) -> float:
    """``--timeout``: a positive number of seconds (at most a day)."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 86400:
        raise UsageError("U-ARGS-TIMEOUT", value=text)  # not caught by argparse: said as it is
    return value


def build_pages_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen pages``: pictures of chosen pages, for review.

    Each chosen page of the report (a .docx, turned into a PDF by LibreOffice first, or a .pdf)
    is written as ``DIR/page-N.png``; pages are counted as in the PDF, the cover being page 1.
    """
    parser = Parser(
        prog="python -m reportgen pages",
        description="把报告的若干页存为 PNG 图片，便于检查版面（需要 poppler；"
                    "给出 .docx 时还需要 LibreOffice）。",
        epilog="例：python -m reportgen pages 报告.docx --pages 1,9,12 -o 图片",
    )
    parser.add_argument("report", metavar="报告", help="报告文件（.docx 或 .pdf）")
    parser.add_argument("--pages", metavar="页码", default="1",
                        help="要存的页，如 1,5,9 或 3-6（PDF 中的页序，封面为第 1 页；默认：1）")
    parser.add_argument("-o", "--output", metavar="文件夹", default=".",
                        help="图片的保存文件夹（默认：当前文件夹），文件名为 page-页码.png")
    parser.add_argument("--dpi", type=str, default=str(DEFAULT_DPI), metavar="分辨率",
                        help=f"每英寸像素数，20 到 600（默认：{DEFAULT_DPI}）")
    parser.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="秒",
                        help=f"LibreOffice 转换的时限（默认：{DEFAULT_TIMEOUT:g} 秒）")
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run ``pages``; return 0 when every picture was written."""
    args = build_pages_parser().parse_args(list(argv))
    pages = parse_pages(args.pages)
    dpi = _checked_dpi(args.dpi)
    with OfficeSession(timeout=args.timeout) as office:
        written = render_pages(Path(args.report), pages, Path(args.output), dpi=dpi, office=office)
    for path in written:
        print(f"已生成图片：{path}", file=out)
    return 0


def _checked_dpi(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = -1
    if str(value) != text.strip():
        raise PagesError("U-PAGES-DPI-SYNTAX", value=text)
    return check_dpi(value)
