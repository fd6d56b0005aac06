"""What every command shares: a Chinese argparse, exit codes, and printing problems."""

from __future__ import annotations

import argparse
import codecs
import io
import re
from pathlib import Path
from typing import Sequence, TextIO, cast

from reportgen import codes
from reportgen.codes.commands import ARGPARSE_WORDS
from reportgen.errors import DataError, Problem, ReportgenError, Severity, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_ARGPARSE_ERRORS = (
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)", re.S), "U-ARGS-UNKNOWN"),
    (re.compile(r"the following arguments are required: (?P<arguments>.*)", re.S),
     "U-ARGS-REQUIRED"),
    (re.compile(r"argument (?P<option>.*): expected one argument", re.S), "U-ARGS-NO-VALUE"),
)
"""argparse's English messages that have a code of their own (the rest is U-ARGS-INVALID)."""
_ARGPARSE_WORDS = tuple((re.compile(pattern, re.S), words) for pattern, words in ARGPARSE_WORDS)


class ChineseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix or "用法：")


class Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese; a usage error raises :class:`UsageError`."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(formatter_class=ChineseFormatter, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        self.add_argument("--debug", action="store_true",
                          help="出错时显示完整的技术信息（供维护人员排查）")

    def format_help(self) -> str:
        """argparse ends section titles with an ASCII colon; Chinese takes a full-width one."""
        text = super().format_help()
        for title in (self._positionals.title, self._optionals.title):
            text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        usage = self.format_usage().strip()
        for pattern, code in _ARGPARSE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                raise UsageError(code, usage=usage, **match.groupdict())
        raise UsageError("U-ARGS-INVALID", usage=usage, error=_in_chinese(message))


def _in_chinese(message: str) -> str:
    """argparse's ``message`` said in Chinese (:data:`codes.commands.ARGPARSE_WORDS`); one it
    does not know as it is."""
    for pattern, words in _ARGPARSE_WORDS:
        match = pattern.fullmatch(message)
        if match:
            return words.format(**match.groupdict())
    return message


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


_SUBSTITUTES = {"›": ">", "−": "-", "↔": "<->", "▸": ">"}
"""Characters of our own messages that GBK lacks, and what stands for them there."""


def _substitute(error: UnicodeError) -> tuple[str, int]:
    """The ``reportgen-replace`` codec error handler: a known substitute or ``?``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_SUBSTITUTES.get(ch, "?") for ch in bad), error.end


codecs.register_error("reportgen-replace", _substitute)


class _Replacing(io.TextIOBase):
    """Writes to a text stream, with ``?`` for each character its encoding cannot hold."""

    def __init__(self, stream: TextIO, encoding: str):
        self._stream = stream
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # type: ignore[override]
        self._stream.write(text.encode(self._encoding, "reportgen-replace")
                           .decode(self._encoding))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def replacing(stream: TextIO) -> TextIO:
    """``stream``, printing ``?`` for a character its encoding cannot hold instead of failing.

    Output redirected on a Chinese Windows is GBK: an emoji in a cell or a file name
    (``报告👍.docx``), even the ``›`` of every location, cannot be written to it, and a strict
    stream would raise after the work is done. ``›`` becomes ``>``; anything else ``?``
    rather than ``\\U0001f44d``: the clerk reads it, and JSON stays valid. A stream without an
    encoding (``io.StringIO``) takes any text and is kept as it is.
    """
    encoding = getattr(stream, "encoding", None)
    if not encoding or isinstance(stream, _Replacing):
        return stream
    return cast(TextIO, _Replacing(stream, encoding))


def holds_all_of_unicode(stream: TextIO) -> bool:
    """True when ``stream`` can write any character (its encoding is a UTF or GB18030)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    name = codecs.lookup(encoding).name
    return name.startswith("utf") or name == "gb18030"


IMPORTANCE = ("W-CHECK-SAME", "W-CHECK-SUM", "W-CHECK-TABLE-SUM", "W-CHECK-TABLE-SUBTOTAL",
              "W-CHECK-DECLARED", "W-CHECK-PART", "W-CHECK-RATIO", "W-CHECK-WEIGHTED",
              "W-CHECK-FRACTION", "W-CHECK-SURVEY-BASE", "W-CHECK-TEXT", "W-CHECK-TEXT-TOTAL",
              "W-CHECK-TEXT-RATE", "W-CHECK-TEXT-PART")
"""Check findings from the most to the least important: two official figures that disagree
first, then a figure against the prose, then the prose against itself. A warning of reading
(a hidden row, an unknown column) comes before them all; notes come last."""
SHOWN_AT_BUILD = 3
"""How many findings a build prints; ``reportgen check`` lists them all."""


