"""Problems of the report's own settings and parts: 基本信息's optional rows, the appendix,
pictures, charts and cross-references."""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SETTINGS = (
    K("E-META-CHOICE", "“{item}”应为 {choices} 之一", "可以不填，不填时按默认"),
    K("E-META-LABEL", "“{item}”应为不超过 {limit} 个字、不含数字的文字",
      "编号由程序加在后面，如“典型案例”印为“典型案例3”"),
)

KINDS = SETTINGS
