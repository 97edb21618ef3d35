"""Reads for meeting pages, documents, the portal and feeds.

`agenda_for` is the one place that decides what of an agenda a user may see: an item the user
may not see in full is handed on as its number and title only (the model object is not even
passed along), so no page, document or feed can print more of it by mistake.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danish.formatting import long_date
from meetings.access import CLOSED_ATTACHMENT, Access
from meetings.models import (
    Absence,
    Addendum,
    AgendaItem,
    Attachment,
    Case,
    CaseRoute,
    Meeting,
    MeetingQuerySet,
    MeetingState,
)
from organisation.models import Body, Member
from plans.timeline import Entry

if TYPE_CHECKING:
    from organisation.permissions import Reader
    from plans.models import Item


@dataclass
class AttachmentEntry:
    number: int
    title: str
    document_number: str
    closed: bool
    # None when the user may not open it ("Lukket bilag").
    attachment: Attachment | None

    @property
    def label(self) -> str:
        if self.attachment is None:
            return str(CLOSED_ATTACHMENT)
        return self.title


@dataclass
class DecisionEntry:
    """A body's decision on the case, as the agenda prints it under "Beslutning i ..."."""

    body: str
    date: datetime.date
    text: str
    not_participating: list[str]
    apologies: list[str]
    addenda: list[Addendum] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Beslutning i {self.body} den {self.date:%d-%m-%Y}"


@dataclass
class AgendaEntry:
    number: int
    title: str
    # True when the user sees only number and title (a closed item, public or no access).
    redacted: bool
    closed: bool = False
    item: AgendaItem | None = None
    case_number: str = ""
    routing: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    earlier_decisions: list[DecisionEntry] = field(default_factory=list)
    decision: DecisionEntry | None = None
    attachments: list[AttachmentEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"punkt-{self.number}"


@dataclass
class Agenda:
    meeting: Meeting
    members: list[Member]
    absences: list[Absence]
    entries: list[AgendaEntry]
    # The user sees the meeting's closed content (the internal version).
    internal: bool

    @property
    def attachment_overview(self) -> list[tuple[AgendaEntry, list[AttachmentEntry]]]:
        """("Bilagsoversigt") the attachments per item, for items that have any."""
        return [(entry, entry.attachments) for entry in self.entries if entry.attachments]


def agenda_for(*, meeting: Meeting, user: Reader | Access, public: bool = False) -> Agenda:
    """The meeting's agenda (and decisions, once recorded) as this user may see it.

    public=True gives the published version whatever the user's rights: closed items as
    number and title, closed attachments as "Lukket bilag", decisions only once the minutes
    are approved. `user` may be a user or an `meetings.access.Access`.
    """
    access = Access.public() if public else Access.of(user)
    internal = access.sees_body(meeting.body_id)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("number")),
            Prefetch("not_participating", queryset=Member.objects.order_by("position", "name")),
            Prefetch("case__routing", queryset=CaseRoute.objects.select_related("body")),
            "addenda",
        )
        .order_by("number")
    )
    # Staff follow decisions as they are recorded; the public once the minutes are approved.
    show_decisions = not public or meeting.state == MeetingState.MINUTES_APPROVED
    earlier = _earlier_decisions(meeting=meeting, items=items, access=access)
    absences = list(meeting.absences.select_related("member"))
    apologies = [a.member.display_name for a in absences]
    entries = []
    for item in items:
        item.meeting = meeting  # every item is of this meeting: no query to ask for it again
        if item.is_closed and not internal:
            entries.append(AgendaEntry(number=item.number, title=item.title, redacted=True,
                                       closed=True))  # fmt: skip
            continue
        entry = AgendaEntry(
            number=item.number,
            title=item.title,
            redacted=False,
            closed=item.is_closed,
            item=item,
            case_number=item.case.number if item.case else "",
            routing=[r.body.abbreviation for r in item.case.routing.all()] if item.case else [],
            sections=item.sections(),
            earlier_decisions=earlier.get(item.case_id, []) if item.case_id else [],
            attachments=[
                AttachmentEntry(
                    number=a.number,
                    title=a.title,
                    document_number=a.document_number,
                    closed=a.closed,
                    attachment=a if internal or not a.closed else None,
                )
                for a in item.attachments.all()
            ],
        )
        if show_decisions and item.has_decision:
            entry.decision = DecisionEntry(
                body=meeting.body.name,
                date=meeting.date,
                text=item.decision,
                not_participating=[m.display_name for m in item.not_participating.all()],
                apologies=apologies,
                addenda=list(item.addenda.all()),
            )
        entries.append(entry)
    members = list(meeting.body.members.filter(active=True).order_by("position", "name"))
    return Agenda(meeting=meeting, members=members, absences=absences, entries=entries,
                  internal=internal)  # fmt: skip


