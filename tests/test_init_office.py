"""The workbooks ``init`` writes open cleanly in LibreOffice: it converts them to PDF and back
to .xlsx without complaint, and what it saves still reads as the same form."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from reportgen import DataError, Severity, load
from reportgen.yearly.carryover import init_workbook

pytestmark = pytest.mark.office
ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "inputs" / "2024.xlsx"


def convert(path: Path, to: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """``soffice --headless --convert-to`` with a profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = folder / "profile"
    return subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to,
         "--outdir", str(folder / "out"), str(path)],
        capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    """A blank workbook and one carried over from the 2024 example."""
    folder = tmp_path_factory.mktemp("init-office")
    blank, carried = folder / "blank.xlsx", folder / "carried.xlsx"
    init_workbook(blank, year=2025)
    init_workbook(carried, source=WORKBOOK)
    return [blank, carried]


@pytest.mark.parametrize("index", [0, 1], ids=["blank", "from-2024"])
def test_libreoffice_prints_the_workbook_as_pdf(workbooks, index, tmp_path):
    """The PDF conversion succeeds and reports no error."""
    result = convert(workbooks[index], "pdf", tmp_path)
    pdf = tmp_path / "out" / workbooks[index].with_suffix(".pdf").name
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    assert pdf.stat().st_size > 1000


def test_libreoffice_saves_it_back_with_its_validations_and_protection(workbooks, tmp_path):
    """Converted to .xlsx by LibreOffice, the carried workbook keeps its drop-downs, input
    messages and protection, and reads as before: one message about what is still empty."""
    result = convert(workbooks[1], "xlsx", tmp_path)
    saved = tmp_path / "out" / workbooks[1].name
    assert result.returncode == 0 and saved.exists(), result.stderr
    wb = openpyxl.load_workbook(saved)
    try:
        ws = wb["人才培养质量计分卡"]
        assert ws.protection.sheet and not ws["D2"].protection.locked and ws["B2"].protection.locked
        prompts = [v.prompt for v in ws.data_validations.dataValidation if v.prompt]
        assert any("毕业生人数" in p for p in prompts)
        kinds = [v.formula1 for v in wb["正文"].data_validations.dataValidation]
        assert '"上年,已确认"' in kinds
    finally:
        wb.close()
    with pytest.raises(DataError) as caught:
        load(saved)
    [problem] = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert problem.code == "E-WORKBOOK-UNFILLED" and "成文日期" in problem.message
