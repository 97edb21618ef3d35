"""A meeting's agenda ("Dagsorden") and minutes ("Beslutningsprotokol") as PDF and Word.

The layout follows the board's agenda of seed 004: a front page with place, date, times,
members and absentees, a table of contents, one item per page (status, case number, routing,
sections, earlier decisions, this meeting's decision in the minutes, attachments), an
attachment overview ("Bilagsoversigt") and a signature page ("Underskriftsside").

What a reader may see is decided by `meetings.selectors.agenda_for` alone: a redacted entry
carries only its number and title, and a closed attachment the reader may not open has no
title here either. Both documents are rendered from one prepared model (`build_agenda`), so
the Word and the PDF version always say the same thing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from danish import richtext
from danish.formatting import ascii_slug, long_date, short_date
from documents.common import (
    set_font,
    set_lang,
    table_properties,
    word_field,
    xml_safe,
)
from meetings.models import SECTIONS, Absence, Attachment, Meeting
from meetings.selectors import AgendaEntry, AttachmentEntry, DecisionEntry, agenda_for
from organisation.models import Municipality

# A4 portrait, margins in mm.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 22, 22, 20
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
LABEL_WIDTH = 32  # the front page's labels ("Medlemmer:")
SIGNATURE_WIDTH = 95

# Word bookmarks of the headings after the items, for the table of contents' links.
OVERVIEW_BOOKMARK, SIGNATURES_BOOKMARK = "_TocBilagsoversigt", "_TocUnderskriftsside"

# The section whose end carries the participants line ("... deltager under punktet."), as in
# seed 004; without it the line follows the last section.
CASE_PRESENTATION = "Sagsfremstilling"
# The section "Indstillet af" belongs to.
RECOMMENDATION = dict(SECTIONS)["recommendation"]


def agenda_filename(*, meeting: Meeting, minutes: bool, public: bool, ext: str) -> str:
    """ASCII-safe file name.

    'dagsorden-DIR-2023-11-22.pdf', 'beslutningsprotokol-OEK-2022-12-06-offentlig.docx'.
    """
    abbreviation = ascii_slug(meeting.body.abbreviation)
    if meeting.body.abbreviation.isupper():
        abbreviation = abbreviation.upper()
    kind = "beslutningsprotokol" if minutes else "dagsorden"
    suffix = "-offentlig" if public else ""
    return f"{kind}-{abbreviation}-{meeting.date:%Y-%m-%d}{suffix}.{ext.lower().lstrip('.')}"


# --- The prepared document ------------------------------------------------------------------


@dataclass
class Part:
    """One headed block of an item: "Sagsgang", a section or a decision.

    `text` is in the plain formatting of danish.richtext; `notes` are plain paragraphs
    after it; `apologies` the names under "Afbud:".
    """

    heading: str
    text: str = ""
    notes: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    byline: str = ""  # 'Indstillet af: Kommunaldirektøren', under the heading

    @property
    def html(self) -> SafeString:
        """The text as HTML for the PDF, every piece of it escaped."""
        return richtext.to_html(self.text)


@dataclass
class AttachmentLine:
    number: int
    closed: bool
    title: str  # empty when the reader may not see the attachment
    document_number: str
    # The attachment itself when the reader may open it (for the agenda with attachments).
    source: Attachment | None = field(default=None, repr=False, compare=False)

    @property
    def status(self) -> str:
        return _("Lukket") if self.closed else _("Åben")

    @property
    def titled(self) -> str:
        """'Notat om tidsplan (116728/23)', or '' for a closed attachment the reader may not see."""
        if not self.title:
            return ""
        return f"{self.title} ({self.document_number})" if self.document_number else self.title

    @property
    def line(self) -> str:
        """The item's "Bilag:" line: '1 Åben Notat (116728/23)' or '2 Lukket bilag'."""
        if not self.title:
            return f"{self.number} " + _("Lukket bilag")
        return f"{self.number} {self.status} {self.titled}"

    @property
    def overview(self) -> str:
        """The attachment overview's line: 'Notat (116728/23)' or '(Lukket bilag)'."""
        if not self.title:
            return "(" + _("Lukket bilag") + ")"
        if self.closed:
            return f"{self.titled} ({_('lukket')})"
        return self.titled


