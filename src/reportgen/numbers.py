"""Numbers as the report prints them, shared by the renderer, the checks and the placeholders.

A figure is a :class:`~decimal.Decimal` whose exponent is the precision shown; it is written
out in full (never ``1E+3``) at that precision. Nothing here imports docx or openpyxl, so
every layer may use it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

RATIO_UNIT = ":"
"""The unit of a ratio such as 生师比, printed as ``16.29:1``."""
PERCENT_UNIT = "%"
"""The unit of a percentage row (its value is the percentage: 98.62 means 98.62%)."""


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


def unit_of_last_digit(value: Decimal) -> Decimal:
    """One unit of the last digit shown: ``Decimal('0.01')`` for 98.62, 1 for 1234."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "figures are finite"
    return Decimal(1).scaleb(exponent)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` at ``places`` decimals, rounded as Excel does (half away from zero)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimals(value: Decimal) -> int:
    """How many decimals a figure shows (0 for whole numbers)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "figures are finite"
    return max(0, -exponent)
