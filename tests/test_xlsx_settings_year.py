"""A workbook is read against the catalog of its 报告年份 (or an explicit one).

A year without a catalog of its own uses the latest earlier catalog and says so in a note at
the 报告年份 cell; a year before the earliest catalog is an error there. The report carries
the catalog it was read against.
"""

from __future__ import annotations

import pytest

from reportgen.catalog import earliest, latest, load_catalog, years
from reportgen.errors import DataError, Problems, Severity, UsageError
from reportgen.xlsx import load
from workbooks import build

YEAR_CELL = "基本信息!B4"


def with_year(year: int):
    def tweak(wb):
        ws = wb["基本信息"]
        assert ws["A4"].value == "报告年份"
        ws["B4"] = year
    return tweak


def test_the_report_carries_the_catalog_of_its_year(tmp_path):
    """A 2024 workbook is read against the 2024 catalog, without any note."""
    problems = Problems()
    report = load(build(tmp_path), problems=problems)
    assert report.catalog is load_catalog(2024)
    assert problems.items == []


def test_a_later_year_uses_the_latest_earlier_catalog_with_a_note(tmp_path):
    """A year after every catalog: read with the latest, and a note names the year used."""
    year = years()[-1] + 1
    problems = Problems()
    report = load(build(tmp_path, with_year(year)), problems=problems)
    assert report.catalog is latest() and report.meta.year == year
    [note] = problems.items
    assert note.severity is Severity.INFO and note.code == "I-CATALOG-EARLIER-YEAR"
    assert str(note).startswith(f"test.xlsx › {YEAR_CELL}：没有 {year} 年的指标目录，"
                                f"按 {latest().year} 年的指标目录读取指标表。")


def test_a_year_before_the_earliest_catalog_is_an_error_at_its_cell(tmp_path):
    """A report from before the first catalog cannot be read; the error is at 报告年份."""
    year = earliest().year - 1
    with pytest.raises(DataError) as caught:
        load(build(tmp_path, with_year(year)))
    [error] = caught.value.problems
    assert error.code == "E-CATALOG-YEAR-TOO-EARLY"
    assert str(error) == (f"test.xlsx › {YEAR_CELL}：报告年份早于最早的指标目录（{earliest().year} 年），"
                          f"实为“{year}”。请核对报告年份；本程序的官方指标表从 {earliest().year} 年起。")


def test_an_explicit_catalog_year_is_used_without_a_note(tmp_path):
    """``catalog_year`` chooses the catalog whatever the workbook's year says."""
    problems = Problems()
    report = load(build(tmp_path, with_year(years()[-1] + 3)), problems=problems,
                  catalog_year=years()[0])
    assert report.catalog is earliest()
    assert problems.items == []


def test_an_explicit_catalog_year_without_a_catalog_is_a_usage_error(tmp_path):
    """Asking for a catalog that does not exist names the ones that do."""
    with pytest.raises(UsageError) as caught:
        load(build(tmp_path), catalog_year=1999)
    assert caught.value.code == "U-CATALOG-YEAR"
    assert str(caught.value).startswith("没有 1999 年的指标目录。现有的指标目录：2024 年")


def test_an_unreadable_year_is_reported_once(tmp_path):
    """A year that is not a number is one error at its cell; the tables are still read."""
    with pytest.raises(DataError) as caught:
        load(build(tmp_path, with_year("明年")))  # type: ignore[arg-type]
    [error] = caught.value.problems
    assert str(error).startswith(f"test.xlsx › {YEAR_CELL}：应为数字，实为“明年”。")
