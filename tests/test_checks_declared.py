"""Rules the clerk declares in the 规则 sheet: equal, not greater, not less, summing up.

Figures are named as placeholders name them — an indicator, a 数据 figure, a free-table cell
〔表-X!行名@列名〕 — joined by + around one comparison. A rule that cannot be read is an error
at its cell saying what is wrong; a rule whose figures disagree is a warning naming both.

Marking a finding as checked: its stable 编号 in the 核对 sheet, and the mark lapsing by itself.

A finding's 编号 is a fingerprint of its rule, the cells it compares and their values: the same
in every run, different as soon as one of the figures changes. A clerk copies it into the 核对
sheet with a reason; builds and ``check`` stop repeating the finding, ``check --all`` still shows
it, and a changed figure brings it back (with a note that the old mark matches nothing).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import Workbook

from check_workbooks import build_consistent, set_prose
from cli_run import run_cli
from reportgen.checks.declared import check_declared, rule_id
from reportgen.errors import Problem, Severity
from reportgen.figures import Figures
from reportgen.model import DeclaredRule, SourceRef, Text
from reportgen.pipeline import check_workbook
from reportgen.xlsx import load

T = "〔表-专业设置一览!合计@小计〕"
"""The own table's grand total (285 in the consistent workbook)."""


def rules(*rows: tuple[object, ...]) -> Callable[[Workbook], None]:
    """The consistent workbook with a 规则 sheet holding ``rows`` (规则, 说明)."""
    def tweak(wb: Workbook) -> None:
        ws = wb.create_sheet("规则")
        ws.append(["规则", "说明"])
        for row in rows:
            ws.append(list(row))
        data = wb.create_sheet("数据")
        data.append(["名称", "数值", "单位"])
        data.append(["专业学生总数", 285, "人"])
    return tweak


HOLDING = (
    (f"{T} = 〔表-专业设置一览!合计@一年级〕 + 〔表-专业设置一览!合计@二年级〕", "合计等于两个年级之和"),
    ("〔聘请大国工匠、劳动模范人数〕 <= 〔聘请行业导师人数*〕", None),
    ("〔教职工总数〕 ≥ 〔专任教师总数〕", None),
    ("〔专任教师总数〕 不超过 〔教职工总数〕", None),
    (f"{T} ＝ 〔专业学生总数〕", "数据表中的数"),
    ("〔毕业生人数〕 >= 〔毕业去向落实人数〕", None),
)
"""Rules the consistent workbook satisfies, in every form a comparison may take."""


def test_rules_that_hold_find_nothing(tmp_path):
    """Equal, ≤, ≥ and sums over indicators, free-table cells and 数据 figures: no finding."""
    assert check_workbook(build_consistent(tmp_path, rules(*HOLDING))) == []


@pytest.mark.parametrize(("rule", "found", "expected"), [
    (f"{T} = 〔全日制在校生人数〕", f"{T} 285", "〔全日制在校生人数〕 500人"),
    ("〔全日制在校生人数〕 <= 〔专任教师总数〕", "〔全日制在校生人数〕 500人", "〔专任教师总数〕 40人"),
    ("〔专任教师总数〕 >= 〔教职工总数〕", "〔专任教师总数〕 40人", "〔教职工总数〕 60人"),
    ("〔毕业生人数〕 = 〔毕业去向落实人数〕 + 〔升学人数〕", "〔毕业生人数〕 100人",
     "〔毕业去向落实人数〕 98人 + 〔升学人数〕 60人 = 158"),
])
def test_a_rule_that_fails_names_both_sides(tmp_path, rule, found, expected):
    """A warning located at the left side's first figure, against the right side's, each side
    shown with its names and values; the rule's text is in the message."""
    problems = check_workbook(build_consistent(tmp_path, rules((rule, None))))
    assert [(p.code, p.severity, p.found, p.expected) for p in problems] == [
        ("W-CHECK-DECLARED", Severity.WARNING, found, expected)]
    assert rule.strip() in problems[0].message and problems[0].related is not None


def test_the_note_is_the_hint(tmp_path):
    """What the clerk wrote under 说明 tells what to check."""
    problems = check_workbook(build_consistent(tmp_path, rules(
        (f"{T} = 〔全日制在校生人数〕", "专业设置表的合计就是全日制在校生"))))
    assert problems[0].hint == "专业设置表的合计就是全日制在校生，请核对"


