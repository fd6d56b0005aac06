"""Rates the prose writes against the counts it writes: 直接就业率87.5% next to 毕业生1245人 and
直接就业580人 (580 ÷ 1245 = 46.59%).

A rate rule (:attr:`~reportgen.checks.rule.Kind.TEXT_RATE`) names the rate's text rule and one
or more *definitions*, each a division of sums of other text rules' numbers or of figures of the
tables (for the report's year)::

    text.direct_employment / (text.graduates - text.further_study)
    (text.direct_employment + text.further_study) / text.graduates
    scorecard.placed / scorecard.graduates

Each count is taken for the rate's year from the rate's own paragraph when it says it once, else
from the whole report when it is said there with one value only; a count said with two values is
no count at all (nothing is compared). The rate is a contradiction only when every definition
can be computed and none agrees with it at the precision the rate is written with: a rate with
several definitions in use is judged only when all of them can be tried.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from attrs import frozen

from reportgen.checks.evaluate import computed, finding
from reportgen.checks.rule import Rule
from reportgen.checks.text import TextFact
from reportgen.errors import Problem
from reportgen.figures import Agreement, Figures, Quantity, compare
from reportgen.numbers import format_number

TEXT_PREFIX = "text."
"""Starts the id of a text rule; any other name in a definition is a figure of the tables
(``scorecard.placed``), read for the report's year only."""
_TERM = re.compile(r"\s*([+-]?)\s*([A-Za-z_][\w.]*)\s*")


class DefinitionError(ValueError):
    """A rate definition that is not ``sum / sum`` of text rule ids."""


@frozen
class Definition:
    """``numerator / denominator``, each a signed sum of text rule ids."""

    numerator: tuple[tuple[int, str], ...]
    """(sign, rule id) of each term above the line."""
    denominator: tuple[tuple[int, str], ...]
    """(sign, rule id) of each term below it."""

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every text rule the definition reads."""
        return tuple(rule_id for _, rule_id in self.numerator + self.denominator)


def parse_definition(text: str) -> Definition:
    """``a / (b - c)`` → its terms; :class:`DefinitionError` when malformed."""
    if text.count("/") != 1:
        raise DefinitionError(f"{text!r}: a definition is one division")
    top, bottom = (_sum(side, text) for side in text.split("/"))
    return Definition(top, bottom)


def _sum(side: str, whole: str) -> tuple[tuple[int, str], ...]:
    side = side.strip()
    if side.startswith("(") and side.endswith(")"):
        side = side[1:-1]
    terms: list[tuple[int, str]] = []
    position = 0
    while position < len(side):
        match = _TERM.match(side, position)
        if match is None or match.end() == position or (terms and not match.group(1)):
            raise DefinitionError(f"{whole!r}: cannot read {side[position:]!r}")
        terms.append((-1 if match.group(1) == "-" else 1, match.group(2)))
        position = match.end()
    if not terms:
        raise DefinitionError(f"{whole!r}: an empty side")
    return tuple(terms)


def _count(facts: list[TextFact], rule_id: str, year: int, paragraph: int) -> TextFact | None:
    """The one number ``rule_id`` has for ``year``: in ``paragraph`` if said there, else in
    the report; ``None`` when absent or said with different values."""
    of_year = [f for f in facts if f.rule.id == rule_id and f.year == year]
    here = [f for f in of_year if f.paragraph == paragraph]
    for found in (here, of_year):
        if found:
            return found[0] if len({f.quantity.value for f in found}) == 1 else None
    return None


@frozen
class _Term:
    """One number a definition reads: a count the prose writes, or a figure of the tables."""

    quantity: Quantity
    """The number, located."""
    words: str
    """How it reads: the prose's words (毕业生1476人) or the figure's label."""


def _term(rule_id: str, facts: list[TextFact], rate: TextFact, figures: Figures) -> _Term | None:
    if rule_id.startswith(TEXT_PREFIX):
        fact = _count(facts, rule_id, rate.year, rate.paragraph)
        return _Term(fact.quantity, fact.snippet) if fact is not None else None
    figure = figures.get(rule_id) if rate.year == figures.year else None
    return _Term(figure, f"{figure.label}{figure.shown}") if figure is not None else None


@frozen
class _Computed:
    value: Decimal
    text: str
    numerator: list[_Term]
    denominator: list[_Term]


def _compute(definition: Definition, facts: list[TextFact], rate: TextFact, factor: Decimal,
             figures: Figures) -> _Computed | None:
    sides: list[list[_Term]] = []
    for terms in (definition.numerator, definition.denominator):
        found = [_term(rule_id, facts, rate, figures) for _, rule_id in terms]
        if any(f is None for f in found):
            return None
        sides.append([f for f in found if f is not None])
    values = [sum((sign * f.quantity.value for (sign, _), f in zip(terms, side)), Decimal(0))
              for terms, side in zip((definition.numerator, definition.denominator), sides)]
    if values[1] == 0:
        return None
    value = values[0] / values[1] * factor
    texts = [_written(terms, side) for terms, side in
             zip((definition.numerator, definition.denominator), sides)]
    return _Computed(value, f"{texts[0]} ÷ {texts[1]} × {format_number(factor)} = "
                            f"{computed(value, rate.quantity)}", sides[0], sides[1])


def _written(terms: tuple[tuple[int, str], ...], side: list[_Term]) -> str:
    text = ""
    for (sign, _), term in zip(terms, side):
        value = format_number(term.quantity.value)
        text += (" − " if sign < 0 else " + ") + value if text else value
    return f"({text})" if len(side) > 1 else text


def check_text_rate(rule: Rule, facts: list[TextFact], figures: Figures) -> Iterator[Problem]:
    """Each rate the prose writes for ``rule`` against its definitions: a contradiction only
    when every definition can be computed and none agrees."""
    rate_id, *definitions = rule.operands
    parsed = [parse_definition(d) for d in definitions]
    for fact in facts:
        if fact.rule.id != rate_id:
            continue
        results = [_compute(d, facts, fact, rule.factor, figures) for d in parsed]
        if any(c is None for c in results):
            continue
        computable = [c for c in results if c is not None]
        agreements = [compare(fact.quantity, Quantity(c.value, None, "", exact=True))
                      for c in computable]
        if Agreement.AGREE in agreements:
            continue
        best = Agreement.NEAR if Agreement.NEAR in agreements else Agreement.DIFFER
        shown = computable[agreements.index(best)]
        yield finding(rule, "W-CHECK-TEXT-RATE", fact.quantity,
                      related=shown.denominator[0].quantity,
                      found=fact.snippet, expected=shown.text, agreement=best, year=fact.year,
                      numerator="、".join(t.words for t in shown.numerator),
                      denominator="、".join(t.words for t in shown.denominator),
                      description=rule.description)
