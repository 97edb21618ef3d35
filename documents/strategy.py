"""The strategic plan ("strategisk udmøntningsplan") as the PDF and Word attachment a kommune
sends its board and council: per theme the year's course, the ties to the plan and development
strategy and to the chosen SDGs, and the items with their coordination (KKC), status and time.

The status version ("Status på den strategiske udmøntningsplan") is the same document at a given
date with a summary per theme and each item's latest status note: the board reviews it twice a
year, so `meetings.generated` gets a maker for it (kind "strategic_plan_status").

Both formats are built from one prepared model, so they always say the same thing.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Mm, Pt, RGBColor

from danish.formatting import long_date
from documents import pdf
from documents.common import xml_safe
from documents.word import (
    ACCENT,
    HEADER_FILL,
    RULE,
    core_properties,
    danish_defaults,
    page_number_footer,
    paragraph_style,
    shade,
    table_properties,
)
from organisation.models import Municipality
from plans import selectors
from plans.models import Item, Plan, StatusNote

# A4 portrait, margins in mm; column widths of the items' table: Nr., Indsats, KKC, Status, Tid.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 210, 297, 20
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
WIDTHS = [16, 52, 52, 24, 26]
SUMMARY_WIDTHS = [62, 20, 22, 22, 22, 22]

STATUS_KIND = "strategic_plan_status"


@dataclass
class Row:
    code: str
    title: str
    committee: str
    coordination: str
    status: str
    completed: bool
    timing: str
    note: str = ""  # the latest status note, in the status version


@dataclass
class SdgLine:
    number: int
    name: str
    colour: str
    text_colour: str


@dataclass
class ThemeSection:
    number: int
    name: str
    description: str
    course_heading: str
    course: str
    strategy_link: str
    sdgs: list[SdgLine]
    rows: list[Row]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Strategy:
    municipality: str
    title: str
    subtitle: str
    facts: list[str]
    guide: list[str]
    sdgs: list[SdgLine]
    themes: list[ThemeSection]
    status: bool
    summary_head: list[str]
    summary: list[list[str]]

    @property
    def running_head(self) -> str:
        return " · ".join(part for part in (self.municipality, self.title) if part)


def strategy_filename(
    *, plan: Plan, year: int, ext: str, status_on: datetime.date | None = None
) -> str:
    """'strategisk-udmoentningsplan-2025-2028-kursen-for-2026.pdf', or for the status version
    'status-strategisk-udmoentningsplan-2025-2028-pr-2026-04-07.pdf'."""
    period = f"{plan.first_year}-{plan.last_year}"
    if status_on is not None:
        return f"status-strategisk-udmoentningsplan-{period}-pr-{status_on:%Y-%m-%d}.{ext}"
    return f"strategisk-udmoentningsplan-{period}-kursen-for-{year}.{ext}"


def _sdg(sdg: Any) -> SdgLine:
    return SdgLine(number=sdg.number, name=sdg.name, colour=sdg.colour, text_colour=sdg.text_colour)


STATUS_COLUMNS = [
    (Item.Status.COMPLETED,),
    (Item.Status.IN_PROGRESS,),
    (Item.Status.NOT_STARTED,),
    (Item.Status.POSTPONED, Item.Status.DROPPED),
]


def build_strategy(
    *, plan: Plan, year: int | None = None, status_on: datetime.date | None = None
) -> Strategy:
    """The strategic plan's text, ready for either document. With `status_on`, the status
    version at that date: a summary per theme and the items' latest status notes up to it."""
    data = selectors.strategic_plan(plan=plan, year=year)
    municipality = Municipality.objects.first()
    notes: dict[int, StatusNote] = {}
    if status_on is not None:
        item_ids = {item.pk for theme in data.themes for item in theme.items}
        for note in StatusNote.objects.filter(item__in=item_ids, date__lte=status_on).order_by(
            "item", "date", "created_at"
        ):
            notes[note.item_id] = note  # the latest wins
    themes = []
    for number, entry in enumerate(data.themes, start=1):
        course = entry.current
        rows = [
            Row(
                code=item.code,
                title=item.title,
                committee=item.committee.abbreviation,
                coordination=item.coordination.strip() or "–",
                status=item.status_label,
                completed=item.is_completed,
                timing=item.timing_label or "–",
                note=(
                    f"{long_date(notes[item.pk].date, weekday=False)}: {notes[item.pk].text}"
                    if item.pk in notes
                    else ""
                ),
            )
            for item in entry.items
        ]
        counts = {status: 0 for status in Item.Status.values}
        for item in entry.items:
            counts[item.status] += 1
        themes.append(
            ThemeSection(
                number=number,
                name=entry.theme.name,
                description=entry.theme.description.strip(),
                course_heading=_("Kursen for %s") % data.year,
                course=course.text
                if course
                else _("Kursen for %s er ikke skrevet endnu.") % data.year,
                strategy_link=entry.theme.strategy_link.strip(),
                sdgs=[_sdg(sdg) for sdg in entry.sdgs],
                rows=rows,
                counts=counts,
            )
        )
    period = _("Budget %(first)s-%(last)s") % {"first": plan.first_year, "last": plan.last_year}
    facts = [period]
    if plan.adopted_on:
        facts.append(_("Vedtaget i Kommunalbestyrelsen %s") % long_date(plan.adopted_on))
    if status_on is not None:
        title = _("Status på den strategiske udmøntningsplan %(first)s-%(last)s") % {
            "first": plan.first_year,
            "last": plan.last_year,
        }
        facts.append(_("Status pr. %s") % long_date(status_on))
    else:
        title = _("Strategisk udmøntningsplan %(first)s-%(last)s") % {
            "first": plan.first_year,
            "last": plan.last_year,
        }
        facts.append(_("Udskrevet %s") % long_date(timezone.localdate()))
    chosen = len(data.chosen_sdgs)
    guide = [
        _(
            "Den strategiske udmøntningsplan ligger over den faste udmøntningsplan og samler de "
            "overordnede strategiske linjer i udmøntningen af budgettet. For hvert strategisk "
            "tema beskrives kursen for året, sammenhængen til plan- og udviklingsstrategien og "
            "verdensmålene, og de indsatser, der hører under temaet, med koordinering og "
            "commitment (KKC), status og vejledende tidspunkt."
        ),
        _(
            "Planen er ikke et udtømmende dokument for alle strategiske indsatsområder, men et "
            "overblik over de emner, der er særlig opmærksomhed på. Den er dynamisk og bliver "
            "løbende udviklet og opdateret; de anførte tidspunkter er vejledende."
        ),
    ]
    if chosen:
        guide.append(
            _(
                "Som afsæt for plan- og udviklingsstrategien har kommunen udpeget %(count)s af "
                "FN's 17 verdensmål."
            )
            % {"count": chosen}
        )
    summary_head = [
        _("Tema"),
        _("Indsatser"),
        _("Afsluttet"),
        _("I gang"),
        _("Ikke påbegyndt"),
        _("Udskudt eller bortfaldet"),
    ]
    summary = [
        [theme.name, str(len(theme.rows))]
        + [str(sum(theme.counts[s] for s in statuses)) for statuses in STATUS_COLUMNS]
        for theme in themes
    ]
    strategy = Strategy(
        municipality=municipality.name if municipality else "",
        title=title,
        subtitle=plan.name
        if status_on is not None
        else f"{plan.name} · {_('Kursen for %s') % data.year}",
        facts=facts,
        guide=guide,
        sdgs=[_sdg(sdg) for sdg in data.chosen_sdgs],
        themes=themes,
        status=status_on is not None,
        summary_head=summary_head,
        summary=summary,
    )
    return xml_safe(strategy)


