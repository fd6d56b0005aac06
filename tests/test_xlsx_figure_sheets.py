"""Pictures in the workbook: the 图片 sheet names image files (relative to the workbook),
正文 rows and the 案例 sheet's 图片 column place them; they print numbered 图N with their
caption below, at the width asked or the text's; problems are located at their cells.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

import feature_workbooks
import workbooks
from reportgen import DataError, generate, lay_out, load, render
from reportgen.errors import Problems
from reportgen.images import MAX_PIXELS
from reportgen.layout.tables import TEXT_WIDTH_MM


def _problems(path: Path) -> list[tuple[str, str]]:
    try:
        load(path)
    except DataError as exc:
        return [(p.code, str(p.where)) for p in exc.problems if p.code.startswith("E-")]
    return []


def test_pictures_are_numbered_sized_and_captioned(tmp_path: Path):
    """图1 in the text is as wide as the text and upright; 图5 in a case is 8 cm wide as asked;
    captions are the 题注 (or the name)."""
    layout = lay_out(load(feature_workbooks.feature_workbook(tmp_path)))
    first = layout.figures[0]
    assert (first.label, first.caption) == ("图1", "图1 学校实训基地")
    assert first.width_mm == pytest.approx(TEXT_WIDTH_MM)
    assert first.height_mm == pytest.approx(TEXT_WIDTH_MM * 600 / 1000)
    case = next(c for c in layout.cases if c.figures and c.figures[0].image is not None)
    plan = case.figures[0]
    assert (plan.label, plan.caption, plan.width_mm) == ("图5", "图5 校园平面图", 80)
    assert [f.label for f in layout.figures] == [f"图{n}" for n in range(1, 6)]


def test_the_docx_holds_each_picture_at_its_size_with_its_caption_below(tmp_path: Path):
    """Inline pictures of the layout's size, described by their caption, each followed by
    its caption paragraph; the case's picture is inside the case box."""
    document = docx.Document(io.BytesIO(render(load(feature_workbooks.feature_workbook(tmp_path)))))
    inlines = list(document.element.body.iter(qn("wp:inline")))
    assert len(inlines) == 5
    extent = inlines[0].find(qn("wp:extent"))
    assert abs(int(extent.get("cx")) - Mm(TEXT_WIDTH_MM)) < 400
    descriptions = [i.find(qn("wp:docPr")).get("descr") for i in inlines]
    assert descriptions == ["图1 学校实训基地", "图2 近两年毕业生人数", "图3 师生变化", "图4 三次产业",
                            "图5 校园平面图"]
    for inline in inlines:
        paragraph = next(a for a in inline.iterancestors() if a.tag == qn("w:p"))
        caption = paragraph.getnext()
        style = caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
        assert style == "FigureCaption"
    boxed = [i for i in inlines if any(a.tag == qn("w:tbl") for a in i.iterancestors())]
    assert len(boxed) == 2


def _picture_sheet(rows):
    return workbooks.placed_sheet("图片", ["名称", "文件", "题注", "宽度（厘米）"], rows, "图片")


@pytest.mark.parametrize(("file", "content", "code"), [
    ("不存在.jpg", None, "E-PICTURE-MISSING"),
    ("照片.heic", b"\x00\x00\x00\x18ftypheic", "E-PICTURE-FORMAT"),
    ("损坏.png", b"\x89PNG\r\n\x1a\n\x00\x00", "E-PICTURE-UNREADABLE"),
])
def test_a_bad_image_file_is_a_located_error(tmp_path: Path, file: str, content: bytes | None,
                                             code: str):
    """At the 文件 cell of the picture's row, and only there."""
    if content is not None:
        (tmp_path / file).write_bytes(content)
    path = workbooks.build(tmp_path, _picture_sheet([("校园", file, None, None)]))
    problems = _problems(path)
    assert problems[0] == (code, "test.xlsx › 图片!B2")
    assert all(c in (code, "E-BODY-UNKNOWN-FIGURE") for c, _ in problems)


