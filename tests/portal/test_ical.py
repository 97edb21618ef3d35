"""The meeting calendars: meetings.ical builds the file, the portal serves a body's meetings.

Each feed is parsed back with icalendar, as a calendar program would read it."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy

from meetings import services
from meetings.ical import meetings_calendar
from meetings.models import Meeting
from tests.factories import AgendaItemFactory, BodyFactory, CaseFactory, MeetingFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC


def events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def this_year(month: int, day: int) -> datetime.date:
    """A date in the feed's window (last year onwards), in summer or winter time."""
    return datetime.date(datetime.date.today().year, month, day)


# --- meetings_calendar ------------------------------------------------------------------------


def test_each_meeting_is_one_event_with_local_times_place_and_link(ok):
    summer = MeetingFactory(
        body=ok,
        date=datetime.date(2025, 6, 10),
        start_time=datetime.time(9),
        end_time=datetime.time(12, 30),
        place="Mødelokale 250, rådhuset",
    )
    winter = MeetingFactory(body=ok, date=datetime.date(2025, 12, 2),
                            start_time=datetime.time(14), end_time=None, place="")  # fmt: skip
    content = meetings_calendar(
        meetings=Meeting.objects.filter(body=ok).select_related("body"),
        name="Økonomiudvalget: møder",
        url_for=lambda m: f"https://kursen.example/offentlig/moede/{m.pk}/",
    )
    assert isinstance(content, bytes)
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["X-WR-CALNAME"]) == "Økonomiudvalget: møder"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]

    found = events(content)
    assert set(found) == {f"meeting-{summer.pk}@kursen", f"meeting-{winter.pk}@kursen"}
    event = found[f"meeting-{summer.pk}@kursen"]
    assert str(event["SUMMARY"]) == "Økonomiudvalget: møde"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2025, 6, 10, 9, tzinfo=COPENHAGEN)
    assert start.astimezone(UTC).hour == 7  # summer time, UTC+2
    assert end.astimezone(COPENHAGEN).time() == datetime.time(12, 30)
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(event["LOCATION"]) == "Mødelokale 250, rådhuset"
    assert str(event["URL"]) == f"https://kursen.example/offentlig/moede/{summer.pk}/"
    assert str(event["URL"]) in str(event["DESCRIPTION"])

    event = found[f"meeting-{winter.pk}@kursen"]
    assert event.decoded("DTSTART").astimezone(UTC).hour == 13  # winter time, UTC+1
    assert "DTEND" not in event and "LOCATION" not in event


def test_a_meeting_without_a_page_has_no_link(ok):
    planned = MeetingFactory(body=ok, state=Meeting.State.PLANNED)
    content = meetings_calendar(meetings=[planned], name="ØK", url_for=lambda m: None)
    event = events(content)[f"meeting-{planned.pk}@kursen"]
    assert "URL" not in event
    assert str(event["DESCRIPTION"]) == "Dagsordenen er ikke udsendt endnu."


def test_the_same_meetings_give_the_same_file(ok):
    MeetingFactory(body=ok)
    meetings = Meeting.objects.select_related("body")
    first = meetings_calendar(meetings=meetings, name="ØK", url_for=lambda m: None)
    assert meetings_calendar(meetings=meetings, name="ØK", url_for=lambda m: None) == first


def test_an_empty_calendar_is_still_a_calendar():
    content = meetings_calendar(meetings=[], name=gettext_lazy("Ingen møder"), url_for=str)
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Ingen møder"


# --- The portal's feeds -----------------------------------------------------------------------


def test_body_feed_has_its_meetings_linked_to_their_public_pages(ok, buu):
    published = MeetingFactory(body=ok, date=this_year(6, 10), start_time=datetime.time(9))
    approved = MeetingFactory(body=ok, date=this_year(1, 20), start_time=datetime.time(8),
                              state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    planned = MeetingFactory(body=ok, date=this_year(11, 3), start_time=datetime.time(10),
                             state=Meeting.State.PLANNED)  # fmt: skip
    other_body = MeetingFactory(body=buu, date=this_year(6, 11))
    too_old = MeetingFactory(body=ok, date=datetime.date(datetime.date.today().year - 3, 5, 5))

    response = Client().get(reverse("portal:body_calendar", args=["oek"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    uid = "meeting-{}@kursen".format
    assert set(found) == {uid(published.pk), uid(approved.pk), uid(planned.pk)}
    assert uid(other_body.pk) not in found and uid(too_old.pk) not in found
    for meeting in (published, approved):
        event = found[uid(meeting.pk)]
        assert str(event["URL"]) == f"http://testserver/offentlig/moede/{meeting.pk}/"
        local = event.decoded("DTSTART").astimezone(COPENHAGEN)
        assert (local.date(), local.time()) == (meeting.date, meeting.start_time)
    # A planned meeting is announced by date, time and place, without a link to an agenda.
    assert "URL" not in found[uid(planned.pk)]
    assert Client().get(f"/offentlig/moede/{planned.pk}/").status_code == 404


def test_feeds_carry_no_agenda_content(ok):
    meeting = MeetingFactory(body=ok, date=this_year(3, 3))
    planned = MeetingFactory(body=ok, date=this_year(9, 9), state=Meeting.State.PLANNED)
    closed_case = CaseFactory(number="77/7777", closed=True)
    AgendaItemFactory(meeting=meeting, title="Åbent punkt ÅBENTITEL",
                      case_presentation="ÅBENTEKST")  # fmt: skip
    AgendaItemFactory(meeting=meeting, title="Lukket", closed=True,
                      case_presentation="HEMMELIGORD")  # fmt: skip
    AgendaItemFactory(meeting=meeting, case=closed_case, case_presentation="SAGHEMMELIG")
    AgendaItemFactory(meeting=planned, title="UDKASTTITEL")
    for url in (reverse("portal:body_calendar", args=["oek"]), reverse("portal:calendar")):
        text = Client().get(url).content.decode()
        assert "BEGIN:VEVENT" in text
        for word in ("ÅBENTITEL", "ÅBENTEKST", "HEMMELIGORD", "77/7777", "SAGHEMMELIG",
                     "UDKASTTITEL"):  # fmt: skip
            assert word not in text


def test_all_bodies_feed_names_each_body(ok, buu):
    MeetingFactory(body=ok, date=this_year(4, 1))
    MeetingFactory(body=buu, date=this_year(4, 2))
    response = Client().get(reverse("portal:calendar"))
    summaries = {str(e["SUMMARY"]) for e in events(response.content).values()}
    assert summaries == {"Økonomiudvalget: møde", "Børne- og Ungdomsudvalget: møde"}


def test_feed_of_an_unknown_body_is_not_found():
    assert Client().get("/offentlig/udvalg/findes-ikke/kalender.ics").status_code == 404


def test_uid_stays_when_the_meeting_moves():
    meeting = services.meeting_create(body=BodyFactory(abbreviation="EU", name="Erhvervsudvalget"),
                                      date=this_year(5, 5), start_time=datetime.time(9),
                                      from_template=False)  # fmt: skip
    before = events(Client().get("/offentlig/udvalg/eu/kalender.ics").content)
    services.meeting_update(meeting=meeting, fields={"start_time": datetime.time(10)},
                            expected_version=None)  # fmt: skip
    after = events(Client().get("/offentlig/udvalg/eu/kalender.ics").content)
    uid = f"meeting-{meeting.pk}@kursen"
    assert set(before) == set(after) == {uid}
    assert after[uid].decoded("DTSTART").astimezone(COPENHAGEN).hour == 10
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
