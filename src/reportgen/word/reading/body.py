"""The body of a report: headings, paragraphs, cases, tables and pictures, in order.

The flow after the front matter is read item by item into tokens (a heading with its level,
a paragraph, a case, a table); tables take their captions, cases their boxes or the paragraphs
under their label. Then the tokens become the tree of sections the workbook's 正文 describes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Union

from attrs import define, field, frozen

from reportgen.catalog import Catalog
from reportgen.model import Block, Case, FreeTable, IndicatorTable, Paragraph, Section, Text
from reportgen.word.reading.headings import build_case, label_of, label_word
from reportgen.word.reading.items import Grid, Item, Para, Picture
from reportgen.word.reading.items import Guess, Position
from reportgen.word.reading.styles import chinese_number
from reportgen.word.reading.headings import (
    MAX_LEVEL,
    Candidate,
    LevelAssigner,
    candidate,
    emphasised,
    one_line,
    strip_number,
)
from reportgen.word.reading.tables import free_cells, indicator_table, recognise

CAPTION = re.compile(r"^(附表|表)\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?\s*"
                     r"[-－.．:：、]?\s*(\S.*)$")
"""A table's caption: ``表1 名称``, ``附表2：名称``."""
_FIGURE_CAPTION = re.compile(r"^图\s*[0-9０-９]{1,3}")
APPENDIX_TITLES = frozenset({"附表", "附件", "附录"})


@frozen
class Heading:
    """A heading met in the body, before the tree is built."""

    level: int
    """1, 2 or 3."""
    title: str
    """Its text without its number."""
    where: Position
    """Where it stands."""


Token = Union[Heading, Block]


@define
class Body:
    """What the body holds, for the workbook."""

    chapters: tuple[Section, ...] = ()
    """The sections, level 1 at the top."""
    outside: list[Block] = field(factory=list)
    """Blocks before the first heading."""
    outside_where: Position | None = None
    """Where the first of them stands."""
    indicator_tables: dict[str, IndicatorTable] = field(factory=dict)
    """The official tables found, by name."""
    appendix: bool = False
    """The official tables stand together at the end, under 附表 (or 附件)."""
    appendix_title: str = ""
    """The appendix's heading as printed (附表, 附件, 附录), when there is one."""
    case_labels: list[str] = field(factory=list)
    """The word each labelled case is printed with (案例, 典型案例)."""
    year: int | None = None
    """The year heading the official tables' figures column."""
    pictures: list[tuple[Picture, str]] = field(factory=list)
    """Pictures and their captions."""
    free_tables: list[tuple[FreeTable, Position]] = field(factory=list)
    """The free tables and where each stands."""
    guesses: list[Guess] = field(factory=list)
    """What was guessed, located."""


def body_size(paragraphs: list[Para]) -> float:
    """The font size of most of the running text."""
    sizes: Counter[float] = Counter()
    for p in paragraphs:
        sizes[p.size] += len(one_line(p.text))
    return sizes.most_common(1)[0][0] if sizes else 0.0


