"""The annual cycle's pages: the wheel (and its query count over many bodies and events), bad
input in Danish, editing with presets, the PDF and the iCal feed with RRULE read back."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycle import services
from cycle.models import Event
from meetings import ical as meeting_ical
from tests.factories import BodyFactory


def _event(body, title="Budget vedtages", rule="FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=8", **fields):
    return services.event_create(
        fields={
            "title": title,
            "kind": Event.Kind.BUDGET,
            "start": datetime.date(2025, 10, 8),
            "rule": rule,
            **fields,
        },
        bodies=[body],
    )


def test_the_wheel_shows_every_occurrence_as_a_link_and_in_the_list(reader_client, kb):
    event = _event(kb)
    page = reader_client.get("/aarshjul/?aar=2026").content.decode()
    assert f'href="/aarshjul/begivenheder/{event.pk}/"' in page
    assert 'aria-label="Budget vedtages, 8. oktober 2026 (KB)"' in page
    assert "Årshjulet 2026 som liste" in page
    assert "<svg" in page and "Oktober" in page


def test_the_wheel_marks_today(reader_client, kb):
    _event(kb)
    page = reader_client.get("/aarshjul/").content.decode()
    assert "wheel__today" in page and "I dag" in page
    assert "wheel__today" not in reader_client.get("/aarshjul/?aar=2019").content.decode()


def test_the_wheel_filters_by_body(reader_client, kb, au):
    _event(kb)
    _event(au, title="Arbejdsplan præsenteres", rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1")
    page = reader_client.get("/aarshjul/?udvalg=AU&aar=2026").content.decode()
    assert "Arbejdsplan præsenteres" in page and "Budget vedtages" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("aar=abc", "Året abc kan ikke vises"),
        ("aar=99999", "Året 99999 kan ikke vises"),
        ("udvalg=XYZ", "Udvalget XYZ findes ikke"),
        ("ringe=kvadrat", "Ringene kan kun vise"),
        ("aar=-5", "Året -5 kan ikke vises"),
    ],
)
def test_bad_filters_are_named_in_danish(reader_client, kb, query, message):
    response = reader_client.get(f"/aarshjul/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_rings_per_kind(reader_client, kb):
    _event(kb)
    page = reader_client.get("/aarshjul/?ringe=slags&aar=2026").content.decode()
    assert "Budgetproces: 1" in page


def test_wheel_queries_do_not_grow_with_bodies_and_events(
    reader_client, django_assert_max_num_queries
):
    """25 bodies with 8 events each, monthly and weekly among them: the wheel is read in a
    fixed number of queries (events, their bodies, the awaiting list), so a large kommune's
    wheel costs what a small one's does."""
    bodies = [BodyFactory(abbreviation=f"B{n}", name=f"Udvalg {n}") for n in range(25)]
    rules = ["FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=8", "FREQ=MONTHLY;BYMONTHDAY=3", "FREQ=WEEKLY", ""]
    for body in bodies:
        for n in range(8):
            Event.objects.create(
                title=f"Begivenhed {n}",
                kind=Event.Kind.OWN,
                start=datetime.date(2026, 1, 5),
                rule=rules[n % 4],
            ).bodies.add(body)
    from django.core.cache import cache

    cache.clear()  # the wheel is cached; count what drawing it costs
    with CaptureQueriesContext(connection) as few:
        reader_client.get("/aarshjul/?aar=2026")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = reader_client.get("/aarshjul/?aar=2026").content.decode()
    # Per body: 2 yearly, 22 monthly (from 5 January) and 2 single dots, and 2 weekly events
    # as dotted circles.
    assert page.count('class="wheel__event"') == 25 * 28
    assert len(few.captured_queries) <= 12


def test_a_reader_cannot_edit(reader_client, kb):
    event = _event(kb)
    assert reader_client.get("/aarshjul/begivenheder/ny/").status_code == 403
    assert reader_client.get(f"/aarshjul/begivenheder/{event.pk}/rediger/").status_code == 403
    assert reader_client.post(f"/aarshjul/begivenheder/{event.pk}/slet/").status_code == 403


def _form(**values):
    data = {
        "title": "Statusrunde",
        "kind": "status_round",
        "start": "2026-03-01",
        "preset": "twice",
        "month": "3",
        "second_month": "9",
        "window_days": "31",
        "bodies": [],
        "version": "",
    }
    data.update(values)
    return data


