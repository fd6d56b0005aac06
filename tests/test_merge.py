"""``reportgen merge``: schools' workbooks → the district's, each indicator by its meaning.

Two small school workbooks with figures chosen so that every kind of aggregation gives a
number one can work out by hand; the merged workbook is read back and compared.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from cli_run import run_cli

from reportgen import DataError, Problems
from reportgen.catalog import parse_catalog
from reportgen.errors import Severity, UsageError
from reportgen.model import FreeTable
from reportgen.xlsx.workbook import read_report
from reportgen.yearly.aggregate import School, merge_figures
from reportgen.yearly.merging import merge_workbooks
from check_workbooks import set_figure
from workbooks import build

SCHOOL_A = {
    "scorecard.graduates": 100, "service_contribution.vertical_research_funding": 12.5,
    "policy_implementation.full_time_students": 500, "policy_implementation.full_time_teachers": 40,
    "teaching_resources.student_teacher_ratio": 12.5,
    "teaching_resources.quality_online_courses.门": 3,
    "teaching_resources.quality_online_course_students": 30,
    "teaching_resources.equipment_value_per_student": 8000.5,
    "satisfaction.graduates": 90.5, "scorecard.in_province_placement_rate": 98.5,
    "scorecard.placed": 90,
}
SCHOOL_B = {
    "scorecard.graduates": 50, "service_contribution.vertical_research_funding": 7.25,
    "policy_implementation.full_time_students": 300, "policy_implementation.full_time_teachers": 20,
    "teaching_resources.student_teacher_ratio": 15,
    "teaching_resources.quality_online_courses.门": 1,
    "teaching_resources.quality_online_course_students": 50,
    "teaching_resources.equipment_value_per_student": 6000,
    "satisfaction.graduates": 80, "scorecard.in_province_placement_rate": 97,
    "scorecard.placed": 45,
}
SURVEY = {"A": (100, "问卷"), "B": (300, "电话")}
"""调查人次 and 调查方式 of every satisfaction row, by school."""


def school(folder: Path, name: str, figures: dict, tweak=None) -> Path:
    """A minimal workbook named after the school, with ``figures`` and its survey columns."""
    count, method = SURVEY[name]

    def fill(wb):
        wb["基本信息"]["B2"] = f"{name}校"
        for ref, value in figures.items():
            set_figure(wb, ref, value)
        ws = wb["满意度调查表"]
        for row in range(2, ws.max_row + 1):
            ws.cell(row, 5).value, ws.cell(row, 6).value = count, method
        if tweak is not None:
            tweak(wb)
    return build(folder, fill, f"{name}校.xlsx")


def figure(path: Path, sheet: str, row_name: str, column: str = "数值"):
    """A cell of the merged workbook, by its indicator's name (first match)."""
    wb = openpyxl.load_workbook(path)
    try:
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            if row[1] and row[1].removeprefix("其中：") == row_name:
                return row[header.index(column)]
    finally:
        wb.close()
    raise KeyError(row_name)


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("merge")
    paths = [school(folder, "A", SCHOOL_A), school(folder, "B", SCHOOL_B)]
    target = folder / "区县.xlsx"
    return target, merge_workbooks(paths, target)


def test_counts_and_amounts_are_summed(merged):
    """毕业生人数 100 + 50; 纵向科研经费 12.5 + 7.25 万元; 调查人次 100 + 300."""
    target, _ = merged
    assert figure(target, "人才培养质量计分卡", "毕业生人数*") == 150
    assert figure(target, "服务贡献表", "纵向科研经费到款额*") == 19.75
    assert figure(target, "满意度调查表", "毕业生满意度", "调查人次") == 400


def test_a_ratio_is_recomputed_from_the_summed_parts(merged):
    """生师比 = (500 + 300) ÷ (40 + 20) = 13.33…, at the schools' finest precision (12.5): 13.3
    — not the mean of 12.5 and 15."""
    assert figure(merged[0], "教学资源表", "生师比*") == 13.3


