"""What a workbook written by ``init`` or ``merge`` holds, as plain data.

The yearly workflow (:mod:`reportgen.yearly`) decides the content — a blank form, this year's
form from last year's report, the district's sums of its schools — and :mod:`.blank` lays it
out as a workbook the clerk fills in: every sheet, column and official indicator row, with
validations, input messages, drop-downs and protection.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from attrs import field, frozen

from openpyxl.utils import get_column_letter

from reportgen.catalog import Catalog, ColumnKind, TableSpec
from reportgen.model import SourceRef

MetaValue = str | int | datetime.date | None
FigureKey = tuple[str, str, str]
"""An indicator row: (table id, indicator id, unit)."""


@frozen
class FormRow:
    """A row of the 前言 or 正文 sheet."""

    content: str
    """The paragraph, heading, case number or table sheet name."""
    kind: str = ""
    """The 正文 类型 (一级标题, 段落, 案例, 表格…); empty in the 前言 sheet."""
    status: str = ""
    """状态: 上年 for a row carried over from last year, else empty."""


@frozen
class FormCase:
    """A row of the 案例 sheet."""

    key: str
    """编号."""
    title: str
    """标题."""
    body: str
    """正文, paragraphs separated by line breaks."""
    subtitle: str = ""
    """副标题."""
    status: str = ""
    """状态: 上年 (carried over), 备选 (sent by a school), or empty."""
    school: str = ""
    """学校: the school a merged case came from."""
    figures: str = ""
    """图片: the names of the pictures and charts printed in the case, one per line."""


@frozen
class FormFigure:
    """What an indicator row holds besides its fixed 序号, 指标 and 单位."""

    value: Decimal | None = None
    """数值, this year's figure."""
    previous: Decimal | None = None
    """上年, last year's figure."""
    note: str = ""
    """备注."""
    extra: Mapping[str, Decimal | str] = field(factory=dict)
    """The table's own columns by their catalog id (``survey_count``: 调查人次, a number;
    ``survey_method``: 调查方式, a text); a column absent here is left empty."""


@frozen
class FormNamed:
    """A row of the 数据 sheet."""

    name: str
    """名称."""
    value: Decimal | None = None
    """数值."""
    unit: str = ""
    """单位."""
    previous: Decimal | None = None
    """上年."""


@frozen
class CopiedSheet:
    """A sheet copied cell by cell (values as shown, styles, merges, widths): an own table."""

    source: Path
    """The workbook it comes from."""
    sheet: str
    """Its name there and here."""


@frozen
class SourceRow:
    """A row of the 来源 sheet: one school's part in one merged figure."""

    figure: FigureKey
    """The merged indicator row."""
    column: str
    """The catalog id of the column merged: ``value`` or a figure column (``survey_count``)."""
    method: str
    """How it was merged, in the clerk's words."""
    merged: str
    """The merged figure as written (empty when it was left for the clerk)."""
    school: str
    """The school's name."""
    place: SourceRef
    """The school's cell."""
    value: str
    """The school's figure as shown."""


@frozen
class MaterialRow:
    """A row of the 素材 sheet: a school's paragraph, under the chapter it was written in."""

    school: str
    """The school's name."""
    chapter: str
    """The chapter (一级标题) it stands under; 前言 for the foreword."""
    kind: str
    """Its 正文 类型 (段落, 二级标题…)."""
    content: str
    """The text."""
    place: SourceRef | None = None
    """The school's cell."""


@frozen
class Form:
    """A whole workbook to write."""

    catalog: Catalog
    """The indicator tables of the year."""
    year: int
    """报告年份."""
    meta: Mapping[str, MetaValue]
    """基本信息 by item (地区, 学年度…); an item missing or ``None`` is left empty."""
    foreword: tuple[FormRow, ...] = ()
    """前言."""
    body: tuple[FormRow, ...] = ()
    """正文."""
    cases: tuple[FormCase, ...] = ()
    """案例."""
    figures: Mapping[FigureKey, FormFigure] = field(factory=dict)
    """The indicator rows' figures; a row absent here is left empty."""
    named: tuple[FormNamed, ...] = ()
    """数据."""
    copied: tuple[CopiedSheet, ...] = ()
    """Own tables copied from another workbook."""
    sources: tuple[SourceRow, ...] = ()
    """来源 (a merged workbook only)."""
    material: tuple[MaterialRow, ...] = ()
    """素材 (a merged workbook only)."""


PREVIOUS_COLUMN = "上年"
"""The column of last year's figures (as :data:`reportgen.xlsx.sheets.PREVIOUS_COLUMN`)."""


def indicator_columns(spec: TableSpec) -> tuple[str, ...]:
    """The headers of an indicator sheet in a form: the catalog's, with 上年 before 备注."""
    columns = list(spec.headers)
    columns.insert(columns.index(spec.fixed(ColumnKind.NOTE).sheet), PREVIOUS_COLUMN)
    return tuple(columns)


def figure_coordinate(spec: TableSpec, key: FigureKey, column: str = "value") -> str:
    """Where a form puts the column ``column`` (an id of the catalog: ``value``,
    ``survey_count``) of an indicator row (``D2``)."""
    _, indicator_id, unit = key
    found = spec.column(column)
    if found is None:
        raise KeyError(column)
    letter = get_column_letter(indicator_columns(spec).index(found.sheet) + 1)
    for index, (indicator, row_unit) in enumerate(spec.row_units()):
        if indicator.id == indicator_id and row_unit == unit:
            return f"{letter}{index + 2}"
    raise KeyError(key)


__all__ = ["figure_coordinate", "indicator_columns", "CopiedSheet", "FigureKey", "Form", "FormCase", "FormFigure", "FormNamed", "FormRow",
           "MaterialRow", "MetaValue", "SourceRow"]
