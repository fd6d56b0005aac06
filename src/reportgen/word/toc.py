"""The table of contents' shown result: written into the TOC field of a .docx, and read back.

A TOC in Word is a field: its instruction (``TOC \\o "1-3" \\h \\z \\u``) and, between the
``separate`` and ``end`` marks, the result last computed. Word recomputes that result on
opening (the template asks it to); WPS and LibreOffice show whatever result is stored. No
Python library can paginate, so the entries and their page numbers come from LibreOffice's
layout (:mod:`reportgen.office.session`); this module only puts them in place. The field stays a
field: Word still updates it, and the rest of the document is untouched.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

import docx
from attrs import frozen
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.styles.styles import Styles

from reportgen.word.oxml import paragraph_after, parse_part, stop_updating_fields_on_open


@frozen
class TocEntry:
    """One line of the table of contents."""

    level: int
    """The heading level it lists, 1–3 (style ``toc 1`` … ``toc 3``)."""
    text: str
    """The heading as printed (``2.1 立德树人``)."""
    page: str
    """The page number as printed in the footer of the heading's page."""


CASE_TITLE_STYLE = "Case Title"
"""The style whose paragraphs the 案例目录 lists (``TOC \t "Case Title,1"``); each entry is
given its case's label (典型案例3) from the Case Label paragraph above the title."""


def fill_toc(data: bytes, entries: Iterable[TocEntry],
             lists: Sequence[Iterable[TocEntry]] = (), *, settle: bool = False) -> bytes:
    """The .docx ``data`` with ``entries`` as the stored result of its TOC field, and each
    of ``lists`` as the result of the TOC fields after it (表目录, 图目录, 案例目录), in order.
    With ``settle``, when that fills every TOC field of the document, its fields are also
    taken as up to date (:func:`settle_fields`, in the same pass over the document).

    Only the parts that change (the document, and its settings when settling) are parsed and
    written anew; the others are copied as they are.

    Raises :class:`LookupError` when the document has no TOC field.
    """
    package = _Package(data)
    body = package.body()
    fields = _toc_fields(body)
    if not fields:
        raise LookupError("no TOC field")
    if settle and len(fields) == 1 + len(lists):
        _settle(package, body)
    style_ids = {level: _style_id(package, level) for level in (1, 2, 3)}
    cases = any(CASE_TITLE_STYLE in instruction for *_, instruction in fields)
    labels = _case_labels(body) if cases else []  # only the list of cases shows them
    for (begin, separate, end, instruction), found in zip(fields, [entries, *lists]):
        items = list(found)
        if CASE_TITLE_STYLE in instruction:
            items = [TocEntry(e.level, f"{labels[i]}\u3000{e.text}" if i < len(labels) else e.text,
                              e.page) for i, e in enumerate(items)]
        _fill_field(begin, separate, end, items, style_ids)
    return package.save()


def toc_field_count(data: bytes) -> int:
    """How many TOC fields the .docx ``data`` has: the TOC and the lists after it."""
    return len(_toc_fields(docx.Document(io.BytesIO(data)).element.body))


def _fill_field(begin: Any, separate: Any, end: Any, entries: list[TocEntry],
                style_ids: dict[int, str]) -> None:
    first = _paragraph_of(begin)
    _clear_result(first, separate, end)
    paragraphs = [first]
    for i, entry in enumerate(entries):
        p = first if i == 0 else paragraph_after(paragraphs[-1], first)
        p.get_or_add_pPr().style = style_ids.get(entry.level, style_ids[1])
        p.add_r().add_t(entry.text)
        p.add_r().add_tab()
        p.add_r().add_t(entry.page)
        if i:
            paragraphs.append(p)
    paragraphs[-1].add_r().append(end)


def _case_labels(body: Any) -> list[str]:
    """The label printed above each case title (案例3), in document order."""
    labels: list[str] = []
    previous = ""
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = style.get(qn("w:val")) if style is not None else ""
        if name == _style_key(CASE_TITLE_STYLE):
            labels.append(previous)
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            previous = text.strip()
    return labels


