"""Pictures of chosen pages of a report, for review: PDF → PNG with poppler's ``pdftoppm``.

A .docx is first turned into a PDF by LibreOffice (:mod:`reportgen.office.session`) in a
temporary folder; a .pdf is used as it is. Pages are counted as in the PDF, the cover being 1.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportgen.office.session import DEFAULT_TIMEOUT, OfficeError, convert_to_pdf, find_office, office_session

DEFAULT_DPI = 80
"""Resolution of the pictures: 80 dpi makes an A4 page 661 × 935 pixels, readable on screen."""

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


class PagesError(OfficeError):
    """The pictures cannot be made (a bad page list, poppler missing, a page past the end)."""

    exit_code = 2


def parse_pages(text: str) -> list[int]:
    """``"1,5,9-11"`` → ``[1, 5, 9, 10, 11]`` (in the order given, without repeats)."""
    pages: list[int] = []
    for part in text.replace("，", ",").split(","):
        match = _RANGE.match(part)
        if not match:
            raise PagesError("U-PAGES-SYNTAX", written=part.strip())
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise PagesError("U-PAGES-RANGE", written=part.strip())
        pages.extend(p for p in range(first, last + 1) if p not in pages)
    return pages


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (poppler's ``pdfinfo``)."""
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                            timeout=60)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        raise PagesError("O-PAGES-PDF-UNREADABLE", pdf=pdf, detail=result.stderr.strip()[-200:])
    return int(match.group(1))


def render_pages(document: Path, pages: list[int], out_dir: Path, *, dpi: int = DEFAULT_DPI,
                 prefix: str = "page", timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Write ``out_dir/{prefix}-N.png`` for each page N of ``document`` (.docx or .pdf)."""
    if not document.is_file():
        raise PagesError("U-PAGES-MISSING", path=document)
    suffix = document.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise PagesError("U-PAGES-NOT-DOCUMENT", file=document.name)
    _tool("pdftoppm")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-pages-") as work:
        pdf = document if suffix == ".pdf" else _as_pdf(document, Path(work), timeout)
        total = page_count(pdf)
        beyond = [p for p in pages if p > total]
        if beyond:
            raise PagesError("U-PAGES-BEYOND", page_count=total, pages=beyond)
        written = []
        for page in pages:
            target = out_dir / f"{prefix}-{page}.png"
            subprocess.run([_tool("pdftoppm"), "-f", str(page), "-l", str(page), "-r", str(dpi),
                            "-png", "-singlefile", str(pdf), str(target.with_suffix(""))],
                           check=True, capture_output=True, timeout=120)
            written.append(target)
    return written


def _as_pdf(docx: Path, work: Path, timeout: float) -> Path:
    office = find_office()
    if office is None:
        raise PagesError("O-PAGES-NO-OFFICE")
    pdf = work / f"{docx.stem}.pdf"
    if office.uno_python is None:
        convert_to_pdf(office, docx, pdf, timeout)
    else:
        with office_session(office, timeout) as session:
            session.request(op="pdf", docx=str(docx.resolve()), pdf=str(pdf))
    return pdf


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PagesError("O-PAGES-NO-POPPLER", tool=name)
    return found
