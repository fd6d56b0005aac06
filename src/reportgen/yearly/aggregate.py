"""Schools' indicator figures → the district's, by each indicator's meaning in the catalog.

Counts and amounts are summed; rates and ratios are recomputed from the summed numerators and
denominators; weighted means (survey results, weighted by 调查人次) are recomputed from the
weighted sums, and 调查人次 is summed; per-student values from the summed totals (or the value
times the student count) over the summed student count. An indicator the catalog marks as not
aggregable is left empty and listed for the clerk — never averaged or summed silently.

A recomputed figure is rounded half up to the finest precision the schools used. With one
school, every figure is that school's, unchanged: there is nothing to merge. Arithmetic is
exact (Decimal sums), so the order of the schools never matters.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Sequence

from attrs import frozen

from reportgen.catalog import Catalog, ColumnKind, IndicatorSpec, TableSpec
from reportgen.catalog.aggregation import AggregateKind
from reportgen.errors import Problem
from reportgen.model import Figure, IndicatorRow, Report, SourceRef
from reportgen.numbers import decimals, format_figure, round_half_up
from reportgen.xlsx.form import FigureKey, FormFigure

DEFAULT_PLACES = 2
"""Decimals of a recomputed figure when no school gave one to follow."""
SINGLE = "只有一所学校：照录该校的数"


@frozen
class School:
    """One school's workbook, read."""

    name: str
    """How the district's workbook names the school (its 地区, or its file name)."""
    report: Report
    """Its report."""

    def row(self, ref: str) -> IndicatorRow | None:
        """The indicator row ``table.indicator`` (its first unit) or ``table.indicator.unit``."""
        table_id, _, rest = ref.partition(".")
        indicator_id, _, unit = rest.partition(".")
        for table in self.report.indicator_tables:
            if table.spec.id == table_id:
                return next((r for r in table.rows if r.spec.id == indicator_id
                             and (not unit or r.unit == unit)), None)
        return None


@frozen
class Part:
    """One school's figure behind a merged one."""

    school: str
    """The school."""
    source: SourceRef | None
    """Its cell."""
    shown: str
    """Its figure as shown."""


@frozen
class Merged:
    """One merged figure (a column of one indicator row) and where it came from."""

    key: FigureKey
    """The indicator row."""
    column: str
    """The catalog id of the column (``value``, ``survey_count``)."""
    value: Decimal | None
    """The district's figure; ``None`` when empty or left for the clerk."""
    method: str
    """How it was computed, in the clerk's words."""
    parts: tuple[Part, ...]
    """The schools' figures."""
    left: str | None = None
    """Why it was left for the clerk (not aggregable, or a zero denominator)."""


Reading = Callable[[IndicatorRow], Figure | None]
_THIS_YEAR: Reading = lambda row: row.value  # noqa: E731
_LAST_YEAR: Reading = lambda row: row.previous  # noqa: E731


def merge_figures(schools: Sequence[School], catalog: Catalog
                  ) -> tuple[dict[FigureKey, FormFigure], list[Merged], list[Problem]]:
    """The district's figures by indicator row, every merged figure with its schools' parts,
    and the problems that stop the merge (a figure without what weights or recomputes it)."""
    figures: dict[FigureKey, FormFigure] = {}
    merged: list[Merged] = []
    problems: list[Problem] = []
    for spec in catalog.tables:
        for indicator, unit in spec.row_units():
            key = (spec.id, indicator.id, unit)
            ref = f"{spec.id}.{indicator.id}.{unit}"
            this = _merge(schools, catalog, spec, indicator, ref, unit, _THIS_YEAR, problems)
            last = _merge(schools, catalog, spec, indicator, ref, unit, _LAST_YEAR, [])
            extra: dict[str, Decimal | str] = {}
            merged.append(this)
            for column in spec.extra_columns:
                if column.kind is ColumnKind.FIGURE:
                    summed = _sum_column(schools, ref, column.id, key)
                    merged.append(summed)
                    if summed.value is not None:
                        extra[column.id] = summed.value
                else:
                    texts = sorted({t.text for s in schools if (r := s.row(ref)) is not None
                                    and (t := r.text_in(column.id)) is not None})
                    if texts:
                        extra[column.id] = "、".join(texts)
            figures[key] = FormFigure(this.value, last.value, extra=extra)
    return figures, merged, problems


