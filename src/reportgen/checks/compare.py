"""When two figures agree: within the precision shown.

A figure shown as ``16.29`` stands for anything in [16.285, 16.295): it agrees with another
when they differ by at most half a unit of the last digit shown. Between two shown figures the
coarser precision counts (``16.4`` in the text against ``16.29`` in a table: half of 0.1). A
computed value (a share, a ratio) has no precision of its own; only the shown one counts.

A difference of more than half a unit but at most one unit is a *near miss*: typically a share
rounded the wrong way so that the column adds up to 100. It is reported as a note (提示), not
as a contradiction. Whole counts compared with whole counts are never rounded, so for them
any difference is a contradiction.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from reportgen.checks.figures import Quantity
from reportgen.numbers import unit_of_last_digit

EXACT_TOLERANCE = Decimal("1e-9")
"""How far two computed values may differ (rounding noise of the division only)."""


class Agreement(enum.Enum):
    """How well two figures agree."""

    AGREE = "agree"
    """Within half a unit of the coarser precision shown."""
    NEAR = "near"
    """Within one unit: a rounding slip."""
    DIFFER = "differ"
    """Further apart: they cannot both be right."""


def tolerance(*quantities: Quantity) -> Decimal:
    """Half a unit of the last digit of the coarsest shown figure among ``quantities``."""
    units = [unit_of_last_digit(q.value) for q in quantities if not q.exact]
    return max(units) / 2 if units else EXACT_TOLERANCE


def compare(a: Quantity, b: Quantity, *, scale: Decimal = Decimal(1)) -> Agreement:
    """Whether ``a`` and ``b`` state the same value; ``scale`` multiplies ``b`` first."""
    half = tolerance(a, b)
    difference = abs(a.value - b.value * scale)
    if difference <= half:
        return Agreement.AGREE
    rounded = a.exact or b.exact or half < Decimal("0.5")  # whole counts are never rounded
    if difference <= 2 * half and rounded:
        return Agreement.NEAR
    return Agreement.DIFFER


def compare_values(shown: Decimal, computed: Decimal) -> Agreement:
    """Whether the ``shown`` figure is ``computed`` at the precision shown."""
    return compare(Quantity(shown, None, ""), Quantity(computed, None, "", exact=True))
