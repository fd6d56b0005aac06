"""Year over year: last year's figure, the change and the growth rate, worded by their sign.

Wherever a figure has last year's value (the 上年 column of an indicator sheet or of the 数据
sheet, filled by ``reportgen init --from`` or typed), a placeholder may name it with a suffix
after ``@``:

=============  ==========================================  ==============================
suffix         prints                                      example
=============  ==========================================  ==============================
``@上年``       last year's figure, as the table prints it   〔毕业生人数@上年〕 → 1222
``@变化``       the change, with 增加 / 减少 / 持平            〔毕业生人数@变化〕 → 增加12人
``@增幅``       the growth rate, with 增长 / 下降 / 持平        〔毕业生人数@增幅〕 → 增长0.98%
=============  ==========================================  ==============================

A percentage changes by percentage points: 〔毕业生本省去向落实率@变化〕 → 提高1.2个百分点.
The wording follows the sign, so the prose never reads "增加-713.55万元". A missing figure or a
zero base raises :class:`NoValue` with a registered code, which the placeholder turns into a
located error, never a division error. Nothing here knows
workbooks or documents: the functions take numbers and give text.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from reportgen.numbers import PERCENT_UNIT, RATIO_UNIT, format_figure, format_number, \
    round_half_up

SEPARATOR = "@"
"""Between a figure's name and the suffix (〔毕业生人数@变化〕); a full-width ＠ works too."""
PREVIOUS = "上年"
CHANGE = "变化"
GROWTH = "增幅"
SUFFIXES = (PREVIOUS, CHANGE, GROWTH)
GROWTH_PLACES = 2
"""Decimals of a growth rate (增长3.50%)."""
_SAME = "持平"


@frozen
class Pair:
    """A figure of this year and last year's, as the placeholder needs them."""

    current: Decimal | None
    """This year's figure; ``None`` when its cell is empty."""
    previous: Decimal | None
    """Last year's; ``None`` when there is none."""
    unit: str = ""
    """Its unit (人, %, ``:``, 万元)."""


class NoValue(ValueError):
    """The phrase cannot be written; :attr:`code` says why (a registered placeholder problem,
    whose text names the figure)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
        """``E-PLACEHOLDER-NO-PREVIOUS``, ``E-PLACEHOLDER-NO-CURRENT`` or
        ``E-PLACEHOLDER-PREVIOUS-ZERO``."""


def split(name: str) -> tuple[str, str] | None:
    """``('毕业生人数', '变化')`` for ``毕业生人数@变化``; ``None`` when ``name`` has no known
    suffix."""
    base, separator, suffix = name.replace("＠", SEPARATOR).rpartition(SEPARATOR)
    if not separator or suffix.strip() not in SUFFIXES or not base.strip():
        return None
    return base.strip(), suffix.strip()


def phrase(pair: Pair, suffix: str) -> str:
    """The text a placeholder prints for ``suffix``; raises :class:`NoValue` with the reason."""
    if pair.previous is None:
        raise NoValue("E-PLACEHOLDER-NO-PREVIOUS")
    if suffix == PREVIOUS:
        return format_figure(pair.previous, pair.unit)
    if pair.current is None:
        raise NoValue("E-PLACEHOLDER-NO-CURRENT")
    if suffix == CHANGE:
        return change_phrase(pair.current, pair.previous, pair.unit)
    return growth_phrase(pair.current, pair.previous)


def change_phrase(current: Decimal, previous: Decimal, unit: str = "") -> str:
    """增加12人 / 减少713.55万元 / 持平; a percentage: 提高1.2个百分点 / 降低0.5个百分点."""
    difference = current - previous
    if difference == 0:
        return _SAME
    amount = format_number(abs(difference))
    if unit == PERCENT_UNIT:
        return f"{'提高' if difference > 0 else '降低'}{amount}个百分点"
    shown_unit = "" if unit == RATIO_UNIT else unit
    return f"{'增加' if difference > 0 else '减少'}{amount}{shown_unit}"


def growth_phrase(current: Decimal, previous: Decimal) -> str:
    """增长3.50% / 下降6.49% / 持平; raises :class:`NoValue` when last year's figure is 0."""
    difference = current - previous
    if difference == 0:
        return _SAME
    if previous == 0:
        raise NoValue("E-PLACEHOLDER-PREVIOUS-ZERO")
    rate = round_half_up(abs(difference) / abs(previous) * 100, GROWTH_PLACES)
    return f"{'增长' if difference > 0 else '下降'}{format_number(rate)}%"


__all__ = ["CHANGE", "GROWTH", "NoValue", "PREVIOUS", "Pair", "SEPARATOR", "SUFFIXES",
           "change_phrase", "growth_phrase", "phrase", "split"]
