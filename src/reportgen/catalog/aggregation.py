"""What an indicator means when several schools' figures become one district's figure.

Every indicator of a catalog says how it aggregates (``aggregate = "..."`` in its row):

- ``count`` — a number of people or things: the district's is the sum.
- ``amount`` — money (元, 万元): the sum.
- ``rate`` — a percentage ``numerator / denominator × scale`` (scale 100) of two indicators of
  the catalog: recomputed from the summed numerator and denominator.
- ``weighted_mean`` — a mean weighted by another figure: by an indicator (``weight``) or by a
  number in the same row (``weight_column``, the 调查人次 of a survey result).
- ``ratio`` — ``numerator / denominator × scale`` (scale 1) of two indicators, such as 生师比:
  recomputed from the summed parts.
- ``per_student`` — a value per student: the total (``numerator``, or the value times the
  student count when the total is not in the tables) summed, divided by the summed student
  count (``denominator``).
- ``none`` — cannot be aggregated (a rate whose parts are not in the tables, a maximum, a
  text): the merge lists it and leaves the cell for the clerk; ``reason`` says why.

References name indicators as ``table_id.indicator_id`` (``.unit`` for one unit of a two-unit
indicator); the catalog checks when it loads that each one exists.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen


class AggregateKind(enum.Enum):
    """How an indicator aggregates; the value is the word in the catalog file."""

    COUNT = "count"
    """A number of people or things: summed."""
    AMOUNT = "amount"
    """Money: summed."""
    RATE = "rate"
    """numerator / denominator × scale (100), recomputed from the summed parts."""
    WEIGHTED_MEAN = "weighted_mean"
    """A mean weighted by another figure (an indicator or a number in the same row)."""
    RATIO = "ratio"
    """numerator / denominator × scale (1), recomputed from the summed parts (生师比)."""
    PER_STUDENT = "per_student"
    """A total per student, recomputed from the summed totals and student counts."""
    NONE = "none"
    """Cannot be aggregated: listed for the clerk, never averaged or summed."""


_DEFAULT_SCALE = {AggregateKind.RATE: Decimal(100)}
_WITH_PARTS = (AggregateKind.RATE, AggregateKind.RATIO)


@frozen
class Aggregation:
    """An indicator's aggregation meaning. Build one with the class methods, which check
    that each kind has what it needs (``ValueError`` otherwise)."""

    kind: AggregateKind
    """How it aggregates."""
    numerator: str | None = None
    """For a rate or a ratio: the reference of the figure divided; for a per-student value:
    the total it is computed from, when the tables hold it."""
    denominator: str | None = None
    """For a rate or a ratio: the reference of the figure divided by; for a per-student
    value: the student count."""
    weight: str | None = None
    """For a weighted mean: the reference of the figure that weights it."""
    weight_column: str | None = None
    """For a weighted mean: the id of the table's column, in the same row, that weights it
    (``survey_count``, 调查人次)."""
    scale: Decimal = Decimal(1)
    """For a rate or a ratio: what the quotient is multiplied by (100 for a percentage)."""
    reason: str = ""
    """For ``none``: why it cannot be aggregated (shown to developers and, by the merge, to
    the clerk)."""

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind in _WITH_PARTS and not (self.numerator and self.denominator):
            raise ValueError(f"{kind.value} needs a numerator and a denominator")
        if kind is AggregateKind.PER_STUDENT and not self.denominator:
            raise ValueError("per_student needs a denominator (the student count)")
        if kind is AggregateKind.WEIGHTED_MEAN and (self.weight is None) == (
                self.weight_column is None):
            raise ValueError("weighted_mean needs either a weight or a weight_column")
        if kind is AggregateKind.NONE and not self.reason.strip():
            raise ValueError("none needs a reason")
        allowed = {"numerator": kind in _WITH_PARTS or kind is AggregateKind.PER_STUDENT,
                   "denominator": kind in _WITH_PARTS or kind is AggregateKind.PER_STUDENT,
                   "weight": kind is AggregateKind.WEIGHTED_MEAN,
                   "weight_column": kind is AggregateKind.WEIGHTED_MEAN,
                   "reason": kind is AggregateKind.NONE}
        extra = [key for key, ok in allowed.items() if getattr(self, key) and not ok]
        if kind not in _WITH_PARTS and self.scale != 1:
            extra.append("scale")
        if extra:
            raise ValueError(f"{kind.value} takes no {', '.join(extra)}")

    # -- building --

    @classmethod
    def count(cls) -> Aggregation:
        """A count that adds up."""
        return cls(AggregateKind.COUNT)

    @classmethod
    def amount(cls) -> Aggregation:
        """An amount of money that adds up."""
        return cls(AggregateKind.AMOUNT)

    @classmethod
    def rate(cls, numerator: str, denominator: str, scale: Decimal = Decimal(100)) -> Aggregation:
        """A percentage of two indicators, recomputed from their sums."""
        return cls(AggregateKind.RATE, numerator=numerator, denominator=denominator, scale=scale)

    @classmethod
    def ratio(cls, numerator: str, denominator: str, scale: Decimal = Decimal(1)) -> Aggregation:
        """A ratio of two indicators (生师比), recomputed from their sums."""
        return cls(AggregateKind.RATIO, numerator=numerator, denominator=denominator, scale=scale)

    @classmethod
    def weighted_mean(cls, *, weight: str | None = None,
                      weight_column: str | None = None) -> Aggregation:
        """A mean weighted by an indicator or by a number in the same row."""
        return cls(AggregateKind.WEIGHTED_MEAN, weight=weight, weight_column=weight_column)

    @classmethod
    def per_student(cls, students: str, total: str | None = None) -> Aggregation:
        """A value per student: the summed total over the summed student count."""
        return cls(AggregateKind.PER_STUDENT, numerator=total, denominator=students)

    @classmethod
    def none(cls, reason: str) -> Aggregation:
        """Cannot be aggregated, and why."""
        return cls(AggregateKind.NONE, reason=reason)

    @classmethod
    def from_data(cls, kind: str, *, numerator: str | None = None,
                  denominator: str | None = None, weight: str | None = None,
                  weight_column: str | None = None, scale: Decimal | None = None,
                  reason: str = "") -> Aggregation:
        """From the words of a catalog file (``ValueError`` for an unknown kind)."""
        try:
            parsed = AggregateKind(kind)
        except ValueError:
            words = ", ".join(k.value for k in AggregateKind)
            raise ValueError(f"unknown aggregate {kind!r} (one of: {words})") from None
        if scale is None:
            scale = _DEFAULT_SCALE.get(parsed, Decimal(1))
        return cls(parsed, numerator=numerator, denominator=denominator, weight=weight,
                   weight_column=weight_column, scale=scale, reason=reason)

    # -- reading --

    @property
    def adds_up(self) -> bool:
        """True for a count or an amount: the district's figure is the sum."""
        return self.kind in (AggregateKind.COUNT, AggregateKind.AMOUNT)

    @property
    def aggregable(self) -> bool:
        """False for ``none``: the merge must leave the figure to the clerk."""
        return self.kind is not AggregateKind.NONE

    @property
    def students(self) -> str | None:
        """For a per-student value: the reference of the student count."""
        return self.denominator if self.kind is AggregateKind.PER_STUDENT else None

    def references(self) -> tuple[str, ...]:
        """Every indicator this meaning reads, by reference (numerator, denominator, weight)."""
        return tuple(r for r in (self.numerator, self.denominator, self.weight) if r)


UNSPECIFIED = Aggregation.none("the catalog does not say how it aggregates")
"""The meaning of an indicator made in code without one (a catalog file must give one)."""
