"""The committee's work plan ("Udvalgets arbejdsplan") of one year, as one viewer may see it.

What it holds (issue 11): the plan items that need political treatment in the committee (its
own, those naming it among the bodies that treat them, and those of other bodies whose case is
routed through it: ØK → KB, DIR → ØK), placed by the secretary or else by their indicative
time on the committee's meetings; the cases already on those meetings, through the access
gate; the planned topics of the forward plan; and what awaits a date. The page, the PDF, the
.docx and the iCal file all read this one selector, in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse

from danish.formatting import MONTHS, long_date, timing_label
from meetings.access import CLOSED_ITEM, Access
from meetings.models import TOPIC_ORDER, AgendaItem, Case, CaseRoute, Meeting, PlannedTopic
from organisation.models import Body
from plans.models import Item, ItemStatus
from workplans.models import Placement, WorkplanVersion

AWAITING = "Afventer dato"
# The years a work plan may be asked for: the municipality's budget periods lie well inside.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Entry:
    """One item or topic on the work plan, where it stands and whether it fits its time."""

    key: str  # "item-12" or "topic-5": stable across versions, for "changed since"
    kind: str  # "item" or "topic"
    title: str
    code: str = ""
    url: str = ""
    item: Item | None = None
    topic: PlannedTopic | None = None
    placement: Placement | None = None
    where: str = ""  # "meeting-34", "month-3" or "" (awaiting a date)
    where_label: str = AWAITING
    date: datetime.date | None = None
    done: bool = False
    decided: bool = False  # a decision on the case is recorded on the meeting it is placed on
    # Else the day of the committee's meeting (this year) that recorded one, when one did.
    decided_on: datetime.date | None = None
    fits: bool = True
    suggestion: tuple[int, int | None, int | None] | None = None  # (year, quarter, month)
    via: str = ""  # "sag 25/100: ØK, AU, KB" for an item coming through a case's routing
    origin: str = ""  # the owning committee's abbreviation, when another body's item

    @property
    def status(self) -> str:
        """As the page and the documents say it."""
        if self.done:
            return "Behandlet"
        if self.decided:
            return "Beslutning registreret"
        if self.decided_on is not None:
            return f"Beslutning registreret på mødet {long_date(self.decided_on)}"
        return "Planlagt" if self.where else "Afventer dato"

    @property
    def version(self) -> int:
        """The placement's version the page's forms carry (0: placed by its time only)."""
        return self.placement.version if self.placement is not None else 0

    @property
    def placed(self) -> bool:
        return self.placement is not None

    @property
    def suggestion_label(self) -> str:
        return timing_label(*self.suggestion) if self.suggestion else ""

    @property
    def timing(self) -> str:
        return self.item.timing_label if self.item is not None else ""


@dataclass
class CaseLine:
    """An agenda item already on one of the committee's meetings (closed ones redacted)."""

    number: int
    title: str
    case_number: str
    url: str
    closed: bool
    decided: bool


@dataclass
class Slot:
    """A meeting of the committee, or a month with things placed in it but no meeting."""

    kind: str  # "meeting" or "month"
    label: str
    date: datetime.date
    meeting: Meeting | None = None
    entries: list[Entry] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    past: bool = False

    @property
    def where(self) -> str:
        return f"meeting-{self.meeting.pk}" if self.meeting else f"month-{self.date.month}"


@dataclass
class Change:
    """What changed since the version last presented to the committee."""

    kind: str  # "Nyt", "Flyttet", "Behandlet", "Udgået"
    title: str
    text: str = ""


