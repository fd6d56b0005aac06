"""What a check is: a :class:`Rule` (data) of a :class:`Kind` (which evaluator runs it).

The rules themselves are data in :mod:`reportgen.checks.rules` (figures) and
:mod:`reportgen.checks.text_rules` (prose); the clerk may declare more in the workbook's
规则 sheet (:mod:`reportgen.checks.declared`).
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from reportgen.errors import Severity


class Kind(enum.Enum):
    """What a rule checks, and so which evaluator runs it."""

    SUM = "sum"
    """operands[0] is the total; the others are parts that partition it and add up to it."""
    NOT_EXCEEDING = "not-exceeding"
    """operands[0] is a whole; no other operand (a "其中" part) may exceed it."""
    SAME = "same-quantity"
    """Every operand states the same quantity: they must agree."""
    RATIO = "ratio"
    """operands[0] is stated; it must be operands[1] / operands[2] × factor."""
    RANGE = "range"
    """Every figure matched by the operands lies within [low, high]."""
    FRACTION = "likely-fraction"
    """A percentage row holding a value such as 0.9048: probably a fraction, not a percentage."""
    SURVEY_BASE = "survey-base"
    """A satisfaction rate given although nobody was surveyed: each operand is a pattern of
    rates, ``@`` and the column of their row that counts who was asked (调查人次 0)."""
    WEIGHTED_MEAN = "weighted-mean"
    """operands[0] is a rate surveyed over the people the others were surveyed over: it must
    be their mean weighted by the rule's :attr:`Rule.weight` column (调查人次) — checked only
    when the parts' weights add up to the total's."""
    FREE_SUM = "free-table-sum"
    """In a free table, the rows above its 合计 row add up to it, column by column (小计 rows
    are left out: they are checked by :attr:`FREE_SUBTOTAL`)."""
    FREE_SUBTOTAL = "free-table-subtotal"
    """In a free table, each 小计 row is the sum of the rows of its group, each 小计 column the
    sum of the columns of its group, and a 合计 column the sum of the columns before it."""
    FREE_SHARE = "free-table-share"
    """In a free table, each 占比 is its count's share of the 合计 of the count's column."""
    TEXT = "text-vs-figure"
    """A number the prose writes after a term must agree with the figure (operands[0])."""
    TEXT_TERM = "text-term"
    """A number the prose writes after a term that no table holds (专业对口就业523人): read
    only so that rates can be computed from it."""
    TEXT_PART = "text-part"
    """In one sentence of the prose, a "其中" part cannot exceed the whole it is part of
    (``升学914人中贯通培养1425人``); patterns hold ``{whole}`` and ``{part}``."""
    TEXT_RATE = "text-rate"
    """A rate the prose writes must follow its definition from counts the prose writes for the
    same year: operands[0] is the rate's text rule, each further operand one accepted
    definition (``text.direct_employment / (text.graduates - text.further_study)``)."""
    TEXT_TOTAL = "text-total"
    """In the prose, a total amount of money and its parts listed after 其中 when the list is
    exhaustive (its last item is 其他…): the parts must add up to the total."""


@frozen
class Rule:
    """One check."""

    id: str
    """A short ASCII identifier, unique (``scorecard.sectors_sum``)."""
    description: str
    """What it checks, in Chinese, for the clerk and for docs/checks.md."""
    kind: Kind
    """Which evaluator runs it."""
    operands: tuple[str, ...] = ()
    """The figures it reads, by reference (for :attr:`Kind.TEXT_RATE`, text rule ids and
    definitions)."""
    severity: Severity = Severity.WARNING
    """How bad a finding is (a near miss is always a note)."""
    factor: Decimal = Decimal(1)
    """For ratios and rates: 100 for a percentage."""
    low: Decimal | None = None
    """For ranges: the least legal value."""
    high: Decimal | None = None
    """For ranges: the greatest legal value."""
    patterns: tuple[str, ...] = ()
    """For text rules: regular expressions in which ``{n}`` stands for the number."""
    weight: str = ""
    """For :attr:`Kind.WEIGHTED_MEAN`: the indicator table's own column holding each rate's
    weight (``survey_count``)."""
    unit: str = ""
    """For text rules without a figure: the unit of the number (``%``)."""