def test_survey_results_are_weighted_by_the_number_asked(merged):
    """毕业生满意度 = (90.5 × 100 + 80 × 300) ÷ 400 = 82.625 → 82.6; 调查方式 both, sorted."""
    assert figure(merged[0], "满意度调查表", "毕业生满意度") == 82.6
    assert figure(merged[0], "满意度调查表", "毕业生满意度", "调查方式") == "电话、问卷"


def test_a_mean_is_weighted_by_its_indicator(merged):
    """课均学生数 = (30 × 3 + 50 × 1) ÷ (3 + 1) = 35 (weighted by 在线精品课程数)."""
    assert figure(merged[0], "教学资源表", "在线精品课程课均学生数*") == 35


def test_a_per_student_value_comes_from_the_totals(merged):
    """生均仪器设备值 = (8000.5 × 500 + 6000 × 300) ÷ 800 = 7250.3125 → 7250.3."""
    assert figure(merged[0], "教学资源表", "生均教学科研仪器设备值*") == 7250.3


def test_an_indicator_that_cannot_be_aggregated_is_left_and_listed(merged):
    """本省去向落实率 has no parts in the tables: the cell stays empty and the result names it
    with the catalog's reason — never an average of 98.5 and 97."""
    target, result = merged
    assert figure(target, "人才培养质量计分卡", "毕业生本省去向落实率") is None
    left = {m.key[1]: m.left for m in result.left}
    assert "in_province_placement_rate" in left and "不在指标表中" in left["in_province_placement_rate"]
    assert "graduates" not in left


