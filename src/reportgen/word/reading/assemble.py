"""A Word report read whole: front matter, body, and 基本信息 worked out from what the cover
and the tables say.

The official tables are recognised with the catalog of the report's year: the year the
cover's 学年度 (or date) names chooses it, and when the tables' own figures column names
another year, the body is read again with that year's catalog.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import docx
from attrs import frozen

from reportgen.catalog import Catalog, TableSpec, catalog_for, earliest, latest
from reportgen.errors import DataError, Problem
from reportgen.model import (
    Block,
    FreeTable,
    IndicatorTable,
    Meta,
    Paragraph,
    Report,
    Settings,
    Section,
    SourceRef,
    Text,
)
from reportgen.word.reading.body import Body, body_size, read_body
from reportgen.word.reading.flow import read_flow
from reportgen.word.reading.items import Para, Picture
from reportgen.word.reading.front import Front, read_front
from reportgen.word.reading.items import Guess, Position
from reportgen.word.reading.headings import candidate, one_line, styled_ranks
from reportgen.word.reading.headings import label_of
from reportgen.word.reading.tables import blank_row


@frozen
class Reading:
    """A Word report as a model, with what had to be guessed."""

    report: Report
    """The report, ready to be written as a workbook."""
    guesses: tuple[Guess, ...]
    """Every guess, in document order."""
    pictures: tuple[tuple[Picture, str], ...]
    """The document's pictures with their captions (``图1 …``), in order."""
    free_tables: tuple[tuple[FreeTable, Position], ...] = ()
    """The free tables (the very objects placed in the report) and where each stands."""


def read_docx(path: Path, catalog: Catalog | None = None) -> Reading:
    """Read the .docx at ``path``. A file python-docx cannot open is a located
    :class:`DataError` (python-docx's own words, English, only in ``--debug``'s traceback)."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged file
        raise DataError([Problem.of("E-DOCX-DAMAGED", SourceRef(path.name, ""))]) from exc
    return read_document(document, catalog)


def read_document(document: object, catalog: Catalog | None = None) -> Reading:
    """Read a python-docx ``Document``, its official tables recognised with ``catalog``, by
    default with the catalog serving the report's year."""
    flow = read_flow(document)
    paragraphs = [i for i in flow.items if isinstance(i, Para)]
    size = body_size(paragraphs)

    def ranks_of(items: list[Para]) -> dict[int, int] | None:
        return styled_ranks([p.outline for p in items if p.outline is not None
                             and one_line(p.text) and label_of(p.text) is None])

    ranks = ranks_of(paragraphs)

    def starts_body(p: Para) -> bool:
        found = candidate(p, styled_ranks=ranks, body_size=size)
        return found is not None and (found.typed or found.fixed_level is not None)

    front = read_front(flow.items, starts_body)
    rest = flow.items[front.body_start:]
    # Levels count from the body's own headings: a title styled as Heading 1 is not a chapter.
    body_ranks = ranks_of([i for i in rest if isinstance(i, Para)])
    chosen = catalog or serving_catalog(cover_year(front))
    body = read_body(rest, chosen, body_ranks, size)
    if catalog is None and body.year is not None and serving_catalog(body.year).year != chosen.year:
        chosen = serving_catalog(body.year)
        body = read_body(rest, chosen, body_ranks, size)
    guesses = list(flow.notes) + front.guesses + body.guesses
    foreword = [Paragraph(Text(one_line(p.text))) for p in front.foreword if one_line(p.text)]
    chapters = _place_outside(body, foreword, guesses, front)
    if not body.indicator_tables:
        body.appendix = True  # six blank tables at the end: the report builds, and shows them
    meta = _meta(front, body, guesses)
    if chosen.year != meta.year:
        guesses.append(Guess.of("I-IMPORT-CATALOG-YEAR", front.title_where or Position(0),
                                year=meta.year, used=chosen.year))
    tables = tuple(body.indicator_tables.get(spec.name) or _blank(spec)
                   for spec in chosen.tables)
    missing = ("W-IMPORT-INDICATOR-TABLE-APPENDIX" if body.appendix
               else "W-IMPORT-INDICATOR-TABLE-MISSING")
    guesses.extend(Guess.of(missing, Position(0), table=spec.name)
                   for spec in chosen.tables if spec.name not in body.indicator_tables)
    report = Report(meta, tuple(foreword), chapters, tables, catalog=chosen)
    guesses.sort(key=lambda g: (g.where.paragraph, g.where.table or 0))
    return Reading(report, tuple(guesses), tuple(body.pictures), tuple(body.free_tables))