def test_the_secretary_creates_an_event_from_a_preset(editor_client, au):
    response = editor_client.post(
        "/aarshjul/begivenheder/ny/", _form(bodies=[au.pk], on_meeting="on")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.rule == "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1"
    page = editor_client.get(response["Location"]).content.decode()
    assert "Hvert år den 1. marts og 1. september" in page
    assert "Ja: »Statusrunde«" in page and "«Statusrunde»" not in page
    # The raw rule only as a detail for those who edit the event.
    assert "<code>FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1</code>" in page
    assert "RFC 5545" not in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"preset": "custom", "custom_rule": "FREQ=SECONDLY"}, "højst dagligt"),
        ({"preset": "custom", "custom_rule": "noget"}, "hvor ofte"),
        ({"preset": "yearly", "month": ""}, "Vælg måneden"),
        ({"preset": "twice", "second_month": "3"}, "to forskellige måneder"),
        ({"preset": "hver tiende"}, "Marker en gyldig valgmulighed"),
        ({"start": "31-02-2026"}, "gyldig dato"),
        ({"bodies": []}, "Vælg et eller flere udvalg"),
        ({"window_days": "0"}, "større end eller lig 1"),
        ({"own_item": "on"}, "kræver, at begivenheden sættes på et møde"),
    ],
)
def test_bad_input_is_refused_in_danish(editor_client, au, values, message):
    data = _form(bodies=[au.pk])
    data.update(values)
    response = editor_client.post("/aarshjul/begivenheder/ny/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_a_stale_form_is_refused_and_kept(editor_client, au):
    event = _event(au)
    services.event_update(
        event=event, fields={"title": "Andens ændring"}, expected_version=event.version
    )
    response = editor_client.post(
        f"/aarshjul/begivenheder/{event.pk}/rediger/",
        _form(bodies=[au.pk], title="Min ændring", version=str(event.version)),
    )
    assert "er ændret, mens du redigerede" in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Andens ændring"


def test_the_secretary_cannot_edit_another_bodys_event(editor_client, kb):
    event = _event(kb)
    assert editor_client.get(f"/aarshjul/begivenheder/{event.pk}/rediger/").status_code == 403


def test_the_feed_carries_the_rule_and_reads_back(reader, reader_client, kb, au):
    _event(kb)
    _event(au, title="Arbejdsplan", rule="FREQ=YEARLY;BYMONTH=2,8;BYMONTHDAY=1")
    token = meeting_ical.feed_token(reader)
    response = reader_client.get(f"/aarshjul/abonnement/{token}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {e["summary"]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Budget vedtages", "Arbejdsplan"}
    rule = events["Arbejdsplan"]["rrule"]
    assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [2, 8]
    assert events["Budget vedtages"].decoded("dtstart") == datetime.date(2025, 10, 8)
    body_feed = reader_client.get(f"/aarshjul/abonnement/{token}.ics?udvalg=AU")
    assert b"Budget vedtages" not in body_feed.content and b"Arbejdsplan" in body_feed.content
    assert reader_client.get("/aarshjul/abonnement/forfalsket.ics").status_code == 404
    assert reader_client.get(f"/aarshjul/abonnement/{token}.ics?udvalg=XYZ").status_code == 404


def test_the_wheel_as_pdf(reader_client, kb):
    import io

    from pypdf import PdfReader

    _event(kb)
    response = reader_client.get("/aarshjul/aarshjul-2026.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Årshjul 2026" in text and "Budget vedtages" in text and "8. oktober 2026" in text
    assert reader_client.get("/aarshjul/aarshjul-2026.pdf?udvalg=XYZ").status_code == 404
    assert reader_client.get("/aarshjul/aarshjul-1200.pdf").status_code == 404


def test_a_briefing_is_planned_on_a_meeting_and_tied_to_the_theme(admin_client_, board, theme):
    from meetings import services as meeting_services
    from meetings.models import PlannedTopic

    meeting = meeting_services.meeting_create(
        body=board, date=datetime.date(2027, 3, 2), start_time=datetime.time(9), from_template=False
    )
    data = {
        "body": board.pk,
        "planned_for": "2027-03-03",
        "title": "Ny sundhedspolitik",
        "presenter": "Velfærdsdirektøren",
        "theme": theme.pk,
    }
    response = admin_client_.post("/aarshjul/oplaeg/nyt/", data)
    assert "Direktionen har intet møde den dag" in response.content.decode()
    data["planned_for"] = meeting.date.isoformat()
    assert admin_client_.post("/aarshjul/oplaeg/nyt/", data).status_code == 302
    topic = PlannedTopic.objects.get(title="Ny sundhedspolitik")
    assert topic.theme == theme and topic.planned_for == meeting.date
    assert topic.get_kind_display() == "Oplæg med strategisk ophæng"
    assert "5 minutters oplæg ved Velfærdsdirektøren" in topic.description


def _wheel_feed_url(client) -> str:
    import re

    page = client.get("/aarshjul/?aar=2026").content.decode()
    return re.search(r'id="feed-url" readonly value="([^"]+)"', page).group(1)


def test_the_feed_address_is_the_same_on_every_page_load_until_renewed(
    monkeypatch, reader_client, kb
):
    """The page says the address is personal: it must not change by itself. The clock moves
    between the loads (a signature stamped with the time gave a new address every second)."""
    import types

    from django.core import signing
    from django.test import Client

    _event(kb)
    clock = iter(range(1_800_000_000, 1_800_100_000, 3600))
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: next(clock)))
    first, second = _wheel_feed_url(reader_client), _wheel_feed_url(reader_client)
    assert first == second
    assert Client().get(first).status_code == 200

    response = reader_client.post(
        "/kalender/ny-adresse/", {"next": "/aarshjul/?aar=2026"}, follow=True
    )
    assert "Du har fået en ny kalenderadresse" in response.content.decode()
    renewed = _wheel_feed_url(reader_client)
    assert renewed != first and renewed == _wheel_feed_url(reader_client)
    assert Client().get(first).status_code == 404
    assert Client().get(renewed).status_code == 200


def test_an_address_given_out_before_addresses_were_stable_works_until_renewal(
    reader, reader_client, kb
):
    from django.core import signing
    from django.test import Client

    version = reader.profile.calendar_key_version
    old = signing.dumps([reader.pk, version], salt=meeting_ical.FEED_SALT)
    assert Client().get(f"/aarshjul/abonnement/{old}.ics").status_code == 200
    reader_client.post("/kalender/ny-adresse/")
    assert Client().get(f"/aarshjul/abonnement/{old}.ics").status_code == 404


def test_a_reader_sees_the_rule_in_danish_only(reader_client, kb):
    event = _event(kb, rule="FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1")
    page = reader_client.get(f"/aarshjul/begivenheder/{event.pk}/").content.decode()
    assert "Hvert år den 1. maj og 1. november" in page
    assert "FREQ=" not in page
