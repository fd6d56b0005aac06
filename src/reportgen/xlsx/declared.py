"""The optional sheets of the clerk's own checking: 核对 (findings checked) and 规则 (rules).

Both are optional: a workbook without them loads as before. Each is read by its column
headers in row 1; empty rows are skipped; a broken character is warned about as in the other
sheets. The rules are only read here, as text with their cells: :mod:`reportgen.checks.declared`
parses and checks them (a rule that cannot be read is an error located at its cell).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.model import CheckMark, DeclaredRule
from reportgen.xlsx.cells import CellReader
from reportgen.xlsx.sheets import (MARKS_ID_COLUMN, MARKS_REASON_COLUMN, RULES_NOTE_COLUMN,
                                   RULES_RULE_COLUMN, check_characters, data_rows, find_columns)


def _columns(ws: Worksheet, required: str, optional: str, reader: CellReader,
             problems: Problems) -> dict[str, int] | None:
    check_characters(ws, reader, problems)
    return find_columns(ws, (required,), reader, problems, optional=(optional,))


def read_marks(ws: Worksheet, reader: CellReader, problems: Problems) -> tuple[CheckMark, ...]:
    """Every finding the 核对 sheet marks as checked: its 编号 and the reason (原因)."""
    columns = _columns(ws, MARKS_ID_COLUMN, MARKS_REASON_COLUMN, reader, problems)
    if columns is None:
        return ()
    marks = []
    for row in data_rows(ws):
        written = reader.text(ws.cell(row, columns[MARKS_ID_COLUMN]))
        reason = (reader.text(ws.cell(row, columns[MARKS_REASON_COLUMN]))
                  if MARKS_REASON_COLUMN in columns else None)
        if written is None:
            if reason is not None:
                problems.add("E-MARK-NO-ID", reader.ref(ws.cell(row, columns[MARKS_ID_COLUMN])))
            continue
        marks.append(CheckMark(written, reason))
    return tuple(marks)


def read_rules(ws: Worksheet, reader: CellReader,
               problems: Problems) -> tuple[DeclaredRule, ...]:
    """Every rule the 规则 sheet declares, with its 说明 when given."""
    columns = _columns(ws, RULES_RULE_COLUMN, RULES_NOTE_COLUMN, reader, problems)
    if columns is None:
        return ()
    rules = []
    for row in data_rows(ws):
        text = reader.text(ws.cell(row, columns[RULES_RULE_COLUMN]))
        note = (reader.text(ws.cell(row, columns[RULES_NOTE_COLUMN]))
                if RULES_NOTE_COLUMN in columns else None)
        if text is None:
            if note is not None:
                problems.add("E-RULE-EMPTY", reader.ref(ws.cell(row, columns[RULES_RULE_COLUMN])))
            continue
        rules.append(DeclaredRule(text, note))
    return tuple(rules)
