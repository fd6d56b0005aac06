"""Cases (案例) in a Word report: boxes, and blocks that open with 案例N.

A case is a label (``案例3``, ``典型案例3``, possibly with the title on the same line), a
title, an optional subtitle and its body. In a box (a one-cell table, a text box, or a run of
framed or shaded paragraphs) the box says where it ends; a case typed in the running text
ends at the next heading, case, table or box.
"""

from __future__ import annotations

import re

from reportgen.model import Case, Paragraph, Text
from reportgen.word.reading.items import Para
from reportgen.word.reading.guesses import Guess, Position
from reportgen.word.reading.headings import MAX_HEADING_CHARS, one_line

LABEL = re.compile(r"^(?:典型)?案例\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})"
                   r"(?:\s*[:：、.．\-—]+\s*|\s+|$)(.*)$")
"""``案例3``, ``典型案例3``, ``案例3：标题``."""
_SUBTITLE_DASHES = ("——", "—", "--", "－－")


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
    if _styled_subtitle(p) or text.startswith(_SUBTITLE_DASHES):
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
