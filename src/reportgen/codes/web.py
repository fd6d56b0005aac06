"""The web page (``reportgen serve``): starting the server, and what the page answers when a
request cannot be taken — an upload refused, an address unknown, a missing token, a command
not installed.

The page shows an error's text as ``message。hint``; a command run by the page (``init``,
``merge``, ``import``) says its own problems with its own codes.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

OTHER_PORT = "请换一个端口（--port），或不写 --port 让程序自己选"
SMALLER = ("报告工作簿通常不到 5 MB：请删除工作簿中的大图片和无关的工作表后另存一份再上传")
BACK_TO_PAGE = "请回到页面，选择文件后点按钮提交"

SERVER = (
    K("U-SERVE-HOST", "无法识别地址“{host}”", "请写 IP 地址，例如 127.0.0.1"),
    K("U-SERVE-PORT", "无法在 {host}:{port} 上启动网页：端口 {port} 已被占用（{reason}）",
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

KINDS = SERVER + PAGE + UPLOAD
