"""One evaluator per kind of figure rule: the rule's data in, located findings out.

Every finding names both places and both values: the figure found wrong (``where``, ``found``)
and the figure or computation it contradicts (``related``, ``expected``). A rule whose
figures are absent or empty finds nothing: an empty cell is legal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterator

from reportgen.figures import COLUMN_SEPARATOR, Agreement, Figures, FreeGrid, Quantity, compare
from reportgen.checks.rule import Kind, Rule
from reportgen.codes import near
from reportgen.errors import Problem
from reportgen.numbers import (PERCENT_UNIT, decimals, format_number, round_half_up,
                               unit_of_last_digit)

TOTAL_LABELS = ("合计", "总计")
"""What a free table's total row (or column) reads, spaces aside."""
SHARE_MARK = "占比"
"""A free table's share columns have it in their header."""
FRACTION_MIN_DECIMALS = 3
"""A percentage between 0 and 1 with at least this many decimals is likely a fraction
(0.9048 for 90.48%); 0.2 (%) is a legal small percentage."""


def finding(rule: Rule, code: str, a: Quantity, *, related: Quantity | None = None,
            expected: str | None = None, agreement: Agreement = Agreement.DIFFER,
            found: str | None = None, **fields: Any) -> Problem:
    """A located finding of ``rule``, of the kind ``code`` with the data ``fields``; a near
    miss is only a note (the kind's near code)."""
    return Problem.of(near(code) if agreement is Agreement.NEAR else code, a.source,
                      found=found if found is not None else a.shown,
                      related=related.source if related is not None else None,
                      expected=expected if expected is not None else (
                          related.shown if related else None),
                      rule=rule.id, **fields)


def computed(value: Decimal, like: Quantity, extra: int = 1) -> str:
    """A computed value shown one decimal finer than the figure it is compared with."""
    places = decimals(like.value) + extra
    text = format_number(round_half_up(value, places))
    return f"{text}:1" if like.unit == ":" else f"{text}{like.unit}"


def quotient(top: Quantity, bottom: Quantity, factor: Decimal, value: Decimal,
             like: Quantity) -> str:
    """``top ÷ bottom [× factor] = value``: the division a finding shows the clerk, with the
    rule's own factor (none when it is 1)."""
    scaled = "" if factor == 1 else f" × {format_number(factor)}"
    return f"{top.shown} ÷ {bottom.shown}{scaled} = {computed(value, like)}"


# -- the evaluators --

def _sum(rule: Rule, figures: Figures) -> Iterator[Problem]:
    total, *parts = (figures.get(ref) for ref in rule.operands)
    present = [p for p in parts if p is not None]
    if total is None or not present:
        return
    added = sum((p.value for p in present), Decimal(0))
    agreement = compare(total, Quantity(added, None, "", total.unit))
    if agreement is Agreement.AGREE:
        return
    terms = " + ".join(p.shown for p in present)
    yield finding(rule, "W-CHECK-SUM", total, related=present[0],
                  expected=f"{terms} = {format_number(added)}", agreement=agreement,
                  label=total.label, terms=terms, sum=format_number(added),
                  description=rule.description)


def _not_exceeding(rule: Rule, figures: Figures) -> Iterator[Problem]:
    whole, *parts = (figures.get(ref) for ref in rule.operands)
    if whole is None:
        return
    for part in parts:
        if part is not None and part.value > whole.value:
            yield finding(rule, "W-CHECK-PART", part, related=whole, part=part.label,
                          whole=whole.label, description=rule.description)


def _same(rule: Rule, figures: Figures) -> Iterator[Problem]:
    present = [q for q in (figures.get(ref) for ref in rule.operands) if q is not None]
    first = present[0] if present else None
    for other in present[1:]:
        assert first is not None
        agreement = compare(other, first)
        if agreement is not Agreement.AGREE:
            yield finding(rule, "W-CHECK-SAME", other, related=first, agreement=agreement,
                          label=other.label, other=first.label, description=rule.description)


def _ratio(rule: Rule, figures: Figures) -> Iterator[Problem]:
    stated, top, bottom = (figures.get(ref) for ref in rule.operands)
    if stated is None or top is None or bottom is None or bottom.value == 0:
        return
    value = top.value / bottom.value * rule.factor
    agreement = compare(stated, Quantity(value, None, "", exact=True))
    if agreement is not Agreement.AGREE:
        yield finding(rule, "W-CHECK-RATIO", stated, related=top,
                      expected=quotient(top, bottom, rule.factor, value, stated),
                      agreement=agreement, label=stated.label, numerator=top.label,
                      denominator=bottom.label, description=rule.description)


