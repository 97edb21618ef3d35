"""The annual cycle as an iCalendar feed (RFC 5545) with its recurrence rules (RRULE), so a
calendar program shows every year's occurrences from one event: all-day events, as the cycle
names days, not hours."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

import icalendar

from cycle.models import Event

PRODID = "-//Kursen//Årshjul//DA"


def event_uid(event: Event) -> str:
    return f"cycle-event-{event.pk}@kursen"


def cycle_calendar(*, events: Iterable[Event], name: str, url_for: Callable[[Event], str]) -> bytes:
    """One VEVENT per event, recurring by its rule; events need their bodies prefetched."""
    name = str(name)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in events:
        item = icalendar.Event()
        item.add("uid", event_uid(event))
        stamp = event.updated_at or datetime.datetime.now(datetime.UTC)
        item.add("dtstamp", stamp.astimezone(datetime.UTC))
        item.add("last-modified", stamp.astimezone(datetime.UTC))
        item.add("sequence", max(event.version - 1, 0))
        item.add("summary", event.title)
        item.add("dtstart", event.start)
        item.add("dtend", event.start + datetime.timedelta(days=1))
        if event.rule:
            item.add("rrule", icalendar.vRecur.from_ical(event.rule))
        bodies = [b.abbreviation for b in event.bodies.all()]
        item.add("categories", [str(event.get_kind_display()), *bodies])
        url = url_for(event)
        lines = [event.description, f"Ansvarlig: {event.responsible}" if event.responsible else ""]
        lines.append(url)
        item.add("description", "\n\n".join(line for line in lines if line))
        item.add("url", url)
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()
