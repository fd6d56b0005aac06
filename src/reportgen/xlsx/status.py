"""The optional 状态 column: content carried over from last year until the clerk confirms it.

``reportgen init --from`` copies last year's foreword, text, cases and tables into this year's
workbook with 状态 = 上年. Such a row still reads and prints, but every build says which cells
are still last year's (one warning per sheet naming each cell), until the clerk changes 状态
to 已确认 (or clears it). A case a school sent to the district (``reportgen merge``) has 状态
= 备选: it need not be placed in the text.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.xlsx.cells import AnyCell, CellReader
from reportgen.xlsx.sheets import STATUS_CARRIED, STATUS_COLUMN, STATUS_CONFIRMED


class StatusReader:
    """Reads the 状态 of rows and remembers the cells still marked as last year's."""

    def __init__(self, reader: CellReader, problems: Problems):
        self.reader = reader
        self.problems = problems
        self.carried: dict[str, list[AnyCell]] = {}
        """By sheet: the content cells of rows still marked 上年."""

    def status(self, ws: Worksheet, row: int, columns: dict[str, int],
               allowed: tuple[str, ...]) -> str:
        """The row's 状态 ('' when the sheet has no such column or the cell is empty); an
        unknown value is a located error."""
        if STATUS_COLUMN not in columns:
            return ""
        cell = ws.cell(row, columns[STATUS_COLUMN])
        text = self.reader.text(cell)
        if text is None:
            return ""
        if text.text not in allowed:
            self.problems.add("E-STATUS-VALUE", self.reader.ref(cell), found=text.text,
                              column=STATUS_COLUMN, values=[f"“{a}”" for a in allowed])
            return ""
        return text.text

    def note_carried(self, cell: AnyCell) -> None:
        """Remember that ``cell`` holds content still marked as last year's."""
        self.carried.setdefault(cell.parent.title, []).append(cell)

    def report(self) -> None:
        """One warning per sheet naming every cell still marked 上年."""
        for sheet, cells in self.carried.items():
            self.problems.warn("W-CARRIED-UNCONFIRMED", self.reader.ref(cells[0]),
                               count=len(cells), cells=cell_list(cells), column=STATUS_COLUMN,
                               confirmed=STATUS_CONFIRMED)


def cell_list(cells: list[AnyCell]) -> str:
    """``B2:B5、B7`` — every cell named, consecutive rows of a column as one range."""
    parts: list[str] = []
    run: list[AnyCell] = []
    for cell in cells:
        if run and (cell.column != run[-1].column or cell.row != run[-1].row + 1):
            parts.append(_run(run))
            run = []
        run.append(cell)
    if run:
        parts.append(_run(run))
    return "、".join(parts)


def _run(run: list[AnyCell]) -> str:
    return run[0].coordinate if len(run) == 1 else f"{run[0].coordinate}:{run[-1].coordinate}"


__all__ = ["STATUS_CARRIED", "StatusReader", "cell_list"]
