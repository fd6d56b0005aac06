"""Image files made ready to print: turned as their EXIF note says, scaled down to print
size, JPEG for photos and PNG for drawings; a missing, unreadable or unsupported file is a
problem with a code.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from reportgen.images import MAX_PIXELS, ImageProblem, opaque_png, prepare_image


def _photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, (30, 120, 200))
    image.paste((240, 200, 40), (0, 0, size[0] // 4, size[1]))  # a band on the left
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def _decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_exif_rotation_is_honoured(tmp_path: Path):
    """A photo stored 600 × 1000 with orientation 6 (turn 90° clockwise) prints 1000 × 600,
    its left band now at the top."""
    image = prepare_image(_photo(tmp_path / "side.jpg", (600, 1000), orientation=6))
    assert (image.width_px, image.height_px) == (1000, 600)
    upright = _decoded(image.data).convert("RGB")
    assert upright.size == (1000, 600)
    top, bottom = upright.getpixel((500, 20)), upright.getpixel((500, 580))
    assert top[0] > 200 and bottom[2] > 150  # yellow band on top, blue below


def test_a_large_photo_is_scaled_down_to_print_size_as_jpeg(tmp_path: Path):
    """4000 × 3000 becomes MAX_PIXELS wide (4:3 kept), stored as JPEG."""
    source = _photo(tmp_path / "big.jpg", (4000, 3000))
    image = prepare_image(source)
    assert image.format == "jpeg"
    assert (image.width_px, image.height_px) == (MAX_PIXELS, MAX_PIXELS * 3 // 4)
    assert _decoded(image.data).size == (MAX_PIXELS, MAX_PIXELS * 3 // 4)


def test_a_small_drawing_with_transparency_stays_png_and_its_size(tmp_path: Path):
    """A PNG with an alpha channel is kept as PNG, not scaled up."""
    path = tmp_path / "plan.png"
    Image.new("RGBA", (300, 200), (200, 0, 0, 128)).save(path)
    image = prepare_image(path)
    assert (image.format, image.width_px, image.height_px) == ("png", 300, 200)
    assert _decoded(image.data).mode == "RGBA"


def test_other_formats_word_shows_are_converted(tmp_path: Path):
    """BMP, GIF and WebP are read and stored as PNG."""
    for suffix in ("bmp", "gif", "webp"):
        path = tmp_path / f"x.{suffix}"
        Image.new("RGB", (40, 30), (0, 128, 0)).save(path)
        assert prepare_image(path).format == "png"


def test_a_missing_file(tmp_path: Path):
    with pytest.raises(ImageProblem) as caught:
        prepare_image(tmp_path / "nowhere.jpg")
    assert caught.value.code == "E-PICTURE-MISSING"


@pytest.mark.parametrize(("name", "content", "code"), [
    ("photo.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00heicmif1", "E-PICTURE-FORMAT"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "E-PICTURE-FORMAT"),
    ("notes.jpg", "这不是图片".encode(), "E-PICTURE-FORMAT"),
])
def test_an_unsupported_file(tmp_path: Path, name: str, content: bytes, code: str):
    """HEIC, SVG and text posing as a JPEG are refused with the format problem."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImageProblem) as caught:
        prepare_image(path)
    assert caught.value.code == code


def test_a_truncated_photo_is_unreadable(tmp_path: Path):
    """A JPEG cut off half-way (a download interrupted) cannot be read."""
    whole = _photo(tmp_path / "whole.jpg", (800, 600)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ImageProblem) as caught:
        prepare_image(cut)
    assert caught.value.code == "E-PICTURE-UNREADABLE"
    reason = str(caught.value.fields["reason"])
    assert reason.startswith("文件已损坏或不完整") and "OSError" not in reason


def test_a_drawn_chart_is_stored_without_its_alpha_channel():
    """A chart's RGBA PNG becomes RGB on white, same size and resolution (LibreOffice
    prints an alpha channel as a grey box)."""
    drawn = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    drawn.paste((200, 0, 0, 255), (10, 10, 30, 30))
    buffer = io.BytesIO()
    drawn.save(buffer, "PNG", dpi=(250, 250))
    flat = Image.open(io.BytesIO(opaque_png(buffer.getvalue())))
    assert flat.mode == "RGB" and flat.size == (60, 40)
    assert flat.getpixel((0, 0)) == (255, 255, 255) and flat.getpixel((15, 15)) == (200, 0, 0)
    assert round(flat.info["dpi"][0]) == 250
