"""Installed with pip and run from another folder, the command finds its template and catalog.

The template and the catalog are package data: a wheel built from the checkout carries them
(the real files, not links), and the installed command produces the report anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(out)], check=True,
                   capture_output=True, cwd=out)
    return next(out.glob("reportgen-*.whl"))


def test_wheel_carries_template_and_catalog(wheel: Path):
    """The wheel holds the real template (the committed bytes) and the catalog."""
    with zipfile.ZipFile(wheel) as z:
        assert z.read("reportgen/data/report.docx") == (ROOT / "templates" / "report.docx").read_bytes()
        assert b"[[table]]" in z.read("reportgen/catalog/2024.toml")
        assert "reportgen/py.typed" in z.namelist()


def test_installed_command_works_outside_the_checkout(wheel: Path, tmp_path: Path):
    """Installed into a fresh folder and run from elsewhere, ``python -m reportgen`` writes the
    2024 report."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-m", "reportgen", str(ROOT / "inputs" / "2024.xlsx"),
                             "-o", "报告.docx"], cwd=workdir, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (workdir / "报告.docx").stat().st_size > 20_000
    probe = subprocess.run([sys.executable, "-c", "import reportgen; print(reportgen.__file__)"],
                           cwd=workdir, env=env, capture_output=True, text=True)
    assert probe.stdout.startswith(str(site))
