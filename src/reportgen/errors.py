"""Problems found in the input, and the one exception that carries them.

Every data problem is collected, never raised one at a time: the clerk sees all of them in
one run, each with its place (``2024.xlsx › 人才培养质量计分卡!D5``), what was expected, what
was found and what to do. Messages are Chinese; they are what the clerk reads.
"""

from __future__ import annotations

import enum
from typing import Iterable

from attrs import frozen

from reportgen.model import SourceRef


class Severity(enum.Enum):
    """How bad a problem is."""

    ERROR = "错误"
    """The report cannot be produced (or would be wrong) until it is fixed."""
    WARNING = "警告"
    """The report is produced, but the clerk should look."""
    INFO = "提示"
    """Worth knowing; nothing to fix."""


@frozen
class Problem:
    """One thing wrong with the input, located."""

    message: str
    """What is wrong, in Chinese (``应为数字``)."""
    where: SourceRef | None = None
    """The file, sheet and cell; ``None`` when it concerns the whole run."""
    found: str | None = None
    """What the cell holds, quoted as the clerk sees it."""
    hint: str | None = None
    """What to do about it."""
    severity: Severity = Severity.ERROR
    """Error, warning or note."""
    related: SourceRef | None = None
    """A second place the problem involves: the figure a paragraph or another figure
    contradicts (checks only)."""
    expected: str | None = None
    """What the second place holds (or the value computed from it), quoted as printed."""
    rule: str | None = None
    """The id of the check rule that found it (``scorecard.sectors_sum``); ``None`` for
    problems of reading."""
    code: str | None = None
    """The stable identifier of this kind of problem (``E-CELL-NUMBER``): the same for every
    problem of the kind, whatever its place and wording; scripts and the docs use it."""

    def __str__(self) -> str:
        """``where：message，实为“found”。hint。`` — the line the clerk reads."""
        text = self.message
        if self.found is not None:
            text += f"，实为“{_shorten(self.found)}”"
        if self.related is not None:
            text += f"；对照 {self.related}：“{_shorten(self.expected or '')}”"
        if self.hint:
            text += f"。{self.hint}"
        if not text.endswith(_CLOSING):
            text += "。"
        return f"{self.where}：{text}" if self.where else text


_CLOSING = ("。", "！", "？")


def _shorten(text: str, limit: int = 40) -> str:
    """The start of a long cell on one line, enough to recognise it."""
    text = " ".join(text.split()) if any(ch in text for ch in "\n\t") else text
    return text if len(text) <= limit else text[:limit] + "…"


class ReportgenError(Exception):
    """The base of every error reportgen raises on purpose."""

    exit_code = 1
    code: str | None = None
    """The stable identifier of the kind of error (``U-FILE-MISSING``), when it has one."""

    def __init__(self, *args: object, code: str | None = None) -> None:
        super().__init__(*args)
        if code is not None:
            self.code = code


class DataError(ReportgenError):
    """The workbook (or another input) has problems; all of them are in :attr:`problems`."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} 处错误" if errors else "输入有问题")

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(ReportgenError):
    """The command was called wrongly (a missing file, a bad option, a refused target)."""

    exit_code = 2


class Problems:
    """A collector: code that reads input adds to it instead of raising."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, message: str, where: SourceRef | None = None, *, found: object = None,
            hint: str | None = None, severity: Severity = Severity.ERROR,
            code: str | None = None) -> None:
        """Record one problem."""
        self.items.append(Problem(message, where, None if found is None else str(found), hint,
                                  severity, code=code))

    def warn(self, message: str, where: SourceRef | None = None, *, found: object = None,
             hint: str | None = None, code: str | None = None) -> None:
        """Record a warning."""
        self.add(message, where, found=found, hint=hint, severity=Severity.WARNING, code=code)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the report."""
        return [p for p in self.items if p.severity is Severity.ERROR]

    def raise_if_errors(self) -> None:
        """Raise :class:`DataError` with everything collected, if any of it is an error."""
        if self.errors:
            raise DataError(self.items)
