"""Problems of reading a workbook: the file, its sheets and columns, its cells, its contents
(:data:`KINDS`); and of the report's own settings and parts: 基本信息's optional rows, the
appendix, pictures, charts and cross-references (:data:`LAYOUT_KINDS`). Each list is its own
area of the registry (titled in :data:`reportgen.codes.AREAS`).
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SAVE_AS = "请在 Excel 或 WPS 中打开它，用“另存为”保存为“Excel 工作簿（*.xlsx）”后再试"
RESAVE = "请用 Excel 或 WPS 打开原来的工作簿重新保存，或重新复制一份"
ROWS_AS_OFFICIAL = "“{table}”的指标行须与官方表一致（名称、单位、顺序），只填写数值和备注"
PLACE_IN_BODY = "请在“正文”表中要放置它的位置加一行：类型“{kind}”，内容"

FILE = (
    K("U-FILE-MISSING", "找不到工作簿文件：{path}", "请检查文件名和所在文件夹"),
    K("U-FILE-FOLDER", "{path} 是文件夹，不是工作簿文件", "请写出工作簿文件的名字（.xlsx）"),
    K("U-FILE-UNREADABLE", "无法读取工作簿文件 {path}：{reason}",
      "请确认文件没有被其他程序独占，并且有读取权限"),
    K("E-FILE-EMPTY", "文件是空的（0 字节），不是 Excel 工作簿",
      "文件可能在复制或下载时出错，请重新复制一份填好的工作簿"),
    K("E-FILE-ENCRYPTED", "工作簿设置了打开密码（已加密），无法读取",
      "请在 Excel 或 WPS 中用密码打开它，在“文件 › 信息 › 保护工作簿”"
      "（WPS：“文件 › 文档加密”）中取消密码后保存，再试"),
    K("E-FILE-XLS", "这是旧版 Excel 97-2003 工作簿（.xls），不能直接读取", SAVE_AS),
    K("E-FILE-OLD-OFFICE", "这是旧版 Office 文件（如 .doc、.xls），不是 .xlsx 工作簿", SAVE_AS),
    K("E-FILE-TRUNCATED", "文件不完整或已损坏（可能在复制、下载或保存时中断）", RESAVE),
    K("E-FILE-TEXT", "这是文本文件（如 CSV），不是 Excel 工作簿", SAVE_AS),
    K("E-FILE-NOT-XLSX", "不是 Excel 工作簿（.xlsx）", SAVE_AS),
    K("E-FILE-WORD", "这是 Word 文档，不是 Excel 工作簿",
      "请选择填好的 Excel 工作簿（.xlsx），报告模板请用 --template 指定"),
    K("E-FILE-POWERPOINT", "这是 PowerPoint 演示文稿，不是 Excel 工作簿",
      "请选择填好的 Excel 工作簿（.xlsx）"),
    K("E-FILE-ODF", "这是 WPS/LibreOffice 的 ODF 文件（.ods 等），不是 .xlsx 工作簿", SAVE_AS),
    K("E-FILE-ZIP", "是压缩文件，但不是 Excel 工作簿（.xlsx）", SAVE_AS),
    K("E-FILE-TOO-LARGE",
      "解压后过大（{size}，上限 {limit}），不像正常的报告工作簿，为安全起见不予读取",
      "请删除工作簿中的图片和无关工作表后另存一份；如果文件来源不明，请不要使用"),
    K("E-FILE-UNSAFE-XML", "文件含有不安全的 XML 内容（实体声明），为安全起见不予读取",
      "正常保存的工作簿不会这样；如果文件来源不明，请不要使用。"
      "否则请在 Excel 或 WPS 中打开它另存一份再试"),
    K("E-FILE-DAMAGED", "文件已损坏，无法作为 Excel 工作簿读取", SAVE_AS),
    K("E-FILE-STRICT", "工作簿是以“Strict Open XML 电子表格”格式保存的，无法读取", SAVE_AS),
    K("W-CELL-SURROGATE", "含有无法识别的字符（不完整的 Unicode 代理字符），已换成“\ufffd”",
      "文件可能是由其他程序生成的。请在 Excel 或 WPS 中核对该单元格的文字，重新输入那个字符后保存"),
    K("E-FILE-SHEET-TOO-LARGE",
      "工作表“{title}”异常庞大：记录了{counted} 个单元格或行（上限 {limit}），不像正常的报告工作簿，"
      "为避免长时间占用内存不予读取。多半是对整片区域（甚至整行、整列）设置过格式或边框",
      "请在 Excel 或 WPS 中打开它，选中最后一行数据下面的第一行，按 Ctrl+Shift+↓ 选到表底，"
      "右键“删除”；右侧多余的列同样删除，保存后再试。如果文件来源不明，请不要使用"),
)

CATALOG = (
    K("U-CATALOG-YEAR", "没有 {year} 年的指标目录。现有的指标目录：{years}",
      advice="请去掉 --catalog-year，或写出现有的年份"),
    K("E-CATALOG-YEAR-TOO-EARLY", "报告年份早于最早的指标目录（{earliest} 年）",
      "请核对报告年份；本程序的官方指标表从 {earliest} 年起"),
    K("I-CATALOG-EARLIER-YEAR", "没有 {year} 年的指标目录，按 {used} 年的指标目录读取指标表",
      "若 {year} 年的官方指标表有变化，需要更新本程序"),
)

SHEETS = (
    K("E-SHEET-MISSING", "缺少工作表“{sheet}”",
      "请按模板补上这个工作表。工作簿中现有的工作表：{sheets}"),
    K("E-SHEET-MISNAMED", "缺少工作表“{sheet}”",
      "工作簿中有“{similar}”，如果就是它，请把工作表名改回“{sheet}”"),
    K("W-SHEET-HIDDEN", "这是隐藏的工作表，其内容仍会写入报告",
      "如果它不应出现在报告中，请删除这个工作表，或改名（不以“表-”开头）"),
    K("W-ROW-HIDDEN", "第 {rows} 行是隐藏的，其内容仍会写入报告",
      "请取消隐藏后核对；不需要的行请删除"),
    K("W-CELL-MERGED", "合并单元格 {range}：只读取左上角 {cell} 的内容，其余单元格按空白处理",
      "请取消合并，在每个单元格中分别填写"),
    K("W-COLUMN-EXTRA", "多出的列，已忽略", "本表的列应为：{columns}"),
    K("E-COLUMN-MISSING", "缺少“{column}”列", "第1行应为列名：{columns}"),
)

CELLS = (
    K("E-CELL-UNCALCULATED", "公式没有计算结果（文件是用不会计算公式的程序保存的）",
      "请在 Excel 或 WPS 中打开工作簿，按 Ctrl+Alt+F9 重新计算后保存；"
      "或把公式改为直接填写的数值"),
    K("E-CELL-FORMULA-ERROR", "公式出错，单元格显示错误值", "请修改公式或直接填写数值"),
    K("W-CELL-CONTROL-CHARACTERS", "含有不可见的控制字符，已删除",
      "通常是从别处复制粘贴带来的，请核对该单元格的文字"),
    K("E-CELL-NUMBER", "应为数字", "请只填写数字（可带小数点），不要加文字或单位"),
    K("E-CELL-NUMBER-UNIT", "应为数字", "单位“{unit}”已在“单位”列中，这里只填写数字"),
    K("E-CELL-NUMBER-PERCENT", "应为数字", "这一行的单位是“{unit}”，不是百分比，请只填写数字"),
    K("E-CELL-NUMBER-DATE", "应为数字",
      "单元格被当成了日期：请把单元格格式改为“常规”或“数值”后重新输入"),
    K("E-CELL-NUMBER-LOGICAL", "应为数字",
      advice="单元格中是 TRUE/FALSE（逻辑值），请改为数字"),
    K("E-CELL-INTEGER", "应为整数", advice="请填写整数，如 2024"),
    K("E-CELL-DATE", "应为日期", "请填写日期，例如 2024-12-30"),
)

META = (
    K("W-META-UNKNOWN", "不认识的项目，已忽略", "项目应为：{items}"),
    K("E-META-TWICE", "项目“{item}”填写了两次", "请删除其中一行"),
    K("E-META-MISSING", "缺少项目“{item}”", "请在“项目”列加一行“{item}”，并在“内容”列填写"),
    K("E-META-EMPTY", "“{item}”为空", "请填写"),
    K("E-META-TABLES", "“{item}”应为“{inline}”或“{appendix}”",
      advice="表格放在正文中还是附录中，二者选一"),
)

CASES = (
    K("E-CASE-NO-KEY", "案例缺少编号", "请在“编号”列填写编号，正文中用它放置案例"),
    K("E-CASE-DUPLICATE", "案例编号“{case}”重复（第一次在 {first}）", "每个案例的编号必须不同"),
    K("E-CASE-NO-TITLE", "案例缺少标题", advice="请在“标题”列填写案例的标题"),
    K("E-CASE-NO-TEXT", "案例缺少正文", advice="请在“正文”列填写案例的内容"),
)

NAMED = (
    K("E-NAMED-NO-NAME", "数值没有名称", "请在“名称”列填写正文中引用它的名称"),
    K("E-NAMED-BAD-NAME", "名称中不能有〔〕或冒号",
      advice="名称写在占位符〔名称〕中，不能含有方括号和冒号，请改名"),
    K("E-NAMED-DUPLICATE", "名称“{name}”重复（第一次在 {first}）", "每个名称只能定义一次"),
    K("E-NAMED-EMPTY", "“{name}”的数值为空", "请填写数值，或删除这一行"),
    K("E-MARK-NO-ID", "“核对”表的这一行写了原因，却没有编号",
      "请把 reportgen check 列出的编号（如 7K2M-Q9XD）填入“编号”列，或删除这一行"),
    K("E-RULE-EMPTY", "“规则”表的这一行写了说明，却没有规则",
      "请在“规则”列写出规则，如 〔表-专业设置一览!合计@小计〕 = 〔全日制在校生人数〕，或删除这一行"),
)

BODY = (
    K("E-BODY-EMPTY", "正文是空的", "请在“正文”表中按顺序填写标题、段落、案例和表格"),
    K("E-BODY-KIND", "类型不正确", "类型应为：{kinds}"),
    K("E-BODY-NO-CONTENT", "{kind}的内容为空", "请填写内容，或删除这一行"),
    K("E-BODY-LEVEL-SKIPPED", "{kind}前缺少{level}",
      "标题须逐级出现：一级标题下是二级标题，二级标题下是三级标题"),
    K("E-BODY-NO-HEADING", "正文第一项应为一级标题", "请在这一行之前加一行一级标题（章标题）"),
    K("E-BODY-UNKNOWN-CASE", "“案例”表中没有这个编号的案例", "请填写“案例”表“编号”列中的编号"),
    K("E-BODY-UNKNOWN-TABLE", "没有这个名称的表格工作表",
      "请填写表格所在工作表的名称，可用的有：{sheets}"),
    K("E-BODY-CASE-TWICE", "案例{case}被放置了两次（另一处在 {first}）",
      "每个案例在正文中只能出现一次，请删除其中一行"),
    K("E-BODY-TABLE-TWICE", "表格“{table}”被放置了两次（另一处在 {first}）",
      "每个表格在正文中只能出现一次，请删除其中一行"),
    K("E-BODY-CASE-UNPLACED", "案例{case}没有放入正文", PLACE_IN_BODY + "“{case}”"),
    K("E-BODY-TABLE-UNPLACED", "表格“{table}”没有放入正文", PLACE_IN_BODY + "“{table}”"),
    K("W-BODY-EMPTY-SECTION", "{level}“{title}”下没有内容", "请在它下面加段落，或删除这个标题"),
)

TABLES = (
    K("E-TABLE-ROW-RENAMED", "指标应为“{row}”", ROWS_AS_OFFICIAL),
    K("E-TABLE-ROW-DUPLICATE", "指标“{row}”重复", ROWS_AS_OFFICIAL + "；请删除重复的一行"),
    K("E-TABLE-ROW-MOVED", "指标“{row}”的位置不对，应在第 {line} 行", ROWS_AS_OFFICIAL),
    K("E-TABLE-ROW-EXTRA", "多出的指标“{row}”，官方表中没有", ROWS_AS_OFFICIAL),
    K("E-TABLE-ROW-MISSING", "缺少指标“{row}”（应在此行之前）", ROWS_AS_OFFICIAL),
    K("E-TABLE-EMPTY", "表格工作表是空的", "请从A1单元格开始填写表格，或删除这个工作表"),
)

KINDS = FILE + CATALOG + SHEETS + CELLS + META + CASES + NAMED + BODY + TABLES


# The report's own settings and parts.

SETTINGS = (
    K("E-META-CHOICE", "“{item}”应为{choices}之一", "请从下拉列表中选择；也可以不填，不填时按默认"),
    K("E-META-LABEL", "“{item}”应为不超过 {limit} 个字、不含数字的文字",
      "编号由程序加在后面，如“典型案例”印为“典型案例3”"),
)

APPENDIX = (
    K("W-BODY-TABLE-IN-APPENDIX",
      "“指标表位置”为“附表”，表格“{table}”印在报告末尾的附录中，这一行不起作用",
      "要把它印在正文这里，请把“基本信息”中的“指标表位置”改为“正文”；否则请删除这一行，"
      "或把类型改为“{kind}”以决定它在附录中的先后"),
)

REFERENCES = (
    K("E-REF-UNKNOWN", "交叉引用{token}：报告中没有{kind}“{name}”",
      "表格写工作表名（如〔表:人才培养质量计分卡〕〔表:表-专业设置〕），图写“图片”或“图表”表中的名称，"
      "案例写“案例”表中的编号（如〔案例:3〕）"),
    K("E-REF-MISSPELT", "交叉引用{token}：报告中没有{kind}“{name}”", "是否是：{similar}"),
)

PICTURES = (
    K("E-PICTURE-NO-FILE", "图片“{name}”没有填写文件", "请在“文件”列填写图片文件名，"
      "相对于工作簿所在的文件夹，如“图片/实训基地.jpg”"),
    K("E-PICTURE-MISSING", "找不到图片文件 {path}",
      "文件名相对于工作簿所在的文件夹；请检查文件名（含扩展名）和所在文件夹"),
    K("E-PICTURE-UNREADABLE", "图片文件无法读取：{reason}",
      "文件可能已损坏或没有下载完整；请用看图软件打开它另存一份再试"),
    K("E-PICTURE-FORMAT", "不支持的图片格式“{kind}”",
      "请另存为 {formats} 格式（手机照片的 HEIC 可在相册中导出为 JPEG）"),
    K("E-PICTURE-WIDTH", "宽度应为大于 0 的数（厘米）", "不填时图片与正文同宽"),
    K("E-FIGURE-DUPLICATE", "名称“{name}”重复（第一次在 {first}）",
      "每幅图片、每个图表的名称必须不同（“图片”表和“图表”表之间也不能重名）"),
    K("E-FIGURE-NO-NAME", "没有名称", "请在“名称”列填写名称：正文用它放置、交叉引用〔图:名称〕用它引用"),
    K("E-CASE-UNKNOWN-FIGURE", "“图片”表和“图表”表中都没有“{figure}”",
      "请填写“图片”或“图表”表“名称”列中的名称，多个名称之间用换行或顿号分开"),
    K("E-FIGURE-BAD-NAME", "名称中不能有〔〕", advice="名称用在交叉引用〔图:名称〕中，请改名"),
    K("E-BODY-UNKNOWN-FIGURE", "“{sheet}”表中没有这个名称", "请填写“{sheet}”表“名称”列中的名称"),
    K("E-BODY-FIGURE-TWICE", "“{figure}”被放置了两次（另一处在 {first}）",
      "每幅图片、每个图表只能放置一次，请删除其中一处"),
    K("W-FIGURE-UNPLACED", "“{figure}”没有放入正文或案例，不会印出",
      "要印出它，请在“正文”表中加一行：类型“{kind}”，内容“{figure}”；或写在案例的“图片”列中"),
)

CHARTS = (
    K("E-CHART-VALUE", "图表“{chart}”的数值“{name}”找不到对应的数",
      "数值可以是数字、占位符名称（如〔毕业生人数〕〔毕业生人数@上年〕）或自制表格的单元格"
      "（表-名称!行的第一格@列标题）；〔名称@变化〕〔名称@增幅〕印出的是文字，不能画图"),
    K("E-CHART-KIND", "图表类型不正确", "类型应为：{kinds}"),
    K("E-CHART-NO-VALUE", "图表“{chart}”缺少{column}", "请填写{column}，或删除这一行"),
    K("E-CHART-MIXED", "图表“{chart}”的{column}与第一行（{first}）不同",
      "同一个图表的类型、题注、单位和宽度只在第一行填写，或与第一行相同"),
)

LAYOUT_KINDS = SETTINGS + APPENDIX + REFERENCES + PICTURES + CHARTS
"""The report's own settings and parts."""