# --- PDF ------------------------------------------------------------------------------------


def strategy_pdf(
    *,
    plan: Plan,
    year: int | None = None,
    status_on: datetime.date | None = None,
    archive: bool = False,
) -> bytes:
    """The strategic plan as a tagged PDF/UA document (PDF/A-2a too with `archive`)."""
    strategy = build_strategy(plan=plan, year=year, status_on=status_on)
    return pdf.typeset("strategy.typ", strategy_data(strategy), archive=archive)


def strategy_data(strategy: Strategy) -> dict:
    """The prepared strategic plan as typst/strategy.typ's data."""
    return {
        "meta": {
            "title": strategy.title,
            "author": strategy.municipality,
            "keywords": [_("strategisk udmøntningsplan"), _("verdensmål")],
            "description": strategy.subtitle,
        },
        "labels": {
            "page": _("Side"),
            "of": _("af"),
            "guide": _("Om planen"),
            "sdgs": _("Kommunens verdensmål"),
            "summary": _("Status pr. tema"),
            "strategy_link": _("Sammenhæng til plan- og udviklingsstrategien"),
            "theme_sdgs": _("Verdensmål"),
            "items": _("Indsatser"),
            "no_items": _("Ingen indsatser er knyttet til temaet endnu."),
            "code": _("Nr."),
            "title": _("Indsats"),
            "coordination": _("Koordinering og commitment (KKC)"),
            "status": _("Status"),
            "timing": _("Tidspunkt"),
            "note": _("Seneste statusnote"),
        },
        "municipality": strategy.municipality,
        "title": strategy.title,
        "subtitle": strategy.subtitle,
        "running_head": strategy.running_head,
        "facts": strategy.facts,
        "guide": strategy.guide,
        "sdgs": [vars(sdg) for sdg in strategy.sdgs],
        "status": strategy.status,
        "summary_head": strategy.summary_head,
        "summary": strategy.summary,
        "widths": WIDTHS,
        "summary_widths": SUMMARY_WIDTHS,
        "themes": [
            {
                "heading": f"{theme.number}. {theme.name}",
                "description": theme.description,
                "course_heading": theme.course_heading,
                "course": theme.course,
                "strategy_link": theme.strategy_link,
                "sdgs": [vars(sdg) for sdg in theme.sdgs],
                "rows": [vars(row) for row in theme.rows],
            }
            for theme in strategy.themes
        ],
    }


