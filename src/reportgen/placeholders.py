"""Placeholders: the prose names a figure and the library writes it, as the table prints it.

A clerk types ``毕业生〔毕业生人数〕人`` in a paragraph; the report reads ``毕业生1234人``. The
brackets are the full-width 〔 and 〕 (U+3014/U+3015, as in 文号), which Chinese input methods
type and which never occur in a number. Substitution is plain text replacement — the text is
never evaluated as a template.

- A name is an indicator's name as printed, with or without its ``*`` (〔毕业生人数〕,
  〔毕业生人数*〕); when two tables use the name, the table comes first (〔教学资源表:国家级数量*〕,
  ``:`` or ``：``); a two-unit indicator takes its unit in brackets (〔教学计划内课程总数（学时）〕).
- A name the workbook defines in its 数据 sheet (〔2023年毕业生人数〕).
- A derived figure of the report's catalog (〔毕业生升学率〕, 〔计算生师比〕), and for any
  name ``X`` whose previous year the 数据 sheet gives as ``上年X``: 〔X较上年增减〕 and 〔X较上年增幅〕.
- Year over year (:mod:`reportgen.year_over_year`): any of these names followed by ``@上年``,
  ``@变化`` or ``@增幅`` (〔毕业生人数@变化〕 → 增加12人) when the figure has last year's value.
- A cell of a free table, written as the rules write it: 〔表-专业设置一览!合计@小计〕 (the sheet,
  ``!``, the label in the row's first cell, ``@``, the column's header) prints as the cell shows.
  A ``!`` (or ``！``) always means a free-table cell, so 〔表-X!合计@上年〕 is the cell of the column
  headed 上年, never a year-over-year phrase; a name without ``!`` is never a free-table cell.
- ``〔〔`` and ``〕〕`` write a literal bracket; a bracket holding only digits (〔2020〕 in a 文号)
  is kept as written.

- A cross-reference names a table, a figure or a case and prints its number as the report
  counts it: 〔表:人才培养质量计分卡〕 → 表1 (附表1 in the appendix), 〔表:表-专业设置〕 or
  〔表:专业设置〕 → 表3, 〔图:实训基地〕 → 图2, 〔案例:3〕 (the 案例 sheet's 编号) → 案例5.
  The numbers come from the layout (:func:`reportgen.layout.lay_out`); here, without them,
  a reference is checked to name something the report prints.

An unknown or ambiguous name, or a reference to nothing, is an error located at the
paragraph's cell. The names themselves are indexed in :mod:`reportgen.placeholder_names`.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

import attrs

from reportgen.figures import FREE_REF_SEPARATOR
from reportgen.errors import Problem
from reportgen.model import Case, Chart, Paragraph, Report, Section, Text
from reportgen.placeholder_names import (CHANGE_SUFFIX, CLOSE, GROWTH_SUFFIX, OPEN,
                                         PREVIOUS_PREFIX, Names, Reason, References)

__all__ = ["CHANGE_SUFFIX", "CLOSE", "GROWTH_SUFFIX", "OPEN", "PREVIOUS_PREFIX", "REFERENCE",
           "REFERENCE_KINDS", "Names", "Reason", "References", "figure_value", "printed_names",
           "substitute", "substitute_text"]

_TOKEN = re.compile(r"〔〔|〕〕|〔([^〔〕\n]*)〕")
_LITERAL_CONTENT = re.compile(r"\d*")
REFERENCE = re.compile(r"^(表|图|案例)[:：]\s*(.*?)\s*$")
"""A cross-reference's content: the kind (表, 图, 案例) and the name."""
REFERENCE_KINDS = {"表": "表格", "图": "图片或图表", "案例": "案例"}
"""What each kind of reference names, in the clerk's words."""


def figure_value(text: str, names: Names) -> tuple[Decimal | None, Reason | None]:
    """The number a chart's 数值 cell names: a number, a placeholder name (with or without
    its brackets: 〔毕业生人数〕, 上年毕业生人数) or a free table's cell (表-名称!行@列).
    ``None`` and the reason when it names nothing; ``None`` alone for an empty figure."""
    raw = text.strip()
    if raw.startswith(OPEN) and raw.endswith(CLOSE):
        raw = raw[1:-1].strip()
    try:
        return Decimal(raw.replace(",", "")), None
    except InvalidOperation:
        pass
    if FREE_REF_SEPARATOR in raw:
        if raw.partition(FREE_REF_SEPARATOR)[0] not in names.figures.free:
            return None, ("E-CHART-VALUE", {"name": raw})
        found = names.figures.get(raw)
        if found is None:
            return None, ("E-CHART-VALUE", {"name": raw})
        return found.value, None
    printed, reason = names.resolve(raw)
    if printed is None:
        return None, reason
    if not printed:
        return None, None
    try:
        return Decimal(printed.removesuffix(":1").replace(",", "")), None
    except InvalidOperation:  # words, not a number: 〔名称@变化〕 prints 增加12人
        return None, ("E-CHART-VALUE", {"name": raw})


