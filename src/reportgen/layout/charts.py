"""Charts drawn with matplotlib, in the report's Chinese fonts, at print resolution.

The only module that imports matplotlib (and it does so only when a report has a chart).
Text is set in Noto Sans CJK SC — the simplified-Chinese face of the font collection, the
one LibreOffice prints 黑体 with — or, on a machine without it, in Microsoft YaHei, SimHei
or SimSun; digits in the same face. The picture is a PNG at :data:`DPI` dots per inch of
the size the layout gives, so it prints sharp and is placed at exactly that size.

matplotlib writes a font cache: it goes to a folder of its own under the system's temporary
folder (``MPLCONFIGDIR``), never to the user's home; drawing uses the Agg backend, which needs
no display.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from reportgen.layout.document import ChartData

DPI = 250
"""Dots per inch of a drawn chart (print quality is 200 and more)."""
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", "SimSun",
         "Noto Serif CJK SC"]
"""The fonts tried in order, simplified-Chinese faces only."""
COLOURS = ["#2F5597", "#C55A11", "#548235", "#7F6000", "#7030A0", "#1F6E6E", "#A61C3C"]
"""Series colours: dark enough to print in grey and tell apart."""
MM_PER_INCH = 25.4
FONT_PT = 9.0
"""The size of the chart's text."""
SMALL_SLICE = 0.06
"""A pie slice narrower than this share prints its percentage beside its name, outside the
pie, where it can be read (white on the slice's white edge otherwise)."""


def _pyplot() -> Any:
    """matplotlib's pyplot on the Agg backend, its cache in a temporary folder of its own."""
    if "MPLCONFIGDIR" not in os.environ:
        cache = Path(tempfile.gettempdir()) / "reportgen-matplotlib"
        cache.mkdir(exist_ok=True)
        os.environ["MPLCONFIGDIR"] = str(cache)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def installed_font() -> str | None:
    """The first of :data:`FONTS` matplotlib finds, or ``None``."""
    _pyplot()
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in FONTS if name in names), None)


def chart_style() -> dict[str, Any]:
    """The matplotlib settings charts are drawn with: the Chinese font, its size."""
    font = installed_font()
    return {"font.family": [font] if font else FONTS, "font.size": FONT_PT,
            "axes.unicode_minus": False, "savefig.facecolor": "white"}


def draw_chart(data: ChartData, width_mm: float, height_mm: float, dpi: int = DPI) -> bytes:
    """``data`` drawn as a PNG of ``width_mm`` × ``height_mm`` at ``dpi``."""
    plt = _pyplot()
    with plt.rc_context(chart_style()):
        figure = plt.figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=dpi)
        try:
            axes = figure.add_subplot()
            if data.kind == "pie":
                _pie(axes, data)
            else:
                _bars_or_lines(axes, data)
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi)
        finally:
            plt.close(figure)
    return buffer.getvalue()


def _number(value: float) -> str:
    """A value label: no trailing zeros (1476, 38.07)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _bars_or_lines(axes: Any, data: ChartData) -> None:
    positions = list(range(len(data.categories)))
    count = len(data.series)
    width = 0.8 / max(count, 1)
    for i, (name, values) in enumerate(data.series):
        colour = COLOURS[i % len(COLOURS)]
        shown = [(x, v) for x, v in zip(positions, values) if v is not None]
        if data.kind == "bar":
            offset = (i - (count - 1) / 2) * width
            bars = axes.bar([x + offset for x, _ in shown], [v for _, v in shown], width * 0.9,
                            color=colour, label=name or None)
            axes.bar_label(bars, labels=[_number(v) for _, v in shown], padding=2,
                           fontsize=FONT_PT - 1)
        else:
            axes.plot([x for x, _ in shown], [v for _, v in shown], marker="o", color=colour,
                      label=name or None, linewidth=1.6)
            for x, v in shown:
                axes.annotate(_number(v), (x, v), textcoords="offset points", xytext=(0, 5),
                              ha="center", fontsize=FONT_PT - 1)
    axes.set_xticks(positions, list(data.categories))
    axes.margins(y=0.15)
    if data.unit:  # upright above the axis: a Chinese unit turned on its side reads badly
        axes.set_title(f"单位：{data.unit}", loc="left", fontsize=FONT_PT)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", linewidth=0.4, alpha=0.5)
    axes.set_axisbelow(True)
    if count > 1 or any(name for name, _ in data.series):
        axes.legend(frameon=False)


def _pie(axes: Any, data: ChartData) -> None:
    _, values = data.series[0]
    shown = [(c, v) for c, v in zip(data.categories, values) if v]
    _, labels, percents = axes.pie(
        [v for _, v in shown], labels=[c for c, _ in shown],
        colors=[COLOURS[i % len(COLOURS)] for i in range(len(shown))],
        autopct=lambda p: f"{p:.1f}%", startangle=90, counterclock=False,
        wedgeprops={"linewidth": 1, "edgecolor": "white"}, textprops={"fontsize": FONT_PT})
    total = sum(v for _, v in shown)
    for (_, value), label, percent in zip(shown, labels, percents):
        if value / total < SMALL_SLICE:  # too narrow to hold its percentage: beside its name
            label.set_text(f"{label.get_text()} {percent.get_text()}")
            percent.set_visible(False)
        else:
            percent.set_color("white")
    axes.axis("equal")
