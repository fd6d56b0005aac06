"""How the layout numbers and labels what it prints: configuration, with the 2024 report's
conventions as defaults.

Headings print ``1.`` / ``1.1`` / ``1.1.1`` by default; the official-document style
``一、`` / ``（一）`` / ``1.`` is the same mechanism with other data (:data:`CHINESE_HEADINGS`).
A heading format names the counters of the heading's path by level: ``{1}`` is the chapter's
number, ``{2}`` the section's within its chapter; ``{2:zh}`` writes it in Chinese numerals
(二). Labels name their counter ``{n}`` (``案例{n}`` → 案例3).
"""

from __future__ import annotations

import re
from typing import Any

from attrs import field, frozen

from reportgen.model import Settings

_COUNTER = re.compile(r"\{(\d)(?::(zh))?\}")
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """``n`` in Chinese numerals as headings print it: 1 一, 10 十, 12 十二, 20 二十,
    105 一百零五. Numbers from 1000 on stay in Arabic digits (no report has that many)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += f"{_DIGITS[tens]}十" if hundreds or tens > 1 else "十"
    elif hundreds and units:
        text += "零"
    return text + (_DIGITS[units] if units else "")


def chinese_digits(n: int) -> str:
    """``n`` digit by digit in Chinese, as a year is written: 2025 二〇二五."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))


def _check_heading_formats(instance: Any, attribute: Any, formats: tuple[str, ...]) -> None:
    if not formats:
        raise ValueError("heading numbering needs at least one level's format")
    for level, pattern in enumerate(formats, 1):
        for match in _COUNTER.finditer(pattern):
            if not 1 <= int(match.group(1)) <= level:
                raise ValueError(f"level {level} format {pattern!r} names counter "
                                 f"{match.group(1)}, which a level-{level} heading lacks")


@frozen
class HeadingNumbering:
    """The numbers printed before headings, level by level."""

    formats: tuple[str, ...] = field(default=("{1}.", "{1}.{2}", "{1}.{2}.{3}"),
                                     validator=_check_heading_formats)
    """One format per level (chapter first); ``{k}`` is the counter at level ``k`` of the
    heading's path, ``{k:zh}`` the same in Chinese numerals."""
    separator: str = " "
    """What stands between the number and the title (``1. 学校概况``; none after ``一、``)."""

    def number(self, path: tuple[int, ...]) -> str:
        """The number of the heading at ``path`` (its counter at each level, from 1).

        A level deeper than the formats joins the counters with dots."""
        if len(path) > len(self.formats):
            return ".".join(str(n) for n in path)

        def counter(match: re.Match[str]) -> str:
            value = path[int(match.group(1)) - 1]
            return chinese_numeral(value) if match.group(2) else str(value)

        return _COUNTER.sub(counter, self.formats[len(path) - 1])


ARABIC_HEADINGS = HeadingNumbering()
"""``1.`` / ``1.1`` / ``1.1.1`` — the 2024 report's numbering."""
CHINESE_HEADINGS = HeadingNumbering(("{1:zh}、", "（{2:zh}）", "{3}."), separator="")
"""``一、`` / ``（一）`` / ``1.`` — the numbering of official documents (GB/T 9704)."""


def _has_counter(instance: Any, attribute: Any, value: str) -> None:
    if "{n}" not in value:
        raise ValueError(f"{attribute.name} {value!r} must contain {{n}}, the counter")


@frozen
class LayoutConfig:
    """Numbering styles and labels of a report; the defaults print the 2024 report."""

    headings: HeadingNumbering = ARABIC_HEADINGS
    """How headings are numbered."""
    case_label: str = field(default="案例{n}", validator=_has_counter)
    """The label of a case box, ``{n}`` counting the cases through the report."""
    table_label: str = field(default="表{n}", validator=_has_counter)
    """The label in a table's caption, ``{n}`` counting the tables of the text."""
    caption: str = "{label} {title}"
    """A table's caption from its label and its name (``表3 毕业生服务三次产业情况``)."""
    figure_label: str = field(default="图{n}", validator=_has_counter)
    """The label in a picture's or chart's caption, ``{n}`` counting them through the report."""
    appendix_title: str = "附表"
    """The heading of the appendix that gathers the indicator tables when the workbook asks."""
    appendix_table_label: str = field(default="附表{n}", validator=_has_counter)
    """The label of a table in the appendix, ``{n}`` counting from 1 again."""
    cover_month: str = "{year}年{month}月"
    """The month printed on the cover, from the report's date (成文日期)."""
    chinese_date: bool = False
    """Write the cover's year and month in Chinese numerals (二〇二五年十二月)."""
    lists: tuple[str, ...] = ()
    """The lists printed after the table of contents: ``tables`` (表目录), ``figures`` (图目录),
    ``cases`` (案例目录); one that would list nothing is left out."""

    @classmethod
    def of(cls, settings: Settings) -> LayoutConfig:
        """The configuration a workbook's 基本信息 settings ask for."""
        return cls(headings=CHINESE_HEADINGS if settings.chinese_headings else ARABIC_HEADINGS,
                   case_label=settings.case_label + "{n}",
                   appendix_title=settings.appendix_title,
                   chinese_date=settings.chinese_date,
                   lists=tuple(kind for kind, wanted in (("tables", settings.table_list),
                                                         ("figures", settings.figure_list),
                                                         ("cases", settings.case_list))
                               if wanted))

    def month(self, year: int, month: int) -> str:
        """The cover's month (2024年12月, or 二〇二四年十二月 with :attr:`chinese_date`)."""
        if self.chinese_date:
            return self.cover_month.replace("{year}", chinese_digits(year)).replace(
                "{month}", chinese_numeral(month))
        return self.cover_month.replace("{year}", str(year)).replace("{month}", str(month))

    def label(self, pattern: str, n: int) -> str:
        """``pattern`` with its counter set to ``n``."""
        return pattern.replace("{n}", str(n))

    def table_caption(self, label: str, title: str) -> str:
        """A table's caption line."""
        return self.caption.replace("{label}", label).replace("{title}", title)
