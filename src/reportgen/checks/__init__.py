"""Figures that agree with each other: small named rules over the model, findings as Problems.

``check_report(report)`` runs every rule of the catalogue (:mod:`reportgen.checks.rules`) and
returns its findings, each located in both places it involves. It never raises and never
reads a file: the pipeline runs it before every build and ``reportgen check`` prints it.
"""

from __future__ import annotations

from typing import Iterable

from reportgen.checks.evaluate import EVALUATORS
from reportgen.checks.rules import RULES, Kind, Rule
from reportgen.checks.ruleset import RuleSet, RuleSetError, load_rules, rules_for
from reportgen.checks.text import check_text, check_text_part, check_text_rate, text_facts
from reportgen.errors import Problem, Severity
from reportgen.figures import Figures
from reportgen.model import Report

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check_report(report: Report, rules: RuleSet | Iterable[Rule] | None = None) -> list[Problem]:
    """Every finding of ``rules`` on ``report``: errors first, then warnings, then notes.

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
    found: list[Problem] = []
    for rule in rule_set.rules:
        if rule.kind is Kind.TEXT:
            found.extend(check_text(rule, facts, figures))
        elif rule.kind is Kind.TEXT_RATE:
            found.extend(check_text_rate(rule, facts))
        elif rule.kind is Kind.TEXT_PART:
            found.extend(check_text_part(rule, report))
        else:
            found.extend(EVALUATORS[rule.kind](rule, figures))
    return sorted(found, key=lambda p: _ORDER[p.severity])


__all__ = ["RULES", "Rule", "RuleSet", "RuleSetError", "check_report", "load_rules",
           "rules_for"]
