"""Findings of the consistency checks (one code per kind of rule) and of placeholders.

A check finding also names the rule that found it (``rule``, such as ``text.graduates``): the
code says what kind of contradiction it is, the rule which figures. A finding whose two figures
differ by less than one unit in the last place is a note (``I-…``, see :data:`NEAR_HINT`).
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

NEAR_HINT = "相差不到末位的一个单位，可能是舍入时为凑整而调整；请按实际数据四舍五入"
"""What a near miss adds in front of the finding's hint."""
CHECK_BOTH = "{description}，请核对"
CHECK_THE_TWO = "{description}，请核对这两个数"
PLACEHOLDER_HINT = "占位符写作〔名称〕，名称见 docs/checks.md；要写方括号本身，请连写两个：〔〔 或 〕〕"
CANNOT_REPLACE = "占位符{token}无法替换："


def _finding(code: str, message: str, hint: str, *, near: bool = False) -> tuple[K, ...]:
    """A finding's kind and, if it can be a near miss, the kind of that note."""
    if not near:
        return (K(code, message, hint),)
    note = "I" + code[1:]
    return K(code, message, hint, near=note), K(note, message, f"{NEAR_HINT}。{hint}")


CHECKS = (
    *_finding("E-CHECK-RANGE", "{label}不合理：应{low}～{high}", "{description}"),
    *_finding("E-CHECK-MINIMUM", "{label}不合理：应不小于 {low}", "{description}"),
    *_finding("W-CHECK-FRACTION", "{label}是百分比，{value} 可能是小数形式的 {percent}%",
              "若实为 {percent}%，请填写 {percent}（或把单元格格式设为百分比）"),
    *_finding("W-CHECK-SURVEY-BASE", "{label}的调查人次为 0，却填写了满意度",
              "没有调查就没有满意度：请把满意度和调查人次都留空，或填写实际调查结果"),
    *_finding("W-CHECK-SUM", "{label}与各部分之和不符：{terms} = {sum}", CHECK_BOTH, near=True),
    *_finding("W-CHECK-PART", "{part}超过了{whole}", CHECK_THE_TWO),
    *_finding("W-CHECK-SAME", "{label}与{other}不一致", "{description}，请核对哪一处有误",
              near=True),
    *_finding("W-CHECK-RATIO", "{label}与按{numerator}、{denominator}计算的结果不符", CHECK_BOTH,
              near=True),
    *_finding("W-CHECK-TABLE-SUM", "{label}与上面各行之和不符", "{description}"),
    *_finding("W-CHECK-TABLE-SHARE", "{label}与按人数计算的占比不符", "{description}", near=True),
    *_finding("W-CHECK-TEXT", "{place}与{label}不一致",
              "请核对后改为一致；正文可写占位符直接引用表中的数（见 docs/checks.md）", near=True),
    *_finding("W-CHECK-TEXT-RATE", "{year}年的比率与正文中同年的“{numerator}”“{denominator}”算出的不符",
              "{description}", near=True),
    *_finding("W-CHECK-TEXT-PART", "{place}中“其中”的部分 {part} 超过了它所属的总数 {whole}",
              CHECK_THE_TWO),
    *_finding("W-CHECK-WEIGHTED", "{label}与{parts}按调查人次的加权平均不符", CHECK_BOTH),
    *_finding("W-CHECK-TABLE-SUBTOTAL", "{label}与它所属一组各项之和不符", "{description}"),
    *_finding("W-CHECK-TEXT-TOTAL", "{place}中的总额 {total} 与其后列出的各项之和 {sum} 不符",
              "各项已列全（最后一项是“其他…”），它们之和应等于总额，请核对哪一处有误"),
)

