"""Layout → Word. The only package that imports docxtpl and python-docx (and lxml)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from reportgen.layout import Layout


def default_template() -> Path:
    """The official template shipped with the package."""
    return Path(str(resources.files("reportgen").joinpath("data", "report.docx")))


def render(layout: Layout, *, template: Path | None = None) -> bytes:
    """The .docx of ``layout`` as bytes, written into ``template`` (the official one by
    default)."""
    from reportgen.word.docx import render_bytes

    return render_bytes(layout, template or default_template())


__all__ = ["default_template", "render"]
