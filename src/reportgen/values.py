"""Values read from one cell of a workbook, remembering where: the model's smallest parts.

:mod:`reportgen.model` builds the report from these (and re-exports them).
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen


@frozen
class SourceRef:
    """Where a value was read: a cell (or a whole sheet) of a workbook."""

    file: str
    """The workbook's file name, without its folder (``2024.xlsx``)."""
    sheet: str
    """The sheet's name as the clerk sees it on its tab; empty when the whole file is meant."""
    cell: str = ""
    """The cell's coordinate (``D5``); empty when the whole sheet is meant."""

    def __str__(self) -> str:
        if not self.sheet:
            return self.file
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{self.file} › {where}"


@frozen
class Text:
    """A piece of text read from one cell."""

    text: str
    """The text, with control characters already removed."""
    source: SourceRef | None = None
    """The cell it came from; ``None`` for text the library made itself."""


@frozen
class Figure:
    """A number read from one cell, kept exactly as the clerk sees it."""

    value: Decimal | None
    """The number; its exponent is the precision shown (``Decimal('98.62')``). ``None`` is an
    empty cell, which is legal and prints empty."""
    source: SourceRef | None = None
    """The cell it came from."""

    @property
    def is_empty(self) -> bool:
        """True when the cell was left empty."""
        return self.value is None