@dataclass
class ItemView:
    number: int
    title: str
    # Only number and title may be printed: a closed item in the public version.
    redacted: bool
    meta: str = ""  # 'Åben sag · Sagsnr. 22/291 · Kl. 11.00'
    time_slot: str = ""
    parts: list[Part] = field(default_factory=list)
    attachments: list[AttachmentLine] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def anchor(self) -> str:
        return f"punkt-{self.number}"

    @property
    def bookmark(self) -> str:
        return f"_TocPunkt{self.number}"


@dataclass
class ContentsLine:
    text: str
    anchor: str  # the PDF's link target
    bookmark: str  # the Word bookmark the TOC field points at


@dataclass
class AgendaDocument:
    municipality: str
    body: str
    kind: str  # "Dagsorden" or "Beslutningsprotokol"
    date: str  # 'Onsdag den 22. november 2023'
    running_head: str  # 'Direktionen 22-11-2023 · Dagsorden'
    facts: list[tuple[str, list[str]]]
    notice: str
    items: list[ItemView]
    overview: list[tuple[ItemView, list[AttachmentLine]]]
    signatures: list[str]

    @property
    def title(self) -> str:
        """The document's title (PDF metadata, Word properties): 'Dagsorden – Direktionen ...'."""
        return f"{self.kind} – {self.body} {self.date[0].lower()}{self.date[1:]}"

    @property
    def overview_heading(self) -> str:
        return _("Bilagsoversigt")

    @property
    def signature_heading(self) -> str:
        return _("Underskriftsside")

    @property
    def contents(self) -> list[ContentsLine]:
        lines = [ContentsLine(item.heading, item.anchor, item.bookmark) for item in self.items]
        if self.overview:
            lines.append(ContentsLine(self.overview_heading, "bilagsoversigt", OVERVIEW_BOOKMARK))
        lines.append(ContentsLine(self.signature_heading, "underskriftsside", SIGNATURES_BOOKMARK))
        return lines


def build_agenda(*, meeting: Meeting, user, public: bool, minutes: bool) -> AgendaDocument:
    """The agenda's or the minutes' text as this user may see it, ready for either document."""
    agenda = agenda_for(meeting=meeting, user=user, public=public)
    municipality = Municipality.objects.first()
    date = long_date(meeting.date)
    absentees = [_absentee(absence) for absence in agenda.absences]
    facts = [
        (_("Sted"), [meeting.place]),
        (_("Dato"), [date[:1].upper() + date[1:]]),
        (_("Start kl."), [_time(meeting.start_time)]),
        (_("Slut kl."), [_time(meeting.end_time)]),
        (_("Medlemmer"), [member.display_name for member in agenda.members]),
    ]
    if absentees:  # no empty "Fraværende:" line when everybody came
        facts.append((_("Fraværende"), absentees))
    items = [_item(entry, minutes=minutes) for entry in agenda.entries]
    # The time table: each item with its own time slot ("11.00 1. Udmøntningsplan ...").
    schedule = [f"{item.time_slot} {item.heading}" for item in items
                if item.time_slot and not item.redacted]  # fmt: skip
    if schedule:
        facts.append((_("Tidsplan"), schedule))
    has_closed = any(entry.closed for entry in agenda.entries) or any(
        a.closed for entry in agenda.entries for a in entry.attachments
    )
    notice = ""
    if agenda.internal and has_closed:
        notice = _(
            "Intern udgave: indeholder lukkede punkter eller bilag, som ikke må offentliggøres."
        )
    by_number = {item.number: item for item in items}
    kind = _("Beslutningsprotokol") if minutes else _("Dagsorden")
    document = AgendaDocument(
        municipality=municipality.name if municipality else "",
        body=meeting.body.name,
        kind=kind,
        date=date[:1].upper() + date[1:],
        running_head=f"{meeting.body.name} {short_date(meeting.date)} · {kind}",
        facts=facts,
        notice=notice,
        items=items,
        overview=[
            (by_number[entry.number], by_number[entry.number].attachments)
            for entry, _attachments in agenda.attachment_overview
        ],
        signatures=[member.display_name for member in agenda.members],
    )
    return xml_safe(document)  # a pasted soft line break must not break the Word document


def _time(value) -> str:
    """'9:00', as agendas write the start and end."""
    return f"{value.hour}:{value.minute:02d}" if value else ""


def _absentee(absence: Absence) -> str:
    name = absence.member.display_name
    if absence.kind == Absence.Kind.APOLOGIES:
        return f"{name} ({_('Afbud')})"
    return name


