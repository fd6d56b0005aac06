"""The yearly workflow: a workbook to fill in (``init``, ``init --from``), what is still empty
or carried over from last year when it is read, and adding up the schools' workbooks
(``merge``)."""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

CHECK_PATH = "请检查文件名和所在文件夹"
NO_OVERWRITE = "请换一个文件名，或先把原文件移走"
PICK_FROM_LIST = "请从下拉列表中选择"

INIT = (
    K("U-INIT-SUFFIX", "新工作簿应以 .xlsx 结尾：{path}",
      advice="写出以 .xlsx 结尾的文件名，如 2025.xlsx"),
    K("U-INIT-EXISTS", "{path} 已经存在，不会覆盖它", NO_OVERWRITE),
    K("U-INIT-SOURCE-MISSING", "找不到上年的工作簿：{path}", CHECK_PATH),
    K("U-INIT-YEAR", "{file} 是 {year} 年的工作簿，由它生成的是 {next_year} 年的工作簿，"
      "不能是 {wanted} 年", "请去掉 --year，或换用上一年的工作簿"),
    K("U-YEARLY-YEAR-TOO-EARLY", "没有 {year} 年的指标目录：本程序的官方指标表从 {earliest} 年起",
      "请检查年份"),
    K("I-INIT-EARLIER-CATALOG", "没有 {year} 年的指标目录，指标表按 {used} 年的官方指标表生成",
      "若 {year} 年的官方指标表有变化，需要更新本程序"),
)

FILLING = (
    K("E-WORKBOOK-UNFILLED", "工作簿还没有填写完，以下内容仍是空的：{missing}",
      "请按工作簿中“说明”工作表的提示逐项填写后再试（指标表中确实没有的数可以空着）"),
    K("W-FIGURES-MISSING", "指标表本年数值尚未填写：{missing}",
      "请在各指标表的“数值”列填写本年的数；确实没有的可以空着"),
    # E-META-CHOICE (指标表上年列 neither 是 nor 否) is registered with the other optional
    # rows of 基本信息 in codes/layout.py
    K("E-STATUS-VALUE", "“{column}”应为{values}或空白", PICK_FROM_LIST),
    K("W-CARRIED-UNCONFIRMED", "有 {count} 处内容沿用上年、尚未确认：{cells}",
      "请逐条核对、修改为本年的内容后，把“{column}”改为“{confirmed}”"),
    K("W-SOURCES-ROW", "第 {rows} 行无法识别，已跳过",
      "“来源”表由 reportgen merge 生成，只供查看，请不要修改"),
)

MERGE_CALL = (
    K("U-MERGE-NO-SCHOOL", "请至少给出一个学校的工作簿",
      advice="例：python -m reportgen merge 学校甲.xlsx 学校乙.xlsx -o 区县.xlsx"),
    K("U-MERGE-SUFFIX", "合并结果应以 .xlsx 结尾：{path}",
      advice="用 -o 写出以 .xlsx 结尾的文件名"),
    K("U-MERGE-MISSING", "找不到工作簿文件：{path}", CHECK_PATH),
    K("U-MERGE-SAME-FILE", "{first} 和 {path} 是同一个文件，同一所学校不能合并两次",
      "请检查给出的文件"),
    K("U-MERGE-SAME-CONTENT", "{first} 和 {path} 内容完全相同，同一所学校不能合并两次",
      "请检查给出的文件"),
    K("U-MERGE-SAME-NAME", "{first} 和 {path} 文件名相同，合并后无法区分来源",
      "请把其中一个改名（例如用学校名称作文件名）"),
    K("U-MERGE-EXISTS", "{path} 已经存在，不会覆盖它", NO_OVERWRITE),
    K("U-MERGE-YEAR-MISMATCH", "各校工作簿的报告年份不同，不能合并（{school_years}）",
      "请确认都是同一年的工作簿"),
    K("U-MERGE-BASE-MISSING", "找不到底稿工作簿：{path}", CHECK_PATH),
    K("U-MERGE-BASE-SCHOOL", "底稿 {path} 也是要合并的学校工作簿之一",
      "底稿应是区县自己的工作簿（例如由上年的区县工作簿用 init --from 生成）"),
    K("U-MERGE-BASE-YEAR", "底稿 {file} 的报告年份（{year}）与各校工作簿的不同（{school_years}）",
      "请用同一年的区县工作簿作底稿"),
    K("U-MERGE-BASE-NO-YEAR", "底稿 {file} 没有填写报告年份，无法确认与各校工作簿（{school_years}）是同一年",
      "请在底稿的“基本信息”中填写报告年份，或换用同一年的区县工作簿作底稿"),
    K("U-MERGE-BASE-SHEET", "底稿 {file} 缺少工作表“{sheet}”，无法填入合并的数值",
      "请用 init 生成的区县工作簿作底稿，或按模板补上这个工作表"),
    K("U-MERGE-BASE-CASES", "底稿 {file} 的“{sheet}”表第 1 行没有“{column}”列，无法加入各校的案例",
      "请按模板补上这一列"),
)

MERGE_FIGURES = (
    K("E-MERGE-NUMERATOR-MISSING", "合并时要由各校的分子重新计算，但本校的这个数为空",
      "请填写这个数；确实没有时，请把用到它的比率也空着"),
    K("E-MERGE-DENOMINATOR-MISSING", "合并时要由各校的分母重新计算，但本校的这个数为空",
      "请填写这个数；确实没有时，请把用到它的比率也空着"),
    K("E-MERGE-WEIGHT-MISSING", "“{label}”按{weight}加权合并，但本校的{weight}为空",
      "请填写{weight}；确实没有时，请把“{label}”也空着"),
    K("W-MERGE-ZERO-WEIGHT", "“{label}”按{weight}加权合并，本校的权数为 0，本校的这个数不计入合并",
      "没有调查或没有数据时，请把这一行的数值也空着"),
)

KINDS = INIT + FILLING + MERGE_CALL + MERGE_FIGURES
