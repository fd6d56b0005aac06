"""The optional 图表 sheet: charts drawn from figures the workbook already holds.

One row per value: 名称 (the chart), 类型 (柱形图, 折线图, 饼图), 类别 (the axis label or pie
slice, such as 2023年), 数值 (a number, a placeholder name such as 〔毕业生人数〕 or
〔上年毕业生人数〕, or a free table's cell 表-名称!行@列), and optionally 系列 (for several
bars or lines per category), 题注, 单位 and 宽度（厘米）. A chart's rows may be anywhere in the
sheet; its 类型, 题注, 单位 and 宽度 are given on its first row (later rows leave them empty or
repeat them). Whether each 数值 names a figure is checked with the placeholders.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from reportgen.errors import Problems
from reportgen.model import Chart, ChartPoint, SourceRef, Text
from reportgen.xlsx.cells import CellReader, display
from reportgen.xlsx.pictures import read_name, read_width
from reportgen.xlsx.sheets import CHART_COLUMNS, CHART_KINDS, CHART_OPTIONAL, data_rows, find_columns


class _Open:
    """A chart being read: its first row's settings and its points so far."""

    def __init__(self, name: Text, kind: str, caption: Text | None, unit: str,
                 width: Decimal | None, row: int):
        self.name, self.kind, self.caption, self.unit, self.width = name, kind, caption, unit, width
        self.row = row
        self.points: list[ChartPoint] = []

    def freeze(self) -> Chart:
        return Chart(self.name, self.kind, self.caption or self.name, tuple(self.points),
                     self.unit, self.width, self.name.source)


def read_charts(ws: Worksheet, folder: Path, reader: CellReader, problems: Problems,
                seen: dict[str, SourceRef]) -> dict[str, Chart]:
    """Every chart of the sheet by name (names shared with the pictures in ``seen``)."""
    columns = find_columns(ws, CHART_COLUMNS, reader, problems, optional=CHART_OPTIONAL)
    if columns is None:
        return {}
    charts: dict[str, _Open] = {}
    refused: set[str] = set()

    def cell(row: int, column: str):
        return ws.cell(row, columns[column]) if column in columns else None

    def text(row: int, column: str) -> Text | None:
        found = cell(row, column)
        return reader.text(found) if found is not None else None

    for row in data_rows(ws):
        name_text = text(row, "名称")
        if name_text is None:
            if any(text(row, c) is not None for c in ("类别", "数值")):
                problems.add("E-FIGURE-NO-NAME", reader.ref(ws.cell(row, columns["名称"])))
            continue
        name = name_text.text
        if name in refused:
            continue
        chart = charts.get(name)
        settings = {c: text(row, c) for c in ("类型", "题注", "单位")}
        if chart is None:
            registered = read_name(ws.cell(row, columns["名称"]), reader, problems, seen)
            kind = settings["类型"]
            if registered is None or kind is None or kind.text.strip() not in CHART_KINDS:
                if registered is not None:
                    problems.add("E-CHART-KIND", reader.ref(ws.cell(row, columns["类型"])),
                                 found=kind.text if kind else "", kinds=list(CHART_KINDS))
                refused.add(name)
                continue
            width_cell = cell(row, "宽度（厘米）")
            chart = charts[name] = _Open(
                registered, CHART_KINDS[kind.text.strip()], settings["题注"],
                settings["单位"].text if settings["单位"] else "",
                read_width(width_cell, reader, problems) if width_cell is not None else None, row)
        else:
            first = {"类型": [k for k, v in CHART_KINDS.items() if v == chart.kind][0],
                     "题注": chart.caption.text if chart.caption else None,
                     "单位": chart.unit or None}
            for column, value in settings.items():
                if value is not None and value.text.strip() != first[column]:
                    problems.add("E-CHART-MIXED", reader.ref(cell(row, column)),
                                 found=value.text, chart=name, column=column,
                                 first=f"第 {chart.row} 行")
        category, value = text(row, "类别"), text(row, "数值")
        for column, given in (("类别", category), ("数值", value)):
            if given is None:
                problems.add("E-CHART-NO-VALUE", reader.ref(cell(row, column)), chart=name,
                             column=column)
        if category is None or value is None:
            continue
        series = text(row, "系列")
        found = cell(row, "数值")
        assert found is not None
        if not isinstance(found.value, str):  # a number typed in: keep it as shown
            value = Text(display(found) or value.text, value.source)
        chart.points.append(ChartPoint(category.text, series.text if series else "", value))
    return {name: chart.freeze() for name, chart in charts.items() if chart.points}
