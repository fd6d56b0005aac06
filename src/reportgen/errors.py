"""Problems found in the input, and the one exception that carries them.

Every data problem is collected, never raised one at a time: the clerk sees all of them in
one run, each with its place (``2024.xlsx › 人才培养质量计分卡!D5``), what was expected, what
was found and what to do. Messages are Chinese; they are what the clerk reads.

Every problem and every error has a stable code (``E-CELL-NUMBER``, ``U-FILE-MISSING``); its
text is made from the code and the data by :mod:`reportgen.codes`, where every kind is
registered::

    problems.add("E-CELL-NUMBER-UNIT", ref, found="12人", unit="人")
    Problem.of("W-CHECK-SUM", ref, found="12", rule=rule.id, label=..., terms=..., sum=...)
    raise UsageError("U-FILE-MISSING", path=path)
"""

from __future__ import annotations

import enum
import hashlib
from typing import Any, Iterable

from attrs import field, frozen

from reportgen import codes
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
    code: str = field(default="")
    """The stable identifier of this kind of problem (``E-CELL-NUMBER``): the same for every
    problem of the kind, whatever its place and wording; scripts and the docs use it. Required:
    a problem without a well-formed code, or whose code's letter is not its severity's, is
    refused when it is made."""

    checked: str | None = None
    """For a check finding the clerk marked as checked in the 核对 sheet: the reason written
    there ("" when none); ``None`` for every other problem."""

    @property
    def finding_id(self) -> str | None:
        """The finding's stable 编号 (``7K2M-Q9XD``), the same in every run while the rule, the
        cells it compares and their values stay the same; ``None`` for a problem no check rule
        found. The clerk copies it into the 核对 sheet; a changed figure gives a new 编号."""
        if self.rule is None:
            return None
        parts = (self.rule, _cell(self.where), _cell(self.related), self.found or "",
                 self.expected or "")
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
        number = int.from_bytes(digest[:5], "big")
        letters = "".join(_ID_ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))
        return f"{letters[:4]}-{letters[4:]}"

    @code.validator
    def _check_code(self, _: object, code: str) -> None:
        if not codes.CODE_FORMAT.fullmatch(code or ""):
            raise ValueError(f"a problem needs a stable code such as E-CELL-NUMBER, not {code!r} "
                             f"({self.message})")
        if code[0] != _LETTERS[self.severity]:
            raise ValueError(f"{code} is not a code of a {self.severity.name.lower()} "
                             f"({self.message})")

    @classmethod
    def of(cls, code: str, where: SourceRef | None = None, *, found: object = None,
           related: SourceRef | None = None, expected: str | None = None,
           rule: str | None = None, **fields: Any) -> Problem:
        """The problem of the registered kind ``code``, its text made from ``fields``; its
        severity is the code's (``E-`` error, ``W-`` warning, ``I-`` note)."""
        kind = codes.lookup(code)
        if kind.letter not in codes.PROBLEM_LETTERS:
            raise ValueError(f"{code} is the code of an error to raise, not of a problem")
        message, hint = kind.render(fields)
        return cls(message, where, None if found is None else str(found), hint,
                   SEVERITIES[kind.letter], related, expected, rule, code)

    def __str__(self) -> str:
        """``where：message，实为“found”。hint。`` — the line the clerk reads."""
        text = self.message
        if self.found is not None:  # a cell holding nothing (or only spaces) reads 实为空白
            text += f"，实为“{_shorten(self.found)}”" if self.found.strip() else "，实为空白"
        if self.related is not None:
            text += f"；对照 {self.related}：“{_shorten(self.expected or '')}”"
        if self.hint:
            text += f"。{self.hint}"
        if not text.endswith(_CLOSING):
            text += "。"
        return f"{self.where}：{text}" if self.where else text


_CLOSING = ("。", "！", "？")
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O, U to misread."""


def _cell(ref: SourceRef | None) -> str:
    """``sheet!cell`` without the file's name (a renamed workbook keeps its 编号)."""
    return "" if ref is None else f"{ref.sheet}!{ref.cell}"


def _shorten(text: str, limit: int = 40) -> str:
    """The start of a long cell on one line, enough to recognise it."""
    text = " ".join(text.split()) if any(ch in text for ch in "\n\t") else text
    return text if len(text) <= limit else text[:limit] + "…"


SEVERITIES = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}
"""The severity of a problem by its code's letter."""
_LETTERS = {severity: letter for letter, severity in SEVERITIES.items()}


class ReportgenError(Exception):
    """The base of every error reportgen raises on purpose.

    Raised with a registered code and its data: ``UsageError("U-FILE-MISSING", path=p)``; the
    text is ``message。hint`` made by :mod:`reportgen.codes`. (A call written before the
    registry, ``UsageError("找不到…", code="U-…")``, still works; tests/test_codes.py asks for
    its text to move into the registry.)
    """

    exit_code = 1
    code: str | None = None
    """The stable identifier of the kind of error (``U-FILE-MISSING``); ``None`` only for
    :class:`DataError`, whose problems carry theirs."""

    def __init__(self, code: str, /, **fields: Any) -> None:
        if "code" in fields:  # the form of before the registry: the text, then the code
            text, code = code, str(fields.pop("code"))
            if fields or not codes.CODE_FORMAT.fullmatch(code):
                raise TypeError(f"{type(self).__name__}({text!r}, code={code!r}, **{fields})")
        else:
            kind = codes.lookup(code)
            if kind.letter not in codes.ERROR_LETTERS:
                raise ValueError(f"{code} is the code of a collected problem, not of an error")
            text = kind.text(fields)
        super().__init__(text)
        self.code = code


class DataError(ReportgenError):
    """The workbook (or another input) has problems; all of them are in :attr:`problems`."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        Exception.__init__(self, f"{len(errors)} 处错误" if errors else "输入有问题")

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(ReportgenError):
    """The command was called wrongly (a missing file, a bad option, a refused target)."""

    exit_code = 2


class Problems:
    """A collector: code that reads input adds to it instead of raising."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, /, where: SourceRef | None = None, *, found: object = None,
            **fields: Any) -> None:
        """Record one problem of the registered kind ``code`` (see :meth:`Problem.of`).

        The form of before the registry, ``add("应为数字", where, found=…, hint=…,
        severity=…, code="E-…")``, still works; tests/test_codes.py asks for its text to move
        into the registry."""
        if "code" in fields:
            legacy = dict(fields)
            problem = Problem(code, where, None if found is None else str(found),
                              legacy.pop("hint", None), legacy.pop("severity", Severity.ERROR),
                              code=str(legacy.pop("code")))
            if legacy:
                raise TypeError(f"unknown arguments {sorted(legacy)}")
            self.items.append(problem)
            return
        self.items.append(Problem.of(code, where, found=found, **fields))

    def warn(self, code: str, /, where: SourceRef | None = None, *, found: object = None,
             **fields: Any) -> None:
        """Record a warning: :meth:`add` for a ``W-`` code."""
        if "code" in fields:
            fields.setdefault("severity", Severity.WARNING)
        elif not code.startswith("W-"):
            raise ValueError(f"{code} is not the code of a warning")
        self.add(code, where, found=found, **fields)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the report."""
        return [p for p in self.items if p.severity is Severity.ERROR]

    def raise_if_errors(self) -> None:
        """Raise :class:`DataError` with everything collected, if any of it is an error."""
        if self.errors:
            raise DataError(self.items)
