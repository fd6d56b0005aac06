"""Bad uploads are answered on the page and the server keeps serving; builds asked for at the
same time never mix their files.

Driven in-process with Starlette's TestClient. Builds here skip LibreOffice (the page's two
option boxes left unticked, as ``--no-toc`` without ``--pdf``); the browser tests build the PDF.
"""

from __future__ import annotations

import html
import io
import os
import re
import threading
import zipfile
from pathlib import Path

import attrs
import docx
import pytest

from conftest import EXAMPLE_WORKBOOK
from reportgen.web import Settings, create_app
from reportgen.web.actions import FEATURES
from workbooks import build as build_workbook
from workbooks import META
from web_session import TOKEN, signed_in, wait_for

NOT_A_WORKBOOK = "不是 Excel 工作簿（.xlsx）"


def app(**settings):  # type: ignore[no-untyped-def]
    return create_app(Settings(token=TOKEN, **settings))


def test_random_bytes_are_answered_with_the_command_lines_message():
    """A file of random bytes named .xlsx: the check page says, as the command line does,
    that it is not a workbook and how to save one; no table, no annotated copy."""
    with signed_in(app()) as client:
        answer = client.post("/check", files={"workbook": ("随机.xlsx", os.urandom(4096))})
        assert answer.status_code == 200
        assert "无法读取工作簿" in answer.text
        assert f"随机.xlsx：{NOT_A_WORKBOOK}" in answer.text
        assert "另存为" in answer.text and 'id="findings"' not in answer.text
        assert "下载标注副本" not in answer.text
        assert client.get("/check").status_code == 200


def test_an_upload_over_the_limit_is_refused_on_the_page_and_the_server_goes_on(tmp_path):
    """Over the limit: 413 and the form again with the Chinese reason and the limit; nothing
    is kept; the next upload is served."""
    application = app(max_upload=200 * 1024)
    with signed_in(application) as client:
        answer = client.post("/check", files={"workbook": ("大.xlsx", bytes(300 * 1024))})
        assert answer.status_code == 413
        assert "上传的文件太大" in answer.text and "上限 0.2 MB" in answer.text
        assert 'action="/check"' in answer.text
        assert not any(application.state.store.root.iterdir())
        with open(EXAMPLE_WORKBOOK, "rb") as stream:
            answer = client.post("/check", files={"workbook": ("2024.xlsx", stream)})
        assert answer.status_code == 200 and 'id="findings"' in answer.text


