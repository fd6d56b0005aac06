"""Every name a placeholder may use (:mod:`reportgen.placeholders`), resolved to the figure's
printed text or to the figure reference a declared rule compares.

An indicator's names — its name as printed, with or without ``*``, qualified by its table or
its parent row, with its unit for a two-unit one, and its ids — depend only on which rows the
report's tables hold (the catalog's specs and units), never on the figures: they are indexed
once per catalog (:class:`_Index`) and a report's :class:`Names` reads its figures through
that index.
"""

from __future__ import annotations

import copy
import difflib
import re
from decimal import Decimal
from typing import Any, Callable

from reportgen import year_over_year
from reportgen.figures import (COLUMN_SEPARATOR, DERIVED_PREFIX, FREE_REF_SEPARATOR, NAMED_PREFIX,
                               Figures, Quantity)
from reportgen.model import IndicatorTable, Report
from reportgen.numbers import format_figure, round_half_up


OPEN, CLOSE = "〔", "〕"
"""The placeholder brackets (U+3014, U+3015)."""
_QUALIFIER = re.compile(r"[:：]")
CHANGE_SUFFIX = "较上年增减"
"""〔X较上年增减〕: X minus 上年X."""
GROWTH_SUFFIX = "较上年增幅"
"""〔X较上年增幅〕: (X − 上年X) ÷ 上年X × 100, two decimals."""
PREVIOUS_PREFIX = "上年"
"""The 数据 sheet names last year's X as 上年X."""

References = Callable[[str, str], "str | None"]
"""Resolves a cross-reference (kind, name) to what it prints, or ``None`` when the report
prints nothing of that kind and name."""

Reason = tuple[str, dict[str, Any]]
"""Why a name resolves to nothing: a problem code (``E-PLACEHOLDER-…``) and its data."""
_FULL_WIDTH_FREE = "！"


def _free_cell(raw: str) -> str:
    """``raw`` with a full-width ``！`` (and then ``＠``) written half-width when it names a
    free-table cell; any other name unchanged (a ``!`` always means a free-table cell)."""
    if _FULL_WIDTH_FREE not in raw and FREE_REF_SEPARATOR not in raw:
        return raw
    return raw.replace(_FULL_WIDTH_FREE, FREE_REF_SEPARATOR).replace("＠", COLUMN_SEPARATOR)


_last_names: list[tuple[tuple[Any, ...], Names]] = []
"""The figures' sources of the last report :meth:`Names.of` indexed, and its names."""
_indexes: dict[tuple[Any, ...], tuple[_Index, tuple[Any, ...]]] = {}
"""Indexes of indicator names by the identity of the tables' and rows' specs (kept alive
beside them, so that no ``id`` is reused) and their units: one per catalog in practice."""


class _Index:
    """The names of a report's indicator rows, which depend only on which rows its tables
    hold (the catalog's specs and units), never on the figures: built once, shared."""

    def __init__(self, tables: tuple[IndicatorTable, ...]):
        self.keys: dict[str, list[str]] = {}  # name → keys of the rows it names
        self.forms: dict[str, list[str]] = {}  # key → its names, most natural first
        self.at: dict[str, tuple[int, int]] = {}  # key → its table and row
        for t, table in enumerate(tables):
            parent = ""
            seen: set[str] = set()
            for r, row in enumerate(table.rows):
                if row.spec.level == 1:
                    parent = row.spec.name
                key = f"{table.spec.id}.{row.spec.id}.{row.unit}"
                first_unit = row.spec.id not in seen
                seen.add(row.spec.id)
                forms = []
                for name in dict.fromkeys((row.spec.name, row.spec.name.rstrip("*"))):
                    forms += ([name] if first_unit else []) + [f"{name}（{row.unit}）"]
                qualified = [f"{table.spec.name}:{f}" for f in forms]
                if row.spec.level > 1:
                    qualified += [q for f in forms
                                  for q in (f"{parent}:{f}", f"{table.spec.name}:{parent}:{f}")]
                ids = [key] + ([f"{table.spec.id}.{row.spec.id}"] if first_unit else [])
                self.at.setdefault(key, (t, r))
                for form in forms + qualified + ids:
                    keys = self.keys.setdefault(form, [])
                    if key not in keys:
                        keys.append(key)
                    self.forms.setdefault(key, []).append(form)

    @classmethod
    def of(cls, tables: tuple[IndicatorTable, ...]) -> _Index:
        """The index of ``tables``' rows, built on first use for those rows."""
        specs = tuple((t.spec, tuple((r.spec, r.unit) for r in t.rows)) for t in tables)
        key = tuple((id(t), tuple((id(s), u) for s, u in rows)) for t, rows in specs)
        found = _indexes.get(key)  # one read: another thread (serve) may clear the cache
        if found is None:
            if len(_indexes) >= 16:
                _indexes.clear()
            found = _indexes[key] = (cls(tables), specs)
        return found[0]


