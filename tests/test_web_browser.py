"""The page as the clerk uses it, in a real browser: Debian's headless Chromium driven by
selenium, against ``python -m reportgen serve`` started once for the module.

Scenarios: a blank workbook downloaded; last year's Word report imported as a workbook;
``inputs/2024.xlsx`` checked and its findings shown with their cells; the report and its PDF
built, previewed and downloaded; three schools' workbooks merged; random bytes answered in
Chinese. A yearly command unplugged from its slot (:data:`reportgen.web.actions.FEATURES`)
has its test skipped.

With ``REPORTGEN_SCREENSHOTS=1`` the tests also save the README's pictures of each page as
``docs/images/web-*.png``; otherwise they write nothing outside their temporary folders.
These tests need chromium and chromium-driver (``tools/setup.sh``); they are skipped without
them, except in CI.
"""

from __future__ import annotations

import base64
import os
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import EXAMPLE_WORKBOOK
from pdf_reading import page_count
from reportgen.pipeline import check_workbook
from reportgen.errors import Severity
from reportgen.web.actions import FEATURES
from web_session import browser_missing, chromium, downloaded, school, serve, small_report

pytestmark = pytest.mark.browser
IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
SCREENSHOTS = bool(os.environ.get("REPORTGEN_SCREENSHOTS"))
"""Set REPORTGEN_SCREENSHOTS=1 to write the README's pictures of the pages."""
WIDTH = 1280

