"""Modules are 100–400 lines, named for what they hold; a smaller one says why it stands alone.

A module over 400 lines is split by what it holds; one under 100 lines is folded into the
neighbour it belongs with, unless it is listed below with the reason it cannot be (a separate
process, a layer boundary, a start-up cost, or one command per module).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportgen"

LONGEST = 400
SHORTEST = 100

SMALL_ON_PURPOSE: dict[str, str] = {
    "__main__.py": "the entry point of python -m reportgen",
    "cli/importing.py": "the command line: one module per command",
    "cli/init.py": "the command line: one module per command",
    "cli/merge.py": "the command line: one module per command",
    "cli/pages.py": "the command line: one module per command",
    "cli/serve.py": "the command line: one module per command",
    "codes/document.py": "writes docs/problems.md from the whole registry, which imports the "
                         "area modules: it cannot live in any of them",
    "office/watchdog.py": "runs as a script in a process of its own, standard library only",
    "word/names.py": "the names both the template builder (build time) and the renderer (run "
                     "time) use; the renderer never imports the builder",
    "word/reading/container.py": "the Word counterpart of xlsx/container.py, below the reader "
                                 "and apart from it so import refuses a file before parsing it",
    "numbers.py": "Decimal formatting every layer uses; it imports nothing of docx or openpyxl",
    "yearly/provenance.py": "read on every check; folding it into yearly/merging.py would make "
                            "every build import the merge machinery",
    "checks/places.py": "where a finding stands in the report's own words, for check's grouping",
    "checks/rule.py": "what a rule is: the one type every checks module shares",
    "word/pictures.py": "pictures and charts written into their slot, apart from the text",
}


def modules() -> list[tuple[str, int]]:
    """Every module of the package but the packages' ``__init__.py``, with its line count."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        found.append((path.relative_to(PACKAGE).as_posix(), lines))
    return found


def test_no_module_is_longer_than_400_lines():
    """A module that grows past 400 lines is split by what it holds."""
    assert [(name, lines) for name, lines in modules() if lines > LONGEST] == []


def test_a_module_under_100_lines_says_why_it_stands_alone():
    """Every module under 100 lines is listed with its reason, and every listed one exists and
    is still that small (a stale entry would excuse a future module by accident)."""
    sizes = dict(modules())
    small = {name for name, lines in sizes.items() if lines < SHORTEST}
    assert small - set(SMALL_ON_PURPOSE) == set(), "fold these into a neighbour or say why not"
    assert set(SMALL_ON_PURPOSE) - small == set(), "no longer small: remove from the list"
