"""The front of a report: cover, 前言, table of contents, and the title over the body.

Read in order, as a small state machine: cover lines (title, the bracketed 学年度 line,
发布单位, date) until 前言; 前言's paragraphs until the table of contents, the title line
repeated over the body, or the first heading; a typed table of contents (and the 表目录, 图目录
and 案例目录 after it) is skipped. What the cover says, its ——subtitle and 编制单位 lines and
the lists it has too, becomes 基本信息; the rest of the document is the body.
"""

from __future__ import annotations

import datetime
import re
from typing import Callable

from attrs import define, field

from reportgen.word.reading.items import Grid, Item, Para
from reportgen.word.reading.items import Guess, Position
from reportgen.word.reading.headings import SUBTITLE_DASHES, one_line

_FOREWORD = frozenset({"前言", "序言", "引言", "序", "卷首语"})
_TOC = frozenset({"目录", "目次"})
_LISTS = {"表目录": "tables", "图目录": "figures", "插图目录": "figures", "案例目录": "cases"}
"""The lists a 2025 report prints after its table of contents, by the kind each lists."""
_YEARS = r"(\d{4})\s*[-－—–~～至到]\s*(\d{4})\s*学年度?"
PERIOD = re.compile(rf"^[（(]?\s*({_YEARS}|(\d{{4}})\s*年度)\s*[）)]?$")
"""The period line: ``（2023-2024学年度）``, ``(2025年度)``."""
_TITLE_WITH_PERIOD = re.compile(rf"^(.+?)\s*[（(]\s*({_YEARS}|\d{{4}}\s*年度)\s*[）)]$")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"^(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
                   r"\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$"
                   r"|^(\d{4})[.．/-](\d{1,2})(?:[.．/-](\d{1,2}))?$")
_ISSUER_PREFIX = re.compile(r"^(?:编制|发布|报送|主办|制作)?单位\s*[:：]\s*")
_COMPILER_PREFIX = re.compile(r"^编制单位\s*[:：]\s*")
_TOC_LINE = re.compile(r"^.{1,60}?(?:[.…·．_\-—]{2,}|\s)\s*\d{1,3}$")
_ISSUERS = ("委员会", "教委", "教育局", "教育厅", "人民政府", "学校", "学院", "中心", "办公室", "教育部")


def norm(text: str) -> str:
    """``text`` without any whitespace."""
    return re.sub(r"[\s\u3000]+", "", text)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # a year written digit by digit: 二〇二四
        return int("".join(str(_CN_DIGITS.get(ch, 0)) for ch in text))
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def parse_date(text: str) -> tuple[datetime.date, bool] | None:
    """The date of a cover line (``2024年12月``, ``二〇二四年十二月``), and whether its day
    was written."""
    match = _DATE.match(norm(text))
    if not match:
        return None
    groups = match.groups()[:3] if match.group(1) else match.groups()[3:]
    year, month = _cn_number(groups[0]), _cn_number(groups[1])
    day = _cn_number(groups[2]) if groups[2] else 1
    try:
        return datetime.date(year, month, day), groups[2] is not None
    except ValueError:
        return None


@define
class Front:
    """What the front of the document says."""

    title: str = ""
    """The report's title; empty when none was found."""
    period: str = ""
    """The period without its brackets (2023-2024学年度)."""
    issuer: str = ""
    """Who publishes the report."""
    date: datetime.date | None = None
    """The cover's date."""
    date_has_day: bool = False
    """The cover wrote the day too (most write only the month)."""
    date_chinese: bool = False
    """The cover wrote the date in Chinese numerals (二〇二四年十二月)."""
    foreword: list[Para] = field(factory=list)
    """前言's paragraphs."""
    foreword_heading: bool = False
    """The document has a 前言 heading."""
    body_start: int = 0
    """The index of the first item of the body."""
    guesses: list[Guess] = field(factory=list)
    """What was guessed or left out, located."""
    title_where: Position | None = None
    """Where the title stands."""
    subtitle: str = ""
    """The line between the title and the period that starts with a dash (——基于…)."""
    compiler: str = ""
    """The cover's 编制单位 line, after the issuer's."""
    lists: set[str] = field(factory=set)
    """The lists after the table of contents: ``tables``, ``figures``, ``cases``."""


