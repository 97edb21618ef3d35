"""The administrator's page "Sendte mails": every outgoing mail with its state, recipient,
subject, kind, time and error, filtered by state and kind, 50 a page, and "Send igen" for a
failed one. Only administrators may open it (the access matrix has it too)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.mail import AGENDA_SENT, CASE_OFFERED
from notify.models import Delivery, Mail
from organisation.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/sendte-mails/"


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", first_name="Rikke", role=Profile.Role.ADMINISTRATOR)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _delivery(
    n: int,
    *,
    state: str = Delivery.State.SENT,
    kind: str = AGENDA_SENT,
    error: str = "",
    subject: str = "",
) -> Delivery:
    mail = Mail.objects.create(
        kind=kind, template="test_mail", subject=subject or f"Dagsorden udsendt: ØK {n}"
    )
    return Delivery.objects.create(
        mail=mail,
        address=f"person{n}@norddjurs.example",
        name=f"Person {n}",
        state=state,
        attempts=1,
        error=error,
        sent_at=timezone.now() if state == Delivery.State.SENT else None,
    )


def test_administrators_only(admin):
    assert Client().get(URL).status_code == 302  # a login first
    for role in (Profile.Role.READER, Profile.Role.EDITOR):
        user = UserFactory(username=f"u-{role}", role=role)
        response = _client(user).get(URL)
        assert response.status_code == 403
        assert "Kun administratorer kan se de sendte mails." in response.content.decode()
        assert _client(user).post(f"{URL}1/send-igen/").status_code == 403
    assert _client(admin).get(URL).status_code == 200


def test_the_page_lists_each_mail_with_its_state_recipient_subject_kind_and_error(admin):
    _delivery(1)
    _delivery(
        2,
        state=Delivery.State.FAILED,
        kind=CASE_OFFERED,
        subject="Sag 25/100 er klar til AU",
        error="Mailserveren afviste modtageren (550 5.1.1 User unknown).",
    )
    page = _client(admin).get(URL).content.decode()
    assert "<h1>Sendte mails</h1>" in page
    assert "Person 1 &lt;person1@norddjurs.example&gt;" in page
    assert "Dagsorden udsendt: ØK 1" in page and "Sag 25/100 er klar til AU" in page
    assert "Dagsorden udsendt</td>" in page  # the kind's name
    assert "Sag klar til behandling</td>" in page
    assert ">Sendt</span>" in page and ">Fejlet</span>" in page
    assert "Mailserveren afviste modtageren (550 5.1.1 User unknown)." in page
    assert page.count(">Send igen</button>") == 1  # for the failed one only
    # The page is linked from the administrator's menu, beside "Stamdata".
    assert 'href="/sendte-mails/" aria-current="page">Sendte mails</a>' in page


def test_filters_by_state_and_kind(admin):
    _delivery(1)
    _delivery(2, state=Delivery.State.FAILED, subject="Fejlet mail", error="Nej.")
    _delivery(3, state=Delivery.State.PENDING, kind=CASE_OFFERED, subject="Ventende sag")
    client = _client(admin)
    failed = client.get(URL, {"tilstand": "failed"}).content.decode()
    assert "Fejlet mail" in failed and "ØK 1" not in failed and "Ventende sag" not in failed
    offered = client.get(URL, {"slags": CASE_OFFERED}).content.decode()
    assert "Ventende sag" in offered and "Fejlet mail" not in offered
    none = client.get(URL, {"tilstand": "sent", "slags": CASE_OFFERED}).content.decode()
    assert "Ingen mails passer til filteret." in none


def test_a_bad_filter_or_page_is_a_danish_answer_not_an_error(admin):
    _delivery(1)
    client = _client(admin)
    response = client.get(URL, {"tilstand": "'; DROP TABLE", "slags": "x" * 5000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vælg en af mulighederne på listen." in page and "ØK 1" in page
    for side in ("0", "-1", "abc", "99999", "1" * 400):
        assert client.get(URL, {"side": side}).status_code == 200


def test_fifty_a_page_and_the_filters_kept_on_the_next(admin):
    for n in range(55):
        _delivery(n, state=Delivery.State.FAILED, error="Nej.")
    client = _client(admin)
    first = client.get(URL, {"tilstand": "failed"}).content.decode()
    assert first.count(">Send igen</button>") == 50
    assert "Side 1 af 2" in first and 'href="?tilstand=failed&amp;side=2"' in first
    second = client.get(URL, {"tilstand": "failed", "side": "2"}).content.decode()
    assert second.count(">Send igen</button>") == 5


def test_the_number_of_queries_does_not_grow_with_the_mails(admin):
    client = _client(admin)
    _delivery(0, state=Delivery.State.FAILED, error="Nej.")
    resender = UserFactory(username="resender")
    Delivery.objects.update(resent_by=resender, resent_at=timezone.now())

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for n in range(1, 40):
        delivery = _delivery(n, state=Delivery.State.FAILED, kind=f"kind{n % 3}", error="Nej.")
        delivery.resent_by = resender
        delivery.resent_at = timezone.now()
        delivery.save()
    assert count() == few


def test_send_igen_queues_a_failed_mail_again_and_says_so(admin):
    failed = _delivery(1, state=Delivery.State.FAILED, error="Nej.")
    client = _client(admin)
    assert client.get(f"{URL}{failed.pk}/send-igen/").status_code == 405
    response = client.post(f"{URL}{failed.pk}/send-igen/", {"query": "tilstand=failed&x=1"})
    assert response.status_code == 302 and response.url == f"{URL}?tilstand=failed"
    failed.refresh_from_db()
    assert failed.state == Delivery.State.PENDING and failed.attempts == 0
    assert failed.resent_by == admin
    page = client.get(URL).content.decode()
    assert "Mailen til person1@norddjurs.example sendes igen." in page
    assert "Sendt igen" in page and "af Rikke" in page
    # Clicked again (the page was old): nothing changes, and the page says why.
    client.post(f"{URL}{failed.pk}/send-igen/")
    assert "er ikke fejlet længere" in client.get(URL).content.decode()
    assert client.post(f"{URL}999999/send-igen/").status_code == 404


def test_waiting_mail_shows_when_it_is_tried_next(admin):
    waiting = _delivery(1, state=Delivery.State.PENDING, error="Mailserveren svarede ikke i tide.")
    waiting.next_attempt_at = timezone.now() + datetime.timedelta(minutes=2)
    waiting.save()
    page = _client(admin).get(URL).content.decode()
    assert ">Venter</span>" in page and "Næste forsøg" in page
    assert "Mailserveren svarede ikke i tide." in page


def test_linked_from_stamdata(admin):
    admin.is_staff = True
    admin.save()
    page = _client(admin).get("/admin/").content.decode()
    assert '<a href="/sendte-mails/">Sendte mails</a>' in page
