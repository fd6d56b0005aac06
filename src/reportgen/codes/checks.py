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
)

PLACEHOLDERS = (
    K("E-PLACEHOLDER-UNKNOWN", CANNOT_REPLACE + "没有名为“{name}”的数据", PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-MISSPELT", CANNOT_REPLACE + "没有名为“{name}”的数据。是否是：{similar}",
      PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-AMBIGUOUS", CANNOT_REPLACE + "名称“{name}”指向多个指标，请写明是哪一个：{choices}",
      PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-NOT-COMPUTABLE",
      CANNOT_REPLACE + "“{name}”无法计算：{numerator} 或 {denominator} 为空或为 0", PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-CHANGE-ROWS",
      CANNOT_REPLACE + "计算较上年变化需要“数据”表中的“{name}”和“{previous}”两行，且都填写了数值",
      PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-GROWTH-ZERO", CANNOT_REPLACE + "“{previous}”为 0，无法计算增幅",
      PLACEHOLDER_HINT),
    K("E-PLACEHOLDER-NO-PREVIOUS", CANNOT_REPLACE + "“{name}”没有上年数值",
      "请在指标表（或“数据”表）的“上年”列填写上年的数"),
    K("E-PLACEHOLDER-NO-CURRENT", CANNOT_REPLACE + "“{name}”本年数值为空，无法与上年比较",
      "请先填写本年的数"),
    K("E-PLACEHOLDER-PREVIOUS-ZERO", CANNOT_REPLACE + "“{name}”上年数值为 0，无法计算增幅",
      "请改用〔{name}@变化〕写出增加了多少"),
    K("E-PLACEHOLDER-DERIVED-PREVIOUS", CANNOT_REPLACE + "“{name}”是计算得出的数，没有上年数值",
      "@上年、@变化、@增幅只能用于指标表中的指标和“数据”表中的名称；"
      "要与上年比较，请把这个数和它的上年数值填入“数据”表（“上年”列）"),
)

KINDS = CHECKS + PLACEHOLDERS