class Names:
    """Every name a placeholder may use, resolved to the figure's printed text."""

    def __init__(self, report: Report):
        self.known: dict[str, list[str]] = {}
        """By kind of cross-reference, the names the report prints something under."""
        self.references: References | None = None
        """Resolves cross-references; ``None`` prints nothing for them."""
        self.figures = Figures(report)
        self.tables = report.indicator_tables
        self.index = _Index.of(report.indicator_tables)
        self.named: dict[str, str] = {}  # name → key of the 数据 sheet's figure
        self.printed: dict[str, str] = {}  # key → printed text of the 数据 sheet's figure
        self.pairs: dict[str, year_over_year.Pair] = {}  # key → this year's and last year's
        self.values = {n.name.text: n.value.value for n in report.named}
        for named in report.named:
            key = f"{NAMED_PREFIX}{named.name.text}"
            self.named[named.name.text] = key
            self.printed.setdefault(key, format_figure(named.value.value, named.unit))
            previous = named.previous.value if named.previous else None
            if previous is None:
                previous = self.values.get(PREVIOUS_PREFIX + named.name.text)
            self.pairs[key] = year_over_year.Pair(named.value.value, previous, named.unit)
        self.derived = {d.name: d for d in self.figures.catalog.derived}

    @classmethod
    def of(cls, report: Report) -> Names:
        """``Names(report)``, its lookup tables shared with the last report asked for when its
        figures come from the very same objects (the review's and the layout's substitutions,
        the declared rules: one report's figures indexed once)."""
        sources = (report.indicator_tables, report.named, report.appendix, report.meta,
                   report.catalog, *report.tables)
        last = _last_names[0] if _last_names else None
        if last is None or len(last[0]) != len(sources) or \
                any(a is not b for a, b in zip(last[0], sources)):
            last = (sources, cls(report))
            _last_names[:] = [last]
        names = copy.copy(last[1])
        names.known, names.references = {}, None
        return names

    def _keys(self, name: str) -> list[str]:
        """The keys of the figures ``name`` names: indicator rows, then the 数据 sheet's."""
        named = self.named.get(name)
        keys = self.index.keys.get(name, [])
        return keys + [named] if named is not None else keys

    def _printed(self, key: str) -> str:
        if key in self.printed:
            return self.printed[key]
        t, r = self.index.at[key]
        row = self.tables[t].rows[r]
        return format_figure(row.value.value, row.unit)

    def _pair(self, key: str) -> year_over_year.Pair:
        if key in self.pairs:
            return self.pairs[key]
        t, r = self.index.at[key]
        row = self.tables[t].rows[r]
        return year_over_year.Pair(row.value.value, row.previous.value if row.previous else None,
                                   row.unit)

    def _unique_form(self, key: str) -> str:
        """The first name of ``key`` that names nothing else."""
        forms = self.index.forms.get(key) or [key.removeprefix(NAMED_PREFIX)]
        return next((f for f in forms if len(self._keys(f)) == 1), key)

    def resolve(self, raw: str) -> tuple[str | None, Reason | None]:
        """The printed figure for ``raw``, or ``None`` and the reason (a code and its data)."""
        raw = _free_cell(raw)
        if FREE_REF_SEPARATOR in raw:
            fault = self.figures.free_cell_fault(raw.strip())
            if fault is not None:
                return None, ("E-PLACEHOLDER-CELL", {"detail": fault})
            return self.figures.cell_text(raw.strip()), None
        name = _QUALIFIER.sub(":", raw.strip())
        entries = self._keys(name)
        if len(entries) == 1:
            return self._printed(entries[0]), None
        if entries:
            forms = [f"{OPEN}{self._unique_form(key)}{CLOSE}" for key in entries]
            return None, ("E-PLACEHOLDER-AMBIGUOUS", {"name": raw, "choices": forms})
        if name in self.derived:
            return self._derived(name)
        for suffix in (CHANGE_SUFFIX, GROWTH_SUFFIX):
            if name.endswith(suffix):
                return self._change(name[: -len(suffix)], growth=suffix == GROWTH_SUFFIX)
        split = year_over_year.split(name)
        if split is not None:
            return self._year_over_year(*split)
        close = difflib.get_close_matches(name, list(dict.fromkeys([*self.index.keys, *self.named])) + list(self.derived), n=3,
                                          cutoff=0.5)
        if close:
            return None, ("E-PLACEHOLDER-MISSPELT",
                          {"name": raw, "similar": [f"{OPEN}{c}{CLOSE}" for c in close]})
        return None, ("E-PLACEHOLDER-UNKNOWN", {"name": raw})

    def reference(self, raw: str) -> tuple[str | None, Reason | None]:
        """The figure reference (:mod:`reportgen.figures`) that ``raw`` names, for a rule that
        compares it; or ``None`` and the reason, as :meth:`resolve` gives it."""
        raw = _free_cell(raw)
        if FREE_REF_SEPARATOR in raw:
            printed, reason = self.resolve(raw)
            return (raw.strip() if reason is None else None), reason
        name = _QUALIFIER.sub(":", raw.strip())
        entries = self._keys(name)
        if len(entries) == 1:
            return entries[0], None
        if name in self.derived:
            return DERIVED_PREFIX + name, None
        if name.endswith((CHANGE_SUFFIX, GROWTH_SUFFIX)) or year_over_year.split(name):
            return None, ("E-RULE-CHANGE", {"name": raw})
        _, reason = self.resolve(raw)
        return None, reason or ("E-PLACEHOLDER-UNKNOWN", {"name": raw})

    def _year_over_year(self, base: str, suffix: str) -> tuple[str | None, Reason | None]:
        """〔名称@上年〕, 〔名称@变化〕, 〔名称@增幅〕 of an indicator or a named figure."""
        entries = self._keys(base)
        if not entries:
            printed, reason = self.resolve(base)
            return None, reason if printed is None else ("E-PLACEHOLDER-DERIVED-PREVIOUS",
                                                         {"name": base})
        if len(entries) > 1:
            forms = [f"{OPEN}{self._unique_form(key)}{year_over_year.SEPARATOR}{suffix}{CLOSE}"
                     for key in entries]
            return None, ("E-PLACEHOLDER-AMBIGUOUS", {"name": base, "choices": forms})
        try:
            return year_over_year.phrase(self._pair(entries[0]), suffix), None
        except year_over_year.NoValue as missing:
            return None, (missing.code, {"name": base})

    def _derived(self, name: str) -> tuple[str | None, Reason | None]:
        spec = self.derived[name]
        quantity: Quantity | None = self.figures.get(DERIVED_PREFIX + name)
        if quantity is None:
            return None, ("E-PLACEHOLDER-NOT-COMPUTABLE", {
                "name": name, "numerator": spec.numerator, "denominator": spec.denominator})
        return format_figure(round_half_up(quantity.value, spec.places), spec.unit), None

    def _change(self, base: str, *, growth: bool) -> tuple[str | None, Reason | None]:
        current, previous = self.values.get(base), self.values.get(PREVIOUS_PREFIX + base)
        if current is None or previous is None:
            return None, ("E-PLACEHOLDER-CHANGE-ROWS",
                          {"name": base, "previous": PREVIOUS_PREFIX + base})
        if not growth:
            return format_figure(current - previous), None
        if previous == 0:
            return None, ("E-PLACEHOLDER-GROWTH-ZERO", {"previous": PREVIOUS_PREFIX + base})
        return format_figure(round_half_up((current - previous) / previous * Decimal(100), 2)), None
