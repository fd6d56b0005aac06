"""Jinja code kept between runs (:mod:`reportgen.word.compiled`): a command compiles the
template's Jinja once, later commands load the code from the cache folder; a damaged or
unwritable cache is ignored."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from reportgen import generate
from reportgen.word import cache
from reportgen.word.compiled import CACHE_ENV, cache_folder
from reportgen.word.sandbox import ReportSandbox
from workbooks import PARAGRAPH, build


def body_texts(path) -> list[str]:
    """The text of every paragraph of the .docx at ``path``, in tables too, in order."""
    document = docx.Document(str(path))
    return [Paragraph(p, None).text for p in document.element.body.iter(qn("w:p"))]


@pytest.fixture
def parses(monkeypatch):
    """How often Jinja parsed a template part; the process starts with nothing compiled."""
    cache.clear()
    count = {"parsed": 0}
    parse = ReportSandbox._parse

    def counting(self, *args, **kwargs):
        count["parsed"] += 1
        return parse(self, *args, **kwargs)
    monkeypatch.setattr(ReportSandbox, "_parse", counting)
    yield count
    cache.clear()


def test_a_later_run_loads_the_code_instead_of_compiling(tmp_path, monkeypatch, parses):
    """The first run compiles the template (body, footer…) and keeps the code in the cache
    folder; a new process (nothing compiled in memory) loads it: no Jinja parse at all, and
    the same report."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    workbook = build(tmp_path)
    first = generate(workbook, tmp_path / "1.docx", toc=False)
    compiled = parses["parsed"]
    kept = sorted(folder.glob("jinja-*.bin"))
    assert compiled >= 2 and len(kept) == compiled
    cache.clear()  # as a new process
    second = generate(workbook, tmp_path / "2.docx", toc=False)
    assert parses["parsed"] == compiled
    assert PARAGRAPH in body_texts(second)
    assert body_texts(second) == body_texts(first)


def test_a_damaged_cache_file_is_compiled_again(tmp_path, monkeypatch, parses):
    """A cache file that is not one reportgen wrote (cut short, overwritten) is not run: the
    template is compiled again, the report is whole, and the file is written anew."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    workbook = build(tmp_path)
    generate(workbook, tmp_path / "1.docx", toc=False)
    kept = sorted(folder.glob("jinja-*.bin"))
    good = {path: path.read_bytes() for path in kept}
    kept[0].write_bytes(good[kept[0]][:40])
    for path in kept[1:]:
        path.write_bytes(b"import os; os.remove('/')")
    before = parses["parsed"]
    cache.clear()
    report = generate(workbook, tmp_path / "2.docx", toc=False)
    assert parses["parsed"] == before + len(kept)
    assert PARAGRAPH in body_texts(report)
    assert {path: path.read_bytes() for path in kept} == good


def test_no_cache_folder_or_an_unwritable_one_changes_nothing(tmp_path, monkeypatch, parses):
    """An empty ``REPORTGEN_CACHE_DIR`` keeps no files; a folder that cannot be made (a file
    stands there) is no reason to stop: each run compiles, and the report is the same."""
    workbook = build(tmp_path)
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_folder() is None
    plain = generate(workbook, tmp_path / "1.docx", toc=False)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    cache.clear()
    before = parses["parsed"]
    report = generate(workbook, tmp_path / "2.docx", toc=False)
    assert parses["parsed"] > before
    assert blocked.read_text() == "not a folder"
    assert body_texts(report) == body_texts(plain)


def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    """Without ``REPORTGEN_CACHE_DIR``: ``reportgen`` in ``XDG_CACHE_HOME``, else in
    ``~/.cache``."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "reportgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "reportgen"
