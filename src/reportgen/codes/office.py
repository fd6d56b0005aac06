"""Errors of the LibreOffice session (one LibreOffice serving many documents, each request
with its own deadline, restarted after a crash) and of the limits of ``pages`` (page numbers,
resolution, the pictures poppler draws).

The older LibreOffice kinds (missing, no ``uno``, the PDF not made) are in
:mod:`reportgen.codes.commands`; a conversion for ``import`` that writes nothing
(``O-CONVERT-NOT-WRITTEN``) in :mod:`reportgen.codes.importing`.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

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

PAGES = (
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

KINDS = SESSION + PAGES
