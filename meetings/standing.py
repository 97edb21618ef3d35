"""The text of standing agenda items, filled in from the calendar and the forward plan.

Direktionen's agenda (seed 004) opens with a review of the committees' minutes and agendas
and the "roll" of coming ØK and KB dates, and ends with the forward plan. When a meeting is
created from the body's template, these texts are written from what Kursen knows; the
secretary edits them from there like any other section.
"""

from __future__ import annotations

import datetime

from danish.formatting import MONTHS, long_date
from meetings.models import TOPIC_ORDER, Meeting, PlannedTopic, StandingItem, StandingKind
from organisation.models import Body

# How far back and ahead the review looks, around the meeting.
REVIEW_BACK = datetime.timedelta(days=7)
REVIEW_AHEAD = datetime.timedelta(days=7)
COMING_AHEAD = datetime.timedelta(days=28)
POLITICAL_KINDS = [
    Body.Kind.COUNCIL,
    Body.Kind.FINANCE_COMMITTEE,
    Body.Kind.STANDING_COMMITTEE,
]


def _shift(date: datetime.date, delta: datetime.timedelta) -> datetime.date:
    """The date moved by delta, held inside the calendar (a meeting on 31/12 9999 has no after)."""
    try:
        return date + delta
    except OverflowError:
        return datetime.date.max if delta > datetime.timedelta(0) else datetime.date.min


def text_for(standing_item: StandingItem, meeting: Meeting) -> str:
    fixed = standing_item.case_presentation
    if standing_item.kind == StandingKind.REVIEW:
        return _join(review_text(meeting), fixed)
    if standing_item.kind == StandingKind.TREATMENT:
        return _join(fixed, treatment_text(meeting))
    if standing_item.kind == StandingKind.FORWARD_PLAN:
        return _join(forward_plan_text(meeting), fixed)
    return fixed


def _join(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _day(date: datetime.date) -> str:
    """'16. november', as the review lists meetings."""
    return f"{date.day}. {MONTHS[date.month - 1]}"


def roll_text(meeting: Meeting) -> str:
    """'Rul december: ØK d. 5/12 2023, KB d. 12/12 2023': the next ØK and KB meetings."""
    parts, month = [], None
    for kind in (Body.Kind.FINANCE_COMMITTEE, Body.Kind.COUNCIL):
        nxt = (
            Meeting.objects.filter(body__kind=kind, date__gt=meeting.date)
            .select_related("body")
            .order_by("date")
            .first()
        )
        if nxt is not None:
            month = month or MONTHS[nxt.date.month - 1]
            parts.append(
                f"{nxt.body.abbreviation} d. {nxt.date.day}/{nxt.date.month} {nxt.date.year}"
            )
    return f"Rul {month}: {', '.join(parts)}" if parts else ""


def review_text(meeting: Meeting) -> str:
    """Item 1 of the board's agenda: minutes just held, agendas coming, coming meetings."""
    others = (
        Meeting.objects.exclude(body=meeting.body)
        .filter(body__kind__in=POLITICAL_KINDS)
        .select_related("body")
        .order_by("date", "start_time")
    )
    held = others.filter(date__gte=_shift(meeting.date, -REVIEW_BACK), date__lt=meeting.date)
    ahead = _shift(meeting.date, REVIEW_AHEAD)
    coming_agendas = others.filter(date__gte=meeting.date, date__lte=ahead)
    later = others.filter(date__gt=ahead, date__lte=_shift(meeting.date, COMING_AHEAD))
    lines = []
    roll = roll_text(meeting)
    if roll:
        lines += [roll, ""]
    lines.append("- Gennemgang af beslutningsprotokol for")
    lines += [f"  - {m.body.name} d. {_day(m.date)}" for m in held] or ["  - (ingen møder)"]
    lines.append("- Gennemgang af dagsorden for:")
    lines += [f"  - {m.body.name} d. {_day(m.date)}" for m in coming_agendas] or [
        "  - (ingen møder)"
    ]
    if later:
        lines.append("- Kommende politiske møder:")
        lines += [f"  - {m.body.name} d. {_day(m.date)}" for m in later]
    return "\n".join(lines)


def treatment_text(meeting: Meeting) -> str:
    """Item 3: the topics planned for this meeting, as a table the secretary gives times."""
    # Topics with their own item are on the agenda as that item, not in this table.
    topics = PlannedTopic.objects.filter(
        body=meeting.body, planned_for=meeting.date, own_item=False
    ).order_by(*TOPIC_ORDER)
    if not topics:
        return ""
    rows = ["| Tid | Punkt |", "|---|---|"]
    for topic in topics:
        text = f"{topic.title}: {topic.description}" if topic.description else topic.title
        rows.append(f"|  | {text.replace('|', '/')} |")
    return "Direktionen har følgende øvrige punkter til behandling:\n\n" + "\n".join(rows)


def forward_plan_text(meeting: Meeting) -> str:
    """Item 4: topics planned for the body's next meetings by date, and those awaiting a date."""
    topics = PlannedTopic.objects.filter(body=meeting.body).order_by(*TOPIC_ORDER)
    dated = [t for t in topics if t.planned_for and t.planned_for > meeting.date]
    waiting = [t for t in topics if t.planned_for is None]
    parts = []
    if dated:
        rows = ["| Dato | Punkt |", "|---|---|"]
        for topic in sorted(dated, key=lambda t: (t.planned_for, t.position, t.created_at, t.pk)):
            date = long_date(topic.planned_for, weekday=False)
            rows.append(f"| {date} | {topic.title.replace('|', '/')} |")
        parts.append(
            f"Til de kommende møder i {meeting.body.name} er der foreløbigt følgende punkter:\n\n"
            + "\n".join(rows)
        )
    if waiting:
        lines = []
        for topic in waiting:
            # Which occurrence: a yearly event awaiting twice reads "(maj 2027)", "(november
            # 2027)".
            title = f"{topic.title} ({topic.wanted_label})" if topic.wanted_label else topic.title
            lines.append(f"- {title}. {topic.description}" if topic.description else f"- {title}")
        parts.append("Punkter som afventer dato:\n\n" + "\n".join(lines))
    return "\n\n".join(parts)
