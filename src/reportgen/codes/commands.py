"""Errors of the command and of the files around the workbook: options, the template, the
output, the annotated copy, LibreOffice (table of contents, PDF) and page pictures."""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SEE_HELP = "\n{usage}\n用 --help 查看说明"
TOC_LEFT_FOR_WORD = "目录将在 Word 打开时更新（WPS 不会自动更新目录）"
SETUP = "安装方法见 README（运行 tools/setup.sh）"
PDF_FAILED = "报告已生成：{docx}；但 PDF 未生成：{reason}"

ARGUMENTS = (
    K("U-ARGS-UNKNOWN", "不认识的参数: {arguments}" + SEE_HELP),
    K("U-ARGS-REQUIRED", "缺少参数: {arguments}" + SEE_HELP),
    K("U-ARGS-NO-VALUE", "argument {option}: 后面需要一个值" + SEE_HELP),
    K("U-ARGS-INVALID", "{error}" + SEE_HELP,
      advice="按提示改正参数；各个参数的说明见 --help"),
)

OUTPUT = (
    K("U-OUTPUT-NOT-DOCX", "输出文件应以 .docx 结尾：{path}",
      advice="用 -o 写出以 .docx 结尾的文件名"),
    K("U-OUTPUT-IS-FOLDER", "输出位置 {path} 是文件夹", "请用 -o 写出报告的文件名（.docx）"),
    K("U-OUTPUT-IS-INPUT", "输出文件 {path} 就是输入文件，不能覆盖它", "请用 -o 指定另一个文件名"),
    K("U-OUTPUT-FOLDER-UNWRITABLE", "无法在 {folder} 中写入文件：{reason}",
      "请检查文件夹是否存在、是否有写入权限，或用 -o 换一个位置"),
    K("U-OUTPUT-LOCKED", "无法写入 {path}：{reason}",
      "如果文件正在 Word、WPS 或 Excel 中打开，请先关闭它再试，或用 -o 换一个文件名"),
    K("U-ANNOTATE-NOT-XLSX", "标注后的副本应以 .xlsx 结尾：{path}",
      advice="--annotate 后面写以 .xlsx 结尾的文件名"),
    K("U-ANNOTATE-IS-INPUT", "{path} 就是要检查的工作簿，不能覆盖它", "请为标注副本另取一个文件名"),
)

TEMPLATE = (
    K("U-TEMPLATE-MISSING", "找不到模板文件：{path}",
      advice="请检查 --template 后面的文件名和所在文件夹"),
    K("U-TEMPLATE-NOT-DOCX", "{template} 不是可用的 Word 模板（.docx）：{error}",
      advice="请用 Word 或 WPS 打开模板另存为 .docx；或不加 --template，使用内置模板"),
    *(K(code, "模板 {template} 有错误：{reason}", "请检查模板中的 {{% … %}} 标记")
      for code in ("U-TEMPLATE-RANGE", "U-TEMPLATE-SIZE", "U-TEMPLATE-LOOPS", "U-TEMPLATE-OUTPUT",
                   "U-TEMPLATE-TIME", "U-TEMPLATE-INCLUDE", "U-TEMPLATE-RECURSION",
                   "U-TEMPLATE-ERROR")),
    K("U-TEMPLATE-UNKNOWN-VARIABLE", "模板 {template} 使用了未知的变量：{variables}",
      "请检查模板中的 {{{{ … }}}} 标记"),
    K("U-TEMPLATE-TABLE-SLOT", "模板没有为全部 {tables} 张表格留出位置（找到 {slots} 处）",
      "请在模板的表格部分保留单独成段的 {tag} 标记"),
    K("U-TEMPLATE-STYLE", "模板缺少样式：{style}",
      "请保留模板中的“{table_style}”表格样式和“{header_style}”“{text_style}”段落样式"),
)