def _catalog_with(replacements: dict[str, str]):
    """The 2024 catalog with some indicators' aggregation lines replaced."""
    text = resources.files("reportgen.catalog").joinpath("2024.toml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return parse_catalog(text, year=2024)


def test_a_rate_and_a_per_student_value_with_its_total_recompute_from_sums(tmp_path):
    """A later catalog may declare a rate from two indicators, or a per-student value whose
    total is in the tables: 落实率 = (90 + 45) ÷ (100 + 50) × 100 = 90.0 (98.5 has one decimal);
    生均 = (10 + 20) ÷ (500 + 300) = 0.0375 → 0.04 (the schools' two decimals)."""
    catalog = _catalog_with({
        'aggregate = "none"\nreason = "在本省落实去向的毕业生人数不在指标表中，无法由各校的数重新计算"':
            'aggregate = "rate"\nnumerator = "scorecard.placed"\ndenominator = "scorecard.graduates"',
        'units = ["个/生"]\naggregate = "per_student"\n':
            'units = ["个/生"]\naggregate = "per_student"\n'
            'numerator = "policy_implementation.joint_practice_centers"\n',
    })
    extra = {"policy_implementation.joint_practice_centers": 10,
             "teaching_resources.practice_stations_per_student": 0.02}
    schools = []
    for name, figures, more in (("A", SCHOOL_A, extra), ("B", SCHOOL_B, {
            "policy_implementation.joint_practice_centers": 20,
            "teaching_resources.practice_stations_per_student": 0.07})):
        problems = Problems()
        report = read_report(school(tmp_path, name, {**figures, **more}), problems, catalog)
        assert report is not None, problems.items
        schools.append(School(name, report))
    values, _, problems_found = merge_figures(schools, catalog)
    assert problems_found == []
    assert values[("scorecard", "in_province_placement_rate", "%")].value == Decimal("90.0")
    assert values[("teaching_resources", "practice_stations_per_student", "个/生")].value \
        == Decimal("0.04")


def test_the_sources_sheet_names_each_schools_cell(merged):
    """来源: one row per school and figure, with the school cell and its value."""
    target, _ = merged
    wb = openpyxl.load_workbook(target)
    rows = [r for r in wb["来源"].iter_rows(min_row=2, values_only=True) if r[1] == "D2"
            and r[0] == "人才培养质量计分卡"]
    wb.close()
    assert rows == [
        ("人才培养质量计分卡", "D2", "毕业生人数*", "人", "各校相加", "150", "A校",
         "A校.xlsx › 人才培养质量计分卡!D2", "100"),
        ("人才培养质量计分卡", "D2", "毕业生人数*", "人", "各校相加", "150", "B校",
         "B校.xlsx › 人才培养质量计分卡!D2", "50"),
    ]


def test_cases_come_as_candidates_with_their_school_and_prose_as_material(merged):
    """Each school's case, renumbered, 状态 备选, 学校 named; the prose by school and chapter."""
    target, _ = merged
    wb = openpyxl.load_workbook(target)
    cases = list(wb["案例"].iter_rows(min_row=2, values_only=True))
    material = list(wb["素材"].iter_rows(min_row=2, values_only=True))
    wb.close()
    assert [(c[0], c[1], c[4], c[5]) for c in cases] == [
        ("1", "案例标题", "备选", "A校"), ("2", "案例标题", "备选", "B校")]
    assert ("A校", "前言", "段落", "这是前言的第一段。", "A校.xlsx › 前言!A2") in material
    assert ("B校", "学校概况", "段落", "这是正文的第一段。", "B校.xlsx › 正文!B3") in material


def test_the_merged_workbook_builds_once_the_district_writes_its_text(merged, tmp_path):
    """After filling 基本信息 and one chapter, it loads; unplaced candidate cases are fine,
    a placed one prints."""
    from reportgen import load
    wb = openpyxl.load_workbook(merged[0])
    for cell, value in (("B2", "某区"), ("B5", "某区中等职业学校年度质量报告"), ("B6", "某区教委"),
                        ("B7", "2024-12-30")):
        wb["基本信息"][cell] = value
    wb["正文"].append(["一级标题", "概况"])
    wb["正文"].append(["案例", "2"])
    path = tmp_path / "区县-已填.xlsx"
    wb.save(path)
    report = load(path)
    assert [c.key for c in report.cases] == ["2"]
    assert len(report.merged) > 0


def test_schools_with_errors_are_all_reported_and_nothing_is_written(tmp_path):
    """Every error of every school at once, each located in its file; no district file."""
    def bad_a(wb):
        wb["人才培养质量计分卡"]["D2"] = "很多"
    def bad_b(wb):
        set_figure(wb, "satisfaction.parents", 120)
    paths = [school(tmp_path, "A", SCHOOL_A, bad_a), school(tmp_path, "B", SCHOOL_B, bad_b)]
    target = tmp_path / "区县.xlsx"
    with pytest.raises(DataError) as caught:
        merge_workbooks(paths, target)
    errors = [str(p) for p in caught.value.problems if p.severity is Severity.ERROR]
    assert any(e.startswith("A校.xlsx › 人才培养质量计分卡!D2：应为数字") for e in errors)
    assert any(e.startswith("B校.xlsx › 满意度调查表!D13") for e in errors)
    assert not target.exists()


def test_a_weighted_figure_without_its_weight_is_an_error(tmp_path):
    """A satisfaction result without 调查人次 cannot be weighted: located at the empty count."""
    def no_count(wb):
        wb["满意度调查表"]["E8"] = None
    paths = [school(tmp_path, "A", SCHOOL_A, no_count), school(tmp_path, "B", SCHOOL_B)]
    with pytest.raises(DataError) as caught:
        merge_workbooks(paths, tmp_path / "区县.xlsx")
    [error] = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert error.code == "E-MERGE-WEIGHT-MISSING" and str(error.where) == "A校.xlsx › 满意度调查表!E8"


def test_the_same_school_twice_or_different_years_are_refused(tmp_path):
    """The same file (or a copy) twice, two files of one name, or different 报告年份."""
    a = school(tmp_path, "A", SCHOOL_A)
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(a.read_bytes())
    for pair, code, words in (([a, a], "U-MERGE-SAME-FILE", "是同一个文件"),
                              ([a, copy], "U-MERGE-SAME-CONTENT", "内容完全相同")):
        with pytest.raises(UsageError, match=words) as caught:
            merge_workbooks(pair, tmp_path / "x.xlsx")
        assert caught.value.code == code and "同一所学校不能合并两次" in str(caught.value)
    (tmp_path / "sub").mkdir()
    other = school(tmp_path / "sub", "A", SCHOOL_B)
    with pytest.raises(UsageError, match="文件名相同") as caught:
        merge_workbooks([a, other], tmp_path / "x.xlsx")
    assert caught.value.code == "U-MERGE-SAME-NAME"

    def later(wb):
        wb["基本信息"]["B4"] = 2025
    b = school(tmp_path, "B", SCHOOL_B, later)
    with pytest.raises(UsageError) as caught:
        merge_workbooks([a, b], tmp_path / "x.xlsx")
    assert caught.value.code == "U-MERGE-YEAR-MISMATCH"
    assert "A校.xlsx：2024年、B校.xlsx：2025年" in str(caught.value)
    assert not (tmp_path / "x.xlsx").exists()


def test_merge_on_the_command_line(tmp_path):
    """The command says what it merged and lists what is left for the clerk; a school with
    errors gives exit code 1 and the list; an existing output is not replaced."""
    paths = [str(school(tmp_path, "A", SCHOOL_A)), str(school(tmp_path, "B", SCHOOL_B))]
    target = tmp_path / "区县.xlsx"
    code, out, _ = run_cli("merge", *paths, "-o", str(target))
    assert code == 0 and "已合并 2 所学校（A校、B校）" in out
    assert "人才培养质量计分卡“毕业生本省去向落实率”" in out and "“来源”表" in out
    code, _, err = run_cli("merge", *paths, "-o", str(target))
    assert code == 2 and "已经存在" in err

    def bad(wb):
        wb["人才培养质量计分卡"]["D2"] = "很多"
    broken = school(tmp_path, "A", SCHOOL_A, bad)
    code, _, err = run_cli("merge", str(broken), paths[1], "-o", str(tmp_path / "新.xlsx"))
    assert code == 1 and "没有合并（没有写出任何文件）" in err and "A校.xlsx › 人才培养质量计分卡!D2" in err


def test_a_finding_on_a_merged_figure_names_the_school_cells_behind_it(tmp_path):
    """School A reports more placed graduates than graduates (a warning it was sent with);
    the district's sums repeat the contradiction, and ``check`` on the district's workbook
    names A's and B's cells behind each merged figure."""
    from reportgen.pipeline import check_workbook
    paths = [school(tmp_path, "A", {**SCHOOL_A, "scorecard.placed": 120}),
             school(tmp_path, "B", SCHOOL_B)]
    target = tmp_path / "区县.xlsx"
    merge_workbooks(paths, target)
    wb = openpyxl.load_workbook(target)
    for cell, value in (("B2", "某区"), ("B5", "某区报告"), ("B6", "某区教委"), ("B7", "2024-12-30")):
        wb["基本信息"][cell] = value
    wb["正文"].append(["一级标题", "概况"])
    wb["正文"].append(["段落", "略。"])
    filled = tmp_path / "区县-已填.xlsx"
    wb.save(filled)
    [finding] = [p for p in check_workbook(filled) if p.rule == "scorecard.placed_within_graduates"]
    assert str(finding.where) == "区县-已填.xlsx › 人才培养质量计分卡!D3"
    assert ("人才培养质量计分卡!D3 由各校合并（各校相加）：A校 A校.xlsx › 人才培养质量计分卡!D3（120）、"
            "B校 B校.xlsx › 人才培养质量计分卡!D3（45）") in finding.hint
    assert "B校 B校.xlsx › 人才培养质量计分卡!D2（50）" in finding.hint


def test_merging_into_the_districts_own_workbook_keeps_its_text_and_last_year(tmp_path):
    """``--base``: the district's 2025 workbook made from its 2024 one keeps its 基本信息, text,
    own table, case and 上年 figures; only this year's figures, the schools' cases (after its
    own) and the 来源 and 素材 sheets are written in. The base itself is not changed."""
    from reportgen import load
    from reportgen.yearly.carryover import init_workbook
    district = tmp_path / "区县2025底稿.xlsx"
    init_workbook(district, source=build(tmp_path, None, "区县2024.xlsx"))
    before = district.read_bytes()

    def in_2025(wb):
        wb["基本信息"]["B3"], wb["基本信息"]["B4"] = "2024-2025学年度", 2025
    paths = [school(tmp_path, "A", SCHOOL_A, in_2025), school(tmp_path, "B", SCHOOL_B, in_2025)]
    target = tmp_path / "区县2025.xlsx"
    code, out, err = run_cli("merge", *map(str, paths), "--base", str(district), "-o", str(target))
    assert code == 0, err
    assert "照录底稿 区县2025底稿.xlsx" in out and district.read_bytes() == before

    wb = openpyxl.load_workbook(target)
    wb["基本信息"]["B7"] = "2025-12-30"
    filled = tmp_path / "区县2025-已填.xlsx"
    wb.save(filled)
    wb.close()
    problems = Problems()
    report = load(filled, problems=problems)
    assert report.meta.region.text == "测试区" and report.meta.year == 2025
    graduates = report.indicator_tables[0].rows[0]
    assert graduates.value.value == 150 and graduates.previous.value == 1
    cases = list(openpyxl.load_workbook(filled)["案例"].iter_rows(min_row=2, values_only=True))
    assert [(c[0], c[4], c[5]) for c in cases] == [("1", "上年", None), ("2", "备选", "A校"),
                                                  ("3", "备选", "B校")]
    assert [c.key for c in report.cases] == ["1"]
    assert any(p.code == "W-CARRIED-UNCONFIRMED" and p.where.sheet == "正文" for p in problems.items)
    assert report.merged and "表-示例表" in [t.key for t in report.tables
                                               if isinstance(t, FreeTable)]


def test_a_base_of_another_year_is_refused(tmp_path):
    """The district's workbook must be of the schools' year."""
    from reportgen.yearly.carryover import init_workbook
    district = tmp_path / "区县2025底稿.xlsx"
    init_workbook(district, source=build(tmp_path, None, "区县2024.xlsx"))
    paths = [school(tmp_path, "A", SCHOOL_A), school(tmp_path, "B", SCHOOL_B)]
    with pytest.raises(UsageError, match="底稿 区县2025底稿.xlsx 的报告年份（2025）与各校工作簿的不同"):
        merge_workbooks(paths, tmp_path / "x.xlsx", base=district)


def test_a_school_may_send_only_its_figures(tmp_path):
    """A blank form with only figures (no 地区, title, date or text) merges; the school is
    named by its file; a file that is no workbook is reported with the other schools'."""
    from reportgen.yearly.carryover import init_workbook
    form = tmp_path / "form.xlsx"
    init_workbook(form, year=2024)
    wb = openpyxl.load_workbook(form)
    wb["人才培养质量计分卡"]["D2"] = 70
    only_figures = tmp_path / "丙校.xlsx"
    wb.save(only_figures)
    target = tmp_path / "区县.xlsx"
    result = merge_workbooks([school(tmp_path, "A", SCHOOL_A), only_figures], target)
    assert result.schools == ("A校", "丙校")
    assert figure(target, "人才培养质量计分卡", "毕业生人数*") == 170

    not_a_workbook = tmp_path / "丁校.xlsx"
    not_a_workbook.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        merge_workbooks([only_figures, not_a_workbook], tmp_path / "y.xlsx")
    assert any(p.where is not None and p.where.file == "丁校.xlsx" for p in caught.value.problems)
