"""Read the extracted text of the published 2024 report, to compare produced reports with it.

``data/reference/bishan-2023-2024-report.txt`` is the plain text extracted from the Word file of
the published report of 璧山区 (2023-2024学年度). This module reads it into a few plain records
(:func:`parse_reference`) so that tests can compare the example workbook, or a rendered report,
with what was actually published. It is written for reading the text, independently of
``tools/transcribe_reference.py`` (which built the workbook from the same text): a mistake in one
is caught by the other.

How the extraction looks (see also the README next to the original text):

- the foreword comes first, under the heading `` 前  言``; then the title line and the period line
  ``（2023-2024学年度）``; then the body, chapters 1 to 8;
- paragraphs are lines, usually separated by blank lines (not always: a heading can be followed
  directly by a paragraph, and consecutive paragraph lines occur);
- headings are numbered: ``1.学校概况``, ``7. 发展保障``, `` 1.3.2毕业生规模``, ``2.3“三教”改革``;
- a case is a line ``案例N``, its title on the next non-blank line (案例10's title was wrapped onto
  two lines), then body paragraphs up to the next heading;
- a table is a caption ``表N 名称`` followed by its rows: one line per cell, each starting with a
  tab, rows separated by blank lines; vertically merged cells show up as empty cells;
- the three caption lines at the very end are leftovers of the extraction, not content.

No pytest here: this is a plain module (``from reference_text import parse_reference``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Union

REFERENCE_PATH = Path(__file__).parent / "data" / "reference" / "bishan-2023-2024-report.txt"
"""The copy of the reference text that tests read."""

_WHITESPACE = re.compile(r"[\s\u3000\u00a0]+")


def norm(text: str) -> str:
    """``text`` without any whitespace (spaces, tabs, line breaks, U+3000, U+00A0), for comparing
    texts whose only differences are in spacing and line breaking."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class RefHeading:
    level: int
    """1 for ``1.学校概况``, 2 for ``1.2专业设置``, 3 for ``1.2.1动态调整专业设置``."""
    text: str
    """The heading without its number (``学校概况``)."""


@dataclass(frozen=True)
class RefParagraph:
    text: str


@dataclass(frozen=True)
class RefCase:
    number: int
    title: str
    """The title line as printed (案例10's two lines joined)."""
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class RefTable:
    number: int
    """N of the caption ``表N 名称``."""
    name: str
    """名称 of the caption."""
    rows: tuple[tuple[str, ...], ...]
    """Every printed row, header rows included, as cell texts (stripped); merged-away cells ""."""


RefItem = Union[RefHeading, RefParagraph, RefCase, RefTable]


@dataclass(frozen=True)
class Reference:
    foreword: tuple[str, ...]
    """The paragraphs of the foreword (前言), without its heading."""
    title: str
    """``璧山区中等职业学校年度质量报告``."""
    period: str
    """``（2023-2024学年度）``, brackets included."""
    body: tuple[RefItem, ...]
    """Chapters 1 to 8 in document order."""


# --- recognising lines --------------------------------------------------------------------------

_SUB_HEADING = re.compile(r"(\d\.\d+(?:\.\d+)?)\s*(\D.*)")  # 1.2专业设置, 1.2.1动态…, 2.1 立德树人
_CHAPTER = re.compile(r"(\d)\.\s*(\D.*)")  # 1.学校概况, 7. 发展保障
_CASE_MARK = re.compile(r"案例\s*(\d+)")
_CAPTION = re.compile(r"表\s*(\d+)\s*(\S.*)")
_PERIOD = re.compile(r"（\d{4}-\d{4}学年度）")


def _is_cell(line: str) -> bool:
    """A table cell: a line starting with a tab (a space may come before it)."""
    return line.startswith("\t") or line.startswith(" \t")


def _cell(line: str) -> str:
    return line.strip()


def _as_heading(text: str) -> RefHeading | None:
    if "。" in text or len(text) > 30:
        return None
    m = _SUB_HEADING.fullmatch(text)
    if m:
        return RefHeading(m.group(1).count(".") + 1, m.group(2).strip())
    m = _CHAPTER.fullmatch(text)
    if m:
        return RefHeading(1, m.group(2).strip())
    return None


def _as_caption(text: str) -> tuple[int, str] | None:
    m = _CAPTION.fullmatch(text)
    if not m or len(text) > 30 or "，" in text or "。" in text:
        return None
    return int(m.group(1)), m.group(2).strip()


# --- tables ---------------------------------------------------------------------------------------