def _item(entry: AgendaEntry, *, minutes: bool) -> ItemView:
    if entry.redacted:
        return ItemView(number=entry.number, title=entry.title, redacted=True)
    item = entry.item
    meta = [_("Lukket sag") if entry.closed else _("Åben sag")]
    if entry.case_number:
        meta.append(_("Sagsnr. %s") % entry.case_number)
    if item is not None and item.time_slot:
        meta.append(_("Kl. %s") % item.time_slot)
    sections = [Part(heading, text) for heading, text in entry.sections]
    recommended_by = item.recommended_by.strip() if item is not None else ""
    if recommended_by:
        target = next((p for p in sections if p.heading == str(RECOMMENDATION)), None)
        if target is None:
            target = Part(str(RECOMMENDATION))
            sections.append(target)
        target.byline = _("Indstillet af: %s") % recommended_by
    participants = item.participants.strip() if item is not None else ""
    if participants:
        # At the end of the case presentation as in seed 004, else after the last section.
        target = next((p for p in sections if p.heading == CASE_PRESENTATION), None)
        if target is None:
            if not sections:
                sections.append(Part(CASE_PRESENTATION))
            target = sections[-1]
        target.notes.append(participants)
    parts = [Part(_("Sagsgang"), ", ".join(entry.routing))] if entry.routing else []
    parts += sections
    parts += [_decision(decision) for decision in entry.earlier_decisions]
    if minutes and entry.decision is not None:
        parts.append(_decision(entry.decision))
    return ItemView(
        number=entry.number,
        title=entry.title,
        redacted=False,
        meta=" · ".join(meta),
        time_slot=item.time_slot if item is not None else "",
        parts=parts,
        attachments=[_attachment(a) for a in entry.attachments],
    )


def _decision(decision: DecisionEntry) -> Part:
    notes = [
        _("%s deltog ikke under behandling af punktet.") % name
        for name in decision.not_participating
    ]
    for addendum in decision.addenda:
        when = short_date(timezone.localtime(addendum.created_at))
        notes.append(_("Tilføjelse den %(date)s: %(text)s") % {"date": when, "text": addendum.text})
    return Part(decision.heading, decision.text, notes=notes, apologies=list(decision.apologies))


def _attachment(entry: AttachmentEntry) -> AttachmentLine:
    visible = entry.attachment is not None
    return AttachmentLine(
        number=entry.number,
        closed=entry.closed,
        title=entry.title if visible else "",
        document_number=entry.document_number if visible else "",
        source=entry.attachment,
    )


# --- PDF ------------------------------------------------------------------------------------


def agenda_pdf(*, meeting: Meeting, user, public: bool, minutes: bool, archive: bool = False
               ) -> bytes:  # fmt: skip
    """The agenda or minutes as a tagged PDF/UA document, set by Typst."""
    from documents.agenda_pdf import agenda_pdf as typeset

    return typeset(meeting=meeting, user=user, public=public, minutes=minutes, archive=archive)


# --- Word -----------------------------------------------------------------------------------

ACCENT = "1F4E79"
MUTED = "595959"
RULE = "A6A6A6"
HEADER_FILL = "DCE6F0"

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
    _docx_properties(document, agenda)
    _update_fields_on_open(document)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Mm(MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    _docx_header_footer(section, agenda)

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
                    _shade(tc, HEADER_FILL)
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
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_lang(run_defaults)
    set_font(run_defaults)
    settings = document.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "da-DK")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")

    def paragraph_style(name, *, style_id=None, base="Normal", size=10.5, bold=False,
                        color=None, before=0, after=6):  # fmt: skip
        if name in styles:
            style = styles[name]
        else:
            from docx.enum.style import WD_STYLE_TYPE

            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.style_id = style_id or name.replace(" ", "")
        style.base_style = styles[base] if base else None
        style.font.size = Pt(size)
        style.font.bold = bold
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        set_lang(style.element.get_or_add_rPr())
        set_font(style.element.get_or_add_rPr())
        return style

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


def _docx_properties(document, agenda: AgendaDocument) -> None:
    props = document.core_properties
    props.title = agenda.title
    props.subject = agenda.body
    props.author = agenda.municipality
    props.language = "da-DK"
    props.keywords = agenda.kind.lower()
    props.comments = ""


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


def _docx_header_footer(section, agenda: AgendaDocument) -> None:
    section.header.paragraphs[0].add_run(agenda.running_head)
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(_("Side "))
        word_field(paragraph, "PAGE", "1")
        paragraph.add_run(_(" af "))
        word_field(paragraph, "NUMPAGES", "1")


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


def _shade(tc, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shading)