PLACEHOLDER_REASONS = {
    "E-PLACEHOLDER-UNKNOWN": "没有名为“{name}”的数据",
    "E-PLACEHOLDER-MISSPELT": "没有名为“{name}”的数据。是否是：{similar}",
    "E-PLACEHOLDER-AMBIGUOUS": "名称“{name}”指向多个指标，请写明是哪一个：{choices}",
    "E-PLACEHOLDER-NOT-COMPUTABLE": "“{name}”无法计算：{numerator} 或 {denominator} 为空或为 0",
    "E-PLACEHOLDER-CHANGE-ROWS":
        "计算较上年变化需要“数据”表中的“{name}”和“{previous}”两行，且都填写了数值",
    "E-PLACEHOLDER-GROWTH-ZERO": "“{previous}”为 0，无法计算增幅",
    "E-PLACEHOLDER-CELL": "{detail}",
    "E-PLACEHOLDER-NO-PREVIOUS": "“{name}”没有上年数值",
    "E-PLACEHOLDER-NO-CURRENT": "“{name}”本年数值为空，无法与上年比较",
    "E-PLACEHOLDER-PREVIOUS-ZERO": "“{name}”上年数值为 0，无法计算增幅",
    "E-PLACEHOLDER-DERIVED-PREVIOUS": "“{name}”是计算得出的数，没有上年数值",
}
"""Why a name names no figure, without the placeholder's words: a placeholder's message and,
in a declared rule, the reason of E-RULE-NAME (:func:`reason_text`)."""

PLACEHOLDER_HINTS = {
    "E-PLACEHOLDER-NO-PREVIOUS": "请在指标表（或“数据”表）的“上年”列填写上年的数",
    "E-PLACEHOLDER-NO-CURRENT": "请先填写本年的数",
    "E-PLACEHOLDER-PREVIOUS-ZERO": "请改用〔{name}@变化〕写出增加了多少",
    "E-PLACEHOLDER-DERIVED-PREVIOUS": "@上年、@变化、@增幅只能用于指标表中的指标和“数据”表中的名称；"
                                      "要与上年比较，请把这个数和它的上年数值填入“数据”表（“上年”列）",
}
"""The hints of the placeholder problems whose hint is not :data:`PLACEHOLDER_HINT`."""

PLACEHOLDERS = tuple(K(code, CANNOT_REPLACE + reason, PLACEHOLDER_HINTS.get(code, PLACEHOLDER_HINT))
                     for code, reason in PLACEHOLDER_REASONS.items())

RULE_HINT = ("规则写作 〔名称〕 = 〔名称〕、〔名称〕 <= 〔名称〕、〔名称〕 >= 〔名称〕，或 〔合计〕 = 〔部分一〕 + 〔部分二〕；"
             "名称的写法与正文中的占位符相同（见 docs/checks.md）")
MARKS_HINT = "可以删去“核对”表中的这一行"

DECLARED = (
    K("E-RULE-SYNTAX", "“规则”表中的规则写法有误：{detail}", RULE_HINT),
    K("E-RULE-NAME", "“规则”表中的规则里，{token}无法使用：{reason}", RULE_HINT),
    K("E-RULE-CHANGE", "“规则”表中的规则里，〔{name}〕无法使用：与上年的比较（较上年增减、较上年增幅、"
      "@上年、@变化、@增幅）只用于正文，规则中请改写为“数据”表中的数", RULE_HINT),
    *_finding("W-CHECK-DECLARED", "不符合工作簿“规则”表中的规则“{declared}”",
              "{description}，请核对"),
    K("I-CHECK-MARK-UNUSED", "“核对”表中的编号 {id} 已不对应任何检查结果：所比较的数已改动，或问题已改正",
      "若问题仍在，检查结果会以新的编号再次列出；" + MARKS_HINT),
    K("I-CHECK-MARK-ERROR", "“核对”表中的编号 {id} 是一处错误，错误不能标记为已核对",
      "错误会使报告无法生成，请改正后再生成；" + MARKS_HINT),
)


def reason_text(code: str, fields: dict[str, object]) -> str:
    """The reason a placeholder-style name names no figure (see :data:`PLACEHOLDER_REASONS`),
    with its data written in."""
    shown = {k: "、".join(map(str, v)) if isinstance(v, (list, tuple)) else v
             for k, v in fields.items()}
    return PLACEHOLDER_REASONS[code].format_map(shown)


KINDS = CHECKS + PLACEHOLDERS + DECLARED
