"""Every WordprocessingML element reportgen builds by hand, in one place.

python-docx covers most of what the report needs through its proxies (``paragraph.style``,
``cell.vertical_alignment``, ``table.autofit``, ``cell.merge``, ``font.size``…); the rest is
here: complex fields (PAGE, TOC), the page-number restart, East Asian fonts, table borders,
cell shading and diagonal lines, repeated header rows, a table's preferred width, the
paragraph properties python-docx has no call for, and the settings asking Word to update
fields. Each child is inserted at its place in the schema's sequence (ECMA-376 Part 1, §17):
Word refuses a file whose properties come in another order, LibreOffice does not mind — so
only Word would show the mistake.

Both the renderer and the template builder (build time) use this module.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache
from typing import Any, Mapping, Sequence

from attrs import frozen
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

Element = Any
"""An lxml element of a python-docx document (python-docx's classes are untyped here)."""

# -- the schema's order of the children of each parent we add to --
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
             "w:pPrChange")
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders",
              "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
              "w:hideMark")
TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
              "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
               "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
               "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
               "w:tblCellMar", "w:tblLook")
SECTPR_ORDER = ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr",
                "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType",
                "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")
SETTINGS_ORDER = ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
                  "w:removeDateAndTime", "w:doNotDisplayPageBoundaries",
                  "w:displayBackgroundShape", "w:printPostScriptOverText",
                  "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts",
                  "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins",
                  "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
                  "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
                  "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState",
                  "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
                  "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType",
                  "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
                  "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
                  "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
                  "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
                  "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
                  "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
                  "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
                  "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                  "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
                  "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
                  "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
                  "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
                  "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
                  "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent",
                  "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
                  "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
                  "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields",
                  "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                  "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                  "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                  "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                  "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                  "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                  "w:listSeparator")
BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
"""A table's borders, in the schema's order."""
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def element(tag: str, attrs: Mapping[str, str] | None = None, text: str | None = None) -> Element:
    """A new element ``tag`` (``w:shd``) with prefixed attributes (``{"w:val": "clear"}``)."""
    made = OxmlElement(tag, attrs={qn(k): v for k, v in (attrs or {}).items()})
    if text is not None:
        made.text = text
    return made


def parse_part(xml: bytes) -> Element:
    """A part of a .docx (its XML as stored) parsed into python-docx's element classes, as
    python-docx parses the parts it opens."""
    return parse_xml(xml)


def insert(parent: Element, child: Element, order: tuple[str, ...]) -> Element:
    """Insert ``child`` into ``parent`` at its place in ``order``, replacing a child of the
    same tag; return it."""
    existing = parent.find(child.tag)
    if existing is not None:
        existing.addprevious(child)
        parent.remove(existing)
        return child
    rank = {qn(tag): i for i, tag in enumerate(order)}
    mine = rank.get(child.tag, len(rank))
    following = next((c for c in parent if rank.get(c.tag, -1) > mine), None)
    if following is not None:
        following.addprevious(child)
    else:
        parent.append(child)
    return child


def child(parent: Element, tag: str, order: tuple[str, ...]) -> Element:
    """The child ``tag`` of ``parent``, created at its place in ``order`` if absent."""
    found = parent.find(qn(tag))
    return found if found is not None else insert(parent, element(tag), order)


# -- fields and runs --

def field_runs(instruction: str, result: str = "") -> list[Element]:
    """The runs of a complex field (``PAGE``, ``TOC …``) showing ``result`` until Word
    computes it; marked dirty so that Word does."""
    marks = [element("w:fldChar", {"w:fldCharType": "begin", "w:dirty": "true"}),
             element("w:instrText", {"xml:space": "preserve"}, f" {instruction} "),
             element("w:fldChar", {"w:fldCharType": "separate"}),
             element("w:t", text=result),
             element("w:fldChar", {"w:fldCharType": "end"})]
    return [run_of(mark) for mark in marks]


def run_of(content: Element) -> Element:
    """A run holding ``content`` (a field mark, a text)."""
    run = element("w:r")
    run.append(content)
    return run


def paragraph_after(previous: Element, model: Element) -> Element:
    """A new empty paragraph after ``previous`` with the paragraph properties of ``model``."""
    p = element("w:p")
    ppr = model.find(qn("w:pPr"))
    if ppr is not None:
        p.append(deepcopy(ppr))
    previous.addnext(p)
    return p


