"""Tolerance follows the precision shown: half a unit of the last digit, the coarser one counts."""

from __future__ import annotations

import fnmatch
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pytest

from reportgen.figures import (
    Agreement,
    Figures,
    Quantity,
    UnknownReference,
    compare,
    compare_values,
    tolerance,
)
from reportgen.numbers import round_half_up
from reportgen.xlsx import load
from workbooks import build, cell_of

exact_values = st.decimals(min_value=0, max_value=10**6, places=6, allow_nan=False,
                           allow_infinity=False)


def shown(text: str) -> Quantity:
    return Quantity(Decimal(text), None, "")


@given(exact_values, st.integers(min_value=0, max_value=4))
def test_a_value_agrees_with_itself_rounded_half_up(value, places):
    """Whatever the value, printing it rounded to any precision keeps it in agreement."""
    assert compare_values(round_half_up(value, places), value) is Agreement.AGREE


@given(exact_values, st.integers(min_value=0, max_value=3))
def test_a_value_one_unit_off_after_rounding_never_agrees(value, places):
    """Rounded, then moved by a whole unit of the last digit: never in agreement."""
    unit = Decimal(1).scaleb(-places)
    assert compare_values(round_half_up(value, places) + unit, value) is not Agreement.AGREE


@given(st.lists(st.integers(min_value=0, max_value=10**5), min_size=1, max_size=6))
def test_whole_counts_agree_only_when_equal(parts):
    """A partition of whole counts: the exact sum agrees, a sum one off is a contradiction."""
    total = sum(parts)
    assert compare(shown(str(total)), shown(str(sum(parts)))) is Agreement.AGREE
    assert compare(shown(str(total + 1)), shown(str(total))) is Agreement.DIFFER


def test_the_coarser_precision_counts():
    """16.4 (text) against 16.29 (table): half of 0.1; 16.29 prints as 16.3, not 16.4."""
    assert tolerance(shown("16.4"), shown("16.29")) == Decimal("0.05")
    assert compare(shown("16.4"), shown("16.29")) is Agreement.DIFFER
    assert compare(shown("16.3"), shown("16.29")) is Agreement.AGREE


def test_a_share_rounded_the_wrong_way_is_a_near_miss():
    """291 of 567 is 51.3227…%: 51.32 agrees, 51.33 is a near miss, 51.35 differs."""
    value = Decimal(291) / Decimal(567) * 100
    assert compare_values(Decimal("51.32"), value) is Agreement.AGREE
    assert compare_values(Decimal("51.33"), value) is Agreement.NEAR
    assert compare_values(Decimal("51.35"), value) is Agreement.DIFFER


def test_figures_are_looked_up_in_the_reports_catalog(tmp_path):
    """An indicator, one unit of a two-unit one, a row's own column and a derived figure are
    found by reference; a reference the catalog lacks raises instead of finding nothing."""
    def tweak(wb):
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = 200
        cell_of(wb, "人才培养质量计分卡", "升学人数").value = 50
        cell_of(wb, "满意度调查表", "家长满意度", "调查人次").value = 0
    figures = Figures(load(build(tmp_path, tweak)))
    assert figures.catalog.year == 2024
    graduates = figures.get("scorecard.graduates")
    assert graduates is not None and graduates.ref == "scorecard.graduates.人"
    assert graduates.label == "人才培养质量计分卡“毕业生人数*”"
    hours = figures.get("teaching_resources.planned_courses.学时")
    assert hours is not None and hours.unit == "学时"
    asked = figures.get("satisfaction.parents@survey_count")
    assert asked is not None and (asked.value, asked.unit) == (0, "人次")
    assert asked.label == "满意度调查表“家长满意度”的调查人次"
    rate = figures.get("=毕业生升学率")
    assert rate is not None and rate.exact and rate.value == 25
    for wrong in ("scorecard.graduatez", "scorecard.graduates.门", "satisfaction.parents@asked",
                  "=毕业升学率"):
        with pytest.raises(UnknownReference):
            figures.get(wrong)


