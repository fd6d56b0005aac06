"""A Word report read whole: front matter, body, and 基本信息 worked out from what the cover
and the tables say."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import docx
from attrs import frozen

from reportgen.catalog import Catalog, TableSpec, official
from reportgen.errors import DataError, Problem
from reportgen.model import (
    Block,
    Figure,
    FreeTable,
    IndicatorRow,
    IndicatorTable,
    Meta,
    Paragraph,
    Report,
    Section,
    SourceRef,
    Text,
)
from reportgen.word.reading.body import Body, body_size, read_body
from reportgen.word.reading.container import SAVE_AS_DOCX
from reportgen.word.reading.flow import read_flow
from reportgen.word.reading.items import Para, Picture
from reportgen.word.reading.front import Front, read_front
from reportgen.word.reading.guesses import Guess, Position
from reportgen.word.reading.headings import candidate, one_line, styled_ranks
from reportgen.word.reading.cases import label_of


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
    :class:`DataError`."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged file
        raise DataError([Problem("文件已损坏，无法作为 Word 文档读取", SourceRef(path.name, ""),
                                 found=f"{type(exc).__name__}: {exc}"[:200], hint=SAVE_AS_DOCX,
                                 code="E-DOCX-DAMAGED")]) from exc
    return read_document(document, catalog)


def read_document(document: object, catalog: Catalog | None = None) -> Reading:
    """Read a python-docx ``Document``."""
    catalog = catalog or official()
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
    body = read_body(rest, catalog, body_ranks, size)
    guesses = list(flow.notes) + front.guesses + body.guesses
    foreword = [Paragraph(Text(one_line(p.text))) for p in front.foreword if one_line(p.text)]
    chapters = _place_outside(body, foreword, guesses, front)
    if not body.indicator_tables:
        body.appendix = True  # six blank tables at the end: the report builds, and shows them
    meta = _meta(front, body, guesses)
    tables = tuple(body.indicator_tables.get(spec.name) or _blank(spec)
                   for spec in catalog.tables)
    for spec in catalog.tables:
        if spec.name not in body.indicator_tables:
            placed = "（印在报告末尾的附表中）" if body.appendix else ""
            guesses.append(Guess("W-IMPORT-INDICATOR-TABLE-MISSING",
                                 f"文档中没有找到官方指标表“{spec.name}”，已写入空表{placed}",
                                 Position(0), hint="请在工作簿的同名工作表中填写数值"
                                 + ("" if body.appendix else "，并在“正文”中放置它")))
    report = Report(meta, tuple(foreword), chapters, tables)
    guesses.sort(key=lambda g: (g.where.paragraph, g.where.table or 0))
    return Reading(report, tuple(guesses), tuple(body.pictures), tuple(body.free_tables))


def _blank(spec: TableSpec) -> IndicatorTable:
    """An official table with its rows and no figures."""
    return IndicatorTable(spec, tuple(
        IndicatorRow(indicator, unit, Figure(None), None,
                     survey_count=Figure(None) if spec.survey else None)
        for indicator, unit in spec.row_units()))


def _place_outside(body: Body, foreword: list[Paragraph], guesses: list[Guess],
                   front: Front) -> tuple[Section, ...]:
    """Blocks before the first heading: the foreword when there is none and they are all
    paragraphs, otherwise the beginning of the first chapter."""
    chapters = body.chapters
    outside: list[Block] = body.outside
    where = body.outside_where or Position(0)
    if not chapters:
        guesses.append(Guess("W-IMPORT-NO-HEADINGS", "没有找到任何标题，全部正文放在一个一级标题“正文”下",
                             where, hint="请在工作簿“正文”表中改写标题，并把各章标题的类型改为一级标题"))
        return (Section(1, Text("正文"), tuple(outside)),) if outside else ()
    if not outside:
        return chapters
    if not foreword and all(isinstance(b, Paragraph) for b in outside):
        foreword.extend(b for b in outside if isinstance(b, Paragraph))
        guesses.append(Guess("W-IMPORT-OUTSIDE-CHAPTER",
                             f"第一个标题之前的 {len(outside)} 段文字读作前言", where,
                             hint="如果不是前言，请把它们从“前言”表移到“正文”表中合适的位置"))
        return chapters
    first = chapters[0]
    guesses.append(Guess("W-IMPORT-OUTSIDE-CHAPTER",
                         f"第一个标题之前的 {len(outside)} 项内容放在第一章“{first.title.text}”的开头",
                         where, hint="请在“正文”表中核对它们的位置"))
    return (Section(first.level, first.title, tuple(outside) + first.body, first.children),) \
        + chapters[1:]


_REGION = re.compile(r"^(.{1,12}?(?:区|县|市|州|旗|盟))")
_PROVINCE = re.compile(r"^(?:.{2,3}省|.{2,8}自治区|北京市|天津市|上海市|重庆市)")


def _meta(front: Front, body: Body, guesses: list[Guess]) -> Meta:
    where = front.title_where or Position(0)

    def missing(what: str, row: int) -> None:
        guesses.append(Guess("W-IMPORT-META-MISSING", f"没有找到{what}", where,
                             hint=f"请在工作簿“基本信息”表第 {row} 行填写"))

    if not front.title:
        missing("报告标题", 5)
    if not front.period:
        missing("学年度（如“（2023-2024学年度）”）", 3)
    if not front.issuer:
        missing("发布单位", 6)
    year = body.year
    period_years = re.findall(r"\d{4}", front.period)
    if year is None:
        year = int(period_years[-1]) if period_years else (
            front.date.year if front.date else datetime.date.today().year)
        guesses.append(Guess("I-IMPORT-YEAR", f"报告年份（指标表数值列的表头）取为 {year}", where,
                             hint="请核对“基本信息”表中的报告年份"))
    date = front.date
    if date is None:
        date = datetime.date(year, 12, 1)
        guesses.append(Guess("W-IMPORT-META-MISSING", f"没有找到成文日期，暂填 {date.isoformat()}",
                             where, hint="请在工作簿“基本信息”表第 7 行填写成文日期"))
    elif not front.date_has_day:
        guesses.append(Guess("I-IMPORT-DATE-DAY", f"封面只写了年月，成文日期填为 {date.isoformat()}",
                             where, hint="封面只印年月；如需要，请改为实际的成文日期"))
    region = ""
    title_match = _REGION.match(front.title)
    if title_match and not _PROVINCE.fullmatch(title_match.group(1)):
        region = title_match.group(1)
    elif front.issuer:
        stripped = _PROVINCE.sub("", front.issuer)
        match = _REGION.match(stripped)
        region = match.group(1) if match else ""
    if region:
        guesses.append(Guess("I-IMPORT-REGION", f"地区取为“{region}”", where,
                             hint="地区只写入文件属性；请核对"))
    else:
        missing("地区", 2)
    return Meta(region=Text(region), period=Text(front.period), year=year,
                title=Text(front.title), issuer=Text(front.issuer), date=date,
                tables_in_appendix=body.appendix)
