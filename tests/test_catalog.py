"""The catalog is one data file per report year, validated when it loads.

A report is read against the catalog of its year, or of the latest earlier year that has one;
a catalog file that is wrong (a misspelt key, a duplicate id) fails when it loads, saying
where.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.catalog import (
    CatalogError,
    catalog_for,
    earliest,
    latest,
    load_catalog,
    parse_catalog,
    serving_year,
    years,
)

ROW = '[[table.row]]\nid = "graduates"\nname = "毕业生人数*"\nunits = ["人"]\naggregate = "count"\n'
COLUMNS = """columns = [
    { id = "number", sheet = "序号", printed = "序号", width = 10 },
    { id = "name", sheet = "指标", printed = "指标", width = 80 },
    { id = "unit", sheet = "单位", printed = "单位", width = 16 },
    { id = "value", sheet = "数值", printed = "{year}年", width = 24 },
    { id = "note", sheet = "备注", printed = "备注", width = 18 },
]
"""
TABLE = '[[table]]\nid = "scorecard"\nname = "人才培养质量计分卡"\n' + COLUMNS


def catalog_text(*, table: str = TABLE, rows: str = ROW, head: str = "") -> str:
    """A one-table, one-row catalog, with what a test changes."""
    return f"{head}\n{table}\n{rows}"


def test_every_catalog_file_is_named_by_its_year_and_loads():
    """The package ships 2024 at least; each file loads and carries its own year."""
    assert 2024 in years()
    assert list(years()) == sorted(years())
    for year in years():
        assert load_catalog(year).year == year


def test_a_year_without_a_file_is_served_by_the_latest_earlier_catalog():
    """2030 has no file: the latest catalog not after 2030 serves it; 2024 serves itself."""
    assert catalog_for(2024) is load_catalog(2024)
    assert catalog_for(2030) is latest()
    assert latest().year == years()[-1] and earliest().year == years()[0]


def test_a_year_before_the_earliest_catalog_has_none():
    """Nothing serves a report from before the first catalog."""
    assert catalog_for(years()[0] - 1) is None
    with pytest.raises(KeyError):
        load_catalog(years()[0] - 1)


@given(st.sets(st.integers(min_value=2000, max_value=2100), max_size=6),
       st.integers(min_value=1990, max_value=2110))
def test_the_serving_year_is_the_latest_not_after_the_report(available, year):
    """Whatever catalogs exist: the chosen one is not after the report, and no other
    catalog lies between it and the report's year."""
    chosen = serving_year(available, year)
    if chosen is None:
        assert all(y > year for y in available)
    else:
        assert chosen in available and chosen <= year
        assert not any(chosen < y <= year for y in available)


def test_a_minimal_catalog_parses():
    """One table with one row: defaults for level (1) and part (True); the five fixed
    columns in the file's order, headed in the sheet and in print as the file says."""
    catalog = parse_catalog(catalog_text(), year=2030)
    assert catalog.year == 2030
    table = catalog.by_id("scorecard")
    assert table.headers == ("序号", "指标", "单位", "数值", "备注")
    assert [c.printed_header(2030) for c in table.columns] == ["序号", "指标", "单位", "2030年", "备注"]
    assert table.extra_columns == ()
    [indicator] = table.indicators
    assert (indicator.level, indicator.part, indicator.units) == (1, True, ("人",))
    assert catalog.indicator("scorecard.graduates") is indicator
    assert catalog.indicator("scorecard.nothing") is None


@pytest.mark.parametrize(("text", "message"), [
    (catalog_text(rows=ROW + "levle = 2\n"), "catalog 2030, table scorecard, row graduates: "
                                             "unknown key(s) levle"),
    (catalog_text(rows=ROW + ROW), "catalog 2030, table scorecard: duplicate indicator id: "
                                   "graduates"),
    (catalog_text(rows=ROW.replace('["人"]', "[]")), "row graduates: units must be a list"),
    (catalog_text(rows=ROW + "level = 4\n"), "row graduates: level must be 1, 2 or 3"),
    (catalog_text(table=TABLE + TABLE.replace("[[table]]", "")), "not valid TOML"),
    (catalog_text(head="year = 2029"), "catalog 2030: the file says year = 2029"),
    (catalog_text(table="", rows=""), "catalog 2030: needs at least one [[table]]"),
    (catalog_text(rows=ROW.replace('aggregate = "count"\n', "")),
     "row graduates: aggregate must be a non-empty string"),
    (catalog_text(table=TABLE.replace('{ id = "unit", sheet = "单位", printed = "单位", width = 16 },', "")),
     "table scorecard: needs exactly one column of each of: unit"),
    (catalog_text(table=TABLE.replace('width = 16', 'width = 0')),
     "table scorecard, column unit: width must be a positive number"),
    (catalog_text(table=TABLE.replace('{ id = "unit",', '{ id = "unit", colour = "red",')),
     "table scorecard, column unit: unknown key(s) colour"),
    (catalog_text(table=TABLE.replace('{ id = "note",', '{ id = "remark", kind = "memo",')),
     "table scorecard, column remark: kind must be one of figure, text"),
    (catalog_text(table=TABLE.replace('sheet = "备注"', 'sheet = "单位"')),
     "table scorecard: duplicate column header: 单位"),
])
def test_a_wrong_catalog_fails_when_it_loads_naming_the_place(text, message):
    """Misspelt keys, duplicate ids, wrong units or levels, a year that is not the file's, a
    row without its aggregation meaning, a table without one of the five fixed columns or
    with a column of no known kind: each fails at load with the table, the row (or column)
    and what is wrong."""
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, year=2030)
    assert message in str(caught.value)


DERIVED = '[[derived]]\nname = "升学率"\nnumerator = "scorecard.graduates"\ndenominator = "scorecard.graduates"\n'


def test_a_derived_figure_is_catalog_data_with_defaults_for_a_percentage():
    """A derived figure names two indicators; by default it is a percentage with two
    decimals; the shipped catalog has 计算生师比 as a ratio printed N:1."""
    catalog = parse_catalog(catalog_text() + DERIVED, year=2030)
    figure = catalog.derived_figure("升学率")
    assert figure is not None
    assert (figure.scale, figure.unit, figure.places) == (100, "%", 2)
    ratio = load_catalog(2024).derived_figure("计算生师比")
    assert ratio is not None and (ratio.scale, ratio.unit) == (1, ":")


@pytest.mark.parametrize(("derived", "message"), [
    (DERIVED.replace('numerator = "scorecard.graduates"', 'numerator = "scorecard.graduatez"'),
     "catalog 2030, derived 升学率: unknown indicator(s) scorecard.graduatez"),
    (DERIVED + "places = 9\n", "derived 升学率: places must be a whole number from 0 to 6"),
    (DERIVED + "factor = 100\n", "derived 升学率: unknown key(s) factor"),
    (DERIVED + DERIVED, "catalog 2030: duplicate derived figure: 升学率"),
])
def test_a_wrong_derived_figure_fails_when_the_catalog_loads(derived, message):
    """A derived figure naming an unknown indicator, or malformed, fails at load, named."""
    with pytest.raises(CatalogError) as caught:
        parse_catalog(catalog_text() + derived, year=2030)
    assert message in str(caught.value)
