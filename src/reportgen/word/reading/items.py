"""What the reader finds in a .docx, before it is interpreted: paragraphs with what they look
like, tables as written (cells, merges, header marks), pictures, and the flow of all of them
in reading order; where each stands, and the guesses made in reading them.

The import report lists every place where reading was a guess (:class:`Guess`), located. A Word
report has no cells: a place (:class:`Position`) is a paragraph, counted from the start of the
document (non-empty paragraphs outside tables, as the clerk would count them), the table it is
in, and the page when the file says where its pages break (Word records the breaks it last laid
out; files saved by other programs may not).
"""

from __future__ import annotations

from typing import Any, Union

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


@frozen
class Picture:
    """A picture of the document, to be saved beside the workbook."""

    data: bytes
    """The image file's bytes."""
    extension: str
    """Its file extension (``.png``)."""
    description: str
    """Its alternative text or name, when it has one."""
    where: Position
    """Where it stands."""


@frozen
class Para:
    """One paragraph as written."""

    text: str
    """Its text: automatic list numbers included, line breaks as ``\\n``, not stripped."""
    where: Position
    """Where it stands."""
    style: str = ""
    """Its style's name (``heading 1``, ``Normal``)."""
    outline: int | None = None
    """Its outline level (0 = level 1) from its style or its own settings; ``None`` for body
    text."""
    bold: bool = False
    """All of its text is bold."""
    size: float = 0.0
    """The font size of most of its text, in points."""
    centered: bool = False
    """Centred."""
    boxed: bool = False
    """Drawn with a border (or in a frame)."""
    shaded: bool = False
    """Filled with a colour."""
    pictures: tuple[Picture, ...] = ()
    """Pictures standing in it."""


@frozen
class Cell:
    """One cell of a table as written."""

    paragraphs: tuple[Para, ...]
    """Its paragraphs (nested tables' paragraphs included)."""
    col: int
    """The grid column it starts at (0-based)."""
    span: int = 1
    """How many grid columns it covers."""
    merge: str | None = None
    """``restart`` or ``continue`` for a vertically merged cell, else ``None``."""
    diagonal: bool = False
    """Split by a diagonal line (斜线表头)."""
    shaded: bool = False
    """Filled with a colour."""

    @property
    def text(self) -> str:
        """Its paragraphs' texts, one a line, trimmed."""
        return "\n".join(p.text.strip() for p in self.paragraphs).strip()

    @property
    def bold(self) -> bool:
        """All of its text is bold."""
        filled = [p for p in self.paragraphs if p.text.strip()]
        return bool(filled) and all(p.bold for p in filled)


@frozen
class Grid:
    """A table (or a text box) as written."""

    rows: tuple[tuple[Cell, ...], ...]
    """Its rows, cells in order."""
    header: tuple[bool, ...]
    """For each row: marked to repeat as a header on each page."""
    where: Position
    """Where it stands."""
    style: str = ""
    """Its table style's name."""
    box: bool = False
    """A text box rather than a table."""

    @property
    def single_cell(self) -> bool:
        """One row of one cell: a box."""
        return len(self.rows) == 1 and len(self.rows[0]) == 1


Item = Union[Para, Grid]


@frozen
class Flow:
    """The document's content in reading order."""

    items: tuple[Item, ...]
    """Paragraphs and tables (text boxes follow the paragraph they are anchored in)."""
    notes: tuple[Guess, ...]
    """What was left out or could not be carried over, located."""
    pages_known: bool
    """The file records where its pages broke, so positions carry page numbers."""
