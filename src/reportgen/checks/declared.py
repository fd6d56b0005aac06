"""What the clerk declares in the workbook about its checks: rules (the optional 规则 sheet)
and findings checked (the optional 核对 sheet).

**Rules.** Each row holds one rule over figures named as placeholders name them
(:mod:`reportgen.placeholders`: an indicator, a 数据 figure, a derived figure, a free-table cell
``〔表-X!行名@列名〕``), joined by ``+`` on either side of one comparison::

    〔表-专业设置一览!合计@小计〕 = 〔全日制在校生人数〕        equal
    〔聘请大国工匠、劳动模范人数〕 <= 〔聘请行业导师人数*〕     not greater (≤, 不大于, 不超过)
    〔毕业去向落实人数〕 >= 〔升学人数〕                        not less (≥, 不小于, 不少于)
    〔合计〕 = 〔部分一〕 + 〔部分二〕                          summing up

A rule that cannot be read is an error located at its cell (规则!A3), saying what is wrong; a rule
whose figures are empty finds nothing. Two sides agree when they differ by no more than every
figure's rounding together (half a unit of its last digit; a derived figure is exact).

**Marks.** Every finding of a check rule has a stable 编号
(:attr:`reportgen.errors.Problem.finding_id`): a fingerprint of the rule, the cells it compares
and the values it found there, written as eight letters and digits (``7K2M-Q9XD``). The clerk who has looked at a finding and accepts it
copies its 编号 into the 核对 sheet, with a reason. Builds and ``reportgen check`` then leave it
out (``check --all`` still lists it, marked); when one of the figures it compared changes, its
编号 changes with it and the mark no longer applies: the finding is shown again, and a note
says that the mark matches nothing any more.

Errors cannot be marked: a value that is impossible by itself, or a placeholder naming nothing,
stops the build whatever the workbook says.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Iterable, Iterator

from attrs import evolve, frozen

from reportgen.codes.checks import reason_text
from reportgen.errors import Problem, Severity
from reportgen.figures import Figures, Quantity
from reportgen.model import CheckMark, DeclaredRule, Report
from reportgen.numbers import format_number, unit_of_last_digit
from reportgen.placeholders import Names

OPERATORS = {"=": "=", "＝": "=", "==": "=", "<=": "<=", "≤": "<=", "＜＝": "<=", "不大于": "<=",
             "不超过": "<=", ">=": ">=", "≥": ">=", "＞＝": ">=", "不小于": ">=", "不少于": ">="}
"""How a comparison may be written, and what it means."""
SHOWN = {"=": "=", "<=": "≤", ">=": "≥"}
_OPERATOR = re.compile("|".join(re.escape(o) for o in sorted(OPERATORS, key=len, reverse=True)))
_NAME = re.compile(r"〔([^〔〕]*)〕")
_PLUS = re.compile(r"[+＋]")
RULE_PREFIX = "declared."
"""Starts the id of a declared rule; the rest is a fingerprint of its text."""


@frozen
class Side:
    """One side of a declared rule: figures added up."""

    names: tuple[str, ...]
    """The placeholders as written (〔全日制在校生人数〕)."""
    refs: tuple[str, ...]
    """The figure references they resolve to."""


def _side(text: str, rule: DeclaredRule, names: Names,
          problems: list[Problem]) -> Side | None:
    pieces = [p.strip() for p in _PLUS.split(text)]
    if not text.strip() or any(not p for p in pieces):
        problems.append(_syntax(rule, "比较符号的两边都要写〔名称〕，多个数之间用 + 连接"))
        return None
    written, refs = [], []
    for piece in pieces:
        match = _NAME.fullmatch(piece)
        if match is None:
            problems.append(_syntax(rule, f"“{piece}”不是写在〔〕中的名称"))
            return None
        ref, reason = names.reference(match.group(1))
        if ref is None:
            assert reason is not None
            code, fields = reason
            if code == "E-RULE-CHANGE":
                problems.append(Problem.of(code, rule.text.source, found=rule.text.text, **fields))
            else:
                problems.append(Problem.of("E-RULE-NAME", rule.text.source, found=rule.text.text,
                                           token=piece, reason=reason_text(code, fields)))
            return None
        written.append(piece)
        refs.append(ref)
    return Side(tuple(written), tuple(refs))


def _syntax(rule: DeclaredRule, detail: str) -> Problem:
    return Problem.of("E-RULE-SYNTAX", rule.text.source, found=rule.text.text, detail=detail)


def rule_id(rule: DeclaredRule) -> str:
    """``declared.`` and a fingerprint of the rule's text (spaces ignored): the same rule keeps
    its id wherever its row stands."""
    text = "".join(rule.text.text.split())
    return RULE_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def check_declared(report: Report, figures: Figures) -> Iterator[Problem]:
    """Every declared rule of ``report``: errors for those that cannot be read, findings for
    those whose figures disagree."""
    if not report.declared:
        return
    names = Names.of(report)
    for rule in report.declared:
        problems: list[Problem] = []
        operators = list(_OPERATOR.finditer(rule.text.text))
        if len(operators) != 1:
            detail = ("没有比较符号（=、<=、>=）" if not operators
                      else "只能有一个比较符号（=、<=、>=）")
            yield _syntax(rule, detail)
            continue
        operator = operators[0]
        left = _side(rule.text.text[:operator.start()], rule, names, problems)
        right = _side(rule.text.text[operator.end():], rule, names, problems) if left else None
        yield from problems
        if left is None or right is None:
            continue
        yield from _evaluate(rule, OPERATORS[operator.group(0)], left, right, figures)


def _evaluate(rule: DeclaredRule, operator: str, left: Side, right: Side,
              figures: Figures) -> Iterator[Problem]:
    sides = [[figures.get(ref) for ref in side.refs] for side in (left, right)]
    if any(q is None for side in sides for q in side):
        return  # an empty figure: nothing to compare
    values = [[q for q in side if q is not None] for side in sides]
    totals = [sum((q.value for q in side), Decimal(0)) for side in values]
    slack = sum((unit_of_last_digit(q.value) / 2 for side in values for q in side
                 if not q.exact), Decimal(0))
    difference = totals[0] - totals[1]
    holds = {"=": abs(difference) <= slack, "<=": difference <= slack,
             ">=": -difference <= slack}[operator]
    if holds:
        return
    shown = [_shown(side, names, total) for side, names, total in
             zip(values, (left.names, right.names), totals)]
    first_right = values[1][0]
    description = rule.note.text if rule.note else f"应满足 {rule.text.text.strip()}"
    yield Problem.of("W-CHECK-DECLARED", values[0][0].source, found=shown[0],
                     related=first_right.source, expected=shown[1], rule=rule_id(rule),
                     declared=rule.text.text.strip(), description=description)


def _shown(side: list[Quantity], names: tuple[str, ...], total: Decimal) -> str:
    """``〔A〕 1234人`` or ``〔A〕 10 + 〔B〕 12 = 22``."""
    parts = [f"{name} {q.shown}" for name, q in zip(names, side)]
    text = " + ".join(parts)
    return text if len(parts) == 1 else f"{text} = {format_number(total)}"


# -- findings marked as checked (核对) --


_SEPARATORS = re.compile(r"[\s\-_－—]")


def normalized(written: str) -> str:
    """The 编号 as the clerk wrote it, compared without case, spaces or hyphens."""
    return _SEPARATORS.sub("", written).upper()


def finding_id(problem: Problem) -> str | None:
    """The finding's stable 编号, or ``None`` for a problem no check rule found."""
    return problem.finding_id


def apply_marks(findings: Iterable[Problem], marks: Iterable[CheckMark]) -> list[Problem]:
    """``findings`` with those ``marks`` name marked as checked, and a note for each mark that
    names no finding (its figures changed, or the contradiction was mended) or an error."""
    found = list(findings)
    by_id: dict[str, CheckMark] = {}
    for mark in marks:
        by_id.setdefault(normalized(mark.id.text), mark)
    if not by_id:  # nothing marked: no finding's 编号 needs computing
        return found
    used: set[str] = set()
    errors: set[str] = set()
    result = []
    for problem in found:
        key = normalized(problem.finding_id or "")
        marked = by_id.get(key) if key else None
        if marked is not None and problem.severity is Severity.ERROR:
            errors.add(key)
        elif marked is not None:
            used.add(key)
            reason = marked.reason.text if marked.reason else ""
            problem = evolve(problem, checked=reason)
        result.append(problem)
    for key, mark in by_id.items():
        if key in used:
            continue
        code = "I-CHECK-MARK-ERROR" if key in errors else "I-CHECK-MARK-UNUSED"
        result.append(Problem.of(code, mark.id.source, found=mark.id.text,
                                 id=mark.id.text))
    return result
