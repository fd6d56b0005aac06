"""Pictures and charts written into the paragraph the template marks for them.

The template prints a figure's slot marker in a paragraph of its own (style "Figure", or
"Case Figure" in a case box) with the caption below it; the renderer empties that paragraph
and puts the image there as an inline picture of the layout's size. A chart is drawn here,
at print resolution, from the values the layout resolved (:mod:`reportgen.layout.charts`).
The picture's description (alt text) is its caption.
"""

from __future__ import annotations

import io
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from reportgen.images import opaque_png
from reportgen.layout import FigureBlock


def figure_bytes(block: FigureBlock) -> bytes:
    """The image file of ``block``: its picture, or its chart drawn."""
    if block.image is not None:
        return block.image.data
    assert block.chart is not None, "a figure is a picture or a chart"
    from reportgen.layout.charts import draw_chart  # matplotlib loads only for a chart

    return opaque_png(draw_chart(block.chart, block.width_mm, block.height_mm))


def write_figure(document: Any, block: FigureBlock, slot: Any) -> None:
    """Put ``block``'s image in the paragraph element ``slot``, instead of its marker."""
    for child in list(slot):
        if child.tag != qn("w:pPr"):
            slot.remove(child)
    paragraph = Paragraph(slot, document._body)
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(figure_bytes(block)), width=Mm(block.width_mm),
                            height=Mm(block.height_mm))
    shape._inline.docPr.set("descr", block.caption)