OFFICE = (
    K("I-TOC-FILLED", "目录已填好页码（共 {count} 条）"),
    K("I-TOC-NO-OFFICE", "未找到 LibreOffice，" + TOC_LEFT_FOR_WORD,
      advice="不影响报告；要自动填好目录页码，请安装 LibreOffice（见 docs/pdf.md）"),
    K("W-TOC-NO-UNO", "未找到 LibreOffice 的 Python 组件（软件包 python3-uno），"
      + TOC_LEFT_FOR_WORD + "。" + SETUP),
    K("W-TOC-FAILED", "目录未能填入页码：{reason}。" + TOC_LEFT_FOR_WORD,
      advice="报告已生成；在 Word 中打开后更新目录即可。问题反复出现时，请把这条信息发给维护人员"),
    K("W-TOC-NO-HEADINGS", "报告中没有标题，目录为空",
      advice="请在“正文”表中填写一级、二级标题"),
    K("W-TOC-NO-FIELD", "模板中没有目录域（TOC），未生成目录",
      advice="自己的模板中需要目录时，请在 Word 中插入目录"),
    K("O-OFFICE-MISSING", "未找到 LibreOffice",
      SETUP + "，或在 Word/WPS 中打开报告后“另存为 PDF”"),
    K("O-OFFICE-NO-UNO", "未找到 LibreOffice 的 Python 组件（Debian/Ubuntu 软件包 python3-uno）",
      advice=SETUP),
    K("O-OFFICE-START", "无法启动 LibreOffice（{program}）：{reason}",
      advice="请确认 LibreOffice 安装完整（见 docs/pdf.md）"),
    K("O-OFFICE-TIMEOUT", "LibreOffice 在 {seconds:g} 秒内没有完成，已停止它",
      advice="机器繁忙时请稍后重试，或用 --timeout 给出更长的时限"),
    K("O-OFFICE-EXITED", "LibreOffice 启动后意外退出（代码 {returncode}）{log}",
      advice="请重试；问题反复出现时，请把这条信息发给维护人员"),
    K("O-OFFICE-FAILED", "LibreOffice 处理文件时出错（技术信息：{detail}）",
      advice="请重试；问题反复出现时，请把这条信息发给维护人员"),
    K("O-PDF-NOT-WRITTEN", "LibreOffice 没有生成 PDF（代码 {returncode}）{log}",
      advice="请重试，或在 Word/WPS 中打开报告后“另存为 PDF”"),
    K("O-PDF-FAILED", PDF_FAILED,
      advice="报告本身已生成；按原因处理后重新运行，或在 Word/WPS 中打开报告后“另存为 PDF”"),
    K("O-PDF-FAILED-STALE", PDF_FAILED + "。注意：同名的旧 PDF（{stale}）没有更新，与新报告不符",
      advice="旧 PDF 与新报告不符，请不要使用它；按原因处理后重新运行"),
)

PAGES = (
    K("U-PAGES-SYNTAX", "页码“{written}”看不懂", "请写成 1,5,9 或 3-6 这样的形式"),
    K("U-PAGES-RANGE", "页码范围“{written}”无效：页码从 1 开始，范围须从小到大"),
    K("U-PAGES-MISSING", "找不到文件：{path}"),
    K("U-PAGES-NOT-DOCUMENT", "{file} 不是 .docx 或 .pdf 文件"),
    K("U-PAGES-BEYOND", "报告只有 {page_count} 页，没有第 {pages} 页"),
    K("O-PAGES-PDF-UNREADABLE", "无法读取 PDF：{pdf}（{detail}）",
      advice="请确认 PDF 完整，可以在阅读器中打开"),
    K("O-PAGES-NO-OFFICE", "未找到 LibreOffice，无法把 .docx 转成 PDF",
      "请安装 LibreOffice（见 README），或直接给出 PDF 文件"),
    K("O-PAGES-NO-POPPLER", "未找到 {tool}（poppler-utils 软件包）", SETUP),
)

KINDS = ARGUMENTS + OUTPUT + TEMPLATE + OFFICE + PAGES
