"""LibreOffice, run headless: the table of contents' page numbers, the PDF and page pictures.

The only package that starts processes. :class:`OfficeSession` is one LibreOffice serving many
documents (``reportgen.generate(..., office=session)``).

The package itself holds only the time limits (the command line shows them in its help): its
modules, and the process and pipe modules they use, are imported when first used, so that a
build without LibreOffice (``--no-toc``) does not load them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.office.process import OfficeError
    from reportgen.office.session import OfficeSession

__all__ = ["DEFAULT_START_TIMEOUT", "DEFAULT_TIMEOUT", "OfficeError", "OfficeSession"]

DEFAULT_TIMEOUT = 60.0
"""Seconds one request may take, a start of LibreOffice included (the 2024 report needs
about 5, its start 1–3)."""
DEFAULT_START_TIMEOUT = 20.0
"""Seconds LibreOffice may take to start and answer."""

_HOMES = {"OfficeError": "reportgen.office.process", "OfficeSession": "reportgen.office.session"}


def __getattr__(name: str) -> Any:
    """:class:`OfficeError` and :class:`OfficeSession`, imported on first use (PEP 562)."""
    if name not in _HOMES:
        raise AttributeError(f"module 'reportgen.office' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
