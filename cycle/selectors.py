"""Reads of the annual cycle: the events of a year as rings of the wheel, the feeds, and what
the cycle adds to the strategic plan's page and to a plan item's timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from cycle.models import Event, EventKind, Placement
from danish.formatting import MONTHS, long_date
from meetings.access import Access
from meetings.models import AgendaItem, Attachment, PlannedTopic, PlannedTopicKind
from organisation.models import Body
from plans.models import Item, Plan
from plans.timeline import Entry

RINGS_BY_BODY = "udvalg"
RINGS_BY_KIND = "slags"
WHOLE_ORGANISATION = "Hele organisationen"


@dataclass
class Occurrence:
    event: Event
    date: datetime.date
    bodies: list[Body]
    url: str = ""  # the event's page, computed once per event
    where: str = ""  # "ØK, KB" or "Hele organisationen"

    @property
    def label(self) -> str:
        """The accessible name of the occurrence's mark on the wheel."""
        return f"{self.event.title}, {long_date(self.date, weekday=False)} ({self.where})"


@dataclass
class ListEntry:
    """One event in one month of the list beside the wheel, with its days that month."""

    event: Event
    url: str
    kind: str
    kind_label: str
    where: str
    days: str  # "5., 12., 19. og 26. januar"


@dataclass
class Ring:
    key: str
    label: str
    short: str
    occurrences: list[Occurrence] = field(default_factory=list)


@dataclass
class Year:
    year: int
    rings: list[Ring]
    occurrences: list[Occurrence]  # all, by date: the list beside the wheel
    months: list[tuple[int, str, list[ListEntry]]]  # (month 1-12, its name, its events)


def events(*, body: Body | None = None) -> QuerySet[Event]:
    chosen: QuerySet[Event] = Event.objects.with_everything()
    return chosen.for_body(body) if body is not None else chosen.all()  # type: ignore[attr-defined]


def cycle_year(*, year: int, body: Body | None = None, rings: str = RINGS_BY_BODY) -> Year:
    """The year's occurrences of every event (or of the body's and the whole organisation's),
    grouped in rings per body (the whole organisation outermost) or per kind of event.
    Two queries, however many events and bodies."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    found: list[Occurrence] = []
    for event in events(body=body):
        bodies = list(event.bodies.all())
        url = event.get_absolute_url()
        where = ", ".join(b.abbreviation for b in bodies) or WHOLE_ORGANISATION
        if event.whole_organisation and bodies:
            where = f"{where}, {WHOLE_ORGANISATION.lower()}"
        for date in event.occurrences(first, last):
            found.append(Occurrence(event=event, date=date, bodies=bodies, url=url, where=where))
    found.sort(key=lambda o: (o.date, o.event.title))
    ring_list: list[Ring] = []
    if rings == RINGS_BY_KIND:
        by_kind = {kind: Ring(kind.value, str(kind.label), str(kind.label)) for kind in EventKind}
        for occurrence in found:
            by_kind[EventKind(occurrence.event.kind)].occurrences.append(occurrence)
        ring_list = [ring for ring in by_kind.values() if ring.occurrences]
    else:
        whole = Ring("hele", WHOLE_ORGANISATION, "Alle")
        by_body: dict[int, Ring] = {}
        order: dict[int, tuple[int, str]] = {}
        for occurrence in found:
            if occurrence.event.whole_organisation:
                whole.occurrences.append(occurrence)
            for b in occurrence.bodies:
                if body is not None and b.pk != body.pk:
                    continue
                if b.pk not in by_body:
                    by_body[b.pk] = Ring(f"udvalg-{b.pk}", b.name, b.abbreviation)
                    order[b.pk] = (b.position, b.name)
                by_body[b.pk].occurrences.append(occurrence)
        # Inner rings first: the bodies by their order, the whole organisation outermost.
        ring_list = [by_body[pk] for pk in sorted(by_body, key=order.__getitem__)]
        if whole.occurrences:
            ring_list.append(whole)
    months = [(m, MONTHS[m - 1], _month_list(found, m)) for m in range(1, 13)]
    return Year(year=year, rings=ring_list, occurrences=found, months=months)


def _days(dates: list[datetime.date]) -> str:
    days = [f"{d.day}." for d in dates]
    text = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} og {days[-1]}"
    return f"{text} {MONTHS[dates[0].month - 1]}"


def _month_list(found: list[Occurrence], month: int) -> list[ListEntry]:
    """The month's events once each (a weekly event is one line with its days), by first day."""
    by_event: dict[int, list[Occurrence]] = {}
    for occurrence in found:
        if occurrence.date.month == month:
            by_event.setdefault(occurrence.event.pk, []).append(occurrence)
    entries = []
    labels = dict(EventKind.choices)
    for occurrences in by_event.values():
        first = occurrences[0]
        entries.append(
            ListEntry(
                event=first.event,
                url=first.url,
                kind=first.event.kind,
                kind_label=str(labels.get(first.event.kind, "")),
                where=first.where,
                days=_days([o.date for o in occurrences]),
            )
        )
    return entries


