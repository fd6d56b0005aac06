"""The optional sheets beside the report's content: 数据, 核对, 规则 and 来源.

- 数据: figures the workbook names itself, for placeholders. Columns 名称, 数值, optionally 单位
  and 上年 (last year's value, for the year-over-year placeholders 〔名称@变化〕 and 〔名称@增幅〕).
- 核对 (findings checked) and 规则 (rules): the clerk's own checking. Each is read by its column
  headers in row 1; empty rows are skipped; a broken character is warned about as in the other
  sheets. The rules are only read here, as text with their cells: :mod:`reportgen.checks.declared`
  parses and checks them (a rule that cannot be read is an error located at its cell).
- 来源, of a district workbook: which school cells each merged figure came from. ``reportgen
  merge`` writes one row per school and merged figure (``SOURCES_COLUMNS``). Reading it back lets
  ``reportgen check`` name the school cells behind a figure it finds wrong. The sheet is
  informative: a row that cannot be understood is skipped with a warning, never an error.

Every one is optional: a workbook without them loads as before.
"""

from __future__ import annotations


from reportgen.codes import listing
from reportgen.errors import Problems
from reportgen.model import (
    CheckMark,
    Contribution,
    DeclaredRule,
    MergedFigure,
    NamedFigure,
    SourceRef,
    Text,
)
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.sheets import (Sheet, 
    MARKS_ID_COLUMN,
    MARKS_REASON_COLUMN,
    NAMED_COLUMNS,
    NAMED_UNIT_COLUMN,
    PREVIOUS_COLUMN,
    RULES_NOTE_COLUMN,
    RULES_RULE_COLUMN,
    SOURCES_COLUMNS,
    check_characters,
    data_rows,
    find_columns,
)
from reportgen.xlsx.progress import EMPTY_NAMED


_FORBIDDEN = "〔〕"


def read_named(ws: Sheet, reader: CellReader, problems: Problems) -> tuple[NamedFigure, ...]:
    """Every named figure of the sheet; duplicate or malformed names are located errors."""
    headers = {(display(c) or "").strip() for c in (ws[1] if ws.max_row >= 1 else ())}
    expected = NAMED_COLUMNS + ((NAMED_UNIT_COLUMN,) if NAMED_UNIT_COLUMN in headers else ())
    columns = find_columns(ws, expected, reader, problems, optional=(PREVIOUS_COLUMN,))
    if columns is None:
        return ()
    found: dict[str, NamedFigure] = {}
    for row in data_rows(ws):
        name_cell = ws.cell(row, columns["名称"])
        value_cell = ws.cell(row, columns["数值"])
        name = reader.text(name_cell)
        if name is None:
            if value_cell.value is not None:
                problems.add("E-NAMED-NO-NAME", reader.ref(name_cell))
            continue
        if any(ch in name.text for ch in _FORBIDDEN) or ":" in name.text or "：" in name.text:
            problems.add("E-NAMED-BAD-NAME", reader.ref(name_cell), found=name.text)
            continue
        if name.text in found:
            first = found[name.text].name.source
            problems.add("E-NAMED-DUPLICATE", reader.ref(name_cell), name=name.text,
                         first=first.cell if first else "")
            continue
        figure = reader.figure(value_cell)
        if figure.value is None and value_cell.value is None:
            problems.add(EMPTY_NAMED, reader.ref(value_cell), name=name.text)
            continue
        unit = ""
        if NAMED_UNIT_COLUMN in columns:
            unit_text = reader.text(ws.cell(row, columns[NAMED_UNIT_COLUMN]))
            unit = unit_text.text if unit_text else ""
        previous = (reader.figure(ws.cell(row, columns[PREVIOUS_COLUMN]))
                    if PREVIOUS_COLUMN in columns else None)
        found[name.text] = NamedFigure(name, figure, unit, previous)
    return tuple(found.values())


def _text_pairs(ws: Sheet, required: str, optional: str, empty: str, reader: CellReader,
                problems: Problems) -> list[tuple[Text, Text | None]]:
    """Each row's text in the ``required`` column and in the ``optional`` one (``None`` when
    the sheet or the cell has none); a row with only the optional text is the error ``empty``."""
    check_characters(ws, reader, problems)
    columns = find_columns(ws, (required,), reader, problems, optional=(optional,))
    if columns is None:
        return []
    pairs = []
    for row in data_rows(ws):
        main = reader.text(ws.cell(row, columns[required]))
        extra = reader.text(ws.cell(row, columns[optional])) if optional in columns else None
        if main is None:
            if extra is not None:
                problems.add(empty, reader.ref(ws.cell(row, columns[required])))
            continue
        pairs.append((main, extra))
    return pairs


def read_marks(ws: Sheet, reader: CellReader, problems: Problems) -> tuple[CheckMark, ...]:
    """Every finding the 核对 sheet marks as checked: its 编号 and the reason (原因)."""
    return tuple(CheckMark(written, reason) for written, reason in _text_pairs(
        ws, MARKS_ID_COLUMN, MARKS_REASON_COLUMN, "E-MARK-NO-ID", reader, problems))


def read_rules(ws: Sheet, reader: CellReader,
               problems: Problems) -> tuple[DeclaredRule, ...]:
    """Every rule the 规则 sheet declares, with its 说明 when given."""
    return tuple(DeclaredRule(text, note) for text, note in _text_pairs(
        ws, RULES_RULE_COLUMN, RULES_NOTE_COLUMN, "E-RULE-EMPTY", reader, problems))


PLACE_SEPARATOR = " › "
"""Between a school's file name and its sheet!cell in the 学校单元格 column."""


def place_text(ref: SourceRef) -> str:
    """``学校甲.xlsx › 人才培养质量计分卡!D2`` — how the 来源 sheet writes a school's cell."""
    return str(ref)


def parse_place(text: str) -> SourceRef | None:
    """The cell :func:`place_text` wrote, or ``None`` when ``text`` is not one."""
    file, separator, rest = text.partition(PLACE_SEPARATOR)
    sheet, bang, cell = rest.rpartition("!")
    if not separator or not bang or not file.strip() or not sheet or not cell:
        return None
    return SourceRef(file.strip(), sheet, cell.strip())


def read_sources(ws: Sheet, reader: CellReader, problems: Problems) -> tuple[MergedFigure, ...]:
    """Every merged figure the sheet lists, with its schools' cells, in the sheet's order."""
    columns = find_columns(ws, SOURCES_COLUMNS, reader, problems)
    if columns is None:
        return ()
    figures: dict[tuple[str, str], tuple[str, list[Contribution]]] = {}
    skipped = []
    for row in data_rows(ws):
        def text(column: str) -> str:
            value = reader.text(ws.cell(row, columns[column]))
            return value.text if value else ""
        sheet, cell, place = text("工作表"), text("单元格"), text("学校单元格")
        school_ref = parse_place(place)
        if not sheet or not cell or school_ref is None:
            if any((sheet, cell, place)):
                skipped.append(row)
            continue
        entry = figures.setdefault((sheet, cell), (text("合并方法"), []))
        entry[1].append(Contribution(text("学校"), school_ref, text("学校数值")))
    if skipped:
        problems.warn("W-SOURCES-ROW", reader.sheet_ref(ws.title), rows=listing(skipped, 10))
    return tuple(MergedFigure(SourceRef(reader.file_name, sheet, cell), method, tuple(parts))
                 for (sheet, cell), (method, parts) in figures.items())
