"""How fast reportgen is, measured side by side with the floor it cannot go below.

Usage: ``.venv/bin/python tools/benchmark.py [--reports N] [--rounds R] [--workbook X.xlsx]``

Prints, as a Markdown table (for the README):

(a) one ``python -m reportgen WORKBOOK --no-toc`` run, against the floor: a Python that imports
    docx, docxtpl and openpyxl, loads the workbook and opens and saves the template;
(b) one warm ``generate(toc=False)`` in a process that already built reports, against the
    floor's own work in that same process (openpyxl loads the workbook, the template is opened
    and saved);
(c) a batch of N reports with their tables of contents filled and their PDFs
    (``python -m reportgen 文件夹 --out-dir … --pdf``), against one
    ``soffice --convert-to pdf`` call converting the same N .docx files;
(d) what 200 and 7,000 reports cost on this machine, from the batch's measured rate.

The machine may be shared and busy, so each pair is measured in turn (A B A B …) and the
medians are compared. Not a test: it only measures and prints.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

GOAL = 1.5
FLOOR_SCRIPT = """
import sys
import docx, docxtpl, openpyxl
openpyxl.load_workbook(sys.argv[1], data_only=True)
docx.Document(sys.argv[2]).save(sys.argv[3])
"""


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[float, float]:
    """The medians of ``rounds`` runs of ``a`` and of ``b``, run in turn."""
    times_a, times_b = [], []
    for _ in range(rounds):
        times_a.append(timed(a))
        times_b.append(timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def run(command: list[str], ok: tuple[int, ...] = (0,)) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")


def single_build(workbook: Path, template: Path, work: Path, rounds: int) -> tuple[float, float]:
    """(a): one command-line build without the table of contents, and its floor."""
    python = sys.executable
    report, saved = work / "a.docx", work / "a-floor.docx"
    return interleaved(
        lambda: run([python, "-m", "reportgen", str(workbook), "-o", str(report), "--no-toc"]),
        lambda: run([python, "-c", FLOOR_SCRIPT, str(workbook), str(template), str(saved)]),
        rounds)


def warm_build(workbook: Path, template: Path, work: Path, rounds: int) -> tuple[float, float]:
    """(b): one more report in a process that already built some, and the floor's own work."""
    import docx
    import openpyxl

    from reportgen import generate

    report, saved = work / "b.docx", work / "b-floor.docx"

    def floor() -> None:
        openpyxl.load_workbook(workbook, data_only=True)
        docx.Document(str(template)).save(str(saved))

    for _ in range(2):  # warm both up
        generate(workbook, report, toc=False)
        floor()
    return interleaved(lambda: generate(workbook, report, toc=False), floor, rounds)


def batch(workbook: Path, work: Path, reports: int, rounds: int, jobs: int) -> tuple[float, float]:
    """(c): N reports with TOC and PDF in one command, and one soffice converting them."""
    from reportgen.office.process import find_office, fontconfig_file

    office = find_office()
    if office is None:
        raise SystemExit("LibreOffice is needed for (c)")
    inputs = work / "in"
    inputs.mkdir()
    for n in range(1, reports + 1):
        shutil.copyfile(workbook, inputs / f"学校{n:02d}.xlsx")
    out = work / "out"
    command = [sys.executable, "-m", "reportgen", str(inputs), "--out-dir", str(out), "--pdf",
               "--jobs", str(jobs)]
    run(command)  # once before: the .docx files the floor converts
    documents = sorted(str(p) for p in out.glob("*.docx"))
    assert len(documents) == reports
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()), SAL_USE_VCLPLUGIN="svp")
    counter = iter(range(10_000))

    def floor() -> None:
        n = next(counter)
        profile, pdfs = work / f"profile-{n}", work / f"pdf-{n}"
        subprocess.run([str(office.soffice), f"-env:UserInstallation={profile.as_uri()}",
                        "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                        "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir",
                        str(pdfs), *documents], env=env, capture_output=True, check=True,
                       timeout=60 * reports)
        assert len(list(pdfs.glob("*.pdf"))) == reports
        shutil.rmtree(profile, ignore_errors=True)

    return interleaved(lambda: run(command), floor, rounds)


def hours(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} 分钟"
    return f"{seconds / 3600:.1f} 小时"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path, default=ROOT / "inputs" / "2024.xlsx")
    parser.add_argument("--reports", type=int, default=10, help="reports in the batch (c)")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each side of (a) and (c)")
    parser.add_argument("--warm-rounds", type=int, default=30, help="runs of each side of (b)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes of the batch (c)")
    parser.add_argument("--only", default="abc", help="which measures to take (default: abc)")
    args = parser.parse_args(argv)

    from reportgen.word import default_template

    template = default_template()
    work = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    try:
        rows = []
        if "a" in args.only:
            a, fa = single_build(args.workbook, template, work, args.rounds)
            rows.append(("(a) 单份报告 `--no-toc`（命令行，含启动）", a, fa,
                         "python + import docx、docxtpl、openpyxl + 读工作簿 + 打开并保存模板"))
        if "b" in args.only:
            b, fb = warm_build(args.workbook, template, work, args.warm_rounds)
            rows.append(("(b) 同一进程中再生成一份 `generate(toc=False)`", b, fb,
                         "同一进程中：openpyxl 读工作簿 + 打开并保存模板"))
        c = fc = None
        if "c" in args.only:
            c, fc = batch(args.workbook, work, args.reports, args.rounds, args.jobs)
            rows.append((f"(c) {args.reports} 份报告，填好目录 + PDF（`--out-dir --pdf`"
                         f"{'' if args.jobs == 1 else f' --jobs {args.jobs}'}）", c, fc,
                         f"一次 `soffice --convert-to pdf` 转换同样的 {args.reports} 份 .docx"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"工作簿 {args.workbook.name}；(a)(c) 各 {args.rounds} 轮、(b) {args.warm_rounds} 轮，"
          f"交替测量取中位数；{os.cpu_count()} 核；Python {sys.version.split()[0]}")
    print()
    print("| 测量 | reportgen | 下限 | 倍数（目标 ≤ 1.5） | 下限是什么 |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, ours, floor, what in rows:
        mark = "✓" if ours / floor <= GOAL else "✗"
        print(f"| {name} | {_seconds(ours)} | {_seconds(floor)} | {ours / floor:.2f}× {mark} | {what} |")
    if c is not None:
        each = c / args.reports
        print()
        print(f"(d) 按 (c) 的速度（每份 {each:.2f} 秒，含目录和 PDF，{args.jobs} 个进程）："
              f"200 份约 {hours(200 * each)}，7,000 份约 {hours(7000 * each)}。")
    return 0


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
