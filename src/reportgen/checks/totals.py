"""Money in the prose: a total and its parts, when the list of parts is exhaustive.

``2024年总收入9448.26万元……其中财政经常性补助收入合计8348万元、学费收入874.08万元、其他收入总额
225.62万元`` lists every kind of income (the last item is 其他…): the parts must add up to the
total. The check is deliberately narrow, to be sure before it speaks:

- the list follows 其中 (or 含, 包括) and its items stand one after another, each a name and an
  amount in the same unit (元, 万元, 亿元); its last item's name starts with 其他 or 其它;
- the parts' names share a head word (收入), and the total is the last amount before the list, in
  its sentence or the one before, whose name says 总 and ends in that head word (总收入), written
  for the same year;
- a list without 其他 (含基础设施建设费…；日常教学经费…) may leave things out: it is not checked.

They agree when they differ by no more than every amount's rounding together (half a unit of
the last digit of each): 8348 (万元) may stand for 8347.5 to 8348.5.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Iterator

from reportgen.checks.rule import Rule
from reportgen.checks.scope import Scope, sentence_start, year_at
from reportgen.checks.text import paragraphs, place_of
from reportgen.errors import Problem
from reportgen.model import Report
from reportgen.numbers import format_number, unit_of_last_digit

_UNIT = r"(?P<unit>亿元|万元|元)"
_AMOUNT = (r"(?P<label>[^，、；。,;\d]{1,24}?)(?:为|达|共|约)?(?P<n>\d+(?:\.\d+)?)" + _UNIT)
_ITEM = re.compile(_AMOUNT)
_OPENING = re.compile(r"(?:其中|含|包括|包含)[，,：:]?")
_SEPARATOR = re.compile(r"\s*[、，,；;]\s*")
_SUFFIXES = ("合计", "总额", "总计", "共计", "金额", "总数")
_OTHER = ("其他", "其它")
_WHOLE = re.compile(r"(?P<label>[^，、；。,;\d]{1,24}?)(?:为|达|共|约)?(?P<n>\d+(?:\.\d+)?)" + _UNIT)


def _name(label: str) -> str:
    """An item's name without the words that only say "amount" (收入合计 → 收入)."""
    label = label.strip()
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if label.endswith(suffix) and len(label) > len(suffix):
                label, changed = label[: -len(suffix)], True
    return label


def _parts(text: str, start: int) -> list[re.Match[str]]:
    """The items listed one after another from ``start``, all in the unit of the first."""
    items: list[re.Match[str]] = []
    position = start
    while True:
        match = _ITEM.match(text, position)
        if match is None or (items and match.group("unit") != items[0].group("unit")):
            return items
        items.append(match)
        separator = _SEPARATOR.match(text, match.end())
        if separator is None:
            return items
        position = separator.end()


def _head(names: list[str]) -> str:
    """The head word the names share (收入 of 学费收入 and 其他收入), at least two characters."""
    head = os.path.commonprefix([n[::-1] for n in names])[::-1]
    return head if len(head) >= 2 else ""


def check_text_total(rule: Rule, report: Report) -> Iterator[Problem]:
    """Every exhaustive list of amounts against the total it divides (of the district: a
    school's money, or a qualified total, is left alone)."""
    scope = Scope(report.meta.region.text)
    for paragraph in paragraphs(report):
        text, source = paragraph.text.text, paragraph.text.source
        for opening in _OPENING.finditer(text):
            items = _parts(text, opening.end())
            if len(items) < 2 or not _name(items[-1].group("label")).startswith(_OTHER):
                continue
            head = _head([_name(m.group("label")) for m in items])
            year = year_at(text, opening.start(), report.meta.year)
            whole = _whole(text, opening.start(), head, items[0].group("unit"), year,
                           report.meta.year)
            if not head or whole is None or scope.school_subject(text, whole.start()) or \
                    scope.school_subject(text, opening.start()):
                continue
            total = Decimal(whole.group("n"))
            parts = [Decimal(m.group("n")) for m in items]
            added = sum(parts, Decimal(0))
            slack = sum((unit_of_last_digit(v) / 2 for v in (total, *parts)), Decimal(0))
            if abs(total - added) <= slack:
                continue
            unit = items[0].group("unit")
            terms = " + ".join(format_number(v) for v in parts)
            said = re.sub(r"^(?:年度?|[，,]\s*)", "", whole.group(0).strip())
            yield Problem.of("W-CHECK-TEXT-TOTAL", source, found=said,
                             related=source, expected=f"{terms} = {format_number(added)}{unit}",
                             rule=rule.id, place=place_of(source),
                             total=f"{format_number(total)}{unit}",
                             sum=f"{format_number(added)}{unit}")


def _whole(text: str, before: int, head: str, unit: str, year: int,
           default_year: int) -> re.Match[str] | None:
    """The total the list divides: the last amount before ``before`` (in its sentence or the
    one before) named 总…``head``, in ``unit``, of ``year``."""
    start = sentence_start(text, before)
    if start > 0:
        start = sentence_start(text, start - 1)
    candidates = [m for m in _WHOLE.finditer(text, start, before)
                  if m.group("unit") == unit and "总" in m.group("label")
                  and _name(m.group("label")).endswith(head)
                  and year_at(text, m.start("n"), default_year) == year]
    return candidates[-1] if candidates else None
