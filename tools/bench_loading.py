"""How long loading takes when a workbook holds far more than it shows (run from the repo root).

1. One formatted, empty cell far down 正文 (Excel writes one for each formatted cell): loading
   used to be quadratic in its row (9.5 s at row 20,000, over a minute at 100,000); it must
   now cost the same wherever the cell is.
2. A sheet of nine million formatted empty cells, 179 MB unzipped (under the 200 MB limit):
   openpyxl took 141 s and 1 GB; it must now be refused in about a second.

    .venv/bin/python tools/bench_loading.py
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "src"))

import openpyxl  # noqa: E402
from openpyxl.styles import PatternFill  # noqa: E402

from reportgen.errors import DataError  # noqa: E402
from reportgen.xlsx import load  # noqa: E402

EXAMPLE = root / "inputs" / "2024.xlsx"


def timed(path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        load(path)
        outcome = "loaded"
    except DataError as exc:
        outcome = str(exc.problems[0])[:90] + "…"
    return time.perf_counter() - start, outcome


def formatted_cell_at(folder: Path, row: int) -> Path:
    wb = openpyxl.load_workbook(EXAMPLE)
    wb["正文"].cell(row, 1).fill = PatternFill("solid", start_color="FFFF00")
    path = folder / f"row-{row}.xlsx"
    wb.save(path)
    return path


def bomb(folder: Path, megabytes: int = 179) -> Path:
    """The example with its 正文 sheet replaced by ``megabytes`` of formatted empty cells."""
    path = folder / "bomb.xlsx"
    shutil.copyfile(EXAMPLE, folder / "example.xlsx")
    with zipfile.ZipFile(folder / "example.xlsx") as original:
        titles = original.read("xl/workbook.xml")
        assert "正文".encode() in titles
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in original.infolist():
                if info.filename != "xl/worksheets/sheet3.xml":
                    out.writestr(info, original.read(info.filename))
                    continue
                with out.open(info.filename, "w") as member:
                    member.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                                 b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                    block = b'<row r="2">' + b'<c r="A2" s="0"/>' * 4096 + b"</row>"
                    for _ in range(megabytes * (1 << 20) // len(block)):
                        member.write(block)
                    member.write(b"</sheetData></worksheet>")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print("formatted empty cell in 正文, by row:")
        for row in (1_000, 20_000, 100_000):
            seconds, outcome = timed(formatted_cell_at(folder, row))
            print(f"  row {row:>7,}: {seconds:6.2f} s  {outcome}")
        path = bomb(folder)
        unzipped = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
        print(f"sheet of formatted empty cells: {path.stat().st_size / 1024:,.0f} KB on disk, "
              f"{unzipped / (1 << 20):,.0f} MB unzipped")
        seconds, outcome = timed(path)
        print(f"  {seconds:6.2f} s  {outcome}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
