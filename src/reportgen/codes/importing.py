"""Problems of the commands that make workbooks: ``import`` of a Word report (:data:`KINDS`),
and the yearly workflow (:data:`YEARLY_KINDS`): a workbook to fill in (``init``, ``init
--from``), what is still empty or carried over from last year when it is read, and adding up
the schools' workbooks (``merge``). Each list is its own area of the registry (titled in
:data:`reportgen.codes.AREAS`).

An import guess is a ``W-IMPORT-…`` warning when something may be lost or wrong, an
``I-IMPORT-…`` note when the reader only decided how to read a line; its place is a paragraph or
a table of the document (``第 1 页，第 5 段``), not a cell; the guesses are listed in the
workbook's 导入说明 sheet.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SAVE_AS_DOCX = "请在 Word 或 WPS 中打开它，用“另存为”保存为“Word 文档（*.docx）”后再试"
RESAVE_DOCX = "请用 Word 或 WPS 打开原来的文件重新保存，或重新复制一份"
TOC_REBUILT = "未导入，生成报告时重新编排"

COMMAND = (
    K("U-IMPORT-OUTPUT-SUFFIX", "输出文件应以 .xlsx 结尾：{path}",
      advice="用 -o 写出以 .xlsx 结尾的文件名"),
    K("U-IMPORT-OUTPUT-FOLDER", "输出位置 {path} 是文件夹", "请用 -o 写出工作簿的文件名（.xlsx）"),
    K("U-IMPORT-OUTPUT-IS-INPUT", "输出文件 {path} 就是输入文件，不能覆盖它",
      "请用 -o 指定另一个文件名"),
    K("U-IMPORT-OUTPUT-EXISTS", "工作簿 {path} 已经存在",
      "为免覆盖已填写的内容，请用 -o 指定另一个文件名，或加 --force 覆盖它"),
    K("U-IMPORT-FILE-MISSING", "找不到 Word 文件：{path}", "请检查文件名和所在文件夹"),
    K("U-IMPORT-FILE-FOLDER", "{path} 是文件夹，不是 Word 文件", "请写出报告文件的名字（.docx）"),
    K("U-IMPORT-FILE-UNREADABLE", "无法读取 Word 文件 {path}：{reason}",
      "请确认文件没有被其他程序独占，并且有读取权限"),
)

DOCUMENT = (
    K("E-DOCX-EMPTY", "文件是空的（0 字节），不是 Word 文档",
      "文件可能在复制或下载时出错，请重新复制一份"),
    K("E-DOCX-TRUNCATED", "文件不完整或已损坏（可能在复制、下载或保存时中断）", RESAVE_DOCX),
    K("E-DOCX-PDF", "这是 PDF 文件，不是 Word 文档",
      "PDF 不能直接导入。请找到报告的 Word 原稿；或在 WPS/Word 中打开 PDF，"
      "另存为“Word 文档（*.docx）”并核对转换结果后再试"),
    K("E-DOCX-TEXT", "这是文本文件，不是 Word 文档", SAVE_AS_DOCX),
    K("E-DOCX-UNKNOWN", "不是 Word 文档（.docx）", SAVE_AS_DOCX),
    K("E-DOCX-TOO-LARGE", "解压后过大（{size}，上限 {limit}），为安全起见不予读取",
      "请删除文档中过大的图片后另存一份；如果文件来源不明，请不要使用"),
    K("E-DOCX-WORKBOOK", "这是 Excel 工作簿，不是 Word 文档",
      "导入需要上一年的 Word 报告（.docx）；工作簿可以直接用来生成报告："
      "python -m reportgen 工作簿.xlsx"),
    K("E-DOCX-PRESENTATION", "这是 PowerPoint 演示文稿，不是 Word 文档", "请选择 Word 报告（.docx）"),
    K("E-DOCX-ZIP", "是压缩文件，但不是 Word 文档（.docx）", SAVE_AS_DOCX),
    K("E-DOCX-ENCRYPTED", "文档设置了打开密码（已加密），无法读取",
      "请在 Word 或 WPS 中用密码打开它，在“文件 › 信息 › 保护文档”（WPS：“文件 › "
      "文档加密”）中取消密码后保存，再试"),
    K("E-DOCX-XLS", "这是旧版 Excel 工作簿（.xls），不是 Word 文档", "请选择 Word 报告（.docx）"),
    K("E-DOCX-OLD-OFFICE", "这是旧版 Office 文件，但不是 Word 文档", SAVE_AS_DOCX),
    K("E-DOCX-DAMAGED", "文件已损坏，无法作为 Word 文档读取", SAVE_AS_DOCX),
    K("E-DOCX-LEGACY", "这是旧版 Word/WPS 文件（如 .doc、.wps），需要先转换为 .docx",
      "本机没有安装 LibreOffice，无法自动转换。" + SAVE_AS_DOCX),
    K("E-DOCX-CONVERT-FAILED", "无法把这个文件转换为 .docx（文件可能已损坏或设置了密码）",
      SAVE_AS_DOCX),
    K("O-CONVERT-NOT-WRITTEN", "LibreOffice 没有生成 .{extension} 文件（代码 {returncode}）{log}",
      advice="请在 Word 或 WPS 中打开原文件，另存为“Word 文档（*.docx）”后再导入"),
)

LEFT_OUT = (
    K("I-IMPORT-TOC-DROPPED", "目录（{count} 行）" + TOC_REBUILT),
    K("I-IMPORT-TOC-TYPED", "手工录入的目录（{count} 行）" + TOC_REBUILT),
    K("W-IMPORT-EMBEDDED-DOCUMENT", "嵌入的其他文档内容未导入",
      "请在 Word 中打开原文核对，需要的内容请手工补入工作簿"),
    K("W-IMPORT-FOOTNOTE", "脚注（尾注）未导入", "需要的话，请把脚注内容写进正文"),
    K("W-IMPORT-CHART", "图表未导入（工作簿中暂不能放图表）",
      "请在 Word 中打开原文查看图表，需要的数据可放入“表-”工作表"),
    K("W-IMPORT-OBJECT", "嵌入的对象（如 Excel 表格、公式）未导入", "请在 Word 中打开原文核对"),
    K("W-IMPORT-COVER-LINE", "封面上的这一行未导入（基本信息中没有对应项目）",
      "生成的封面只印标题、学年度、发布单位和日期"),
    K("W-IMPORT-PICTURE", "图片另存为“{path}”，没有放入工作簿",
      "要印出这张图，请在“图片”表中登记这个文件（名称、文件），再在“正文”中加一行类型“图片”放置它"),
    K("W-IMPORT-TABLE-EMPTY", "空表格，未导入"),
)

COVER = (
    K("W-IMPORT-META-MISSING", "没有找到{item}", "请在工作簿“基本信息”表第 {line} 行填写"),
    K("W-IMPORT-DATE-MISSING", "没有找到成文日期，暂填 {date}",
      "请在工作簿“基本信息”表第 7 行填写成文日期"),
    K("I-IMPORT-DATE-DAY", "封面只写了年月，成文日期填为 {date}",
      "封面只印年月；如需要，请改为实际的成文日期"),
    K("I-IMPORT-YEAR", "报告年份（指标表数值列的表头）取为 {year}", "请核对“基本信息”表中的报告年份"),
    K("I-IMPORT-REGION", "地区取为“{region}”", "地区只写入文件属性；请核对"),
    K("I-IMPORT-CATALOG-YEAR", "没有 {year} 年的指标目录，按 {used} 年的官方指标表识别指标表",
      "若 {year} 年的官方指标表有变化，请核对各指标表"),
)

STRUCTURE = (
    K("W-IMPORT-NO-HEADINGS", "没有找到任何标题，全部正文放在一个一级标题“正文”下",
      "请在工作簿“正文”表中改写标题，并把各章标题的类型改为一级标题"),
    K("W-IMPORT-OUTSIDE-FOREWORD", "第一个标题之前的 {count} 段文字读作前言",
      "如果不是前言，请把它们从“前言”表移到“正文”表中合适的位置"),
    K("W-IMPORT-OUTSIDE-CHAPTER", "第一个标题之前的 {count} 项内容放在第一章“{title}”的开头",
      "请在“正文”表中核对它们的位置"),
    K("I-IMPORT-HEADING-NUMBER", "按编号读作{heading}“{title}”"),
    K("I-IMPORT-HEADING-FORMAT", "加粗或字号较大的短行读作{heading}“{title}”"),
    K("W-IMPORT-HEADING-TOO-DEEP", "第{level}级标题按段落保留（报告最多三级标题）",
      "如需作为标题，请在“正文”表中把这一行的类型改为三级标题"),
    K("W-IMPORT-HEADING-LEVEL", "“{title}”上面缺少上一级标题，改作{heading}"),
    K("I-IMPORT-LIST", "接连几行编号的短句按段落（列表）读取，不作标题",
      "如果它们是标题，请在“正文”表中改这些行的类型"),
    K("I-IMPORT-APPENDIX", "“{title}”之后的官方指标表读作附表（印在报告末尾）"),
)

CASES = (
    K("W-IMPORT-BOX-AS-TEXT", "方框中的文字不像案例，按段落读取"),
    K("I-IMPORT-CASE-UNLABELLED", "方框中的内容读作案例“{title}”（没有“案例N”字样）"),
    K("I-IMPORT-CASE-OPEN", "没有边框的案例“{title}”读到第 {paragraph} 段为止",
      "请核对案例的结尾是否正确"),
    K("W-IMPORT-CASE-TITLE", "案例没有标题，已用正文第一句代替", "请在“案例”表中改写标题"),
    K("I-IMPORT-CASE-SUBTITLE", "“{title}”下的一行读作案例副标题"),
)

TABLES = (
    K("I-IMPORT-INDICATOR-PARTIAL", "按大部分指标行（{share:.0%}）认作官方表“{table}”"),
    K("W-IMPORT-INDICATOR-TABLE-MISSING", "文档中没有找到官方指标表“{table}”，已写入空表",
      "请在工作簿的同名工作表中填写数值，并在“正文”中放置它"),
    K("W-IMPORT-INDICATOR-TABLE-APPENDIX",
      "文档中没有找到官方指标表“{table}”，已写入空表（印在报告末尾的附表中）",
      "请在工作簿的同名工作表中填写数值"),
    K("W-IMPORT-INDICATOR-ROW-MISSING", "“{table}”中没有找到指标“{label}（{unit}）”，其数值留空",
      "请在工作簿中补填"),
    K("W-IMPORT-INDICATOR-ROW-EXTRA", "“{table}”中的这一行不是官方表的指标，未导入",
      "官方表的指标行是固定的；如需保留，请写进正文或自己设计的表格"),
    K("W-IMPORT-INDICATOR-UNIT",
      "“{table}”的指标“{label}”单位写作“{written_unit}”，官方表为“{unit}”，已按官方单位导入",
      "请核对数值是否需要换算"),
    K("W-IMPORT-INDICATOR-VALUE", "“{table}”中“{label}”的数值不是数字，已留空", "请在工作簿中填写数字"),
    K("W-IMPORT-TABLE-NO-CAPTION", "表格没有表题（“表N 名称”），暂名“{name}”",
      "请在工作簿中把工作表“表-{name}”改名为“表-（表名）”，并同时改“正文”中的名称"),
    K("W-IMPORT-TABLE-NAME",
      "表名改为“{name}”（工作表名最多 31 个字，不能含 / \\ ? * [ ] :，也不能重复）",
      "表题印出的是工作表名中“表-”之后的部分"),
)

KINDS = COMMAND + DOCUMENT + LEFT_OUT + COVER + STRUCTURE + CASES + TABLES


# The yearly workflow: init, init --from, merge.

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
    # rows of 基本信息 in codes/workbook.py (LAYOUT_KINDS)
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

YEARLY_KINDS = INIT + FILLING + MERGE_CALL + MERGE_FIGURES
"""init, init --from and merge."""
