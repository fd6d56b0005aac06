"""``reportgen 工作簿或文件夹… --out-dir 输出文件夹``: one report per workbook, in one run.

Chosen by :mod:`reportgen.cli.build` when ``--out-dir`` is given or several workbooks are named.
While it runs, a progress bar (tqdm, on a terminal) names the workbook being built; elsewhere
(a log file, a pipe) one line is printed per workbook built. At the end: every workbook's
errors, grouped under its name; warnings that are not check findings, likewise; then a summary
table (result, warnings and errors per workbook) on standard output.

Exit code: 0 every report built; 1 some workbook failed (its problems are listed); 3 an
internal error on some workbook; 4 every report built but some PDF asked for is missing.
"""

from __future__ import annotations

import argparse
import shutil
import unicodedata
from pathlib import Path
from typing import Any, Sequence, TextIO

from reportgen.batch import Batch, Job, Outcome, Status, build_many, find_workbooks
from reportgen.cli.parsing import EXIT_DATA, EXIT_INTERNAL, EXIT_OK, error_heading, interrupted
from reportgen.errors import UsageError

EXIT_NO_PDF = 4

HEADER = ("工作簿", "结果", "警告", "错误")


def run_batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Build every workbook of ``args.workbooks`` into ``args.out_dir``; print the outcome."""
    if args.output:
        raise UsageError("U-BATCH-OUTPUT")
    if args.out_dir is None:
        raise UsageError("U-BATCH-NO-OUT-DIR")
    workbooks = find_workbooks(args.workbooks)
    progress = Progress(len(workbooks), err)
    try:
        batch = build_many(workbooks, Path(args.out_dir), pdf=args.pdf, toc=not args.no_toc,
                           template=args.template, timeout=args.timeout, jobs=args.jobs,
                           catalog_year=args.catalog_year,
                           started=progress.started, finished=progress.finished)
    except KeyboardInterrupt:
        progress.close()
        raise interrupted("U-INTERRUPT-BATCH", count=progress.built) from None
    progress.close()
    print_problems(batch.outcomes, err, debug=args.debug)
    print_summary(batch, Path(args.out_dir), out)
    return exit_code(batch)


def exit_code(batch: Batch) -> int:
    """3 when a bug stopped a report, else 1 when any report failed, else 4 when a PDF is
    missing, else 0."""
    statuses = {o.status for o in batch.outcomes}
    if Status.INTERNAL in statuses:
        return EXIT_INTERNAL
    if Status.FAILED in statuses:
        return EXIT_DATA
    return EXIT_NO_PDF if Status.NO_PDF in statuses else EXIT_OK


class Progress:
    """A progress bar on a terminal (tqdm); elsewhere one line per workbook built."""

    def __init__(self, total: int, err: TextIO):
        self.total = total
        self.err = err
        self.done = 0
        self.built = 0
        self.building: list[str] = []
        self.bar: Any = None
        if _is_terminal(err):
            from tqdm import tqdm  # only here: a single build never loads it
            size = shutil.get_terminal_size()  # (80, 24) where the terminal does not say
            self.bar = tqdm(total=total, file=err, unit="份", ncols=min(size.columns or 80, 120),
                            nrows=size.lines or 24, leave=True,
                            bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                       "[{elapsed}<{remaining}]")
            self._describe()

    def started(self, job: Job) -> None:
        self.building.append(job.workbook.name)
        self._describe()

    def finished(self, outcome: Outcome) -> None:
        name = outcome.job.workbook.name
        if name in self.building:
            self.building.remove(name)
        self.done += 1
        self.built += outcome.built
        if self.bar is not None:
            if self.building:
                self._describe()
            self.bar.update(1)
        else:
            print(f"[{self.done}/{self.total}] {name}：{outcome.status.value}", file=self.err)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_description_str("完成" if self.done == self.total else "已停止")
            self.bar.close()
            self.bar = None

    def _describe(self) -> None:
        if self.bar is None:
            return
        if not self.building:
            text = "准备中"
        elif len(self.building) == 1:
            text = f"正在生成 {self.building[0]}"
        else:
            text = f"正在生成 {self.building[-1]} 等 {len(self.building)} 份"
        self.bar.set_description_str(text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def print_problems(outcomes: Sequence[Outcome], err: TextIO, *, debug: bool = False) -> None:
    """Each failed workbook's errors (or failure), then each workbook's warnings that are not
    check findings; under the workbook's name. Check findings are counted, with how to list
    them."""
    for outcome in outcomes:
        name = outcome.job.workbook.name
        if outcome.errors:
            print(f"{name}：{error_heading(outcome.errors)}", file=err)
            for problem in outcome.errors:
                print(f"  {problem}", file=err)
        elif outcome.failure is not None and outcome.status is Status.NO_PDF:
            print(f"{name}：{outcome.failure}", file=err)
        elif outcome.status is Status.INTERNAL and outcome.failure_code is None:
            # a bug: its text is Python's (English), shown with --debug in its traceback
            print(f"{name}：{outcome.status.value}，报告未生成。", file=err)
        elif outcome.failure is not None:
            print(f"{name}：{outcome.status.value}：{outcome.failure}", file=err)
        if outcome.status is Status.INTERNAL:
            print("  请加 --debug 重新运行，并把显示的内容发给维护人员。" if not debug
                  else (outcome.details or "").rstrip(), file=err)
    for outcome in outcomes:
        shown = [p for p in outcome.warnings if p.rule is None]
        if shown:
            print(f"{outcome.job.workbook.name}：警告 {len(shown)} 处：", file=err)
            for problem in shown:
                print(f"  {problem}", file=err)
    findings = [o for o in outcomes if o.built and any(p.rule for p in o.warnings)]
    if findings:
        print(f"数据检查在 {len(findings)} 个工作簿中发现警告（见下表），报告照常生成。"
              "逐条核对请对每个工作簿运行：python -m reportgen check 工作簿"
              "（加 --annotate 标注.xlsx 可在工作簿副本中标出这些单元格）", file=err)


def print_summary(batch: Batch, out_dir: Path, out: TextIO) -> None:
    """The table of outcomes, then one line of totals."""
    rows = [HEADER] + [(o.job.workbook.name, _result(o), str(len(o.warnings)),
                        str(len(o.errors) or (0 if o.built else 1)))
                       for o in batch.outcomes]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(HEADER))]
    for row in rows:
        cells = [_pad(row[0], widths[0]), _pad(row[1], widths[1]),
                 _pad(row[2], widths[2], right=True), _pad(row[3], widths[3], right=True)]
        print("  ".join(cells).rstrip(), file=out)
    built = sum(o.built for o in batch.outcomes)
    failed = len(batch.outcomes) - built
    line = f"共 {len(batch.outcomes)} 个工作簿：已生成 {built} 份报告"
    if failed:
        line += f"，{failed} 份未生成"
    print(f"{line}（用时 {batch.seconds:.1f} 秒）。报告在：{out_dir}", file=out)


def _result(outcome: Outcome) -> str:
    return "已生成（含 PDF）" if outcome.pdf is not None else outcome.status.value


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    room = " " * (width - _width(text))
    return room + text if right else text + room
