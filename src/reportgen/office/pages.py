"""Pictures of chosen pages of a report, for review: PDF → PNG with poppler's ``pdftoppm``.

A .docx is first turned into a PDF by LibreOffice (:mod:`reportgen.office.session`) in a
temporary folder; a .pdf is used as it is. Pages are counted as in the PDF, the cover being 1.
Each picture is drawn in the temporary folder, checked (a picture of the page's size at the
resolution asked for), and then put in place by :mod:`reportgen.files`: a file or a symbolic
link already there is replaced, never written through.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from reportgen.files import os_reason, write_atomically, write_bytes
from reportgen.office.session import OfficeError, OfficeSession, convert_to_pdf

DEFAULT_DPI = 80
"""Resolution of the pictures: 80 dpi makes an A4 page 661 × 935 pixels, readable on screen."""
MIN_DPI, MAX_DPI = 20, 600
"""The resolutions accepted: from a thumbnail to print quality (A4 at 600 dpi is 35 million
pixels; more makes pictures poppler cannot draw)."""
MAX_PAGE = 10000
"""The largest page number accepted in a page list (reports have well under 1,000 pages)."""

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.MULTILINE)
_ROTATION = re.compile(r"^Page\s+(\d+)\s+rot:\s+(\d+)", re.MULTILINE)


class PagesError(OfficeError):
    """The pictures cannot be made (a bad page list, poppler missing, a page past the end)."""

    exit_code = 2


def parse_pages(text: str) -> list[int]:
    """``"1,5,9-11"`` → ``[1, 5, 9, 10, 11]`` (in the order given, without repeats)."""
    pages: dict[int, None] = {}
    for part in text.replace("，", ",").split(","):
        match = _RANGE.match(part)
        if not match:
            raise PagesError("U-PAGES-SYNTAX", written=part.strip())
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise PagesError("U-PAGES-RANGE", written=part.strip())
        if last > MAX_PAGE:
            raise PagesError("U-PAGES-TOO-LARGE", written=part.strip(), limit=MAX_PAGE)
        pages.update(dict.fromkeys(range(first, last + 1)))
    return list(pages)


def check_dpi(dpi: int) -> int:
    """``dpi`` if it is a resolution pictures can be made at; else :class:`PagesError`."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise PagesError("U-PAGES-DPI", low=MIN_DPI, high=MAX_DPI, value=dpi)
    return dpi


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (poppler's ``pdfinfo``)."""
    result = _poppler(["pdfinfo", str(pdf)], pdf, timeout=60)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
    if not match:
        raise PagesError("O-PAGES-PDF-UNREADABLE", pdf=pdf, detail=result.stderr.strip()[-200:])
    return int(match.group(1))


def render_pages(document: Path, pages: list[int], out_dir: Path, *, dpi: int = DEFAULT_DPI,
                 prefix: str = "page", office: OfficeSession | None = None,
                 prepare: Callable[[bytes], bytes] | None = None) -> list[Path]:
    """Write ``out_dir/{prefix}-N.png`` for each page N of ``document`` (.docx or .pdf).

    ``office`` is the LibreOffice session turning a .docx into a PDF (one is made for the
    call if not given); ``prepare`` changes the .docx's bytes before LibreOffice sees them.
    """
    check_dpi(dpi)
    if not document.is_file():
        raise PagesError("U-PAGES-MISSING", path=document)
    suffix = document.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise PagesError("U-PAGES-NOT-DOCUMENT", file=document.name)
    _tool("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="reportgen-pages-") as folder:
        work = Path(folder)
        pdf = document if suffix == ".pdf" else _as_pdf(document, work, office, prepare)
        total = page_count(pdf)
        beyond = [p for p in pages if p > total]
        if beyond:
            shown = "、".join(map(str, beyond[:5])) + (f" 等 {len(beyond)}" if len(beyond) > 5 else "")
            raise PagesError("U-PAGES-BEYOND", page_count=total, pages=shown)
        sizes = _page_sizes(pdf, min(pages), max(pages)) if pages else {}
        written = []
        for page in pages:
            drawn = work / f"drawn-{page}"
            _poppler(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png",
                      "-singlefile", str(pdf), str(drawn)], pdf, timeout=120)
            data = drawn.with_suffix(".png").read_bytes()
            _check_picture(data, sizes.get(page), dpi, page)
            target = out_dir / f"{prefix}-{page}.png"
            write_atomically(target, data)
            written.append(target)
    return written


def _as_pdf(docx: Path, work: Path, office: OfficeSession | None,
            prepare: Callable[[bytes], bytes] | None) -> Path:
    session = office if office is not None else OfficeSession()
    try:
        if session.office is None:
            raise PagesError("O-PAGES-NO-OFFICE")
        source = work / "document.docx"
        write_bytes(source, prepare(docx.read_bytes()) if prepare else docx.read_bytes())
        pdf = work / "document.pdf"
        if session.office.uno_python is None:
            convert_to_pdf(session.office, source, pdf, session.timeout)
        else:
            session.layout(source, toc=False, pdf=pdf)
        return pdf
    finally:
        if office is None:
            session.close()


def _page_sizes(pdf: Path, first: int, last: int) -> dict[int, tuple[float, float]]:
    """Each page's size in points, as shown (turned pages have width and height swapped)."""
    result = _poppler(["pdfinfo", "-f", str(first), "-l", str(last), str(pdf)], pdf, timeout=60)
    rotations = {int(m[1]): int(m[2]) for m in _ROTATION.finditer(result.stdout)}
    sizes = {}
    for match in _SIZE.finditer(result.stdout):
        page, width, height = int(match[1]), float(match[2]), float(match[3])
        sizes[page] = (height, width) if rotations.get(page, 0) % 180 else (width, height)
    return sizes


def _check_picture(data: bytes, size: tuple[float, float] | None, dpi: int, page: int) -> None:
    """A PNG of the page at ``dpi`` (±2 pixels), not an empty or tiny stand-in."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        raise PagesError("U-PAGES-PICTURE-MISSING", page=page)
    width, height = struct.unpack(">II", data[16:24])
    if size is None:  # pdfinfo did not say: at least not a 1 × 1 stand-in
        expected = (float(max(width, 10)), float(max(height, 10)))
    else:
        expected = (size[0] / 72 * dpi, size[1] / 72 * dpi)
    if abs(width - expected[0]) > 2 or abs(height - expected[1]) > 2:
        raise PagesError("U-PAGES-PICTURE-SIZE", page=page, width=width, height=height,
                         wanted_width=expected[0], wanted_height=expected[1])


def _poppler(command: list[str], pdf: Path, *, timeout: int) -> subprocess.CompletedProcess[str]:
    """Run a poppler tool on ``pdf``; a failure or a hang is the clerk's
    ``O-PAGES-PDF-UNREADABLE`` (with what the tool said), not a traceback."""
    try:
        result = subprocess.run([_tool(command[0]), *command[1:]], capture_output=True,
                                text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PagesError("O-PAGES-PDF-UNREADABLE", pdf=pdf,
                         detail=f"{command[0]} 运行超过 {timeout} 秒仍未结束") from None
    except OSError as exc:
        raise PagesError("O-PAGES-PDF-UNREADABLE", pdf=pdf, detail=os_reason(exc)) from exc
    if result.returncode != 0:
        raise PagesError("O-PAGES-PDF-UNREADABLE", pdf=pdf,
                         detail=result.stderr.strip()[-200:] or f"{command[0]} 退出码 {result.returncode}")
    return result


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PagesError("O-PAGES-NO-POPPLER", tool=name)
    return found
