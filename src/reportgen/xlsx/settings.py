"""What 基本信息 decides beyond the cover's text: the catalog of its 报告年份, and its optional
rows (labels, heading numbering, cover lines, appendix, lists).

The catalog: a workbook is read against the one of its 报告年份, or an explicit one. A year
without a catalog of its own is read with the latest earlier catalog, and the clerk is told so
(a note at the 报告年份 cell); a year before the earliest catalog is an error at that cell. A
catalog asked for explicitly (``reportgen.load(..., catalog_year=2024)``) must exist.

The optional rows: each may be left out or empty; the report then follows the 2024
conventions. A value outside its choices is one located error naming the choices.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from reportgen.catalog import Catalog, catalog_for, earliest, latest, load_catalog, years
from reportgen.errors import Problems, UsageError
from reportgen.model import Settings, SourceRef, Text
from reportgen.xlsx.cells import AnyCell, CellReader
from reportgen.xlsx.sheets import (
    DATE_ARABIC,
    DATE_CHINESE,
    HEADINGS_ARABIC,
    HEADINGS_CHINESE,
    META_APPENDIX_TITLE,
    META_CASE_LABEL,
    META_CASE_LIST,
    META_COMPILER,
    META_DATE_STYLE,
    META_FIGURE_LIST,
    META_HEADINGS,
    META_SUBTITLE,
    META_TABLE_LIST,
    NO,
    YES,
)


YEAR_KEY = "报告年份"


def explicit_catalog(year: int) -> Catalog:
    """The catalog of exactly ``year``; a usage error naming the years there are if none."""
    try:
        return load_catalog(year)
    except KeyError:
        raise UsageError("U-CATALOG-YEAR", year=year,
                         years="、".join(f"{y} 年" for y in years())) from None


def catalog_of_year(year: int | None, where: SourceRef | None, problems: Problems) -> Catalog:
    """The catalog that serves a workbook whose 报告年份 is ``year`` (read at ``where``).

    When the year could not be read (its problem is already recorded) the latest catalog is
    used, and when it is too early the earliest, so that the rest of the workbook is still
    checked and every problem reported in one run.
    """
    if year is None:
        return latest()
    chosen = catalog_for(year)
    if chosen is None:
        first = earliest()
        problems.add("E-CATALOG-YEAR-TOO-EARLY", where, found=year, earliest=first.year)
        return first
    if chosen.year != year:
        problems.add("I-CATALOG-EARLIER-YEAR", where, year=year, used=chosen.year)
    return chosen


LABEL_LIMIT = 10
"""The longest case label or appendix title, in characters."""
_SLASHES = str.maketrans({"／": "/", "、": "、", " ": "", "\u3000": ""})


def quoted(choices: Iterable[str]) -> list[str]:
    """The choices as an E-META-CHOICE names them: each in quotes (“是”、“否”)."""
    return [f"“{choice}”" for choice in choices]


def read_choice(cells: Mapping[str, AnyCell], key: str, choices: Mapping[str, bool],
                default: bool, reader: CellReader, problems: Problems) -> bool:
    """What the 基本信息 row ``key`` chooses among ``choices`` (spaces and full-width
    slashes aside); ``default`` when the row is absent or empty, or (with E-META-CHOICE)
    when it chooses none of them."""
    value = reader.text(cells[key]) if key in cells else None
    if value is None:
        return default
    typed = value.text.strip().translate(_SLASHES)
    for option, meaning in choices.items():
        if typed == option.translate(_SLASHES):
            return meaning
    problems.add("E-META-CHOICE", reader.ref(cells[key]), found=value.text, item=key,
                 choices=quoted(choices))
    return default


def read_settings(cells: Mapping[str, AnyCell], reader: CellReader,
                  problems: Problems) -> Settings:
    """The settings the rows in ``cells`` (by 项目) give, defaults for the others."""
    defaults = Settings()

    def text(key: str) -> Text | None:
        return reader.text(cells[key]) if key in cells else None

    def choice(key: str, choices: dict[str, bool], default: bool) -> bool:
        return read_choice(cells, key, choices, default, reader, problems)

    def label(key: str, default: str) -> str:
        value = text(key)
        if value is None:
            return default
        word = value.text.strip()
        if len(word) > LABEL_LIMIT or any(ch.isdigit() for ch in word) or "\n" in word:
            problems.add("E-META-LABEL", reader.ref(cells[key]), found=value.text, item=key,
                         limit=LABEL_LIMIT)
            return default
        return word

    yes_no = {YES: True, NO: False}
    return Settings(
        case_label=label(META_CASE_LABEL, defaults.case_label),
        chinese_headings=choice(META_HEADINGS, {HEADINGS_ARABIC: False, HEADINGS_CHINESE: True},
                                defaults.chinese_headings),
        subtitle=text(META_SUBTITLE),
        compiler=text(META_COMPILER),
        chinese_date=choice(META_DATE_STYLE, {DATE_ARABIC: False, DATE_CHINESE: True},
                            defaults.chinese_date),
        appendix_title=label(META_APPENDIX_TITLE, defaults.appendix_title),
        table_list=choice(META_TABLE_LIST, yes_no, defaults.table_list),
        figure_list=choice(META_FIGURE_LIST, yes_no, defaults.figure_list),
        case_list=choice(META_CASE_LIST, yes_no, defaults.case_list),
    )


def setting_rows(settings: Settings) -> list[tuple[str, str]]:
    """The 基本信息 rows (项目, 内容) that give ``settings``: those differing from the
    defaults, so that :func:`read_settings` reads ``settings`` back."""
    defaults = Settings()
    rows: list[tuple[str, str]] = []

    def choose(key: str, value: bool, default: bool, when_true: str, when_false: str) -> None:
        if value != default:
            rows.append((key, when_true if value else when_false))

    if settings.case_label != defaults.case_label:
        rows.append((META_CASE_LABEL, settings.case_label))
    choose(META_HEADINGS, settings.chinese_headings, defaults.chinese_headings,
           HEADINGS_CHINESE, HEADINGS_ARABIC)
    if settings.subtitle is not None:
        rows.append((META_SUBTITLE, settings.subtitle.text))
    if settings.compiler is not None:
        rows.append((META_COMPILER, settings.compiler.text))
    choose(META_DATE_STYLE, settings.chinese_date, defaults.chinese_date, DATE_CHINESE,
           DATE_ARABIC)
    if settings.appendix_title != defaults.appendix_title:
        rows.append((META_APPENDIX_TITLE, settings.appendix_title))
    choose(META_TABLE_LIST, settings.table_list, defaults.table_list, YES, NO)
    choose(META_FIGURE_LIST, settings.figure_list, defaults.figure_list, YES, NO)
    choose(META_CASE_LIST, settings.case_list, defaults.case_list, YES, NO)
    return rows


SETTING_CHOICES = {
    META_HEADINGS: (HEADINGS_ARABIC, HEADINGS_CHINESE),
    META_DATE_STYLE: (DATE_ARABIC, DATE_CHINESE),
    META_TABLE_LIST: (YES, NO),
    META_FIGURE_LIST: (YES, NO),
    META_CASE_LIST: (YES, NO),
}
"""The optional rows with fixed choices: the drop-down lists of a blank form."""