_MISSING = browser_missing()
if _MISSING and not os.environ.get("CI"):
    pytest.skip(_MISSING, allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One ``reportgen serve`` for the module."""
    temp = tmp_path_factory.mktemp("serve")
    server = serve(temp, "--no-browser")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser saves what it downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(served, downloads, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One headless Chromium for the module, signed in with the printed address."""
    assert _MISSING is None, _MISSING
    driver = chromium(downloads, tmp_path_factory.mktemp("profile"))
    driver.set_window_size(WIDTH, 900)
    driver.get(served.url)
    assert "一年的报告" in driver.page_source
    yield driver
    driver.quit()


def wait(driver, css: str, seconds: float = 60):  # type: ignore[no-untyped-def]
    """The first element matching ``css``, once it is there."""
    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def upload(driver, base: str, page: str, field: str, *files: Path) -> None:  # type: ignore[no-untyped-def]
    """Open ``page``, choose ``files`` in the file field and press its form's button."""
    driver.get(base + page)
    chooser = driver.find_element("css selector", f"input[name={field}]")
    chooser.send_keys("\n".join(str(f) for f in files))
    chooser.find_element("xpath", "ancestor::form//button[@type='submit']").click()


def snapshot(driver, name: str, height: int = 1800) -> None:  # type: ignore[no-untyped-def]
    """Save the page, from its top and at most ``height`` pixels of it, as
    ``docs/images/web-NAME.png`` when asked to (REPORTGEN_SCREENSHOTS)."""
    if not SCREENSHOTS:
        return
    content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": min(content["height"], height), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "clip": clip})
    (IMAGES / f"web-{name}.png").write_bytes(base64.b64decode(shot["data"]))


def test_the_first_page_leads_to_the_four_steps(browser, served):
    """The page opened by the printed address shows the year's four steps, each a link."""
    browser.get(served.base + "/")
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", "a.tile")]
    assert [link.rsplit("/", 1)[1] for link in links] == ["new", "merge", "check", "build"]
    snapshot(browser, "home", 460)


def test_a_blank_workbook_is_downloaded(browser, served, downloads):
    """新建: a blank workbook of the chosen year, downloaded and readable as a workbook."""
    browser.get(served.base + "/new")
    snapshot(browser, "new")
    if not FEATURES["blank"].installed:
        assert "此功能尚未安装" in browser.page_source
        pytest.skip(f"not installed yet: {FEATURES['blank'].needs}")
    year = browser.find_element("css selector", "form[action='/new/blank'] input[name=year]")
    year.clear()
    year.send_keys("2025")
    year.find_element("xpath", "ancestor::form//button[@type='submit']").click()
    link = wait(browser, "a[data-role=workbook]", 120)
    name = link.find_element("css selector", ".download-name").text
    link.click()
    workbook = load_workbook(downloaded(downloads, name))
    assert "基本信息" in workbook.sheetnames


def test_last_years_word_report_is_imported(browser, served, downloads, tmp_path):
    """新建 › 由上年的 Word 报告: a small report uploaded; the command's summary on the page and
    the workbook, named after the report, downloaded with the report's headings in 正文."""
    if not FEATURES["from_report"].installed:
        pytest.skip(f"not installed yet: {FEATURES['from_report'].needs}")
    report = small_report(tmp_path, "上年报告.docx")
    upload(browser, served.base, "/new", "report", report)
    link = wait(browser, "a[data-role=workbook]", 120)
    assert "已导入：上年报告.xlsx" in browser.find_element("css selector", ".said").text
    snapshot(browser, "import-result", 900)
    name = link.find_element("css selector", ".download-name").text
    assert name == "上年报告.xlsx"
    link.click()
    workbook = load_workbook(downloaded(downloads, name))
    assert "学校概况" in [row[1] for row in workbook["正文"].iter_rows(values_only=True)]


def test_the_2024_workbook_is_checked_and_its_findings_shown_with_their_cells(
        browser, served, downloads):
    """检查: every finding of the example workbook is a row with its severity, sentence and
    cell; the severity boxes and the text box filter the rows; the annotated copy downloads
    with the first finding's cell marked."""
    expected = check_workbook(EXAMPLE_WORKBOOK)
    upload(browser, served.base, "/check", "workbook", EXAMPLE_WORKBOOK)
    table = wait(browser, "#findings")
    rows = browser.execute_script(
        "return [...arguments[0].tBodies[0].rows].map(r => [r.querySelector('.badge').innerText,"
        " r.innerText])", table)
    assert len(rows) == len(expected)
    for (level, text), problem in zip(rows, expected):
        assert level == problem.severity.value
        assert problem.message in text
        if problem.where is not None:
            assert str(problem.where) in text
        if problem.related is not None:
            assert str(problem.related) in text
    snapshot(browser, "check")

    def shown() -> int:
        return int(browser.execute_script(
            "return [...arguments[0].tBodies[0].rows].filter(r => !r.hidden).length", table))

    browser.find_element("css selector", "#filters input[value='警告']").click()
    assert shown() == sum(p.severity is Severity.INFO for p in expected)
    browser.find_element("css selector", "#filters input[value='警告']").click()
    first = expected[0].where
    assert first is not None
    browser.find_element("css selector", "#filter-text").send_keys(f"{first.sheet}!{first.cell}")
    assert 1 <= shown() < len(rows)
    assert "显示" in browser.find_element("css selector", "#filter-count").text

    browser.find_element("css selector", "a[data-role=annotated]").click()
    marked = load_workbook(downloaded(downloads, "2024-标注.xlsx"))
    assert marked[first.sheet][first.cell].comment is not None


def test_random_bytes_are_answered_with_the_chinese_message(browser, served, tmp_path):
    """检查 of a file that is not a workbook: the page says so, as the command line does."""
    junk = tmp_path / "随机.xlsx"
    junk.write_bytes(os.urandom(8192))
    upload(browser, served.base, "/check", "workbook", junk)
    answer = wait(browser, ".unreadable").text
    assert "无法读取工作簿" in answer and "随机.xlsx：不是 Excel 工作簿（.xlsx）" in answer
    browser.get(served.base + "/check")
    assert browser.find_element("css selector", "h1").text == "检查工作簿"


@pytest.mark.office
def test_the_report_is_built_previewed_and_downloaded_with_its_pdf(browser, served, downloads):
    """生成: a progress indicator while LibreOffice works, then previews of the pages as
    pictures, and the .docx (python-docx opens it) and the PDF (``%PDF``, pages) downloaded."""
    browser.get(served.base + "/build")
    snapshot(browser, "build-form")
    upload(browser, served.base, "/build", "workbook", EXAMPLE_WORKBOOK)
    if browser.find_elements("css selector", "#progress"):
        assert "LibreOffice" in browser.find_element("css selector", "#progress .steps").text
        if SCREENSHOTS:  # the picture shows LibreOffice at work
            wait(browser, ".steps li.now:nth-child(2), .previews", 60)
            snapshot(browser, "build-progress", 420)
    wait(browser, ".previews img", 240)
    pictures = browser.find_elements("css selector", ".previews img")
    loaded = "return arguments[0].complete && arguments[0].naturalWidth"
    WebDriverWait(browser, 60, poll_frequency=0.2).until(
        lambda d: all(d.execute_script(loaded, p) for p in pictures[:10]))
    assert browser.execute_script("return arguments[0].naturalWidth", pictures[0]) > 500
    snapshot(browser, "build", 1150)

    browser.find_element("css selector", "a[data-role=docx]").click()
    report = docx.Document(str(downloaded(downloads, "2024.docx")))
    assert any("璧山区" in p.text for p in report.paragraphs[:10])
    browser.find_element("css selector", "a[data-role=pdf]").click()
    pdf = downloaded(downloads, "2024.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = page_count(pdf)
    assert pages > 30
    assert len(browser.find_elements("css selector", ".previews img")) == pages


def test_three_school_workbooks_are_merged(browser, served, downloads, tmp_path):
    """汇总: three schools' workbooks uploaded at once; each school's problems listed; the
    district's workbook downloaded."""
    browser.get(served.base + "/merge")
    if not FEATURES["merge"].installed:
        assert "此功能尚未安装" in browser.page_source
        pytest.skip(f"not installed yet: {FEATURES['merge'].needs}")
    schools = [school(tmp_path, name, n) for name, n in (("学校甲", 100), ("学校乙", 200),
                                                          ("学校丙", 300))]
    upload(browser, served.base, "/merge", "schools", *schools)
    link = wait(browser, "a[data-role=workbook]", 120)
    titles = [h.text for h in browser.find_elements("css selector", ".school h2")]
    assert all(any(t.startswith(f"{n}.xlsx") for t in titles) for n in ("学校甲", "学校乙", "学校丙"))
    snapshot(browser, "merge-result")
    name = link.find_element("css selector", ".download-name").text
    link.click()
    assert zipfile.is_zipfile(downloaded(downloads, name))
