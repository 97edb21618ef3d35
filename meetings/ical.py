"""Meetings as an iCalendar feed (RFC 5545), for subscribing from Outlook, Google or a phone.

Only the meeting's own facts go in: body, date, times, place and a link to its page. What a
caller passes is what is published, so the caller picks the meetings (e.g. the public ones of a
body); no agenda item, case or attachment is ever read here.

A staff member's personal feed lives at a secret address: a token signed with the site's key
that names the user and their profile's calendar key version, the same on every page load.
Raising the version (organisation.services.profile_renew_calendar_key) makes every earlier
address invalid.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing

from meetings.models import Meeting

TIME_ZONE = "Europe/Copenhagen"
PRODID = "-//Kursen//Mødekalender//DA"
# Addresses made before they were stable: signing.dumps, which adds the time of signing, so each
# page load gave another address. They keep working while the key version they name is current.
FEED_SALT = "kursen.meetings.calendar"
# Stable addresses: the same user and key version give the same token on every page load. A
# salt of their own keeps the two kinds of token from ever being read as each other.
STABLE_FEED_SALT = "kursen.meetings.calendar.stable"


def feed_token(user: AbstractBaseUser) -> str:
    """The secret part of the user's personal calendar address: the same on every page until
    the user renews it."""
    signer = signing.Signer(salt=STABLE_FEED_SALT)
    return signer.sign_object([user.pk, _calendar_key_version(user)])


def _read_token(token: str) -> object:
    try:
        return signing.Signer(salt=STABLE_FEED_SALT).unsign_object(token)
    except signing.BadSignature:
        pass
    try:
        return signing.loads(token, salt=FEED_SALT)
    except (signing.BadSignature, ValueError):
        return None


def feed_user(token: str) -> AbstractBaseUser | None:
    """The active user whose current address the token is, or None (forged, renewed, gone)."""
    value = _read_token(token)
    if value is None:
        return None
    if isinstance(value, int):
        # An address from before addresses could be renewed: version 0 until the first renewal.
        value = [value, 0]
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        return None
    user_pk, version = value
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or _calendar_key_version(user) != version:
        return None
    return user


def _calendar_key_version(user: AbstractBaseUser) -> int:
    profile = getattr(user, "profile", None)
    return profile.calendar_key_version if profile is not None else 0


def meeting_uid(meeting: Meeting) -> str:
    """Stable across edits and feeds, so a calendar updates the event instead of adding one."""
    return f"meeting-{meeting.pk}@kursen"


def meetings_calendar(
    *,
    meetings: Iterable[Meeting],
    name: str,
    url_for: Callable[[Meeting], str | None],
) -> bytes:
    """The meetings as an iCalendar file (UTF-8 bytes), one VEVENT each.

    url_for(meeting) gives the absolute URL of the meeting's page, or None when there is no
    page to link to yet (a planned meeting whose agenda is not sent out); the event then says
    so instead. Meetings need their body loaded (select_related("body")).
    """
    zone = ZoneInfo(TIME_ZONE)
    name = str(name)  # a lazy translation too
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

    dates = []
    for meeting in meetings:
        calendar.add_component(_event(meeting, zone, url_for(meeting)))
        dates.append(meeting.date)
    if dates:
        # Only the years the events need, so the VTIMEZONE stays a few lines long.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(dates).year, 1, 1),
            last_date=datetime.date(max(dates).year + 1, 1, 1),
        )
    return calendar.to_ical()


def _event(meeting: Meeting, zone: ZoneInfo, url: str | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    # DTSTAMP from the row, not the clock: the same meetings give the same bytes.
    stamp = meeting.updated_at or datetime.datetime.now(datetime.UTC)
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("summary", f"{meeting.body.name}: møde")
    if meeting.start_time is None:  # read from a document that printed no time: all day
        event.add("dtstart", meeting.date)
    else:
        event.add(
            "dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        )
    if meeting.start_time and meeting.end_time:
        event.add("dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("categories", [meeting.body.abbreviation])
    if url:
        event.add("url", url)
        event.add("description", f"Dagsorden og beslutningsprotokol: {url}")
    else:
        event.add("description", "Dagsordenen er ikke udsendt endnu.")
    return event