# -- sections and settings --

def restart_page_numbers(sect_pr: Element, start: int = 1) -> None:
    """Number the section's pages from ``start``."""
    insert(sect_pr, element("w:pgNumType", {"w:start": str(start)}), SECTPR_ORDER)


def update_fields_on_open(settings: Element) -> None:
    """Ask Word to update fields (the TOC) when it opens the document."""
    child(settings, "w:updateFields", SETTINGS_ORDER).set(qn("w:val"), "true")


def stop_updating_fields_on_open(settings: Element) -> bool:
    """Stop asking Word to update fields on opening; True when it was asked."""
    found = settings.find(qn("w:updateFields"))
    if found is None:
        return False
    settings.remove(found)
    return True


def set_compatibility_mode(settings: Element, mode: int) -> None:
    """The Word version whose layout rules apply (15: Word 2013 and later, no "兼容模式")."""
    compat = child(settings, "w:compat", SETTINGS_ORDER)
    uri = "http://schemas.microsoft.com/office/word"
    setting = next((s for s in compat.findall(qn("w:compatSetting"))
                    if s.get(qn("w:name")) == "compatibilityMode"), None)
    if setting is None:
        setting = element("w:compatSetting", {"w:name": "compatibilityMode", "w:uri": uri})
        compat.append(setting)
    setting.set(qn("w:val"), str(mode))


def set_theme_languages(settings: Element, *, latin: str, east_asia: str) -> None:
    """The languages of the theme's fonts (``w:themeFontLang``): what Word uses for text it
    creates from theme fonts (comments, footnotes, text boxes)."""
    lang = child(settings, "w:themeFontLang", SETTINGS_ORDER)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


# -- fonts and paragraph properties the proxies lack --

def set_fonts(rpr: Element, east_asia: str, latin: str) -> None:
    """Name the Latin and the East Asian font of run properties (Word takes Chinese glyphs
    from ``w:eastAsia``, which python-docx never writes); drop links to theme fonts."""
    fonts = child(rpr, "w:rFonts", RPR_ORDER)
    drop_theme_fonts(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def drop_theme_fonts(fonts: Element) -> None:
    """Remove the theme-font links of a ``w:rFonts`` (they would override the named fonts)."""
    for attr in _THEME_FONTS:
        fonts.attrib.pop(qn(attr), None)


def set_complex_script(rpr: Element, *, bold: bool, size_pt: float) -> None:
    """Bold and size for complex scripts (``w:bCs``, ``w:szCs``), which python-docx's
    ``Font`` does not write, so that every script is set alike."""
    if bold:
        child(rpr, "w:bCs", RPR_ORDER)
    insert(rpr, element("w:szCs", {"w:val": str(int(size_pt * 2))}), RPR_ORDER)


def set_language(rpr: Element, latin: str, east_asia: str, bidi: str) -> None:
    """The languages of run properties (``w:lang``)."""
    lang = child(rpr, "w:lang", RPR_ORDER)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), bidi)


def indent_in_characters(ppr: Element, chars: int) -> None:
    """A first-line indent counted in characters (``w:firstLineChars``), which Word prefers
    to the length when both are given."""
    child(ppr, "w:ind", PPR_ORDER).set(qn("w:firstLineChars"), str(chars * 100))


def set_outline_level(ppr: Element, level: int) -> None:
    """The outline level (0 for a chapter heading): what the TOC and the navigation pane list."""
    insert(ppr, element("w:outlineLvl", {"w:val": str(level)}), PPR_ORDER)


def add_right_tab(ppr: Element, position_twips: int, leader: str = "dot") -> None:
    """A right-aligned tab stop with a leader (a TOC line's dots before its page number)."""
    tabs = child(ppr, "w:tabs", PPR_ORDER)
    tabs.append(element("w:tab", {"w:val": "right", "w:leader": leader,
                                  "w:pos": str(position_twips)}))


# -- tables --

def _border(edge: str, size: int) -> Element:
    return element(f"w:{edge}", {"w:val": "single", "w:sz": str(size), "w:space": "0",
                                 "w:color": "000000"})


