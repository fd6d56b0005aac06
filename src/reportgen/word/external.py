"""Links out of a .docx cut: a report never reaches outside itself.

A template (or a .docx given to ``pages``) may link to things outside the file: a picture
shown from a URL (LibreOffice fetches it while laying the document out, and so do Word and
WPS when the clerk opens it), a hyperlink to a local file (``file:///etc/passwd``), an
attached template or sub-document elsewhere, an imported chunk of another document
(``altChunk``), or fields that include a picture or text from elsewhere (``INCLUDEPICTURE``,
``INCLUDETEXT``, ``LINK``, ``DDE``). :func:`neutralise_external` removes all of these from the
package; web and mail hyperlinks (``http``, ``https``, ``mailto``), which are only followed
when a reader clicks them, stay.

It works on the zip package itself, so it serves any .docx, even one python-docx cannot open;
:func:`neutralise_parts` does the same on a package's members before they are zipped
(:mod:`reportgen.word.package`).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from reportgen.word import oxml

__all__ = ["CheckedParts", "neutralise_external", "neutralise_parts"]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_HYPERLINK = _R + "/hyperlink"
_CHUNK = _R + "/aFChunk"
_SAFE_LINK = re.compile(r"^\s*(https?|mailto):", re.IGNORECASE)
_REMOVED_ELEMENTS = {f"{{{_W}}}{name}" for name in ("altChunk", "attachedTemplate", "subDoc")}
"""Elements that only exist to pull in something from elsewhere."""
_FETCHING_FIELDS = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b",
                              re.IGNORECASE)
_PULLING_NAMES = (b"altChunk", b"attachedTemplate", b"subDoc")
_PULLING = re.compile(rb"<(?:[\w.-]+:)?(?:altChunk|attachedTemplate|subDoc)[\s/>]")
_FIELD_WORDS = (b"include", b"import", b"link", b"dde")
"""A part is parsed only when it may hold a pulling element, or a field instruction
(``instr``) and a fetching field's name (in any case, as Word reads them; also a piece of
it, should an instruction be split over runs)."""
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
CheckedParts = dict[str, tuple[bytes, frozenset[str], bytes | None]]
"""Part name → (its bytes, the relationship ids cut from it, what :func:`_clean_part` made of
them)."""


def neutralise_external(data: bytes) -> bytes:
    """The .docx ``data`` without external relationships (but web and mail hyperlinks),
    imported chunks, and fields fetching content; ``data`` itself when it has none."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        parts = {info.filename: archive.read(info) for info in infos}
    kept = neutralise_parts(parts)
    if kept is parts:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in infos:
            if info.filename in kept:
                archive.writestr(info, kept[info.filename])
    return out.getvalue()


def neutralise_parts(parts: dict[str, bytes], kept: CheckedParts | None = None) -> dict[str, bytes]:
    """The members of a package (zip member name → bytes, in their order) without external
    relationships (but web and mail hyperlinks), imported chunks (element, relationship, part
    and content type) and fields fetching content; ``parts`` itself when it has none.

    :func:`neutralise_external` applies it to a .docx file; the report's own package is
    checked with it before it is zipped (:func:`reportgen.word.package.package_bytes`).
    ``kept`` remembers what each part's check made of it: a part that is the very same bytes
    object as last time, with the same relationships cut, is not checked again."""
    changed: dict[str, bytes] = {}
    removed: set[str] = set()
    dropped = {_owner_of(name): _drop_relationships(name, parts[name], changed, removed)
               for name in parts if name.endswith(".rels")}
    for name in parts:
        if name.endswith(".xml") and (name.startswith("word/") or dropped.get(name)):
            xml = _kept_clean_part(name, parts[name], dropped.get(name, set()), kept)
            if xml is not None:
                changed[name] = xml
    if not changed and not removed:
        return parts
    if removed and "[Content_Types].xml" in parts:
        changed["[Content_Types].xml"] = _without_overrides(parts["[Content_Types].xml"], removed)
    return {name: changed.get(name, blob) for name, blob in parts.items() if name not in removed}


