"""Findings the clerk has checked: the optional 核对 sheet.

Every finding of a check rule has a stable 编号 (:attr:`reportgen.errors.Problem.finding_id`):
a fingerprint of the rule, the cells it compares and the values it found there, written as
eight letters and digits (``7K2M-Q9XD``). The clerk who has looked at a finding and accepts it
copies its 编号 into the 核对 sheet, with a reason. Builds and ``reportgen check`` then leave it
out (``check --all`` still lists it, marked); when one of the figures it compared changes, its
编号 changes with it and the mark no longer applies: the finding is shown again, and a note
says that the mark matches nothing any more.

Errors cannot be marked: a value that is impossible by itself, or a placeholder naming nothing,
stops the build whatever the workbook says.
"""

from __future__ import annotations

import re
from typing import Iterable

import attrs

from reportgen.errors import Problem, Severity
from reportgen.model import CheckMark

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
            problem = attrs.evolve(problem, checked=reason)
        result.append(problem)
    for key, mark in by_id.items():
        if key in used:
            continue
        code = "I-CHECK-MARK-ERROR" if key in errors else "I-CHECK-MARK-UNUSED"
        result.append(Problem.of(code, mark.id.source, found=mark.id.text,
                                 id=mark.id.text))
    return result