def strategic_plan_status(
    *, obj_id: int, access: Any, for_date: datetime.date | None = None
) -> tuple[str, bytes]:
    """The maker for `meetings.generated`: the status of plan `obj_id`'s strategic plan at
    today's date (the day it is made, which its title, text and file name say), for the
    board's strategic review on `for_date` (default today), with the course of that year (or
    the latest written before it). The document holds no meeting content, so `access`
    changes nothing in it."""
    plan = Plan.objects.get(pk=obj_id)
    today = timezone.localdate()
    year = selectors.strategy_course_year(plan, for_date or today)
    filename = strategy_filename(plan=plan, year=year, ext="pdf", status_on=today)
    return filename, strategy_pdf(plan=plan, year=year, status_on=today)


# --- Word -----------------------------------------------------------------------------------


def strategy_docx(
    *, plan: Plan, year: int | None = None, status_on: datetime.date | None = None
) -> bytes:
    """The strategic plan as a Word document with real headings and tables."""
    strategy = build_strategy(plan=plan, year=year, status_on=status_on)
    document = docx.Document()
    danish_defaults(document)
    paragraph_style(document, "Normal", base=None, size=10, after=6)
    for name, size, before in (("Heading 1", 16, 18), ("Heading 2", 12, 10), ("Title", 24, 0)):
        style = paragraph_style(
            document, name, size=size, bold=True, color=ACCENT, before=before, after=6
        )
        style.paragraph_format.keep_with_next = True
    paragraph_style(document, "Tabeltekst", size=8.5)
    core_properties(
        document,
        title=strategy.title,
        subject=strategy.subtitle,
        author=strategy.municipality,
        keywords=_("strategisk udmøntningsplan, verdensmål"),
    )
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Mm(MARGIN)
    section.top_margin = section.bottom_margin = Mm(MARGIN)
    section.header.paragraphs[0].text = strategy.running_head
    page_number_footer(section)

    if strategy.municipality:
        intro = document.add_paragraph()
        run = intro.add_run(strategy.municipality)
        run.font.bold = True
        run.font.size = Pt(13)
        run.font.color.rgb = RGBColor.from_string(ACCENT)
    document.add_paragraph(strategy.title, style="Title")
    document.add_paragraph(strategy.subtitle)
    for line in strategy.facts:
        document.add_paragraph(line).paragraph_format.space_after = Pt(2)
    document.add_heading(_("Om planen"), level=1)
    for text in strategy.guide:
        document.add_paragraph(text)
    if strategy.sdgs:
        document.add_heading(_("Kommunens verdensmål"), level=1)
        for sdg in strategy.sdgs:
            document.add_paragraph(f"{sdg.number}. {sdg.name}", style="List Bullet")
    if strategy.status:
        document.add_heading(_("Status pr. tema"), level=1)
        _docx_table(document, strategy.summary_head, strategy.summary, SUMMARY_WIDTHS)

    labels = [
        _("Nr."),
        _("Indsats"),
        _("Koordinering og commitment (KKC)"),
        _("Status"),
        _("Tidspunkt"),
    ]
    for theme in strategy.themes:
        document.add_heading(f"{theme.number}. {theme.name}", level=1)
        if theme.description:
            document.add_paragraph(theme.description)
        document.add_heading(theme.course_heading, level=2)
        document.add_paragraph(theme.course)
        if theme.strategy_link:
            document.add_heading(_("Sammenhæng til plan- og udviklingsstrategien"), level=2)
            document.add_paragraph(theme.strategy_link)
        if theme.sdgs:
            document.add_heading(_("Verdensmål"), level=2)
            document.add_paragraph("; ".join(f"{s.number}. {s.name}" for s in theme.sdgs))
        document.add_heading(_("Indsatser"), level=2)
        if not theme.rows:
            document.add_paragraph(_("Ingen indsatser er knyttet til temaet endnu."))
            continue
        rows = []
        for row in theme.rows:
            title = f"{row.title} ({row.committee})"
            if row.note:
                title += "\n" + _("Seneste statusnote: %s") % row.note
            status = f"X {row.status}" if row.completed else row.status
            rows.append([row.code, title, row.coordination, status, row.timing])
        _docx_table(document, labels, rows, WIDTHS)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, head: list[str], rows: list[list[str]], widths: list[int]) -> None:
    from docx.oxml import OxmlElement

    grid = document.add_table(rows=1, cols=len(head))
    table_properties(grid, width_mm=TEXT_WIDTH, rule=RULE, margins=(40, 60))
    for gridcol, width in zip(grid._tbl.tblGrid.gridCol_lst, widths, strict=True):
        gridcol.w = Mm(width)
    header = grid.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, label, width in zip(header.cells, head, widths, strict=True):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        paragraph.style = "Tabeltekst"
        paragraph.add_run(label).bold = True
        shade(cell._tc, HEADER_FILL)
    for values in rows:
        cells = grid.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = Mm(width)
            first, *rest = value.split("\n")
            cell.paragraphs[0].style = "Tabeltekst"
            cell.paragraphs[0].add_run(first)
            for line in rest:
                cell.add_paragraph(line, style="Tabeltekst")
    document.add_paragraph()
