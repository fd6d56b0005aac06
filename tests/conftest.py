"""Test setup: make the test helpers (``reference_text``) and the package under ``src`` importable."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
for folder in (TESTS, TESTS.parent / "src"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import os  # noqa: E402

import pytest  # noqa: E402

# -- no compiled template code kept between runs (reportgen.word.compiled) unless a test asks
# -- for it: the tests count compilations, and write nothing into the user's cache folder --
os.environ["REPORTGEN_CACHE_DIR"] = ""

EXAMPLE_WORKBOOK = TESTS.parent / "inputs" / "2024.xlsx"


@pytest.fixture(scope="session")
def report_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2024 report produced from the example workbook, once per test session."""
    from reportgen import generate

    out = tmp_path_factory.mktemp("report-2024") / "2024.docx"
    generate(EXAMPLE_WORKBOOK, out)
    return out


@pytest.fixture
def buggy_first_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch whose preparation of 甲校.xlsx raises an unexpected ``RuntimeError("boom")``
    (a bug), the other workbooks prepared as usual."""
    from reportgen import batch

    real = batch.prepare

    def buggy(workbook, *args, **kwargs):
        if Path(workbook).name == "甲校.xlsx":
            raise RuntimeError("boom")
        return real(workbook, *args, **kwargs)
    monkeypatch.setattr(batch, "prepare", buggy)