def _importance(problem: Problem) -> tuple[int, int]:
    if problem.severity is Severity.INFO:
        return 2, 0
    if problem.code in IMPORTANCE:
        return 1, IMPORTANCE.index(problem.code)
    return 0, 0


def most_important(problems: Sequence[Problem], count: int = SHOWN_AT_BUILD) -> list[Problem]:
    """The ``count`` most important problems, of different kinds when there are enough kinds
    (one contradiction of each kind tells more than three of the same)."""
    ranked = sorted(problems, key=_importance)  # stable: the checks' own order within a rank
    chosen: list[Problem] = []
    kinds: set[str] = set()
    for problem in ranked:
        if problem.code not in kinds:
            chosen.append(problem)
            kinds.add(problem.code)
    chosen += [p for p in ranked if p not in chosen]
    return sorted(chosen[:count], key=ranked.index)


def print_warnings(problems: Sequence[Problem], err: TextIO, workbook: Path, *,
                   built: bool = True) -> None:
    """Warnings and notes of a build. Those about the run itself (reading the workbook, the
    table of contents, the 核对 sheet) one a line; the checks' findings summed up: how many,
    the three most important (each on two lines: what, and where against what), and the
    command that lists them all. Findings the 核对 sheet marks as checked are only counted.
    ``built``: the report was made (else the findings do not say it was)."""
    for problem in problems:
        if problem.severity is not Severity.ERROR and not problem.rule:
            print(f"{problem.severity.value}：{problem}", file=err)
    shown = [p for p in problems
             if p.severity is not Severity.ERROR and p.rule and p.checked is None]
    checked = sum(1 for p in problems if p.checked is not None)
    if not shown:
        if checked:
            print(f"数据检查：{checked} 处已核对（见“核对”表），没有新的问题。", file=err)
        return
    counts = "、".join(f"{severity.value} {n} 处" for severity in SEVERITY_ORDER
                      if (n := sum(p.severity is severity for p in shown)))
    extra = f"（另有 {checked} 处已核对）" if checked else ""
    top = most_important(shown)
    print(f"数据检查发现{counts}{extra}，" + ("报告照常生成。" if built else "这些不妨碍生成报告。")
          + ("最重要的几处：" if len(shown) > len(top) else ""), file=err)
    for n, problem in enumerate(top, 1):
        print(f"  {n}. {problem.severity.value}：{problem.message}", file=err)
        place = f"{problem.where}" + (f"“{_short(problem.found)}”" if problem.found else "")
        if problem.related is not None:
            related = problem.related
            same_file = problem.where is not None and related.file == problem.where.file
            place += f" ↔ {f'{related.sheet}!{related.cell}' if same_file else related}" + (
                f"“{_short(problem.expected)}”" if problem.expected else "")
        print(f"     {place}", file=err)
    print(f"逐条查看{'其余各处' if len(shown) > len(top) else ''}（及每处的编号）请运行："
          f"python -m reportgen check {workbook}；核对过的可在工作簿“核对”表中记下编号，"
          "以后不再提示（见 docs/checks.md）", file=err)


def _short(text: str | None, limit: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit] + "…"


def interrupted(code: str, **fields: object) -> KeyboardInterrupt:
    """The interrupt to re-raise, saying what the registered kind ``code`` says (what became
    of the report): :func:`reportgen.cli.main` prints it and exits with code 2."""
    return KeyboardInterrupt(codes.lookup(code).text(fields))


def error_heading(errors: Sequence[Problem]) -> str:
    """The line above the errors that stopped a report: a workbook not filled in yet, a file
    that is no workbook (no sheet to name), or so many errors to mend."""
    if errors and all(p.code == "E-WORKBOOK-UNFILLED" for p in errors):
        return "报告未生成（已有的报告未改动）："
    if errors and all(p.where is None or not p.where.sheet for p in errors):
        return "无法读取工作簿，报告未生成（已有的报告未改动）："
    return f"工作簿中有 {len(errors)} 处错误，报告未生成（已有的报告未改动）。请逐条修改后重试："


def print_error(exc: ReportgenError, err: TextIO) -> None:
    if isinstance(exc, DataError):
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        print(error_heading(errors), file=err)
        for problem in errors:
            print(f"  {problem}", file=err)
    elif exc.exit_code == EXIT_USAGE:  # a UsageError, or a page list ``pages`` refused
        print(f"无法执行：{exc}", file=err)
    else:  # the report is in place but something asked for after it failed (the PDF)
        print(str(exc), file=err)

def seconds(text: str) -> float:
    """``--timeout``: a positive number of seconds (at most a day)."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 86400:
        raise UsageError("U-ARGS-TIMEOUT", value=text)  # not caught by argparse: said as it is
    return value
