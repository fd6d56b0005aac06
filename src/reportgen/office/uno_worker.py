"""A LibreOffice client, run by the Python that carries LibreOffice's ``uno`` module.

This file is not imported by reportgen: :mod:`reportgen.office.session` runs it as a script
with the interpreter that has ``uno`` (Debian's ``python3`` with ``python3-uno``, or the
``python`` inside a LibreOffice installation), which is usually not the one reportgen runs in.
It therefore uses the standard library and ``uno`` only.

Usage: ``python uno_worker.py PIPE_NAME``. It connects to the LibreOffice listening on the
named pipe (trying until it answers; the session decides how long to wait), prints
``{"ready": true}``, then serves requests: one JSON object a line on standard input, one JSON
answer a line on standard output, until standard input closes.

- ``{"op": "layout", "docx": PATH, "toc": BOOL, "pdf": PATH or null}``: the document loaded
  once; with ``toc``, its indexes updated in LibreOffice's layout and the table of contents
  read back → ``"entries": [{"level": 1, "text": "…", "page": "3"}, …]``, and every table of
  contents in document order — the TOC, then the lists of tables, figures and cases →
  ``"indexes": [[…], …]``; with ``pdf``, that
  same layout exported as PDF, fonts embedded → ``"pages": N`` (or ``"pdf_error": "…"``).
  The document file is not changed.
- ``{"op": "pdf", "docx": PATH, "pdf": PATH}`` → ``{"pages": N}``.

A failure is answered ``{"error": "…", "stage": "open|toc|pdf|…", "disconnected": BOOL}``;
``disconnected`` says LibreOffice no longer answers (it crashed or was killed).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import uno  # type: ignore[import-not-found]  # noqa: I001 - must come before com.sun.star
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

_CONTENTS_STYLE = re.compile(r"^Contents (\d)$")
_DOCX_FILTER = "MS Word 2007 XML"


class Failure(Exception):
    """A step failed; ``stage`` says which."""

    def __init__(self, stage: str, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.stage = stage


def _prop(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _connect(pipe: str) -> Any:
    """The Desktop of the LibreOffice listening on ``pipe``, waiting while it starts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _load(desktop: Any, path: str) -> Any:
    url = Path(path).resolve().as_uri()
    try:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (
            _prop("Hidden", True), _prop("ReadOnly", True), _prop("UpdateDocMode", 0),
            _prop("FilterName", _DOCX_FILTER)))
    except Exception as exc:
        raise Failure("open", exc) from exc
    if doc is None:
        raise Failure("open", RuntimeError(f"LibreOffice could not open {path}"))
    return doc


def _prepare(doc: Any) -> None:
    """Lay out without hanging punctuation (标点溢出边界).

    LibreOffice 7.4 lets a comma or full stop hang past the right margin at a line's end, and
    in justified lines it then drops some of them from the PDF altogether ("布局积极" for
    "布局，积极"). The .docx is not changed (Word and WPS hang punctuation correctly); only
    LibreOffice's layout is. Set on the document's defaults and the root paragraph style,
    which every style inherits (two calls, not one per style); the table of contents' page
    numbers come out the same either way.
    """
    defaults = doc.createInstance("com.sun.star.text.Defaults")
    defaults.setPropertyValue("ParaIsHangingPunctuation", False)
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    if styles.hasByName("Standard"):
        styles.getByName("Standard").setPropertyValue("ParaIsHangingPunctuation", False)


def _toc_entries(doc: Any) -> list[list[dict[str, Any]]]:
    """Update every index of the document; return the entries of each table of contents
    (the TOC and the lists made the same way), in document order."""
    try:
        indexes = doc.getDocumentIndexes()
        contents: list[Any] = []
        for i in range(indexes.getCount()):
            index = indexes.getByIndex(i)
            index.update()
            if index.getServiceName() == "com.sun.star.text.ContentIndex":
                contents.append(index)
        # Issue 12 (lists): the lists of tables, figures and cases are ContentIndexes too;
        # getDocumentIndexes() gives no order, so they are sorted by where they stand.
        body = doc.getText()

        def earlier(a: Any, b: Any) -> int:
            return -int(body.compareRegionStarts(a.getAnchor(), b.getAnchor()))

        contents.sort(key=functools.cmp_to_key(earlier))
        found: list[list[dict[str, Any]]] = []
        for index in contents:
            entries: list[dict[str, Any]] = []
            paragraphs = index.getAnchor().createEnumeration()
            while paragraphs.hasMoreElements():
                paragraph = paragraphs.nextElement()
                style = _CONTENTS_STYLE.match(paragraph.ParaStyleName or "")
                text, _, page = paragraph.getString().rpartition("\t")
                if style and text:
                    entries.append({"level": int(style.group(1)), "text": text.strip(),
                                    "page": page.strip()})
            found.append(entries)
        return found
    except Exception as exc:
        raise Failure("toc", exc) from exc


def _export_pdf(doc: Any, pdf: str) -> int:
    """Write the document as a PDF with every font embedded; return its number of pages."""
    try:
        options = uno.Any("[]com.sun.star.beans.PropertyValue", (
            _prop("EmbedStandardFonts", True),
            _prop("UseTaggedPDF", True),
            _prop("ExportBookmarks", True),
            _prop("ExportNotes", False),
        ))
        uno.invoke(doc, "storeToURL", (Path(pdf).resolve().as_uri(), (
            _prop("FilterName", "writer_pdf_Export"), _prop("FilterData", options),
            _prop("Overwrite", True))))
        return int(doc.getCurrentController().PageCount)
    except Exception as exc:
        raise Failure("pdf", exc) from exc


def layout(desktop: Any, docx: str, toc: bool, pdf: str | None) -> dict[str, Any]:
    """One load of ``docx``: its table of contents and/or its PDF."""
    doc = _load(desktop, docx)
    try:
        result: dict[str, Any] = {}
        # before the first layout, so that pages, TOC and PDF agree whether or not a PDF is made
        _prepare(doc)
        if toc:
            indexes = _toc_entries(doc)
            result["entries"] = indexes[0] if indexes else []
            result["indexes"] = indexes
        if pdf:
            try:
                result["pages"] = _export_pdf(doc, pdf)
            except Failure as exc:
                if not toc:
                    raise
                result["pdf_error"] = str(exc)
        return result
    finally:
        try:
            doc.close(True)
        except Exception:  # LibreOffice gone: the caller learns it from "disconnected"
            pass


def _connected(desktop: Any) -> bool:
    try:
        desktop.getComponents()
    except Exception:
        return False
    return True


def serve(desktop: Any, requests: TextIO, answers: TextIO) -> None:
    for line in requests:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            op = request["op"]
            if op == "layout":
                result = layout(desktop, request["docx"], bool(request.get("toc")),
                                request.get("pdf"))
            elif op == "pdf":
                result = layout(desktop, request["docx"], False, request["pdf"])
            else:
                raise Failure("request", ValueError(f"unknown request {op!r}"))
        except Exception as exc:  # answered; the session words it for the clerk
            result = {"error": str(exc) if isinstance(exc, Failure) else f"{type(exc).__name__}: {exc}",
                      "stage": getattr(exc, "stage", "other"),
                      "disconnected": not _connected(desktop)}
        answers.write(json.dumps(result, ensure_ascii=True) + "\n")
        answers.flush()


def main(argv: list[str]) -> int:
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything else printed goes to the log, not into the answers
    desktop = _connect(argv[1])
    answers.write(json.dumps({"ready": True}) + "\n")
    answers.flush()
    serve(desktop, sys.stdin, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
