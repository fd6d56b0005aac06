"""A .docx as a flat flow of paragraphs and tables in reading order, with what they look like.

Generated parts are left out here: the table of contents (its field's result, its styles),
page numbers and other page fields, headers and footers (never read), deleted text of tracked
changes. What the reader cannot carry into a workbook (pictures, charts, footnotes, embedded
objects) is noted with its place, so that nothing goes silently. Text boxes become boxes, like
one-cell tables: cases are often typed in them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docx.oxml.ns import qn

from reportgen.word.reading.items import Guess, Position
from reportgen.word.reading.items import Cell, Flow, Grid, Item, Para, Picture
from reportgen.word.reading.styles import Numbering, Styles, on, shaded, visible_border

_DROPPED_FIELDS = frozenset({"TOC", "PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "INDEX",
                             "TOA", "XE", "TC"})
"""Fields whose result is generated (tables of contents, page numbers): never read as text."""
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_C_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_MC_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_R_EMBED = qn("r:embed")
_R_ID = qn("r:id")


def read_flow(document: Any) -> Flow:
    """The flow of a python-docx ``Document``."""
    return _Walker(document).run()


class _Walker:
    def __init__(self, document: Any):
        self.document = document
        self.styles = Styles(document)
        self.numbering = Numbering(document)
        body = document.element.body
        self.pages_known = body.find(".//" + qn("w:lastRenderedPageBreak")) is not None
        self.page = 1
        self.paragraphs = 0
        self.tables = 0
        self.table: int | None = None
        self.nested = 0
        """Depth inside tables and text boxes: only paragraphs outside them are counted."""
        self.fields: list[dict[str, Any]] = []
        self.notes: list[Guess] = []
        self.toc_paragraphs = 0
        self._toc_where: Position | None = None

    def where(self) -> Position:
        return Position(self.paragraphs, self.page if self.pages_known else None, self.table)

    def run(self) -> Flow:
        items: list[Item] = []
        self.blocks(self.document.element.body, items, toc=False)
        if self.toc_paragraphs and self._toc_where is not None:
            self.notes.append(Guess.of("I-IMPORT-TOC-DROPPED", self._toc_where,
                                       count=self.toc_paragraphs))
        return Flow(tuple(items), tuple(self.notes), self.pages_known)

    # -- blocks --

    def blocks(self, parent: Any, items: list[Item], toc: bool) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == qn("w:p"):
                self.paragraph(child, items, toc)
            elif tag == qn("w:tbl"):
                items.append(self.grid(child))
            elif tag == qn("w:sdt"):
                gallery = child.find(f"{qn('w:sdtPr')}//{qn('w:docPartGallery')}")
                is_toc = gallery is not None and "contents" in gallery.get(qn("w:val"), "").lower()
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.blocks(content, items, toc or is_toc)
            elif tag == qn("w:customXml"):
                self.blocks(child, items, toc)
            elif tag == qn("w:altChunk"):
                self.notes.append(Guess.of("W-IMPORT-EMBEDDED-DOCUMENT", self.where()))

    def paragraph(self, p: Any, items: list[Item], toc: bool) -> None:
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle")
        style = self.styles.name(style_id)
        in_toc = toc or any(f["kind"] == "TOC" for f in self.fields) or (
            style.lower().startswith("toc ") and style.lower() != "toc heading")
        pieces: list[str] = []
        runs: list[tuple[str, Any]] = []  # (text, run element) for formatting
        boxes: list[Any] = []
        pictures: list[Picture] = []
        number = ""
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.paragraph_property(style_id, "w:numPr")
        if num_pr is not None and _val(num_pr, "w:numId") not in (None, "0"):
            number = self.numbering.label(_val(num_pr, "w:numId") or "",
                                          int(_val(num_pr, "w:ilvl") or 0))
        self.inline(p, pieces, runs, boxes, pictures)
        in_toc = in_toc or any(f["kind"] == "TOC" for f in self.fields)
        text = number + "".join(pieces)
        if in_toc:
            self.toc_paragraphs += 1
            self._toc_where = self._toc_where or Position(
                self.paragraphs + 1, self.page if self.pages_known else None)
            return
        if text.strip() and not self.nested:
            self.paragraphs += 1
        where = self.where()
        pictures = [Picture(pic.data, pic.extension, pic.description, where) for pic in pictures]
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        if jc is None:
            jc = self.styles.paragraph_property(style_id, "w:jc")
        items.append(Para(
            text=text, where=where, style=style, outline=self._outline(ppr, style_id),
            bold=self._bold(runs, style_id), size=self._size(runs, style_id),
            centered=_val_of(jc) == "center", boxed=self._boxed(ppr, style_id),
            shaded=self._shaded(ppr, style_id), pictures=tuple(pictures)))
        for box in boxes:
            paragraphs = self.nested_blocks(box)
            if any(p.text.strip() for p in paragraphs):
                items.append(Grid(((Cell(paragraphs, 0),),), (False,), where, box=True))

    def inline(self, parent: Any, pieces: list[str], runs: list[tuple[str, Any]],
               boxes: list[Any], pictures: list[Picture]) -> None:
        """Collect the visible text of a paragraph's content, following fields."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self.run_content(child, pieces, runs, boxes, pictures)
            elif tag in (qn("w:hyperlink"), qn("w:smartTag"), qn("w:customXml"), qn("w:ins"),
                         qn("w:moveTo"), qn("w:dir"), qn("w:bdo")):
                self.inline(child, pieces, runs, boxes, pictures)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.inline(content, pieces, runs, boxes, pictures)
            elif tag == qn("w:fldSimple"):
                kind = _field_kind(child.get(qn("w:instr"), ""))
                if kind not in _DROPPED_FIELDS:
                    self.inline(child, pieces, runs, boxes, pictures)
            elif tag == _MC_CHOICE or tag.endswith("}AlternateContent"):
                choice = child.find(_MC_CHOICE)
                if choice is not None:
                    self.inline(choice, pieces, runs, boxes, pictures)

    def visible(self) -> bool:
        return all(f["result"] and f["kind"] not in _DROPPED_FIELDS for f in self.fields)

    def run_content(self, r: Any, pieces: list[str], runs: list[tuple[str, Any]],
                    boxes: list[Any], pictures: list[Picture]) -> None:
        for child in r.iterchildren():
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.fields.append({"instr": "", "result": False, "kind": ""})
                elif kind == "separate" and self.fields:
                    self.fields[-1]["result"] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == qn("w:instrText"):
                if self.fields and not self.fields[-1]["result"]:
                    self.fields[-1]["instr"] += child.text or ""
                    self.fields[-1]["kind"] = _field_kind(self.fields[-1]["instr"])
            elif tag == qn("w:lastRenderedPageBreak"):
                self.page += 1
            elif not self.visible():
                continue
            elif tag == qn("w:t"):
                pieces.append(child.text or "")
                runs.append((child.text or "", r))
            elif tag in (qn("w:tab"), qn("w:ptab")):
                pieces.append(" ")
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) not in ("page", "column"):
                    pieces.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                pieces.append("-")
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or \
                    tag.endswith("}AlternateContent"):
                self.graphic(child, boxes, pictures)
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                self.notes.append(Guess.of("W-IMPORT-FOOTNOTE", self.where()))

    def graphic(self, element: Any, boxes: list[Any], pictures: list[Picture]) -> None:
        """Pictures, charts and text boxes of a drawing (the modern form preferred)."""
        if element.tag.endswith("}AlternateContent"):
            choice = element.find(_MC_CHOICE)
            element = choice if choice is not None else element.find(_MC_FALLBACK)
            if element is None:
                return
        for box in element.iter(qn("w:txbxContent")):
            if not any(box is b or box in b.iter() for b in boxes):
                boxes.append(box)
        if element.find(".//" + _C_CHART) is not None:
            self.notes.append(Guess.of("W-IMPORT-CHART", self.where()))
        if element.tag == qn("w:object"):
            self.notes.append(Guess.of("W-IMPORT-OBJECT", self.where()))
        docpr = element.find(".//" + _WP_DOCPR)
        description = ""
        if docpr is not None:
            description = docpr.get("descr") or docpr.get("title") or docpr.get("name") or ""
        for blip in list(element.iter(_A_BLIP)) + list(element.iter(_V_IMAGEDATA)):
            rid = blip.get(_R_EMBED) or blip.get(_R_ID)
            part = self.document.part.related_parts.get(rid) if rid else None
            if part is None:
                continue
            name = str(part.partname)
            extension = name[name.rfind("."):].lower() if "." in name else ".bin"
            pictures.append(Picture(part.blob, extension, description, self.where()))

    # -- tables --

    def grid(self, tbl: Any) -> Grid:
        self.tables += 1
        saved, self.table = self.table, self.tables
        where = Position(self.paragraphs, self.page if self.pages_known else None, self.tables)
        style = self.styles.name(_val(tbl.find(qn("w:tblPr")), "w:tblStyle"))
        rows: list[tuple[Cell, ...]] = []
        header: list[bool] = []
        for tr in _children(tbl, "w:tr"):
            trpr = tr.find(qn("w:trPr"))
            col = int(_val(trpr, "w:gridBefore") or 0) if trpr is not None else 0
            cells = []
            for tc in _children(tr, "w:tc"):
                tcpr = tc.find(qn("w:tcPr"))
                span = int(_val(tcpr, "w:gridSpan") or 1) if tcpr is not None else 1
                merge = None
                if tcpr is not None and tcpr.find(qn("w:vMerge")) is not None:
                    merge = tcpr.find(qn("w:vMerge")).get(qn("w:val"), "continue")
                borders = tcpr.find(qn("w:tcBorders")) if tcpr is not None else None
                diagonal = borders is not None and any(
                    visible_border([side]) for side in borders
                    if side.tag in (qn("w:tl2br"), qn("w:tr2bl")))
                cells.append(Cell(self.nested_blocks(tc), col, span, merge, diagonal,
                                  shaded(tcpr.find(qn("w:shd")) if tcpr is not None else None)))
                col += span
            rows.append(tuple(cells))
            header.append(trpr is not None and on(trpr.find(qn("w:tblHeader"))) is True)
        self.table = saved
        return Grid(tuple(rows), tuple(header), where, style)

    def nested_blocks(self, container: Any) -> tuple[Para, ...]:
        """The paragraphs of a cell or a text box; a nested table's cells give further
        paragraphs, row by row."""
        self.nested += 1
        try:
            items: list[Item] = []
            self.blocks(container, items, toc=False)
        finally:
            self.nested -= 1
        paragraphs: list[Para] = []
        for item in items:
            if isinstance(item, Para):
                paragraphs.append(item)
            else:
                paragraphs.extend(p for row in item.rows for cell in row for p in cell.paragraphs)
        return tuple(paragraphs)

    # -- formatting --

    def _outline(self, ppr: Any, style_id: str | None) -> int | None:
        direct = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if direct is not None:
            level = int(direct.get(qn("w:val"), "9"))
            return level if level < 9 else None
        return self.styles.outline_level(style_id)

    def _run_toggle(self, r: Any, tag: str, style_id: str | None) -> bool:
        rpr = r.find(qn("w:rPr"))
        direct = on(rpr.find(qn(tag))) if rpr is not None else None
        if direct is not None:
            return direct
        char_style = _val(rpr, "w:rStyle") if rpr is not None else None
        paragraph_style = style_id or self.styles.default_paragraph
        return bool(on(self.styles.run_property([char_style, paragraph_style], tag)))

    def _bold(self, runs: list[tuple[str, Any]], style_id: str | None) -> bool:
        texts = [(t, r) for t, r in runs if t.strip()]
        return bool(texts) and all(self._run_toggle(r, "w:b", style_id) for _, r in texts)

    def _size(self, runs: list[tuple[str, Any]], style_id: str | None) -> float:
        sizes: Counter[float] = Counter()
        for text, r in runs:
            rpr = r.find(qn("w:rPr"))
            element = rpr.find(qn("w:sz")) if rpr is not None else None
            if element is None:
                char_style = _val(rpr, "w:rStyle") if rpr is not None else None
                element = self.styles.run_property(
                    [char_style, style_id or self.styles.default_paragraph], "w:sz")
            half_points = float(element.get(qn("w:val"), "20")) if element is not None else 20.0
            sizes[half_points / 2] += len(text.strip())
        return sizes.most_common(1)[0][0] if sizes else 0.0

    def _boxed(self, ppr: Any, style_id: str | None) -> bool:
        if ppr is not None and (visible_border(ppr.find(qn("w:pBdr")))
                                or ppr.find(qn("w:framePr")) is not None):
            return True
        return visible_border(self.styles.paragraph_property(style_id, "w:pBdr")) or \
            self.styles.paragraph_property(style_id, "w:framePr") is not None

    def _shaded(self, ppr: Any, style_id: str | None) -> bool:
        if ppr is not None and ppr.find(qn("w:shd")) is not None:
            return shaded(ppr.find(qn("w:shd")))
        return shaded(self.styles.paragraph_property(style_id, "w:shd"))


def _val(parent: Any, tag: str) -> str | None:
    if parent is None:
        return None
    element = parent.find(qn(tag))
    return element.get(qn("w:val")) if element is not None else None


def _val_of(element: Any) -> str | None:
    return element.get(qn("w:val")) if element is not None else None


def _children(parent: Any, tag: str) -> list[Any]:
    """The ``tag`` children of ``parent``, also those wrapped in content controls."""
    found = []
    for child in parent.iterchildren():
        if child.tag == qn(tag):
            found.append(child)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            found.extend(_children(child, tag))
    return found


def _field_kind(instruction: str) -> str:
    words = instruction.strip().split()
    return words[0].upper() if words else ""