def cover_year(front: Front) -> int | None:
    """The report's year as the cover gives it: the last year of its 学年度, else the year of
    its date."""
    period_years = re.findall(r"\d{4}", front.period)
    if period_years:
        return int(period_years[-1])
    return front.date.year if front.date else None


def serving_catalog(year: int | None) -> Catalog:
    """The catalog a report of ``year`` is read with (as :class:`~reportgen.model.Report`
    chooses it): its own, else the latest earlier one; the earliest for a year before every
    catalog; the latest when the year is unknown."""
    if year is None:
        return latest()
    return catalog_for(year) or earliest()


def _blank(spec: TableSpec) -> IndicatorTable:
    """An official table with its rows and no figures."""
    return IndicatorTable(spec, tuple(blank_row(spec, indicator, unit)
                                      for indicator, unit in spec.row_units()))


def _place_outside(body: Body, foreword: list[Paragraph], guesses: list[Guess],
                   front: Front) -> tuple[Section, ...]:
    """Blocks before the first heading: the foreword when there is none and they are all
    paragraphs, otherwise the beginning of the first chapter."""
    chapters = body.chapters
    outside: list[Block] = body.outside
    where = body.outside_where or Position(0)
    if not chapters:
        guesses.append(Guess.of("W-IMPORT-NO-HEADINGS", where))
        return (Section(1, Text("正文"), tuple(outside)),) if outside else ()
    if not outside:
        return chapters
    if not foreword and all(isinstance(b, Paragraph) for b in outside):
        foreword.extend(b for b in outside if isinstance(b, Paragraph))
        guesses.append(Guess.of("W-IMPORT-OUTSIDE-FOREWORD", where, count=len(outside)))
        return chapters
    first = chapters[0]
    guesses.append(Guess.of("W-IMPORT-OUTSIDE-CHAPTER", where, count=len(outside),
                            title=first.title.text))
    return (Section(first.level, first.title, tuple(outside) + first.body, first.children),) \
        + chapters[1:]


_REGION = re.compile(r"^(.{1,12}?(?:区|县|市|州|旗|盟))")
_PROVINCE = re.compile(r"^(?:.{2,3}省|.{2,8}自治区|北京市|天津市|上海市|重庆市)")


def _meta(front: Front, body: Body, guesses: list[Guess]) -> Meta:
    where = front.title_where or Position(0)

    def missing(what: str, row: int) -> None:
        guesses.append(Guess.of("W-IMPORT-META-MISSING", where, item=what, line=row))

    if not front.title:
        missing("报告标题", 5)
    if not front.period:
        missing("学年度（如“（2023-2024学年度）”）", 3)
    if not front.issuer:
        missing("发布单位", 6)
    year = body.year
    if year is None:
        year = cover_year(front) or datetime.date.today().year
        guesses.append(Guess.of("I-IMPORT-YEAR", where, year=year))
    date = front.date
    if date is None:
        date = datetime.date(year, 12, 1)
        guesses.append(Guess.of("W-IMPORT-DATE-MISSING", where, date=date.isoformat()))
    elif not front.date_has_day:
        guesses.append(Guess.of("I-IMPORT-DATE-DAY", where, date=date.isoformat()))
    region = ""
    title_match = _REGION.match(front.title)
    if title_match and not _PROVINCE.fullmatch(title_match.group(1)):
        region = title_match.group(1)
    elif front.issuer:
        stripped = _PROVINCE.sub("", front.issuer)
        match = _REGION.match(stripped)
        region = match.group(1) if match else ""
    if region:
        guesses.append(Guess.of("I-IMPORT-REGION", where, region=region))
    else:
        missing("地区", 2)
    defaults = Settings()
    labels = body.case_labels
    settings = Settings(subtitle=Text(front.subtitle) if front.subtitle else None,
                        compiler=Text(front.compiler) if front.compiler else None,
                        table_list="tables" in front.lists,
                        figure_list="figures" in front.lists, case_list="cases" in front.lists,
                        case_label=max(labels, key=labels.count) if labels else defaults.case_label,
                        chinese_date=front.date_chinese,
                        appendix_title=body.appendix_title or defaults.appendix_title)
    return Meta(region=Text(region), period=Text(front.period), year=year,
                title=Text(front.title), issuer=Text(front.issuer), date=date,
                tables_in_appendix=body.appendix, settings=settings)