def define_table_look(style: Element, *, border_size: int, margin_twips: int,
                      shading: str | None = None) -> None:
    """A table style's properties: centred, single black borders on every edge and inner
    line, cell margins (``margin_twips`` left and right, half of it above and below), and
    optionally a cell shading."""
    tbl_pr = element("w:tblPr")
    tbl_pr.append(element("w:jc", {"w:val": "center"}))
    borders = element("w:tblBorders")
    for edge in BORDER_EDGES:
        borders.append(_border(edge, border_size))
    tbl_pr.append(borders)
    margins = element("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        width = margin_twips if edge in ("left", "right") else margin_twips // 2
        margins.append(element(f"w:{edge}", {"w:w": str(width), "w:type": "dxa"}))
    tbl_pr.append(margins)
    style.append(tbl_pr)
    if shading:
        tc_pr = element("w:tcPr")
        tc_pr.append(element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shading}))
        style.append(tc_pr)


def set_table_width(tbl: Element, twips: int) -> None:
    """The table's preferred width (``w:tblW``), in twips."""
    insert(tbl.tblPr, element("w:tblW", {"w:w": str(twips), "w:type": "dxa"}), TBLPR_ORDER)


# -- a whole table in one piece: built as text and parsed once, for speed (python-docx's
# -- proxies look up the schema order for every child they add: seconds for a report) --

@frozen
class CellXml:
    """One cell of a table built by :func:`table`."""

    width: int
    """Its width in twips (the sum of the columns it spans)."""
    paragraphs: tuple[tuple[str, str | None, str], ...]
    """(paragraph style id, alignment ``left``/``right`` or ``None`` for the style's own,
    text) of each paragraph; a text without characters makes an empty paragraph."""
    span: int = 1
    """The grid columns it spans (``w:gridSpan``)."""
    merge: str | None = None
    """``restart`` on the first row of a vertical merge, ``continue`` below it."""
    fill: str | None = None
    """Its shading (``RRGGBB``)."""
    diagonal: bool = False
    """A line from its top left corner to its bottom right (斜线表头)."""


_RUN_BREAKS = re.compile(r"([\t\r\n])")
_JC = {align: f'<w:jc w:val="{align}"/>' for align in ("left", "right", "center", "both")}


def _escape(text: str) -> str:
    """``text`` as XML character data (``xml.sax.saxutils.escape``, which would bring in
    ``urllib`` at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=64)
def _quoted(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    return '"' + _escape(value).replace('"', "&quot;") + '"'


def table(style_id: str, widths: Sequence[int],
          rows: Sequence[tuple[bool, Sequence[CellXml]]]) -> Element:
    """A ``w:tbl`` in table style ``style_id``: fixed column ``widths`` (twips), centred,
    each row kept on one page; the rows marked ``True`` repeat at the top of every page.
    The same XML python-docx writes for such a table, cell by cell."""
    out = [f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val={_quoted(style_id)}/>"
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
           'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
           "</w:tblPr><w:tblGrid>"]
    out.extend(f'<w:gridCol w:w="{width}"/>' for width in widths)
    out.append("</w:tblGrid>")
    for header, cells in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
                   + "</w:trPr>")
        out.extend(_cell_xml(cell) for cell in cells)
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))


def _cell_xml(cell: CellXml) -> str:
    props = [f'<w:tcW w:type="dxa" w:w="{cell.width}"/>']
    if cell.span > 1:
        props.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif cell.merge is not None:
        props.append("<w:vMerge/>")
    if cell.diagonal:
        props.append('<w:tcBorders><w:tl2br w:val="single" w:sz="4" w:space="0" '
                     'w:color="000000"/></w:tcBorders>')
    if cell.fill is not None:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill={_quoted(cell.fill)}/>')
    props.append('<w:vAlign w:val="center"/>')
    paragraphs = []
    for style_id, align, text in cell.paragraphs:
        jc = (_JC.get(align) or f"<w:jc w:val={_quoted(align)}/>") if align else ""
        run = f"<w:r>{_run_content(text)}</w:r>" if text else ""
        paragraphs.append(f"<w:p><w:pPr><w:pStyle w:val={_quoted(style_id)}/>{jc}</w:pPr>"
                          f"{run}</w:p>")
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def _run_content(text: str) -> str:
    """A run's content as python-docx writes ``run.text = text``: a tab is ``w:tab``, a line
    break ``w:br``, the rest ``w:t`` (keeping its spaces when it starts or ends with one)."""
    out = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            if "&" in piece or "<" in piece or ">" in piece:
                piece = _escape(piece)
            out.append(f"<w:t{space}>{piece}</w:t>")
    return "".join(out)
