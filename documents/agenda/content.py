"""A meeting's agenda ("Dagsorden") or minutes ("Beslutningsprotokol") as both documents see it.

The layout follows the board's agenda of seed 004: a front page with place, date, times,
members and absentees (and the items' time slots), a table of contents, the items (status,
case number, routing, sections with "Indstillet af", earlier decisions, this meeting's
decision in the minutes, attachments), an attachment overview ("Bilagsoversigt") and a
signature page ("Underskriftsside").

What a reader may see is decided by `meetings.selectors.agenda_for` alone: a redacted entry
carries only its number and title, and a closed attachment the reader may not open has no
title here either. The PDF (agenda/pdf.py), the Word document (agenda/word.py) and the agenda
with its attachments (agenda/combined.py) are all rendered from this one prepared model
(`build_agenda`), so they always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from danish.formatting import ascii_slug, long_date, short_date
from documents.common import xml_safe
from meetings.models import SECTIONS, Absence, Attachment, Meeting
from meetings.selectors import AgendaEntry, AttachmentEntry, DecisionEntry, agenda_for
from organisation.models import Municipality

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
