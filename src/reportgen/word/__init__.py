"""Model → Word. The only package that imports docxtpl and python-docx."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from reportgen.model import Report


def default_template() -> Path:
    """The official template shipped with the package."""
    return Path(str(resources.files("reportgen").joinpath("data", "report.docx")))


def render(report: Report, *, template: Path | None = None) -> bytes:
    """The .docx of ``report`` as bytes, laid out by ``template`` (the official one by default)."""
    from reportgen.word.docx import render_bytes

    return render_bytes(report, template or default_template())


__all__ = ["default_template", "render"]
