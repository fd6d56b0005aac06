"""A consistent workbook for the checks: every figure agrees with every other and with the prose.

Built on :func:`workbooks.minimal_workbook` (whose figures are all 1) by setting each figure
a rule reads to a value that satisfies it, adding the free table 表-毕业生服务三次产业情况 and a
paragraph that states every figure a text rule knows. A test breaks one figure with
:func:`set_figure` (or replaces the prose) and expects exactly that rule to report.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.styles import Font

from reportgen.catalog import load_catalog
from workbooks import build, minimal_workbook

SECTORS_SHEET = "表-毕业生服务三次产业情况"

FIGURES: dict[str, object] = {
    "scorecard.graduates": 100, "scorecard.placed": 98, "scorecard.further_study": 60,
    "scorecard.to_undergraduate": 5, "scorecard.in_province_placement_rate": 98.5,
    "scorecard.monthly_income": 4000, "scorecard.employed_by_sector": 36,
    "scorecard.primary_sector": 0, "scorecard.secondary_sector": 16,
    "scorecard.tertiary_sector": 20, "scorecard.entrepreneurship_rate": 0.2,
    "scorecard.promoted_within_three_years": 12,
    "teaching_resources.student_teacher_ratio": 12.5,
    "teaching_resources.dual_qualified_teacher_ratio": 50,
    "teaching_resources.senior_dual_qualified_teacher_ratio": 5.5,
    "teaching_resources.senior_title_teacher_ratio": 15.5,
    "teaching_resources.specialty_groups": 3, "teaching_resources.specialties": 8,
    "teaching_resources.planned_courses.门": 100, "teaching_resources.planned_courses.学时": 10000,
    "teaching_resources.resource_libraries": 3, "teaching_resources.quality_online_courses.门": 3,
    "teaching_resources.virtual_training_bases": 3, "teaching_resources.textbooks": 2,
    "teaching_resources.internet_bandwidth": 1000,
    "teaching_resources.campus_backbone_bandwidth": 10000,
    "teaching_resources.practice_stations_per_student": 0.6,
    "teaching_resources.equipment_value_per_student": 8000.5,
    "service_contribution.first_employment": 30, "service_contribution.ip_projects": 3,
    "service_contribution.patents_granted": 2, "service_contribution.invention_patents_granted": 1,
    "international_influence.adopted_abroad": 0, "international_influence.standards": 0,
    "international_influence.specialty_standards": 0, "international_influence.course_standards": 0,
    "international_influence.resources": 0, "international_influence.equipment": 0,
    "policy_implementation.full_time_students": 500, "policy_implementation.staff_total": 60,
    "policy_implementation.full_time_teachers": 40, "policy_implementation.industry_mentors": 5,
    "policy_implementation.fitness_test_participants": 480,
    "policy_implementation.fitness_pass_rate": 92.5, "policy_implementation.internship_funding": 2,
}
"""The figures the rules read; every other figure keeps the minimal workbook's 1 (or, for
the satisfaction table, 95)."""

PROSE = ("2024年毕业生100人，其中升学60人，升入本科5人，升学率60.0%，直接就业30人，直接就业率30.0%，"
         "就业率75.0%；专业对口就业24人，对口就业率80.0%。"
         "学校有学生500人、教职工60人、专任教师40人、行业导师5人，生师比12.5:1。"
         "“双师型”教师20人，占比为50%；高级“双师型”教师占比5.5%。"
         "顶岗实习学生总数50人，顶岗实习对口学生数40人，企业录用顶岗实习学生数45人，"
         "顶岗实习对口率达80.0%、企业录用率达90.0%。"
         "2024年总收入1000.5万元，2023年总收入900万元。其中财政补助收入800万元、学费收入150.5万元、"
         "其他收入50万元。"
         "互联网出口带宽1000Mbps，校园网主干最大带宽10000Mbps，生均仪器设备值8000.5元。"
         "开设3大类8个专业。体质健康合格率92.5%。毕业生服务三次产业总人数为36人，其中面向第一产业0人，"
         "面向第二产业16人，面向第三产业20人。毕业生满意度95%，用人单位满意度95%，家长满意度95%。"
         "发明专利授权1项。")
"""A paragraph that states every figure a text rule reads, as the tables do."""

SECTORS = (
    ("毕业生服务三次产业情况", None, None, None, None),
    ("产业", "2023", "占比（%）", "2024", "占比（%）"),
    ("面向第一产业", 0, "/", 0, "/"),
    ("面向第二产业", 10, 40, 16, 44.44),
    ("面向第三产业", 15, 60, 20, 55.56),
    ("合计", 25, None, 36, None),
)
"""表3 as the 2024 report lays it out: two bold header rows, counts with their shares."""

SUBTOTALS_SHEET = "表-专业设置一览"
SUBTOTALS = (
    ("专业大类", "专业", "一年级", "二年级", "小计"),
    ("装备制造类", "数控技术应用", 40, 35, 75),
    (None, "汽车制造与检测", 50, 45, 95),
    ("小计", None, 90, 80, 170),
    ("电子与信息类", "计算机应用", 60, 55, 115),
    ("小计", None, 60, 55, 115),
    ("合计", None, 150, 135, 285),
)
"""An own table with 小计 rows, a 小计 column and a 合计 row, all consistent (one bold header)."""


def row_of(wb: Workbook, ref: str) -> tuple[str, int]:
    """The sheet and the row of the figure ``table_id.indicator_id[.unit]``."""
    table_id, indicator_id, *unit = ref.split(".")
    spec = load_catalog(2024).by_id(table_id)
    for index, (indicator, row_unit) in enumerate(spec.row_units()):
        if indicator.id == indicator_id and (not unit or unit[0] == row_unit):
            return spec.name, index + 2
    raise KeyError(ref)


def set_figure(wb: Workbook, ref: str, value: object, column: str = "数值") -> str:
    """Write ``value`` into the figure ``ref`` (or another column of its row); return the
    cell's coordinate."""
    sheet, row = row_of(wb, ref)
    ws = wb[sheet]
    col = [c.value for c in ws[1]].index(column) + 1
    cell = ws.cell(row, col)
    cell.value = float(value) if isinstance(value, Decimal) else value
    return cell.coordinate


