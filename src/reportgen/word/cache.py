"""Templates kept between reports: each template file is read, parsed and checked once per
process, and every report starts from a copy of it.

A process that builds many reports (``reportgen --out-dir``, a script calling ``generate`` in
a loop) would otherwise read and parse the same template for every report, and work out the
variables it uses (a second parse, and a Jinja parse of the whole document) every time. The
cache is keyed by the file's path, size, modification time and inode: a template changed on
disk is read again. What is kept is never rendered itself — from the second report on, each
report gets a deep copy of the parsed document (about twice as fast as parsing it), so reports
cannot leak into each other; the first report renders the parse it made (a single build copies
nothing). At most :data:`KEPT` templates are kept.
"""

from __future__ import annotations

import copy
import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.part import XmlPart
from docxtpl import DocxTemplate

from reportgen.errors import UsageError
from reportgen.word.compiled import forget_compiled
from reportgen.word.package import Written
from reportgen.word.sandbox import ReportSandbox, template_errors

__all__ = ["KEPT", "ReportTemplate", "clear", "open_template", "template_variables"]

KEPT = 4
"""How many templates (by file) are kept."""

Key = tuple[str, int, int, int]
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
"""docxtpl puts each paragraph on a line of its own before compiling a part (for the line
numbers of template errors): the same here, so that the code compiled for the variables is
the code rendered."""


class _Kept:
    """One template file, parsed."""

    def __init__(self, document: Any):
        self.document = document
        """The parsed template (a python-docx Document), never rendered, copied for each
        report; ``None`` until a second report needs it (a single report uses the parse it
        made, and copying it would cost a third of parsing it again)."""
        self.variables: frozenset[str] | None = None
        """The variables its Jinja tags use, once worked out."""
        self.body: str | None = None
        """Its body as docxtpl renders it (serialised and patched), once worked out."""
        self.table_styles: tuple[str, str, str] | None = None
        """The ids of its table style and table paragraph styles, once worked out
        (:func:`reportgen.word.docx.kept_table_styles`)."""
        self.written = Written()
        """What saving its reports made of the members they share
        (:mod:`reportgen.word.package`)."""
        self.shared: dict[int, Any] = {}
        """The parts of :attr:`document` that every copy shares, by id (a deep copy's memo)."""


class ReportTemplate(DocxTemplate):
    """docxtpl's template, minus the work that gives the same result for every report:
    the body's source is serialised and patched once per template file, and the pass that
    turns tabs and line breaks in the rendered text into Word's elements is skipped when the
    rendered part has none."""

    kept: _Kept | None = None

    def build_xml(self, context: Any, jinja_env: Any = None) -> Any:
        kept = self.kept
        if kept is None:
            return super().build_xml(context, jinja_env)
        if kept.body is None:
            kept.body = self.patch_xml(self.get_xml())
        return self.render_xml_part(kept.body, self.docx._part, context, jinja_env)

    def sources(self) -> list[str]:
        """The Jinja sources of the parts docxtpl renders (body, headers, footers), as
        :meth:`render_xml_part` compiles them."""
        if self.kept is None:
            body = self.patch_xml(self.get_xml())
        else:
            if self.kept.body is None:
                self.kept.body = self.patch_xml(self.get_xml())
            body = self.kept.body
        parts: list[str] = [body] + [self.patch_xml(self.get_part_xml(part))
                          for uri in (self.HEADER_URI, self.FOOTER_URI)
                          for _, part in self.get_headers_footers(uri)]
        return [_PARAGRAPH_START.sub(r"\n<w:p\1", xml) for xml in parts]

    def resolve_listing(self, xml: Any) -> Any:
        if not any(ch in xml for ch in "\t\a\n\f"):
            return xml  # no tab, line or page break to turn into Word's elements
        return super().resolve_listing(xml)


_kept: OrderedDict[Key, _Kept] = OrderedDict()


def clear() -> None:
    """Forget every template and its compiled code (tests use it to start from nothing)."""
    _kept.clear()
    forget_compiled()


