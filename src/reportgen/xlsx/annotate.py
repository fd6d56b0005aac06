"""A copy of the workbook with the cells of each finding highlighted and commented.

The clerk opens the copy in Excel or WPS and sees, on every cell a finding involves, a fill
(red for 错误, yellow for 警告, blue for 提示) and a comment saying what is wrong and which
other cell it contradicts. The original is never opened for writing: the file is copied
first (into memory), and a target that is the input itself is refused. The copy is written
like every output file (:mod:`reportgen.files`): completely, or not at all.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Iterable

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from reportgen.errors import Problem, Severity, UsageError
from reportgen.files import write_atomically
from reportgen.model import SourceRef
from reportgen.xlsx.container import check_workbook_file, unopenable

FILLS = {
    Severity.ERROR: "FFC7CE",
    Severity.WARNING: "FFEB9C",
    Severity.INFO: "DDEBF7",
}
"""The fill colour of a cell by the worst severity of its findings (Excel's own palette)."""
AUTHOR = "reportgen"
"""The author the comments carry."""
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def annotate(workbook: str | os.PathLike[str], out: str | os.PathLike[str],
             problems: Iterable[Problem]) -> int:
    """Write to ``out`` a copy of ``workbook`` with every located cell of ``problems`` marked;
    return how many cells were marked. Raises :class:`UsageError` for a refused target and
    :class:`DataError` (the same problem as :func:`reportgen.xlsx.load`) when ``workbook`` is
    not a workbook openpyxl can open: nothing is written then."""
    source, target = Path(workbook), Path(out)
    check_workbook_file(source)  # an empty, foreign, damaged or oversized file: DataError
    if target.suffix.lower() != ".xlsx":
        raise UsageError("U-ANNOTATE-NOT-XLSX", path=target)
    if target.exists() and target.resolve() == source.resolve():
        raise UsageError("U-ANNOTATE-IS-INPUT", path=target)
    notes: dict[tuple[str, str], list[tuple[Severity, str]]] = {}
    for problem in problems:
        for place, role in ((problem.where, "此处"), (problem.related, "对照处")):
            if _is_cell_of(place, source):
                assert place is not None
                notes.setdefault((place.sheet, place.cell), []).append(
                    (problem.severity, _comment_text(problem, role)))
    try:
        wb = openpyxl.load_workbook(io.BytesIO(source.read_bytes()))  # formulas kept: never data_only
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise unopenable(source, exc) from exc
    try:
        for (sheet, cell), items in notes.items():
            if sheet not in wb.sheetnames:
                continue
            target_cell = wb[sheet][cell]
            worst = min((severity for severity, _ in items), key=_RANK.__getitem__)
            target_cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
            text = "\n\n".join(t for _, t in items)
            if target_cell.comment is not None:
                text = f"{target_cell.comment.text}\n\n{text}"
            comment = Comment(text, AUTHOR)
            comment.width, comment.height = 360, min(60 + 18 * text.count("\n") + len(text) // 2, 600)
            target_cell.comment = comment
        marked = io.BytesIO()
        wb.save(marked)
    finally:
        wb.close()
    write_atomically(target, marked.getvalue())  # the one way files are written (files/writing.py)
    return len(notes)


def _is_cell_of(place: SourceRef | None, workbook: Path) -> bool:
    return place is not None and bool(place.cell) and place.file == workbook.name


def _comment_text(problem: Problem, role: str) -> str:
    """The comment on one cell: what is wrong, this cell's value and the other cell's."""
    lines = [f"【{problem.severity.value}】{problem.message}"]
    here, there = (problem.found, problem.expected) if role == "此处" else (
        problem.expected, problem.found)
    other = problem.related if role == "此处" else problem.where
    if here is not None:
        lines.append(f"此处：{here}")
    if other is not None and there is not None:
        lines.append(f"对照 {other.sheet}!{other.cell}：{there}")
    if problem.hint:
        lines.append(problem.hint)
    if problem.rule:
        lines.append(f"规则：{problem.rule}" + (f"　编号：{problem.finding_id}"
                                               if problem.finding_id else ""))
    return "\n".join(lines)
