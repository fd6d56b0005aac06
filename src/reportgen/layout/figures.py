"""Pictures and charts laid out: numbered 图N through the report, sized for the page.

A picture is as wide as the workbook asks (宽度（厘米）) or as the text (the case box's inside
in a case), never wider, and never taller than :data:`MAX_HEIGHT_MM` (a portrait photo is
narrowed instead). A chart's values are looked up as placeholders are (indicators, the 数据
sheet's figures such as 上年X, derived figures) or in a free table's cell; its size is fixed
by its kind.
"""

from __future__ import annotations

from reportgen.layout.config import LayoutConfig
from reportgen.layout.document import ChartData, FigureBlock
from reportgen.layout.tables import TEXT_WIDTH_MM
from reportgen.model import Chart, FigureItem, Picture, Report
from reportgen.placeholders import Names, figure_value

CASE_WIDTH_MM = 145.0
"""The widest a figure prints inside a case box (the box's cell margins are 3.5 mm)."""
MAX_HEIGHT_MM = 150.0
"""The tallest a picture prints: two thirds of the text block, room for its caption."""
CHART_ASPECT = 0.6
"""A bar or line chart's height over its width."""
PIE_ASPECT = 0.75
"""A pie chart's height over its width."""
CHART_WIDTH_MM = 140.0
"""A chart's default width."""


class FigureMaker:
    """Numbers figures in the order it is asked to make them."""

    def __init__(self, report: Report, config: LayoutConfig):
        self.config = config
        self.count = 0
        self._names: Names | None = None
        self._report = report

    @property
    def names(self) -> Names:
        """Figure names for charts' values, built on first use."""
        if self._names is None:
            self._names = Names.of(self._report)
        return self._names

    def make(self, item: FigureItem, room_mm: float = TEXT_WIDTH_MM) -> FigureBlock:
        """The next figure, at most ``room_mm`` wide."""
        self.count += 1
        label = self.config.label(self.config.figure_label, self.count)
        title = item.caption.text
        caption = self.config.table_caption(label, title)
        if isinstance(item, Picture):
            width, height = picture_size(item, room_mm)
            return FigureBlock(item.name.text, self.count, label, title, caption, width, height,
                               image=item.image, source=item.source)
        data = chart_data(item, self.names)
        width = min(float(item.width_mm) if item.width_mm else CHART_WIDTH_MM, room_mm)
        aspect = PIE_ASPECT if item.kind == "pie" else CHART_ASPECT
        return FigureBlock(item.name.text, self.count, label, title, caption, width,
                           width * aspect, chart=data, source=item.source)


def picture_size(picture: Picture, room_mm: float) -> tuple[float, float]:
    """The printed width and height of ``picture`` in millimetres."""
    width = min(float(picture.width_mm) if picture.width_mm else room_mm, room_mm)
    ratio = picture.image.height_px / picture.image.width_px
    if width * ratio > MAX_HEIGHT_MM:
        width = MAX_HEIGHT_MM / ratio
    return width, width * ratio


def chart_data(chart: Chart, names: Names) -> ChartData:
    """The chart's values by series and category, in the order the rows first name them."""
    categories = list(dict.fromkeys(p.category for p in chart.points))
    series = list(dict.fromkeys(p.series for p in chart.points))
    values: dict[tuple[str, str], float | None] = {}
    for point in chart.points:
        value, _ = figure_value(point.value.text, names)
        values[(point.series, point.category)] = float(value) if value is not None else None
    return ChartData(chart.kind, tuple(categories),
                     tuple((s, tuple(values.get((s, c)) for c in categories)) for s in series),
                     chart.unit)