def test_a_zip_bomb_is_answered_on_the_page(tmp_path):
    """A small upload that unpacks to 300 MB is refused by the library's own guard, and the
    page says so in its words; the server goes on."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(build_workbook(tmp_path)) as original, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as packed:
        for info in original.infolist():
            packed.writestr(info, original.read(info.filename))
        for n in range(3):
            with packed.open(f"xl/media/image{n}.bin", "w") as member:
                for _ in range(100):
                    member.write(bytes(1 << 20))
    assert len(bomb.getvalue()) < 2 * 1024 * 1024
    with signed_in(app()) as client:
        answer = client.post("/check", files={"workbook": ("炸弹.xlsx", bomb.getvalue())})
        assert "炸弹.xlsx：解压后过大（300 MB，上限 200 MB）" in answer.text
        assert client.get("/").status_code == 200


def test_a_form_without_its_file_or_not_a_form_is_answered_in_chinese():
    """Submitting without choosing a file, or posting something that is not a form."""
    with signed_in(app()) as client:
        empty = client.post("/build", files={"workbook": ("", b"")})
        assert empty.status_code == 400 and "请先选择要生成报告的工作簿" in empty.text
        raw = client.post("/check", content=b"x" * 100,
                          headers={"content-type": "application/octet-stream"})
        assert raw.status_code == 400 and "请在本页面上选择文件" in raw.text
        assert client.get("/check", params={"x": "1"}).status_code == 200


def test_a_workbook_with_errors_is_answered_with_every_located_error(tmp_path):
    """A build of a workbook with an impossible value: the page shows the command line's
    heading and each error with its cell, and offers no report."""
    from workbooks import cell_of

    def tweak(wb):  # type: ignore[no-untyped-def]
        cell_of(wb, "人才培养质量计分卡", "毕业生人数*").value = "一千二"

    workbook = build_workbook(tmp_path, tweak)
    with signed_in(app()) as client:
        with open(workbook, "rb") as stream:
            started = client.post("/build", files={"workbook": ("test.xlsx", stream)})
        wait_for(client, str(started.url))
        page = client.get(str(started.url)).text
    assert "工作簿中有 1 处错误，报告未生成" in page
    assert "test.xlsx › 人才培养质量计分卡!D" in page and "应为数字，实为“一千二”" in page
    assert "下载 Word 报告" not in page


def _title(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs[:12])


def test_two_builds_at_once_do_not_mix_files(tmp_path):
    """Two clerks build two different workbooks of the same file name at the same moment:
    each gets a report made from its own workbook, under its own ids."""
    small = build_workbook(tmp_path)
    results: dict[str, tuple[str, bytes]] = {}
    with signed_in(app(workers=2)) as client:
        def build(label: str, path: Path) -> None:
            with open(path, "rb") as stream:
                started = client.post("/build", files={"workbook": ("2024.xlsx", stream)})
            wait_for(client, str(started.url))
            page = client.get(str(started.url)).text
            link = page.split('href="/files/', 1)[1].split('"', 1)[0]
            results[label] = (link, client.get(f"/files/{link}").content)

        threads = [threading.Thread(target=build, args=(label, path))
                   for label, path in (("璧山", EXAMPLE_WORKBOOK), ("测试", small))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results["璧山"][0] != results["测试"][0]
    assert "璧山区" in _title(results["璧山"][1]) and META["地区"] not in _title(results["璧山"][1])
    assert META["报告标题"] in _title(results["测试"][1]) and "璧山" not in _title(results["测试"][1])


@pytest.mark.parametrize("slot, path", [("blank", "/new/blank"), ("from_workbook", "/new/from-workbook"),
                                        ("from_report", "/new/from-report"), ("merge", "/merge")])
def test_a_command_not_installed_says_so_on_its_page(slot, path, monkeypatch):
    """A yearly command unplugged from its slot (``installed=False``): its form is shown
    disabled with a notice, and posting to it answers “此功能尚未安装” without running it."""
    monkeypatch.setitem(FEATURES, slot, attrs.evolve(FEATURES[slot], installed=False))
    with signed_in(app()) as client:
        page = client.get(path.rsplit("/", 1)[0] if path.startswith("/new/") else path).text
        assert "此功能尚未安装" in page and FEATURES[slot].command in page
        answer = client.post(path, files={"x": ("a.xlsx", b"x")})
        assert answer.status_code == 501
        assert f"此功能尚未安装：{FEATURES[slot].title}。" in answer.text


def test_the_browsers_size_check_says_the_servers_sentence():
    """Each upload form carries the server's refusal (``U-WEB-UPLOAD-SIZE``, the limit written
    in, ``{size}`` left for the script), so that the browser, refusing before sending, says
    exactly what the server would."""
    with signed_in(app(max_upload=200 * 1024)) as client:
        page = client.get("/build").text
        said = client.post("/build", files={"workbook": ("大.xlsx", bytes(300 * 1024))}).text
    shown = re.search(r'data-too-large="([^"]+)"', page)
    assert shown is not None
    sentence = html.unescape(shown.group(1))
    assert sentence.startswith("上传的文件太大（{size} MB），上限 0.2 MB。") and sentence.endswith("。")
    assert sentence.replace("{size}", "0.3") in said


def test_an_upload_without_a_declared_size_is_cut_at_the_limit():
    """A body sent in chunks, without Content-Length, is counted as it arrives and refused at
    the limit, with the same answer; nothing is kept."""
    application = app(max_upload=64 * 1024)
    boundary = "reportgen-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"workbook\"; "
            f"filename=\"大.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()

    def body():  # type: ignore[no-untyped-def]
        yield head
        for _ in range(20):
            yield bytes(16 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    with signed_in(application) as client:
        answer = client.post("/check", content=body(),
                             headers={"content-type": f"multipart/form-data; boundary={boundary}"})
        assert answer.status_code == 413 and "上传的文件太大" in answer.text
        assert not any(application.state.store.root.iterdir())


@pytest.mark.parametrize("path, field, asked", [
    ("/check", "workbook", "请先选择要检查的工作簿（.xlsx）"),
    ("/build", "workbook", "请先选择要生成报告的工作簿（.xlsx）"),
    ("/new/from-workbook", "workbook", "请先选择上年的工作簿（.xlsx）"),
    ("/new/from-report", "report", "请先选择上年的 Word 报告（.docx）"),
    ("/merge", "schools", "请先选择各学校的工作簿"),
])
def test_every_page_sent_without_its_file_asks_for_it_on_the_same_page(path, field, asked):
    """Each tab's form sent with its file field empty comes back (400) as the same tab, asking
    in its own words for the file it needs."""
    tab = path.split("/")[1]
    with signed_in(app()) as client:
        answer = client.post(path, files={field: ("", b"")})
    assert answer.status_code == 400 and asked in answer.text
    assert f'action="/{tab}' in answer.text


def test_findings_beside_an_error_do_not_say_the_report_was_made(tmp_path):
    """A placeholder naming nothing stops the report; the page's count of check findings does
    not say the report was produced as usual (its heading says it was not)."""
    from openpyxl import load_workbook

    workbook = tmp_path / "错.xlsx"
    wb = load_workbook(EXAMPLE_WORKBOOK)
    wb["正文"]["B4"] = f"{wb['正文']['B4'].value}〔没有这个数〕"
    wb.save(workbook)
    with signed_in(app()) as client:
        with open(workbook, "rb") as stream:
            started = client.post("/build", files={"workbook": ("错.xlsx", stream)})
        wait_for(client, str(started.url))
        page = client.get(str(started.url)).text
    assert "报告未生成" in page and "〔没有这个数〕" in page and "数据检查发现警告" in page
    assert "报告照常生成" not in page
