"""Charts: defined in the 图表 sheet from figures the workbook holds, drawn with matplotlib
in the report's simplified-Chinese font at print resolution, numbered 图N; a value naming no
figure is a located error. matplotlib writes nothing in the user's home.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import feature_workbooks
import workbooks
from reportgen import DataError, lay_out, load
from reportgen.layout import ChartData
from reportgen.layout.charts import DPI, chart_style, draw_chart, installed_font
from reportgen.pipeline import check_workbook
from reportgen.placeholders import Names, figure_value

SAMPLE = "说骨直角边写"
"""Characters written differently in Japanese and in simplified Chinese."""


@pytest.mark.parametrize("kind", ["bar", "line", "pie"])
def test_each_kind_is_drawn_at_print_resolution_without_missing_glyphs(kind: str):
    """A PNG of the asked size at DPI (≥ 200) dots per inch; matplotlib warns of no missing
    glyph for Chinese categories, series and units."""
    data = ChartData(kind, ("2023年", "2024年", "面向第三产业"),
                     (("专任教师", (300.0, 320.0, 12.5)), ("兼职教师", (280.0, None, 3.0))),
                     "人")
    if kind == "pie":
        data = ChartData(kind, data.categories, data.series[:1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw_chart(data, 140, 84)
    assert [str(w.message) for w in caught] == []
    image = Image.open(io.BytesIO(png))
    assert DPI >= 200
    assert abs(image.size[0] - 140 / 25.4 * DPI) <= 1 and abs(image.size[1] - 84 / 25.4 * DPI) <= 1


def _text_image(family: str | None) -> Image.Image:
    import matplotlib.pyplot as plt
    style = chart_style()
    if family:
        style["font.family"] = [family]
    with plt.rc_context(style):
        figure = plt.figure(figsize=(2, 0.5), dpi=100)
        figure.text(0.05, 0.3, SAMPLE, fontsize=20)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
    return Image.open(buffer).convert("L")


def test_charts_use_the_simplified_chinese_face():
    """The chart font is Noto Sans CJK SC (what LibreOffice prints 黑体 with): its glyphs
    are pixel for pixel those of the SC face and differ from the Japanese face's."""
    assert installed_font() == "Noto Sans CJK SC"
    ours = _text_image(None)
    assert ImageChops.difference(ours, _text_image("Noto Sans CJK SC")).getbbox() is None
    assert ImageChops.difference(ours, _text_image("Noto Sans CJK JP")).getbbox() is not None


def test_matplotlib_writes_nothing_in_home(tmp_path: Path):
    """Drawing in a fresh process with MPLCONFIGDIR unset leaves the home folder empty."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"))
    code = ("from reportgen.layout import ChartData\n"
            "from reportgen.layout.charts import draw_chart\n"
            "draw_chart(ChartData('bar', ('甲',), (('', (1.0,)),)), 50, 30)\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True,
                   cwd=Path(__file__).resolve().parent.parent / "src")
    assert list(home.iterdir()) == []


def test_chart_values_come_from_the_workbooks_figures(tmp_path: Path):
    """Placeholders (an indicator, a 上年 figure of the 数据 sheet, with or without
    brackets), a free table's cell and plain numbers; series in the order first named."""
    layout = lay_out(load(feature_workbooks.feature_workbook(tmp_path)))
    charts = {f.key: f for f in layout.figures if f.chart is not None}
    assert charts["毕业生人数变化"].chart == ChartData(
        "bar", ("2023年", "2024年"), (("", (1245.0, 1476.0)),), "人")
    assert charts["师生变化"].chart.series == (("专任教师", (300.0, 320.0)),
                                             ("兼职教师", (280.0, 290.0)))
    assert charts["三次产业"].chart.series == (("", (10.0, 201.0, 327.0)),)
    assert [(f.label, f.title) for f in charts.values()] == [
        ("图2", "近两年毕业生人数"), ("图3", "师生变化"), ("图4", "三次产业")]
    assert "如图1和图2所示" in layout.text()


def _with_last_year(wb) -> None:
    """毕业生人数* was 1245 last year (the 上年 column of its indicator sheet)."""
    ws = wb["人才培养质量计分卡"]
    column = ws.max_column + 1
    ws.cell(1, column).value = "上年"
    ws.cell(workbooks.cell_of(wb, "人才培养质量计分卡", "毕业生人数*").row, column).value = 1245