def _merge(schools: Sequence[School], catalog: Catalog, spec: TableSpec,
           indicator: IndicatorSpec, ref: str, unit: str, read: Reading,
           problems: list[Problem]) -> Merged:
    """One indicator row's figure (this year's or last year's) from every school's."""
    key = (spec.id, indicator.id, unit)
    rows = [(s, s.row(ref)) for s in schools]
    filled = [(s, f) for s, r in rows if r is not None and (f := read(r)) is not None
              and f.value is not None]
    parts = tuple(Part(s.name, f.source, format_figure(f.value, unit)) for s, f in filled)
    aggregation = indicator.aggregation
    if len(schools) == 1:
        return Merged(key, "value", filled[0][1].value if filled else None, SINGLE, parts)
    if not aggregation.aggregable:
        reason = aggregation.reason
        return Merged(key, "value", None, f"未合并：{reason}。请区县填写", parts, reason)
    values = [f.value for _, f in filled if f.value is not None]
    places = max((decimals(v) for v in values), default=DEFAULT_PLACES)
    kind = aggregation.kind
    if aggregation.adds_up:
        return Merged(key, "value", sum(values, Decimal(0)) if values else None, "各校相加", parts)
    if kind in (AggregateKind.RATE, AggregateKind.RATIO) or (
            kind is AggregateKind.PER_STUDENT and aggregation.numerator):
        assert aggregation.numerator and aggregation.denominator
        top = _total(schools, aggregation.numerator, read, filled, problems,
                     "E-MERGE-NUMERATOR-MISSING")
        bottom = _total(schools, aggregation.denominator, read, filled, problems,
                        "E-MERGE-DENOMINATOR-MISSING")
        scale = aggregation.scale
        method = (f"各校“{_name(aggregation.numerator, catalog)}”之和 ÷ 各校"
                  f"“{_name(aggregation.denominator, catalog)}”之和"
                  + (f" × {scale}" if scale != 1 else ""))
    else:
        weights = _weights(schools, spec, indicator, ref, read, filled, problems)
        top = bottom = None
        if filled and weights is not None:
            top = sum((f.value * w for (_, f), w in zip(filled, weights) if f.value is not None),
                      Decimal(0))
            bottom = sum(weights, Decimal(0))
        scale = Decimal(1)
        by = (aggregation.weight or aggregation.denominator or "")
        column = spec.column(aggregation.weight_column or "")
        label = column.sheet if column else f"“{_name(by, catalog)}”"
        method = f"按各校{label}加权平均" if kind is AggregateKind.WEIGHTED_MEAN else (
            f"各校（本值 × {label}）之和 ÷ 各校{label}之和")
    if top is None or bottom is None:
        return Merged(key, "value", None, method, parts)
    if bottom == 0:
        return Merged(key, "value", None, method, parts, "各校的分母（或权数）之和为 0，无法计算")
    return Merged(key, "value", round_half_up(top / bottom * scale, places), method, parts)


def _name(ref: str, catalog: Catalog) -> str:
    """The indicator's printed name (毕业生人数*), with its unit for one of two units."""
    found = catalog.indicator(ref)
    if found is None:
        return ref
    unit = ref.split(".")[2] if ref.count(".") == 2 else ""
    return f"{found.name}（{unit}）" if unit and len(found.units) > 1 else found.name


def _total(schools: Sequence[School], ref: str, read: Reading,
           filled: list[tuple[School, Figure]], problems: list[Problem],
           missing_code: str) -> Decimal | None:
    """The sum of ``ref`` over the schools; ``None`` when a school that gives the figure does
    not give this part of it (for this year's figures, a problem of kind ``missing_code``
    located at the empty part)."""
    with_value = {id(s) for s, _ in filled}
    total: Decimal | None = None
    missing = False
    for school in schools:
        row = school.row(ref)
        figure = read(row) if row is not None else None
        if figure is not None and figure.value is not None:
            total = (total or Decimal(0)) + figure.value
        elif id(school) in with_value:
            missing = True
            if read is _THIS_YEAR:
                problems.append(Problem.of(missing_code, figure.source if figure else None))
    return None if missing else total


def _weights(schools: Sequence[School], spec: TableSpec, indicator: IndicatorSpec, ref: str,
             read: Reading, filled: list[tuple[School, Figure]],
             problems: list[Problem]) -> list[Decimal] | None:
    """The weight of each school with a figure (its 调查人次, or the weighting indicator);
    ``None`` when one is missing (a problem for this year's figures)."""
    aggregation = indicator.aggregation
    column = aggregation.weight_column
    by = aggregation.weight or aggregation.students
    weights: list[Decimal] = []
    missing = False
    for school, _ in filled:
        row = school.row(ref) if column else (school.row(by) if by else None)
        figure = None
        if row is not None:
            figure = row.figure_in(column) if column else read(row)
            if column and read is _LAST_YEAR:
                figure = None  # last year's 调查人次 is not kept: no weighting possible
        if figure is not None and figure.value is not None and figure.value >= 0:
            weights.append(figure.value)
            if figure.value == 0 and read is _THIS_YEAR:
                problems.append(Problem.of("W-MERGE-ZERO-WEIGHT", figure.source,
                                           label=indicator.name,
                                           weight=_weight_name(spec, column, row, by)))
            continue
        if read is _THIS_YEAR:
            what = _weight_name(spec, column, row, by)
            problems.append(Problem.of("E-MERGE-WEIGHT-MISSING",
                                       figure.source if figure is not None else None,
                                       label=indicator.name, weight=what))
        missing = True
    return None if missing else weights


def _weight_name(spec: TableSpec, column: str | None, row: IndicatorRow | None,
                 by: str | None) -> str:
    """The weight in the clerk's words: 调查人次, or “全日制在校生人数*”."""
    weight_column = spec.column(column) if column else None
    if weight_column is not None:
        return weight_column.sheet
    return f"“{row.spec.name}”" if row is not None else str(by)


def _sum_column(schools: Sequence[School], ref: str, column: str, key: FigureKey) -> Merged:
    """A table's own figure column (调查人次): summed."""
    figures = [(s, f) for s in schools if (r := s.row(ref)) is not None
               and (f := r.figure_in(column)) is not None and f.value is not None]
    parts = tuple(Part(s.name, f.source, format_figure(f.value)) for s, f in figures)
    values = [f.value for _, f in figures if f.value is not None]
    method = SINGLE if len(schools) == 1 else "各校相加"
    return Merged(key, column, sum(values, Decimal(0)) if values else None, method, parts)


__all__ = ["Merged", "Part", "School", "merge_figures"]
