"""The report's typography, after GB/T 9704 practice, written into a python-docx document.

Every style names its East Asian font (``w:rFonts/@w:eastAsia``): python-docx's
``font.name`` sets only the Latin one, and Word takes Chinese glyphs from the East Asian
attribute. Theme-font links are removed so that no style falls back to the theme's fonts.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
KAI_FONT = "楷体_GB2312"
HEI_FONT = "黑体"
OFFICIAL_FONTS = (TITLE_FONT, BODY_FONT, KAI_FONT, HEI_FONT)

SIZE_2 = 22  # 二号
SIZE_3 = 16  # 三号
SIZE_4 = 14  # 四号
SIZE_S4 = 12  # 小四
SIZE_5 = 10.5  # 五号
BODY_LINE = 28  # fixed line spacing of the body, in points (22 lines a page)

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child_element(parent, tag: str, before: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """The child element ``tag`` of ``parent``, created (before any of ``before``) if absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        for name in before:
            anchor = parent.find(qn(name))
            if anchor is not None:
                anchor.addprevious(found)
                break
        else:
            parent.append(found)
    return found


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the Latin and East Asian fonts of a run-properties element; drop theme links."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _reset_rpr(style: Any) -> Any:
    """The style's run properties, emptied of colour, theme fonts and sizes."""
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    return rpr


def paragraph_style(doc: Document, name: str, *, font: str, size: float, bold: bool = False,
                    align: str | None = None, indent_chars: int = 0, line_exact: float | None = None,
                    before: float = 0, after: float = 0, keep_next: bool = False,
                    outline: int | None = None, page_break_before: bool = False,
                    base: str | None = "Normal"):
    """Create or redefine a paragraph style completely."""
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    rpr = _reset_rpr(style)
    set_fonts(rpr, font)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    else:
        b = OxmlElement("w:b")
        b.set(qn("w:val"), "0")
        rpr.append(b)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rpr.append(color)
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(int(size * 2)))
        rpr.append(sz)

    ppr = style.element.get_or_add_pPr()
    for child in list(ppr):
        ppr.remove(child)
    fmt = style.paragraph_format
    fmt.keep_with_next = keep_next
    fmt.page_break_before = page_break_before
    fmt.widow_control = True
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(int(before * 20)))
    spacing.set(qn("w:after"), str(int(after * 20)))
    if line_exact:
        spacing.set(qn("w:line"), str(int(line_exact * 20)))
        spacing.set(qn("w:lineRule"), "exact")
    else:
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:right"), "0")
    ppr.append(ind)
    if align:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), align)
        ppr.append(jc)
    if outline is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    _order_ppr(ppr)
    style.quick_style = True
    return style


_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
              "w:numPr", "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc",
              "w:outlineLvl")


