"""新建 and 汇总 through the page: each form runs its command (``init``, ``import``,
``merge``) on the uploaded files and shows what the command line prints, a school's problems
under its name, without the server's folders; the workbook made is offered for download.

Driven in-process with Starlette's TestClient; each test is skipped while its command is not
installed (:data:`reportgen.web.actions.FEATURES`), naming the missing function.
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote

import docx
import pytest
from openpyxl import load_workbook

from conftest import EXAMPLE_WORKBOOK
from reportgen.web import Settings, create_app
from reportgen.web.actions import FEATURES
from test_import_guesses import tiny_png
from web_session import TOKEN, school, signed_in, small_report, wait_for
from workbooks import CASE_TITLE, FOREWORD


def needs(slot: str) -> None:
    if not FEATURES[slot].installed:
        pytest.skip(f"not installed yet: {FEATURES[slot].needs}")


def finished(client, answer) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The job page once its work has ended: its text and its first download's id."""
    wait_for(client, str(answer.url))
    page = client.get(str(answer.url)).text
    found = re.search(r'href="/files/([^"]+)"', page)
    return page, found.group(1) if found else ""


def test_a_blank_workbook_of_the_chosen_year_is_offered():
    """新建 › 空白工作簿: the command's summary on the page, the workbook downloads and holds
    the 说明 sheet and every input sheet."""
    needs("blank")
    application = create_app(Settings(token=TOKEN))
    with signed_in(application) as client:
        answer = client.post("/new/blank", data={"year": "2025"}, files={"none": ("", b"")})
        page, file_id = finished(client, answer)
        assert "已生成 2025 年的空白工作簿：2025年工作簿.xlsx" in page
        assert str(application.state.store.root) not in page
        workbook = load_workbook(io.BytesIO(client.get(f"/files/{file_id}").content))
    assert {"说明", "基本信息", "正文", "案例"} <= set(workbook.sheetnames)


def test_this_years_workbook_is_made_from_last_years():
    """新建 › 由上年的工作簿: the 2024 workbook gives the 2025 one, saying what was carried."""
    needs("from_workbook")
    with signed_in(create_app(Settings(token=TOKEN))) as client:
        with open(EXAMPLE_WORKBOOK, "rb") as stream:
            answer = client.post("/new/from-workbook", files={"workbook": ("2024.xlsx", stream)})
        page, file_id = finished(client, answer)
        assert "已由 2024.xlsx 生成 2025 年的工作簿" in page and "沿用上年" in page
        workbook = load_workbook(io.BytesIO(client.get(f"/files/{file_id}").content))
    assert "正文" in workbook.sheetnames


def test_a_wrong_year_is_answered_with_the_command_lines_words():
    """A year that does not follow last year's workbook: the command's refusal, in Chinese,
    with the file named as the clerk knows it and no workbook offered."""
    needs("from_workbook")
    application = create_app(Settings(token=TOKEN))
    with signed_in(application) as client:
        with open(EXAMPLE_WORKBOOK, "rb") as stream:
            answer = client.post("/new/from-workbook", data={"year": "2030"},
                                 files={"workbook": ("2024.xlsx", stream)})
        page, file_id = finished(client, answer)
    assert "无法执行：2024.xlsx 是 2024 年的工作簿" in page and "不能是 2030 年" in page
    assert file_id == "" and str(application.state.store.root) not in page


def test_three_schools_are_merged_and_each_is_listed(tmp_path):
    """汇总: three schools' workbooks give the district's; the page names each school."""
    needs("merge")
    schools = [school(tmp_path, name, n) for name, n in (("学校甲", 100), ("学校乙", 200),
                                                          ("学校丙", 300))]
    application = create_app(Settings(token=TOKEN))
    with signed_in(application) as client:
        files = [("schools", (p.name, p.read_bytes())) for p in schools]
        page, file_id = finished(client, client.post("/merge", files=files))
        assert "已合并 3 所学校" in page
        for path in schools:
            assert f"<h2>{path.name}" in page
        assert str(application.state.store.root) not in page
        merged = load_workbook(io.BytesIO(client.get(f"/files/{file_id}").content))
    assert "来源" in merged.sheetnames


