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
paragraph's cell.
"""

from __future__ import annotations

import copy
import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable

import attrs

from reportgen import year_over_year
from reportgen.figures import (COLUMN_SEPARATOR, DERIVED_PREFIX, FREE_REF_SEPARATOR, NAMED_PREFIX,
                               Figures, Quantity)
from reportgen.errors import Problem
from reportgen.model import Case, Chart, Paragraph, Report, Section, Text
from reportgen.numbers import format_figure, round_half_up

OPEN, CLOSE = "〔", "〕"
"""The placeholder brackets (U+3014, U+3015)."""
_TOKEN = re.compile(r"〔〔|〕〕|〔([^〔〕\n]*)〕")
_LITERAL_CONTENT = re.compile(r"\d*")
_QUALIFIER = re.compile(r"[:：]")
CHANGE_SUFFIX = "较上年增减"
"""〔X较上年增减〕: X minus 上年X."""
GROWTH_SUFFIX = "较上年增幅"
"""〔X较上年增幅〕: (X − 上年X) ÷ 上年X × 100, two decimals."""
PREVIOUS_PREFIX = "上年"
"""The 数据 sheet names last year's X as 上年X."""

REFERENCE = re.compile(r"^(表|图|案例)[:：]\s*(.*?)\s*$")
"""A cross-reference's content: the kind (表, 图, 案例) and the name."""
References = Callable[[str, str], "str | None"]
"""Resolves a cross-reference (kind, name) to what it prints, or ``None`` when the report
prints nothing of that kind and name."""
REFERENCE_KINDS = {"表": "表格", "图": "图片或图表", "案例": "案例"}
"""What each kind of reference names, in the clerk's words."""

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


class Names:
    """Every name a placeholder may use, resolved to the figure's printed text."""

    def __init__(self, report: Report):
        self.known: dict[str, list[str]] = {}
        """By kind of cross-reference, the names the report prints something under."""
        self.references: References | None = None
        """Resolves cross-references; ``None`` prints nothing for them."""
        self.figures = Figures(report)
        self.exact: dict[str, list[tuple[str, str]]] = {}  # name → [(printed, key)]
        self.pairs: dict[str, year_over_year.Pair] = {}  # key → this year's and last year's
        self.forms: dict[str, list[str]] = {}  # key → its names, most natural first
        for table in report.indicator_tables:
            parent = ""
            seen: set[str] = set()
            for row in table.rows:
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
                printed = format_figure(row.value.value, row.unit)
                for form in forms + qualified + ids:
                    self._add(form, printed, key)
                self.pairs[key] = year_over_year.Pair(
                    row.value.value, row.previous.value if row.previous else None, row.unit)
        for named in report.named:
            key = f"{NAMED_PREFIX}{named.name.text}"
            self._add(named.name.text, format_figure(named.value.value, named.unit), key)
        self.values = {n.name.text: n.value.value for n in report.named}
        for named in report.named:
            previous = named.previous.value if named.previous else None
            if previous is None:
                previous = self.values.get(PREVIOUS_PREFIX + named.name.text)
            self.pairs[f"{NAMED_PREFIX}{named.name.text}"] = year_over_year.Pair(
                named.value.value, previous, named.unit)
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

    def _add(self, name: str, printed: str, key: str) -> None:
        entries = self.exact.setdefault(name, [])
        if all(existing != key for _, existing in entries):
            entries.append((printed, key))
        self.forms.setdefault(key, []).append(name)

    def _unique_form(self, key: str) -> str:
        """The first name of ``key`` that names nothing else."""
        return next((f for f in self.forms[key] if len(self.exact[f]) == 1), key)

    def resolve(self, raw: str) -> tuple[str | None, Reason | None]:
        """The printed figure for ``raw``, or ``None`` and the reason (a code and its data)."""
        raw = _free_cell(raw)
        if FREE_REF_SEPARATOR in raw:
            fault = self.figures.free_cell_fault(raw.strip())
            if fault is not None:
                return None, ("E-PLACEHOLDER-CELL", {"detail": fault})
            return self.figures.cell_text(raw.strip()), None
        name = _QUALIFIER.sub(":", raw.strip())
        entries = self.exact.get(name)
        if entries is not None and len(entries) == 1:
            return entries[0][0], None
        if entries:
            forms = [f"{OPEN}{self._unique_form(key)}{CLOSE}" for _, key in entries]
            return None, ("E-PLACEHOLDER-AMBIGUOUS", {"name": raw, "choices": forms})
        if name in self.derived:
            return self._derived(name)
        for suffix in (CHANGE_SUFFIX, GROWTH_SUFFIX):
            if name.endswith(suffix):
                return self._change(name[: -len(suffix)], growth=suffix == GROWTH_SUFFIX)
        split = year_over_year.split(name)
        if split is not None:
            return self._year_over_year(*split)
        close = difflib.get_close_matches(name, list(self.exact) + list(self.derived), n=3,
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
        entries = self.exact.get(name)
        if entries is not None and len(entries) == 1:
            return entries[0][1], None
        if name in self.derived:
            return DERIVED_PREFIX + name, None
        if name.endswith((CHANGE_SUFFIX, GROWTH_SUFFIX)) or year_over_year.split(name):
            return None, ("E-RULE-CHANGE", {"name": raw})
        _, reason = self.resolve(raw)
        return None, reason or ("E-PLACEHOLDER-UNKNOWN", {"name": raw})

    def _year_over_year(self, base: str, suffix: str) -> tuple[str | None, Reason | None]:
        """〔名称@上年〕, 〔名称@变化〕, 〔名称@增幅〕 of an indicator or a named figure."""
        entries = self.exact.get(base)
        if not entries:
            printed, reason = self.resolve(base)
            return None, reason if printed is None else ("E-PLACEHOLDER-DERIVED-PREVIOUS",
                                                         {"name": base})
        if len(entries) > 1:
            forms = [f"{OPEN}{self._unique_form(key)}{year_over_year.SEPARATOR}{suffix}{CLOSE}"
                     for _, key in entries]
            return None, ("E-PLACEHOLDER-AMBIGUOUS", {"name": base, "choices": forms})
        try:
            return year_over_year.phrase(self.pairs[entries[0][1]], suffix), None
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
        return attrs.evolve(p, text=substitute_text(p.text, names, problems))

    def section(s: Section) -> Section:
        body = []
        for block in s.body:
            if isinstance(block, Paragraph):
                block = paragraph(block)
            elif isinstance(block, Case):
                block = attrs.evolve(
                    block, title=substitute_text(block.title, names, problems),
                    subtitle=substitute_text(block.subtitle, names, problems)
                    if block.subtitle else None,
                    paragraphs=tuple(paragraph(p) for p in block.paragraphs))
            body.append(block)
        return attrs.evolve(s, title=substitute_text(s.title, names, problems), body=tuple(body),
                            children=tuple(section(c) for c in s.children))

    report = attrs.evolve(report, foreword=tuple(paragraph(p) for p in report.foreword),
                          chapters=tuple(section(c) for c in report.chapters))
    for figure in report.figures:
        if isinstance(figure, Chart):
            _check_chart(figure, names, problems)
    return report, problems