def _range(rule: Rule, figures: Figures) -> Iterator[Problem]:
    for pattern in rule.operands:
        for q in figures.expand(pattern):
            if (rule.low is not None and q.value < rule.low) or (
                    rule.high is not None and q.value > rule.high):
                if rule.high is not None:
                    yield finding(rule, "E-CHECK-RANGE", q, label=q.label,
                                  low=format_number(rule.low), high=format_number(rule.high),
                                  description=rule.description)
                else:
                    yield finding(rule, "E-CHECK-MINIMUM", q, label=q.label,
                                  low=format_number(rule.low), description=rule.description)


def _fraction(rule: Rule, figures: Figures) -> Iterator[Problem]:
    for pattern in rule.operands:
        for q in figures.expand(pattern):
            if q.unit == PERCENT_UNIT and 0 < q.value <= 1 and decimals(q.value) >= FRACTION_MIN_DECIMALS:
                as_percent = format_number((q.value * 100).normalize())
                yield finding(rule, "W-CHECK-FRACTION", q, label=q.label,
                              value=format_number(q.value), percent=as_percent)


def _survey_base(rule: Rule, figures: Figures) -> Iterator[Problem]:
    for operand in rule.operands:  # rates @ the column of the same row holding their base
        pattern, _, column = operand.partition(COLUMN_SEPARATOR)
        for q in figures.expand(pattern):
            base = figures.get(f"{q.ref}{COLUMN_SEPARATOR}{column}")
            if base is not None and base.value == 0:
                yield Problem.of("W-CHECK-SURVEY-BASE", q.source, found=q.shown,
                                 related=base.source, expected="0", rule=rule.id, label=q.label)


def _weighted_mean(rule: Rule, figures: Figures) -> Iterator[Problem]:
    """A surveyed rate against its parts weighted by how many were asked in each."""
    rates = [figures.get(ref) for ref in rule.operands]
    weights = [figures.get(f"{ref}{COLUMN_SEPARATOR}{rule.weight}") for ref in rule.operands]
    if any(q is None for q in rates + weights):
        return
    (total, *parts), (base, *counts) = rates, weights
    assert total is not None and base is not None
    present = [(r, w) for r, w in zip(parts, counts) if r is not None and w is not None]
    asked = sum((w.value for _, w in present), Decimal(0))
    if asked == 0 or asked != base.value:  # the parts are not the whole that was asked
        return
    mean = sum((r.value * w.value for r, w in present), Decimal(0)) / asked
    slack = (unit_of_last_digit(total.value) + max(unit_of_last_digit(r.value)
                                                  for r, _ in present)) / 2
    if abs(total.value - mean) <= slack:
        return
    terms = " + ".join(f"{r.shown} × {format_number(w.value)}" for r, w in present)
    yield finding(rule, "W-CHECK-WEIGHTED", total, related=present[0][0],
                  expected=f"({terms}) ÷ {format_number(asked)} = {computed(mean, total)}",
                  label=total.label,
                  parts="".join(f"“{r.row.spec.name}”" if r.row else r.label for r, _ in present),
                  description=rule.description)


def _free_tables_with_total(rule: Rule, figures: Figures) -> Iterator[tuple[FreeGrid, int]]:
    """Each free table the rule names that has a 合计 (or 总计) row, with that row's index."""
    for pattern in rule.operands:
        for table in figures.free_tables(pattern):
            grid = FreeGrid(table)
            total_row = next((r for r in range(grid.header_rows, len(grid.cells))
                              if "".join(grid.label(r).split()) in TOTAL_LABELS), None)
            if total_row is not None:
                yield grid, total_row


def _free_share(rule: Rule, figures: Figures) -> Iterator[Problem]:
    for grid, total_row in _free_tables_with_total(rule, figures):
        for c in range(2, len(grid.cells[0])):
            if SHARE_MARK not in grid.header(c) or SHARE_MARK in grid.header(c - 1):
                continue
            total = grid.quantity(total_row, c - 1)
            if total is None or total.value == 0:
                continue
            for r in range(grid.header_rows, total_row):
                share, count = grid.quantity(r, c, unit=PERCENT_UNIT), grid.quantity(r, c - 1)
                if share is None or count is None:
                    continue
                value = count.value / total.value * rule.factor
                agreement = compare(share, Quantity(value, None, "", exact=True))
                if agreement is not Agreement.AGREE:
                    yield finding(rule, "W-CHECK-TABLE-SHARE", share, related=count,
                                  expected=quotient(count, total, rule.factor, value, share),
                                  agreement=agreement, label=share.label,
                                  description=rule.description)


EVALUATORS: dict[Kind, Callable[[Rule, Figures], Iterator[Problem]]] = {
    Kind.SUM: _sum,
    Kind.NOT_EXCEEDING: _not_exceeding,
    Kind.SAME: _same,
    Kind.RATIO: _ratio,
    Kind.RANGE: _range,
    Kind.FRACTION: _fraction,
    Kind.SURVEY_BASE: _survey_base,
    Kind.WEIGHTED_MEAN: _weighted_mean,
    Kind.FREE_SHARE: _free_share,
}
"""The evaluator of each kind of figure rule (text rules are in :mod:`reportgen.checks.text`)."""
