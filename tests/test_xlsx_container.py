"""A file that is not a usable .xlsx workbook is refused before any XML is parsed, with one
problem naming the file and saying what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from reportgen.errors import DataError, UsageError
from reportgen.xlsx import load
from reportgen.xlsx.container import MAX_SHEET_CELLS, check_workbook_file
from workbooks import build

EXAMPLE = Path(__file__).parent.parent / "inputs" / "2024.xlsx"

SAVE_AS = "请在 Excel 或 WPS 中打开它，用“另存为”保存为“Excel 工作簿（*.xlsx）”后再试。"
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def compound_file(*streams: str) -> bytes:
    """An OLE2 compound file's header and directory names, enough to be recognised: an old
    .xls holds a ``Workbook`` stream, an encrypted .xlsx ``EncryptionInfo`` and
    ``EncryptedPackage``."""
    header = CFB + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
                         for name in ("Root Entry", *streams))
    return header + directory.ljust(512, b"\x00")


def refusal(path: Path) -> str:
    """The one message a refused file gets."""
    with pytest.raises(DataError) as caught:
        load(path)
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_a_missing_file_is_a_usage_error(tmp_path):
    """The command named a file that is not there: exit 2, the path in the message."""
    with pytest.raises(UsageError, match="找不到工作簿文件：.*nothing.xlsx。请检查文件名和所在文件夹"):
        load(tmp_path / "nothing.xlsx")


def test_a_folder_is_a_usage_error(tmp_path):
    """A folder is not a workbook."""
    with pytest.raises(UsageError, match="是文件夹，不是工作簿文件"):
        load(tmp_path)


def test_an_empty_file(tmp_path):
    """Zero bytes: probably a failed copy."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(b"")
    assert refusal(path) == ("2024.xlsx：文件是空的（0 字节），不是 Excel 工作簿。"
                             "文件可能在复制或下载时出错，请重新复制一份填好的工作簿。")


def test_an_old_xls_workbook(tmp_path):
    """An Excel 97-2003 file, even renamed .xlsx, is named as such, with how to convert it."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(compound_file("Workbook", "SummaryInformation"))
    assert refusal(path) == "2024.xlsx：这是旧版 Excel 97-2003 工作簿（.xls），不能直接读取。" + SAVE_AS


def test_a_password_protected_workbook(tmp_path):
    """An encrypted .xlsx is a compound file holding the encrypted package."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(compound_file("EncryptionInfo", "EncryptedPackage"))
    message = refusal(path)
    assert message.startswith("2024.xlsx：工作簿设置了打开密码（已加密），无法读取。")
    assert "取消密码后保存" in message


def test_another_old_office_file(tmp_path):
    """A .doc renamed .xlsx is an old Office file, not a workbook."""
    path = tmp_path / "a.xlsx"
    path.write_bytes(compound_file("WordDocument"))
    assert refusal(path).startswith("a.xlsx：这是旧版 Office 文件（如 .doc、.xls），不是 .xlsx 工作簿。")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_csv_file(tmp_path, encoding):
    """A CSV export (UTF-8 with its mark, as Excel writes it, or GBK) is recognised as text."""
    path = tmp_path / "2024.csv"
    path.write_bytes("项目,内容\n地区,璧山区\n".encode(encoding))
    assert refusal(path) == "2024.csv：这是文本文件（如 CSV），不是 Excel 工作簿。" + SAVE_AS


def test_random_bytes(tmp_path):
    """Anything else is simply not a workbook."""
    path = tmp_path / "2024.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert refusal(path) == "2024.xlsx：不是 Excel 工作簿（.xlsx）。" + SAVE_AS


def test_a_word_document_renamed(tmp_path):
    """A .docx is a zip too: it is named as a Word document."""
    path = tmp_path / "2024.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert refusal(path) == ("2024.xlsx：这是 Word 文档，不是 Excel 工作簿。"
                             "请选择填好的 Excel 工作簿（.xlsx），报告模板请用 --template 指定。")


def test_another_zip_archive(tmp_path):
    """A zip that holds no workbook."""
    path = tmp_path / "2024.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal(path).startswith("2024.xlsx：是压缩文件，但不是 Excel 工作簿（.xlsx）。")


def test_a_truncated_workbook(tmp_path):
    """A workbook cut short (an interrupted copy) has lost its zip directory."""
    whole = build(tmp_path).read_bytes()
    path = tmp_path / "2024.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert refusal(path) == ("2024.xlsx：文件不完整或已损坏（可能在复制、下载或保存时中断）。"
                             "请用 Excel 或 WPS 打开原来的工作簿重新保存，或重新复制一份。")


