"""A workbook that uses every feature of the 2025 reports: pictures (one stored sideways
with an EXIF note, one PNG), charts (bar, line, pie) in the text and in a case, settings,
lists, an appendix with an own table, and cross-references.

:func:`feature_workbook` writes it, with its image files, into a folder and returns the
workbook's path. Tests tweak it further with ``tweak``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from PIL import Image, ImageDraw

import workbooks

PHOTO = "图片/实训基地.jpg"
"""A landscape photo stored sideways (EXIF orientation 6: turn it 90° clockwise)."""
DRAWING = "图片/校园平面图.png"
"""A drawing with transparency."""


def write_images(folder: Path) -> None:
    """The image files the workbook names, relative to ``folder``."""
    (folder / "图片").mkdir(parents=True, exist_ok=True)
    scene = Image.new("RGB", (1000, 600))
    draw = ImageDraw.Draw(scene)
    for y in range(600):  # sky above, ground below
        colour = (110 + y // 6, 160 + y // 8, 230) if y < 380 else (90, 140 - (y - 380) // 8, 70)
        draw.line([(0, y), (1000, y)], fill=colour)
    for x, height, colour in ((80, 190, (190, 75, 60)), (330, 250, (225, 215, 200)),
                              (640, 210, (150, 150, 160))):
        draw.rectangle([x, 380 - height, x + 230, 380], fill=colour)
        for wx in range(x + 20, x + 210, 45):
            for wy in range(380 - height + 20, 360, 40):
                draw.rectangle([wx, wy, wx + 22, wy + 18], fill=(70, 110, 160))
    sideways = scene.transpose(Image.Transpose.ROTATE_90)  # stored 600 wide, 1000 high
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view → 1000 wide, 600 high
    sideways.save(folder / PHOTO, "JPEG", exif=exif.tobytes(), quality=90)
    drawing = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    plan = ImageDraw.Draw(drawing)
    plan.rectangle([40, 40, 360, 260], outline=(40, 40, 40, 255), width=4)
    plan.rectangle([70, 70, 190, 150], fill=(200, 60, 60, 255))
    plan.rectangle([220, 70, 330, 230], fill=(60, 120, 200, 255))
    plan.rectangle([70, 180, 190, 230], fill=(70, 160, 80, 255))
    drawing.save(folder / DRAWING, "PNG")


def add_features(wb: Workbook) -> None:
    """Everything the 2025 reports show, added to the minimal workbook."""
    workbooks.cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = 1476
    meta = wb["基本信息"]
    for key, value in (("案例标签", "典型案例"), ("副标题", "——基于3所中职学校数据"),
                       ("编制单位", "测试区教育科学研究所"), ("日期写法", "中文数字"),
                       ("附录标题", "附件"), ("表目录", "是"), ("图目录", "是"), ("案例目录", "是")):
        meta.append([key, value])
    named = wb.create_sheet("数据")
    named.append(["名称", "数值", "单位"])
    named.append(["上年毕业生人数", 1245, "人"])
    named.append(["上年专任教师数", 300, "人"])
    named.append(["专任教师数", 320, "人"])

    pictures = wb.create_sheet("图片")
    pictures.append(["名称", "文件", "题注", "宽度（厘米）"])
    pictures.append(["实训基地", PHOTO, "学校实训基地", None])
    pictures.append(["校园平面图", DRAWING, None, 8])

    charts = wb.create_sheet("图表")
    charts.append(["名称", "类型", "类别", "数值", "系列", "题注", "单位"])
    charts.append(["毕业生人数变化", "柱形图", "2023年", "〔上年毕业生人数〕", None,
                   "近两年毕业生人数", "人"])
    charts.append(["毕业生人数变化", None, "2024年", "〔毕业生人数*〕", None, None, None])
    charts.append(["师生变化", "折线图", "2023年", "上年专任教师数", "专任教师", None, "人"])
    charts.append(["师生变化", None, "2024年", "专任教师数", "专任教师", None, None])
    charts.append(["师生变化", None, "2023年", 280, "兼职教师", None, None])
    charts.append(["师生变化", None, "2024年", 290, "兼职教师", None, None])
    charts.append(["三次产业", "饼图", "第一产业", "表-示例表!人数@2023年", None, None, None])
    charts.append(["三次产业", None, "第二产业", 201, None, None, None])
    charts.append(["三次产业", None, "第三产业", 327, None, None, None])

    cases = wb["案例"]
    cases["E1"] = "图片"
    cases["E2"] = "校园平面图"
    cases.append([2, "第二个案例", "副标题", "第二个案例的正文，见〔图:三次产业〕。", "三次产业"])

    body = wb["正文"]
    body.insert_rows(4, 5)
    rows = [("段落", "如〔图:实训基地〕和〔图:毕业生人数变化〕所示，详见〔表:示例表〕、〔案例:2〕和〔表:人才培养质量计分卡〕。"),
            ("图片", "实训基地"), ("图表", "毕业生人数变化"), ("图表", "师生变化"), ("案例", 2)]
    for offset, (kind, content) in enumerate(rows):
        body.cell(4 + offset, 1, kind)
        body.cell(4 + offset, 2, content)
    for row in body.iter_rows(min_row=2):
        if row[0].value == "表格" and row[1].value == workbooks.FREE_TABLE:
            row[0].value = "附表"


def feature_workbook(folder: Path, tweak: Callable[[Workbook], None] | None = None) -> Path:
    """The feature workbook and its images, saved in ``folder``."""
    write_images(folder)

    def both(wb: Workbook) -> None:
        add_features(wb)
        if tweak is not None:
            tweak(wb)
    return workbooks.build(folder, both, name="features.xlsx")