def set_prose(wb: Workbook, text: str) -> str:
    """Replace the first paragraph of the 正文 sheet; return its cell's coordinate."""
    ws = wb["正文"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "段落":
            row[1].value = text
            return row[1].coordinate
    raise KeyError("段落")


def consistent_workbook() -> Workbook:
    """The minimal workbook with figures, 表3 and prose that all agree."""
    wb = minimal_workbook()
    for ws_name in ("满意度调查表",):
        ws = wb[ws_name]
        for row in range(2, ws.max_row + 1):
            ws.cell(row, 4).value = 95
    for ref, value in FIGURES.items():
        set_figure(wb, ref, value)
    set_figure(wb, "satisfaction.graduates", 20, "调查人次")  # 应届 10 + 毕业三年内 10
    set_prose(wb, PROSE)
    ws = wb.create_sheet(SECTORS_SHEET)
    for values in SECTORS:
        ws.append(list(values))
    ws.merge_cells("A1:E1")
    for row in ws.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font = Font(bold=True)
    wb["正文"].append(["表格", SECTORS_SHEET])
    ws = wb.create_sheet(SUBTOTALS_SHEET)
    for values in SUBTOTALS:
        ws.append(list(values))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.merge_cells("A2:A3")
    wb["正文"].append(["表格", SUBTOTALS_SHEET])
    return wb


def build_consistent(folder: Path, tweak: Callable[[Workbook], object] | None = None,
                     name: str = "test.xlsx") -> Path:
    """The consistent workbook, changed by ``tweak``, saved in ``folder``."""
    return build(folder, tweak, name, start=consistent_workbook)
