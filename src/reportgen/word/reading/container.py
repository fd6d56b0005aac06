"""The Word file itself, checked before python-docx opens it.

Mirrors :mod:`reportgen.xlsx.container`: a .docx is a zip archive of XML parts; before any XML
is parsed, the file must be one, and a safe one. Old formats that LibreOffice can turn into a
.docx (Word 97-2003 .doc, WPS .wps, RTF, OpenDocument .odt) are named, so that the caller can
convert them; everything else is refused with one located, Chinese problem.
"""

from __future__ import annotations

import codecs
import enum
import zipfile
from pathlib import Path

from reportgen.errors import DataError, Problem, UsageError
from reportgen.model import SourceRef

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
"""The most a document may hold once unzipped; a report with its pictures is far below."""
MAX_MEMBERS = 10_000
"""The most parts a document's archive may hold."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
SAVE_AS_DOCX = "请在 Word 或 WPS 中打开它，用“另存为”保存为“Word 文档（*.docx）”后再试"


class Kind(enum.Enum):
    """What the file turned out to be."""

    DOCX = "docx"
    """A Word document (.docx), readable as it is."""
    LEGACY = "legacy"
    """An older word-processor file (.doc, .wps, .rtf, .odt, a web page saved by Word):
    LibreOffice can convert it."""


def check_document_file(path: Path, *,
                        max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> Kind:
    """What kind of document ``path`` is; raise unless it is one reportgen can read.

    A missing path or a folder is a :class:`UsageError`; a file that is there but is not a
    usable Word document is a :class:`DataError` with one problem located at the file.
    """
    if not path.exists():
        raise UsageError(f"找不到 Word 文件：{path}。请检查文件名和所在文件夹",
                         code="U-IMPORT-FILE-MISSING")
    if path.is_dir():
        raise UsageError(f"{path} 是文件夹，不是 Word 文件。请写出报告文件的名字（.docx）",
                         code="U-IMPORT-FILE-FOLDER")
    where = SourceRef(path.name, "")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise UsageError(f"无法读取 Word 文件 {path}：{exc.strerror or exc}。"
                         "请确认文件没有被其他程序独占，并且有读取权限",
                         code="U-IMPORT-FILE-UNREADABLE") from exc

    def refuse(message: str, code: str, hint: str = SAVE_AS_DOCX) -> DataError:
        return DataError([Problem(message, where, hint=hint, code=code)])

    if not head:
        raise refuse("文件是空的（0 字节），不是 Word 文档", "E-DOCX-EMPTY",
                     "文件可能在复制或下载时出错，请重新复制一份")
    if head == _CFB_SIGNATURE:
        return _compound_file(path, where)
    if head.startswith(b"{\\rtf"):
        return Kind.LEGACY
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_SIGNATURE):
            raise refuse("文件不完整或已损坏（可能在复制、下载或保存时中断）", "E-DOCX-TRUNCATED",
                         "请用 Word 或 WPS 打开原来的文件重新保存，或重新复制一份")
        if head.startswith(b"%PDF"):
            raise refuse("这是 PDF 文件，不是 Word 文档", "E-DOCX-PDF",
                         "PDF 不能直接导入。请找到报告的 Word 原稿；或在 WPS/Word 中打开 PDF，"
                         "另存为“Word 文档（*.docx）”并核对转换结果后再试")
        if _looks_like_web_page(path):
            return Kind.LEGACY  # Word's "save as web page" (.htm, .mht), often named .doc
        if _looks_like_text(path):
            raise refuse("这是文本文件，不是 Word 文档", "E-DOCX-TEXT")
        raise refuse("不是 Word 文档（.docx）", "E-DOCX-UNKNOWN")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() \
                else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise refuse("文件不完整或已损坏（可能在复制、下载或保存时中断）", "E-DOCX-TRUNCATED",
                     "请用 Word 或 WPS 打开原来的文件重新保存，或重新复制一份") from exc
    names = {m.filename for m in members}
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > max_uncompressed:
        raise refuse(f"解压后过大（{total / 1048576:.0f} MB，上限 "
                     f"{max_uncompressed / 1048576:.0f} MB），为安全起见不予读取", "E-DOCX-TOO-LARGE",
                     "请删除文档中过大的图片后另存一份；如果文件来源不明，请不要使用")
    if "word/document.xml" in names:
        return Kind.DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.LEGACY
    if "xl/workbook.xml" in names:
        raise refuse("这是 Excel 工作簿，不是 Word 文档", "E-DOCX-WORKBOOK",
                     "导入需要上一年的 Word 报告（.docx）；工作簿可以直接用来生成报告："
                     "python -m reportgen 工作簿.xlsx")
    if "ppt/presentation.xml" in names:
        raise refuse("这是 PowerPoint 演示文稿，不是 Word 文档", "E-DOCX-PRESENTATION",
                     "请选择 Word 报告（.docx）")
    raise refuse("是压缩文件，但不是 Word 文档（.docx）", "E-DOCX-ZIP")


def _compound_file(path: Path, where: SourceRef) -> Kind:
    """An OLE2 compound file: an encrypted .docx, an old .doc or .wps, or another Office file."""
    with path.open("rb") as stream:
        content = stream.read(8 * 1024 * 1024)

    def named(stream_name: str) -> bool:
        return stream_name.encode("utf-16-le") in content

    if named("EncryptedPackage") or named("EncryptionInfo"):
        raise DataError([Problem(
            "文档设置了打开密码（已加密），无法读取", where, code="E-DOCX-ENCRYPTED",
            hint="请在 Word 或 WPS 中用密码打开它，在“文件 › 信息 › 保护文档”（WPS：“文件 › "
                 "文档加密”）中取消密码后保存，再试")])
    if named("WordDocument"):
        return Kind.LEGACY
    if named("Workbook") or named("Book"):
        raise DataError([Problem("这是旧版 Excel 工作簿（.xls），不是 Word 文档", where,
                                 code="E-DOCX-WORKBOOK", hint="请选择 Word 报告（.docx）")])
    raise DataError([Problem("这是旧版 Office 文件，但不是 Word 文档", where,
                             code="E-DOCX-UNKNOWN", hint=SAVE_AS_DOCX)])


def _looks_like_web_page(path: Path) -> bool:
    """True for an HTML or MHT file (Word saves those, and names them .doc at times)."""
    with path.open("rb") as stream:
        start = stream.read(2048).lower()
    return any(mark in start for mark in (b"<html", b"mime-version:", b"<!doctype html"))


def _looks_like_text(path: Path) -> bool:
    """True when the file's start decodes as text (a TXT, HTML or MHT export)."""
    with path.open("rb") as stream:
        start = stream.read(4096)
    for encoding in ("utf-8", "gb18030", "utf-16"):
        if encoding == "utf-16" and start[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            continue
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(start, final=False)
        except UnicodeDecodeError:
            continue
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text.lstrip("\ufeff")):
            return True
    return False
