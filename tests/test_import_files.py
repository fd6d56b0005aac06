"""Files that are not a readable Word report get a located Chinese answer and exit code 1;
old formats are converted by LibreOffice when it is installed, and otherwise the clerk is told
how to save the file as .docx."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest

from cli_run import run_cli
from conftest import EXAMPLE_WORKBOOK
from reportgen import importing
from reportgen.errors import DataError, UsageError
from reportgen.importing import import_report
from reportgen.office.session import OfficeError, find_office

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _compound(*streams: str) -> bytes:
    """The start of an OLE2 compound file naming ``streams`` in its directory."""
    return _CFB + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00" * 20 for s in streams)


def _small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("1.学校概况")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _damaged_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>不是完整的 XML")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, code, words", [
    ("空.docx", b"", "E-DOCX-EMPTY", "文件是空的（0 字节），不是 Word 文档"),
    ("加密.docx", _compound("EncryptionInfo", "EncryptedPackage"), "E-DOCX-ENCRYPTED",
     "文档设置了打开密码（已加密），无法读取"),
    ("半截.docx", _small_docx()[:300], "E-DOCX-TRUNCATED", "文件不完整或已损坏"),
    ("坏.docx", _damaged_docx(), "E-DOCX-DAMAGED", "文件已损坏，无法作为 Word 文档读取"),
    ("扫描.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "E-DOCX-PDF", "这是 PDF 文件，不是 Word 文档"),
    ("说明.docx", "学校概况\n基本情况\n".encode("utf-8"), "E-DOCX-TEXT", "这是文本文件，不是 Word 文档"),
    ("表.docx", EXAMPLE_WORKBOOK.read_bytes(), "E-DOCX-WORKBOOK", "这是 Excel 工作簿，不是 Word 文档"),
    ("旧表.doc", _compound("Workbook"), "E-DOCX-XLS", "这是旧版 Excel 工作簿（.xls）"),
    ("旧幻灯片.doc", _compound("PowerPoint Document"), "E-DOCX-OLD-OFFICE",
     "这是旧版 Office 文件，但不是 Word 文档"),
    ("图.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E-DOCX-UNKNOWN", "不是 Word 文档（.docx）"),
])
def test_unreadable_files_are_refused_with_a_located_chinese_problem(
        tmp_path: Path, name: str, content: bytes, code: str, words: str):
    """One problem, at the file, with its stable code; nothing is written."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        import_report(path, tmp_path / "out.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == code and problem.where is not None and problem.where.file == name
    assert str(problem).startswith(f"{name}：{words}")
    assert not (tmp_path / "out.xlsx").exists()


def test_a_damaged_docx_is_told_without_python_words(tmp_path: Path):
    """The damaged file's problem names no Python exception (``KeyError: …``): the clerk
    reads only what is wrong and what to do."""
    path = tmp_path / "坏.docx"
    path.write_bytes(_damaged_docx())
    with pytest.raises(DataError) as caught:
        import_report(path, tmp_path / "out.xlsx")
    (problem,) = caught.value.problems
    assert "Error" not in str(problem) and "实为" not in str(problem)


def test_the_command_says_why_and_exits_with_1(tmp_path: Path):
    """``import`` on an encrypted file: a Chinese heading, the located line, exit code 1."""
    path = tmp_path / "加密.docx"
    path.write_bytes(_compound("EncryptionInfo"))
    code, out, err = run_cli("import", str(path), "-o", str(tmp_path / "x.xlsx"))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == "无法读取这个 Word 报告，未生成工作簿："
    assert "加密.docx：文档设置了打开密码" in err and "取消密码后保存" in err


def test_a_missing_file_or_a_bad_output_is_a_usage_error(tmp_path: Path):
    """Exit code 2: the command named the wrong thing."""
    code, _, err = run_cli("import", str(tmp_path / "没有.docx"))
    assert code == 2 and "找不到 Word 文件" in err
    source = tmp_path / "报告.docx"
    source.write_bytes(_small_docx())
    with pytest.raises(UsageError) as caught:
        import_report(source, tmp_path / "报告.docx.txt")
    assert caught.value.code == "U-IMPORT-OUTPUT-SUFFIX"


