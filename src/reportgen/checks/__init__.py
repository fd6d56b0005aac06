"""Figures that agree with each other: small named rules over the model, findings as Problems.

``check_report(report)`` runs every rule of the catalogue (:mod:`reportgen.checks.rules`) and
the rules the clerk declared in the workbook (:mod:`reportgen.checks.declared`), and returns
their findings, each located in both places it involves. It never raises and never reads a
file: the pipeline runs it before every build and ``reportgen check`` prints it. Findings the
clerk marked as checked in the 核对 sheet are kept, marked (:mod:`reportgen.checks.declared`
too).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from reportgen.checks.declared import apply_marks, check_declared, finding_id
from reportgen.checks.evaluate import EVALUATORS
from reportgen.checks.grids import free_subtotal, free_sum
from reportgen.checks.rates import check_text_rate
from reportgen.checks.rule import Kind, Rule
from reportgen.checks.rules import RULES
from reportgen.checks.ruleset import RuleSet, RuleSetError, load_rules, rules_for
from reportgen.checks.text import TextFact, check_text, check_text_part, text_facts
from reportgen.checks.totals import check_text_total
from reportgen.errors import Problem, Severity
from reportgen.figures import Figures
from reportgen.model import Report

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_FIGURES: dict[Kind, Callable[[Rule, Figures], Iterator[Problem]]] = {
    **EVALUATORS, Kind.FREE_SUM: free_sum, Kind.FREE_SUBTOTAL: free_subtotal}


def check_report(report: Report, rules: RuleSet | Iterable[Rule] | None = None) -> list[Problem]:
    """Every finding of ``rules`` and of the workbook's declared rules on ``report``: errors
    first, then warnings, then notes; those the workbook's 核对 sheet marks are marked.

    Without ``rules``, the package's rule set for the report's catalog runs; rules given
    as a sequence are first validated against that catalog (:class:`RuleSetError` naming
    every reference it lacks).
    """
    if rules is None:
        rule_set = rules_for(report.catalog)
    elif isinstance(rules, RuleSet):
        rule_set = rules
    else:
        rule_set = load_rules(report.catalog, rules)
    figures = Figures(report)
    facts = text_facts(report, rule_set.rules)
    by_rule: dict[int, list[TextFact]] = {}  # each text rule reads only its own facts
    for fact in facts:
        by_rule.setdefault(id(fact.rule), []).append(fact)
    found: list[Problem] = []
    for rule in rule_set.rules:
        if rule.kind is Kind.TEXT:
            found.extend(check_text(rule, by_rule.get(id(rule), []), figures))
        elif rule.kind is Kind.TEXT_RATE:
            found.extend(check_text_rate(rule, facts, figures))
        elif rule.kind is Kind.TEXT_PART:
            found.extend(check_text_part(rule, report))
        elif rule.kind is Kind.TEXT_TOTAL:
            found.extend(check_text_total(rule, report))
        elif rule.kind is not Kind.TEXT_TERM:
            found.extend(_FIGURES[rule.kind](rule, figures))
    found.extend(check_declared(report, figures))
    return sorted(apply_marks(found, report.marks), key=lambda p: _ORDER[p.severity])


__all__ = ["RULES", "Rule", "RuleSet", "RuleSetError", "check_report", "finding_id",
           "load_rules", "rules_for"]
