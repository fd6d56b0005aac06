"""The layout step: the model turned into the document as it prints.

:func:`lay_out` resolves placeholders, numbers headings, cases and tables, lays tables out as
grids and gathers the appendix; renderers (:mod:`reportgen.word`) only write what it gives.
Numbering styles and labels are configuration (:class:`LayoutConfig`).
"""

from reportgen.layout.build import lay_out
from reportgen.layout.config import (
    ARABIC_HEADINGS, CHINESE_HEADINGS, HeadingNumbering, LayoutConfig, chinese_numeral,
)
from reportgen.layout.document import (
    Appendix, Block, CaseBlock, ChartData, Cover, FigureBlock, HeadingBlock, Layout,
    ParagraphBlock, TableBlock,
)
from reportgen.layout.tables import Grid, GridCell

__all__ = [
    "ARABIC_HEADINGS", "Appendix", "Block", "CHINESE_HEADINGS", "CaseBlock", "ChartData", "Cover",
    "FigureBlock", "Grid",
    "GridCell", "HeadingBlock", "HeadingNumbering", "Layout", "LayoutConfig", "ParagraphBlock",
    "TableBlock", "chinese_numeral", "lay_out",
]