def read_front(items: tuple[Item, ...], starts_body: Callable[[Para], bool]) -> Front:
    """Read the front of ``items``; ``starts_body`` tells a heading that opens the body."""
    front = Front()
    state = "cover"
    cover: list[Para] = []
    toc_lines = 0
    toc_where: Position | None = None
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, Grid):
            break
        text = one_line(item.text)
        flat = norm(text)
        if not flat:
            if item.pictures:
                break
            i += 1
            continue
        if flat in _FOREWORD and state in ("cover", "toc"):
            state, front.foreword_heading = "foreword", True
        elif flat in _TOC or (flat in _LISTS and state == "toc"):
            state, toc_where = "toc", toc_where or item.where
            if flat in _LISTS:
                front.lists.add(_LISTS[flat])
        elif state == "toc" and _TOC_LINE.match(text):
            toc_lines += 1
        elif PERIOD.match(text):
            if not front.period:
                front.period = _inner(text)
                previous = front.foreword if state == "foreword" else cover
                if (not front.title and previous
                        and one_line(previous[-1].text).startswith(SUBTITLE_DASHES)):
                    front.subtitle = one_line(previous.pop().text)  # title, subtitle, period
                lines: list[Para] = []
                while (not front.title and previous and _title_like(previous[-1]) and len(lines) < 3
                       and (not lines or previous[-1].size == lines[0].size)):
                    lines.insert(0, previous.pop())  # a title broken over lines
                if lines:
                    front.title = "".join(one_line(p.text) for p in lines)
                    front.title_where = lines[0].where
            state = "cover" if state == "cover" else "titled"
        elif front.title and flat == norm(front.title):
            state = "cover" if state == "cover" else "titled"
        elif _TITLE_WITH_PERIOD.match(text) and not front.title:
            match = _TITLE_WITH_PERIOD.match(text)
            assert match
            front.title, front.period = match.group(1).strip(), _inner(match.group(2))
            front.title_where = item.where
            state = "cover" if state == "cover" else "titled"
        elif starts_body(item) and not _period_follows(items, i):
            break
        elif state == "cover" and (len(text) > 60 or (len(text) > 30 and text.endswith("。"))):
            break
        elif state == "cover":
            cover.append(item)
        elif state == "foreword":
            front.foreword.append(item)
        else:
            break
        i += 1
    front.body_start = i
    _read_cover(cover, front)
    if toc_lines:
        front.guesses.append(Guess.of("I-IMPORT-TOC-TYPED", toc_where or Position(0),
                                      count=toc_lines))
    return front


def _period_follows(items: tuple[Item, ...], i: int) -> bool:
    """True when the next line with text is the period line: ``items[i]`` is the title, even
    if its style makes it look like a heading."""
    for item in items[i + 1:]:
        if isinstance(item, Grid):
            return False
        if one_line(item.text):
            return bool(PERIOD.match(one_line(item.text)))
    return False


def _inner(period: str) -> str:
    """The period without its brackets."""
    return norm(period).strip("（）()")


def _title_like(p: Para) -> bool:
    text = one_line(p.text)
    return 0 < len(text) <= 60 and not text.endswith(("。", "；", "，"))


def _read_cover(cover: list[Para], front: Front) -> None:
    """Title, issuer and date from the cover's lines; other lines are named."""
    rest: list[Para] = []
    for p in cover:
        text = one_line(p.text)
        date = parse_date(text)
        if date is not None and front.date is None:
            front.date, front.date_has_day = date
            front.date_chinese = not norm(text)[:1].isdigit()
        else:
            rest.append(p)
    if not front.title and rest:
        size = max(p.size for p in rest)
        first = next(k for k, p in enumerate(rest) if p.size == size)
        lines = [rest[first]]
        for p in rest[first + 1:]:  # a title broken over lines keeps its size
            if p.size == size and not any(norm(p.text).endswith(s) for s in _ISSUERS):
                lines.append(p)
            else:
                break
        front.title = "".join(one_line(p.text) for p in lines)
        front.title_where = lines[0].where
        rest = [p for p in rest if p not in lines]
    for p in rest:
        text = one_line(p.text)
        if front.issuer and not front.compiler and _COMPILER_PREFIX.match(text):
            front.compiler = _COMPILER_PREFIX.sub("", text)
            continue
        text = _ISSUER_PREFIX.sub("", text)
        if not front.issuer and (norm(text).endswith(_ISSUERS) or p is rest[-1]):
            front.issuer = norm(text) if len(text) < 40 else text
        else:
            front.guesses.append(Guess.of("W-IMPORT-COVER-LINE", p.where, found=text))