def _check_chart(chart: Chart, names: Names, problems: list[Problem]) -> None:
    """A located problem for each value of ``chart`` that names no figure."""
    for point in chart.points:
        _, reason = figure_value(point.value.text, names)
        if reason is not None:
            code, fields = reason
            if code == "E-CHART-VALUE":
                problems.append(Problem.of(code, point.value.source, found=point.value.text,
                                           chart=chart.name.text, **fields))
            else:
                token = f"{OPEN}{point.value.text.strip().strip(OPEN + CLOSE)}{CLOSE}"
                problems.append(Problem.of(code, point.value.source, found=point.value.text,
                                           rule="placeholders.unknown_name", token=token,
                                           **fields))


def substitute_text(text: Text, names: Names, problems: list[Problem]) -> Text:
    """``text`` with every placeholder replaced; unknown names are recorded in ``problems``."""
    if OPEN not in text.text and CLOSE not in text.text:
        return text

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == OPEN * 2:
            return OPEN
        if token == CLOSE * 2:
            return CLOSE
        content = match.group(1)
        if _LITERAL_CONTENT.fullmatch(content):
            return token
        reference = REFERENCE.match(content)
        if reference is not None:
            return _reference(reference.group(1), reference.group(2), token, text, names,
                              problems)
        printed, reason = names.resolve(content)
        if printed is None:
            assert reason is not None
            code, fields = reason
            problems.append(Problem.of(code, text.source, found=token,
                                       rule="placeholders.unknown_name", token=token, **fields))
            return token
        return printed

    return attrs.evolve(text, text=_TOKEN.sub(replace, text.text))


def _reference(kind: str, name: str, token: str, text: Text, names: Names,
               problems: list[Problem]) -> str:
    """What the cross-reference ``token`` prints; a located problem when it names nothing."""
    resolve = names.references or _nothing
    printed = resolve(kind, name)
    if printed is not None:
        return printed
    known = names.known.get(kind, [])
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
    fields: dict[str, Any] = {"token": token, "kind": REFERENCE_KINDS[kind], "name": name}
    if close:
        fields["similar"] = [f"{OPEN}{kind}:{c}{CLOSE}" for c in close]
    problems.append(Problem.of("E-REF-MISSPELT" if close else "E-REF-UNKNOWN", text.source,
                               found=token, **fields))
    return token


def _nothing(kind: str, name: str) -> str | None:
    return None


def _same(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    """True when ``new`` holds the very objects of ``old``."""
    return all(a is b for a, b in zip(new, old))


def printed_names(report: Report) -> dict[str, list[str]]:
    """By kind of reference, every name the report prints something under: tables by sheet
    name and by title, figures by name, cases by their 编号."""
    tables: list[Any] = list(report.tables) + list(report.appendix)
    if report.meta.tables_in_appendix:
        tables += [t for t in report.indicator_tables if t not in tables]
    table_names = [n for t in tables for n in dict.fromkeys(_table_names(t))]
    return {"表": table_names, "案例": [c.key for c in report.cases],
            "图": [f.name.text for f in report.figures]}


def _table_names(table: Any) -> Iterable[str]:
    yield getattr(table, "key", None) or table.title
    yield table.title


def substitute(report: Report, references: References | None = None
               ) -> tuple[Report, list[Problem]]:
    """The report with every placeholder of its prose replaced, and the problems found.

    Cross-references print what ``references`` gives (the layout's numbers); without it they
    are only checked to name something the report prints, and print their kind (表, 图, 案例)
    without a number.
    """
    names = Names.of(report)
    known = printed_names(report)
    names.known = known
    names.references = references if references is not None else (
        lambda kind, name: kind if name in known[kind] else None)
    problems: list[Problem] = []

    def paragraph(p: Paragraph) -> Paragraph:
        text = substitute_text(p.text, names, problems)
        return p if text is p.text else attrs.evolve(p, text=text)

    def case(c: Case) -> Case:  # a part without placeholders stays the very same object
        title = substitute_text(c.title, names, problems)
        subtitle = substitute_text(c.subtitle, names, problems) if c.subtitle else None
        paragraphs = tuple(paragraph(p) for p in c.paragraphs)
        if title is c.title and subtitle is c.subtitle and _same(paragraphs, c.paragraphs):
            return c
        return attrs.evolve(c, title=title, subtitle=subtitle, paragraphs=paragraphs)

    def section(s: Section) -> Section:
        body = tuple(paragraph(b) if isinstance(b, Paragraph) else case(b)
                     if isinstance(b, Case) else b for b in s.body)
        title = substitute_text(s.title, names, problems)
        children = tuple(section(c) for c in s.children)
        if title is s.title and _same(body, s.body) and _same(children, s.children):
            return s
        return attrs.evolve(s, title=title, body=body, children=children)

    report = attrs.evolve(report, foreword=tuple(paragraph(p) for p in report.foreword),
                          chapters=tuple(section(c) for c in report.chapters))
    for figure in report.figures:
        if isinstance(figure, Chart):
            _check_chart(figure, names, problems)
    return report, problems