@dataclass
class Workplan:
    body: Body
    year: int
    slots: list[Slot]
    awaiting: list[Entry]
    meetings: list[Meeting]
    last_version: WorkplanVersion | None
    changes: list[Change] | None  # None: never presented

    @property
    def title(self) -> str:
        return f"{self.body.name}s arbejdsplan {self.year}"

    def entries(self) -> list[Entry]:
        return [e for slot in self.slots for e in slot.entries] + self.awaiting

    def targets(self) -> list[tuple[str, str]]:
        """Where an entry may be placed: each meeting, each month, or awaiting a date."""
        choices = [
            (f"meeting-{m.pk}", f"Mødet {long_date(m.date, weekday=False)}") for m in self.meetings
        ]
        choices += [
            (f"month-{n}", f"I {MONTHS[n - 1]} {self.year} (uden møde)") for n in range(1, 13)
        ]
        return choices + [("none", AWAITING)]

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """The entries as the version presented now keeps them."""
        return {
            e.key: {
                "title": e.title,
                "where": e.where,
                "where_label": e.where_label,
                "done": e.done,
            }
            for e in self.entries()
        }


_SENTINEL = 987654321


def _url_for(name: str) -> Any:
    """A function pk -> the URL of `name`, reversed once: a busy work plan links a hundred
    items and agenda items, and reverse() is the largest part of building it."""
    pattern = reverse(name, args=[_SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


def workplan_bodies() -> QuerySet[Body]:
    """Bodies with a work plan: every body that meets (the committees, KB, DIR, MED)."""
    return Body.objects.all()


def workplan_for(
    *,
    body: Body,
    year: int,
    user: Any,
    today: datetime.date | None = None,
    before_version: int | None = None,
) -> Workplan:
    """The work plan of `body` for `year` as `user` (a user or an Access) may see it, with
    what changed since the version last presented (before the version `before_version`, for
    the document of that version itself)."""
    access = Access.of(user)
    today = today or datetime.date.today()
    meetings = list(Meeting.objects.filter(body=body, date__year=year).order_by("date", "pk"))
    by_meeting = {m.pk: m for m in meetings}
    placements = list(Placement.objects.filter(body=body, year=year))
    item_placements = {p.item_id: p for p in placements if p.item_id}
    topic_placements = {p.topic_id: p for p in placements if p.topic_id}

    # Items of other bodies coming here through a case's routing, for the cases the viewer
    # may see (a closed case's routing tells of it).
    links = Case.items.through.objects.filter(case__routing__body=body).filter(
        access.case_q("case__")
    )
    routed: dict[int, tuple[int, str]] = {}
    for item_id, case_id, number in links.values_list("item_id", "case_id", "case__number"):
        routed.setdefault(item_id, (case_id, number))
    routes: dict[int, list[str]] = {}
    for case_id, abbreviation in (
        CaseRoute.objects.filter(case_id__in={c for c, _ in routed.values()})
        .order_by("case_id", "position")
        .values_list("case_id", "body__abbreviation")
    ):
        routes.setdefault(case_id, []).append(abbreviation)

    in_year = (
        Q(timing_year=year)
        | Q(timing_year__isnull=True, plan__first_year__lte=year, plan__last_year__gte=year)
        | Q(pk__in=list(item_placements))
    )
    treated_here = Q(needs_political_treatment=True) & (
        Q(committee=body) | Q(political_bodies=body)
    )
    items = list(
        Item.objects.filter(treated_here | Q(pk__in=list(routed)))
        .filter(in_year)
        .exclude(status=ItemStatus.DROPPED)
        .select_related("committee")
        .distinct()
        .order_by("code", "pk")
    )
    topics = list(
        PlannedTopic.objects.filter(body=body)
        .filter(
            Q(planned_for__year=year)
            | Q(planned_for__isnull=True)
            | Q(pk__in=list(topic_placements))
        )
        .order_by(*TOPIC_ORDER)
    )

    cases_by_meeting, decided = _cases_on(meetings, access)
    decided_on: dict[int, list[datetime.date]] = {}
    for meeting_pk, item_pk in decided:
        decided_on.setdefault(item_pk, []).append(by_meeting[meeting_pk].date)
    for dates in decided_on.values():
        dates.sort()
    slots = {m.pk: _meeting_slot(m, today) for m in meetings}
    months: dict[int, Slot] = {}
    awaiting: list[Entry] = []

    def put(entry: Entry) -> None:
        if entry.where.startswith("meeting-"):
            slots[int(entry.where.removeprefix("meeting-"))].entries.append(entry)
        elif entry.where.startswith("month-"):
            month = int(entry.where.removeprefix("month-"))
            if month not in months:
                months[month] = Slot(
                    kind="month",
                    label=f"{MONTHS[month - 1].capitalize()} {year} (uden møde)",
                    date=datetime.date(year, month, 1),
                    past=datetime.date(year, month, 1) < today.replace(day=1),
                )
            months[month].entries.append(entry)
        else:
            awaiting.append(entry)

    item_url = _url_for("plans:item")
    for item in items:
        entry = Entry(
            key=f"item-{item.pk}",
            kind="item",
            title=item.title,
            code=item.code,
            url=item_url(item.pk),
            item=item,
        )
        if item.committee_id != body.pk:
            entry.origin = item.committee.abbreviation
        if item.pk in routed and item.committee_id != body.pk:
            case_id, number = routed[item.pk]
            entry.via = f"sag {number}: {', '.join(routes.get(case_id, []))}"
        placement = item_placements.get(item.pk)
        if placement is not None:
            _place(entry, placement, by_meeting, year)
            entry.fits, entry.suggestion = _fits(item, entry.date)
        else:
            meeting = _meeting_for_timing(item, meetings, year, today)
            if meeting is not None:
                _at_meeting(entry, meeting)
            entry.done = item.is_completed
        if entry.where.startswith("meeting-"):
            entry.decided = (int(entry.where.removeprefix("meeting-")), item.pk) in decided
        if not entry.decided and decided_on.get(item.pk):
            entry.decided_on = decided_on[item.pk][0]  # placed elsewhere, decided here
        put(entry)

    meeting_on = {m.date: m for m in reversed(meetings)}  # the first meeting of a day
    for topic in topics:
        entry = Entry(key=f"topic-{topic.pk}", kind="topic", title=topic.title, topic=topic)
        placement = topic_placements.get(topic.pk)
        if placement is not None:
            _place(entry, placement, by_meeting, year)
        elif topic.planned_for is not None and topic.planned_for.year == year:
            meeting = meeting_on.get(topic.planned_for)
            if meeting is not None:
                _at_meeting(entry, meeting)
            else:
                entry.where = f"month-{topic.planned_for.month}"
                entry.where_label = f"{MONTHS[topic.planned_for.month - 1]} {year}"
                entry.date = topic.planned_for
        put(entry)

    for pk, slot in slots.items():
        slot.cases = cases_by_meeting.get(pk, [])
    ordered = sorted(
        [*slots.values(), *months.values()],
        key=lambda s: (s.date.month, s.kind == "month", s.date),
    )
    versions = WorkplanVersion.objects.filter(body=body, year=year)
    if before_version is not None:
        versions = versions.filter(pk__lt=before_version)
    last = versions.order_by("-presented_at", "-pk").first()
    plan = Workplan(
        body=body,
        year=year,
        slots=ordered,
        awaiting=awaiting,
        meetings=meetings,
        last_version=last,
        changes=None,
    )
    if last is not None:
        plan.changes = changes_since(last.entries, plan.snapshot())
    return plan


def _meeting_slot(meeting: Meeting, today: datetime.date) -> Slot:
    return Slot(
        kind="meeting",
        label=long_date(meeting.date),
        date=meeting.date,
        meeting=meeting,
        past=meeting.date < today,
    )


def _at_meeting(entry: Entry, meeting: Meeting) -> None:
    entry.where = f"meeting-{meeting.pk}"
    entry.where_label = f"mødet {long_date(meeting.date, weekday=False)}"
    entry.date = meeting.date


def _place(entry: Entry, placement: Placement, meetings: dict[int, Meeting], year: int) -> None:
    entry.placement = placement
    entry.done = placement.done
    meeting = meetings.get(placement.meeting_id) if placement.meeting_id else None
    if meeting is not None:
        _at_meeting(entry, meeting)
    elif placement.month:
        entry.where = f"month-{placement.month}"
        entry.where_label = f"{MONTHS[placement.month - 1]} {year}"
        entry.date = datetime.date(year, placement.month, 1)


def _meeting_for_timing(
    item: Item, meetings: list[Meeting], year: int, today: datetime.date
) -> Meeting | None:
    """The committee's meeting the item's indicative time points at: the first coming meeting
    in its month or quarter (the first of them, when all have been held); a year alone points
    at no meeting (awaiting a date)."""
    if item.timing_year != year or not (item.timing_month or item.timing_quarter):
        return None
    if item.timing_month:
        wanted = {item.timing_month}
    else:
        first = (item.timing_quarter or 1) * 3 - 2
        wanted = {first, first + 1, first + 2}
    fitting = [m for m in meetings if m.date.month in wanted]
    coming = [m for m in fitting if m.date >= today]
    chosen = coming or fitting
    return chosen[0] if chosen else None


def _fits(
    item: Item, date: datetime.date | None
) -> tuple[bool, tuple[int, int | None, int | None] | None]:
    """Whether a placement on `date` agrees with the item's indicative time, and if not the
    time it would be, at the same precision (year, quarter or month)."""
    if date is None or item.timing_year is None:
        return True, None
    quarter = (date.month - 1) // 3 + 1
    if item.timing_month:
        fits = (item.timing_year, item.timing_month) == (date.year, date.month)
        return fits, None if fits else (date.year, None, date.month)
    if item.timing_quarter:
        fits = (item.timing_year, item.timing_quarter) == (date.year, quarter)
        return fits, None if fits else (date.year, quarter, None)
    fits = item.timing_year == date.year
    return fits, None if fits else (date.year, None, None)


def _cases_on(
    meetings: list[Meeting], access: Access
) -> tuple[dict[int, list[CaseLine]], set[tuple[int, int]]]:
    """The agenda items (not the template's standing items) on the meetings, redacted where
    the viewer may not read them, and the (meeting, plan item) pairs with a recorded decision
    on a case the viewer may read."""
    if not meetings:
        return {}, set()
    visible: Any = (
        models.Value(True)
        if access.sees_everything
        else models.Case(
            models.When(access.agenda_item_q(), then=models.Value(True)),
            default=models.Value(False),
            output_field=models.BooleanField(),
        )
    )
    rows = list(
        AgendaItem.objects.filter(meeting__in=meetings, standing="")
        .filter(access.meeting_q("meeting__"))
        .select_related("case")
        .annotate(visible=visible)
        .order_by("meeting__date", "number")
    )
    decided_cases = {
        (row.meeting_id, row.case_id)
        for row in rows
        if row.case_id and row.visible and row.has_decision
    }
    decided: set[tuple[int, int]] = set()
    if decided_cases:
        for case_id, item_id in Case.items.through.objects.filter(
            case_id__in={c for _, c in decided_cases}
        ).values_list("case_id", "item_id"):
            decided |= {(m, item_id) for m, c in decided_cases if c == case_id}
    lines: dict[int, list[CaseLine]] = {}
    agenda_item_url = _url_for("meetings:agenda_item")
    for row in rows:
        if row.visible or not row.is_closed:
            line = CaseLine(
                number=row.number,
                title=row.title,
                case_number=row.case.number if row.case else "",
                url=agenda_item_url(row.pk),
                closed=row.is_closed,
                decided=row.has_decision,
            )
        else:
            line = CaseLine(
                number=row.number,
                title=f"{CLOSED_ITEM}: {row.title}",
                case_number="",
                url="",
                closed=True,
                decided=False,
            )
        lines.setdefault(row.meeting_id, []).append(line)
    return lines, decided


def changes_since(before: dict[str, Any], now: dict[str, dict[str, Any]]) -> list[Change]:
    """Added, moved, done and gone since the version `before` (a snapshot)."""
    changes: list[Change] = []
    for key, entry in now.items():
        old = before.get(key)
        if old is None:
            changes.append(Change("Nyt", entry["title"], entry["where_label"]))
            continue
        if old.get("where") != entry["where"]:
            text = f"Fra {old.get('where_label', AWAITING)} til {entry['where_label']}"
            changes.append(Change("Flyttet", entry["title"], text))
        if entry["done"] and not old.get("done"):
            changes.append(Change("Behandlet", entry["title"], entry["where_label"]))
    for key, old in before.items():
        if key not in now:
            changes.append(Change("Udgået", old.get("title", ""), old.get("where_label", "")))
    return changes


def placement_target(
    *, body: Body, year: int, value: str
) -> tuple[Meeting | None, int | None] | None:
    """The meeting or month a form's target ("meeting-34", "month-3", "none") names, or None
    when it names neither (another body's meeting, another year, nonsense)."""
    if value == "none":
        return None, None
    kind, _, number = value.partition("-")
    if not number.isdigit() or len(number) > 10:
        return None
    if kind == "month" and 1 <= int(number) <= 12:
        return None, int(number)
    if kind == "meeting":
        meeting = Meeting.objects.filter(pk=int(number), body=body, date__year=year).first()
        if meeting is not None:
            return meeting, None
    return None


def where_label(*, meeting_date: datetime.date | None, month: int | None, year: int) -> str:
    """Where a placement puts its entry, as a timeline or a history reads it: "mødet 10. juni
    2025", "september 2025" or "»Afventer dato«"."""
    if meeting_date is not None:
        return f"mødet {long_date(meeting_date, weekday=False)}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return f"»{AWAITING}«"


def standing_by_time(
    *, body: Body, year: int, item: Item | None = None, topic: PlannedTopic | None = None
) -> str:
    """Where an entry without a placement stands on the work plan now, by its indicative time
    (an item) or its forward-plan date (a topic), as where_label says it; "" when it awaits a
    date. Placing it is then a move from there. One query."""
    meetings = list(Meeting.objects.filter(body=body, date__year=year).order_by("date", "pk"))
    if item is not None:
        meeting = _meeting_for_timing(item, meetings, year, datetime.date.today())
        return where_label(meeting_date=meeting.date, month=None, year=year) if meeting else ""
    if topic is not None and topic.planned_for is not None and topic.planned_for.year == year:
        on_the_day = any(m.date == topic.planned_for for m in meetings)
        return where_label(
            meeting_date=topic.planned_for if on_the_day else None,
            month=None if on_the_day else topic.planned_for.month,
            year=year,
        )
    return ""


MOVED = "Flyttet"


def placement_timeline(*, item: Item, user: Any) -> list[Any]:
    """The item's placements on work plans, for its timeline (plans.timeline): every placing,
    move and marking done, in three queries. A move reads "Flyttet fra mødet 23. april 2026 til
    mødet 10. december 2026": from the placement's previous entry, or for the first placement
    of an item that stood by its time elsewhere, from what the service recorded then. A save
    that moved nothing tells nothing. A placement names a committee and a meeting date, which
    every staff member may see; no meeting content is read."""
    from plans.timeline import Entry as TimelineEntry

    records = list(
        Placement.history.filter(item_id=item.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if not records:
        return []
    bodies = dict(
        Body.objects.filter(pk__in={r.body_id for r in records}).values_list("pk", "name")
    )
    dates = dict(
        Meeting.objects.filter(pk__in={r.meeting_id for r in records if r.meeting_id}).values_list(
            "pk", "date"
        )
    )
    entries = []
    before: dict[int, str] = {}  # placement id -> where its previous entry put it
    for record in records:
        where = where_label(
            meeting_date=dates.get(record.meeting_id), month=record.month, year=record.year
        )
        previous = before.get(record.id)
        before[record.id] = where
        reason = record.history_change_reason or ("Slettet" if record.history_type == "-" else "")
        if reason.startswith(MOVED) and previous is not None:
            if previous == where:
                continue
            what = f"{MOVED} fra {previous} til {where}"
        elif reason.startswith(f"{MOVED} fra "):
            what = f"{reason} til {where}"
        else:
            what = f"{reason or 'Ændret'} ({where})"
        name = bodies.get(record.body_id, "")
        entries.append(
            TimelineEntry(
                when=record.history_date,
                kind="Arbejdsplan",
                title=f"{name}s arbejdsplan {record.year}: {what}",
                url=reverse("workplans:workplan", args=[record.body_id, record.year]),
                who=record.history_user.get_full_name() if record.history_user else "",
            )
        )
    return entries
