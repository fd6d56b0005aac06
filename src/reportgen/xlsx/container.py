"""The workbook file itself, checked before openpyxl opens it.

An .xlsx is a zip archive of XML parts. Before any XML is parsed this module makes sure the
file is one: not missing, not empty, not an old .xls or an encrypted workbook (both are OLE2
compound files, signature ``D0 CF 11 E0``), not a CSV or a Word document renamed, not cut
short, and not a zip bomb (its declared uncompressed size is bounded; :mod:`zipfile` never
inflates a member past its declared size). Each refusal is one located, Chinese problem.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from reportgen.errors import DataError, Problem, UsageError
from reportgen.model import SourceRef

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most a workbook may hold once unzipped. A filled-in report workbook is well under
5 MB; the limit only stops archives built to exhaust memory."""

MAX_MEMBERS = 10_000
"""The most parts a workbook's archive may hold."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_SAVE_AS = "请在 Excel 或 WPS 中打开它，用“另存为”保存为“Excel 工作簿（*.xlsx）”后再试"


def check_workbook_file(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Raise unless ``path`` is an .xlsx archive that is safe to hand to openpyxl.

    A missing path or a folder is a :class:`UsageError` (the command named the wrong thing);
    a file that is there but is not a usable workbook is a :class:`DataError` with one problem
    located at the file.
    """
    if not path.exists():
        raise UsageError(f"找不到工作簿文件：{path}。请检查文件名和所在文件夹")
    if path.is_dir():
        raise UsageError(f"{path} 是文件夹，不是工作簿文件。请写出工作簿文件的名字（.xlsx）")
    where = SourceRef(path.name, "")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise UsageError(f"无法读取工作簿文件 {path}：{exc.strerror or exc}。"
                         "请确认文件没有被其他程序独占，并且有读取权限") from exc

    def refuse(message: str, hint: str = _SAVE_AS) -> DataError:
        return DataError([Problem(message, where, hint=hint)])

    if not head:
        raise refuse("文件是空的（0 字节），不是 Excel 工作簿",
                     "文件可能在复制或下载时出错，请重新复制一份填好的工作簿")
    if head == _CFB_SIGNATURE:
        raise _compound_file_problem(path, where)
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_SIGNATURE):
            raise refuse("文件不完整或已损坏（可能在复制、下载或保存时中断）",
                         "请用 Excel 或 WPS 打开原来的工作簿重新保存，或重新复制一份")
        if _looks_like_text(path):
            raise refuse("这是文本文件（如 CSV），不是 Excel 工作簿")
        raise refuse("不是 Excel 工作簿（.xlsx）")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse("文件不完整或已损坏（可能在复制、下载或保存时中断）",
                     "请用 Excel 或 WPS 打开原来的工作簿重新保存，或重新复制一份") from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise refuse("这是 Word 文档，不是 Excel 工作簿",
                         "请选择填好的 Excel 工作簿（.xlsx），报告模板请用 --template 指定")
        if "ppt/presentation.xml" in names:
            raise refuse("这是 PowerPoint 演示文稿，不是 Excel 工作簿",
                         "请选择填好的 Excel 工作簿（.xlsx）")
        if "content.xml" in names:
            raise refuse("这是 WPS/LibreOffice 的 ODF 文件（.ods 等），不是 .xlsx 工作簿")
        raise refuse("是压缩文件，但不是 Excel 工作簿（.xlsx）")
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > max_uncompressed:
        raise refuse(f"解压后过大（{_megabytes(total)}，上限 {_megabytes(max_uncompressed)}），"
                     "不像正常的报告工作簿，为安全起见不予读取",
                     "请删除工作簿中的图片和无关工作表后另存一份；如果文件来源不明，请不要使用")


def _compound_file_problem(path: Path, where: SourceRef) -> DataError:
    """An OLE2 compound file: an encrypted workbook, an old .xls, or another Office file."""
    with path.open("rb") as stream:
        content = stream.read(4 * 1024 * 1024)

    def named(stream_name: str) -> bool:
        return stream_name.encode("utf-16-le") in content

    if named("EncryptedPackage") or named("EncryptionInfo"):
        problem = Problem("工作簿设置了打开密码（已加密），无法读取", where,
                          hint="请在 Excel 或 WPS 中用密码打开它，在“文件 › 信息 › 保护工作簿”"
                               "（WPS：“文件 › 文档加密”）中取消密码后保存，再试")
    elif named("Workbook") or named("Book"):
        problem = Problem("这是旧版 Excel 97-2003 工作簿（.xls），不能直接读取", where,
                          hint=_SAVE_AS)
    else:
        problem = Problem("这是旧版 Office 文件（如 .doc、.xls），不是 .xlsx 工作簿", where,
                          hint=_SAVE_AS)
    return DataError([problem])


def _looks_like_text(path: Path) -> bool:
    """True when the file's start decodes as text (a CSV or TXT export)."""
    with path.open("rb") as stream:
        start = stream.read(4096)
    decoders = [codecs.getincrementaldecoder(e)() for e in ("utf-8", "gb18030")]
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        decoders.append(codecs.getincrementaldecoder("utf-16")())
    for decoder in decoders:
        try:
            text = decoder.decode(start, final=False)
        except UnicodeDecodeError:
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text.lstrip("\ufeff")):
            return True
    return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
