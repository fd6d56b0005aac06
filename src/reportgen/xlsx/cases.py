"""The 案例 sheet: every case by its 编号, with the pictures and charts it prints.

Columns 编号, 标题, 副标题, 正文 and, optionally, 图片: names of pictures or charts (the 图片
and 图表 sheets), one per line or separated by 、, printed in the box after the body; 状态
(the yearly workflow: 上年, 备选, 已确认) and 学校 (which school sent it, after ``merge``).
"""

from __future__ import annotations

import re
from typing import Mapping

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.model import Case, FigureItem, SourceRef
from reportgen.xlsx.body import split_paragraphs
from reportgen.xlsx.cells import CellReader
from reportgen.xlsx.sheets import (
    CASE_STATUS_VALUES, CASES_COLUMNS, CASES_FIGURES_COLUMN, SCHOOL_COLUMN, STATUS_CANDIDATE,
    STATUS_CARRIED, STATUS_COLUMN, data_rows, find_columns,
)
from reportgen.xlsx.status import StatusReader

_SEPARATORS = re.compile(r"[\n、，,；;]+")


def read_cases(ws: Worksheet, reader: CellReader, problems: Problems,
               statuses: StatusReader | None = None,
               figures: Mapping[str, FigureItem] | None = None,
               placed_figures: dict[str, SourceRef] | None = None,
               ) -> tuple[dict[str, Case], set[str] | None, set[str]]:
    """The cases by their 编号, the 编号 of those refused (``None``: the sheet was), and the
    编号 of the candidates (状态 备选), which need not be placed.

    A case's figures are looked up in ``figures``; each placement is recorded in
    ``placed_figures`` (a figure is placed once, in a case or in the text). A case whose 状态
    is 上年 is noted in ``statuses``.
    """
    columns = find_columns(ws, CASES_COLUMNS, reader, problems,
                           optional=(CASES_FIGURES_COLUMN, STATUS_COLUMN, SCHOOL_COLUMN))
    if columns is None:
        return {}, None, set()
    figures = figures or {}
    placed = placed_figures if placed_figures is not None else {}
    cases: dict[str, Case] = {}
    refused: set[str] = set()
    candidates: set[str] = set()
    for row in data_rows(ws):
        key_cell = ws.cell(row, columns["编号"])
        key = reader.text(key_cell)
        title = reader.text(ws.cell(row, columns["标题"]))
        subtitle = reader.text(ws.cell(row, columns["副标题"]))
        body = reader.text(ws.cell(row, columns["正文"]))
        if key is None and title is None and body is None and subtitle is None:
            continue
        if key is None:
            problems.add("E-CASE-NO-KEY", reader.ref(key_cell))
            continue
        if key.text in cases:
            first = cases[key.text].source
            problems.add("E-CASE-DUPLICATE", reader.ref(key_cell), case=key.text,
                         first=first.cell if first else "")
            continue
        if title is None:
            problems.add("E-CASE-NO-TITLE", reader.ref(ws.cell(row, columns["标题"])))
        if body is None:
            problems.add("E-CASE-NO-TEXT", reader.ref(ws.cell(row, columns["正文"])))
        if title is None or body is None:
            refused.add(key.text)
            continue
        own: list[FigureItem] = []
        if CASES_FIGURES_COLUMN in columns:
            cell = ws.cell(row, columns[CASES_FIGURES_COLUMN])
            names = reader.text(cell)
            for name in _SEPARATORS.split(names.text) if names else ():
                name = name.strip()
                if not name:
                    continue
                if name not in figures:
                    problems.add("E-CASE-UNKNOWN-FIGURE", reader.ref(cell), found=names.text
                                 if names else "", figure=name)
                elif name in placed:
                    first = placed[name]
                    problems.add("E-BODY-FIGURE-TWICE", reader.ref(cell), figure=name,
                                 first=f"{first.sheet}!{first.cell}")
                else:
                    placed[name] = reader.ref(cell)
                    own.append(figures[name])
        cases[key.text] = Case(key.text, title, subtitle, tuple(split_paragraphs(body)),
                               reader.ref(key_cell), figures=tuple(own))
        status = (statuses.status(ws, row, columns, CASE_STATUS_VALUES) if statuses is not None
                  else None)
        if status == STATUS_CARRIED and statuses is not None:
            statuses.note_carried(ws.cell(row, columns["标题"]))
        elif status == STATUS_CANDIDATE:
            candidates.add(key.text)
    return cases, refused, candidates