def event_detail(*, pk: int) -> Event:
    event: Event = Event.objects.with_everything().get(pk=pk)
    return event


def placements(*, event: Event) -> list[Placement]:
    """Where the event's occurrences were placed: on which body's meeting, or awaiting."""
    return list(
        Placement.objects.filter(event=event)
        .select_related("body", "topic")
        .order_by("occurrence", "body__position")
    )


def awaiting_date(*, body: Body | None = None) -> list[Placement]:
    """Occurrences that belong on a meeting but have no fitting meeting yet."""
    chosen = Placement.objects.filter(topic__planned_for=None, topic__agenda_item=None)
    if body is not None:
        chosen = chosen.filter(body=body)
    return list(chosen.select_related("event", "body", "topic").order_by("occurrence"))


# --- What the cycle adds to the plans' pages ---------------------------------------------------


@dataclass
class Review:
    date: datetime.date
    body: str
    title: str
    decision: str
    url: str
    attachments: list[tuple[str, str]]  # (title, url) of those the user may see


def strategic_reviews(*, plan: Plan, user: Any) -> list[Review]:
    """The board's reviews of the plan that have been put on an agenda, with their decisions
    ("Drøftet."), as `user` may see them: the items through the access gate, their
    attachments too. A fixed number of queries."""
    access = Access.for_user(user)
    item_ids = Placement.objects.filter(
        event__kind=EventKind.STRATEGIC_REVIEW, event__plan=plan, topic__agenda_item__isnull=False
    ).values("topic__agenda_item")
    items = (
        access.agenda_items(AgendaItem.objects.filter(pk__in=item_ids))
        .select_related("meeting__body", "case")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=access.attachments(Attachment.objects.all()),
                to_attr="visible_attachments",
            )
        )
        .order_by("meeting__date")
    )
    return [
        Review(
            date=item.meeting.date,
            body=item.meeting.body.name,
            title=item.title,
            decision=item.decision,
            url=item.get_absolute_url(),
            attachments=[(a.title, a.get_absolute_url()) for a in item.visible_attachments],
        )
        for item in items
    ]


def strategic_briefings(*, plan: Plan, user: Any) -> list[PlannedTopic]:
    """The directors' briefings ("oplæg med strategisk ophæng") planned on the plan's themes."""
    return list(
        PlannedTopic.objects.filter(kind=PlannedTopicKind.BRIEFING, theme__plan=plan)
        .select_related("body", "theme")
        .order_by("planned_for", "created_at")
    )


def timeline_entries(*, item: Item, user: Any) -> list[Entry]:
    """The cycle's events serving the item, as placed on meetings: "Direktionen 3. juni 2026:
    Strategisk opfølgning". A topic made into an agenda item links to it and shows its
    decision only when `user` may read the item. Three queries."""
    placed = list(
        Placement.objects.filter(event__item=item)
        .select_related("event", "body", "topic__agenda_item")
        .order_by("occurrence")
    )
    readable = Access.for_user(user).content_item_ids(
        [p.topic.agenda_item_id for p in placed if p.topic.agenda_item_id]
    )
    found = []
    for placement in placed:
        topic = placement.topic
        date = topic.planned_for
        where = (
            f"{placement.body.name} {long_date(date, weekday=False)}"
            if date
            else f"{placement.body.name}, afventer dato"
        )
        entry_item = topic.agenda_item if topic.agenda_item_id in readable else None
        found.append(
            Entry(
                when=date or placement.occurrence,
                kind="Årshjul",
                title=f"{where}: {placement.event.title}",
                text=entry_item.decision if entry_item is not None else "",
                url=entry_item.get_absolute_url() if entry_item is not None else "",
                who=placement.event.responsible,
            )
        )
    return found
