"""The import report: every place where reading a Word document was a guess, located.

A Word report has no cells: a place is a paragraph, counted from the start of the document
(non-empty paragraphs outside tables, as the clerk would count them), the table it is in, and
the page when the file says where its pages break (Word records the breaks it last laid out;
files saved by other programs may not).
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from reportgen import codes
from reportgen.errors import SEVERITIES, Severity


@frozen
class Position:
    """Where something stands in the Word document."""

    paragraph: int
    """The paragraph's number (1 = the first non-empty paragraph); for a table, the number of
    the paragraph just before it; 0 for the whole document (全文)."""
    page: int | None = None
    """The page, counted from the first (the cover), when the file records page breaks."""
    table: int | None = None
    """The table's number (1 = the first table) when the place is a table or inside one."""

    def __str__(self) -> str:
        if self.paragraph == 0 and self.table is None:
            return "全文"
        page = f"第 {self.page} 页，" if self.page else ""
        if self.table is not None:
            return f"{page}第 {self.table} 个表格（第 {self.paragraph} 段之后）"
        return f"{page}第 {self.paragraph} 段"


@frozen
class Guess:
    """One decision the reader made that the clerk should check.

    Made from a registered code and its data (:meth:`of`); the text is the registry's
    (:mod:`reportgen.codes.importing`).
    """

    code: str
    """The stable code of this kind of guess (``I-IMPORT-HEADING-NUMBER``)."""
    message: str
    """What the reader did, in Chinese (``读作二级标题“基本情况”``)."""
    where: Position
    """Where in the document."""
    found: str = ""
    """The start of the text concerned, as the document has it."""
    hint: str | None = None
    """What to check or do, when there is something to do."""

    @classmethod
    def of(cls, code: str, where: Position, found: str = "", **fields: Any) -> Guess:
        """The guess of the registered kind ``code`` (a ``W-`` warning when something may
        be lost or wrong, an ``I-`` note otherwise), its text made from ``fields``."""
        kind = codes.lookup(code)
        if kind.letter not in "WI":
            raise ValueError(f"{code} is not the code of a warning or a note")
        message, hint = kind.render(fields)
        return cls(code, message, where, found, hint)

    @property
    def severity(self) -> Severity:
        """A warning when something may be lost or wrong (``W-``), otherwise a note."""
        return SEVERITIES[self.code[0]]

    def __str__(self) -> str:
        text = f"{self.where}：{self.message}"
        if self.found:
            text += f"，原文“{excerpt(self.found)}”"
        if self.hint:
            text += f"。{self.hint}"
        return text if text.endswith("。") else text + "。"


def excerpt(text: str, limit: int = 30) -> str:
    """The start of ``text`` on one line, enough to find it with Word's search."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
