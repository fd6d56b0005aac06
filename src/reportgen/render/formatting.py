"""Turning raw model values into the text the report prints.

Numbers reach the renderer as :class:`~decimal.Decimal` carrying the precision the clerk
typed or chose; they are written out in full (never ``1E+3``) at that precision.
"""

from __future__ import annotations

import datetime
import unicodedata

from reportgen.numbers import RATIO_UNIT, format_figure, format_number

__all__ = ["RATIO_UNIT", "cover_date", "format_figure", "format_number", "heading_number",
           "text_width"]


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
