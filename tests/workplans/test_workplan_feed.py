"""The work plan as a calendar subscription: a personal address per user and committee (the
meeting calendar's secret key, renewable), read as that user may see the work plan, so a
closed case is on it only as the page shows it; a forged, renewed or odd address is a 404."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import ical as meeting_ical
from meetings import services as meeting_services
from tests.factories import AgendaItemFactory, CaseFactory, PlannedTopicFactory
from workplans import views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch):
    monkeypatch.setattr(views, "feed_today", lambda: datetime.date(2025, 1, 15))


def _feed_url(client, body, year=2025) -> str:
    page = client.get(reverse("workplans:workplan", args=[body.pk, year])).content.decode()
    found = re.search(r'id="workplan-feed-url" readonly value="([^"]+)"', page)
    assert found, "the work plan page shows its subscription address"
    return found.group(1).replace("http://testserver", "")


def test_the_page_offers_a_personal_subscription_in_danish(editor_client, au, editor):
    page = editor_client.get(reverse("workplans:workplan", args=[au.pk, 2025])).content.decode()
    assert "Abonnér på arbejdsplanen i Outlook" in page
    assert "Adressen er personlig: del den ikke." in page
    url = _feed_url(editor_client, au)
    assert url == reverse("workplans:workplan_feed", args=[au.pk, meeting_ical.feed_token(editor)])


def test_the_feed_is_read_without_a_session_and_holds_this_and_next_year(
    editor_client, au, au_meetings, political
):
    next_year = meeting_services.meeting_create(
        body=au, date=datetime.date(2026, 2, 3), start_time=datetime.time(9), from_template=False
    )
    PlannedTopicFactory(body=au, title="Besøg i 2026", planned_for=next_year.date)
    response = Client().get(_feed_url(editor_client, au))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response  # subscribed to, not downloaded
    text = response.content.decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 4
    assert "Ny jobcenterstrategi" in text and "Besøg i 2026" in text
    assert "X-WR-CALNAME:Kursen: Arbejdsmarkedsudvalgets arbejdsplan" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text
    assert f"/arbejdsplan/{au.pk}/2026/" in text


def test_a_closed_case_is_shown_as_the_page_shows_it_to_that_user(
    reader_client, admin_client_, au, au_meetings
):
    case = CaseFactory(number="25/999", title="Personalesag HEMMELIGFEED", closed=True)
    AgendaItemFactory(meeting=au_meetings[1], case=case, title="Personalesag HEMMELIGFEED",
                      closed=True, number=7)  # fmt: skip
    anonymous = Client()
    as_reader = anonymous.get(_feed_url(reader_client, au)).content.decode().replace("\r\n ", "")
    as_admin = anonymous.get(_feed_url(admin_client_, au)).content.decode().replace("\r\n ", "")
    page = reader_client.get(reverse("workplans:workplan", args=[au.pk, 2025])).content.decode()
    assert "På dagsordenen: 7. Lukket punkt" in as_reader and "25/999" not in as_reader
    assert "Personalesag HEMMELIGFEED (sag 25/999)" in as_admin
    # Exactly as the page shows it to that user: the redacted line, no case number.
    assert "25/999" not in page and "Lukket punkt" in page


def test_renewing_the_key_ends_the_old_address_and_comes_back_to_the_work_plan(
    editor_client, au, au_meetings
):
    old = _feed_url(editor_client, au)
    page = reverse("workplans:workplan", args=[au.pk, 2025])
    response = editor_client.post(reverse("meetings:calendar_feed_renew"), {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    new = _feed_url(editor_client, au)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    # Only an address of this site is a way back.
    away = editor_client.post(
        reverse("meetings:calendar_feed_renew"), {"next": "https://example.com/"}
    )
    assert away["Location"] == reverse("meetings:calendar")


@pytest.mark.parametrize("token", ["forfalsket", "1:abc", "x" * 300, "%00"])
def test_a_forged_address_is_a_404(au, token):
    url = f"/arbejdsplan/{au.pk}/abonnement/{token}.ics"
    # A control character is refused before any view (config.middleware): 400.
    assert Client().get(url).status_code == (400 if token == "%00" else 404)


def test_an_unknown_committee_or_an_inactive_user_is_a_404(editor_client, au, editor):
    token = meeting_ical.feed_token(editor)
    assert Client().get(f"/arbejdsplan/{2**40}/abonnement/{token}.ics").status_code == 404
    assert Client().get(f"/arbejdsplan/999999/abonnement/{token}.ics").status_code == 404
    url = f"/arbejdsplan/{au.pk}/abonnement/{token}.ics"
    assert Client().get(url).status_code == 200
    editor.is_active = False
    editor.save()
    assert Client().get(url).status_code == 404
    assert Client().post(url).status_code in (403, 405)


def test_the_feed_runs_a_fixed_number_of_queries(editor_client, au, ok, kb, plan):
    from tests.workplans.test_workplan_queries import _fill

    url = _feed_url(editor_client, au)
    _fill(au, ok, kb, plan, items=3, meetings=2, topics=4, start=0)
    anonymous = Client()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = anonymous.get(url)
        assert response.status_code == 200
        return len(queries)

    few = count()
    _fill(au, ok, kb, plan, items=60, meetings=20, topics=40, start=2)
    assert count() == few
