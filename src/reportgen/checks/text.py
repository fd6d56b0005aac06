"""Numbers in the prose against the figures: 毕业生1476人 in a paragraph, 1234 in the scorecard.

A text rule lists patterns: a term and ``{n}`` where the number stands (``毕业生{n}人``). Every
match in a paragraph (foreword, body, cases) is a *text fact*: a number, the term, the
paragraph's cell and the year it speaks of. The year is the last ``20XX年`` (or ``2022-2023年度``)
written before the number in the same sentence; without one, the report's year. Only facts of
the report's year are compared with the figures; facts of other years still serve the
arithmetic of the prose itself (an earlier year's 升学率 against its own counts).

A term directly preceded by "的" or by one of the rule's qualifiers names a part, not the
quantity (贯通培养形式的在校生, 统招升学), and is skipped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from attrs import frozen

from reportgen.figures import Agreement, Figures, Quantity, compare
from reportgen.checks.evaluate import computed, finding
from reportgen.checks.rules import Kind, Rule
from reportgen.errors import Problem
from reportgen.model import Case, Paragraph, Report, SourceRef
from reportgen.numbers import PERCENT_UNIT, decimals

NUMBER = r"(?P<n>\d+(?:\.\d+)?)"
"""What ``{n}`` stands for in a pattern."""
ALWAYS_NOT_AFTER = ("的",)
"""Qualifiers that make any term a part of its quantity."""
_YEAR = re.compile(r"(20\d\d)(?:\s*[-—–－~至]\s*(20\d\d))?\s*年")
_SENTENCE_END = re.compile(r"[。！？!?]")


@frozen
class TextFact:
    """A number the prose writes after a term."""

    rule: Rule
    """The text rule whose pattern matched."""
    quantity: Quantity
    """The number, located at the paragraph's cell, with the unit the pattern implies."""
    year: int
    """The year it speaks of."""
    snippet: str
    """The words around it, to find it in the paragraph."""


def paragraphs(report: Report) -> Iterator[Paragraph]:
    """Every paragraph of running text: foreword, chapters and cases, in document order."""
    yield from report.foreword
    for block in report.blocks():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Case):
            yield from block.paragraphs


def year_at(text: str, position: int, default: int) -> int:
    """The year the words at ``position`` speak of (see the module's docstring)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, position)), default=0)
    years = list(_YEAR.finditer(text, start, position))
    if not years:
        return default
    last = years[-1]
    return int(last.group(2) or last.group(1))


def _unit(rule: Rule, pattern: str) -> str:
    """The unit a pattern implies, read from what follows ``{n}``."""
    after = pattern.split("{n}", 1)[1]
    if after.startswith("%"):
        return PERCENT_UNIT
    if "[:：]" in after:
        return ":"
    return ""


def text_facts(report: Report, rules: tuple[Rule, ...]) -> list[TextFact]:
    """Every match of every text rule in every paragraph."""
    facts = []
    for paragraph in paragraphs(report):
        text, source = paragraph.text.text, paragraph.text.source
        for rule in rules:
            if rule.kind is not Kind.TEXT:
                continue
            qualifiers = ALWAYS_NOT_AFTER + rule.not_after
            for pattern in rule.patterns:
                for match in re.finditer(pattern.replace("{n}", NUMBER), text):
                    if text[:match.start()].endswith(qualifiers):
                        continue
                    snippet = match.group(0)
                    number = Decimal(match.group("n"))
                    quantity = Quantity(number, source, f"{_where(source)}“{snippet}”",
                                        _unit(rule, pattern))
                    facts.append(TextFact(rule, quantity,
                                          year_at(text, match.start("n"), report.meta.year),
                                          snippet))
    return facts


def _where(source: SourceRef | None) -> str:
    if source is None:
        return "正文"
    return "前言" if source.sheet == "前言" else ("案例" if source.sheet == "案例" else "正文")


def check_text(rule: Rule, facts: list[TextFact], figures: Figures) -> Iterator[Problem]:
    """A text rule: each fact of the report's year against the figure it names."""
    figure = figures.get(rule.operands[0])
    if figure is None:
        return
    for fact in facts:
        if fact.rule is not rule or fact.year != figures.year:
            continue
        said = fact.quantity
        agreement = compare(said, figure)
        if agreement is not Agreement.AGREE and _likely_fraction(figure):
            # 0.9048 in a % row: the fraction rule reports it; compare the text with 90.48
            agreement = min(agreement, compare(said, figure, scale=Decimal(100)),
                            key=lambda a: list(Agreement).index(a))
        if agreement is Agreement.AGREE:
            continue
        yield finding(rule, "W-CHECK-TEXT", said, found=fact.snippet, related=figure,
                      expected=figure.shown if not figure.exact else computed(figure.value, said),
                      agreement=agreement, place=_where(said.source), label=figure.label)


def check_text_rate(rule: Rule, facts: list[TextFact]) -> Iterator[Problem]:
    """A rate written in the prose against the prose's own counts of the same year."""
    rate_id, top_id, bottom_id = rule.operands

    def single(rule_id: str, year: int) -> TextFact | None:
        found = [f for f in facts if f.rule.id == rule_id and f.year == year]
        values = {f.quantity.value for f in found}
        return found[0] if len(values) == 1 else None

    for fact in facts:
        if fact.rule.id != rate_id:
            continue
        top, bottom = single(top_id, fact.year), single(bottom_id, fact.year)
        if top is None or bottom is None or bottom.quantity.value == 0:
            continue
        value = top.quantity.value / bottom.quantity.value * rule.factor
        agreement = compare(fact.quantity, Quantity(value, None, "", exact=True))
        if agreement is not Agreement.AGREE:
            yield finding(rule, "W-CHECK-TEXT-RATE", fact.quantity, related=bottom.quantity,
                          found=fact.snippet,
                          expected=f"{top.quantity.value} ÷ {bottom.quantity.value} × 100 = "
                                   f"{computed(value, fact.quantity)}",
                          agreement=agreement, year=fact.year, numerator=top.snippet,
                          denominator=bottom.snippet, description=rule.description)


def check_text_part(rule: Rule, report: Report) -> Iterator[Problem]:
    """A part the prose writes after "其中" (or "…中") against the whole just before it."""
    for paragraph in paragraphs(report):
        text, source = paragraph.text.text, paragraph.text.source
        for pattern in rule.patterns:
            regex = pattern.replace("{whole}", NUMBER.replace("<n>", "<whole>")).replace(
                "{part}", NUMBER.replace("<n>", "<part>"))
            for match in re.finditer(regex, text):
                whole, part = Decimal(match.group("whole")), Decimal(match.group("part"))
                if part <= whole:
                    continue
                yield Problem.of("W-CHECK-TEXT-PART", source, found=match.group(0),
                                 related=source, expected=f"总数 {whole}", rule=rule.id,
                                 place=_where(source), part=part, whole=whole,
                                 description=rule.description)


def _likely_fraction(q: Quantity) -> bool:
    return q.unit == PERCENT_UNIT and 0 < q.value <= 1 and decimals(q.value) >= 3