def _style_key(name: str) -> str:
    """The style id python-docx gives a style name (spaces removed)."""
    return name.replace(" ", "")


def settle_fields(data: bytes) -> bytes:
    """The .docx ``data`` with its fields taken as up to date: Word no longer asks to update
    fields when it opens the file (``w:updateFields`` removed, no field marked dirty).

    For a document whose table of contents (and lists) were filled: asking would only
    prompt the reader on every opening. A document whose TOC is still empty keeps asking.
    """
    package = _Package(data)
    _settle(package, package.body())
    return package.save()


def _settle(package: _Package, body: Any) -> None:
    settings = package.related(RT.SETTINGS)
    if settings is not None:
        stop_updating_fields_on_open(package.element(settings))
    for mark in body.iter(qn("w:fldChar")):
        mark.attrib.pop(qn("w:dirty"), None)


class _Package:
    """The parts of a .docx as its zip holds them: a part is parsed when asked for, and only
    the parsed ones are serialised again when it is saved (the others are copied)."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.infos = archive.infolist()
            self.raw = {info.filename: archive.read(info) for info in self.infos}
        self.parsed: dict[str, Any] = {}
        main = self._targets("", "_rels/.rels").get(RT.OFFICE_DOCUMENT)
        if main is None:
            raise LookupError("no main document part")
        self.main = main
        folder, name = posixpath.split(main)
        self.targets = self._targets(folder, posixpath.join(folder, "_rels", name + ".rels"))

    def _targets(self, folder: str, rels: str) -> dict[str, str]:
        """The parts the relationships in ``rels`` point to, by relationship type."""
        if rels not in self.raw:
            return {}
        found: dict[str, str] = {}
        for rel in parse_part(self.raw[rels]):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found.setdefault(rel.get("Type", ""), posixpath.normpath(path))
        return found

    def related(self, kind: str) -> str | None:
        """The part the main document relates to as ``kind`` (settings, styles), if any."""
        name = self.targets.get(kind)
        return name if name in self.raw else None

    def element(self, name: str) -> Any:
        """The root element of the part ``name``, parsed once (python-docx's classes)."""
        if name not in self.parsed:
            self.parsed[name] = parse_part(self.raw[name])
        return self.parsed[name]

    def body(self) -> Any:
        return self.element(self.main).body

    def save(self) -> bytes:
        """The .docx again: every part in its place, those parsed serialised anew."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self.infos:
                parsed = self.parsed.get(info.filename)
                archive.writestr(info, self.raw[info.filename] if parsed is None
                                 else serialize_part_xml(parsed))
        return out.getvalue()


def asks_to_update_fields(data: bytes) -> bool:
    """True when Word would update the fields of the .docx ``data`` on opening."""
    document = docx.Document(io.BytesIO(data))
    found = document.settings.element.find(qn("w:updateFields"))
    return found is not None and found.get(qn("w:val"), "true") in ("true", "1", "on")


def read_toc(path: Path) -> list[TocEntry]:
    """The entries stored in the TOC field of the .docx at ``path`` (empty if none)."""
    package = _Package(path.read_bytes())
    body = package.body()
    try:
        begin, separate, end = _toc_field(body)
    except LookupError:
        return []
    levels = {_style_id(package, level): level for level in (3, 2, 1)}
    entries = []
    inside = False
    for p in body.iter(qn("w:p")):
        marks = list(p.iter(qn("w:fldChar")))
        if separate in marks:
            inside = True
        if inside:
            text = "".join(_visible_text(p, separate, end))
            title, tab, page = text.rpartition("\t")
            if tab:
                style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                level = levels.get(style.get(qn("w:val")) if style is not None else "", 1)
                entries.append(TocEntry(level, title.strip(), page.strip()))
        if end in marks:
            break
    return entries


def _toc_field(body: Any) -> tuple[Any, Any, Any]:
    """The ``begin``, ``separate`` and ``end`` marks of the first TOC field."""
    fields = _toc_fields(body)
    if not fields:
        raise LookupError("no TOC field")
    return fields[0][:3]


def _toc_fields(body: Any) -> list[tuple[Any, Any, Any, str]]:
    """The ``begin``, ``separate`` and ``end`` marks and the instruction of every TOC field,
    in document order."""
    found = []
    for instr in body.iter(qn("w:instrText")):
        if (instr.text or "").strip().upper().startswith("TOC"):
            found.append((*_field_of(body, instr), instr.text or ""))
    return found


def _field_of(body: Any, instr: Any) -> tuple[Any, Any, Any]:
    """The marks of the field whose instruction is ``instr``."""
    marks = list(body.iter(qn("w:fldChar"), qn("w:instrText")))
    start = marks.index(instr)
    begin = next(m for m in reversed(marks[:start]) if m.tag == qn("w:fldChar")
                 and m.get(qn("w:fldCharType")) == "begin")
    depth, separate = 0, None
    for mark in marks[start + 1:]:
        kind = mark.get(qn("w:fldCharType")) if mark.tag == qn("w:fldChar") else None
        if kind == "begin":
            depth += 1
        elif kind == "separate" and depth == 0 and separate is None:
            separate = mark
        elif kind == "end":
            if depth == 0:
                if separate is None:
                    raise LookupError("TOC field without a result")
                return begin, separate, mark
            depth -= 1
    raise LookupError("TOC field without an end")


def _paragraph_of(element: Any) -> Any:
    while element.tag != qn("w:p"):
        element = element.getparent()
    return element


def _clear_result(first: Any, separate: Any, end: Any) -> None:
    """Remove the old result: what follows ``separate`` in its paragraph, up to ``end``."""
    last = _paragraph_of(end)
    # -- paragraphs between the first and the last belong to the old result --
    if last is not first:
        node = first.getnext()
        while node is not None and node is not last:
            following = node.getnext()
            node.getparent().remove(node)
            node = following
    separate_run = _top_child(first, separate)
    for child in list(first)[list(first).index(separate_run) + 1:]:
        first.remove(child)
    if last is not first:
        end_run = _top_child(last, end)
        for child in list(last)[:list(last).index(end_run) + 1]:
            if child.tag != qn("w:pPr"):
                last.remove(child)
        if not [c for c in last if c.tag != qn("w:pPr")]:
            last.getparent().remove(last)


def _top_child(paragraph: Any, element: Any) -> Any:
    while element.getparent() is not paragraph:
        element = element.getparent()
    return element


def _style_id(package: _Package, level: int) -> str:
    styles = package.related(RT.STYLES)
    found = _toc_style_ids(package.raw[styles]) if styles is not None else {}
    return found.get(level, f"TOC{level}")


@functools.lru_cache(maxsize=4)
def _toc_style_ids(styles: bytes) -> dict[int, str]:
    """The ids of the styles ``toc 1`` … ``toc 3`` in a styles part (read, not changed);
    worked out once for the reports of a batch, which share their template's styles."""
    found: dict[int, str] = {}
    parsed = Styles(parse_part(styles))
    for level in (1, 2, 3):
        try:
            found[level] = str(parsed[f"toc {level}"].style_id)
        except KeyError:
            continue
    return found


def _visible_text(p: Any, separate: Any, end: Any) -> list[str]:
    """The text of ``p`` that lies in the field's result (between separate and end)."""
    parts: list[str] = []
    shown = separate not in list(p.iter(qn("w:fldChar")))
    for el in p.iter(qn("w:fldChar"), qn("w:t"), qn("w:tab")):
        if el is separate:
            shown = True
        elif el is end:
            break
        elif shown and el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif shown and el.tag == qn("w:tab") and el.getparent().tag == qn("w:r"):
            parts.append("\t")
    return parts