def _earlier_decisions(
    *, meeting: Meeting, items: list[AgendaItem], access: Access
) -> dict[int, list[DecisionEntry]]:
    """Decisions taken on the meeting's cases at earlier meetings, oldest first, per case.

    Only decisions the viewer may read where they were made: a decision keeps the closure of
    the item it was made on, judged by that item's body (a decision on ØK's closed item is
    not printed on KB's agenda for KB's secretary). The public gets open items of approved
    minutes only.
    """
    case_ids = {item.case_id for item in items if item.case_id}
    if not case_ids:
        return {}
    earlier: QuerySet[AgendaItem] = (
        AgendaItem.objects.filter(case_id__in=case_ids, meeting__date__lt=meeting.date)
        .exclude(decision="")
        .select_related("meeting__body", "case")
        .prefetch_related(
            "not_participating",
            Prefetch("meeting__absences", queryset=Absence.objects.select_related("member")),
        )
        .order_by("meeting__date", "meeting__start_time")
    )
    earlier = access.agenda_items(earlier)
    if not access.staff:
        earlier = earlier.filter(meeting__state=MeetingState.MINUTES_APPROVED)
    result: dict[int, list[DecisionEntry]] = {}
    for item in earlier:
        if item.case_id is None:  # never: the query asks for the meeting's cases
            continue
        result.setdefault(item.case_id, []).append(
            DecisionEntry(
                body=item.meeting.body.name,
                date=item.meeting.date,
                text=item.decision,
                not_participating=[m.display_name for m in item.not_participating.all()],
                apologies=[a.member.display_name for a in item.meeting.absences.all()],
            )
        )
    return result


def meetings_in_period(
    *,
    first: datetime.date,
    last: datetime.date,
    bodies: Iterable[Body] | None = None,
    public: bool = False,
) -> QuerySet[Meeting]:
    """Meetings between two dates (inclusive), with their body, for calendars and feeds."""
    meetings: MeetingQuerySet = Meeting.objects.between(first, last).select_related("body")
    if bodies is not None:
        meetings = meetings.filter(body__in=bodies)
    if public:
        meetings = meetings.public()
    return meetings.order_by("date", "start_time", "body__position")


def cases_for(*, user: Reader | Access, query: str = "") -> QuerySet[Case]:
    """The cases a user may see, newest first, with their routing."""
    cases: QuerySet[Case] = Case.objects.visible_to(user).prefetch_related(
        Prefetch("routing", queryset=CaseRoute.objects.select_related("body"))
    )
    if query:
        cases = cases.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return cases.order_by("-created_at")


@dataclass
class CaseStep:
    body: Body
    items: list[AgendaItem]

    @property
    def decided(self) -> bool:
        return any(item.has_decision for item in self.items)


def case_progress(*, case: Case, user: Reader | Access) -> list[CaseStep]:
    """The case's routing with, per body, the agenda items that treated it (visible ones)."""
    items = list(
        AgendaItem.objects.visible_to(user)
        .filter(case=case)
        .select_related("meeting__body")
        .order_by("meeting__date", "meeting__start_time")
    )
    steps = []
    for route in case.routing.select_related("body"):
        steps.append(CaseStep(route.body, [i for i in items if i.meeting.body_id == route.body_id]))
    routed = {route.body_id for route in case.routing.all()}
    # Bodies that treated the case without being on its routing (e.g. Hovedudvalget, to
    # discuss it) are shown after the routing.
    for item in items:
        if item.meeting.body_id not in routed:
            steps.append(CaseStep(item.meeting.body, [item]))
            routed.add(item.meeting.body_id)
    return steps


def case_next_body(*, case: Case) -> Body | None:
    """The body the case goes to next: the first on its routing after the last that decided.

    None when the last body on the routing has decided, or when the next body already has the
    case on an agenda after that decision.
    """
    routing = [route.body for route in case.routing.select_related("body")]
    treated = list(AgendaItem.objects.filter(case=case).select_related("meeting"))
    return _next_body(routing, treated)


