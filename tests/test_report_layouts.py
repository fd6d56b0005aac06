"""Choices the workbook makes about the report's layout, end to end from a small workbook.

指标表位置 = 附表 gathers the official tables at the end; a case's 副标题 prints under its
title. Each is checked in the produced .docx, read back in document order.
"""

from __future__ import annotations

from pathlib import Path

from docx_reading import read_report
from reference_text import RefCase, RefHeading, RefTable
from reportgen import load, write_report
from reportgen.catalog import load_catalog
from workbooks import CASE_TITLE, build


def _produce(tmp_path: Path, tweak) -> Path:
    report = load(build(tmp_path, tweak))
    out = tmp_path / "report.docx"
    write_report(report, out)
    return out


def _to_appendix(wb) -> None:
    """指标表位置 = 附表, and the text no longer places the six official tables."""
    meta = wb["基本信息"]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "指标表位置":
            row[1].value = "附表"
    body = wb["正文"]
    names = {spec.name for spec in load_catalog(2024).tables}
    for row in reversed(range(2, body.max_row + 1)):
        if body.cell(row, 1).value == "表格" and body.cell(row, 2).value in names:
            body.delete_rows(row)


def test_appendix_setting_prints_the_official_tables_at_the_end(tmp_path: Path):
    """The free table stays in the text as 表1; the six official tables follow a last heading
    附表, captioned 附表1–附表6 in the catalog's order."""
    produced = read_report(_produce(tmp_path, _to_appendix))
    tables = [(i.number, i.name) for i in produced.body if isinstance(i, RefTable)]
    assert tables == [(1, "示例表")] + [(n, spec.name) for n, spec in
                                        enumerate(load_catalog(2024).tables, 1)]
    headings = [i for i in produced.body if isinstance(i, RefHeading)]
    assert headings[-1] == RefHeading(1, "附表")
    appendix_at = produced.body.index(headings[-1])
    assert all(isinstance(i, RefTable) for i in produced.body[appendix_at + 1:])


def test_official_tables_may_also_be_placed_when_they_go_to_the_appendix(tmp_path: Path):
    """With 附表, a placement left in the text is not an error: the table still prints once,
    in the appendix."""
    def appendix_only(wb) -> None:
        meta = wb["基本信息"]
        for row in meta.iter_rows(min_row=2):
            if row[0].value == "指标表位置":
                row[1].value = "附表"

    produced = read_report(_produce(tmp_path, appendix_only))
    names = [i.name for i in produced.body if isinstance(i, RefTable)]
    assert names.count("人才培养质量计分卡") == 1 and names[0] == "示例表"


def test_case_subtitle_prints_under_its_title(tmp_path: Path):
    """A case with a 副标题 prints it on its own line under the title."""
    def subtitle(wb) -> None:
        wb["案例"]["C2"] = "——副标题"

    produced = read_report(_produce(tmp_path, subtitle))
    case = next(i for i in produced.body if isinstance(i, RefCase))
    assert case.title == f"{CASE_TITLE} ——副标题"
