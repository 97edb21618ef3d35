"""The demo's work plans: AU's and BUU's for 2026, with items placed on their meetings, topics
on their forward plans, one item done, one placed outside its indicative time (the page offers
to adjust it) and AU's work plan presented at its December meeting, then changed since."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from meetings import services as meeting_services
from meetings.access import Access
from meetings.models import Meeting
from organisation.models import Body
from workplans import services
from workplans.models import Placement
from workplans.selectors import workplan_for

YEAR = 2026
TOPICS = {
    "AU": [
        ("Besøg på jobcentret i Grenaa", 3),
        ("Orientering om ungeindsatsen", 9),
        ("Temadrøftelse om rekruttering af arbejdskraft", None),
    ],
    "BUU": [
        ("Dialogmøde med skolebestyrelserne", 4),
        ("Status på inklusionsindsatsen", None),
    ],
}


def demo_workplans(*, user: User) -> dict[str, int]:
    """Idempotent: nothing is added when the demo's work plans are there."""
    bodies = {b.abbreviation: b for b in Body.objects.filter(abbreviation__in=TOPICS)}
    if len(bodies) < len(TOPICS) or Placement.objects.filter(body__in=bodies.values()).exists():
        return {"placements_created": 0}
    created = 0
    for abbreviation, body in bodies.items():
        meetings = list(Meeting.objects.filter(body=body, date__year=YEAR).order_by("date"))
        if not meetings:
            continue
        for title, month in TOPICS[abbreviation]:
            date = next((m.date for m in meetings if m.date.month == month), None)
            meeting_services.planned_topic_add(body=body, title=title, planned_for=date, user=user)
        created += _place(body, meetings, user)
    au = bodies["AU"]
    coming = Meeting.objects.filter(body=au, date__year=YEAR).exclude(state="minutes_approved")
    meeting = coming.order_by("date").last()
    if meeting is not None:
        services.workplan_present(body=au, year=YEAR, meeting=meeting, user=user)
        # Changes after the presentation: the page lists them under "changed since".
        meeting_services.planned_topic_add(
            body=au, title="Orientering om budgetopfølgningen", planned_for=meeting.date, user=user
        )
        plan = workplan_for(body=au, year=YEAR, user=Access.system())
        timed = next((e for e in plan.entries() if e.item is not None and not e.placed), None)
        if timed is not None:
            services.placement_save(
                body=au, year=YEAR, item=timed.item, meeting=meeting, expected_version=0, user=user
            )
            created += 1
    return {"placements_created": created}


def _place(body: Body, meetings: list[Meeting], user: User) -> int:
    """Place the first items awaiting a date on meetings; put one on a meeting outside its
    time; mark one placed by its time as treated."""
    plan = workplan_for(body=body, year=YEAR, user=Access.system())
    items = [e for e in plan.entries() if e.item is not None]
    waiting = [e for e in plan.awaiting if e.item is not None]
    created = 0
    for entry, meeting in zip(waiting[:3], meetings[2::3], strict=False):
        services.placement_save(
            body=body, year=YEAR, item=entry.item, meeting=meeting, expected_version=0, user=user
        )
        created += 1
    timed = [e for e in items if e.where.startswith("meeting-") and not e.placed]
    if timed:
        # Moved to a meeting three months later than its time: "passer ikke til tidspunktet".
        entry = timed[-1]
        later = [
            m for m in meetings if entry.date and m.date > entry.date + datetime.timedelta(days=80)
        ]
        if later:
            services.placement_save(
                body=body,
                year=YEAR,
                item=entry.item,
                meeting=later[0],
                expected_version=0,
                user=user,
            )
            created += 1
    past = [e for e in timed[:-1] if e.date and e.date < datetime.date(YEAR, 11, 1)]
    if past:
        meeting = next(m for m in meetings if f"meeting-{m.pk}" == past[0].where)
        services.placement_set_done(
            body=body,
            year=YEAR,
            item=past[0].item,
            done=True,
            expected_version=0,
            user=user,
            where=(meeting, None),
        )
        created += 1
    return created