def test_a_figure_looked_up_again_is_the_one_found_first_and_a_wrong_one_raises_again(tmp_path):
    """Lookups are kept per report: the same reference (or pattern) finds the same figure of
    that report, another report's lookups find its own figures, and a reference the catalog
    lacks raises on every lookup, never cached as "nothing"."""
    def graduates(n):
        return lambda wb: setattr(cell_of(wb, "人才培养质量计分卡", "毕业生人数*"), "value", n)
    first = Figures(load(build(tmp_path, graduates(200), "a.xlsx")))
    second = Figures(load(build(tmp_path, graduates(300), "b.xlsx")))
    found = first.get("scorecard.graduates")
    assert found is not None and found.value == 200
    assert first.get("scorecard.graduates") is found
    other = second.get("scorecard.graduates")
    assert other is not None and other.value == 300
    assert [q.value for q in first.expand("scorecard.graduates*")] == [200]
    assert [q.value for q in second.expand("scorecard.graduates*")] == [300]
    expanded = first.expand("*.*.%")
    expanded.clear()  # a caller's list is its own
    assert first.expand("*.*.%") != []
    for _ in range(2):
        with pytest.raises(UnknownReference):
            first.get("scorecard.graduatez")


@pytest.mark.parametrize("pattern", ["*.*.%", "*.*", "scorecard.*", "satisfaction.*.%",
                                     "*.planned_courses", "*.planned_courses.学时", "x*.*"])
def test_a_pattern_finds_every_filled_row_whose_reference_matches_it(tmp_path, pattern):
    """A pattern with a unit matches ``table.id.unit``, one without matches ``table.id``:
    the rows found are those, filled, in the tables' order."""
    figures = Figures(load(build(tmp_path)))
    canonical = [key for key in figures.rows if key.count(".") == 2]
    wanted = [k for k in canonical if fnmatch.fnmatchcase(
        k if pattern.count(".") == 2 else k.rsplit(".", 1)[0], pattern)]
    expected = [q for q in (figures.get(k) for k in wanted) if q is not None]
    assert figures.expand(pattern) == expected
    assert (expected != []) == (pattern != "x*.*")


def test_which_references_exist_is_asked_of_each_reports_own_catalog(tmp_path):
    """A report read against a catalog lacking a table: its references raise there, while
    the same reference still finds the figure in a report of the full catalog, whichever
    was asked first."""
    report = load(build(tmp_path))
    catalog = report.catalog
    smaller = attrs.evolve(catalog, tables=tuple(t for t in catalog.tables
                                                 if t.id != "scorecard"))
    full, short = Figures(report), Figures(attrs.evolve(report, catalog=smaller))
    for _ in range(2):
        assert full.knows("scorecard.graduates") and full.knows("scorecard.graduates.人")
        assert not short.knows("scorecard.graduates")
        assert not full.knows("scorecard.graduates.门") and not full.knows("scorecard.nothing")
    with pytest.raises(UnknownReference):
        short.get("scorecard.graduates")
    assert full.get("scorecard.graduates") is not None


def _reportgen_imports(module: str) -> set[str]:
    """The reportgen modules ``module`` (a file under src/reportgen) imports."""
    import ast
    from pathlib import Path

    path = Path(__file__).parent.parent / "src" / "reportgen" / module
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            and node.module.startswith("reportgen")}


def test_the_figure_lookup_sits_below_checks_and_placeholders_which_both_use_it():
    """figures.py imports only what lies below it (catalog, model, numbers); the checks and
    the placeholders take their figures from it."""
    assert _reportgen_imports("figures.py") <= {"reportgen.catalog", "reportgen.model",
                                                "reportgen.numbers"}
    assert "reportgen.figures" in _reportgen_imports("placeholders.py")
    assert "reportgen.figures" in _reportgen_imports("checks/evaluate.py")
    assert "reportgen.figures" in _reportgen_imports("checks/__init__.py")
