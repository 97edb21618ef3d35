"""What every Word document Kursen writes shares: Danish defaults, the house colours, paragraph
styles, table rules and shading, document properties and the "Side x af y" footer.

The agenda and the committee extract used to carry their own copies of these; they live once
here, so the two documents look alike and a fix reaches both.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

FONT = "Arial"  # Word's standard sans; LibreOffice shows it as the metric-equal Liberation Sans.

# The house colours (the PDFs' too: typst/kursen.typ).
ACCENT = "1F4E79"
MUTED = "595959"
RULE = "A6A6A6"
HEADER_FILL = "DCE6F0"
TOTAL_FILL = "F2F2F2"


def set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "da-DK")
    lang.set(qn("w:eastAsia"), "da-DK")
    lang.set(qn("w:bidi"), "ar-SA")


def set_font(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def danish_defaults(document) -> None:
    """Danish language and one font for all text; Danish number conventions for the fields
    and formulas a user may add."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_lang(run_defaults)
    set_font(run_defaults)
    settings = document.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "da-DK")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")


def paragraph_style(
    document,
    name: str,
    *,
    style_id: str | None = None,
    base: str | None = "Normal",
    size: float,
    bold: bool = False,
    color: str | None = None,
    before: float = 0,
    after: float = 0,
    line_spacing: float | None = None,
):
    """The paragraph style `name` (made when missing), Danish and in the house font."""
    styles = document.styles
    if name in styles:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id or name.replace(" ", "")
    style.base_style = styles[base] if base else None
    style.font.size = Pt(size)
    style.font.bold = bold
    if color:
        style.font.color.rgb = RGBColor.from_string(color)
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    if line_spacing is not None:
        style.paragraph_format.line_spacing = line_spacing
    set_lang(style.element.get_or_add_rPr())
    set_font(style.element.get_or_add_rPr())
    return style


def core_properties(document, *, title: str, subject: str, author: str, keywords: str) -> None:
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.language = "da-DK"
    props.keywords = keywords
    props.comments = ""


def word_field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when showing the page."""

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def page_number_footer(section) -> None:
    """'Side x af y' at the right of every page's footer, the first page's too."""
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(_("Side "))
        word_field(paragraph, "PAGE", "1")
        paragraph.add_run(_(" af "))
        word_field(paragraph, "NUMPAGES", "1")


def shade(tc, fill: str) -> None:
    """A table cell's background colour."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shading)


def table_properties(grid, *, width_mm: float, rule: str, margins: tuple[int, int]) -> None:
    """Fixed layout, full text width, light horizontal rules only (no vertical lines).

    margins: cell padding (top and bottom, left and right) in twentieths of a point.
    """
    grid.autofit = False  # adds tblLayout fixed
    tbl_pr = grid._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(round(width_mm / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    # CT_TblPr's children have a fixed order: tblW, ..., tblBorders, tblLayout, tblCellMar, tblLook.
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), rule)
        borders.append(border)
    layout = tbl_pr.find(qn("w:tblLayout"))
    layout.addprevious(borders)
    cell_margins = OxmlElement("w:tblCellMar")
    vertical, horizontal = margins
    for edge, value in (("top", vertical), ("left", horizontal), ("bottom", vertical),
                        ("right", horizontal)):  # fmt: skip
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(value))
        margin.set(qn("w:type"), "dxa")
        cell_margins.append(margin)
    layout.addnext(cell_margins)