def test_a_damaged_part_inside_the_workbook(tmp_path):
    """A part whose bytes were damaged fails its checksum: the file is called damaged, with
    the technical reason quoted for the maintainers."""
    source = build(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<", b"[", 3)
            copy.writestr(info, data)
    path = tmp_path / "2024.xlsx"
    path.write_bytes(buffer.getvalue())
    message = refusal(path)
    assert message.startswith("2024.xlsx：文件已损坏，无法作为 Excel 工作簿读取，实为“")
    assert message.endswith("请在 Excel 或 WPS 中打开它，用“另存为”保存为“Excel 工作簿（*.xlsx）”后再试。")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """The declared uncompressed size is checked first; zipfile never inflates past it."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(build(tmp_path)) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            bomb.writestr(info, original.read(info.filename))
        with bomb.open("xl/media/zeros.bin", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(201):
                member.write(block)
    assert path.stat().st_size < 1024 * 1024
    assert refusal(path) == (
        "bomb.xlsx：解压后过大（201 MB，上限 200 MB），不像正常的报告工作簿，为安全起见不予读取。"
        "请删除工作簿中的图片和无关工作表后另存一份；如果文件来源不明，请不要使用。")


def test_the_size_limit_is_a_parameter(tmp_path):
    """A normal workbook passes the default limit and fails a tiny one."""
    path = build(tmp_path)
    check_workbook_file(path)
    with pytest.raises(DataError, match="解压后过大"):
        check_workbook_file(path, max_uncompressed=1000)


def with_body_xml(tmp_path: Path, rows: Callable[[zipfile.ZipFile, str], None],
                  name: str = "bomb.xlsx") -> Path:
    """The minimal workbook with its 正文 sheet's part rewritten: ``rows(archive, part)``
    writes the part."""
    source = build(tmp_path)
    path = tmp_path / name
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        assert b'name="\xe6\xad\xa3\xe6\x96\x87"' in original.read("xl/workbook.xml")  # 正文
        for info in original.infolist():
            if info.filename == BODY_PART:
                rows(copy, info.filename)
            else:
                copy.writestr(info, original.read(info.filename))
    return path


BODY_PART = "xl/worksheets/sheet3.xml"
"""The part of the 正文 sheet (the third) in the workbooks of ``workbooks.py``."""


def test_a_sheet_of_millions_of_formatted_cells_is_refused_in_seconds(tmp_path, monkeypatch):
    """A file of 503 KB unzipping to 179 MB of formatted empty cells (under the 200 MB
    limit) took 141 s and 1 GB in openpyxl. The cells are counted as the part inflates and
    the sheet is refused, located, before openpyxl parses anything; here two million cells
    (36 MB from 40 KB; the full-size file is in tools/bench_loading.py)."""
    def bomb(archive: zipfile.ZipFile, part: str) -> None:
        block = b'<row r="2">' + b'<c r="A2" s="0"/>' * 4096 + b"</row>"
        with archive.open(part, "w") as member:
            member.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats'
                         b'.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(512):
                member.write(block)
            member.write(b"</sheetData></worksheet>")
    path = with_body_xml(tmp_path, bomb)
    assert path.stat().st_size < 1 << 20
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("parsed"))
    assert refusal(path) == (
        "bomb.xlsx › 正文：工作表“正文”异常庞大：记录了超过 1,000,000 个单元格或行（上限 100,000），"
        "不像正常的报告工作簿，为避免长时间占用内存不予读取。多半是对整片区域（甚至整行、整列）设置过格式或边框。"
        "请在 Excel 或 WPS 中打开它，选中最后一行数据下面的第一行，按 Ctrl+Shift+↓ 选到表底，右键“删除”；"
        "右侧多余的列同样删除，保存后再试。如果文件来源不明，请不要使用。")


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_cells_and_rows_are_counted_exactly(tmp_path, prefix):
    """The count is of ``<c>`` and ``<row>`` elements (with or without a namespace prefix),
    not of look-alikes such as ``<col>`` or ``<cols>``; the message says it."""
    colon = prefix.encode()

    def sheet(archive: zipfile.ZipFile, part: str) -> None:
        ns = b"xmlns:x" if prefix else b"xmlns"
        rows = b"".join(b'<%srow r="%d"><%sc r="A%d" t="inlineStr"><%sis><%st>x</%st></%sis></%sc>'
                        b'<%sc r="B%d" s="1"/></%srow>'
                        % (colon, r, colon, r, colon, colon, colon, colon, colon, colon, r, colon)
                        for r in range(1, 1001))
        archive.writestr(part, b'<%sworksheet %s="http://schemas.openxmlformats.org/spreadsheetml/'
                               b'2006/main"><%scols><%scol min="1" max="2" width="9"/></%scols>'
                               b'<%ssheetData>%s</%ssheetData></%sworksheet>'
                         % (colon, ns, colon, colon, colon, colon, rows, colon, colon))
    path = with_body_xml(tmp_path, sheet, name="2024.xlsx")
    with pytest.raises(DataError) as caught:
        check_workbook_file(path, max_cells=2999)
    [problem] = caught.value.problems
    assert problem.message.startswith("工作表“正文”异常庞大：记录了 3,000 个单元格或行（上限 2,999）")
    assert problem.code == "E-FILE-SHEET-TOO-LARGE"
    check_workbook_file(path, max_cells=3000)


def test_a_normal_workbook_is_far_below_the_cell_limit(tmp_path):
    """The example workbook's sheets hold a few hundred cells each: a hundredth of the limit
    is still enough."""
    check_workbook_file(EXAMPLE, max_cells=MAX_SHEET_CELLS // 100)
    with pytest.raises(DataError, match="工作表“正文”异常庞大"):
        check_workbook_file(EXAMPLE, max_cells=300)


def _with_entities(path: Path) -> None:
    """Rewrite the first sheet of the workbook at ``path`` to declare an XML entity."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b"<worksheet")
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + b'<!DOCTYPE worksheet [<!ENTITY a "aa">]>'
                                         + sheet[start:].replace(b"<t>", b"<t>&a;", 1))
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_annotating_a_workbook_with_unsafe_xml_gives_the_same_refusal_as_reading_it(tmp_path):
    """``annotate`` opens the workbook itself (formulas kept); a part openpyxl refuses is
    named the same way as when the workbook is read: unsafe XML, not a damaged file."""
    from reportgen.xlsx.annotate import annotate

    path = build(tmp_path)
    _with_entities(path)
    expected = refusal(path)
    assert "不安全的 XML" in expected
    with pytest.raises(DataError) as caught:
        annotate(path, tmp_path / "marked.xlsx", [])
    assert [str(p) for p in caught.value.problems] == [expected]
