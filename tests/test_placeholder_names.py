"""The names a placeholder may use: indexed once per catalog, each report printing its own
figures through the shared index."""

from __future__ import annotations

import attrs

from check_workbooks import build_consistent, set_figure
from reportgen import load
from reportgen.model import SourceRef, Text
from reportgen.placeholder_names import Names
from reportgen.placeholders import substitute_text

WHERE = SourceRef("test.xlsx", "正文", "B3")


def fill(text: str, names: Names) -> tuple[str, list]:
    problems: list = []
    return substitute_text(Text(text, WHERE), names, problems).text, problems


def _graduates(n: int):
    return lambda wb: set_figure(wb, "scorecard.graduates", n)


def test_two_reports_share_the_index_of_names_but_print_their_own_figures(tmp_path):
    """Two workbooks of one catalog: the names are indexed once, yet each report's
    placeholders print that report's figures, whichever was indexed or asked first."""
    first = load(build_consistent(tmp_path, _graduates(1234), "a.xlsx"))
    second = load(build_consistent(tmp_path, _graduates(1476), "b.xlsx"))
    a, b = Names(first), Names(second)
    assert a.index is b.index
    for _ in range(2):
        assert fill("〔毕业生人数〕〔scorecard.graduates〕", a)[0] == "12341234"
        assert fill("〔毕业生人数〕〔scorecard.graduates〕", b)[0] == "14761476"
        assert a.reference("毕业生人数") == b.reference("毕业生人数") == (
            "scorecard.graduates.人", None)


def test_a_report_holding_other_rows_has_its_own_index(tmp_path):
    """A report whose table lacks a row (one built in code) gets an index of its own rows:
    the missing row's name is unknown there and still known in the full report."""
    full = load(build_consistent(tmp_path, _graduates(1234)))
    scorecard = full.indicator_tables[0]
    rows = tuple(r for r in scorecard.rows if r.spec.id != "graduates")
    assert len(rows) < len(scorecard.rows)
    shorter = attrs.evolve(full, indicator_tables=(attrs.evolve(scorecard, rows=rows),
                                                   *full.indicator_tables[1:]))
    short_names, full_names = Names(shorter), Names(full)
    assert short_names.index is not full_names.index
    _, [problem] = fill("〔毕业生人数〕", short_names)
    assert problem.code.startswith("E-PLACEHOLDER-")
    assert fill("〔毕业生人数〕", full_names) == ("1234", [])
    assert Names(shorter).index is short_names.index


def test_names_of_a_report_are_shared_only_with_the_same_figures(tmp_path):
    """``Names.of`` shares the index of the last report asked for only when its figures are
    the very same objects (the same report with its prose resolved); another report, even
    asked for in between, never prints the first one's figures."""
    first = load(build_consistent(tmp_path, _graduates(1234), "a.xlsx"))
    second = load(build_consistent(tmp_path, _graduates(1476), "b.xlsx"))
    resolved = attrs.evolve(first, foreword=())
    shared = Names.of(first)
    assert Names.of(resolved).figures is shared.figures
    assert fill("〔毕业生人数〕", Names.of(second))[0] == "1476"
    assert fill("〔毕业生人数〕", Names.of(first))[0] == "1234"
    assert Names.of(first).references is None and Names.of(first).known == {}
