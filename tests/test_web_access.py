"""Only the clerk who started the page can use it, and nothing the browser sends names a file.

The application is driven in-process with Starlette's TestClient: the token, its cookie, the
403 page, the private folder and its removal, the random ids of jobs and files.
"""

from __future__ import annotations

import stat

from hypothesis import given, strategies as st
from starlette.testclient import TestClient

from conftest import EXAMPLE_WORKBOOK
from reportgen.web import Settings, create_app
from reportgen.web.access import cookie_name
from reportgen.web.uploads import safe_name
from web_session import TOKEN, signed_in


def app():  # type: ignore[no-untyped-def]
    return create_app(Settings(token=TOKEN))


def test_a_request_without_the_token_is_refused_with_a_chinese_page():
    """No token, a wrong token or a wrong cookie: 403 and a page saying how to get in."""
    with TestClient(app(), base_url="http://127.0.0.1") as client:
        for path in ("/", "/check", "/build", "/files/abc", "/status/abc", "/?token=wrong",
                     "/?token=" + TOKEN[:-1], "/?token=令牌"):
            answer = client.get(path)
            assert answer.status_code == 403, path
            assert "需要口令才能使用" in answer.text and "?token=" in answer.text
        client.cookies.set(cookie_name(TOKEN), "wrong")
        assert client.get("/check").status_code == 403
        posted = client.post("/check", files={"workbook": ("a.xlsx", b"x")})
        assert posted.status_code == 403


def test_the_token_in_the_address_gives_a_strict_cookie_and_leaves_the_address():
    """The address with the token sets an HttpOnly, SameSite=Strict cookie and sends the
    browser on to the same page without the token; the cookie then opens every page."""
    with TestClient(app(), base_url="http://127.0.0.1") as client:
        first = client.get(f"/check?token={TOKEN}", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/check"
        cookie = first.headers["set-cookie"]
        assert cookie.startswith(f"{cookie_name(TOKEN)}={TOKEN};")
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        for path in ("/", "/new", "/merge", "/check", "/build"):
            answer = client.get(path)
            assert answer.status_code == 200 and 'lang="zh-CN"' in answer.text, path


def test_two_servers_have_cookies_of_their_own():
    """Cookies do not tell ports apart: each server names its cookie after its token."""
    assert cookie_name("one") != cookie_name("two")
    assert TOKEN not in cookie_name(TOKEN)


def test_every_answer_keeps_the_page_to_itself():
    """No framing by other sites, only this server's scripts, no referrer, no caching."""
    with signed_in(app()) as client:
        headers = client.get("/check").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_style_and_script_are_served_without_the_token():
    """The 403 page is styled: the style sheet and script hold nothing of the clerk's."""
    with TestClient(app(), base_url="http://127.0.0.1") as client:
        assert client.get("/static/style.css").status_code == 200
        assert client.get("/static/app.js").status_code == 200
        assert client.get("/static/../app.py").status_code in (403, 404)


def test_uploads_live_in_a_private_folder_removed_at_shutdown():
    """The server's folder is readable by its user only (0700), each job has its own folder
    inside it, and all of it is gone when the server stops."""
    application = app()
    root = application.state.store.root
    with signed_in(application) as client:
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        with open(EXAMPLE_WORKBOOK, "rb") as stream:
            answer = client.post("/check", files={"workbook": ("../../etc/2024.xlsx", stream)})
        assert answer.status_code == 200
        jobs = [p for p in root.iterdir() if p.is_dir()]
        assert len(jobs) == 1 and stat.S_IMODE(jobs[0].stat().st_mode) == 0o700
        kept = list((jobs[0] / "in").rglob("*.xlsx"))
        assert [p.name for p in kept] == ["2024.xlsx"]
        assert "2024.xlsx › " in answer.text  # messages name the file as the clerk knows it
    assert not root.exists()


def test_jobs_and_files_are_named_by_random_ids_only():
    """A path, a guessed id or another page's job id finds nothing: a Chinese 404 page."""
    with signed_in(app()) as client:
        with open(EXAMPLE_WORKBOOK, "rb") as stream:
            checked = client.post("/check", files={"workbook": ("2024.xlsx", stream)})
        job = str(checked.url).rsplit("/", 1)[1]
        assert len(job) >= 16
        for path in ("/files/..%2F..%2Fetc%2Fpasswd", "/files/2024.xlsx", f"/files/{job}",
                     f"/build/{job}", "/check/nothing", f"/build/{job}/pages/1.png"):
            answer = client.get(path)
            assert answer.status_code == 404, path
            assert "找不到这个页面或文件" in answer.text
        assert client.get(f"/status/{job}").json()["state"] == "done"


@given(st.text())
def test_an_uploaded_name_never_leaves_its_folder(raw):
    """Whatever name a browser sends, what is kept is one plain file name: no folder part,
    not hidden, not empty, of bounded length; a clean name is kept as it is."""
    name = safe_name(raw)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and name == name.strip()
    assert len(name) <= 100
    assert safe_name(name) == name


def test_uploaded_names_keep_what_the_clerk_recognises():
    """The leaf of a Windows or Unix path is kept; Chinese names stay as they are."""
    assert safe_name(r"C:\Users\科员\桌面\璧山区2024.xlsx") == "璧山区2024.xlsx"
    assert safe_name("../../.bashrc") == "bashrc"
    assert safe_name("..") == "工作簿.xlsx"
    assert safe_name("a" * 300 + ".xlsx").endswith(".xlsx")
