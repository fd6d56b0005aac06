"""Problems of the report's own settings and parts: 基本信息's optional rows, the appendix,
pictures, charts and cross-references."""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

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

KINDS = SETTINGS + APPENDIX + REFERENCES + PICTURES + CHARTS