class _Reader:
    def __init__(self, items: tuple[Item, ...], catalog: Catalog,
                 ranks: dict[int, int] | None, size: float):
        self.items = [i for i in items if isinstance(i, Grid) or one_line(i.text) or i.pictures]
        self.catalog = catalog
        self.ranks, self.size = ranks, size
        self.body = Body()
        self.tokens: list[Token] = []
        self.places: list[Position] = []
        self.levels = LevelAssigner()
        self.case_keys: set[str] = set()
        self.table_count = 0
        self.lists = self._list_items()
        self.lists_said: set[int] = set()

    def cand(self, p: Para) -> Candidate | None:
        if id(p) in self.lists:
            if id(p) not in self.lists_said:
                self.lists_said.add(id(p))
                if not any(id(q) in self.lists_said for q in self._neighbours(p)):
                    self.guess("I-IMPORT-LIST", p.where, one_line(p.text))
            return None
        return candidate(p, styled_ranks=self.ranks, body_size=self.size)

    def _neighbours(self, p: Para) -> list[Para]:
        index = next(k for k, item in enumerate(self.items) if item is p)
        return [q for q in self.items[max(0, index - 1):index] if isinstance(q, Para)]

    def _list_items(self) -> set[int]:
        """Numbered short lines that follow one another with nothing between: a list."""
        found: set[int] = set()
        previous: tuple[Para, Candidate] | None = None
        for item in self.items:
            if not isinstance(item, Para):
                previous = None
                continue
            now = candidate(item, styled_ranks=self.ranks, body_size=self.size)
            if (now is not None and now.typed and previous is not None
                    and previous[1].kind == now.kind and not emphasised(item, self.size)
                    and not emphasised(previous[0], self.size)):
                found.update((id(previous[0]), id(item)))
            previous = (item, now) if now is not None else None
        return found

    def add(self, token: Token, where: Position) -> None:
        self.tokens.append(token)
        self.places.append(where)

    def guess(self, code: str, where: Position, found: str = "", **fields: object) -> None:
        self.body.guesses.append(Guess.of(code, where, found, **fields))

    # -- reading --

    def run(self) -> Body:
        i = 0
        while i < len(self.items):
            i = self.step(i)
        self.build()
        return self.body

    def step(self, i: int) -> int:
        item = self.items[i]
        if isinstance(item, Grid):
            if item.single_cell:
                return self.box(i, [p for p in item.rows[0][0].paragraphs], item.where, i + 1)
            return self.table(i, None)
        text = one_line(item.text)
        if item.pictures:
            self.pictures(i)
            if not text or _FIGURE_CAPTION.match(text):
                return i + 1
        if not text:
            return i + 1
        if label_of(text) is not None:
            return self.labelled_case(i)
        if item.boxed or item.shaded:
            end = i
            while end < len(self.items) and isinstance(self.items[end], Para) and (
                    self.items[end].boxed or self.items[end].shaded):  # type: ignore[union-attr]
                end += 1
            return self.box(i, [p for p in self.items[i:end] if isinstance(p, Para)],
                            item.where, end)
        caption = CAPTION.match(text)
        following = self.items[i + 1] if i + 1 < len(self.items) else None
        if caption and len(text) <= 60 and isinstance(following, Grid) and \
                not following.single_cell and (caption.group(2) or item.centered):
            return self.table(i + 1, item)
        if _FIGURE_CAPTION.match(text) and len(text) <= 60 and self._next_to_picture(i):
            return i + 1
        if norm_title(strip_number(text)) in APPENDIX_TITLES and self._only_tables_follow(i):
            self.body.appendix, self.body.appendix_title = True, norm_title(strip_number(text))
            self.guess("I-IMPORT-APPENDIX", item.where, text, title=text)
            return i + 1
        found = self.cand(item)
        if found is not None:
            self.heading(item, found)
        else:
            self.add(Paragraph(Text(text)), item.where)
        return i + 1

    def heading(self, p: Para, found: Candidate) -> None:
        level = self.levels.level(found)
        text = one_line(p.text)
        if level > MAX_LEVEL:
            self.guess("W-IMPORT-HEADING-TOO-DEEP", p.where, text, level=chinese_number(level))
            self.add(Paragraph(Text(text)), p.where)
            return
        if found.typed:
            self.guess("I-IMPORT-HEADING-NUMBER", p.where, text, heading=_LEVEL_NAMES[level],
                       title=found.title)
        elif found.fixed_level is None:
            self.guess("I-IMPORT-HEADING-FORMAT", p.where, text, heading=_LEVEL_NAMES[level],
                       title=found.title)
        self.add(Heading(level, found.title, p.where), p.where)

    def _next_to_picture(self, i: int) -> bool:
        return any(isinstance(self.items[k], Para) and self.items[k].pictures  # type: ignore[union-attr]
                   for k in (i - 1, i + 1) if 0 <= k < len(self.items))

    def _only_tables_follow(self, i: int) -> bool:
        rest = self.items[i + 1:]
        return any(isinstance(x, Grid) for x in rest) and all(
            isinstance(x, Grid) or CAPTION.match(one_line(x.text)) or not one_line(x.text)
            for x in rest)

    def pictures(self, i: int) -> None:
        p = self.items[i]
        assert isinstance(p, Para)
        caption = ""
        for k in (i + 1, i - 1):
            if 0 <= k < len(self.items) and isinstance(self.items[k], Para):
                text = one_line(self.items[k].text)  # type: ignore[union-attr]
                if _FIGURE_CAPTION.match(text) and len(text) <= 60:
                    caption = text
                    break
        for picture in p.pictures:
            self.body.pictures.append((picture, caption))

    # -- cases --

    def _key(self, number: str) -> str:
        key = str(int(number)) if number.isdigit() else number
        if not key or key in self.case_keys:
            n = 1
            while str(n) in self.case_keys:
                n += 1
            key = str(n)
        self.case_keys.add(key)
        return key

    def box(self, i: int, paragraphs: list[Para], where: Position, end: int,
            label: Para | None = None) -> int:
        filled = [p for p in paragraphs if one_line(p.text)]
        first = label or (filled[0] if filled else None)
        labelled = first is not None and label_of(first.text) is not None
        parts = ([label] if label else []) + filled
        number = label_of(parts[0].text)[0] if labelled else ""  # type: ignore[index]
        if labelled:
            self.body.case_labels.append(label_word(parts[0].text))
        case = build_case(parts, self._key(number), where, self.body.guesses,
                          labelled=labelled, boxed=True) if len(parts) >= 2 else None
        if case is None:
            self.guess("W-IMPORT-BOX-AS-TEXT", where, " ".join(one_line(p.text) for p in filled))
            for p in parts:
                self.add(Paragraph(Text(one_line(p.text))), where)
            return end
        if not labelled:
            self.guess("I-IMPORT-CASE-UNLABELLED", where, case.title.text,
                       title=case.title.text)
        self.add(case, where)
        return end

    def labelled_case(self, i: int) -> int:
        label = self.items[i]
        assert isinstance(label, Para)
        j = i + 1
        following = self.items[j] if j < len(self.items) else None
        if isinstance(following, Grid) and following.single_cell:
            return self.box(i, list(following.rows[0][0].paragraphs), following.where, j + 1,
                            label=label)
        found = label_of(label.text)
        assert found is not None
        self.body.case_labels.append(label_word(label.text))
        taken = [label]
        if not found[1] and j < len(self.items) and isinstance(self.items[j], Para):
            taken.append(self.items[j])  # type: ignore[arg-type]
            j += 1
        while j < len(self.items):
            item = self.items[j]
            if isinstance(item, Grid) or item.boxed or item.shaded or label_of(item.text):
                break
            found_heading = self.cand(item)
            if found_heading is not None and (found_heading.typed or len(taken) > 2
                                              or found_heading.fixed_level is not None):
                break
            if CAPTION.match(one_line(item.text)) and j + 1 < len(self.items) and \
                    isinstance(self.items[j + 1], Grid):
                break
            taken.append(item)
            j += 1
        case = build_case(taken, self._key(found[0]), label.where, self.body.guesses,
                          labelled=True, boxed=False)
        if case is None:
            self.add(Paragraph(Text(one_line(label.text))), label.where)
            return i + 1
        last = taken[-1].where
        self.guess("I-IMPORT-CASE-OPEN", label.where, one_line(label.text),
                   title=case.title.text, paragraph=last.paragraph)
        self.add(case, label.where)
        return j

    # -- tables --

    def table(self, i: int, caption: Para | None) -> int:
        grid = self.items[i]
        assert isinstance(grid, Grid)
        end = i + 1
        if caption is None and end < len(self.items) and isinstance(self.items[end], Para):
            below = one_line(self.items[end].text)  # type: ignore[union-attr]
            match = CAPTION.match(below)
            if match and match.group(2) and len(below) <= 60:
                caption, end = self.items[end], end + 1  # type: ignore[assignment]
        name = ""
        if caption is not None:
            match = CAPTION.match(one_line(caption.text))
            name = match.group(3).strip() if match else one_line(caption.text)
            if match and match.group(1) == "附表":
                self.body.appendix = True
        recognised = recognise(grid, self.catalog)
        if recognised is not None and recognised[0].name not in self.body.indicator_tables:
            spec, share = recognised
            official, year = indicator_table(grid, spec, self.body.guesses)
            self.body.indicator_tables[spec.name] = official
            self.body.year = self.body.year or year
            if share < 1:
                self.guess("I-IMPORT-INDICATOR-PARTIAL", grid.where, name, share=share,
                           table=spec.name)
            self.add(official, grid.where)
            return end
        cells, spans, header_rows = free_cells(grid)
        if not cells:
            self.guess("W-IMPORT-TABLE-EMPTY", grid.where)
            return end
        self.table_count += 1
        if not name:
            name = f"表格{self.table_count}"
            self.guess("W-IMPORT-TABLE-NO-CAPTION", grid.where,
                       " ".join(c.text for c in cells[0] if c.text), name=name)
        table = FreeTable("表-" + name, name, cells, spans, header_rows)
        self.body.free_tables.append((table, grid.where))
        self.add(table, grid.where)
        return end

    # -- the tree --

    def build(self) -> None:
        chapters: list[_Open] = []
        stack: list[_Open] = []
        for token, where in zip(self.tokens, self.places):
            if isinstance(token, Heading):
                level = token.level
                if level - 1 > len(stack):
                    self.guess("W-IMPORT-HEADING-LEVEL", token.where, token.title,
                               title=token.title, heading=_LEVEL_NAMES[len(stack) + 1])
                    level = len(stack) + 1
                section = _Open(level, token.title)
                del stack[level - 1:]
                (stack[-1].children if stack else chapters).append(section)
                stack.append(section)
            elif isinstance(token, IndicatorTable) and self.body.appendix:
                continue
            elif stack:
                stack[-1].body.append(token)
            else:
                self.body.outside.append(token)
                self.body.outside_where = self.body.outside_where or where
        self.body.chapters = tuple(c.freeze() for c in chapters)


_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}


def norm_title(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


class _Open:
    def __init__(self, level: int, title: str):
        self.level, self.title = level, title
        self.body: list[Block] = []
        self.children: list[_Open] = []

    def freeze(self) -> Section:
        return Section(self.level, Text(self.title), tuple(self.body),
                       tuple(c.freeze() for c in self.children))


def read_body(items: tuple[Item, ...], catalog: Catalog, ranks: dict[int, int] | None,
              size: float) -> Body:
    """The body's sections and what stands outside them."""
    return _Reader(items, catalog, ranks, size).run()


__all__ = ["Body", "CAPTION", "Case", "body_size", "read_body"]
