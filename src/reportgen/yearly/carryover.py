"""``reportgen init``: a blank workbook for a year, or this year's workbook from last year's.

A blank workbook holds every sheet, column and official indicator row of the year's catalog,
its values empty (:func:`blank_form`). This year's workbook from last year's
(:func:`carried_form`) moves 基本信息 on one year and carries the outline, the prose, the cases
and the own tables over with 状态 = 上年 (and the settings, pictures, charts, appendix and the
clerk's declared rules — 规则, true year after year — as they were), so that every build names
what is still last year's until the clerk confirms it; last year's figures go to the 上年
column only — this year's value cells start empty, so that no old number can be read as a new
one. The 核对 sheet is not carried: its marks accept last year's findings, not this year's.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

from attrs import frozen

from reportgen.catalog import Catalog, catalog_for, earliest
from reportgen.errors import UsageError
from reportgen.model import Case, Chart, FreeTable, IndicatorTable, Paragraph, Picture, Report
from reportgen.xlsx import load, sheets as names
from reportgen.xlsx.blank import write_form
from reportgen.xlsx.form import CopiedSheet, FigureKey, Form, FormCase, FormFigure, FormNamed, \
    FormRow
from reportgen.xlsx.settings import setting_rows

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
HEADING_KINDS = {level: kind for kind, level in names.HEADING_LEVELS.items()}
"""The 正文 kind (一级标题 …) of a heading of each level."""


@frozen
class Carried:
    """What :func:`carried_form` took over, for the message the clerk reads."""

    paragraphs: int
    """Paragraphs of 前言 and 正文."""
    headings: int
    """Headings of 正文."""
    cases: int
    """Cases."""
    tables: int
    """Own tables."""
    figures: int
    """Last year's figures now in the 上年 column."""
    dropped: tuple[str, ...] = ()
    """Last year's indicator rows this year's catalog no longer has."""
    rules: int = 0
    """Rules of the 规则 sheet (copied as it was)."""


def serving(year: int) -> Catalog:
    """The catalog of ``year``, else of the latest earlier year (``init`` has no workbook of
    that year to read it from); a usage error when ``year`` is before the earliest catalog."""
    chosen = catalog_for(year)
    if chosen is None:
        raise UsageError("U-YEARLY-YEAR-TOO-EARLY", year=year, earliest=earliest().year)
    return chosen


def period_label(year: int) -> str:
    """The 学年度 of a report year: 2024-2025学年度 for 2025."""
    return f"{year - 1}-{year}学年度"


def blank_form(year: int, catalog: Catalog | None = None) -> Form:
    """The blank workbook of ``year``: only 报告年份, 学年度 and the two settings filled."""
    return Form(catalog or serving(year), year, {
        names.META_YEAR: year, names.META_PERIOD: period_label(year),
        names.META_TABLES: names.TABLES_APPENDIX, names.META_PREVIOUS: names.NO,
    })


