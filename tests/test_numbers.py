"""Figures print exactly as the clerk sees them in the workbook."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reportgen.numbers import format_figure, format_number


def test_precision_is_the_one_carried():
    """98.62 stays 98.62, 2.00 stays 2.00, 4000 stays 4000 — never 4E+3."""
    assert format_number(Decimal("98.62")) == "98.62"
    assert format_number(Decimal("2.00")) == "2.00"
    assert format_number(Decimal("4E+3")) == "4000"
    assert format_number(None) == ""


def test_ratio_prints_to_one():
    """生师比 16.29 with unit ':' prints 16.29:1; an empty ratio prints empty."""
    assert format_figure(Decimal("16.29"), ":") == "16.29:1"
    assert format_figure(None, ":") == ""
    assert format_figure(Decimal("12"), "%") == "12"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4,
                   min_value=Decimal("-1e12"), max_value=Decimal("1e12")))
def test_printed_number_reads_back_as_the_same_number(value: Decimal):
    """Whatever a figure is, its printed text is plain digits that read back to the same value
    with the same number of decimals."""
    text = format_number(value)
    assert "E" not in text and "e" not in text
    assert Decimal(text) == value
    assert -Decimal(text).as_tuple().exponent == max(0, -value.as_tuple().exponent)
