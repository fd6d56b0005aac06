"""The import rules hold, and breaking one fails the suite.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked with
import-linter: layers import only downward (cli and the web page → pipeline/importing →
delivery/yearly → office/word/xlsx/checks → layout → placeholders → figures/files/year_over_year
→ errors → model → catalog/numbers); only ``reportgen.xlsx`` imports openpyxl; only
``reportgen.word`` imports docxtpl, python-docx and lxml, and only it and ``reportgen.web`` (the
page's templates) import jinja2; only ``reportgen.office`` imports subprocess; nothing imports
the template builder ``reportgen.word.template`` (tools/build_template.py does, at build time).
A copy of the package with one import planted shows that each contract catches its violation.
Starting a process without subprocess (``os.system``, ``multiprocessing``…) is caught by a
syntax check here.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CONFIG = ROOT / "pyproject.toml"
CONTRACTS = 9
LINT = ("import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())")


def lint(src: Path, cwd: Path) -> tuple[int, str]:
    """Run import-linter with the project's contracts over the package found in ``src``."""
    result = subprocess.run(
        [sys.executable, "-c", LINT, "--config", str(CONFIG), "--no-cache"],
        capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(src), "COLUMNS": "300"})
    return result.returncode, result.stdout + result.stderr


def broken(output: str) -> set[str]:
    """The names of the contracts the output reports broken."""
    return {m.group(1).strip() for m in re.finditer(r"^(.+?) BROKEN$", output, re.MULTILINE)}


def planted(tmp_path: Path, module: str, line: str) -> tuple[int, str]:
    """Lint a copy of the package in which ``module`` ends with ``line`` (a new module when
    there is none)."""
    copy = tmp_path / "src"
    shutil.copytree(SRC / "reportgen", copy / "reportgen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / module, "a", encoding="utf-8") as planting:
        planting.write(f"\n{line}  # planted by the test\n")
    return lint(copy, tmp_path)


def contract_names() -> dict[str, str]:
    import tomllib

    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["id"]: c["name"] for c in settings["contracts"]}


def test_the_package_keeps_every_import_contract(tmp_path: Path):
    """All contracts are kept by the code as it is."""
    code, output = lint(SRC, tmp_path)
    assert code == 0, output
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in output


PLANTED = {
    "layers": ("reportgen/model.py", "from reportgen import pipeline"),
    "openpyxl": ("reportgen/word/docx.py", "import openpyxl"),
    "word-libraries": ("reportgen/xlsx/cells.py", "import docx"),
    "jinja2": ("reportgen/pipeline.py", "import jinja2"),
    "processes": ("reportgen/pipeline.py", "import subprocess"),
    "progress-bar": ("reportgen/batch.py", "import tqdm"),
    "template-builder": ("reportgen/word/docx.py", "from reportgen.word.template import build"),
    "pillow": ("reportgen/xlsx/figure_sheets.py", "from PIL import Image"),
    "matplotlib": ("reportgen/word/pictures.py", "import matplotlib"),
}


@pytest.mark.parametrize("contract", sorted(PLANTED))
def test_a_planted_import_breaks_its_contract(tmp_path: Path, contract: str):
    """In a copy of the package, one forbidden import makes exactly its contract fail."""
    code, output = planted(tmp_path, *PLANTED[contract])
    assert code != 0
    assert f"Contracts: {CONTRACTS - 1} kept, 1 broken." in output, output
    assert broken(output) == {contract_names()[contract]}, output


def test_a_new_module_importing_upward_is_caught(tmp_path: Path):
    """A new module is covered too: layout/planted.py importing the Word layer breaks the
    layers."""
    code, output = planted(tmp_path, "reportgen/layout/planted.py",
                           "from reportgen.word import render")
    assert code != 0 and broken(output) == {contract_names()["layers"]}, output


@pytest.mark.parametrize("module, line", [
    ("reportgen/pipeline.py", "from reportgen import importing"),
    ("reportgen/importing.py", "from reportgen import pipeline"),
    ("reportgen/word/reading/body.py", "from reportgen import importing"),
])
def test_importing_sits_beside_the_pipeline(tmp_path: Path, module: str, line: str):
    """``reportgen.importing`` (Word report → workbook) is a layer beside the pipeline: it may
    use the layers below, neither of the two imports the other, and nothing below imports it."""
    code, output = planted(tmp_path, module, line)
    assert code != 0 and broken(output) == {contract_names()["layers"]}, output


@pytest.mark.parametrize("module, line", [
    ("reportgen/pipeline.py", "from reportgen.web import actions"),
    ("reportgen/yearly/merging.py", "from reportgen import web"),
    ("reportgen/web/jobs.py", "import docx"),
])
def test_the_web_page_sits_at_the_command_line_level(tmp_path: Path, module: str, line: str):
    """``reportgen.web`` is at the level of ``reportgen.cli`` (the two use each other: ``serve``
    starts the page, the page runs the commands): nothing below imports it, and it reaches Word
    only through the layers below, not by importing python-docx itself."""
    code, output = planted(tmp_path, module, line)
    expected = "word-libraries" if line == "import docx" else "layers"
    assert code != 0 and broken(output) == {contract_names()[expected]}, output


# -- processes started without subprocess --

PROCESS_CALLS = re.compile(r"^(system|popen|fork|forkpty|spawn\w*|exec[lv]\w*|posix_spawn\w*|"
                           r"startfile)$")
PROCESS_MODULES = {"subprocess", "multiprocessing", "pty", "concurrent.futures.process"}


def process_starts(source: str) -> list[int]:
    """The lines of ``source`` that start a process: ``os.system(…)``, ``os.exec*``,
    ``os.spawn*``, ``os.fork``…, or an import of subprocess, multiprocessing or pty."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "os"
                and PROCESS_CALLS.match(node.func.attr)):
            lines.append(node.lineno)
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] in PROCESS_MODULES
                                                  or a.name in PROCESS_MODULES
                                                  for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and (
                node.module.split(".")[0] in PROCESS_MODULES or node.module in PROCESS_MODULES
                or (node.module == "os" and any(PROCESS_CALLS.match(a.name) for a in node.names))):
            lines.append(node.lineno)
    return lines


def test_only_the_office_layer_starts_processes():
    """No module outside reportgen/office starts a process by any means."""
    package = SRC / "reportgen"
    offenders = [f"{path.relative_to(package)}:{line}"
                 for path in package.rglob("*.py") if "office" not in path.relative_to(package).parts
                 for line in process_starts(path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("planted", ["os.system('soffice')", "import multiprocessing",
                                     "from os import execvp", "os.posix_spawn('x', [], {})",
                                     "from subprocess import run"])
def test_the_process_check_catches_a_planted_start(planted: str):
    """Each way of starting a process is found (and ordinary os calls are not)."""
    assert process_starts(f"import os\nos.replace('a', 'b')\n{planted}\n") == [3]