def test_an_existing_workbook_is_not_overwritten_unless_asked(tmp_path: Path):
    """A workbook the clerk may have filled is kept; ``--force`` replaces it."""
    source = tmp_path / "报告.docx"
    source.write_bytes(_small_docx())
    target = tmp_path / "报告.xlsx"
    target.write_bytes(b"filled")
    code, _, err = run_cli("import", str(source))
    assert code == 2 and "已经存在" in err and target.read_bytes() == b"filled"
    code, out, _ = run_cli("import", str(source), "--force")
    assert code == 0 and out.startswith(f"已导入：{target}") and target.read_bytes() != b"filled"


def test_an_old_doc_without_libreoffice_says_how_to_save_as_docx(tmp_path: Path, monkeypatch):
    """A Word 97-2003 file cannot be read as it is: without LibreOffice, the clerk saves it."""
    monkeypatch.setattr(importing, "find_office", lambda: None)
    path = tmp_path / "2023.doc"
    path.write_bytes(_compound("WordDocument", "1Table"))
    with pytest.raises(DataError) as caught:
        import_report(path, tmp_path / "out.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "E-DOCX-LEGACY"
    assert "没有安装 LibreOffice" in str(problem) and "另存为" in str(problem)


def test_a_failed_conversion_quotes_libreoffice(tmp_path: Path, monkeypatch):
    """LibreOffice ran but wrote no .docx: the problem at the file says the conversion failed,
    quotes LibreOffice's answer and how to save the file as .docx by hand."""
    def no_output(office: object, source: Path, target: Path) -> None:
        raise OfficeError("O-CONVERT-NOT-WRITTEN", extension="docx", returncode=1,
                          log="：source file could not be loaded")

    monkeypatch.setattr(importing, "find_office", lambda: object())
    monkeypatch.setattr(importing, "convert_document", no_output)
    path = tmp_path / "2023.doc"
    path.write_bytes(_compound("WordDocument", "1Table"))
    with pytest.raises(DataError) as caught:
        import_report(path, tmp_path / "out.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "E-DOCX-CONVERT-FAILED" and problem.where is not None
    assert problem.found == "LibreOffice 没有生成 .docx 文件（代码 1）：source file could not be loaded"
    assert "另存为" in str(problem) and not (tmp_path / "out.xlsx").exists()


def test_a_catalog_year_without_a_catalog_is_a_usage_error(tmp_path: Path):
    """``--catalog-year`` must name a year that has a catalog: exit code 2, the years there
    are named, nothing written."""
    source = tmp_path / "报告.docx"
    source.write_bytes(_small_docx())
    with pytest.raises(UsageError) as caught:
        import_report(source, tmp_path / "报告.xlsx", catalog_year=1999)
    assert caught.value.code == "U-CATALOG-YEAR" and "2024 年" in str(caught.value)
    code, _, err = run_cli("import", str(source), "--catalog-year", "1999")
    assert code == 2 and "没有 1999 年的指标目录" in err
    assert not (tmp_path / "报告.xlsx").exists()


def _rtf(lines: list[str]) -> bytes:
    def escaped(text: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?"
                       for ch in text)
    body = "".join(f"\\pard {escaped(line)}\\par\n" for line in lines)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + body + "}").encode("ascii")


@pytest.mark.office
@pytest.mark.skipif(find_office() is None and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (run tools/setup.sh)")
def test_an_old_format_is_converted_by_libreoffice_first(tmp_path: Path):
    """An RTF report (as old as .doc) is converted to .docx, then read like any other."""
    path = tmp_path / "旧报告.rtf"
    path.write_bytes(_rtf(["测试区中等职业学校年度质量报告", "（2023-2024学年度）", "测试区教育委员会",
                           "2024年12月", "一、学校概况", "学校现有学生1000人。", "二、人才培养",
                           "学校坚持立德树人。"]))
    result = import_report(path, tmp_path / "旧报告.xlsx")
    assert result.converted
    assert [s.title.text for s in result.report.sections()] == ["学校概况", "人才培养"]
    assert result.report.meta.issuer.text == "测试区教育委员会"
