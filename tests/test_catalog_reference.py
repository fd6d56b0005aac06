"""The catalog of official tables (``src/reportgen/catalog/2024.toml``) prints the reference.

Each catalog row, printed the way the renderer prints it (序号 on level 1, one printed row per
unit), must give back the rows of the published 2024 report, without its "其中：" prefixes and
indentation, which the renderer adds itself.
"""

from __future__ import annotations

import pytest

from reference_text import RefTable, parse_reference
from reportgen.catalog import load_catalog

NAMES = ("人才培养质量计分卡", "教学资源表", "满意度调查表", "服务贡献表", "国际影响表", "落实政策表")
PRINTED_ROWS = {"人才培养质量计分卡": 12, "教学资源表": 46, "满意度调查表": 12, "服务贡献表": 18,
                "国际影响表": 14, "落实政策表": 22}


@pytest.fixture(scope="module")
def tables() -> dict[str, RefTable]:
    return {x.name: x for x in parse_reference().body if isinstance(x, RefTable)}


def test_six_tables_in_the_order_of_the_notice():
    catalog = load_catalog(2024)
    assert tuple(t.name for t in catalog.tables) == NAMES
    assert all(t.id.isascii() for t in catalog.tables)


@pytest.mark.parametrize("name", NAMES)
def test_catalog_columns_are_the_printed_columns(tables, name):
    """Each table's printed headers (the value column headed by the year) are the
    reference's; only the 满意度调查表 has columns of its own (调查人次, 调查方式)."""
    spec = load_catalog(2024).by_name(name)
    assert tuple(c.printed_header(2024) for c in spec.columns) == tables[name].rows[0]
    own = [c.sheet for c in spec.extra_columns]
    assert own == (["调查人次", "调查方式"] if name == "满意度调查表" else [])


@pytest.mark.parametrize("name", NAMES)
def test_catalog_rows_are_the_printed_rows(tables, name):
    spec = load_catalog(2024).by_name(name)
    printed = tables[name].rows[1:]
    assert len(spec.row_units()) == len(printed) == PRINTED_ROWS[name]
    previous = None
    for (indicator, unit), row in zip(spec.row_units(), printed):
        number, text, printed_unit = row[0], row[1], row[2]
        assert unit == printed_unit, (indicator.id, row)
        if indicator is previous:  # the second row of a two-unit indicator
            assert (number, text) == ("", ""), (indicator.id, row)
            continue
        assert indicator.name == text.removeprefix("其中："), (indicator.id, row)
        assert (indicator.level == 1) == (number != ""), (indicator.id, row)
        previous = indicator


def test_levels_as_printed():
    levels = {i.name: i.level for i in load_catalog(2024).by_name("国际影响表").indicators}
    assert levels["专业标准数量"] == levels["课程标准数量"] == 3
    assert levels["标准数量"] == levels["资源数量"] == levels["装备数量"] == 2
    resources = load_catalog(2024).by_name("教学资源表")
    assert {i.level for i in resources.indicators if i.name == "接入国家智慧教育平台数量*"} == {2}
    assert next(i for i in resources.indicators if i.id == "planned_courses").units == ("门", "学时")
    assert resources.indicators[0].units == (":",)


def test_ids_are_short_ascii_snake_case():
    for table in load_catalog(2024).tables:
        for indicator in table.indicators:
            assert indicator.id.isascii() and indicator.id.replace("_", "").isalnum(), indicator.id
            assert indicator.id == indicator.id.lower() and len(indicator.id) <= 48, indicator.id
