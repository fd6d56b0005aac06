"""A rule set is validated against the catalog it belongs to when it loads.

Rules name figures by reference (:mod:`reportgen.figures`); a reference the catalog lacks
would silently find nothing. :func:`load_rules` checks every operand once, before any rule
runs, and raises :class:`RuleSetError` naming each unknown reference and the rule that holds
it. The package's rule sets are kept by the catalog year they were written for
(:data:`reportgen.checks.rules.RULE_SETS`); a catalog is checked with the set of its own
year, or of the latest earlier year that has one, validated against that catalog.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from typing import Iterable

from attrs import frozen

from reportgen.catalog import Catalog, ColumnKind, serving_year
from reportgen.checks.rates import TEXT_PREFIX, DefinitionError, parse_definition
from reportgen.checks.rule import Kind, Rule
from reportgen.checks.rules import RULE_SETS
from reportgen.figures import COLUMN_SEPARATOR, DERIVED_PREFIX, FREE_REF_SEPARATOR

_FIGURE_KINDS = (Kind.SUM, Kind.NOT_EXCEEDING, Kind.SAME, Kind.RATIO, Kind.TEXT,
                 Kind.WEIGHTED_MEAN)
"""Kinds whose operands each name one figure (a TEXT rule: its first operand)."""
_PATTERN_KINDS = (Kind.RANGE, Kind.FRACTION)
"""Kinds whose operands are patterns over the indicators (``*.*.%``)."""
_FREE_TABLE_KINDS = (Kind.FREE_SUM, Kind.FREE_SUBTOTAL, Kind.FREE_SHARE)
"""Kinds whose operands are patterns over free tables' sheet names (``表-*``)."""


class RuleSetError(ValueError):
    """A rule set names figures its catalog does not have (or is otherwise malformed): a
    fault of the rules, found when they load, never of a clerk's workbook."""


@frozen
class RuleSet:
    """Rules checked against the catalog they run with."""

    catalog: Catalog
    """The catalog every operand was found in."""
    rules: tuple[Rule, ...]
    """The rules, in the order findings are listed."""


def rules_for(catalog: Catalog) -> RuleSet:
    """The package's rule set for a report read against ``catalog``, validated (once per
    catalog object: catalogs and the package's rules do not change)."""
    kept = _validated.get(id(catalog))
    if kept is not None and kept.catalog is catalog:
        return kept
    year = serving_year(RULE_SETS, catalog.year)
    if year is None:
        raise RuleSetError(f"no rule set serves the catalog of {catalog.year} "
                           f"(rule sets: {', '.join(map(str, sorted(RULE_SETS)))})")
    rule_set = load_rules(catalog, RULE_SETS[year])
    _validated[id(catalog)] = rule_set  # the rule set holds the catalog: its id stays unique
    return rule_set


_validated: dict[int, RuleSet] = {}


def load_rules(catalog: Catalog, rules: Iterable[Rule]) -> RuleSet:
    """``rules`` checked against ``catalog``; :class:`RuleSetError` lists every fault."""
    rules = tuple(rules)
    faults = [f"duplicate rule id {rule_id}"
              for rule_id, n in Counter(r.id for r in rules).items() if n > 1]
    text_rules = {r.id for r in rules if r.kind in (Kind.TEXT, Kind.TEXT_TERM)}
    for rule in rules:
        faults.extend(f"rule {rule.id}: {fault}"
                      for fault in _operand_faults(rule, catalog, text_rules))
    if faults:
        raise RuleSetError(f"rule set for the catalog of {catalog.year}: " + "; ".join(faults))
    return RuleSet(catalog, rules)


def _operand_faults(rule: Rule, catalog: Catalog, text_rules: set[str]) -> list[str]:
    if rule.kind in _FIGURE_KINDS:
        operands = rule.operands[:1] if rule.kind is Kind.TEXT else rule.operands
        if not operands:
            return ["names no figure"]
        faults = [fault for ref in operands if (fault := figure_fault(ref, catalog))]
        if rule.kind is Kind.WEIGHTED_MEAN:
            faults += [fault for ref in operands
                       if (fault := _column_fault(f"{ref}{COLUMN_SEPARATOR}{rule.weight}", catalog))]
        return faults
    if rule.kind in _PATTERN_KINDS:
        return [f"pattern {p} matches no indicator" for p in rule.operands
                if not matching(p, catalog)]
    if rule.kind is Kind.SURVEY_BASE:
        return [fault for operand in rule.operands if (fault := _column_fault(operand, catalog))]
    if rule.kind is Kind.TEXT_RATE:
        return _rate_faults(rule, text_rules, catalog)
    if rule.kind is Kind.TEXT_TERM and not rule.patterns:
        return ["has no pattern"]
    if rule.kind in _FREE_TABLE_KINDS:
        return [] if rule.operands else ["names no free table"]
    return []


def _rate_faults(rule: Rule, text_rules: set[str], catalog: Catalog) -> list[str]:
    """A rate rule names a text rule and at least one definition over text rules."""
    if len(rule.operands) < 2:
        return ["names no definition"]
    faults, named = [], [rule.operands[0]]
    for definition in rule.operands[1:]:
        try:
            named += parse_definition(definition).rule_ids
        except DefinitionError as exc:
            faults.append(str(exc))
    unknown = [ref for ref in dict.fromkeys(named)
               if ref.startswith(TEXT_PREFIX) and ref not in text_rules]
    if unknown:
        faults.append(f"names unknown text rule(s) {', '.join(unknown)}")
    faults += [fault for ref in dict.fromkeys(named) if not ref.startswith(TEXT_PREFIX)
               and (fault := figure_fault(ref, catalog))]
    return faults


def figure_fault(ref: str, catalog: Catalog) -> str | None:
    """Why ``ref`` names no figure of ``catalog`` (``None`` when it does). A free table's
    cell cannot be checked against the catalog: only its form is."""
    if ref.startswith(DERIVED_PREFIX):
        name = ref[len(DERIVED_PREFIX):]
        return None if catalog.derived_figure(name) else f"unknown derived figure {ref}"
    if FREE_REF_SEPARATOR in ref:
        _, _, cell = ref.partition(FREE_REF_SEPARATOR)
        label, _, column = cell.partition(COLUMN_SEPARATOR)
        return None if label and column else f"free-table cell {ref} lacks its row or column"
    return None if catalog.indicator(ref) is not None else f"unknown indicator {ref}"


def matching(pattern: str, catalog: Catalog) -> list[str]:
    """The indicator references of ``catalog`` that ``pattern`` matches, as
    :meth:`reportgen.figures.Figures.expand` matches them (``*.*`` indicators, ``*.*.%``
    rows in a unit)."""
    depth = pattern.count(".")
    return [ref for ref in catalog.references()
            if ref.count(".") == depth and fnmatch.fnmatchcase(ref, pattern)]


def _column_fault(operand: str, catalog: Catalog) -> str | None:
    """``pattern@column``: the pattern matches indicators, and each of their tables has
    ``column`` as a figure column."""
    pattern, _, column = operand.partition(COLUMN_SEPARATOR)
    refs = matching(pattern, catalog)
    if not refs:
        return f"pattern {pattern} matches no indicator"
    lacking = sorted({ref.partition(".")[0] for ref in refs if not _has_figure_column(
        catalog, ref.partition(".")[0], column)})
    if lacking:
        return f"column {column!r} is not a figure column of {', '.join(lacking)}"
    return None


def _has_figure_column(catalog: Catalog, table_id: str, column: str) -> bool:
    spec = catalog.by_id(table_id).column(column)
    return spec is not None and spec.kind is ColumnKind.FIGURE
