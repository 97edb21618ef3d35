"""The committee's work plan as an iCalendar file (RFC 5545): one event per meeting of the
year, naming what is placed on it, so the plan lives in Outlook beside the meetings.

It is built from the work plan as the viewer may see it (workplans.selectors), so a closed case
appears only as the page shows it.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar

from meetings.ical import PRODID, TIME_ZONE
from workplans.selectors import Workplan


def workplan_calendar(*, plan: Workplan, url: str) -> bytes:
    zone = ZoneInfo(TIME_ZONE)
    name = plan.title
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    for slot in plan.slots:
        if slot.meeting is None:
            continue
        meeting = slot.meeting
        event = icalendar.Event()
        event.add("uid", f"workplan-{plan.body.pk}-meeting-{meeting.pk}@kursen")
        stamp = meeting.updated_at or datetime.datetime.now(datetime.UTC)
        event.add("dtstamp", stamp.astimezone(datetime.UTC))
        event.add("summary", f"{plan.body.name}: møde (arbejdsplan)")
        if meeting.start_time is None:
            event.add("dtstart", meeting.date)
        else:
            event.add(
                "dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
            )
            if meeting.end_time:
                event.add(
                    "dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
                )
        if meeting.place:
            event.add("location", meeting.place)
        lines = [
            f"{'Behandlet: ' if e.done else ''}{e.code + ' ' if e.code else ''}{e.title}"
            for e in slot.entries
        ]
        lines += [f"På dagsordenen: {c.number}. {c.title}" for c in slot.cases]
        event.add("description", "\n".join([*lines, f"Arbejdsplanen: {url}"]))
        event.add("url", url)
        event.add("categories", [plan.body.abbreviation])
        calendar.add_component(event)
    if plan.meetings:
        calendar.add_missing_timezones(
            first_date=datetime.date(plan.year, 1, 1), last_date=datetime.date(plan.year + 1, 1, 1)
        )
    return calendar.to_ical()
