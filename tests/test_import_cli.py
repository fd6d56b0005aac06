"""``python -m reportgen import``: what the clerk reads after importing."""

from __future__ import annotations

from pathlib import Path

import docx

from cli_run import run_cli


def _report_without_issuer(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("测试区中等职业学校年度质量报告")
    d.add_paragraph("（2023-2024学年度）")
    d.add_paragraph("一、学校概况")
    d.add_paragraph("学校现有学生一千人，教职工一百人。")
    d.add_paragraph("二、人才培养")
    d.add_paragraph("学校坚持立德树人，培养高素质技术技能人才。")
    d.save(str(path))


def test_the_import_says_what_it_read_what_it_guessed_and_what_is_missing(tmp_path: Path):
    """Counts, then each guess with its place, then what the workbook still lacks (located by
    cell), then the next command."""
    source = tmp_path / "去年.docx"
    _report_without_issuer(source)
    code, out, err = run_cli("import", str(source))
    lines = out.splitlines()
    workbook = tmp_path / "去年.xlsx"
    assert code == 0 and err == ""
    assert lines[0] == f"已导入：{workbook}（2 个标题、2 段正文、0 个案例、0 张表格）"
    assert lines[1].startswith("以下 ") and lines[1].endswith("（也列在工作簿的“导入说明”表中）：")
    assert "  第 3 段：按编号读作一级标题“学校概况”，原文“一、学校概况”。" in lines
    assert "  第 1 段：没有找到发布单位。请在工作簿“基本信息”表第 6 行填写。" in lines
    missing = next(i for i, line in enumerate(lines) if line.startswith("生成报告之前，工作簿中还有"))
    assert lines[missing + 1] == "  去年.xlsx › 基本信息!B6：“发布单位”为空。请填写。"
    assert lines[-1] == f"下一步：核对、修改工作簿后运行 python -m reportgen {workbook}"
    assert workbook.is_file()
