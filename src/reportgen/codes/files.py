"""Errors of writing output files (a full disk, a read-only disk, a folder without write
permission), a report that would overwrite an input, and a run stopped by an interrupt.

Every write goes through :mod:`reportgen.files`: when one fails the old file is left as it
was, and the message says so.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

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

KINDS = WRITING + INTERRUPTS
