"""The example scripts run as documented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_build_report_example(tmp_path: Path):
    """examples/build_report.py summarises the workbook and writes the report."""
    out = tmp_path / "2024.docx"
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build_report.py"),
         str(ROOT / "inputs" / "2024.xlsx"), str(out)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 0, result.stderr
    assert "20 个案例，7 张表" in result.stdout
    assert out.is_file()
