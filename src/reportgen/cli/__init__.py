"""The command line: arguments in, Chinese messages and an exit code out; no business logic.

Commands (each in its own module of this package): ``reportgen WORKBOOK`` builds the report; ``reportgen check WORKBOOK`` lists the
workbook's problems and findings without building; ``reportgen pages REPORT`` draws chosen
pages as PNG pictures for review; ``reportgen import REPORT.docx`` reads a Word report into a
workbook to start from; ``reportgen init NEW.xlsx`` writes a workbook to fill in (blank, or this
year's from last year's with ``--from``); ``reportgen merge SCHOOL.xlsx … -o DISTRICT.xlsx`` adds
the schools' workbooks up into the district's; ``reportgen serve`` runs the clerk's web page on
this computer.

Exit codes: 0 done, 1 the workbook has problems (all of them are listed), 2 the command was
called wrongly, 3 an internal error (a bug: rerun with ``--debug`` and report it), 4 the
report was written but the PDF asked for with ``--pdf`` was not (LibreOffice missing or failed).

SIGTERM and SIGHUP stop a run as Ctrl+C (SIGINT) does: it cleans up, says 已中断 and whether the
old report is untouched, and exits with code 2.
"""

from __future__ import annotations

import importlib
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TextIO

from reportgen.cli import build
from reportgen.cli.build import build_parser
from reportgen.cli.parsing import EXIT_INTERNAL, EXIT_USAGE, print_error, replacing
from reportgen.errors import ReportgenError

__all__ = ["COMMANDS", "as_json", "as_text", "build_check_parser", "build_pages_parser",
           "build_parser", "main"]

Command = Callable[[Sequence[str], TextIO, TextIO], int]


def _command(module: str) -> Command:
    """A sub-command whose module is imported when it runs (a build does not load them)."""
    def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
        command: Command = importlib.import_module(f"reportgen.cli.{module}").run
        return command(argv, out, err)
    return run


COMMANDS: dict[str, Command] = {
    "check": _command("check"),
    "import": _command("importing"),
    "init": _command("init"),
    "merge": _command("merge"),
    "pages": _command("pages"),
    "serve": _command("serve"),
}
"""The sub-commands by name; anything else is a workbook to build (``reportgen WORKBOOK``)."""
_LAZY = {"as_json": "check", "as_text": "check", "build_check_parser": "check",
         "build_pages_parser": "pages"}


def __getattr__(name: str) -> Any:
    """The names of the sub-commands' modules, imported on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'reportgen.cli' has no attribute {name!r}")
    return getattr(importlib.import_module(f"reportgen.cli.{_LAZY[name]}"), name)


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command; return its exit code."""
    out, err = replacing(stdout or sys.stdout), replacing(stderr or sys.stderr)
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        with _stops_as_interrupts():
            command = COMMANDS.get(args_list[0]) if args_list else None
            if command is not None:
                return command(args_list[1:], out, err)
            return build.run(args_list, out, err)
    except ReportgenError as exc:
        print_error(exc, err)
        if debug:
            traceback.print_exc(file=err)
        return exc.exit_code  # 1 data, 2 usage, 4 no PDF
    except KeyboardInterrupt as exc:
        print(exc.args[0] if exc.args else "已中断。", file=err)
        return EXIT_USAGE
    except Exception:  # a bug: say so plainly, show the details only when asked
        if debug:
            traceback.print_exc(file=err)
        else:
            print("程序内部错误，报告未生成。请加 --debug 重新运行，并把显示的内容发给维护人员。",
                  file=err)
        return EXIT_INTERNAL


_STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""Signals that stop a run: Ctrl+C, ``kill``, ``timeout``, systemd and containers stopping,
the terminal closing. Each becomes a :class:`KeyboardInterrupt`, so the run cleans up (stops
LibreOffice, removes its temporary files, leaves the old report in place) and says so."""


@contextmanager
def _stops_as_interrupts() -> Iterator[None]:
    """Within the block, the first stopping signal raises :class:`KeyboardInterrupt`; later
    ones are ignored, so that cleaning up is not cut short (it takes a few seconds at most)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def interrupt(signum: int, frame: Any) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt()

    previous = {sig: signal.signal(sig, interrupt) for sig in _STOPS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
