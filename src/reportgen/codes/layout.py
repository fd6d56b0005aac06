"""Problems of the report's own settings and parts: 基本信息's optional rows, the appendix,
pictures, charts and cross-references."""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SETTINGS = (
    K("E-META-CHOICE", "“{item}”应为 {choices} 之一", "可以不填，不填时按默认"),
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

KINDS = SETTINGS + APPENDIX + REFERENCES
