"""What the reader finds in a .docx, before it is interpreted: paragraphs with what they look
like, tables as written (cells, merges, header marks), pictures, and the flow of all of them
in reading order."""

from __future__ import annotations

from typing import Union

from attrs import frozen

from reportgen.word.reading.guesses import Guess, Position


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
