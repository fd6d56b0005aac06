"""A stand-in for LibreOffice, for tests of delivery that need its answers but not its layout.

:func:`fake_answer` answers a session request as ``uno_worker.py`` would: the table of contents
is the document's headings (all on page 1) and the "PDF" is a small file carrying a fingerprint
of the document's text, so that a test can tell which report a PDF was made from.
:class:`FakeOffice` is a session built on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable

import docx

from reportgen.office.session import Laid, Office

FAKE_INSTALLATION = Office(Path("/nonexistent/soffice"), Path("/nonexistent/python3"))
"""An installation that looks complete (with ``uno``) and is never started."""


def headings(path: Path) -> list[tuple[int, str]]:
    """The (level, text) of each heading of the .docx at ``path``, in order."""
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading ") and name[-1].isdigit() and paragraph.text.strip():
            found.append((int(name[-1]), paragraph.text.strip()))
    return found


def fingerprint(path: Path) -> str:
    """A digest of the body text of the .docx at ``path`` (its headings and paragraphs,
    the table of contents excluded)."""
    paragraphs = docx.Document(str(path)).paragraphs
    text = "\n".join(p.text for p in paragraphs
                     if not (p.style is not None and p.style.name.lower().startswith("toc")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fake_pdf(source: Path) -> bytes:
    """The stand-in PDF of ``source``: a header and the fingerprint of its text."""
    return b"%PDF-1.4 fake\n" + fingerprint(source).encode("ascii") + b"\n"


def fake_answer(request: dict[str, Any]) -> dict[str, Any]:
    """What LibreOffice would answer to ``request`` (``layout``, ``toc`` or ``pdf``)."""
    source = Path(request["docx"])
    answer: dict[str, Any] = {}
    if request["op"] == "toc" or (request["op"] == "layout" and request.get("toc")):
        answer["entries"] = [{"level": level, "text": text, "page": "1"}
                             for level, text in headings(source)]
    if request.get("pdf"):
        Path(request["pdf"]).write_bytes(fake_pdf(source))
        answer["pages"] = 1
    return answer


class FakeOffice:
    """An office session answering with :func:`fake_answer`; ``before`` runs first on each
    request (to block, fail or record)."""

    def __init__(self, before: Callable[[Path], None] | None = None):
        self.office = FAKE_INSTALLATION
        self.timeout = 60.0
        self.before = before
        self.requests: list[Path] = []
        self.starts = 0

    def start(self) -> None:
        """Nothing to start (a real session starts LibreOffice ahead of its first request)."""

    def layout(self, docx: Path, *, toc: bool = True, pdf: Path | None = None,
               timeout: float | None = None) -> Laid:
        self.requests.append(docx)
        if self.before is not None:
            self.before(docx)
        answer = fake_answer({"op": "layout", "docx": str(docx), "toc": toc,
                              "pdf": str(pdf) if pdf else None})
        entries = answer.get("entries")
        return Laid(None if entries is None else
                    tuple((e["level"], e["text"], e["page"]) for e in entries),
                    answer.get("pages"))

    def close(self) -> None:
        pass
