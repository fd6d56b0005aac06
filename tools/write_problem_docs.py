"""Rewrite docs/problems.md from the problem registry, src/reportgen/codes/ (run from anywhere).

Run it after adding or changing a problem kind and commit the result; tests/test_codes.py
checks that the committed file is what this writes.
"""

import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "src"))

from reportgen.codes.document import problems_markdown  # noqa: E402

target = root / "docs" / "problems.md"
target.write_text(problems_markdown(), encoding="utf-8")
print("wrote", target)
