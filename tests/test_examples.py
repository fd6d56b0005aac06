"""The example script runs as documented, and every way of making a report makes the same one.

``reportgen.render(reportgen.load(x))``, ``reportgen.generate``, the command and
``examples/build_report.py`` all go through the layout step, so a workbook whose prose names
figures (〔毕业生人数〕) prints the figures — never the raw placeholder — in every one of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx.oxml.ns import qn

import reportgen
from check_workbooks import build_consistent, set_prose
from cli_run import run_cli
from docx_reading import open_docx, read_report
from reference_text import RefParagraph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "build_report.py"
PROSE = "2024年毕业生〔毕业生人数〕人，其中升学〔升学人数〕人，升学率〔毕业生升学率〕%。"
PRINTED = "2024年毕业生100人，其中升学60人，升学率60.00%。"


def run_example(workbook: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(EXAMPLE), str(workbook), str(out)],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def all_text(path: Path) -> list[str]:
    """Every paragraph of the document, those in tables included, in document order."""
    body = open_docx(path).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def test_build_report_example(tmp_path: Path):
    """examples/build_report.py summarises the workbook and writes the 2024 report: 20 cases
    and 7 tables, captioned 表1–表7, as the published report has them."""
    out = tmp_path / "2024.docx"
    result = run_example(ROOT / "inputs" / "2024.xlsx", out)
    assert result.returncode == 0, result.stderr
    assert "20 个案例，7 张表" in result.stdout and "表3 毕业生服务三次产业情况" in result.stdout
    produced = read_report(out)
    assert produced.cover[0] == "璧山区中等职业学校年度质量报告"
    assert sum(1 for item in produced.body if type(item).__name__ == "RefTable") == 7


def test_every_route_prints_the_same_document_with_placeholders_resolved(tmp_path: Path):
    """render(load(x)), generate, the command and the example script give the same document
    text, and in each the paragraph shows the figures, not 〔毕业生人数〕."""
    workbook = build_consistent(tmp_path, lambda wb: set_prose(wb, PROSE))
    routes = {name: tmp_path / f"{name}.docx" for name in ("render", "generate", "cli", "example")}
    routes["render"].write_bytes(reportgen.render(reportgen.load(workbook)))
    reportgen.generate(workbook, routes["generate"], toc=False)
    code, _, err = run_cli(str(workbook), "-o", str(routes["cli"]), "--no-toc")
    assert code == 0, err
    result = run_example(workbook, routes["example"])
    assert result.returncode == 0, result.stderr

    texts = {name: all_text(path) for name, path in routes.items()}
    reads = {name: read_report(path) for name, path in routes.items()}
    for name in ("generate", "cli", "example"):
        assert texts[name] == texts["render"], name
        assert reads[name] == reads["render"], name
    assert RefParagraph(PRINTED) in reads["render"].body
    assert not any("〔" in text for text in texts["render"])


def test_an_unknown_placeholder_stops_every_route(tmp_path: Path):
    """A placeholder naming nothing is a located error whichever way the report is made:
    no route prints it raw."""
    workbook = build_consistent(tmp_path, lambda wb: set_prose(wb, "毕业生〔毕业人数〕人。"))
    with pytest.raises(reportgen.DataError) as raised:
        reportgen.render(reportgen.load(workbook))
    assert any(p.found == "〔毕业人数〕" and p.where is not None for p in raised.value.problems)
    result = run_example(workbook, tmp_path / "example.docx")
    assert result.returncode == 1 and "〔毕业人数〕" in result.stderr
    assert not (tmp_path / "example.docx").exists()
