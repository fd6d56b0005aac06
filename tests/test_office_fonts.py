"""The official fonts, on a machine without them, are drawn with the mapped free fonts in
their simplified-Chinese forms (docs/fonts.md), and parallel runs do not collide.

Glyphs are compared as pixels: a word set in 仿宋_GB2312 must render exactly as in Noto Serif
CJK SC, and not as in Noto Serif CJK JP, whose 骨 and 直 differ from the Chinese forms.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from pdf_reading import gray_pixels
from reportgen.office.session import convert_to_pdf, find_office, office_session

pytestmark = pytest.mark.office

OFFICE = find_office()
needs_office = pytest.mark.skipif(OFFICE is None or OFFICE.uno_python is None
                                  or shutil.which("pdftoppm") is None,
                                  reason="needs LibreOffice, python3-uno and poppler")
SAMPLE = "说骨直角边写"
"""Characters whose Japanese and Chinese forms differ."""
FONTS = [("仿宋_GB2312", "Noto Serif CJK SC", "Noto Serif CJK JP"),
         ("黑体", "Noto Sans CJK SC", "Noto Sans CJK JP"),
         ("方正小标宋简体", "Noto Serif CJK SC", None),
         ("楷体_GB2312", "AR PL UKai CN", None)]


def _sample_docx(path: Path, faces: list[str], *, bold_last: bool = False) -> None:
    """One page per face, each with SAMPLE in that East Asian font."""
    document = docx.Document()
    for i, face in enumerate(faces):
        p = document.add_paragraph()
        run = p.add_run(SAMPLE)
        run.font.size = Pt(40)
        run.bold = bold_last and i == len(faces) - 1
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
        if i < len(faces) - 1:
            p.add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))


@needs_office
@pytest.mark.parametrize(("official", "free", "other"), FONTS)
def test_official_font_renders_as_its_simplified_chinese_substitute(official, free, other, tmp_path):
    """SAMPLE in the official font is pixel for pixel SAMPLE in its free substitute (and, for
    the Noto fonts, not the Japanese face of the same family)."""
    assert OFFICE is not None
    faces = [official, free] + ([other] if other else [])
    source = tmp_path / "sample.docx"
    _sample_docx(source, faces, bold_last=False)
    pdf = tmp_path / "sample.pdf"
    convert_to_pdf(OFFICE, source, pdf)
    pictures = [gray_pixels(pdf, page, 72, tmp_path) for page in range(1, len(faces) + 1)]
    if official == "方正小标宋简体":  # mapped to the bold face: compare with bold SC
        _sample_docx(source, [free], bold_last=True)
        convert_to_pdf(OFFICE, source, pdf)
        pictures[1] = gray_pixels(pdf, 1, 72, tmp_path)
    assert min(pictures[0][2]) < 100, "nothing was drawn"
    assert pictures[0] == pictures[1]
    if other:
        assert pictures[0] != pictures[2]


@needs_office
def test_parallel_runs_each_have_their_own_libreoffice(tmp_path):
    """Two sessions at once (each with its own profile and pipe) both produce their PDF."""
    assert OFFICE is not None
    results: dict[int, object] = {}

    def convert(i: int) -> None:
        source = tmp_path / f"d{i}.docx"
        _sample_docx(source, ["仿宋_GB2312"])
        try:
            with office_session(OFFICE) as session:
                results[i] = session.request(op="pdf", docx=str(source),
                                             pdf=str(tmp_path / f"d{i}.pdf"))
        except Exception as exc:  # collected and asserted below
            results[i] = exc

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results == {0: {"pages": 1}, 1: {"pages": 1}}
    assert all((tmp_path / f"d{i}.pdf").stat().st_size > 1000 for i in range(2))
