"""Numbers in the prose against the figures: 毕业生1476人 in a paragraph, 1234 in the scorecard.

A text rule lists patterns: a term and ``{n}`` where the number stands (``毕业生{n}人``). Every
match in a paragraph (foreword, body, cases) that speaks of the district as a whole is a *text
fact*: a number, the term, the paragraph's cell and the year it speaks of. Whether it speaks of
the whole — not of a part, a school or another group — is decided by
:mod:`reportgen.checks.scope`; when unsure, the match is no fact and nothing is compared.

The year is the last ``20XX年`` (or ``2022-2023年度``) written before the number in the same
sentence; without one, the report's year. Only facts of the report's year are compared with the
figures; facts of other years still serve the arithmetic of the prose itself (an earlier year's
升学率 against its own counts, :mod:`reportgen.checks.rates`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from attrs import frozen

from reportgen.checks.evaluate import computed, finding
from reportgen.checks.rule import Kind, Rule
from reportgen.checks.scope import Scope, first_count, whole_before, year_at
from reportgen.errors import Problem
from reportgen.figures import Agreement, Figures, Quantity, compare
from reportgen.model import Case, Paragraph, Report, SourceRef
from reportgen.numbers import PERCENT_UNIT, decimals

NUMBER = r"(?P<n>\d+(?:\.\d+)?)"
"""What ``{n}`` stands for in a pattern."""
TERM_KINDS = (Kind.TEXT, Kind.TEXT_TERM)
"""Kinds of rules whose patterns make text facts."""
_DIGIT = re.compile(r"\d")

__all__ = ["NUMBER", "TextFact", "check_text", "check_text_part", "paragraphs", "place_of",
           "text_facts", "year_at"]


@frozen
class TextFact:
    """A number the prose writes after a term, of the district as a whole."""

    rule: Rule
    """The text rule whose pattern matched."""
    quantity: Quantity
    """The number, located at the paragraph's cell, with the unit the pattern implies."""
    year: int
    """The year it speaks of."""
    snippet: str
    """The words around it, to find it in the paragraph."""
    paragraph: int = 0
    """Which paragraph of the report (in document order) holds it."""
    position: int = 0
    """Where its number stands in the paragraph's text."""


def paragraphs(report: Report) -> Iterator[Paragraph]:
    """Every paragraph of running text: foreword, chapters and cases, in document order
    (walked once per report: the text rules read them again and again)."""
    last = _walked[0] if _walked else None
    if last is None or last[0] is not report:
        last = (report, tuple(_walk(report)))
        _walked[:] = [last]
    return iter(last[1])


_walked: list[tuple[Report, tuple[Paragraph, ...]]] = []
"""The last report :func:`paragraphs` walked, and its paragraphs."""


def _walk(report: Report) -> Iterator[Paragraph]:
    yield from report.foreword
    for block in report.blocks():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Case):
            yield from block.paragraphs


def _unit(rule: Rule, pattern: str) -> str:
    """The unit a pattern implies, read from what follows ``{n}``."""
    if rule.unit:
        return rule.unit
    after = pattern.split("{n}", 1)[1]
    if after.startswith("%"):
        return PERCENT_UNIT
    if "[:：]" in after:
        return ":"
    return ""


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    """A rule's pattern with its numbers' places filled in, compiled once."""
    return re.compile(pattern.replace("{whole}", NUMBER.replace("<n>", "<whole>"))
                      .replace("{part}", NUMBER.replace("<n>", "<part>"))
                      .replace("{n}", NUMBER))


_SPECIAL = frozenset(".^$*+?{}[]()|\\")


@lru_cache(maxsize=1024)
def required_text(pattern: str) -> str:
    """The longest run of plain characters every match of ``pattern`` holds (outside groups,
    classes and escapes, not made optional by a quantifier); ``""`` when there is none or the
    pattern has an alternative or flags at its top. A paragraph without it cannot match, so
    the regular expression is not run on it."""
    runs, run, depth, i = [""], "", 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "{":
            i = pattern.find("}", i) + 1 or len(pattern)
        else:
            if c == "(":
                depth += 1
                if pattern.startswith(("(?a", "(?i", "(?L", "(?m", "(?s", "(?u", "(?x"), i):
                    return ""
            elif c == ")":
                depth -= 1
            elif c == "|" and depth == 0:
                return ""
            elif depth == 0 and c not in _SPECIAL and \
                    pattern[i + 1:i + 2] not in ("?", "*", "{"):
                run += c
                i += 1
                continue
            i += 1
        runs.append(run)
        run = ""
    runs.append(run)
    return max(runs, key=len)