def _table_extent(lines: list[str], start: int) -> int:
    """The index just after the table whose first line (after the caption) is ``start``.

    A line without a tab belongs to the table only when a cell line comes within the next three
    lines: that is a cell the extraction broke (表4's 调查 / 人次, 表3's diagonal header)."""
    end = start
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell(line):
            end = i + 1
        elif line.strip() and not any(_is_cell(x) for x in lines[i + 1 : i + 4]):
            break
        i += 1
    return end


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split lines into blank-line separated blocks (a block is a row, with the exceptions below)."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip() or _is_cell(line):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _table_rows(lines: list[str]) -> tuple[tuple[str, ...], ...]:
    blocks = _blocks(lines)
    rows: list[list[str]] = []
    first = blocks[0]
    if len(first) > 1 and _is_cell(first[0]) and not any(_is_cell(x) for x in first[1:]):
        # 表3: a one-cell title row (merged over the whole width) followed by the diagonal header
        # cell, whose two halves (年份人数 above the diagonal, 产业 below it) the extraction printed
        # without tabs and split by a blank line. We read that header cell as one text,
        # 年份人数产业, and the title row as the title cell followed by empty cells.
        rows.append([_cell(first[0])])
        diagonal = "".join(x.strip() for x in first[1:])
        header = blocks[1]
        leading = [x for x in header if not _is_cell(x)]
        k = len(leading)
        assert header[k:] and all(_is_cell(x) for x in header[k:]), header
        rows.append([diagonal + "".join(x.strip() for x in leading)] + [_cell(x) for x in header[k:]])
        blocks = blocks[2:]
    for block in blocks:
        if _is_cell(block[0]):
            rows.append([_cell(x) for x in block])
            continue
        # A block starting without a tab continues the previous row: 表4's header cell 调查人次
        # was split into "\t调查", a blank line and "人次", and its row goes on after it.
        k = 0
        while k < len(block) and not _is_cell(block[k]):
            rows[-1][-1] += block[k].strip()
            k += 1
        rows[-1] += [_cell(x) for x in block[k:]]
    width = max(len(r) for r in rows)
    if len(rows[0]) == 1 and width > 1:
        rows[0] += [""] * (width - 1)
    return tuple(tuple(r) for r in rows)


# --- the whole text ------------------------------------------------------------------------------


def parse_reference(path: str | Path = REFERENCE_PATH) -> Reference:
    """Read the extracted text of the published report."""
    # Lines are kept whole: an empty cell is a line holding just a tab.
    lines = Path(path).read_text(encoding="utf-8").split("\n")

    # The extraction left three captions (表1 …, 表2 …, 表4 …) after the last paragraph.
    while lines and (not lines[-1].strip() or _as_caption(lines[-1].strip())):
        lines.pop()

    period_at = next(i for i, x in enumerate(lines) if _PERIOD.fullmatch(x.strip()))
    title_at = max(i for i in range(period_at) if lines[i].strip())
    foreword_at = next(i for i, x in enumerate(lines) if norm(x) == "前言")
    foreword = tuple(x.strip() for x in lines[foreword_at + 1 : title_at] if x.strip())

    body: list[RefItem] = []
    case: dict | None = None  # the case being read: number, title, paragraphs

    def close_case() -> None:
        nonlocal case
        if case is not None:
            body.append(RefCase(case["number"], case["title"], tuple(case["paragraphs"])))
            case = None

    def next_text(i: int) -> int:
        while i < len(lines) and not lines[i].strip():
            i += 1
        return i

    i = period_at + 1
    while i < len(lines):
        raw = lines[i]
        text = raw.strip()
        if not text and not _is_cell(raw):
            i += 1
            continue
        caption = _as_caption(text)
        if caption is not None:
            end = _table_extent(lines, i + 1)
            close_case()
            body.append(RefTable(caption[0], caption[1], _table_rows(lines[i + 1 : end])))
            i = end
            continue
        if _is_cell(raw):
            raise ValueError(f"line {i + 1}: a table cell without a caption: {raw!r}")
        heading = _as_heading(text)
        if heading is not None:
            close_case()
            body.append(heading)
            i += 1
            continue
        mark = _CASE_MARK.fullmatch(text)
        if mark:
            close_case()
            t = next_text(i + 1)
            title = lines[t].strip()
            after = next_text(t + 1)
            rest = lines[after].strip()
            if len(rest) < 10 and not rest.endswith("。") and _as_heading(rest) is None:
                title += rest  # 案例10: 科创大赛精彩纷呈：璧山区青少年展现科技 / 创新无限潜力
                t = after
            case = {"number": int(mark.group(1)), "title": title, "paragraphs": []}
            i = t + 1
            continue
        if case is not None:
            case["paragraphs"].append(text)
        else:
            body.append(RefParagraph(text))
        i += 1
    close_case()
    return Reference(foreword, lines[title_at].strip(), lines[period_at].strip(), tuple(body))
