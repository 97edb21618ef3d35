"""The page "Mine mails": each user chooses what they are mailed about."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from notify.models import MailPreference
from notify.preferences import kinds, register_kind, wants
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne(db):
    return UserFactory(username="anne", email="anne@norddjurs.example")


def _checkbox(page: str, name: str) -> str:
    [tag] = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', page)
    return tag


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_needs_a_login():
    response = Client().get("/mine-mails/")
    assert response.status_code == 302 and "/log-ind/" in response.url


def test_every_kind_is_offered_and_wanted_by_default(anne):
    page = _client(anne).get("/mine-mails/").content.decode()
    assert "<h1>Mine mails</h1>" in page
    assert "anne@norddjurs.example" in page
    assert "Send mig en mail, når …" in page
    for label in (
        "en dagsorden er udsendt til et udvalg, jeg er med i",
        "en sag er klar til behandling i et udvalg, jeg er sekretær for",
        "beslutningsprotokollen er godkendt i et udvalg, jeg er med i",
    ):
        assert label in page
    assert page.count('type="checkbox"') >= 3
    assert page.count("checked") >= 3


def test_turning_a_kind_off_is_saved_with_who_did_it_and_shown_again(anne):
    client = _client(anne)
    # Every kind ticked but one (other apps, such as the status rounds, register kinds too).
    ticked = {f"kind_{kind.kind.replace('.', '__')}": "on" for kind in kinds()}
    del ticked["kind_meetings__agenda_sent"]
    response = client.post("/mine-mails/", ticked, follow=True)
    assert "Dine valg er gemt." in response.content.decode()
    assert not wants(anne, "meetings.agenda_sent")
    assert wants(anne, "meetings.case_offered") and wants(anne, "meetings.minutes_approved")
    # Only the choice that differs from the default is stored, with its history.
    preference = MailPreference.objects.get(user=anne)
    assert preference.kind == "meetings.agenda_sent"
    assert preference.history.get().history_user == anne
    page = client.get("/mine-mails/").content.decode()
    assert "checked" not in _checkbox(page, "kind_meetings__agenda_sent")
    assert "checked" in _checkbox(page, "kind_meetings__case_offered")
    # Turned on again: the stored choice follows.
    client.post("/mine-mails/", {"kind_meetings__agenda_sent": "on"})
    assert wants(anne, "meetings.agenda_sent")


def test_odd_input_is_no_error_and_saves_no_unknown_kind(anne):
    client = _client(anne)
    response = client.post(
        "/mine-mails/", {"kind_ukendt": "on", "kind_meetings__agenda_sent": "x" * 5000}
    )
    assert response.status_code == 302
    assert not MailPreference.objects.filter(kind__contains="ukendt").exists()


def test_a_user_without_an_address_is_told(db):
    nobody = UserFactory(username="uden", email="")
    page = _client(nobody).get("/mine-mails/").content.decode()
    assert "Der er ingen mailadresse på din bruger" in page


def test_the_page_reads_the_choices_in_constant_queries(anne, django_assert_max_num_queries):
    """One query for the user's choices, however many kinds are registered: no query per kind."""
    for n in range(40):
        register_kind(f"test.kind{n}", f"prøve {n}")
    try:
        for n in range(0, 40, 2):
            MailPreference.objects.create(user=anne, kind=f"test.kind{n}", wanted=False)
        client = _client(anne)
        with django_assert_max_num_queries(6):
            page = client.get("/mine-mails/").content.decode()
        assert page.count('type="checkbox"') >= 43
    finally:
        from notify import preferences

        for n in range(40):
            preferences._KINDS.pop(f"test.kind{n}")
