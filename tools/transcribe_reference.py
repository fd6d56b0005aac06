"""Transcribe the published 2024 report of 璧山区 into the example workbook ``inputs/2024.xlsx``.

This is a one-off tool. It made the example workbook from the plain text extracted from the
published report (``bishan-2023-2024-report.txt``, see that folder's README for how the text was
extracted). From now on the workbook, not this script, is the source of truth: edit the workbook
the way a clerk would, do not rerun the script to "fix" it.

Everything is copied verbatim, typos, doubled punctuation and contradictions included: the report
is reproduced as published and the checks of the library are what find its problems. Only
whitespace at the ends of lines is dropped.

Usage (from the repository root)::

    python tools/transcribe_reference.py [REFERENCE_TEXT] [-o inputs/2024.xlsx]
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO / ".." / "shared" / "reference" / "bishan-2023-2024-report.txt"
DEFAULT_OUTPUT = REPO / "inputs" / "2024.xlsx"

# The six official indicator tables, in catalog order; their sheets are named like them.
OFFICIAL_TABLES = ("人才培养质量计分卡", "教学资源表", "满意度调查表", "服务贡献表", "国际影响表", "落实政策表")
SURVEY_TABLE = "满意度调查表"
FREE_TABLE_PREFIX = "表-"

BASIC_INFO = (
    ("地区", "璧山区"),
    ("学年度", "2023-2024学年度"),
    ("报告年份", 2024),
    ("报告标题", None),  # taken from the text
    ("发布单位", "重庆市璧山区教育委员会"),
    ("成文日期", datetime.date(2024, 12, 30)),
    ("指标表位置", "正文"),
)
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

HEADING_LEVEL = {1: "一级标题", 2: "二级标题", 3: "三级标题"}

# ---------------------------------------------------------------------------------------------
# Reading the text
# ---------------------------------------------------------------------------------------------

# "1.学校概况", "7. 发展保障", "1.3 学生规模", "1.2.1动态调整专业设置", "2.3“三教”改革".
# A paragraph such as "2024年6月，…" has no dot after its first number, so it never matches.
_HEADING = re.compile(r"^(\d)\.(?:(\d{1,2})(?:\.(\d{1,2}))?)?(?![\d.])\s*(\S.*)$")
_CASE = re.compile(r"^案例(\d+)$")
_CAPTION = re.compile(r"^表(\d+)\s*(\S.*)$")
_PERIOD = re.compile(r"^（\d{4}-\d{4}学年度）$")
_SENTENCE_MARK = re.compile(r"[。，；！？,;.!?]")


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Case:
    number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Table:
    number: int
    name: str
    rows: list[list[str]]
    """The printed rows; each cell as printed after its tab (end whitespace removed)."""


@dataclass
class Report:
    foreword: list[str]
    title: str
    period: str
    body: list[Heading | Paragraph | Case | Table]


def _is_cell(line: str) -> bool:
    return line.lstrip(" ").startswith("\t")


def _cell_text(line: str) -> str:
    text = line.lstrip(" ")[1:].rstrip()
    return "" if not text.strip() else text.lstrip(" ")


def _heading(line: str) -> Heading | None:
    s = line.strip()
    m = _HEADING.match(s)
    if not m or "。" in s or len(s) > 40:
        return None
    level = 1 + (m.group(2) is not None) + (m.group(3) is not None)
    return Heading(level, m.group(4).strip())


def _caption(line: str) -> tuple[int, str] | None:
    s = line.strip()
    m = _CAPTION.match(s)
    if not m or len(s) > 30 or _SENTENCE_MARK.search(s):
        return None
    return int(m.group(1)), m.group(2).strip()


def _read_table(lines: list[str], start: int) -> tuple[list[list[str]], int]:
    """Read the flattened table starting at ``start`` (just after its caption).

    Returns the raw rows and the index after the table. A line without a tab inside a table is
    a fragment: either the rest of a cell split over two lines (表4's 调查 / 人次) or the diagonal
    header cell of 表3, which the extraction printed without a tab; a fragment belongs to the
    table when a cell line comes right after it.
    """

    def cell_soon(i: int) -> bool:
        for j in range(i + 1, min(i + 4, len(lines))):
            if _is_cell(lines[j]):
                return True
        return False

    tokens: list[tuple[str, str]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell(line):
            tokens.append(("cell", _cell_text(line)))
        elif not line.strip():
            tokens.append(("blank", ""))
        elif len(line.strip()) <= 10 and cell_soon(i) and any(k == "cell" for k, _ in tokens):
            tokens.append(("frag", line.strip()))
        else:
            break
        i += 1

    rows: list[list[str]] = []
    row: list[str] = []
    pending_blank = False
    for kind, text in tokens:
        if kind == "blank":
            pending_blank = True
            continue
        if kind == "frag":
            if not pending_blank and len(row) == 1 and not rows:
                # 表3: a one-cell title row directly followed by the diagonal header cell.
                rows.append(row)
                row = [text]
            elif row and rows and len(rows) == 1 and len(rows[0]) == 1 and len(row) == 1:
                row[-1] += "\n" + text  # the second half of 表3's diagonal cell
            else:
                row[-1] += text  # a cell split over two lines (调查 / 人次)
            pending_blank = False
            continue
        if pending_blank and row:
            rows.append(row)
            row = []
        pending_blank = False
        row.append(text)
    if row:
        rows.append(row)
    return rows, i


def parse(text: str) -> Report:
    lines = text.split("\n")
    period_at = next(i for i, line in enumerate(lines) if _PERIOD.match(line.strip()))
    title_at = max(i for i in range(period_at) if lines[i].strip())
    foreword_at = next(i for i, line in enumerate(lines) if line.replace(" ", "").strip() == "前言")
    foreword = [line.strip() for line in lines[foreword_at + 1 : title_at] if line.strip()]

    body: list[Heading | Paragraph | Case | Table] = []
    case: Case | None = None
    i = period_at + 1
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s and not _is_cell(line):
            i += 1
            continue
        caption = _caption(line)
        if caption is not None:
            rows, after = _read_table(lines, i + 1)
            if rows:
                case = None
                body.append(Table(caption[0], caption[1], rows))
            # else: a leftover caption of the extraction (the three last lines of the text)
            i = after if rows else i + 1
            continue
        if _is_cell(line):
            raise ValueError(f"line {i + 1}: table cell outside a table: {line!r}")
        heading = _heading(line)
        if heading is not None:
            case = None
            body.append(heading)
            i += 1
            continue
        m = _CASE.match(s)
        if m:
            i += 1
            while not lines[i].strip():
                i += 1
            title = lines[i].strip()
            # 案例10's title was wrapped: its second line is short and is not a sentence.
            j = i + 1
            while not lines[j].strip():
                j += 1
            nxt = lines[j].strip()
            if len(nxt) < 15 and not _SENTENCE_MARK.search(nxt) and not _heading(nxt):
                title += nxt
                i = j
            case = Case(int(m.group(1)), title)
            body.append(case)
            i += 1
            continue
        if case is not None:
            case.paragraphs.append(s)
        else:
            body.append(Paragraph(s))
        i += 1
    return Report(foreword, lines[title_at].strip(), lines[period_at].strip(), body)


# ---------------------------------------------------------------------------------------------
# Writing the workbook
# ---------------------------------------------------------------------------------------------

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _number(text: str) -> int | float | None:
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(?::1)?", text)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    digits = m.group(1)
    return float(digits) if "." in digits else int(digits)


def _header(ws: Worksheet, names: list[str] | tuple[str, ...], widths: list[int]) -> None:
    ws.append(list(names))
    for col, width in enumerate(widths, 1):
        ws.cell(row=1, column=col).font = BOLD
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _sheet_name(table: Table) -> str:
    return table.name if table.name in OFFICIAL_TABLES else FREE_TABLE_PREFIX + table.name


def _write_indicator_sheet(ws: Worksheet, table: Table) -> None:
    survey = table.name == SURVEY_TABLE
    if survey:
        columns = ("序号", "指标", "单位", "数值", "调查人次", "调查方式", "备注")
        widths = [6, 44, 8, 10, 10, 20, 12]
    else:
        columns = ("序号", "指标", "单位", "数值", "备注")
        widths = [6, 48, 8, 12, 12]
    _header(ws, columns, widths)
    header, *rows = table.rows
    if len(header) != len(columns):
        raise ValueError(f"{table.name}: unexpected header {header}")
    for cells in rows:
        if len(cells) != len(columns):
            raise ValueError(f"{table.name}: unexpected row {cells}")
        number, name, unit, value, *rest = cells
        if survey:
            surveyed, method, note = rest
            ws.append([_number(number), name or None, unit or None, _number(value),
                       _number(surveyed), method or None, note or None])
        else:
            (note,) = rest
            ws.append([_number(number), name or None, unit or None, _number(value), note or None])


def _write_free_table(ws: Worksheet, table: Table) -> None:
    """表3, laid out from A1 like the printed table: a merged title row, then the header row
    whose first cell is split by a diagonal line (年份/人数 against 产业)."""
    title_row, header_row, *data = table.rows
    width = len(header_row)
    ws.append([title_row[0]] + [None] * (width - 1))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = BOLD
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    # The diagonal cell: "年份 人数" above the line, "产业" below it, as in the Word table.
    header = ["年份 人数\n产业"]
    for text in header_row[1:]:
        header.append(int(text) if text.isdigit() else text)
    ws.append(header)
    for col in range(1, width + 1):
        ws.cell(row=2, column=col).font = BOLD
    ws["A2"].border = Border(diagonal=Side(style="thin"), diagonalDown=True)
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.row_dimensions[2].height = 32
    for cells in data:
        row: list[object] = []
        for n, text in enumerate(cells):
            if n == 0 or not text or not re.fullmatch(r"-?\d+(?:\.\d+)?", text):
                row.append(text or None)
            else:
                row.append(_number(text))
        ws.append(row)
    ws.column_dimensions["A"].width = 16
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.freeze_panes = "A3"


def build_workbook(report: Report) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "基本信息"
    _header(ws, ("项目", "内容"), [14, 40])
    for key, value in BASIC_INFO:
        ws.append([key, report.title if key == "报告标题" else value])
        if isinstance(value, datetime.date):
            ws.cell(row=ws.max_row, column=2).number_format = DATE_FORMAT

    ws = wb.create_sheet("前言")
    _header(ws, ("段落",), [120])
    for text in report.foreword:
        ws.append([text])
        ws.cell(row=ws.max_row, column=1).alignment = WRAP

    ws = wb.create_sheet("正文")
    _header(ws, ("类型", "内容"), [10, 120])
    cases: list[Case] = []
    tables: list[Table] = []
    for item in report.body:
        if isinstance(item, Heading):
            ws.append([HEADING_LEVEL[item.level], item.text])
        elif isinstance(item, Paragraph):
            ws.append(["段落", item.text])
        elif isinstance(item, Case):
            ws.append(["案例", item.number])
            cases.append(item)
        else:
            ws.append(["表格", _sheet_name(item)])
            tables.append(item)
        cell = ws.cell(row=ws.max_row, column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")

    ws = wb.create_sheet("案例")
    _header(ws, ("编号", "标题", "副标题", "正文"), [6, 40, 16, 120])
    for case in cases:
        ws.append([case.number, case.title, None, "\n".join(case.paragraphs)])
        for col in (2, 4):
            ws.cell(row=ws.max_row, column=col).alignment = WRAP

    by_name = {t.name: t for t in tables}
    missing = [name for name in OFFICIAL_TABLES if name not in by_name]
    if missing:
        raise ValueError(f"tables not found in the text: {missing}")
    for name in OFFICIAL_TABLES:
        _write_indicator_sheet(wb.create_sheet(name), by_name[name])
    for table in tables:
        if table.name not in OFFICIAL_TABLES:
            _write_free_table(wb.create_sheet(_sheet_name(table)), table)
    return wb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                        help="the extracted text of the published report")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    report = parse(args.reference.read_text(encoding="utf-8"))
    wb = build_workbook(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    wb.save(args.output)
    print(f"wrote {args.output}: {len(report.body)} body items, "
          f"{sum(isinstance(x, Case) for x in report.body)} cases, "
          f"{sum(isinstance(x, Table) for x in report.body)} tables")
    return 0


if __name__ == "__main__":
    sys.exit(main())