def test_a_refused_picture_is_not_also_unknown_where_it_is_placed(tmp_path: Path):
    """A picture whose file is missing is one error, at its 文件 cell: the 正文 row and the
    case that place it by its name are not told that the 图片 sheet lacks the name."""
    def tweak(wb):
        _picture_sheet([("校园", "不存在.jpg", None, None), ("食堂", "也不存在.jpg", None, None)])(wb)
        wb["案例"]["E1"], wb["案例"]["E2"] = "图片", "食堂"
    assert _problems(workbooks.build(tmp_path, tweak)) == [
        ("E-PICTURE-MISSING", "test.xlsx › 图片!B2"), ("E-PICTURE-MISSING", "test.xlsx › 图片!B3")]


def test_names_widths_and_placements_are_checked(tmp_path: Path):
    """A repeated name, a width that is not a positive number, a 正文 row naming no picture:
    each a located error; a picture nobody places is a warning."""
    Image.new("RGB", (50, 40)).save(tmp_path / "a.png")

    def tweak(wb):
        _picture_sheet([("校园", "a.png", None, None), ("校园", "a.png", None, None),
                        ("操场", "a.png", None, -3), ("食堂", "a.png", None, None)])(wb)
        wb["正文"].append(["图片", "图书馆"])
    path = workbooks.build(tmp_path, tweak)
    problems = _problems(path)
    assert ("E-FIGURE-DUPLICATE", "test.xlsx › 图片!A3") in problems
    assert ("E-PICTURE-WIDTH", "test.xlsx › 图片!D4") in problems
    last = workbooks.minimal_workbook()["正文"].max_row + 2
    assert ("E-BODY-UNKNOWN-FIGURE", f"test.xlsx › 正文!B{last}") in problems

    def fine(wb):
        _picture_sheet([("校园", "a.png", None, None), ("食堂", "a.png", None, None)])(wb)
    collected = Problems()
    load(workbooks.build(tmp_path, fine, name="fine.xlsx"), problems=collected)
    assert [(p.code, str(p.where)) for p in collected.items] == [
        ("W-FIGURE-UNPLACED", "fine.xlsx › 图片!A3")]


def test_a_picture_placed_twice_is_an_error(tmp_path: Path):
    """Once in a case and once in the text: the second placement is refused."""
    Image.new("RGB", (50, 40)).save(tmp_path / "a.png")

    def tweak(wb):
        _picture_sheet([("校园", "a.png", None, None)])(wb)
        wb["案例"]["E1"], wb["案例"]["E2"] = "图片", "校园"
    assert ("E-BODY-FIGURE-TWICE", f"test.xlsx › 正文!B{workbooks.minimal_workbook()['正文'].max_row + 1}") \
        in _problems(workbooks.build(tmp_path, tweak))


def test_sixty_photos_make_a_report_of_reasonable_size(tmp_path: Path):
    """Sixty distinct 2000 × 1500 grainy camera photos: each is scaled to MAX_PIXELS and
    stored as JPEG, so the report stays under 15 MB (250 KB a photo), far below the photos'
    own size."""
    noise = Image.effect_noise((2000, 1500), 24).convert("RGB")
    rows = []
    for n in range(60):
        tint = Image.new("RGB", noise.size, (n * 4, 255 - n * 4, 128))
        Image.blend(noise, tint, 0.8).save(tmp_path / f"p{n}.jpg", quality=95)
        rows.append((f"照片{n}", f"p{n}.jpg", None, None))
    originals = sum((tmp_path / f"p{n}.jpg").stat().st_size for n in range(60))

    def tweak(wb):
        _picture_sheet(rows)(wb)
        for name, *_ in rows[1:]:
            wb["正文"].append(["图片", name])
    out = tmp_path / "photos.docx"
    generate(workbooks.build(tmp_path, tweak), out, toc=False)
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        sizes = [Image.open(io.BytesIO(z.read(n))).size for n in media]
    assert len(media) == 60
    assert all(max(size) <= MAX_PIXELS for size in sizes)
    assert out.stat().st_size < 15_000_000 < originals
