"""The optional rows of 基本信息: case label, heading numbering, cover subtitle, 编制单位,
the date in Chinese numerals, the appendix's title, the lists.

Absent or empty rows keep the 2024 conventions; a value outside its choices is one located
error naming the choices.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import workbooks
from docx_reading import read_report
from reportgen import DataError, lay_out, load, render
from reportgen.layout import CaseBlock, HeadingBlock, LayoutConfig
from reportgen.model import Settings


def with_settings(**rows: str):
    """A tweak adding 基本信息 rows (项目 → 内容)."""
    def tweak(wb):
        for key, value in rows.items():
            wb["基本信息"].append([key, value])
    return tweak


def test_no_settings_keep_the_2024_conventions(tmp_path: Path):
    """A workbook without the optional rows: 案例N, 1./1.1 headings, Arabic date, no extra
    cover lines, 附表, no lists."""
    report = load(workbooks.build(tmp_path))
    assert report.meta.settings == Settings()
    layout = lay_out(report)
    assert layout.cases[0].label == "案例1"
    assert layout.cover.month == "2024年12月"
    assert (layout.cover.subtitle, layout.cover.compiler) == (None, None)
    assert LayoutConfig.of(Settings()) == LayoutConfig()


def test_settings_change_labels_numbering_and_cover(tmp_path: Path):
    """典型案例, 一、/（一） headings, a subtitle and a 编制单位 on the cover, and the date in
    Chinese numerals: in the layout and in the .docx."""
    path = workbooks.build(tmp_path, with_settings(
        案例标签="典型案例", 标题编号="一、/（一）/1.", 副标题="——基于28所中职学校数据",
        编制单位="测试区教育科学研究所", 日期写法="中文数字"))
    layout = lay_out(load(path))
    assert layout.cases[0].label == "典型案例1"
    headings = [b for b in layout.body if isinstance(b, HeadingBlock)]
    assert [h.text for h in headings[:2]] == ["一、学校概况", "二、指标"]
    assert layout.cover.month == "二〇二四年十二月"
    read = read_report(render(load(path)))
    assert read.cover == ("测试区中等职业学校年度质量报告", "——基于28所中职学校数据",
                          "（2023-2024学年度）", "测试区教育委员会",
                          "编制单位：测试区教育科学研究所", "二〇二四年十二月")
    assert isinstance(layout.cases[0], CaseBlock)


def test_slashes_and_spaces_in_a_choice_do_not_matter(tmp_path: Path):
    """Full-width slashes and spaces typed in 标题编号 are accepted."""
    report = load(workbooks.build(tmp_path, with_settings(标题编号="一、／（一）／ 1.")))
    assert report.meta.settings.chinese_headings


@pytest.mark.parametrize(("key", "value", "code"), [
    ("标题编号", "一/二/三", "E-META-CHOICE"),
    ("日期写法", "罗马数字", "E-META-CHOICE"),
    ("表目录", "要", "E-META-CHOICE"),
    ("指标表上年列", "要", "E-META-CHOICE"),
    ("案例标签", "案例1", "E-META-LABEL"),
])
def test_a_wrong_setting_is_one_located_error(tmp_path: Path, key: str, value: str, code: str):
    """One error at the setting's 内容 cell, naming what may be written; nothing else."""
    path = workbooks.build(tmp_path, with_settings(**{key: value}))
    with pytest.raises(DataError) as caught:
        load(path)
    errors = [p for p in caught.value.problems if p.code.startswith("E-")]
    assert [(p.code, str(p.where)) for p in errors] == [(code, f"test.xlsx › 基本信息!B9")]
    assert value in str(errors[0])


def test_a_wrong_choice_names_the_choices_in_quotes(tmp_path: Path):
    """The yes/no rows and the settings share one message: the choices quoted, 、 between."""
    for key, choices in (("指标表上年列", "“是”、“否”"),
                         ("标题编号", "“1./1.1/1.1.1”、“一、/（一）/1.”")):
        path = workbooks.build(tmp_path, with_settings(**{key: "要"}))
        with pytest.raises(DataError) as caught:
            load(path)
        assert f"“{key}”应为{choices}之一" in str(caught.value.problems[0])