@pytest.mark.parametrize(("rule", "code", "words"), [
    ("〔毕业生人数〕 〔升学人数〕", "E-RULE-SYNTAX", "没有比较符号"),
    ("〔毕业生人数〕 = 〔升学人数〕 = 〔毕业去向落实人数〕", "E-RULE-SYNTAX", "只能有一个比较符号"),
    ("毕业生人数 = 〔升学人数〕", "E-RULE-SYNTAX", "“毕业生人数”不是写在〔〕中的名称"),
    ("〔毕业生人数〕 = ", "E-RULE-SYNTAX", "两边都要写"),
    ("〔毕业生人〕 = 〔升学人数〕", "E-RULE-NAME", "是否是"),
    ("〔表-专业设置一览!总计@小计〕 = 〔升学人数〕", "E-RULE-NAME", "没有第一列为“总计”的行"),
    ("〔表-专业一览!合计@小计〕 = 〔升学人数〕", "E-RULE-NAME", "没有工作表“表-专业一览”"),
    ("〔专业学生总数较上年增减〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
    ("〔专业学生总数@上年〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
    ("〔毕业生人数@变化〕 = 〔升学人数〕", "E-RULE-CHANGE", "只用于正文"),
])
def test_a_bad_rule_is_a_located_error(tmp_path, rule, code, words):
    """Each rule that cannot be read is an error at its cell (规则!A2) saying what is wrong."""
    problems = check_workbook(build_consistent(tmp_path, rules((rule, None))))
    assert [(p.code, p.where.sheet, p.where.cell) for p in problems if p.where] == [
        (code, "规则", "A2")]
    assert words in problems[0].message and problems[0].severity is Severity.ERROR


def test_a_rule_over_an_empty_figure_finds_nothing(tmp_path):
    """An empty cell is legal: the rule has nothing to compare."""
    def emptied(wb: Workbook) -> None:
        rules((f"{T} = 〔全日制在校生人数〕", None))(wb)
        wb["表-专业设置一览"]["E7"] = None
    assert check_workbook(build_consistent(tmp_path, emptied)) == []


def test_a_rule_keeps_its_id_wherever_its_row_stands(tmp_path):
    """The id is a fingerprint of the text (spaces ignored), so a finding's 编号 survives rows
    inserted above it."""
    a = DeclaredRule(Text(f"{T} = 〔全日制在校生人数〕"))
    b = DeclaredRule(Text(f"{T}=〔全日制在校生人数〕"))
    assert rule_id(a) == rule_id(b) and rule_id(a).startswith("declared.")


def test_a_workbook_without_the_sheet_has_no_declared_rules(tmp_path):
    """The sheet is optional: the report has none and nothing is checked."""
    report = load(build_consistent(tmp_path))
    assert report.declared == () and list(check_declared(report, Figures(report))) == []


# -- findings marked as checked (核对) --


SAID = "毕业生1476人。"
"""A sentence contradicting the consistent workbook's 100 graduates."""


def with_marks(prose: str, *rows: tuple[object, ...]) -> Callable[[Workbook], None]:
    """The consistent workbook with ``prose`` and a 核对 sheet holding ``rows``."""
    def tweak(wb: Workbook) -> None:
        set_prose(wb, prose)
        if rows:
            ws = wb.create_sheet("核对")
            ws.append(["编号", "原因"])
            for row in rows:
                ws.append(list(row))
    return tweak


def the_finding(folder: Path, prose: str = SAID) -> Problem:
    folder.mkdir(parents=True, exist_ok=True)
    found = [p for p in check_workbook(build_consistent(folder, with_marks(prose)))
             if p.rule == "text.graduates"]
    assert len(found) == 1
    return found[0]


def test_the_id_is_short_stable_and_depends_on_the_values(tmp_path):
    """Eight letters and digits in two groups; the same in two runs and in a renamed workbook;
    another value gives another 编号."""
    first = the_finding(tmp_path / "a").finding_id
    assert first is not None and len(first) == 9 and first[4] == "-"
    assert the_finding(tmp_path / "b").finding_id == first
    renamed = Problem.of("W-CHECK-TEXT", SourceRef("其它.xlsx", "正文", "B3"), found="毕业生1476人",
                         related=SourceRef("其它.xlsx", "人才培养质量计分卡", "D2"), expected="100人",
                         rule="text.graduates", place="正文", label="毕业生人数*")
    assert renamed.finding_id == first
    assert the_finding(tmp_path / "c", "毕业生1477人。").finding_id != first


def test_a_problem_of_reading_has_no_id():
    """Only check findings are marked: a problem no rule found has no 编号."""
    assert Problem.of("E-CELL-NUMBER", SourceRef("t.xlsx", "表", "A1"), found="x").finding_id is None


def test_a_marked_finding_is_kept_marked_with_its_reason(tmp_path, tmp_path_factory):
    """The 核对 sheet names the finding (case, spaces and hyphens do not matter): it is still
    returned, with its reason, and nothing else is added."""
    finding = the_finding(tmp_path_factory.mktemp("first"))
    assert finding.finding_id is not None
    written = finding.finding_id.lower().replace("-", " ")
    found = check_workbook(build_consistent(tmp_path, with_marks(SAID, (written, "学校口径不同"))))
    assert [(p.rule, p.checked) for p in found] == [("text.graduates", "学校口径不同")]


def test_check_leaves_marked_findings_out_unless_all(tmp_path, tmp_path_factory):
    """``check`` counts a marked finding but does not list it; ``--all`` lists it, marked, with
    its reason; JSON gives every finding its id and its mark."""
    finding = the_finding(tmp_path_factory.mktemp("first"))
    path = build_consistent(tmp_path, with_marks(SAID, (finding.finding_id, "已与学校核实")))
    code, out, _ = run_cli("check", str(path))
    assert code == 0 and "警告 0 处" in out and "另有 1 处已核对" in out
    assert "毕业生1476人" not in out
    code, out, _ = run_cli("check", str(path), "--all")
    assert "（已核对）" in out and "已核对：已与学校核实" in out and f"编号：{finding.finding_id}" in out
    _, out, _ = run_cli("check", str(path), "--all", "--format", "json")
    data = json.loads(out)
    assert [(f["id"], f["checked"]) for f in data["findings"]] == [
        (finding.finding_id, "已与学校核实")]
    _, out, _ = run_cli("check", str(path), "--format", "json")
    assert json.loads(out)["findings"] == [] and json.loads(out)["checked_not_listed"] == 1


def test_a_build_does_not_repeat_a_marked_finding(tmp_path, tmp_path_factory):
    """The build says only that one finding was checked."""
    finding = the_finding(tmp_path_factory.mktemp("first"))
    path = build_consistent(tmp_path, with_marks(SAID, (finding.finding_id, "口径不同")))
    code, _, err = run_cli(str(path), "-o", str(tmp_path / "r.docx"), "--no-toc")
    assert code == 0 and "1 处已核对" in err and "毕业生1476人" not in err


def test_the_mark_lapses_when_a_figure_changes(tmp_path, tmp_path_factory):
    """The paragraph now says 1477: the finding is back, under a new 编号, and a note at the
    核对 row says its 编号 matches nothing any more."""
    finding = the_finding(tmp_path_factory.mktemp("first"))
    found = check_workbook(build_consistent(
        tmp_path, with_marks("毕业生1477人。", (finding.finding_id, "口径不同"))))
    back = [p for p in found if p.rule == "text.graduates"]
    assert len(back) == 1 and back[0].checked is None
    assert back[0].finding_id != finding.finding_id
    notes = [p for p in found if p.code == "I-CHECK-MARK-UNUSED"]
    assert [(n.where.sheet, n.where.cell, n.found) for n in notes if n.where] == [
        ("核对", "A2", finding.finding_id)]


def test_an_error_cannot_be_marked(tmp_path, tmp_path_factory):
    """A percentage above 100 stops the build whatever the 核对 sheet says: the mark is
    refused with a note, and the error stays an error."""
    def broken(wb: Workbook) -> None:
        from check_workbooks import set_figure
        set_figure(wb, "scorecard.in_province_placement_rate", 120)

    first = check_workbook(build_consistent(tmp_path_factory.mktemp("first"), broken))
    error = next(p for p in first if p.severity is Severity.ERROR)

    def marked(wb: Workbook) -> None:
        broken(wb)
        ws = wb.create_sheet("核对")
        ws.append(["编号", "原因"])
        ws.append([error.finding_id, "没问题"])

    found = check_workbook(build_consistent(tmp_path, marked))
    assert [p.checked for p in found if p.severity is Severity.ERROR] == [None]
    assert "I-CHECK-MARK-ERROR" in {p.code for p in found}


def test_a_reason_without_an_id_is_a_located_error(tmp_path):
    """A 核对 row with a reason but no 编号 is pointed at."""
    found = check_workbook(build_consistent(tmp_path, with_marks(SAID, (None, "忘了写编号"))))
    assert [(p.code, p.where.cell) for p in found if p.where and p.where.sheet == "核对"] == [
        ("E-MARK-NO-ID", "A2")]


def test_marks_apply_to_the_finding_they_name_and_nothing_marked_leaves_findings_as_found():
    """Without marks the findings come back as found, none checked; a mark naming one
    finding's 编号 (written in lower case, with spaces) marks that one only."""
    from reportgen.checks.declared import apply_marks
    from reportgen.model import CheckMark

    where = SourceRef("t.xlsx", "正文", "B3")
    findings = [Problem.of("W-CHECK-TEXT-PART", where, found=f"其中{n}人", related=where,
                           expected="总数 1", rule="text.part", place="正文", part=n, whole=1,
                           description="部分不超过总数") for n in (2, 3)]
    assert apply_marks(findings, []) == findings
    assert all(p.checked is None for p in apply_marks(findings, []))
    written = (findings[1].finding_id or "").lower().replace("-", " ")
    marked = apply_marks(findings, [CheckMark(Text(written, where), Text("已核实"))])
    assert [p.checked for p in marked] == [None, "已核实"]
