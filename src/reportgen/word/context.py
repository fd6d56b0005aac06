"""What the template sees: the laid-out report as flat, numbered blocks in printed order.

The template switches on ``b.kind``. Texts are final (numbers, labels and placeholders come
from :mod:`reportgen.layout`). A table is not written by the template: its block carries a
``slot``, a marker the template prints as a paragraph of its own, which the renderer then
replaces by the whole table (:mod:`reportgen.word.docx`). A picture or a chart is placed
the same way (:mod:`reportgen.word.pictures`).
"""

from __future__ import annotations

import uuid
from typing import Any

from attrs import frozen

from reportgen.layout import (
    Block, CaseBlock, FigureBlock, HeadingBlock, Layout, ParagraphBlock, TableBlock,
)

SLOT_PREFIX = "\ue000slot-"
"""How a slot marker starts; the rest is random per document, so workbook text can never
pose as one."""


@frozen
class HeadingView:
    """A heading line."""

    level: int
    """1, 2 or 3: the template picks Heading 1–3."""
    text: str
    """Number and title (``1.2 专业设置``)."""
    new_page: bool = False
    """True when it starts a new page (the appendix's heading)."""
    kind: str = "heading"
    """The template's switch."""


@frozen
class ParagraphView:
    """Running text."""

    text: str
    """The paragraph."""
    kind: str = "paragraph"
    """The template's switch."""


@frozen
class FigureView:
    """A picture or a chart: the template prints the slot, then the caption below it."""

    caption: str
    """``图N 名称``."""
    slot: str
    """The marker the renderer replaces by the picture."""
    kind: str = "figure"
    """The template's switch."""


@frozen
class CaseView:
    """A boxed case."""

    label: str
    """``案例N``."""
    title: str
    """The case's title."""
    subtitle: str
    """An optional second line; empty when there is none."""
    paragraphs: tuple[str, ...]
    """The body."""
    figures: tuple[FigureView, ...] = ()
    """Pictures and charts after the body."""
    kind: str = "case"
    """The template's switch."""


@frozen
class TableView:
    """A captioned table: the template prints the caption and the slot."""

    caption: str
    """``表N 名称``."""
    slot: str
    """The marker the renderer replaces by the table."""
    in_appendix: bool = False
    """True for a table of the appendix, whose caption the table of contents lists."""
    kind: str = "table"
    """The template's switch."""


View = HeadingView | ParagraphView | CaseView | TableView | FigureView
Slots = dict[str, TableBlock | FigureBlock]
"""By slot marker, the table or figure the renderer puts in its place."""


def build_context(layout: Layout) -> tuple[dict[str, Any], Slots]:
    """The template's variables (``meta``, ``foreword``, ``blocks``) and, by slot marker,
    the table or figure each slot stands for."""
    nonce = uuid.uuid4().hex
    slots: Slots = {}

    def slot_for(block: TableBlock | FigureBlock) -> str:
        slot = f"{SLOT_PREFIX}{nonce}-{len(slots)}"
        slots[slot] = block
        return slot

    def view(block: Block) -> View:
        if isinstance(block, HeadingBlock):
            return HeadingView(block.level, block.text, block.new_page)
        if isinstance(block, ParagraphBlock):
            return ParagraphView(block.text)
        if isinstance(block, CaseBlock):
            return CaseView(block.label, block.title, block.subtitle or "", block.paragraphs,
                            tuple(FigureView(f.caption, slot_for(f)) for f in block.figures))
        if isinstance(block, FigureBlock):
            return FigureView(block.caption, slot_for(block))
        return TableView(block.caption, slot_for(block), block.in_appendix)

    cover = layout.cover
    context = {
        "meta": {
            "title": cover.title,
            "period": cover.period,
            "issuer": cover.issuer,
            "date": cover.month,
            "year": cover.year,
            "subtitle": cover.subtitle or "",
            "compiler": cover.compiler or "",
        },
        "foreword": [p.text for p in layout.foreword],
        "lists": {kind: kind in layout.lists for kind in ("tables", "figures", "cases")},
        "blocks": [view(b) for b in layout.blocks()],
    }
    return context, slots
