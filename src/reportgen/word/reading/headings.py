"""Which paragraphs open something: headings (and at which level), and cases.

**Headings.** The evidence, strongest first: Word's heading styles and outline levels; numbers
typed at the start of a short line (``1.`` / ``1.1`` / ``1.1.1``, ``一、`` / ``（一）`` / ``1.`` /
``（1）``, ``第一章``); a short line set apart by bold or a larger size. Typed numbers say little
about the level by themselves (``1.`` is a chapter in one report and a third level in another):
each kind of number gets the level at which it first appears under the kinds already open, the
way a reader works it out. Numbers are stripped from the heading's text; reportgen numbers
again.

**Cases** (案例): a label (``案例3``, ``典型案例3``, possibly with the title on the same line), a
title, an optional subtitle and its body. In a box (a one-cell table, a text box, or a run of
framed or shaded paragraphs) the box says where it ends; a case typed in the running text
ends at the next heading, case, table or box.
"""

from __future__ import annotations

import re
from typing import Hashable

from attrs import frozen

from reportgen.model import Case, Paragraph, Text
from reportgen.word.reading.items import Guess, Para, Position

MAX_LEVEL = 3
"""The deepest heading a report has (1.1.1)."""
MAX_HEADING_CHARS = 40
"""A longer line is a paragraph, whatever its number."""
_SENTENCE_END = tuple("。；;，,、：:！？!?")

_CN = "一二三四五六七八九十"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("1.1.1", re.compile(r"^\d{1,2}[.．]\d{1,2}[.．]\d{1,2}(?![.．]?\d)[.．、]?\s*")),
    ("1.1", re.compile(r"^\d{1,2}[.．]\d{1,2}(?![.．]?\d)[.．、]?\s*(?![%％万亿元])")),
    ("1.", re.compile(r"^\d{1,2}(?:[.．](?!\d)|、)\s*")),
    ("一、", re.compile(rf"^[{_CN}]{{1,3}}\s*[、.．]\s*")),
    ("（一）", re.compile(rf"^[（(]\s*[{_CN}]{{1,3}}\s*[）)]\s*[、.．]?\s*")),
    ("（1）", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*[、.．]?\s*")),
    ("1）", re.compile(r"^\d{1,2}[）)]\s*")),
    ("①", re.compile(r"^[\u2460-\u2473]\s*")),
    ("第一章", re.compile(rf"^第\s*[{_CN}\d]{{1,3}}\s*[章部篇]\s*[、.．:：]?\s*")),
    ("第一节", re.compile(rf"^第\s*[{_CN}\d]{{1,3}}\s*节\s*[、.．:：]?\s*")),
)
"""Kinds of typed numbers, and how to strip each from the start of a line."""


def marker(text: str) -> tuple[str, str] | None:
    """The kind of number a line starts with and the rest of the line, if it has one."""
    stripped = text.strip()
    for kind, pattern in _MARKERS:
        match = pattern.match(stripped)
        if match and stripped[match.end():].strip():
            return kind, stripped[match.end():].strip()
    return None


def strip_number(text: str) -> str:
    """A heading's text without its typed number."""
    found = marker(text)
    return found[1] if found else text.strip()


def one_line(text: str) -> str:
    """A paragraph's text with line breaks removed and its edges trimmed (a space kept
    between two Latin words the break separated)."""
    parts = [part.strip() for part in text.split("\n") if part.strip()]
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        latin = joined[-1].isascii() and joined[-1].isalnum() and part[0].isascii() \
            and part[0].isalnum()
        joined += (" " if latin else "") + part
    return joined


def short_line(text: str) -> bool:
    """Short enough for a heading, and not ending like a sentence."""
    flat = one_line(text)
    return 0 < len(flat) <= MAX_HEADING_CHARS and not flat.endswith(_SENTENCE_END)


@frozen
class Candidate:
    """A paragraph that may be a heading, and why."""

    kind: Hashable
    """What makes it one: ``("style", rank)``, ``("number", "1.1")`` or ``("format", look)``;
    headings of one kind share a level."""
    title: str
    """Its text without the number."""
    fixed_level: int | None = None
    """The level its style gives it, if any."""
    typed: bool = False
    """Its number was typed (or counted by Word's list numbering) rather than styled."""


def emphasised(p: Para, body_size: float) -> bool:
    """Bold, or larger than the running text."""
    return p.bold or (p.size > body_size + 0.4 and body_size > 0)