def _class_end(pattern: str, start: int) -> int:
    """Where the character class opening at ``start`` ends (just after its ``]``)."""
    i = start + 1
    if pattern[i:i + 1] == "^":
        i += 1
    if pattern[i:i + 1] == "]":  # a ] first is one of the class's characters
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


@frozen
class _Match:
    rule: Rule
    pattern: str
    match: re.Match[str]

    @property
    def number_at(self) -> int:
        return self.match.start("n")


def text_facts(report: Report, rules: tuple[Rule, ...]) -> list[TextFact]:
    """Every match of every text rule in every paragraph that speaks of the district."""
    scope = Scope(report.meta.region.text)
    searches = [(rule, pattern, _regex(pattern), required_text(pattern)) for rule in rules
                if rule.kind in TERM_KINDS for pattern in rule.patterns]
    facts = []
    for index, paragraph in enumerate(paragraphs(report)):
        text, source = paragraph.text.text, paragraph.text.source
        if not _DIGIT.search(text):  # every pattern holds a number
            continue
        matches = sorted((_Match(rule, pattern, match) for rule, pattern, regex, needed in searches
                          if needed in text for match in regex.finditer(text)),
                         key=lambda m: m.number_at)
        accepted: set[int] = set()
        for m in matches:
            if not _of_the_whole(m, text, scope, accepted):
                continue
            accepted.add(m.number_at)
            snippet = m.match.group(0)
            quantity = Quantity(Decimal(m.match.group("n")), source,
                                f"{place_of(source)}“{snippet}”", _unit(m.rule, m.pattern))
            facts.append(TextFact(m.rule, quantity, year_at(text, m.number_at, report.meta.year),
                                  snippet, index, m.number_at))
    return facts


def _of_the_whole(m: _Match, text: str, scope: Scope, accepted: set[int]) -> bool:
    """True when the match speaks of the district's whole quantity (see
    :mod:`reportgen.checks.scope`)."""
    start = m.match.start()
    if m.match.group(0).endswith("人") and text.startswith("次", m.match.end()):
        return False  # 人次 counts times, not people
    if not scope.neutral(scope.qualifier(text, start)) or scope.school_subject(text, start):
        return False
    whole = whole_before(text, start)
    if whole is not None and whole not in accepted:
        return False
    first = first_count(text, start)
    return first is None or first in accepted


def place_of(source: SourceRef | None) -> str:
    """前言, 正文 or 案例: where a paragraph is, in the clerk's words."""
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
                      agreement=agreement, place=place_of(said.source), label=figure.label)


def check_text_part(rule: Rule, report: Report) -> Iterator[Problem]:
    """A part the prose writes after "其中" (or "…中") against the whole just before it."""
    searches = [(_regex(pattern), required_text(pattern)) for pattern in rule.patterns]
    for paragraph in paragraphs(report):
        text, source = paragraph.text.text, paragraph.text.source
        if not _DIGIT.search(text):  # every pattern holds two numbers
            continue
        for regex, needed in searches:
            if needed not in text:
                continue
            for match in regex.finditer(text):
                whole, part = Decimal(match.group("whole")), Decimal(match.group("part"))
                if part <= whole:
                    continue
                yield Problem.of("W-CHECK-TEXT-PART", source, found=match.group(0),
                                 related=source, expected=f"总数 {whole}", rule=rule.id,
                                 place=place_of(source), part=part, whole=whole,
                                 description=rule.description)


def _likely_fraction(q: Quantity) -> bool:
    return q.unit == PERCENT_UNIT and 0 < q.value <= 1 and decimals(q.value) >= 3
