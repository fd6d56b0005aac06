"""What the commands and the web page say when something around the workbook goes wrong.

Five areas of the registry, each its own list (titled in :data:`reportgen.codes.AREAS`):

- :data:`KINDS`: the command and the files around the workbook: options, the template, the
  output, the annotated copy, LibreOffice (missing, no ``uno``, table of contents, PDF) and page
  pictures;
- :data:`FILE_KINDS`: writing output files (a full disk, a read-only disk, a folder without
  write permission), a report that would overwrite an input, and a run stopped by an interrupt.
  Every write goes through :mod:`reportgen.files`: when one fails the old file is left as it
  was, and the message says so;
- :data:`SESSION_KINDS`: the LibreOffice session (one LibreOffice serving many documents, each
  request with its own deadline, restarted after a crash) and the limits of ``pages`` (page
  numbers, resolution, the pictures poppler draws). A conversion for ``import`` that writes
  nothing (``O-CONVERT-NOT-WRITTEN``) is in :mod:`reportgen.codes.importing`;
- :data:`WEB_KINDS`: the web page (``reportgen serve``): starting the server, and what the page
  answers when a request cannot be taken — an upload refused, an address unknown, a missing
  token, a command not installed. The page shows an error's text as ``message。hint``; a command
  run by the page (``init``, ``merge``, ``import``) says its own problems with its own codes;
- :data:`BATCH_KINDS`: building many reports in one run (``reportgen 工作簿或文件夹… --out-dir
  文件夹``): the inputs, the output folder and the options of a batch, and a batch stopped by an
  interrupt. A workbook's own problems keep their own codes; they are listed under the
  workbook's name and never stop the other workbooks.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

SEE_HELP = "\n{usage}\n用 --help 查看说明"
TOC_LEFT_FOR_WORD = "目录将在 Word 打开时更新（WPS 不会自动更新目录）"
SETUP = "安装方法见 README（运行 tools/setup.sh）"
PDF_FAILED = "报告已生成：{docx}；但 PDF 未生成：{reason}"

ARGUMENTS = (
    K("U-ARGS-UNKNOWN", "不认识的参数: {arguments}" + SEE_HELP),
    K("U-ARGS-REQUIRED", "缺少参数: {arguments}" + SEE_HELP),
    K("U-ARGS-NO-VALUE", "参数 {option} 后面需要一个值" + SEE_HELP),
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

ARGPARSE_WORDS = (
    (r"argument (?P<option>.+?): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
     "参数 {option} 只能是 {choices} 之一，不能是 {value}"),
    (r"argument (?P<option>.+?): invalid int value: '(?P<value>.*)'",
     "参数 {option} 后面应为整数，实为“{value}”"),
    (r"argument (?P<option>.+?): invalid float value: '(?P<value>.*)'",
     "参数 {option} 后面应为数字，实为“{value}”"),
    (r"argument (?P<option>.+?): ignored explicit argument '(?P<value>.*)'",
     "参数 {option} 后面不带值（请去掉“={value}”）"),
    (r"argument (?P<option>.+?): expected at least one argument",
     "参数 {option} 后面至少需要一个值"),
    (r"ambiguous option: (?P<option>.+?) could match (?P<choices>.*)",
     "参数 {option} 不完整，可能是 {choices} 中的任一个，请写全"),
    (r"argument (?P<option>.+?): (?P<message>.*)", "参数 {option}: {message}"),
)
"""argparse's other English messages (the ``error`` of ``U-ARGS-INVALID``) in Chinese: a
pattern of the English, and the Chinese made from its groups; the first that matches is used.
The last one keeps the message of a value check of our own (already Chinese)."""

KINDS = ARGUMENTS + OUTPUT + TEMPLATE + OFFICE + PAGES
"""The command, its template and output, LibreOffice and page pictures."""


# Writing output files, and interrupts.

UNCHANGED = "原有的文件没有改动"
ELSEWHERE = "请用 -o 换一个位置"

WRITING = (
    K("U-DISK-FULL", "磁盘已满，无法写入 {path}（{folder} 所在的磁盘没有剩余空间或超出配额）。"
      + UNCHANGED, "请腾出空间后重试，或用 -o 换一个位置"),
    K("U-DISK-FILE-TOO-LARGE", "文件太大，无法写入 {path}：该磁盘或账户限制了文件大小。" + UNCHANGED,
      advice=ELSEWHERE + "（另一块磁盘），或请管理员放宽文件大小的限制"),
    K("U-WRITE-READ-ONLY", "无法写入 {path}：{folder} 在只读的磁盘上。" + UNCHANGED, ELSEWHERE),
    K("U-WRITE-DENIED", "无法写入 {path}：没有在文件夹 {folder} 中创建或替换文件的权限。" + UNCHANGED,
      "请用 -o 换一个可以写入的位置，或请管理员开放该文件夹的写入权限"),
    K("U-WRITE-NAME-TOO-LONG", "文件名太长，无法写入 {path}", "请用 -o 换一个短一些的文件名"),
    K("U-WRITE-IS-FOLDER", "输出位置 {path} 是文件夹", "请写出文件名"),
    K("U-WRITE-FAILED", "无法写入 {path}：{reason}。" + UNCHANGED,
      "请检查文件夹是否存在、是否有写入权限，或用 -o 换一个位置"),
    K("U-PDF-IS-INPUT", "PDF 将保存为 {path}（与报告同名），而它正是输入文件，不能覆盖它",
      "请用 -o 给报告另取一个文件名"),
)

INTERRUPTS = (
    K("U-INTERRUPT-NOTHING-WRITTEN", "已中断，报告未生成（原有的报告未改动）",
      advice="Ctrl+C、kill（SIGTERM）或关闭终端（SIGHUP）都会这样停止运行，不留下临时文件；"
             "需要报告时重新运行即可（退出码 2）"),
    K("U-INTERRUPT-REPORT-WRITTEN", "已中断；中断前新报告已完整写好：{path}",
      advice="报告在中断前已完整替换旧报告，可以使用；要 PDF 或填好的目录时重新运行（退出码 2）"),
)

OS_REASONS = {
    "ENOENT": "文件或文件夹不存在",
    "EEXIST": "路径中已有同名的文件，不是文件夹",
    "ENOTDIR": "路径中有一项是文件，不是文件夹",
    "EISDIR": "这是文件夹，不是文件",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EBUSY": "文件正被其他程序使用",
    "ENOSPC": "磁盘已满",
    "EROFS": "磁盘是只读的",
    "EIO": "读写磁盘时出错（磁盘或网络盘可能有故障）",
    "ENAMETOOLONG": "文件名太长",
    "ELOOP": "快捷方式（符号链接）形成了循环",
    "EADDRINUSE": "已被其他程序占用",
    "EADDRNOTAVAIL": "本机没有这个地址",
}
"""What a failed file or network operation's errno means, for the ``reason`` of a message
(the system's own words are English); others are said as ``系统错误 ENAME``."""
OS_REASON_OTHER = "系统错误 {name}"

FILE_KINDS = WRITING + INTERRUPTS
"""Writing output files, and interrupts."""


# The LibreOffice session and the limits of pages.

RETRY = "请重试；问题反复出现时，请把这条信息发给维护人员"

SESSION = (
    K("O-OFFICE-CRASHED", "LibreOffice 意外退出（重新启动后仍然失败）", advice=RETRY),
    K("O-OFFICE-START-TIMEOUT", "LibreOffice 在 {seconds:g} 秒内没有启动（没有响应），已停止它{log}",
      advice="机器繁忙时请稍后重试；" + RETRY),
    K("O-OFFICE-OPEN-FAILED", "LibreOffice 无法打开这份文件（文件可能已损坏；技术信息：{detail}）",
      advice="请用 Word 或 WPS 打开报告检查；" + RETRY),
    K("O-OFFICE-TOC-FAILED", "LibreOffice 无法更新目录（技术信息：{detail}）", advice=RETRY),
    K("O-OFFICE-PDF-WRITE", "LibreOffice 无法写出 PDF（磁盘可能已满，或没有写入权限；技术信息：{detail}）",
      advice="请检查磁盘空间和报告所在文件夹的写入权限后重试"),
)

PAGE_LIMITS = (
    K("U-PAGES-TOO-LARGE", "页码“{written}”太大：页码不能超过 {limit}"),
    K("U-PAGES-DPI", "分辨率（--dpi）应为 {low} 到 {high} 之间的整数，实为 {value}"),
    K("U-PAGES-DPI-SYNTAX", "分辨率（--dpi）应为整数，实为“{value}”",
      advice="--dpi 后面写 20 到 600 之间的整数，如 --dpi 150"),
    K("U-PAGES-PICTURE-MISSING", "第 {page} 页的图片没有生成（poppler 没有输出 PNG）",
      advice="请换一个较小的 --dpi 再试；问题反复出现时，请把这条信息发给维护人员"),
    K("U-PAGES-PICTURE-SIZE", "第 {page} 页的图片大小不对（{width} × {height} 像素，应约为 "
      "{wanted_width:.0f} × {wanted_height:.0f}）", "请换一个较小的 --dpi 再试"),
    K("U-ARGS-TIMEOUT", "时限应为正的秒数（不超过 86400），实为“{value}”",
      advice="--timeout 后面写秒数，如 --timeout 120"),
)

SESSION_KINDS = SESSION + PAGE_LIMITS
"""The LibreOffice session and the limits of ``pages``."""


# The web page.

OTHER_PORT = "请换一个端口（--port），或不写 --port 让程序自己选"
SMALLER = ("报告工作簿通常不到 5 MB：请删除工作簿中的大图片和无关的工作表后另存一份再上传")
BACK_TO_PAGE = "请回到页面，选择文件后点按钮提交"

SERVER = (
    K("U-SERVE-HOST", "无法识别地址“{host}”", "请写 IP 地址，例如 127.0.0.1"),
    K("U-SERVE-PORT", "无法在 {host}:{port} 上启动网页：端口 {port} 已被占用",
      OTHER_PORT),
    K("U-SERVE-ADDRESS", "无法在 {host} 上启动网页：{reason}",
      "请确认 --host 后面是本机的地址，或不写 --host（只供本机使用）"),
    K("W-SERVE-NETWORK", "网页在 {host} 上监听，其他电脑也能连接到它（仍需要地址中的口令）",
      "只在可信的网络中这样做"),
)

PAGE = (
    K("U-WEB-TOKEN", "需要口令才能使用：这个网页只供启动它的人使用",
      "请打开启动时命令窗口中显示的完整地址（以 ?token= 加一串字母结尾），"
      "或重新运行 python -m reportgen serve"),
    K("U-WEB-NOT-FOUND", "找不到这个页面或文件",
      "服务重新启动后，之前上传和生成的文件都已删除，请重新上传"),
    K("U-WEB-NOT-A-FORM", "这个地址只接受页面上的表单提交", BACK_TO_PAGE),
    K("U-WEB-NOT-INSTALLED", "此功能尚未安装：{feature}",
      advice="需要这个功能时，请更新 reportgen"),
)

UPLOAD = (
    K("U-WEB-UPLOAD-NOT-MULTIPART", "请求不是网页表单的上传", "请在本页面上选择文件后点按钮提交"),
    K("U-WEB-UPLOAD-SIZE", "上传的文件太大（{size} MB），上限 {limit} MB", SMALLER),
    K("U-WEB-UPLOAD-LIMIT", "上传的文件太大，超过了上限 {limit} MB", SMALLER),
    K("U-WEB-UPLOAD-BROKEN", "上传的内容不完整或格式不对（可能传输中断）", "请重新选择文件再试"),
    K("U-WEB-UPLOAD-FILES", "一次最多上传 {limit} 个文件", "请分批上传"),
    K("U-WEB-UPLOAD-FIELD", "表单中的一项内容过长", "请回到页面重新填写"),
    K("U-WEB-FILE-MISSING", "请先选择{what}",
      advice="点“选择文件”选好文件后，再点表单的按钮"),
    K("U-WEB-YEAR", "年份“{entered}”不对", "请填写四位数的年份，例如 {year}"),
)

WEB_KINDS = SERVER + PAGE + UPLOAD
"""The web page."""


# Building many reports in one run.

OUT_DIR = "请用 --out-dir 写出保存报告的文件夹"

BATCH_KINDS = (
    K("U-BATCH-INPUT-MISSING", "找不到工作簿文件或文件夹：{path}", "请检查名字和所在文件夹"),
    K("U-BATCH-EMPTY-FOLDER", "文件夹 {folder} 中没有 Excel 工作簿（.xlsx）",
      "请写出工作簿所在的文件夹，或直接写出工作簿文件"),
    K("U-BATCH-SAME-NAME", "工作簿 {first} 和 {path} 的报告同名（{name}），会互相覆盖",
      "请给其中一个工作簿改名，或分两次生成到不同的文件夹"),
    K("U-BATCH-OUT-DIR-FILE", "输出文件夹 {path} 是一个文件，不是文件夹", "请在 --out-dir 后写出文件夹"),
    K("U-BATCH-OUT-DIR-FAILED", "无法建立输出文件夹 {folder}：{reason}",
      "请检查上级文件夹是否允许写入，或换一个位置"),
    K("U-BATCH-JOBS", "同时生成的份数（--jobs）应为 1 或更大的整数，实为 {value}"),
    K("U-BATCH-JOBS-ALONE", "--jobs 只用于批量生成", "请同时用 --out-dir 写出输出文件夹"),
    K("U-BATCH-OUTPUT", "生成多份报告时不能用 -o", OUT_DIR),
    K("U-BATCH-NO-OUT-DIR", "生成多份报告时需要输出文件夹", OUT_DIR),
    K("U-BATCH-WORKER-DIED", "生成这份报告的进程意外退出（退出代码 {returncode}），报告未生成",
      advice="其他工作簿不受影响；请重新生成这一份，问题反复出现时请把这条信息发给维护人员"),
    K("U-INTERRUPT-BATCH", "已中断：已生成 {count} 份报告，其余未生成（正在生成的那份报告，原有的文件未改动）",
      advice="已生成的报告可以使用；重新运行时会再生成全部报告"),
)
"""The batch command."""
