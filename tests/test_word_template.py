"""The committed template is the one the build script makes, and it renders with any report.

``templates/report.docx`` is produced by ``tools/build_template.py``; after a change to the
styles or the layout, rebuild and commit it. The shipped package data is the same file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reportgen.word import default_template
from reportgen.word.template.build import build_template

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "templates" / "report.docx"
PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n in PARTS or n.startswith("word/footer")]
        return {n: z.read(n) for n in names}


def test_committed_template_is_what_the_script_builds(tmp_path: Path):
    """Rebuilding gives the same document, styles, settings and footers as the committed file
    (python-docx writes XML deterministically; only the zip's timestamps differ)."""
    rebuilt = tmp_path / "report.docx"
    build_template(rebuilt)
    assert _parts(rebuilt) == _parts(COMMITTED), "run tools/build_template.py and commit"


def test_package_ships_the_committed_template():
    """The template the library uses by default is the committed one."""
    assert default_template().read_bytes() == COMMITTED.read_bytes()


@pytest.mark.parametrize("tag", ["{{ meta.title }}", "{%p for b in blocks %}", "{{ b.slot }}",
                                 "{{ b.label }}", "{{ b.caption }}"])
def test_template_tags_are_whole_in_one_run(tag: str):
    """Each tag is typed in one go: docxtpl finds it within a single text run."""
    xml = _parts(COMMITTED)["word/document.xml"].decode()
    assert f">{tag}<" in xml
