"""Every kind of problem reportgen reports, with its stable code: the one place its text lives.

A call that reports a problem passes a code and the data (``problems.add("E-CELL-NUMBER",
where, found="一千二")``, ``UsageError("U-FILE-MISSING", path=path)``); the Chinese message
and hint are made here from the code's templates. The code is what scripts (``check --format
json``), tests and docs/problems.md use; it never changes once released, whatever the wording.

Codes: ``E-`` error (the report is not made), ``W-`` warning, ``I-`` note, ``U-`` the command
was called wrongly (exit code 2), ``O-`` LibreOffice, the PDF or page pictures; then an AREA
and a NAME. To add a kind: add it to the module of its area below, give every new field a
label in :data:`FIELD_LABELS`, and run ``tools/write_problem_docs.py``.

This package is data: it imports nothing else of reportgen (errors.py builds on it).
"""

from __future__ import annotations

from reportgen.codes import checks, commands, importing, workbook
from reportgen.codes.kind import (CODE_FORMAT, ERROR_LETTERS, PROBLEM_LETTERS, ProblemKind,
                                  listing)

AREAS: tuple[tuple[str, tuple[ProblemKind, ...]], ...] = (
    ("读取工作簿", workbook.KINDS),
    ("数据检查与占位符", checks.KINDS),
    ("版式设置、附录、图片、图表与交叉引用", workbook.LAYOUT_KINDS),
    ("命令、模板、输出文件与 LibreOffice", commands.KINDS),
    ("写入文件与中断", commands.FILE_KINDS),
    ("LibreOffice 会话与页面图片", commands.SESSION_KINDS),
    ("批量生成", commands.BATCH_KINDS),
    ("导入 Word 报告（import）", importing.KINDS),
    ("新建工作簿、上年结转与合并各校（init、merge）", importing.YEARLY_KINDS),
    ("网页（serve）", commands.WEB_KINDS),
)
"""The kinds by area, titled as in docs/problems.md."""

REGISTRY: dict[str, ProblemKind] = {}
"""Every kind by its code."""
for _, _kinds in AREAS:
    for _kind in _kinds:
        if _kind.code in REGISTRY:
            raise ValueError(f"problem code registered twice: {_kind.code}")
        REGISTRY[_kind.code] = _kind

FIELD_LABELS: dict[str, str] = {
    "appendix": "附录",
    "arguments": "参数",
    "case": "案例编号",
    "cell": "单元格",
    "cells": "单元格列表",
    "chart": "图表名称",
    "choices": "可选的名称",
    "column": "列名",
    "columns": "应有的列",
    "confirmed": "确认后的状态",
    "count": "条数",
    "counted": "记录的数目",
    "date": "日期",
    "declared": "声明的规则",
    "denominator": "分母",
    "description": "规则说明",
    "detail": "详情",
    "docx": "报告文件",
    "earliest": "最早的年份",
    "entered": "所填的内容",
    "error": "错误详情",
    "extension": "文件类型",
    "feature": "功能",
    "file": "文件名",
    "figure": "图片或图表的名称",
    "first": "第一次出现的位置",
    "formats": "支持的格式",
    "folder": "文件夹",
    "header_style": "表头段落样式",
    "heading": "标题的级别（如二级标题）",
    "height": "高度（像素）",
    "high": "上限",
    "host": "地址",
    "id": "编号",
    "inline": "正文",
    "item": "项目",
    "items": "应有的项目",
    "kind": "类型",
    "kinds": "应有的类型",
    "label": "指标名称",
    "level": "标题级别",
    "limit": "上限",
    "line": "行号",
    "log": "LibreOffice 的输出",
    "low": "下限",
    "missing": "尚未填写的内容",
    "name": "名称",
    "next_year": "下一年",
    "numerator": "分子",
    "option": "选项",
    "other": "另一处的指标",
    "page": "页",
    "page_count": "总页数",
    "pages": "页码",
    "paragraph": "段落序号",
    "part": "部分",
    "parts": "各部分的指标",
    "path": "路径",
    "pdf": "PDF 文件",
    "percent": "百分数",
    "place": "前言、正文或案例",
    "port": "端口",
    "previous": "上年的名称",
    "program": "程序",
    "range": "合并区域",
    "reason": "原因",
    "region": "地区",
    "returncode": "退出代码",
    "row": "指标",
    "rows": "行号",
    "school_years": "各校工作簿及其年份",
    "seconds": "秒数",
    "share": "认出的指标行比例",
    "sheet": "工作表名",
    "sheets": "现有的工作表",
    "similar": "相近的名称",
    "size": "大小",
    "slots": "找到的位置数",
    "stale": "旧 PDF",
    "style": "缺少的样式",
    "sum": "各部分之和",
    "table": "表名",
    "table_style": "表格样式",
    "tables": "表格数",
    "tag": "标记",
    "template": "模板文件",
    "terms": "各部分",
    "text_style": "正文段落样式",
    "title": "标题",
    "total": "总额",
    "token": "占位符",
    "tool": "程序",
    "unit": "单位",
    "usage": "用法",
    "used": "所用指标目录的年份",
    "value": "数值",
    "values": "可填的值",
    "variables": "变量",
    "wanted": "--year 给出的年份",
    "wanted_height": "应有的高度",
    "wanted_width": "应有的宽度",
    "weight": "权数",
    "what": "要选择的文件",
    "whole": "总数",
    "width": "宽度（像素）",
    "written": "所写的页码",
    "written_unit": "文档中写的单位",
    "year": "年份",
    "years": "现有的年份",
}
"""A Chinese label for every template field, shown as 〈label〉 in docs/problems.md."""


def lookup(code: str) -> ProblemKind:
    """The kind registered under ``code``; a programming error when there is none."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"unregistered problem code {code!r}: register it in reportgen.codes") from None


def near(code: str) -> str:
    """The code of the note a check finding of kind ``code`` becomes when its two figures
    differ by less than one unit in the last place."""
    found = lookup(code).near
    if found is None:
        raise ValueError(f"{code} cannot be a near miss")
    return found


__all__ = ["AREAS", "CODE_FORMAT", "ERROR_LETTERS", "FIELD_LABELS", "PROBLEM_LETTERS",
           "REGISTRY", "ProblemKind", "listing", "lookup", "near"]
