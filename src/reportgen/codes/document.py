"""docs/problems.md, made from the registry: every code with its text, its level and what to do.

``tools/write_problem_docs.py`` writes it; a test checks that the committed file is what
:func:`problems_markdown` makes. Not imported at run time.
"""

from __future__ import annotations

import string

from reportgen.codes import AREAS, FIELD_LABELS, ProblemKind

LEVELS = {"E": "错误", "W": "警告", "I": "提示", "U": "用法错误", "O": "外部程序"}
"""The level column, by the code's letter."""

INTRODUCTION = """\
# 问题代码一览

<!-- 本文件由 tools/write_problem_docs.py 根据 src/reportgen/codes/ 生成，请勿手工修改。 -->

reportgen 报告的每一种问题都有一个固定不变的**代码**，如 `E-CELL-NUMBER`（单元格应为数字）。
`python -m reportgen check` 的结果中，每条问题的最后一行写有代码（`代码：E-CELL-NUMBER`）；
`--format json` 输出的每条问题有 `code` 字段，无法检查时（如文件不存在）输出 `error` 及其 `code`。
向维护人员反映问题、或用程序处理检查结果时，请以代码为准：提示文字以后可能改进，代码不会改变。

代码的第一个字母表示级别：

| 开头 | 级别 | 含义 |
|---|---|---|
| `E-` | 错误 | 报告不生成，改好后重新运行（退出码 1） |
| `W-` | 警告 | 报告照常生成，请核对所说的单元格 |
| `I-` | 提示 | 供参考，不必修改 |
| `U-` | 用法错误 | 命令用错了：文件不存在、参数写错、输出位置不对等（退出码 2） |
| `O-` | 外部程序 | LibreOffice 或 poppler 出错：转 PDF、填目录页码或生成页面图片（`--pdf` 没有生成 PDF 时退出码 4，`pages` 命令退出码 2） |

屏幕上的一条问题写作 `文件 › 工作表!单元格：信息，实为“单元格内容”。建议。`
下表的“信息”和“建议”就是其中的两段；〈…〉处按具体情况填入（如〈工作表名〉）。
数据检查（`-CHECK-`）的结果还写明是哪一条规则，规则见 [checks.md](checks.md)；
两处的数只差末位的一个单位时，同一种结果是提示（`I-CHECK-…`）而不是警告。
"""


def problems_markdown() -> str:
    """The whole of docs/problems.md."""
    parts = [INTRODUCTION]
    for title, kinds in AREAS:
        parts.append(f"\n## {title}\n\n| 代码 | 级别 | 信息 | 建议 |\n|---|---|---|---|\n")
        parts.extend(_row(kind) for kind in kinds)
    return "".join(parts)


def _row(kind: ProblemKind) -> str:
    todo = [shown(text) for text in (kind.hint, kind.advice) if text]
    return (f"| `{kind.code}` | {LEVELS[kind.letter]} | {shown(kind.message)} | "
            f"{'。'.join(todo) or '—'} |\n")


def shown(template: str) -> str:
    """A template as the docs show it: each field as 〈label〉, safe inside a table cell."""
    text = ""
    for literal, name, _, _ in string.Formatter().parse(template):
        text += literal
        if name is not None:
            text += f"〈{FIELD_LABELS[name]}〉"
    for special in ("\\", "|", "*", "_", "`"):
        text = text.replace(special, "\\" + special)
    return text.replace("\n", "<br>")
