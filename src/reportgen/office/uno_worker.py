"""A LibreOffice client, run by the Python that carries LibreOffice's ``uno`` module.

This file is not imported by reportgen: :mod:`reportgen.office.session` runs it as a script
with the interpreter that has ``uno`` (Debian's ``python3`` with ``python3-uno``, or the
``python`` inside a LibreOffice installation), which is usually not the one reportgen runs in.
It therefore uses the standard library and ``uno`` only.

Usage: ``python uno_worker.py PIPE_NAME REQUEST_JSON``; it connects to the LibreOffice that
listens on the named pipe, carries out the request and prints one JSON object:

- ``{"op": "toc", "docx": PATH}`` → ``{"entries": [{"level": 1, "text": "…", "page": "3"}, …],
  "indexes": [[…], …]}``: the document's indexes updated in LibreOffice's layout, the table
  of contents read back (``entries``), and every table of contents in document order — the
  first, then the lists of tables, figures and cases (``indexes``). The file is not changed.
- ``{"op": "pdf", "docx": PATH, "pdf": PATH}`` → ``{"pages": N}``: the document as PDF, fonts
  embedded.

On failure it prints ``{"error": "…"}`` and exits with status 1.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # noqa: I001 - must come before com.sun.star
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_SECONDS = 60
_CONTENTS_STYLE = re.compile(r"^Contents (\d)$")


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
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _load(desktop: Any, path: str) -> Any:
    url = Path(path).resolve().as_uri()
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (
        _prop("Hidden", True), _prop("ReadOnly", True), _prop("UpdateDocMode", 0)))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def _prepare(doc: Any) -> None:
    """Lay out without hanging punctuation (标点溢出边界).

    LibreOffice 7.4 lets a comma or full stop hang past the right margin at a line's end, and
    in justified lines it then drops some of them from the PDF altogether ("布局积极" for
    "布局，积极"). The .docx is not changed (Word and WPS hang punctuation correctly); only
    LibreOffice's layout, used both for the page numbers and for the PDF, is.
    """
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    for name in styles.getElementNames():
        style = styles.getByName(name)
        if style.getPropertySetInfo().hasPropertyByName("ParaIsHangingPunctuation"):
            style.setPropertyValue("ParaIsHangingPunctuation", False)


def toc_entries(desktop: Any, path: str) -> list[list[dict[str, Any]]]:
    """Update every index of the document; return the entries of each table of contents
    (the TOC and the lists made the same way), in document order."""
    doc = _load(desktop, path)
    try:
        _prepare(doc)
        indexes = doc.getDocumentIndexes()
        contents: list[Any] = []
        for i in range(indexes.getCount()):
            index = indexes.getByIndex(i)
            index.update()
            if index.getServiceName() == "com.sun.star.text.ContentIndex":
                contents.append(index)
        # Issue 12 (lists): the lists of tables, figures and cases are ContentIndexes too;
        # getDocumentIndexes() gives no order, so they are sorted by where they stand.
        text = doc.getText()

        def earlier(a: Any, b: Any) -> int:
            return -int(text.compareRegionStarts(a.getAnchor(), b.getAnchor()))

        contents.sort(key=functools.cmp_to_key(earlier))
        found = []
        for index in contents:
            entries: list[dict[str, Any]] = []
            paragraphs = index.getAnchor().createEnumeration()
            while paragraphs.hasMoreElements():
                paragraph = paragraphs.nextElement()
                style = _CONTENTS_STYLE.match(paragraph.ParaStyleName or "")
                line, _, page = paragraph.getString().rpartition("\t")
                if style and line:
                    entries.append({"level": int(style.group(1)), "text": line.strip(),
                                    "page": page.strip()})
            found.append(entries)
        return found
    finally:
        doc.close(True)


def export_pdf(desktop: Any, path: str, pdf: str) -> int:
    """Write the document as a PDF with every font embedded; return its number of pages."""
    doc = _load(desktop, path)
    try:
        _prepare(doc)
        options = uno.Any("[]com.sun.star.beans.PropertyValue", (
            _prop("EmbedStandardFonts", True),
            _prop("UseTaggedPDF", True),
            _prop("ExportBookmarks", True),
            _prop("ExportNotes", False),
        ))
        uno.invoke(doc, "storeToURL", (Path(pdf).resolve().as_uri(), (
            _prop("FilterName", "writer_pdf_Export"), _prop("FilterData", options))))
        return int(doc.getCurrentController().PageCount)
    finally:
        doc.close(True)


def main(argv: list[str]) -> int:
    pipe, request = argv[1], json.loads(argv[2])
    try:
        desktop = _connect(pipe)
        if request["op"] == "toc":
            indexes = toc_entries(desktop, request["docx"])
            result: dict[str, Any] = {"entries": indexes[0] if indexes else [],
                                      "indexes": indexes}
        elif request["op"] == "pdf":
            result = {"pages": export_pdf(desktop, request["docx"], request["pdf"])}
        else:
            raise ValueError(f"unknown request {request['op']!r}")
    except Exception as exc:  # reported to the caller, which words it for the clerk
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