def test_a_schools_errors_are_listed_under_its_name_and_nothing_is_merged(tmp_path):
    """汇总 with one school's impossible value: the command's heading, the error under that
    school with its cell, the other school's warnings only counted, no workbook offered."""
    needs("merge")
    good = school(tmp_path, "学校甲", 100)
    bad = school(tmp_path, "学校乙", "一千二")
    with signed_in(create_app(Settings(token=TOKEN))) as client:
        files = [("schools", (p.name, p.read_bytes())) for p in (good, bad)]
        page, file_id = finished(client, client.post("/merge", files=files))
    assert "各校工作簿中共有 1 处错误，没有合并" in page and file_id == ""
    section = page.split("<h2>学校乙.xlsx", 1)[1].split("</section>", 1)[0]
    assert "学校乙.xlsx › 人才培养质量计分卡!D" in section and "应为数字，实为“一千二”" in section
    first = page.split("<h2>学校甲.xlsx", 1)[1].split("</section>", 1)[0]
    assert "应为数字" not in first and "学校甲.xlsx：警告" in first


def test_last_years_word_report_becomes_a_workbook(tmp_path):
    """新建 › 由上年的 Word 报告: a small report imported; the command's summary on the page
    (the report named as uploaded, without the server's folders), and the workbook offered
    under the report's name holds its foreword, headings and case."""
    needs("from_report")
    report = small_report(tmp_path)
    application = create_app(Settings(token=TOKEN))
    with signed_in(application) as client:
        answer = client.post("/new/from-report", files={"report": (report.name, report.read_bytes())})
        page, file_id = finished(client, answer)
        assert "已导入：测试区2024.xlsx（" in page and "个案例" in page
        assert str(application.state.store.root) not in page
        download = client.get(f"/files/{file_id}")
        assert "测试区2024.xlsx" in unquote(download.headers["content-disposition"])
        workbook = load_workbook(io.BytesIO(download.content))
    assert {"基本信息", "前言", "正文", "案例", "导入说明"} <= set(workbook.sheetnames)
    assert workbook["前言"]["A2"].value == FOREWORD
    assert [row[1] for row in workbook["正文"].iter_rows(min_row=2, values_only=True)
            if row[0] == "一级标题"] == ["学校概况", "指标"]
    assert CASE_TITLE in [row[1] for row in workbook["案例"].iter_rows(values_only=True)]


def test_the_pictures_of_an_imported_report_are_offered_as_a_zip(tmp_path):
    """A report with a picture: besides the workbook, the page offers the pictures folder that
    ``import`` writes beside it, zipped, with the picture in it byte for byte."""
    needs("from_report")
    report = small_report(tmp_path)
    document = docx.Document(str(report))
    document.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()))
    document.save(str(report))
    with signed_in(create_app(Settings(token=TOKEN))) as client:
        answer = client.post("/new/from-report", files={"report": (report.name, report.read_bytes())})
        page, _ = finished(client, answer)
        found = re.search(r'href="/files/([^"]+)"[^>]*data-role="pictures"', page)
        assert found is not None and "测试区2024-图片.zip" in page
        archive = zipfile.ZipFile(io.BytesIO(client.get(f"/files/{found.group(1)}").content))
    assert archive.read("图片1.png") == tiny_png()


def test_a_file_that_is_not_a_word_report_is_answered_with_the_commands_words(tmp_path):
    """新建 › 由上年的 Word 报告 with a workbook chosen by mistake: the command's refusal on
    the page, the file named as uploaded, no workbook offered."""
    needs("from_report")
    with signed_in(create_app(Settings(token=TOKEN))) as client:
        answer = client.post("/new/from-report",
                             files={"report": ("上年.docx", EXAMPLE_WORKBOOK.read_bytes())})
        page, file_id = finished(client, answer)
    assert "无法读取这个 Word 报告，未生成工作簿" in page and "上年.docx" in page
    assert file_id == ""
