"""Any text survives the trip from a cell to the report: generation either succeeds, with the
text present exactly (control characters removed) in a .docx that python-docx reopens, or
fails with located problems. Never a traceback, never a corrupt file.

The budget is fixed and the search derandomized, so CI runs the same examples every time.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import DataError
from reportgen.xlsx import load
from reportgen.pipeline import write_report
from workbooks import FREE_TABLE, cell_of, minimal_workbook, save

SPECIALS = list("&<>\"'{}%#_\\\x00\x01\x07\x0b\x0c\r\n\t\x7f\x85\u3000\u200b\u0301\u20dd\ufeff")
PIECES = ["{{ meta.title }}", "{% if x %}", "{#", "#}", "{_{", "}_}", "{_%", "%_}", "_x000B_",
          "😀", "👩‍👩‍👧", "中文", "é", "\ue000u", "]]>", "<w:t>", "&amp;", "１，２３４"]

texts = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
              st.sampled_from(SPECIALS), st.sampled_from(PIECES)),
    max_size=12,
).map("".join)

visible = st.tuples(st.sampled_from(["案例", "标题", "A", "😀"]), texts).map("".join)
"""Text that does not clean away to nothing, for cells that must not be empty."""

numbers = st.one_of(
    texts,
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**9,
                max_value=10**9).map(str),
    st.sampled_from(["1,234", "１２３４", " 12 ", "12.50", "—", "/", "无", "", "一千二"]),
)

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def stored(text: str) -> str:
    """``text`` as Excel stores it in the file: ``_x`` escaped, control characters as
    ``_xHHHH_`` (openpyxl refuses them raw)."""
    text = text.replace("_x", "_x005F_x")
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def cleaned(text: str) -> str:
    """What the report prints for a cell: control characters gone, spaces trimmed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()


def lines(text: str) -> list[str]:
    """The paragraphs a multi-line cell becomes."""
    return [line.strip() for line in cleaned(text).split("\n") if line.strip()]


def report_texts(path: Path) -> tuple[list[str], list[str]]:
    """The report's paragraph texts and table cell texts, as python-docx reopens them."""
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cells.append(cell.text)
                paragraphs.extend(p.text for p in cell.paragraphs)
    return paragraphs, cells


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=texts, title=visible, body=visible, cell=texts, note=texts, figure=numbers)
def test_any_text_is_printed_exactly_or_refused_with_its_place(paragraph, title, body, cell,
                                                               note, figure):
    """Arbitrary Unicode in the text cells and a figure either reaches the report exactly or
    is refused with located problems; the existing report is never damaged."""
    wb = minimal_workbook()
    wb["正文"]["B3"] = stored(paragraph)
    wb["案例"]["B2"] = stored(title)
    wb["案例"]["D2"] = stored(body)
    wb[FREE_TABLE]["A2"] = stored(cell)
    cell_of(wb, "人才培养质量计分卡", "毕业生人数*", "备注").value = stored(note)
    cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = stored(figure)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        out.write_bytes(b"old")
        try:
            report = load(save(wb, Path(folder)))
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.where is not None and problem.where.sheet, str(problem)
                assert str(problem).startswith("test.xlsx › ")
            assert out.read_bytes() == b"old"
            return
        write_report(report, out)
        paragraphs, cells = report_texts(out)

    for line in lines(paragraph) + lines(body):
        assert line in paragraphs
    assert cleaned(title) in paragraphs
    assert cleaned(cell) in cells
    if cleaned(note):
        assert cleaned(note) in cells
    value = report.indicator_tables[0].rows[0].value.value
    if value is not None:
        assert isinstance(value, Decimal) and format(value, "f") in cells
