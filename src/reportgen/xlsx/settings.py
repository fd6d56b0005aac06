"""The optional rows of 基本信息: labels, heading numbering, cover lines, appendix, lists.

Each row may be left out or empty; the report then follows the 2024 conventions. A value
outside its choices is one located error naming the choices.
"""

from __future__ import annotations

from typing import Mapping

from reportgen.errors import Problems
from reportgen.model import Settings, Text
from reportgen.xlsx.cells import AnyCell, CellReader
from reportgen.xlsx.sheets import (
    DATE_ARABIC, DATE_CHINESE, HEADINGS_ARABIC, HEADINGS_CHINESE, META_APPENDIX_TITLE,
    META_CASE_LABEL, META_CASE_LIST, META_COMPILER, META_DATE_STYLE, META_FIGURE_LIST,
    META_HEADINGS, META_SUBTITLE, META_TABLE_LIST, NO, YES,
)

LABEL_LIMIT = 10
"""The longest case label or appendix title, in characters."""
_SLASHES = str.maketrans({"／": "/", "、": "、", " ": "", "\u3000": ""})


def read_settings(cells: Mapping[str, AnyCell], reader: CellReader,
                  problems: Problems) -> Settings:
    """The settings the rows in ``cells`` (by 项目) give, defaults for the others."""
    defaults = Settings()

    def text(key: str) -> Text | None:
        return reader.text(cells[key]) if key in cells else None

    def choice(key: str, choices: dict[str, bool], default: bool) -> bool:
        value = text(key)
        if value is None:
            return default
        typed = value.text.strip().translate(_SLASHES)
        for option, meaning in choices.items():
            if typed == option.translate(_SLASHES):
                return meaning
        problems.add("E-META-CHOICE", reader.ref(cells[key]), found=value.text, item=key,
                     choices=list(choices))
        return default

    def label(key: str, default: str) -> str:
        value = text(key)
        if value is None:
            return default
        word = value.text.strip()
        if len(word) > LABEL_LIMIT or any(ch.isdigit() for ch in word) or "\n" in word:
            problems.add("E-META-LABEL", reader.ref(cells[key]), found=value.text, item=key,
                         limit=LABEL_LIMIT)
            return default
        return word

    yes_no = {YES: True, NO: False}
    return Settings(
        case_label=label(META_CASE_LABEL, defaults.case_label),
        chinese_headings=choice(META_HEADINGS, {HEADINGS_ARABIC: False, HEADINGS_CHINESE: True},
                                defaults.chinese_headings),
        subtitle=text(META_SUBTITLE),
        compiler=text(META_COMPILER),
        chinese_date=choice(META_DATE_STYLE, {DATE_ARABIC: False, DATE_CHINESE: True},
                            defaults.chinese_date),
        appendix_title=label(META_APPENDIX_TITLE, defaults.appendix_title),
        table_list=choice(META_TABLE_LIST, yes_no, defaults.table_list),
        figure_list=choice(META_FIGURE_LIST, yes_no, defaults.figure_list),
        case_list=choice(META_CASE_LIST, yes_no, defaults.case_list),
    )
