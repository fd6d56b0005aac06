"""Test setup: make the test helpers (``reference_text``) and the package under ``src`` importable."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
for folder in (TESTS, TESTS.parent / "src"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