def shift_years(text: str, old_year: int) -> str:
    """``text`` with last year's report year (and the year before it, in a 学年度) moved on by
    one: 2023-2024学年度 → 2024-2025学年度."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + 1)
                     if int(m.group(1)) in (old_year - 1, old_year) else m.group(1), text)


def carried_form(report: Report, source: Path, catalog: Catalog | None = None
                 ) -> tuple[Form, Carried]:
    """This year's form from last year's ``report`` (read from ``source``), and a summary."""
    old = report.meta
    year = old.year + 1
    catalog = catalog or serving(year)
    meta: dict[str, str | int | datetime.date | None] = {
        names.META_REGION: old.region.text,
        names.META_PERIOD: shift_years(old.period.text, old.year),
        names.META_YEAR: year,
        names.META_TITLE: shift_years(old.title.text, old.year) if str(old.year) in
        old.title.text else old.title.text,
        names.META_ISSUER: old.issuer.text,
        names.META_DATE: None,
        names.META_TABLES: names.TABLES_APPENDIX if old.tables_in_appendix else names.TABLES_INLINE,
        names.META_PREVIOUS: names.YES if old.show_previous else names.NO,
        **dict(setting_rows(old.settings)),
    }
    carried = names.STATUS_CARRIED
    foreword = tuple(FormRow(p.text.text, status=carried) for p in report.foreword)
    body: list[FormRow] = []
    copied: list[CopiedSheet] = []
    for section in report.sections():
        body.append(FormRow(section.title.text, HEADING_KINDS[section.level], carried))
        for block in section.body:
            if isinstance(block, Paragraph):
                body.append(FormRow(block.text.text, names.KIND_PARAGRAPH, carried))
            elif isinstance(block, Case):
                body.append(FormRow(block.key, names.KIND_CASE))
            elif isinstance(block, IndicatorTable):
                if catalog.by_name(block.spec.name) is not None:
                    body.append(FormRow(block.spec.name, names.KIND_TABLE))
            elif isinstance(block, FreeTable):
                body.append(FormRow(block.key, names.KIND_TABLE, carried))
                copied.append(CopiedSheet(source, block.key))
            elif isinstance(block, (Picture, Chart)):
                kind = names.KIND_PICTURE if isinstance(block, Picture) else names.KIND_CHART
                body.append(FormRow(block.name.text, kind, carried))
    for table in report.appendix:  # 附表 rows: the appendix as it was
        if isinstance(table, FreeTable):
            body.append(FormRow(table.key, names.KIND_APPENDIX, carried))
            copied.append(CopiedSheet(source, table.key))
        elif catalog.by_name(table.spec.name) is not None:
            body.append(FormRow(table.spec.name, names.KIND_APPENDIX))
    for figure_type, sheet in ((Picture, names.PICTURES_SHEET), (Chart, names.CHARTS_SHEET)):
        if any(isinstance(f, figure_type) for f in report.figures):
            copied.append(CopiedSheet(source, sheet))  # file names stay relative to the folder
    if report.declared:  # the rules still hold; the 核对 marks (last year's findings) do not
        copied.append(CopiedSheet(source, names.RULES_SHEET))
    cases = tuple(FormCase(c.key, c.title.text, "\n".join(p.text.text for p in c.paragraphs),
                           c.subtitle.text if c.subtitle else "", carried,
                           figures="\n".join(f.name.text for f in c.figures))
                  for c in report.cases)
    figures, dropped = _previous_figures(report, catalog)
    defined = {n.name.text for n in report.named}
    named = tuple(FormNamed(n.name.text, None, n.unit, n.value.value) for n in report.named
                  if not (n.name.text.startswith("上年") and n.name.text[2:] in defined))
    form = Form(catalog, year, meta, foreword, tuple(body), cases, figures, named,
                tuple(copied))
    paragraphs = len(foreword) + sum(row.kind == names.KIND_PARAGRAPH for row in body)
    own_tables = sum(c.sheet.startswith(names.FREE_TABLE_PREFIX) for c in copied)
    headings = sum(row.kind in HEADING_KINDS.values() for row in body)
    summary = Carried(paragraphs, headings, len(cases),
                      own_tables, sum(f.previous is not None for f in figures.values()), dropped,
                      len(report.declared))
    return form, summary


def _previous_figures(report: Report, catalog: Catalog
                      ) -> tuple[dict[FigureKey, FormFigure], tuple[str, ...]]:
    """Last year's figures by this year's indicator rows; the old rows with nowhere to go."""
    old: dict[FigureKey, tuple[str, Decimal]] = {}
    for table in report.indicator_tables:
        for row in table.rows:
            if row.value.value is not None:
                old[(table.spec.id, row.spec.id, row.unit)] = (
                    f"{table.spec.name}“{row.spec.name}”", row.value.value)
    figures: dict[FigureKey, FormFigure] = {}
    for spec in catalog.tables:
        for indicator, unit in spec.row_units():
            key = (spec.id, indicator.id, unit)
            if key in old:
                figures[key] = FormFigure(previous=old.pop(key)[1])
    return figures, tuple(label for label, _ in old.values())


def init_workbook(target: Path, *, year: int | None = None, source: Path | None = None
                  ) -> tuple[Form, Carried | None]:
    """Write the new workbook at ``target``: blank for ``year``, or carried over from the
    workbook at ``source``. Raises :class:`UsageError` for a refused call and
    :class:`~reportgen.errors.DataError` when last year's workbook has errors."""
    if target.suffix.lower() != ".xlsx":
        raise UsageError("U-INIT-SUFFIX", path=target)
    if target.exists():
        raise UsageError("U-INIT-EXISTS", path=target)
    if source is None:
        form = blank_form(year if year is not None else datetime.date.today().year)
        write_form(form, target)
        return form, None
    report = load(source)
    if year is not None and year != report.meta.year + 1:
        raise UsageError("U-INIT-YEAR", file=source.name, year=report.meta.year,
                         next_year=report.meta.year + 1, wanted=year)
    form, summary = carried_form(report, source)
    write_form(form, target)
    return form, summary


__all__ = ["Carried", "blank_form", "carried_form", "init_workbook", "period_label", "serving",
           "shift_years"]
