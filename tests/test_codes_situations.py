"""Codes are stable: each situation a clerk meets gives the same code, in JSON and in text.

These pins are the promise made to scripts (docs/problems.md): a code, once released, keeps
meaning the same situation whatever its wording becomes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import Workbook

from check_workbooks import build_consistent, row_of, set_figure, set_prose
from cli_run import run_cli
from reportgen import codes
from reportgen.checks.rules import BY_ID, RULES, Kind
from reportgen.cli.parsing import Parser
from reportgen.errors import SEVERITIES, UsageError
from reportgen.pipeline import check_workbook

EXAMPLE = Path(__file__).parent.parent / "inputs" / "2024.xlsx"

KIND_CODES: dict[Kind, tuple[str, ...]] = {
    Kind.SUM: ("W-CHECK-SUM",),
    Kind.NOT_EXCEEDING: ("W-CHECK-PART",),
    Kind.SAME: ("W-CHECK-SAME",),
    Kind.RATIO: ("W-CHECK-RATIO",),
    Kind.RANGE: ("E-CHECK-RANGE", "E-CHECK-MINIMUM"),
    Kind.FRACTION: ("W-CHECK-FRACTION",),
    Kind.SURVEY_BASE: ("W-CHECK-SURVEY-BASE",),
    Kind.WEIGHTED_MEAN: ("W-CHECK-WEIGHTED",),
    Kind.FREE_SUM: ("W-CHECK-TABLE-SUM",),
    Kind.FREE_SUBTOTAL: ("W-CHECK-TABLE-SUBTOTAL",),
    Kind.FREE_SHARE: ("W-CHECK-TABLE-SHARE",),
    Kind.TEXT: ("W-CHECK-TEXT",),
    Kind.TEXT_PART: ("W-CHECK-TEXT-PART",),
    Kind.TEXT_TERM: (),
    Kind.TEXT_RATE: ("W-CHECK-TEXT-RATE",),
    Kind.TEXT_TOTAL: ("W-CHECK-TEXT-TOTAL",),
}
"""The code of each kind of rule's findings (the rule id says which figures)."""


def _hide_a_row(wb: Workbook) -> None:
    sheet, row = row_of(wb, "scorecard.graduates")
    wb[sheet].row_dimensions[row].hidden = True


def _rename_foreword(wb: Workbook) -> None:
    wb["前言"].title = "前言页"


SITUATIONS: list[tuple[str, Callable[[Workbook], object], str]] = [
    ("一千二 in a number cell", lambda wb: set_figure(wb, "scorecard.graduates", "一千二"),
     "E-CELL-NUMBER"),
    ("12人 in a row whose unit is 人", lambda wb: set_figure(wb, "scorecard.graduates", "12人"),
     "E-CELL-NUMBER-UNIT"),
    ("a hidden row", _hide_a_row, "W-ROW-HIDDEN"),
    ("a sheet deleted", lambda wb: wb.remove(wb["前言"]), "E-SHEET-MISSING"),
    ("a sheet renamed", _rename_foreword, "E-SHEET-MISNAMED"),
    ("a percentage above 100",
     lambda wb: set_figure(wb, "scorecard.in_province_placement_rate", 120), "E-CHECK-RANGE"),
    ("prose contradicting a figure", lambda wb: set_prose(wb, "2024年毕业生120人。"),
     "W-CHECK-TEXT"),
    ("a misspelt placeholder", lambda wb: set_prose(wb, "毕业生〔毕业生人〕人。"),
     "E-PLACEHOLDER-MISSPELT"),
]


@pytest.mark.parametrize("tweak,code", [(t, c) for _, t, c in SITUATIONS],
                         ids=[name for name, _, _ in SITUATIONS])
def test_a_situation_gives_its_code(tmp_path: Path, tweak: Callable[[Workbook], object],
                                    code: str):
    """The consistent workbook with one thing broken reports that thing under its code."""
    found = check_workbook(build_consistent(tmp_path, tweak))
    assert code in {p.code for p in found}


def test_a_number_cell_holding_words_shows_E_CELL_NUMBER_in_json_and_text(tmp_path: Path):
    """``check --format json`` gives each finding its ``code``; the text names it on the
    finding's last line."""
    path = build_consistent(tmp_path, lambda wb: set_figure(wb, "scorecard.graduates", "一千二"))
    code, out, _ = run_cli("check", str(path), "--format", "json")
    finding = next(f for f in json.loads(out)["findings"] if f["found"] == "一千二")
    assert code == 1 and finding["code"] == "E-CELL-NUMBER" and finding["message"] == "应为数字"
    _, text, _ = run_cli("check", str(path))
    assert "内容：一千二\n     建议：请只填写数字（可带小数点），不要加文字或单位\n     代码：E-CELL-NUMBER\n" in text


def test_every_finding_of_the_2024_report_has_its_kinds_code():
    """Each finding's code is its rule kind's (or that code's near-miss note), in JSON and
    in text beside the rule."""
    code, out, _ = run_cli("check", str(EXAMPLE), "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0 and findings
    for finding in findings:
        expected = KIND_CODES[BY_ID[finding["rule"]].kind]
        allowed = set(expected) | {codes.REGISTRY[c].near for c in expected} - {None}
        assert finding["code"] in allowed, finding
    near = [f for f in findings if f["severity"] == "info"]
    assert near and all(f["code"].startswith("I-CHECK-") for f in near)
    _, text, _ = run_cli("check", str(EXAMPLE))
    assert "     规则：text.graduates　代码：W-CHECK-TEXT　编号：" in text


def test_every_rule_kind_has_codes_and_rule_severities_agree_with_them():
    """A rule's severity is its findings' code's letter (E- error, W- warning)."""
    assert set(KIND_CODES) == set(Kind)
    for rule in RULES:
        for code in KIND_CODES[rule.kind]:
            assert SEVERITIES[codes.REGISTRY[code].letter] is rule.severity, rule.id


def test_a_workbook_that_cannot_be_checked_gives_its_error_code_in_json(tmp_path: Path):
    """A missing workbook: exit 2, the Chinese message on stderr, and for scripts the error
    with its code on stdout."""
    code, out, err = run_cli("check", str(tmp_path / "没有.xlsx"), "--format", "json")
    error = json.loads(out)["error"]
    assert code == 2 and error["code"] == "U-FILE-MISSING" and error["exit_code"] == 2
    assert error["message"] in err and "找不到工作簿文件" in err


@pytest.mark.parametrize("argv,code", [
    (["a.xlsx", "--colour"], "U-ARGS-UNKNOWN"),
    ([], "U-ARGS-REQUIRED"),
    (["a.xlsx", "-o"], "U-ARGS-NO-VALUE"),
    (["a.xlsx", "--format", "xml"], "U-ARGS-INVALID"),
])
def test_command_line_mistakes_have_codes(argv: list[str], code: str):
    """argparse's complaints become usage errors with codes, worded as before."""
    parser = Parser(prog="reportgen")
    parser.add_argument("workbook")
    parser.add_argument("-o")
    parser.add_argument("--format", choices=("text", "json"))
    with pytest.raises(UsageError) as caught:
        parser.parse_args(argv)
    assert caught.value.code == code and str(caught.value).endswith("用 --help 查看说明")
