"""Turning raw model values into the text the report prints.

Numbers reach the renderer as :class:`~decimal.Decimal` carrying the precision the clerk
typed or chose; they are written out in full (never ``1E+3``) at that precision.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

RATIO_UNIT = ":"
"""The unit of a ratio such as 生师比, printed as ``16.29:1``."""


def format_number(value: Decimal | None) -> str:
    """A figure as printed: its digits at the precision it carries; empty for ``None``."""
    if value is None:
        return ""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


def format_figure(value: Decimal | None, unit: str = "") -> str:
    """A figure in its table cell: a ratio gets its ``:1``."""
    text = format_number(value)
    if text and unit == RATIO_UNIT:
        return f"{text}:1"
    return text


def heading_number(path: tuple[int, ...]) -> str:
    """The number printed before a heading: ``1.`` for a chapter, ``1.2`` and ``1.2.3`` below."""
    if len(path) == 1:
        return f"{path[0]}."
    return ".".join(str(n) for n in path)


def cover_date(date: datetime.date) -> str:
    """The month printed on the cover (2024年12月)."""
    return f"{date.year}年{date.month}月"


def text_width(text: str) -> int:
    """How wide a text prints, in half-width characters: CJK and full-width count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
