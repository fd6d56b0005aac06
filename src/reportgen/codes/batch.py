"""Errors of building many reports in one run (``reportgen 工作簿或文件夹… --out-dir 文件夹``):
the inputs, the output folder and the options of a batch, and a batch stopped by an interrupt.

A workbook's own problems are those of :mod:`reportgen.codes.workbook` and the others; they are
listed under the workbook's name and never stop the other workbooks.
"""

from __future__ import annotations

from reportgen.codes.kind import ProblemKind as K

OUT_DIR = "请用 --out-dir 写出保存报告的文件夹"

KINDS = (
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
