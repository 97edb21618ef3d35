"""The agenda and minutes as Word: real headings, lists, tables, a TOC field and fields for
"Side x af y", written from the prepared document (agenda/content.py) with python-docx."""

from __future__ import annotations

import io

import docx
from django.utils.translation import gettext as _
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement  # type: ignore[import-untyped]

from danish import richtext
from documents import word
from documents.agenda.content import (
    OVERVIEW_BOOKMARK,
    SIGNATURES_BOOKMARK,
    AgendaDocument,
    ItemView,
    build_agenda,
)
from documents.word import (
    ACCENT,
    HEADER_FILL,
    MUTED,
    RULE,
    core_properties,
    danish_defaults,
    page_number_footer,
    shade,
    table_properties,
)
from meetings.models import Meeting

# A4 portrait, margins in mm.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 22, 22, 20
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
LABEL_WIDTH = 32  # the front page's labels ("Medlemmer:")
SIGNATURE_WIDTH = 95


# Style ids, set on the XML directly: python-docx's name lookup walks every style each call.
NORMAL, HEADING_1, HEADING_2 = "Normal", "Heading1", "Heading2"
BULLET, BULLET_2 = "ListBullet", "ListBullet2"
META, FACT, TOC_1 = "Sagsinfo", "Forsidefakta", "TOC1"
TABLE_TEXT, TABLE_HEAD = "Tabeltekst", "Tabeloverskrift"
ENTRY = "Opstilling"  # lines of a list without bullets (attachments, "Afbud:"): no space between
SIGNATURE_LINE, AFTER_TABLE = "Underskriftslinje", "Efterskrift"


def agenda_docx(*, meeting: Meeting, user, public: bool, minutes: bool) -> bytes:
    """The agenda or minutes as a Word document: real headings, lists, tables and a TOC field."""
    agenda = build_agenda(meeting=meeting, user=user, public=public, minutes=minutes)
    document = docx.Document()
    _docx_styles(document)
    core_properties(document, title=agenda.title, subject=agenda.body,
                    author=agenda.municipality, keywords=agenda.kind.lower())  # fmt: skip
    _update_fields_on_open(document)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Mm(MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].add_run(agenda.running_head)
    page_number_footer(section)

    writer = _Writer(document)

    _docx_front_page(writer, agenda)
    _docx_contents(writer, agenda)
    for item in agenda.items:
        _docx_item(writer, item, first=item is agenda.items[0])
    if agenda.overview:
        heading = writer.heading(agenda.overview_heading, 1, bookmark=OVERVIEW_BOOKMARK)
        heading.paragraph_format.page_break_before = True
        for item, attachments in agenda.overview:
            writer.paragraph(item.heading, HEADING_2)
            for attachment in attachments:
                line = writer.paragraph(f"{attachment.number}. {attachment.overview}", ENTRY)
                line.paragraph_format.left_indent = Mm(6)
    heading = writer.heading(agenda.signature_heading, 1, bookmark=SIGNATURES_BOOKMARK)
    heading.paragraph_format.page_break_before = True
    for name in agenda.signatures:
        # The line to sign on is an empty paragraph's bottom border: a border on the names
        # themselves would be drawn once for all of them (Word joins equal borders).
        writer.paragraph("", SIGNATURE_LINE)
        writer.paragraph(name, ENTRY)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    """Appends paragraphs at the end of the body, built on the XML directly.

    Style ids instead of names (python-docx looks a name up among all styles on each call),
    and elements appended as they are (python-docx's add_paragraph and add_run search each
    parent's children for where the new one goes): a long agenda has a thousand paragraphs.
    """

    def __init__(self, document):
        self.document = document
        self.end = document.element.body.sectPr  # paragraphs go before the section properties
        self.bookmark_id = 0

    def paragraph(self, text: str = "", style: str = NORMAL) -> Paragraph:
        p = OxmlElement("w:p")
        if style != NORMAL:
            p_pr = SubElement(p, qn("w:pPr"))
            SubElement(p_pr, qn("w:pStyle")).set(qn("w:val"), style)
        if text:
            _text_run(p, text)
        self.end.addprevious(p)
        return Paragraph(p, self.document._body)

    def heading(self, text: str, level: int, *, bookmark: str = "") -> Paragraph:
        paragraph = self.paragraph(style=HEADING_1 if level == 1 else HEADING_2)
        p = paragraph._p
        if bookmark:
            self.bookmark_id += 1
            start = SubElement(p, qn("w:bookmarkStart"))
            start.set(qn("w:id"), str(self.bookmark_id))
            start.set(qn("w:name"), bookmark)
            _text_run(p, text)
            SubElement(p, qn("w:bookmarkEnd")).set(qn("w:id"), str(self.bookmark_id))
        else:
            _text_run(p, text)
        return paragraph

    def rich_text(self, text: str) -> None:
        """A section's plain formatting as Word paragraphs, bullet lists and tables."""
        for block in richtext.parse(text):
            if isinstance(block, richtext.Paragraph):
                p = self.paragraph()._p
                for i, line in enumerate(block.lines):
                    if i:
                        SubElement(SubElement(p, qn("w:r")), qn("w:br"))
                    _text_run(p, line)
            elif isinstance(block, richtext.BulletList):
                for level, item in block.items:
                    last = self.paragraph(item, BULLET_2 if level else BULLET)
                # Space after the list as after a paragraph (the list style has little).
                last.paragraph_format.space_after = Pt(6)
            else:
                self.table(block)

    def table(self, block: richtext.Table) -> None:
        columns = max([len(block.header or [])] + [len(row) for row in block.rows])
        if not columns:
            return
        rows = ([block.header] if block.header else []) + block.rows
        grid = self.document.add_table(rows=len(rows), cols=columns)
        _table_properties(grid)
        widths = _column_widths(rows, columns)
        for gridcol, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
            gridcol.w = Mm(width)
        for index, (tr, values) in enumerate(zip(grid._tbl.tr_lst, rows, strict=True)):
            header = index == 0 and block.header is not None
            if header:
                tr_pr = tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
            for col, tc in enumerate(tr.tc_lst):
                cell = _Cell(tc, grid)
                cell.width = Mm(widths[col])
                paragraph = cell.paragraphs[0]
                paragraph._p.style = TABLE_HEAD if header else TABLE_TEXT
                value = values[col] if col < len(values) else ""
                if value:
                    paragraph.add_run(value)
                if header:
                    shade(tc, HEADER_FILL)
        # A paragraph after the table keeps the next heading's spacing as after text.
        self.paragraph("", AFTER_TABLE)


