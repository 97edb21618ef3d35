"""The committee's work plan as an iCalendar file (RFC 5545): one event per meeting of the
year, naming what is placed on it, so the plan lives in Outlook beside the meetings.

It is built from the work plan as the viewer may see it (workplans.selectors), so a closed case
appears only as the page shows it. The subscription (workplans.views.workplan_feed) reads it as
the user whose personal calendar address it is (meetings.ical.feed_user).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar

from meetings.ical import PRODID, TIME_ZONE
from workplans.selectors import Slot, Workplan


def workplan_calendar(*, plan: Workplan, url: str) -> bytes:
    """One year's work plan, as the file the page offers for download."""
    return workplans_calendar(plans=[plan], name=plan.title, url_for=lambda _plan: url)


def workplans_calendar(
    *, plans: list[Workplan], name: str, url_for: Callable[[Workplan], str]
) -> bytes:
    """The work plans of one committee (the years of a subscription) as one calendar, each
    meeting an event naming what is placed on it; url_for(plan) is the page of its year."""
    zone = ZoneInfo(TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(datetime.timedelta(hours=6)))
    years = []
    for plan in plans:
        url = url_for(plan)
        for slot in plan.slots:
            if slot.meeting is not None:
                calendar.add_component(_event(plan, slot, url, zone))
        if plan.meetings:
            years.append(plan.year)
    if years:
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years), 1, 1),
            last_date=datetime.date(max(years) + 1, 1, 1),
        )
    return calendar.to_ical()


def _event(plan: Workplan, slot: Slot, url: str, zone: ZoneInfo) -> icalendar.Event:
    meeting = slot.meeting
    assert meeting is not None
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
    lines += [
        f"På dagsordenen: {c.number}. {c.title}"
        + (f" (sag {c.case_number})" if c.case_number else "")
        for c in slot.cases
    ]
    event.add("description", "\n".join([*lines, f"Arbejdsplanen: {url}"]))
    event.add("url", url)
    event.add("categories", [plan.body.abbreviation])
    return event
