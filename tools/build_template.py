"""Rebuild templates/report.docx from reportgen.word.template.build (run from the repo root)."""

import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "src"))

from reportgen.word.template.build import build_template  # noqa: E402

build_template(root / "templates" / "report.docx")
print("wrote", root / "templates" / "report.docx")