def _kept_clean_part(name: str, xml: bytes, dropped: set[str], kept: CheckedParts | None) -> bytes | None:
    """:func:`_clean_part`, or what it made of the very same ``xml`` last time."""
    seen = kept.get(name) if kept is not None else None
    if seen is not None and seen[0] is xml and seen[1] == dropped:
        return seen[2]
    cleaned = _clean_part(xml, dropped)
    if kept is not None:
        kept[name] = (xml, frozenset(dropped), cleaned)
    return cleaned


def _owner_of(rels: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml`` (``_rels/.rels`` → ``""``)."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _drop_relationships(name: str, xml: bytes, changed: dict[str, bytes],
                        removed: set[str]) -> set[str]:
    """Remove the unwanted relationships from the .rels part ``name``; their ids."""
    root = etree.fromstring(xml, _PARSER)
    dropped = set()
    base = posixpath.dirname(_owner_of(name))
    for rel in list(root):
        external = rel.get("TargetMode") == "External"
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if kind == _CHUNK and not external:
            removed.add(posixpath.normpath(posixpath.join(base, target)).lstrip("/"))
        elif not external or (kind == _HYPERLINK and _SAFE_LINK.match(target)):
            continue
        dropped.add(rel.get("Id", ""))
        root.remove(rel)
    if dropped:
        changed[name] = _serialise(root)
    return dropped


def _clean_part(xml: bytes, dropped: set[str]) -> bytes | None:
    """The part without references to ``dropped`` relationships, pulling elements and
    fetching fields; ``None`` when there was nothing to change."""
    pulling = any(name in xml for name in _PULLING_NAMES) and _PULLING.search(xml)
    if not dropped and not pulling and not (b"instr" in xml and _field_words(xml)):
        return None
    root = etree.fromstring(xml, _PARSER)
    touched = False
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _REMOVED_ELEMENTS:
            _remove(element)
            touched = True
            continue
        for attribute in [a for a in element.attrib if a.startswith(f"{{{_R}}}")]:
            if element.get(attribute) in dropped:
                del element.attrib[attribute]
                touched = True
    touched = _blank_fetching_fields(root) or touched
    return _serialise(root) if touched else None


def _field_words(xml: bytes) -> bool:
    """Whether ``xml`` holds the name of a fetching field, or a piece of one, in any case
    (substring searches: a case-blind regular expression takes ten times as long)."""
    lowered = xml.lower()
    return any(word in lowered for word in _FIELD_WORDS)


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    if parent.tag == f"{{{_W}}}tc" and parent.find(f"{{{_W}}}p") is None:
        parent.append(oxml.element("w:p"))  # a table cell keeps a paragraph


def _blank_fetching_fields(root: etree._Element) -> bool:
    """Empty the instruction of every field that fetches content (its shown result stays)."""
    touched = False
    for simple in root.iter(f"{{{_W}}}fldSimple"):
        if _FETCHING_FIELDS.match(simple.get(f"{{{_W}}}instr", "")):
            simple.set(f"{{{_W}}}instr", "")
            touched = True
    stack: list[list[etree._Element]] = []
    char, instr = f"{{{_W}}}fldChar", f"{{{_W}}}instrText"
    for element in root.iter(char, instr):
        if element.tag == instr:
            if stack:
                stack[-1].append(element)
            continue
        kind = element.get(f"{{{_W}}}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            texts = stack[-1]
            if texts and _FETCHING_FIELDS.match("".join(t.text or "" for t in texts)):
                for text in texts:
                    text.text = ""
                touched = True
            stack[-1] = []
            if kind == "end":
                stack.pop()
    return touched


def _without_overrides(xml: bytes, removed: set[str]) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    for override in list(root.iter(f"{{{_CT}}}Override")):
        if override.get("PartName", "").lstrip("/") in removed:
            root.remove(override)
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