def _order_ppr(ppr) -> None:
    """Put paragraph properties in the schema's order (Word refuses other orders)."""
    children = list(ppr)
    rank = {qn(tag): i for i, tag in enumerate(_PPR_ORDER)}
    children.sort(key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def define_styles(doc: Document) -> None:
    """Every style the template uses, with its fonts, sizes and spacing."""
    _set_doc_defaults(doc)
    paragraph_style(doc, "Normal", font=BODY_FONT, size=SIZE_3, align="both", indent_chars=2,
                    line_exact=BODY_LINE, base=None)
    paragraph_style(doc, "Heading 1", font=HEI_FONT, size=SIZE_3, indent_chars=2,
                    line_exact=BODY_LINE, before=8, keep_next=True, outline=0)
    paragraph_style(doc, "Heading 2", font=KAI_FONT, size=SIZE_3, indent_chars=2,
                    line_exact=BODY_LINE, keep_next=True, outline=1)
    paragraph_style(doc, "Heading 3", font=BODY_FONT, size=SIZE_3, bold=True, indent_chars=2,
                    line_exact=BODY_LINE, keep_next=True, outline=2)
    paragraph_style(doc, "Title", font=TITLE_FONT, size=SIZE_2, align="center", before=150,
                    after=24)
    paragraph_style(doc, "Subtitle", font=KAI_FONT, size=SIZE_3, align="center", after=12)
    paragraph_style(doc, "Cover Issuer", font=BODY_FONT, size=SIZE_3, align="center", before=260)
    paragraph_style(doc, "Cover Date", font=BODY_FONT, size=SIZE_3, align="center", before=6)
    # -- 前言 precedes the 目录 and its pages carry no number: no outline level, not listed --
    paragraph_style(doc, "Front Heading", font=TITLE_FONT, size=SIZE_2, align="center",
                    after=24, page_break_before=True, keep_next=True)
    paragraph_style(doc, "TOC Heading", font=TITLE_FONT, size=SIZE_2, align="center", after=24,
                    page_break_before=True, keep_next=True)
    paragraph_style(doc, "Body Title", font=TITLE_FONT, size=SIZE_2, align="center", after=6,
                    keep_next=True)
    paragraph_style(doc, "Body Period", font=KAI_FONT, size=SIZE_3, align="center", after=18,
                    keep_next=True)
    for level, indent in ((1, 0), (2, 1), (3, 2)):
        style = paragraph_style(doc, f"toc {level}", font=HEI_FONT if level == 1 else BODY_FONT,
                                size=SIZE_4, line_exact=24, before=6 if level == 1 else 0,
                                base="Normal")
        style.paragraph_format.left_indent = Pt(SIZE_4 * indent)
        style.paragraph_format.first_line_indent = Pt(0)
        _right_tab_with_dots(style)
    paragraph_style(doc, "Case Label", font=HEI_FONT, size=SIZE_4, line_exact=24, keep_next=True)
    paragraph_style(doc, "Case Title", font=KAI_FONT, size=SIZE_3, bold=True, align="center",
                    line_exact=26, after=4, keep_next=True)
    paragraph_style(doc, "Case Subtitle", font=KAI_FONT, size=SIZE_4, align="center",
                    line_exact=24, after=4, keep_next=True)
    paragraph_style(doc, "Case Body", font=BODY_FONT, size=SIZE_4, align="both", indent_chars=2,
                    line_exact=24)
    paragraph_style(doc, "Table Caption", font=HEI_FONT, size=SIZE_4, align="center",
                    before=6, after=4, keep_next=True)
    paragraph_style(doc, "Table Header", font=HEI_FONT, size=SIZE_5, align="center",
                    line_exact=16, keep_next=True)
    paragraph_style(doc, "Table Text", font=BODY_FONT, size=SIZE_5, align="center",
                    line_exact=16)
    paragraph_style(doc, "After Table", font=BODY_FONT, size=SIZE_5, line_exact=12)
    paragraph_style(doc, "Footer", font=BODY_FONT, size=SIZE_4, align="center")
    paragraph_style(doc, "Header", font=BODY_FONT, size=SIZE_5, align="center")
    _fix_remaining_styles(doc)


def _right_tab_with_dots(style) -> None:
    """A dotted right tab at the text block's edge: TOC lines end in their page number."""
    ppr = style.element.get_or_add_pPr()
    tabs = child_element(ppr, "w:tabs", before=("w:spacing", "w:ind", "w:jc"))
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(int(156 / 25.4 * 1440) - 10))
    tabs.append(tab)


def _set_doc_defaults(doc: Document) -> None:
    """Document defaults name the official fonts too, and the language is Chinese."""
    styles_el = doc.styles.element
    defaults = child_element(styles_el, "w:docDefaults")
    rpr_default = child_element(defaults, "w:rPrDefault")
    rpr = child_element(rpr_default, "w:rPr")
    set_fonts(rpr, BODY_FONT)
    lang = child_element(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _fix_remaining_styles(doc: Document) -> None:
    """Styles we did not redefine (the base template's) get the official fonts too."""
    for style in doc.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER,
                              WD_STYLE_TYPE.TABLE):
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None or fonts.get(qn("w:eastAsia")) is None:
            set_fonts(rpr, BODY_FONT)
        else:
            for attr in _THEME_ATTRS:
                fonts.attrib.pop(qn(attr), None)