def _next_body(routing: list[Body], treated: list[AgendaItem]) -> Body | None:
    # A meeting without a start time (read from a published document) sorts first on its day.
    treated = sorted(
        treated, key=lambda item: (item.meeting.date, item.meeting.start_time or datetime.time.min)
    )
    decided = [item for item in treated if item.has_decision]
    if not decided:
        return None
    last = decided[-1]
    positions = [i for i, body in enumerate(routing) if body.pk == last.meeting.body_id]
    if not positions or positions[0] + 1 >= len(routing):
        return None
    following = routing[positions[0] + 1]
    already = any(
        item.meeting.body_id == following.pk and item.meeting.date >= last.meeting.date
        for item in treated
    )
    return None if already else following


def case_last_decision_date(*, case: Case) -> datetime.date | None:
    """The date of the latest meeting that decided on the case; None before any decision."""
    decided = (
        AgendaItem.objects.filter(case=case)
        .exclude(decision="")
        .order_by("-meeting__date")
        .values_list("meeting__date", flat=True)
        .first()
    )
    return decided


def meetings_for_next_step(*, case: Case, body: Body, upcoming: bool = True) -> QuerySet[Meeting]:
    """The meetings of `body` the case may go to next: not yet approved, after the last
    decision on the case (a KB meeting before ØK's decision cannot treat it) and, with
    `upcoming`, not in the past (what the case page offers)."""
    meetings = Meeting.objects.filter(body=body).exclude(state=MeetingState.MINUTES_APPROVED)
    if upcoming:
        meetings = meetings.filter(date__gte=datetime.date.today())
    decided = case_last_decision_date(case=case)
    if decided is not None:
        meetings = meetings.filter(date__gt=decided)
    return meetings.select_related("body").order_by("date", "start_time")


def cases_awaiting(*, body: Body, user: Reader | Access) -> list[Case]:
    """Cases decided by the previous body on their routing and now offered to this body."""
    candidates = (
        cases_for(user=user)
        .filter(routing__body=body)
        .distinct()
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting"))
        )[:200]
    )
    awaiting = []
    for case in candidates:
        nxt = _next_body([r.body for r in case.routing.all()], list(case.agenda_items.all()))
        if nxt is not None and nxt.pk == body.pk:
            awaiting.append(case)
    return awaiting


def timeline_for_plan_item(*, item: Item, user: Reader | Access) -> list[Entry]:
    """A plan item's cases and their treatment per body, for the item's timeline: one entry
    when the case was opened, one per meeting that treated it (the decision, or that it is on
    the agenda). Only what the access gate lets `user` see: cases visible to them, agenda
    items whose content they may read. Three queries, however many cases and decisions."""
    access = Access.of(user)
    cases = (
        Case.objects.visible_to(access)
        .filter(items=item)
        .prefetch_related(
            "routing__body",
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.visible_to(access)
                .filter(access.meeting_q("meeting__"))
                .select_related("meeting__body")
                .order_by("meeting__date", "meeting__start_time"),
                to_attr="treated",
            ),
        )
    )
    entries = []
    for case in cases:
        label = _("Sag %(number)s %(title)s") % {"number": case.number, "title": case.title}
        routing = ", ".join(route.body.abbreviation for route in case.routing.all())
        # A case registered after the meetings that treated it (an import of earlier years)
        # starts its story at its first treatment.
        created = timezone.localtime(case.created_at)
        opened: datetime.date | datetime.datetime = created
        if case.treated and case.treated[0].meeting.date < created.date():
            opened = case.treated[0].meeting.date
        entries.append(
            Entry(
                when=opened,
                kind=_("Sag"),
                title=label,
                text=_("Sagsgang: %s") % routing if routing else "",
                url=case.get_absolute_url(),
            )
        )
        for treated in case.treated:
            meeting = treated.meeting
            where = f"{meeting.body.name} {long_date(meeting.date, weekday=False)}"
            text = label
            if treated.has_decision:
                decision = treated.decision.strip()
                kind, title = _("Beslutning"), f"{where}: {_first_line(decision)}"
                if decision != _first_line(decision):
                    text = f"{label}\n{decision}"
            else:
                kind, title = _("Dagsorden"), _("%s: på dagsordenen") % where
            entries.append(
                Entry(
                    when=meeting.date,
                    kind=kind,
                    title=title,
                    text=text,
                    url=treated.get_absolute_url(),
                    who=meeting.body.name,
                )
            )
    return entries


def _first_line(text: str, limit: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
