"""Keeping workbook text literal through docxtpl.

After rendering, docxtpl turns ``{_{``, ``}_}``, ``{_%`` and ``%_}`` anywhere in the output
into ``{{``, ``}}``, ``{%`` and ``%}`` (its escape for template authors). Text from the
workbook holding those must still print as typed, so before rendering the underscore of each
such sequence in the context is replaced by a private token, and after rendering every token
in the document is turned back. The token's first character is itself escaped, so any text
survives the round trip exactly.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Iterator

import attrs
from lxml import etree

_MARK = "\ue000"
"""A private-use character that starts every token."""
_TOKENS = {"_": _MARK + "u", _MARK: _MARK + "m"}
_NEEDS_ESCAPE = re.compile(f"{_MARK}|(?<=\\{{)_(?=[{{%])|(?<=[}}%])_(?=\\}})")
_TOKEN = re.compile(f"{_MARK}([um])")
_UNTOKEN = {"u": "_", "m": _MARK}
_LXML_TEXT: Any = etree._Element.text  # type: ignore[attr-defined]


def protect_text(text: str) -> str:
    """``text`` with the sequences docxtpl would rewrite replaced by tokens."""
    if "_" not in text and _MARK not in text:
        return text  # -- nothing to replace: most texts; a search is quicker than a sub --
    return _NEEDS_ESCAPE.sub(lambda m: _TOKENS[m.group(0)], text)


def restore_text(text: str) -> str:
    """The inverse of :func:`protect_text`."""
    return _TOKEN.sub(lambda m: _UNTOKEN[m.group(1)], text) if _MARK in text else text


def needs_restoring(value: Any, ignore: Collection[str] = ()) -> bool:
    """Whether a context made by :func:`protect` holds a token in a string other than those
    in ``ignore`` (a workbook text with ``{_{``-like sequences or the token character): if
    not, :func:`restore_document` has nothing to do and is skipped."""
    return any(text not in ignore for text in _marked_texts(value))


def _marked_texts(value: Any) -> Iterator[str]:
    """The strings in ``value`` (its dict values, list and tuple items, attrs fields, nested)
    holding the token character."""
    if isinstance(value, str):
        if _MARK in value:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _marked_texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _marked_texts(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _marked_texts(getattr(value, field.name))


def protect(value: Any, marked: list[str] | None = None) -> Any:
    """The template context with every string protected; other values unchanged.

    With ``marked``, the walk also finds what :func:`needs_restoring` would look for in the
    result: each of the result's strings holding a token is added to ``marked`` (also those of
    an attrs object's fields computed rather than given), so that ``needs_restoring(result,
    ignore)`` is ``any(text not in ignore for text in marked)``, without a second walk."""
    if isinstance(value, str):
        protected = protect_text(value)
        if marked is not None and _MARK in protected:
            marked.append(protected)
        return protected
    if isinstance(value, dict):
        return {k: protect(v, marked) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(protect(v, marked) for v in value)
    if attrs.has(type(value)):
        changes = {}
        computed = []
        for field in attrs.fields(type(value)):
            if not field.init:
                computed.append(field.name)
                continue
            old = getattr(value, field.name)
            new = protect(old, marked)
            if new is not old and new != old:
                changes[field.alias or field.name] = new
        result = attrs.evolve(value, **changes) if changes else value
        if marked is not None:  # -- as needs_restoring walks them, in the result --
            for name in computed:
                marked.extend(_marked_texts(getattr(result, name)))
        return result
    return value


def restore_document(document: Any) -> None:
    """Turn the tokens back in every XML part of a rendered python-docx ``document``: texts,
    tails and attributes, the core properties and raw parts such as footnotes.

    Binary parts (pictures, embedded fonts) pass through untouched, even when their bytes
    happen to hold the token's ``EE 80 80``: only the renderer's XML can hold a token."""
    package = document.part.package
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            for node in element.iter():
                # lxml's own text: python-docx classes redefine .text (CT_P.text is computed)
                text = _LXML_TEXT.__get__(node)
                if text and _MARK in text:
                    _LXML_TEXT.__set__(node, restore_text(text))
                if node.tail and _MARK in node.tail:
                    node.tail = restore_text(node.tail)
                for key, val in getattr(node, "attrib", {}).items():
                    if _MARK in val:
                        node.set(key, restore_text(val))
        elif _is_xml(part) and isinstance(getattr(part, "_blob", None), bytes) \
                and _MARK.encode() in part._blob:
            try:
                text = part._blob.decode("utf-8")
            except UnicodeDecodeError:  # not written by the renderer: holds no token
                continue
            part._blob = restore_text(text).encode("utf-8")
    properties = document.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):
        current = getattr(properties, name)
        if current and _MARK in current:
            setattr(properties, name, restore_text(current))


def _is_xml(part: Any) -> bool:
    """True for an XML part (``…+xml`` or ``…/xml`` content, ``.xml`` or ``.rels`` name)."""
    content_type = str(getattr(part, "content_type", "") or "")
    name = str(getattr(part, "partname", "") or "")
    return content_type.endswith("xml") or name.endswith((".xml", ".rels"))
