"""Reading a PDF the way a reviewer sees it, with poppler's command-line tools.

``pdftotext -layout`` gives each page's lines; ``pdftotext -bbox-layout`` the words with their
boxes (in points, origin top left); ``pdffonts`` the fonts; ``pdftoppm`` pixels.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from attrs import frozen

MM = 72 / 25.4
"""Points per millimetre."""

FOOTER = re.compile(r"^\s*—\s*(\d+)\s*—\s*$")


def norm(text: str) -> str:
    """Text without any whitespace: line breaks and justification do not count."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, laid out (index 0 is page 1)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def lines_of(page: str) -> list[str]:
    """The non-empty lines of a page."""
    return [line for line in page.splitlines() if line.strip()]


def printed_number(page: str) -> str | None:
    """The page number printed in the footer (``— 7 —``), if any."""
    for line in reversed(lines_of(page)):
        match = FOOTER.match(line)
        if match:
            return match.group(1)
    return None


@frozen
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@frozen
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def word_boxes(pdf: Path) -> list[Page]:
    """Every page with its words and their boxes."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml)
    root = ET.fromstring(xhtml)
    pages = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = tuple(Word(number, w.text or "", float(w.get("xMin", 0)), float(w.get("yMin", 0)),
                           float(w.get("xMax", 0)), float(w.get("yMax", 0)))
                      for w in page.iter("{http://www.w3.org/1999/xhtml}word"))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


@frozen
class Font:
    name: str
    type: str
    embedded: bool


def fonts(pdf: Path) -> list[Font]:
    """The fonts of the PDF as ``pdffonts`` lists them."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # -- name type [type…] encoding emb sub uni object ID: emb is 5th from the end --
        result.append(Font(parts[0], " ".join(parts[1:-6]), parts[-5] == "yes"))
    return result


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    assert match, out
    return int(match.group(1))


def gray_pixels(pdf: Path, page: int, dpi: int, out_dir: Path) -> tuple[int, int, bytes]:
    """Page ``page`` rendered in grey: width, height and one byte per pixel (0 black)."""
    stem = out_dir / f"gray-{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray",
                    "-singlefile", str(pdf), str(stem)], check=True, capture_output=True)
    data = stem.with_suffix(".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end():]
