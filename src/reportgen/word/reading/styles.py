"""What a paragraph looks like once its styles are applied, and Word's list numbers.

Word stores formatting in layers: the run, the run's character style, the paragraph, the
paragraph style and the styles it is based on, the document defaults. The reader only needs
a few properties (outline level, bold, size, centring, border, shading) and looks each up
through those layers. Automatic list numbers (``一、`` typed by Word, not by the clerk) are
counted here and given back as text, so that typed and automatic numbers read alike.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

_FALSE = {"0", "false", "off", "none"}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_NO_COLOUR = {None, "", "auto", "FFFFFF", "ffffff"}


def on(element: Any) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): its value, ``None`` if absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in _FALSE


class Styles:
    """The document's styles, looked up by id with their ``basedOn`` chains."""

    def __init__(self, document: Any):
        root = document.styles.element
        self._by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self.default_paragraph = next(
            (s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))
             if s.get(qn("w:type")) == "paragraph"
             and s.get(qn("w:default")) in ("1", "true", "on")), None)
        self._defaults = root.find(qn("w:docDefaults"))

    def name(self, style_id: str | None) -> str:
        """The style's name (``heading 1``, ``Normal``), or ``""``."""
        style = self._by_id.get(style_id or self.default_paragraph)
        element = style.find(qn("w:name")) if style is not None else None
        return element.get(qn("w:val"), "") if element is not None else ""

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and those it is based on, nearest first."""
        found, seen = [], set()
        current = style_id or self.default_paragraph
        while current and current not in seen and current in self._by_id:
            seen.add(current)
            style = self._by_id[current]
            found.append(style)
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        return found

    def paragraph_property(self, style_id: str | None, tag: str) -> Any:
        """A ``w:pPr`` child from the paragraph style chain, or ``None``."""
        for style in self.chain(style_id):
            ppr = style.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn(tag)) is not None:
                return ppr.find(qn(tag))
        return None

    def run_property(self, style_ids: list[str | None], tag: str) -> Any:
        """A ``w:rPr`` child from the first style (of those given) that sets it, else from the
        document defaults; ``None`` when nothing sets it."""
        for style_id in style_ids:
            if style_id is None:
                continue
            for style in self.chain(style_id):
                rpr = style.find(qn("w:rPr"))
                if rpr is not None and rpr.find(qn(tag)) is not None:
                    return rpr.find(qn(tag))
        if self._defaults is not None:
            rpr = self._defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                return rpr.find(qn(tag))
        return None

    def outline_level(self, style_id: str | None) -> int | None:
        """The outline level (0 = level 1) the style gives its paragraphs, if any: from
        ``w:outlineLvl`` or, failing that, from a heading style's name."""
        element = self.paragraph_property(style_id, "w:outlineLvl")
        if element is not None:
            level = int(element.get(qn("w:val"), "9"))
            return level if level < 9 else None
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            match = _HEADING_NAME.match(name.get(qn("w:val"), "")) if name is not None else None
            if match:
                return int(match.group(1)) - 1
        return None


def visible_border(ppr_border: Any) -> bool:
    """True when a ``w:pBdr`` or ``w:tcBorders`` element draws a line."""
    if ppr_border is None:
        return False
    return any(side.get(qn("w:val"), "nil") not in ("nil", "none") for side in ppr_border)


def shaded(shd: Any) -> bool:
    """True when a ``w:shd`` element fills with a colour."""
    return shd is not None and shd.get(qn("w:fill")) not in _NO_COLOUR


# -- automatic list numbers --

_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99, then plain digits)."""
    if n <= 0 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens <= 1 else _CHINESE_DIGITS[tens]) + ("十" if tens else "")
    return text + (_CHINESE_DIGITS[ones] if ones else "")


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in values:
        while n >= value:
            text, n = text + letters, n - value
    return text


def format_counter(n: int, number_format: str) -> str:
    """A counter in one of Word's number formats."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                         "ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return chinese_number(n)
    if number_format == "upperLetter":
        return _letters(n)
    if number_format == "lowerLetter":
        return _letters(n).lower()
    if number_format == "upperRoman":
        return _roman(n)
    if number_format == "lowerRoman":
        return _roman(n).lower()
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if number_format == "ideographTraditional" and n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if number_format == "decimalFullWidth":
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(n))
    if number_format in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Counts Word's automatic list numbers in document order and writes them as text."""

    def __init__(self, document: Any):
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self._abstract: dict[str, Any] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        if root is not None:
            for abstract in root.findall(qn("w:abstractNum")):
                self._abstract[abstract.get(qn("w:abstractNumId"))] = abstract
            for num in root.findall(qn("w:num")):
                abstract_id = num.find(qn("w:abstractNumId"))
                starts = {}
                for override in num.findall(qn("w:lvlOverride")):
                    start = override.find(qn("w:startOverride"))
                    if start is not None:
                        starts[int(override.get(qn("w:ilvl"), "0"))] = int(start.get(qn("w:val")))
                if abstract_id is not None:
                    self._nums[num.get(qn("w:numId"))] = (abstract_id.get(qn("w:val")), starts)
        self._counters: dict[str, list[int]] = {}
        self._started: set[str] = set()

    def _level(self, abstract_id: str, ilvl: int) -> Any:
        abstract = self._abstract.get(abstract_id)
        if abstract is None:
            return None
        return next((lvl for lvl in abstract.findall(qn("w:lvl"))
                     if int(lvl.get(qn("w:ilvl"), "0")) == ilvl), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list ``num_id`` at level ``ilvl``, as Word would print it
        (``一、``, ``1.2``); ``""`` for bullets and unknown lists."""
        if num_id not in self._nums:
            return ""
        abstract_id, starts = self._nums[num_id]
        level = self._level(abstract_id, ilvl)
        if level is None:
            return ""

        def value(element: Any, tag: str, default: str) -> str:
            child = element.find(qn(tag))
            return child.get(qn("w:val"), default) if child is not None else default

        number_format = value(level, "w:numFmt", "decimal")
        if number_format == "bullet":
            return ""
        counters = self._counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
        if counters[ilvl] == 0:
            counters[ilvl] = int(value(level, "w:start", "1")) - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = value(level, "w:lvlText", "")

        def fill(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = self._level(abstract_id, k)
            fmt = value(other, "w:numFmt", "decimal") if other is not None else "decimal"
            return format_counter(max(counters[k], 1), fmt)

        label = re.sub(r"%(\d)", fill, text)
        return label + ("" if value(level, "w:suff", "tab") == "nothing" else " ")
