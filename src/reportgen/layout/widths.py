"""Column widths from what the cells say, measured with the fonts' real advance widths.

A cell's text is measured as Word sets it: Chinese characters (and full-width or ambiguous
punctuation, which Word takes from the East Asian font) one em each, digits and Latin letters
by Times New Roman's advance widths (:mod:`reportgen.layout.fontwidths`, read from the font
files). Each column then has two widths:

- its *natural* width: its widest line set on one line;
- its *minimum*: its widest unit that must not break — a number or Latin word, or a Chinese
  term (a run between spaces and punctuation of at most :data:`TERM_EMS` ems, such as
  电子与信息大类 or 城市轨道交通运营服务); a longer run is prose and may wrap.

:func:`fit_columns` shares the text block's width out: in proportion to preferred widths
(Excel's column widths, the catalog's) when there are some, else as a browser lays out an
automatic table (natural widths when they fit, minimums plus a share of the rest when they do
not); in both cases no column is narrower than its minimum when the minimums fit at all.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

from attrs import frozen

from reportgen.layout.fontwidths import BOLD, REGULAR

POINT_MM = 25.4 / 72
"""One point in millimetres."""
TERM_EMS = 12.0
"""The longest run of text (in ems) taken as one term that must not wrap."""
PROSE_MIN_EMS = 4.0
"""The narrowest a column of prose may become, in ems."""
_RUN = re.compile(r"[^\s，。、；：！？（）《》“”]+[，。、；：！？）》”]?")
"""A run between spaces and Chinese punctuation, with the punctuation that closes it (which
may not start a line). ASCII punctuation stays inside runs: 16.29:1, 1,234."""
_LATIN_RUN = re.compile(r"[\x21-\x7e·–‘’°±×÷€]+")


def char_width(ch: str, *, bold: bool = False) -> float:
    """The advance of ``ch`` in ems."""
    table = BOLD if bold else REGULAR
    if ch in table:
        return table[ch]
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    return 0.5


def text_ems(text: str, *, bold: bool = False) -> float:
    """How wide ``text`` is set on one line, in ems."""
    return sum(char_width(ch, bold=bold) for ch in text)


def hard_ems(line: str, *, bold: bool = False) -> float:
    """The widest unit of ``line`` that may never break: a number or Latin word, or one
    character."""
    widest = max((text_ems(m.group(0), bold=bold) for m in _LATIN_RUN.finditer(line)),
                 default=0.0)
    return max(widest, max((char_width(ch, bold=bold) for ch in line), default=0.0))


def unbreakable_ems(line: str, *, bold: bool = False) -> float:
    """The widest unit of ``line`` that must stay on one line, in ems: a term (a run between
    spaces and punctuation no wider than :data:`TERM_EMS`, its closing punctuation included),
    or within longer prose its widest number or Latin word."""
    widest = 0.0
    for match in _RUN.finditer(line):
        run = match.group(0)
        width = text_ems(run, bold=bold)
        if width <= TERM_EMS:
            widest = max(widest, width)
        else:
            latin = max((text_ems(m.group(0), bold=bold) for m in _LATIN_RUN.finditer(run)),
                        default=0.0)
            widest = max(widest, latin, min(width, PROSE_MIN_EMS))
    return widest


@frozen
class ColumnNeeds:
    """What one column's cells need, in millimetres (cell margins included)."""

    minimum: float
    """Its widest unbreakable unit."""
    natural: float
    """Its widest line on one line."""
    hard: float = 0.0
    """Its widest number or Latin word (or character): what it needs even when its terms
    must wrap because the table cannot hold them all."""


def column_needs(texts: Iterable[str], *, size_pt: float, padding_mm: float,
                 bold: bool = False) -> ColumnNeeds:
    """The needs of a column holding ``texts`` (each may hold line breaks) set in
    ``size_pt``, with ``padding_mm`` of cell margins."""
    em = size_pt * POINT_MM
    minimum = natural = hard = 0.0
    for text in texts:
        for line in text.split("\n"):
            line_natural, line_minimum, line_hard = _line_ems(line, bold)
            natural = max(natural, line_natural)
            minimum = max(minimum, line_minimum)
            hard = max(hard, line_hard)
    return ColumnNeeds(minimum * em + padding_mm, natural * em + padding_mm, hard * em + padding_mm)


