"""Odd request values get a Danish answer, never a server error (issue 9, findings 14 and 15).

Run on both databases: PostgreSQL refuses NUL in text, so a NUL that reaches a query is a 500
there and not on SQLite.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from reading.models import DocumentImport
from reading.reader import read_bytes
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PlannedTopicFactory,
    StandingItemFactory,
)
from tests.reading.files import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(administrator) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(administrator)
    return client


def text(response) -> str:
    return response.content.decode()


# --- Finding 14: NUL and other control characters in an address -----------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/sager/?q=%00",
        "/kalender/?udvalg=%00",
        "/moeder/nyt/?udvalg=%00",
        "/soeg/?q=%00",
        "/offentlig/soeg/?q=%00",
        "/planer/{plan}/?q=%00",
        "/planer/{plan}/udsnit/A%00U/",
        "/kalender/?maaned=2025%0B01",
        "/sager/?q%00=x",
    ],
)
def test_a_control_character_in_the_address_is_refused_in_danish(admin, plan, au, url):
    response = admin.get(url.format(plan=plan.pk))

    assert response.status_code == 400
    assert "kontroltegn" in text(response)


def test_a_nul_in_a_posted_form_is_refused_in_danish(admin):
    response = admin.post(reverse("meetings:case_create"), {"number": "25/1", "title": "A\x00B"})

    assert response.status_code == 400
    assert "kontroltegn" in text(response)


def test_tabs_and_line_breaks_in_a_search_are_ordinary(admin):
    assert admin.get("/sager/?q=a%09b%0Ac").status_code == 200


def test_the_refusal_is_given_before_the_login_redirect():
    response = Client(raise_request_exception=False).get("/sager/?q=%00")
    assert response.status_code == 400


# --- Finding 15: values out of range, wrong types, states -----------------------------------


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "9999-13", "abc"])
def test_a_calendar_month_outside_the_calendar_shows_this_month_with_a_message(admin, month):
    response = admin.get(reverse("meetings:calendar"), {"maaned": month})

    assert response.status_code == 200
    today = datetime.date.today()
    assert response.context["month_value"] == today.strftime("%Y-%m")
    assert "kan ikke vises" in text(response)


def test_the_last_and_first_months_of_the_calendar_still_page(admin):
    for month in ("9998-11", "0002-01"):
        response = admin.get(reverse("meetings:calendar"), {"maaned": month})
        assert response.status_code == 200
        assert response.context["month_value"] == month


@pytest.mark.parametrize("version", ["abc", "1.5", "99999999999999999999999", "-1"])
def test_a_history_restore_with_an_odd_version_is_refused_in_danish(admin, item, version):
    item.title = "Ny titel"
    item.save()
    history_id = item.history.order_by("history_date").first().history_id

    response = admin.post(
        reverse("plans:item_restore", args=[item.pk, history_id]),
        {"version": version},
        follow=True,
    )

    assert response.status_code == 200
    assert "Versionen kunne ikke læses" in text(response)


def test_putting_a_case_on_a_locked_meeting_says_so_in_danish(admin, ok, kb):
    case = services.case_create(number="25/77", title="Sag til KB", routing=[ok, kb], items=[])
    decided_at = MeetingFactory(
        body=ok,
        date=datetime.date.today() - datetime.timedelta(days=7),
        state=Meeting.State.MINUTES_APPROVED,
    )
    AgendaItemFactory(meeting=decided_at, case=case, decision="Anbefales.")
    meeting = MeetingFactory(
        body=kb, date=datetime.date.today(), state=Meeting.State.MINUTES_APPROVED
    )

    response = admin.post(
        reverse("meetings:case_put_on_agenda", args=[case.pk]),
        {"meeting": meeting.pk},
        follow=True,
    )

    assert response.status_code == 200
    assert "Beslutningsprotokollen er godkendt og kan ikke ændres." in text(response)
    assert not meeting.items.exists()


def test_a_board_meeting_on_the_last_day_of_the_calendar_gets_its_standing_items(ok):
    from organisation.models import Body

    board = Body.objects.create(
        name="Direktionen", abbreviation="DIR", kind=Body.Kind.EXECUTIVE_BOARD
    )
    for number, kind in enumerate(["review", "treatment", "forward_plan"], start=1):
        StandingItemFactory(body=board, number=number, kind=kind)
    PlannedTopicFactory(body=board, title="Årshjul", planned_for=None)
    services.meeting_create(
        body=ok, date=datetime.date(9999, 12, 30), start_time=None, from_template=False
    )

    for day in (datetime.date(9999, 12, 31), datetime.date(1, 1, 1)):
        meeting = services.meeting_create(body=board, date=day, start_time=datetime.time(9))
        assert meeting.items.count() == 3


def test_an_import_review_when_a_body_has_two_meetings_on_one_date(admin, administrator, ok):
    path = seed("000")
    parsed = read_bytes(path.read_bytes(), path.name)
    parsed["meeting"]["date"] = None  # a case extract: the items go where their decisions were
    for hour in (9, 14):
        services.meeting_create(
            body=ok,
            date=datetime.date(2022, 12, 6),
            start_time=datetime.time(hour),
            from_template=False,
        )
    document = DocumentImport.objects.create(
        filename=path.name, size=1, parsed=parsed, uploaded_by=administrator
    )

    response = admin.get(reverse("reading:review", args=[document.pk]))

    assert response.status_code == 200