def open_template(template: Path) -> DocxTemplate:
    """A fresh template for one report: the file at ``template``, parsed once per version of
    the file (twice: the first report takes its parse) and copied.

    Raises :class:`UsageError` when the file is missing or is not a .docx python-docx can open.
    """
    try:
        info = os.stat(template)
    except OSError:
        info = None
    if info is None or not template.is_file():
        raise UsageError("U-TEMPLATE-MISSING", path=template)
    key = (str(template.resolve()), info.st_size, info.st_mtime_ns, info.st_ino)
    kept = _kept.get(key)
    if kept is None:  # the first report takes the parsed file itself: nothing to copy
        kept = _Kept(None)
        _kept[key] = kept
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        document = _parse(template)
    else:  # the second parses it again, to keep; the next ones copy that
        if kept.document is None:
            kept.document = _parse(template)
            kept.shared = _share(kept.document)
        document = copy.deepcopy(kept.document, dict(kept.shared))
    _kept.move_to_end(key)
    tpl = ReportTemplate(str(template))
    tpl.docx = document
    tpl.kept = kept
    return tpl


_RENDERED = (".main+xml", "header+xml", "footer+xml", "footnotes+xml", "core-properties+xml")
"""The content types of the parts a rendering changes: the document, its headers, footers and
footnotes (docxtpl renders them) and the core properties (the report's title, author…)."""


def _share(document: Any) -> dict[int, Any]:
    """The parts of ``document`` no rendering changes (styles, numbering, settings, theme,
    fonts, pictures…), by id: copies share them instead of copying them, and each XML one is
    serialised once, when first saved (a third of copying and saving a report)."""
    shared = {}
    for part in document.part.package.iter_parts():
        if not str(part.content_type).endswith(_RENDERED):
            if isinstance(part, XmlPart):
                part.__class__ = _serialised_once(type(part))
            shared[id(part)] = part
    return shared


class _SerialisedOnce:
    """A part whose XML is serialised once: it is shared by every copy of a template and
    never changed."""

    _saved: bytes | None = None

    @property
    def blob(self) -> bytes:
        if self._saved is None:
            self._saved = super().blob  # type: ignore[misc]
        return self._saved


_SERIALISED_ONCE: dict[type, type] = {}


def _serialised_once(kind: type) -> type:
    if kind not in _SERIALISED_ONCE:
        _SERIALISED_ONCE[kind] = type(f"SerialisedOnce{kind.__name__}", (_SerialisedOnce, kind), {})
    return _SERIALISED_ONCE[kind]


def _parse(template: Path) -> Any:
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()  # DocxTemplate opens lazily: open now, to catch a damaged file here
    except Exception as exc:  # python-docx's reason is English: kept for --debug only
        raise UsageError("U-TEMPLATE-NOT-DOCX", template=template.name,
                         error="文件无法作为 Word 文档打开（可能已损坏，或是 .doc、.wps 等其他格式）"
                         ) from exc
    return tpl.docx


def template_variables(tpl: DocxTemplate, env: jinja2.Environment, name: str) -> frozenset[str]:
    """Every variable the Jinja tags of the template ``tpl`` (made by :func:`open_template`)
    use and do not define themselves; worked out once per template file.

    A template error raises the clerk's :class:`UsageError` (see
    :func:`reportgen.word.sandbox.template_errors`).
    """
    kept = tpl.kept if isinstance(tpl, ReportTemplate) else None
    if kept is not None and kept.variables is not None:
        return kept.variables
    with template_errors(name):
        if isinstance(tpl, ReportTemplate) and isinstance(env, ReportSandbox):
            # -- each part parsed once, for its code and its variables together --
            variables = frozenset().union(*(_undeclared(env, s) for s in tpl.sources()))
        else:
            variables = frozenset(tpl.get_undeclared_template_variables(env))
    if kept is not None:
        kept.variables = variables
    return variables


_TAG = re.compile(r"<[^>]+>")


def _undeclared(env: ReportSandbox, source: str) -> frozenset[str]:
    """The variables of one part's ``source``; a syntax error carries the text of the
    paragraph it is in (``docx_context``, as docxtpl gives it when rendering), for the clerk
    to find it by."""
    try:
        return env.undeclared(source)
    except jinja2.TemplateSyntaxError as exc:
        lines = source.splitlines()
        if exc.lineno and not getattr(exc, "docx_context", None):
            near = [_TAG.sub("", line).strip() for line in lines[:exc.lineno][-2:]]
            exc.docx_context = [next((t for t in reversed(near) if t), "")]  # type: ignore[attr-defined]
        raise
