"""Image files made ready to print: decoded, turned upright, scaled down, re-encoded.

The only module that imports Pillow. A photo straight from a camera is often 4000 × 3000
pixels, several megabytes, and stored sideways with an EXIF note saying how to turn it; Word
honours that note, LibreOffice and WPS do not always. Each picture is therefore turned as
the note says, scaled down so that its longer side has at most :data:`MAX_PIXELS` pixels
(above 200 dpi across the text block: print quality), and stored as JPEG (photos) or PNG
(drawings, transparency) — so that a report with sixty photos stays a file that can be
mailed.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from reportgen.model import ImageData

MAX_PIXELS = 1400
"""The longest side of a printed picture, in pixels: 228 dpi across the whole text block
(156 mm), more in a smaller picture."""
JPEG_QUALITY = 82
"""JPEG quality of re-encoded photos."""
SUPPORTED = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "BMP": "BMP", "TIFF": "TIFF",
             "WEBP": "WebP", "MPO": "JPEG"}
"""The formats read (Pillow's name → the name shown to the clerk); MPO is a camera's JPEG."""
MAX_SOURCE_PIXELS = 200_000_000
"""Larger images are refused as unreadable (a damaged or malicious file)."""


_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
"""How files of the supported formats start: such a file that Pillow cannot identify is
damaged, not of another format."""


def _looks_supported(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(16)
    return head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


class ImageProblem(Exception):
    """An image file that cannot be printed, with the code of the problem."""

    def __init__(self, code: str, **fields: object):
        super().__init__(code)
        self.code = code
        """The problem's code (``E-PICTURE-…``)."""
        self.fields = fields
        """The problem's data."""


def prepare_image(path: Path) -> ImageData:
    """The image at ``path`` ready to print.

    Raises :class:`ImageProblem` when the file is missing (``E-PICTURE-MISSING``), cannot be
    read as an image (``E-PICTURE-UNREADABLE``) or is of a format Word cannot show and we do
    not convert (``E-PICTURE-FORMAT``, e.g. HEIC, SVG, PDF).
    """
    if not path.is_file():
        raise ImageProblem("E-PICTURE-MISSING", path=path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                kind = opened.format or ""
                if kind not in SUPPORTED:
                    raise ImageProblem("E-PICTURE-FORMAT", kind=kind or path.suffix,
                                       formats=sorted(set(SUPPORTED.values())))
                if opened.width * opened.height > MAX_SOURCE_PIXELS:
                    raise ImageProblem("E-PICTURE-UNREADABLE", reason="图片过大")
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except ImageProblem:
        raise
    except UnidentifiedImageError as exc:
        if _looks_supported(path):
            raise ImageProblem("E-PICTURE-UNREADABLE", reason="文件已损坏") from exc
        raise ImageProblem("E-PICTURE-FORMAT", kind=path.suffix or "未知",
                           formats=sorted(set(SUPPORTED.values()))) from exc
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ImageProblem("E-PICTURE-UNREADABLE", reason=_damaged(exc)) from exc
    return _encode(_scaled(image), photo=kind in ("JPEG", "MPO"))


def _damaged(exc: BaseException) -> str:
    """Why a file that looked like an image could not be decoded, for the clerk: in Chinese,
    Pillow's own words (English) only as the technical detail for a maintainer."""
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return "图片过大"
    detail = str(exc).strip()[:200]
    return f"文件已损坏或不完整（技术信息：{detail}）" if detail else "文件已损坏或不完整"


def _scaled(image: Image.Image) -> Image.Image:
    """``image`` with its longer side at most :data:`MAX_PIXELS`."""
    longest = max(image.size)
    if longest <= MAX_PIXELS:
        return image
    factor = MAX_PIXELS / longest
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, *, photo: bool) -> ImageData:
    """JPEG for a photo without transparency, PNG for anything else."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    buffer = io.BytesIO()
    if photo and not transparent:
        image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        kind = "jpeg"
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA" if transparent else "RGB")
        image.save(buffer, "PNG", optimize=True)
        kind = "png"
    return ImageData(buffer.getvalue(), kind, image.width, image.height)


def opaque_png(data: bytes) -> bytes:
    """The PNG ``data`` on a white background, without an alpha channel: LibreOffice prints
    a drawn chart's fully opaque alpha channel as a faint grey box."""
    with Image.open(io.BytesIO(data)) as image:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
        flat.info["dpi"] = image.info.get("dpi", (96, 96))
        buffer = io.BytesIO()
        flat.save(buffer, "PNG", optimize=True, dpi=flat.info["dpi"])
    return buffer.getvalue()