def candidate(p: Para, *, styled_ranks: dict[int, int] | None, body_size: float) -> Candidate | None:
    """What ``p`` would be as a heading, or ``None`` when it reads as running text.

    ``styled_ranks`` maps the outline levels the document's headings use to levels 1, 2, 3…
    (``None`` when the document does not use heading styles).
    """
    text = one_line(p.text)
    if not text:
        return None
    found = marker(text)
    if styled_ranks is not None and p.outline is not None and p.outline in styled_ranks:
        return Candidate(("style", styled_ranks[p.outline]), strip_number(text),
                         fixed_level=styled_ranks[p.outline], typed=False)
    if found is not None and short_line(found[1]):
        if styled_ranks is not None and not emphasised(p, body_size):
            return None  # in a styled document, a plain numbered line is a list item
        return Candidate(("number", found[0]), found[1], typed=True)
    if found is None and short_line(text) and emphasised(p, body_size) and len(text) <= 30:
        if styled_ranks is not None:
            return None
        return Candidate(("format", p.bold, round(p.size), p.centered), text)
    return None


def styled_ranks(outlines: list[int]) -> dict[int, int] | None:
    """Levels for the outline levels the document's headings use: the highest used becomes
    level 1 (a report that keeps Heading 1 for its title starts at Heading 2). ``None`` when
    fewer than two paragraphs use heading styles."""
    if len(outlines) < 2:
        return None
    return {outline: rank for rank, outline in enumerate(sorted(set(outlines)), 1)}


class LevelAssigner:
    """Levels for candidates met in document order: a kind keeps the level at which it first
    appeared, under the kinds open at that moment."""

    def __init__(self) -> None:
        self._levels: dict[Hashable, int] = {}
        self._open: list[Hashable] = []

    def level(self, found: Candidate) -> int:
        """The candidate's level (possibly deeper than :data:`MAX_LEVEL`)."""
        if found.fixed_level is not None:
            level = found.fixed_level
        elif found.kind in self._levels:
            level = self._levels[found.kind]
        else:
            level = len(self._open) + 1
            self._levels[found.kind] = level
        self._open = self._open[:level - 1] + [found.kind]
        while len(self._open) < level:  # a styled level below an unopened one
            self._open.insert(len(self._open) - 1, ("gap", len(self._open)))
        return level


# -- cases --


LABEL = re.compile(r"^(?:典型)?案例\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})"
                   r"(?:\s*[:：、.．\-—]+\s*|\s+|$)(.*)$")
"""``案例3``, ``典型案例3``, ``案例3：标题``."""
SUBTITLE_DASHES = ("——", "—", "--", "－－")
"""How a subtitle line starts (——基于…), on the cover or under a case title."""


def label_word(text: str) -> str:
    """The word a case label is printed with (``典型案例3`` → ``典型案例``), for 案例标签."""
    return "典型案例" if one_line(text).startswith("典型案例") else "案例"


def label_of(text: str) -> tuple[str, str] | None:
    """The case number and the rest of the line, when ``text`` is a case label."""
    match = LABEL.match(one_line(text))
    if not match or len(one_line(text)) > 80:
        return None
    return match.group(1), match.group(2).strip()


def _short(p: Para) -> bool:
    text = one_line(p.text)
    return 0 < len(text) <= MAX_HEADING_CHARS + 20 and not text.endswith(("。", "；", "，"))


def _styled_subtitle(p: Para) -> bool:
    return "subtitle" in p.style.lower() or "副标题" in p.style


def _subtitle_like(p: Para, title: Para | None) -> bool:
    """A second title line: a subtitle style, a dash, or centred like the title."""
    text = one_line(p.text)
    if not _short(p):
        return False
    if _styled_subtitle(p) or text.startswith(SUBTITLE_DASHES):
        return True
    return title is not None and p.centered and title.centered and p.size <= title.size


def build_case(paragraphs: list[Para], key: str, where: Position, guesses: list[Guess], *,
               labelled: bool, boxed: bool) -> Case | None:
    """The case these paragraphs hold (label first when ``labelled``); ``None`` when there is
    no body to speak of."""
    paras = [p for p in paragraphs if one_line(p.text)]
    if not paras:
        return None
    title_text = ""
    if labelled:
        found = label_of(paras[0].text)
        title_text = found[1] if found else ""
        paras = paras[1:]
    title_para: Para | None = None
    if not title_text:
        if not paras or not _short(paras[0]):
            if boxed and paras:
                guesses.append(Guess.of("W-IMPORT-CASE-TITLE", where, found=paras[0].text))
                title_text = one_line(paras[0].text)[:30]
            else:
                return None
        else:
            title_para, paras = paras[0], paras[1:]
            title_text = one_line(title_para.text)
    subtitle = None
    if paras and len(paras) > 1 and _subtitle_like(paras[0], title_para):
        subtitle = Text(one_line(paras[0].text))
        if not _styled_subtitle(paras[0]):
            guesses.append(Guess.of("I-IMPORT-CASE-SUBTITLE", paras[0].where,
                                    found=paras[0].text, title=title_text))
        paras = paras[1:]
    if not paras:
        return None
    body = tuple(Paragraph(Text(one_line(p.text))) for p in paras)
    return Case(key, Text(title_text), subtitle, body)