@lru_cache(maxsize=8192)
def _line_ems(line: str, bold: bool) -> tuple[float, float, float]:
    """A line's natural, unbreakable and hard widths in ems, measured once per process (the
    indicator tables of every report repeat the same names and units)."""
    return (text_ems(line, bold=bold), unbreakable_ems(line, bold=bold),
            hard_ems(line, bold=bold))


def fit_columns(needs: Sequence[ColumnNeeds], total: float,
                preferred: Sequence[float] | None = None) -> tuple[float, ...]:
    """Widths adding up to ``total`` for columns with ``needs``.

    With ``preferred`` widths (any unit), the columns keep those proportions except that
    none is narrower than its minimum. Without, each column gets its natural width and a
    share of what is left in proportion to it; when the natural widths do not fit, each gets
    its minimum and a share of the rest in proportion to what it lacks. When even the
    minimums do not fit, as many columns as possible keep their terms whole (the cheapest
    first) and the others get what their numbers need (:func:`_most_terms_whole`).
    """
    if not needs:
        return ()
    mins = [n.minimum for n in needs]
    if sum(mins) > total:
        return _most_terms_whole(needs, total)
    if preferred is not None and len(preferred) == len(needs) and sum(preferred) > 0:
        return _at_least(_scaled(list(preferred), total), mins, total)
    naturals = [max(n.natural, n.minimum) for n in needs]
    if sum(naturals) <= total:
        return _scaled(naturals, total)
    lacking = [nat - low for nat, low in zip(naturals, mins)]
    share = (total - sum(mins)) / sum(lacking)
    return tuple(low + gap * share for low, gap in zip(mins, lacking))


def _most_terms_whole(needs: Sequence[ColumnNeeds], total: float) -> tuple[float, ...]:
    """Every column its hard minimum; then, cheapest first, columns raised to their minimum
    while the width lasts; what is left goes to the others in proportion to what they lack."""
    hard = [min(n.hard, n.minimum) for n in needs]
    if sum(hard) >= total:
        return _scaled(hard, total)
    widths = list(hard)
    left = total - sum(hard)
    short = []
    for i in sorted(range(len(needs)), key=lambda i: needs[i].minimum - hard[i]):
        gap = needs[i].minimum - hard[i]
        if gap <= left:
            widths[i], left = needs[i].minimum, left - gap
        else:
            short.append(i)
    lacking = sum(needs[i].minimum - widths[i] for i in short)
    for i in short:
        widths[i] += left * (needs[i].minimum - widths[i]) / lacking if lacking else 0
    if not short:
        widths = [w + left * w / sum(widths) for w in widths]
    return tuple(widths)


def _scaled(widths: list[float], total: float) -> tuple[float, ...]:
    whole = sum(widths)
    if whole <= 0:
        return tuple(total / len(widths) for _ in widths)
    return tuple(total * w / whole for w in widths)


def _at_least(widths: Sequence[float], floors: Sequence[float], total: float) -> tuple[float, ...]:
    """``widths`` with every column raised to its floor, the others shrinking in proportion
    (so they keep their ratios to each other); the sum stays ``total`` (the floors fit)."""
    result = list(widths)
    fixed: set[int] = set()
    while True:
        low = [i for i in range(len(result)) if i not in fixed and result[i] < floors[i] - 1e-9]
        if not low:
            return tuple(result)
        fixed.update(low)
        for i in low:
            result[i] = floors[i]
        free = [i for i in range(len(result)) if i not in fixed]
        if not free:
            return tuple(result)
        room = total - sum(result[i] for i in fixed)
        scale = room / sum(result[i] for i in free)
        for i in free:
            result[i] *= scale
