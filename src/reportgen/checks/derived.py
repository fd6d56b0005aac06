"""Figures the library computes from others: rates, ratios, shares.

Each is data: a name the clerk can write in a placeholder (〔毕业生升学率〕), its inputs by
reference, a factor (100 for a percentage) and the decimals it prints with. A derived figure
is exact when a rule compares it (only the other figure's precision counts) and is rounded
half up to :attr:`Derived.places` when a placeholder prints it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from reportgen.checks.figures import Figures, Quantity


@frozen
class Derived:
    """A figure computed as ``numerator / denominator × factor``."""

    name: str
    """Its name in placeholders and messages (毕业生升学率)."""
    numerator: str
    """The reference of the figure divided."""
    denominator: str
    """The reference of the figure it is divided by."""
    factor: Decimal = Decimal(100)
    """100 for a percentage, 1 for a ratio."""
    unit: str = "%"
    """The unit it prints with."""
    places: int = 2
    """The decimals it prints with."""


DERIVED: tuple[Derived, ...] = (
    Derived("毕业生升学率", "scorecard.further_study", "scorecard.graduates"),
    Derived("毕业去向落实率", "scorecard.placed", "scorecard.graduates"),
    Derived("升入本科比例", "scorecard.to_undergraduate", "scorecard.further_study"),
    Derived("第一产业就业占比", "scorecard.primary_sector", "scorecard.employed_by_sector"),
    Derived("第二产业就业占比", "scorecard.secondary_sector", "scorecard.employed_by_sector"),
    Derived("第三产业就业占比", "scorecard.tertiary_sector", "scorecard.employed_by_sector"),
    Derived("计算生师比", "policy_implementation.full_time_students",
            "policy_implementation.full_time_teachers", Decimal(1), ":", 2),
    Derived("专任教师占教职工比例", "policy_implementation.full_time_teachers",
            "policy_implementation.staff_total"),
)
"""Every derived figure, by name."""

_BY_NAME = {d.name: d for d in DERIVED}


def derive(figures: Figures, name: str) -> Quantity | None:
    """The exact value of the derived figure ``name``; ``None`` when an input is missing or
    the denominator is zero."""
    from reportgen.checks.figures import Quantity

    spec = _BY_NAME.get(name)
    if spec is None:
        return None
    top, bottom = figures.get(spec.numerator), figures.get(spec.denominator)
    if top is None or bottom is None or bottom.value == 0:
        return None
    value = top.value / bottom.value * spec.factor
    label = f"{name}（{top.label} {top.shown} ÷ {bottom.label} {bottom.shown}）"
    return Quantity(value, top.source, label, spec.unit, exact=True)
