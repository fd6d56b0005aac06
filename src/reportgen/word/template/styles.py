"""The report's typography, after GB/T 9704 practice, written into a python-docx document.

Every style names its East Asian font (``w:rFonts/@w:eastAsia``): python-docx's
``font.name`` sets only the Latin one, and Word takes Chinese glyphs from the East Asian
attribute. Theme-font links are removed so that no style falls back to the theme's fonts.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from reportgen.word import oxml

LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
KAI_FONT = "楷体_GB2312"
HEI_FONT = "黑体"
SONG_FONT = "宋体"
"""The page number's font: GB/T 9704 asks for 4号半角宋体阿拉伯数字."""
OFFICIAL_FONTS = (TITLE_FONT, BODY_FONT, KAI_FONT, HEI_FONT, SONG_FONT)

SIZE_2 = 22  # 二号
SIZE_3 = 16  # 三号
SIZE_4 = 14  # 四号
SIZE_S4 = 12  # 小四
SIZE_5 = 10.5  # 五号
BODY_LINE = 28  # fixed line spacing of the body, in points (22 lines a page)
TEXT_WIDTH = Mm(156)
"""The A4 text block's width with the official margins (210 − 28 − 26 mm)."""
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
          "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}


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
                    base: str | None = "Normal", latin: str = LATIN):
    """Create or redefine a paragraph style completely."""
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    rpr = _reset_rpr(style)
    oxml.set_fonts(rpr, font, latin)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(size)
    oxml.set_complex_script(rpr, bold=bold, size_pt=size)

    ppr = style.element.get_or_add_pPr()
    for child in list(ppr):
        ppr.remove(child)
    fmt = style.paragraph_format
    fmt.keep_with_next = keep_next
    fmt.page_break_before = page_break_before
    fmt.widow_control = True
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line_exact:
        fmt.line_spacing = Pt(line_exact)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        fmt.line_spacing = 1.0
    fmt.first_line_indent = Pt(indent_chars * size)
    oxml.indent_in_characters(ppr, indent_chars)
    fmt.left_indent, fmt.right_indent = Twips(0), Twips(0)
    if align:
        fmt.alignment = _ALIGN[align]
    if outline is not None:
        oxml.set_outline_level(ppr, outline)
    style.quick_style = True
    return style


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
    # -- the appendix starts a new page; its heading and table captions are in the TOC --
    paragraph_style(doc, "Appendix Heading", font=HEI_FONT, size=SIZE_3, line_exact=BODY_LINE,
                    after=12, keep_next=True, outline=0, page_break_before=True)
    paragraph_style(doc, "Title", font=TITLE_FONT, size=SIZE_2, align="center", before=150,
                    after=24)
    paragraph_style(doc, "Cover Subtitle", font=KAI_FONT, size=SIZE_3, bold=True, align="center",
                    after=12)
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
    paragraph_style(doc, "Appendix Caption", font=HEI_FONT, size=SIZE_4, align="center",
                    before=6, after=4, keep_next=True, outline=1)
    # -- a figure's paragraph keeps single spacing (a fixed line height would crop it) and
    # -- stays with its caption below --
    paragraph_style(doc, "Figure", font=BODY_FONT, size=SIZE_5, align="center", before=6,
                    keep_next=True)
    paragraph_style(doc, "Figure Caption", font=HEI_FONT, size=SIZE_4, align="center",
                    after=8)
    paragraph_style(doc, "Table Header", font=HEI_FONT, size=SIZE_5, align="center",
                    line_exact=16, keep_next=True)
    paragraph_style(doc, "Table Text", font=BODY_FONT, size=SIZE_5, align="center",
                    line_exact=16)
    paragraph_style(doc, "After Table", font=BODY_FONT, size=SIZE_5, line_exact=12)
    paragraph_style(doc, "Footer", font=SONG_FONT, size=SIZE_4, align="center", latin=SONG_FONT)
    paragraph_style(doc, "Header", font=BODY_FONT, size=SIZE_5, align="center")
    _fix_remaining_styles(doc)


def _right_tab_with_dots(style) -> None:
    """A dotted right tab at the text block's edge: TOC lines end in their page number."""
    oxml.add_right_tab(style.element.get_or_add_pPr(), TEXT_WIDTH.twips - 10)


def _set_doc_defaults(doc: Document) -> None:
    """Document defaults name the official fonts too, and the language is Chinese."""
    defaults = oxml.child(doc.styles.element, "w:docDefaults", ("w:docDefaults", "w:latentStyles"))
    rpr_default = oxml.child(defaults, "w:rPrDefault", ("w:rPrDefault", "w:pPrDefault"))
    rpr = oxml.child(rpr_default, "w:rPr", ("w:rPr",))
    oxml.set_fonts(rpr, BODY_FONT, LATIN)
    oxml.set_language(rpr, "en-US", "zh-CN", "ar-SA")


def _fix_remaining_styles(doc: Document) -> None:
    """Styles we did not redefine (the base template's) get the official fonts too."""
    for style in doc.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER,
                              WD_STYLE_TYPE.TABLE):
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None or fonts.get(qn("w:eastAsia")) is None:
            oxml.set_fonts(rpr, BODY_FONT, LATIN)
        else:
            oxml.drop_theme_fonts(fonts)