def _text_run(parent, text: str) -> None:
    """A run of text; tabs and line breaks become Word's own elements, as python-docx does."""
    run = SubElement(parent, qn("w:r"))
    for i, line in enumerate(text.split("\n")):
        if i:
            SubElement(run, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                SubElement(run, qn("w:tab"))
            if piece:
                t = SubElement(run, qn("w:t"))
                t.text = piece
                if piece != piece.strip():
                    t.set(qn("xml:space"), "preserve")


def _column_widths(rows: list[list[str]], columns: int) -> list[float]:
    """Widths in mm by the longest text per column: a time column stays narrow."""
    lengths = [1] * columns
    for row in rows:
        for col, value in enumerate(row[:columns]):
            lengths[col] = max(lengths[col], min(len(value), 60))
    weights = [max(length, 6) for length in lengths]
    total = sum(weights)
    return [TEXT_WIDTH * weight / total for weight in weights]


def _docx_styles(document) -> None:
    """Danish, one font, headings like the PDF's and the few styles the agenda needs."""
    danish_defaults(document)

    def paragraph_style(name, *, size=10.5, after=6, **options):
        return word.paragraph_style(document, name, size=size, after=after, **options)

    normal = paragraph_style("Normal", base=None)
    normal.paragraph_format.line_spacing = 1.15
    heading_1 = paragraph_style("Heading 1", size=15, bold=True, color=ACCENT, before=0, after=8)
    heading_1.paragraph_format.keep_with_next = True
    heading_2 = paragraph_style("Heading 2", size=11, bold=True, color="000000", before=10,
                                after=3)  # fmt: skip
    heading_2.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Bullet 2"):
        paragraph_style(name, after=2)
    paragraph_style("Sagsinfo", size=9.5, color=MUTED, after=10)
    fact = paragraph_style("Forsidefakta", after=4)
    fact.paragraph_format.left_indent = Mm(LABEL_WIDTH)
    fact.paragraph_format.first_line_indent = Mm(-LABEL_WIDTH)
    fact.paragraph_format.tab_stops.add_tab_stop(Mm(LABEL_WIDTH))
    paragraph_style("Opstilling", after=0)
    paragraph_style("Efterskrift", size=4, after=4)
    paragraph_style("Tabeltekst", size=9.5, after=0).paragraph_format.line_spacing = 1.0
    head = paragraph_style("Tabeloverskrift", size=9.5, bold=True, after=0)
    head.paragraph_format.line_spacing = 1.0
    signature = paragraph_style("Underskriftslinje", size=10, before=30, after=0)
    signature.paragraph_format.keep_with_next = True
    signature.paragraph_format.right_indent = Mm(TEXT_WIDTH - SIGNATURE_WIDTH)
    _border(signature.element.get_or_add_pPr(), "bottom", "404040")
    # Based on Normal, not on Heading 1: kept out of the table of contents it heads.
    paragraph_style("TOC Heading", size=15, bold=True, color=ACCENT, before=24, after=4)
    toc = paragraph_style("toc 1", style_id=TOC_1, after=3)
    toc.element.find(qn("w:name")).set(qn("w:val"), "toc 1")
    toc.paragraph_format.tab_stops.add_tab_stop(
        Mm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    toc.paragraph_format.right_indent = Mm(0)
    for name in ("Header", "Footer"):
        style = paragraph_style(name, size=8.5, color=MUTED, after=0)
        # The template's centre and right tabs are for other margins: one right tab instead.
        tabs = style.element.pPr.find(qn("w:tabs"))
        if tabs is not None:
            style.element.pPr.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)


PBDR_FOLLOWING = (
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def _border(p_pr, edge: str, color: str) -> None:
    borders = OxmlElement("w:pBdr")
    border = OxmlElement(f"w:{edge}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), "6")
    border.set(qn("w:space"), "4")
    border.set(qn("w:color"), color)
    borders.append(border)
    # pBdr comes before these in pPr (the schema's order).
    following = {qn(f"w:{name}") for name in PBDR_FOLLOWING}
    anchor = next((child for child in p_pr if child.tag in following), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        p_pr.append(borders)


# Children of w:settings that must follow w:updateFields (the schema's order).
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def _update_fields_on_open(document) -> None:
    """Ask Word to refresh the fields (the table of contents' page numbers) when opening."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    following = {qn(f"m:{name}") if name == "mathPr" else qn(f"w:{name}")
                 for name in AFTER_UPDATE_FIELDS}  # fmt: skip
    anchor = next((child for child in settings if child.tag in following), None)
    if anchor is not None:
        anchor.addprevious(update)
    else:
        settings.append(update)


def _docx_front_page(writer: _Writer, agenda: AgendaDocument) -> None:
    if agenda.municipality:
        line = writer.paragraph()
        run = line.add_run(agenda.municipality)
        run.font.size = Pt(11)
        run.font.bold = True
        run.font.color.rgb = RGBColor.from_string(ACCENT)
        line.paragraph_format.space_after = Pt(30)
    body = writer.paragraph()
    run = body.add_run(agenda.body)
    run.font.size = Pt(20)
    run.font.bold = True
    body.paragraph_format.space_after = Pt(4)
    kind = writer.paragraph()
    run = kind.add_run(agenda.kind.upper())
    run.font.size = Pt(24)
    run.font.bold = True
    run.font.color.rgb = RGBColor.from_string(ACCENT)
    kind.paragraph_format.space_after = Pt(22)
    for label, values in agenda.facts:
        paragraph = writer.paragraph("", FACT)
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run("\t")
        for i, value in enumerate(values):
            if i:
                paragraph.add_run().add_break()
            paragraph.add_run(value)
    if agenda.notice:
        notice = writer.paragraph()
        notice.add_run(agenda.notice).bold = True
        notice.paragraph_format.space_before = Pt(12)


def _docx_contents(writer: _Writer, agenda: AgendaDocument) -> None:
    """A Word TOC field over Heading 1, with the entries of today as its result.

    Word rebuilds the field, page numbers and all, when it opens the document (w:updateFields).
    A reader that does not (LibreOffice, Word's protected view) shows the result as written:
    the entries without page numbers, each a link to its heading, as no page numbers of the
    Word layout are known here and a wrong number is worse than none.
    """
    writer.paragraph(_("Indholdsfortegnelse"), "TOCHeading")
    paragraphs = []
    for line in agenda.contents:
        paragraph = writer.paragraph("", TOC_1)
        paragraphs.append(paragraph)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), line.bookmark)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        _text_run(link, line.text)
    first, last = paragraphs[0]._p, paragraphs[-1]._p
    # The field begins before the first entry and ends after the last one.
    begin = [_fld_char("begin"), _instr(' TOC \\o "1-1" \\h \\z \\u '), _fld_char("separate")]
    position = list(first).index(first.pPr) + 1 if first.pPr is not None else 0
    for offset, element in enumerate(begin):
        run = OxmlElement("w:r")
        run.append(element)
        first.insert(position + offset, run)
    end = OxmlElement("w:r")
    end.append(_fld_char("end"))
    last.append(end)


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instr(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def _docx_item(writer: _Writer, item: ItemView, *, first: bool) -> None:
    """The first item starts a page; the others follow, as in the PDF."""
    heading = writer.heading(item.heading, 1, bookmark=item.bookmark)
    heading.paragraph_format.page_break_before = first
    if not first:
        heading.paragraph_format.space_before = Pt(18)
    if item.redacted:
        writer.paragraph(_("Lukket punkt"), META)
        return
    writer.paragraph(item.meta, META)
    for part in item.parts:
        writer.heading(part.heading, 2)
        if part.byline:
            writer.paragraph(part.byline)
        writer.rich_text(part.text)
        for note in part.notes:
            writer.paragraph(note)
        if part.apologies:
            last = writer.paragraph(_("Afbud:"), ENTRY)
            for name in part.apologies:
                last = writer.paragraph(name, ENTRY)
            last.paragraph_format.space_after = Pt(6)
    if item.attachments:
        writer.heading(_("Bilag"), 2)
        for attachment in item.attachments:
            writer.paragraph(attachment.line, ENTRY)


def _table_properties(grid) -> None:
    table_properties(grid, width_mm=TEXT_WIDTH, rule=RULE, margins=(40, 80))