def test_a_chart_draws_last_years_figure_but_not_its_change(tmp_path: Path):
    """〔名称@上年〕 is last year's number; 〔名称@变化〕 prints words (增加231人), which no
    chart can draw: a located error at the 数值 cell, not a crash."""
    def tweak(wb):
        _with_last_year(wb)
        _chart_rows(("趋势", "柱形图", "2023年", "〔毕业生人数*@上年〕"),
                    ("趋势", None, "2024年", "〔毕业生人数*@变化〕"))(wb)
    path = workbooks.build(tmp_path, tweak)
    found = [(p.code, str(p.where)) for p in check_workbook(path) if p.code.startswith("E-")]
    assert found == [("E-CHART-VALUE", "test.xlsx › 图表!D3")]
    names = Names(load(path))
    assert figure_value("〔毕业生人数*@上年〕", names) == (Decimal(1245), None)


def _chart_rows(*rows):
    return workbooks.placed_sheet("图表", ["名称", "类型", "类别", "数值"], rows, "图表")


@pytest.mark.parametrize(("value", "code"), [
    ("〔不存在的数〕", "E-PLACEHOLDER-UNKNOWN"),
    ("表-示例表!人数@2030年", "E-CHART-VALUE"),
    ("表-没有的表!人数@2023年", "E-CHART-VALUE"),
])
def test_a_value_naming_no_figure_is_a_located_error(tmp_path: Path, value: str, code: str):
    """At the 数值 cell, from ``check`` and from the layout."""
    path = workbooks.build(tmp_path, _chart_rows(("趋势", "柱形图", "2024年", value)))
    found = [(p.code, str(p.where)) for p in check_workbook(path) if p.code.startswith("E-")]
    assert found == [(code, "test.xlsx › 图表!D2")]
    with pytest.raises(DataError):
        lay_out(load(path))


def test_a_wrong_kind_is_a_located_error(tmp_path: Path):
    """类型 must be 柱形图, 折线图 or 饼图."""
    path = workbooks.build(tmp_path, _chart_rows(("趋势", "雷达图", "2024年", 3)))
    with pytest.raises(DataError) as caught:
        load(path)
    assert [(p.code, str(p.where)) for p in caught.value.problems if p.code.startswith("E-")][0] \
        == ("E-CHART-KIND", "test.xlsx › 图表!B2")


def test_a_chart_row_without_its_value_or_with_another_kind_is_located(tmp_path: Path):
    """A row missing 数值, and a later row naming another 类型 than the chart's first row:
    each a located error."""
    def tweak(wb):
        _chart_rows(("趋势", "柱形图", "2023年", 3), ("趋势", "饼图", "2024年", 4),
                    ("趋势", None, "2025年", None))(wb)
    with pytest.raises(DataError) as caught:
        load(workbooks.build(tmp_path, tweak))
    found = [(p.code, str(p.where)) for p in caught.value.problems if p.code.startswith("E-")]
    assert found == [("E-CHART-MIXED", "test.xlsx › 图表!B3"),
                     ("E-CHART-NO-VALUE", "test.xlsx › 图表!D4")]


def test_a_case_naming_no_figure_is_located(tmp_path: Path):
    """The 案例 sheet's 图片 column names a figure neither sheet has: an error at that cell."""
    def tweak(wb):
        _chart_rows(("趋势", "柱形图", "2023年", 3))(wb)
        wb["案例"]["E1"], wb["案例"]["E2"] = "图片", "趋势、校园"
    with pytest.raises(DataError) as caught:
        load(workbooks.build(tmp_path, tweak))
    found = [(p.code, str(p.where)) for p in caught.value.problems if p.code.startswith("E-")]
    assert ("E-CASE-UNKNOWN-FIGURE", "test.xlsx › 案例!E2") in found


def test_a_narrow_pie_slice_prints_its_percentage_beside_its_name():
    """A slice under SMALL_SLICE of the pie cannot hold its percentage in white: it is printed
    after the slice's name, outside the pie; wider slices keep theirs inside, in white."""
    from reportgen.layout import charts

    plt = charts._pyplot()
    figure = plt.figure()
    try:
        charts._pie(figure.add_subplot(), ChartData("pie", ("第一产业", "第二产业", "第三产业"),
                                                    (("", (1.9, 40.0, 58.1)),)))
        texts = {t.get_text(): t for t in figure.axes[0].texts if t.get_visible()}
    finally:
        plt.close(figure)
    assert "第一产业 1.9%" in texts and "1.9%" not in texts
    assert {"第二产业", "第三产业", "40.0%", "58.1%"} <= set(texts)
    assert texts["40.0%"].get_color() == "white"
