"""Values read from one cell or one row of a workbook, remembering where: the model's smallest
parts (a cell's text or number, a named figure, a merged figure's parts, a 核对 mark, a 规则 row).

:mod:`reportgen.model` builds the report from these (and re-exports them).
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen


@frozen
class SourceRef:
    """Where a value was read: a cell (or a whole sheet) of a workbook."""

    file: str
    """The workbook's file name, without its folder (``2024.xlsx``)."""
    sheet: str
    """The sheet's name as the clerk sees it on its tab; empty when the whole file is meant."""
    cell: str = ""
    """The cell's coordinate (``D5``); empty when the whole sheet is meant."""

    def __str__(self) -> str:
        if not self.sheet:
            return self.file
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{self.file} › {where}"


@frozen
class Text:
    """A piece of text read from one cell."""

    text: str
    """The text, with control characters already removed."""
    source: SourceRef | None = None
    """The cell it came from; ``None`` for text the library made itself."""


@frozen
class Figure:
    """A number read from one cell, kept exactly as the clerk sees it."""

    value: Decimal | None
    """The number; its exponent is the precision shown (``Decimal('98.62')``). ``None`` is an
    empty cell, which is legal and prints empty."""
    source: SourceRef | None = None
    """The cell it came from."""

    @property
    def is_empty(self) -> bool:
        """True when the cell was left empty."""
        return self.value is None


@frozen
class NamedFigure:
    """A figure the workbook names itself (the optional 数据 sheet), for placeholders."""

    name: Text
    """The name the text uses in a placeholder (〔2023年毕业生人数〕)."""
    value: Figure
    """The figure, at the precision shown."""
    unit: str = ""
    """Its unit as written (人, %, 万元); empty when none was given."""
    previous: Figure | None = None
    """Last year's value (the 数据 sheet's optional 上年 column); ``None`` when not given."""


@frozen
class Contribution:
    """One school's part in a merged figure."""

    school: str
    """The school's name (its 基本信息 地区) as the 来源 sheet gives it."""
    source: SourceRef
    """The school's cell (``学校甲.xlsx › 人才培养质量计分卡!D2``)."""
    value: str
    """The school's figure as it was shown."""


@frozen
class MergedFigure:
    """A figure of a district workbook that ``reportgen merge`` computed from its schools'."""

    cell: SourceRef
    """The merged figure's cell in this workbook."""
    method: str
    """How it was computed, in the clerk's words (各校相加, 按调查人次加权平均…)."""
    parts: tuple[Contribution, ...]
    """Each school's figure behind it."""


@frozen
class CheckMark:
    """A finding the clerk has looked at and accepts (a row of the optional 核对 sheet)."""

    id: Text
    """The finding's 编号 as the clerk copied it from ``reportgen check`` (``7K2M-Q9XD``)."""
    reason: Text | None = None
    """Why it stands as it is (原因); ``None`` when the cell was left empty."""


@frozen
class DeclaredRule:
    """A rule the clerk declares between figures (a row of the optional 规则 sheet)."""

    text: Text
    """The rule as written: 〔名称〕 placeholders joined by + and one of =, <=, >=
    (〔表-专业设置一览!合计@小计〕 = 〔全日制在校生人数〕)."""
    note: Text | None = None
    """What it means, in the clerk's words (说明); ``None`` when left empty."""
