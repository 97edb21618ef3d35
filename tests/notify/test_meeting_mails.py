"""The meetings' mails, sent by the worker to a real SMTP server: an agenda sent out (to the
body's members with a login), a case offered to the next body (to its secretaries) and minutes
approved. Nothing closed is in any of them, whoever receives them."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import TestCase

from meetings import services
from notify.services import mail_preferences_save
from organisation.models import Body, Profile
from tests.factories import BodyFactory, MunicipalityFactory, UserFactory

# The worker closes the connection between tasks (as Django does between requests), so the
# tests commit for real instead of running inside one transaction.
pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = ["HEMMELIGSAGSFREMSTILLING", "HEMMELIGBESLUTNING", "88/4242", "Personalesag"]


def work() -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("worker", once=True, no_scheduler=True, verbosity=0)


@pytest.fixture
def world(db):
    MunicipalityFactory(name="Norddjurs Kommune")
    ok = BodyFactory(name="Økonomiudvalget", abbreviation="ØK", kind=Body.Kind.FINANCE_COMMITTEE)
    au = BodyFactory(name="Arbejdsmarkedsudvalget", abbreviation="AU")
    users = {
        "ok member": UserFactory(
            username="oek-medlem",
            email="medlem@norddjurs.example",
            first_name="Mette",
            role__bodies=[ok],
        ),
        "ok secretary": UserFactory(
            username="oek-sekr",
            email="oek@norddjurs.example",
            role=Profile.Role.EDITOR,
            role__bodies=[ok],
        ),
        "au secretary": UserFactory(
            username="au-sekr",
            email="au@norddjurs.example",
            role=Profile.Role.EDITOR,
            role__bodies=[au],
        ),
        "au reader": UserFactory(
            username="au-laeser", email="au-laeser@norddjurs.example", role__bodies=[au]
        ),
        "outsider": UserFactory(username="laeser", email="laeser@norddjurs.example"),
    }
    open_case = services.case_create(number="25/100", title="Jordkøb ved Grenaa", routing=[ok, au])
    closed_case = services.case_create(
        number="88/4242", title="Personalesag", closed=True, routing=[ok, au]
    )
    meeting = services.meeting_create(
        body=ok, date=datetime.date.today(), start_time=datetime.time(14), from_template=False
    )
    open_item = services.agenda_item_add(
        meeting=meeting, case=open_case, fields={"case_presentation": "Åben fremstilling."}
    )
    closed_item = services.agenda_item_add(
        meeting=meeting,
        case=closed_case,
        fields={"case_presentation": "HEMMELIGSAGSFREMSTILLING"},
    )
    return {
        "users": users,
        "meeting": meeting,
        "open": open_item,
        "closed": closed_item,
        "ok": ok,
        "au": au,
    }


def _text(received) -> str:
    return received.part("text/plain") + received.part("text/html") + received.subject


def test_agenda_sent_goes_to_the_bodys_members_with_a_login_without_closed_content(
    smtp_server, database_tasks, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(meeting=world["meeting"])
    work()
    recipients = sorted(r.recipients[0] for r in smtp_server.received)
    assert recipients == ["medlem@norddjurs.example", "oek@norddjurs.example"]
    [mail] = smtp_server.to("medlem@norddjurs.example")
    assert mail.subject.startswith("Dagsorden udsendt: Økonomiudvalget")
    text = mail.part("text/plain")
    assert "Dagsordenen til Økonomiudvalgets møde" in text and "kl. 14.00" in text
    assert "1. Jordkøb ved Grenaa" in text
    assert "2. Lukket punkt" in text  # the closed item: its number, no title
    assert f"https://kursen.norddjurs.example/moeder/{world['meeting'].pk}/" in text
    assert "Norddjurs Kommune" in text
    for received in smtp_server.received:
        assert not [s for s in SECRETS if s in _text(received)]


def test_a_member_who_declined_agendas_gets_none(
    smtp_server, database_tasks, world, django_capture_on_commit_callbacks
):
    mail_preferences_save(user=world["users"]["ok member"], wanted={"meetings.agenda_sent": False})
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(meeting=world["meeting"])
    work()
    assert [r.recipients for r in smtp_server.received] == [["oek@norddjurs.example"]]


def test_a_decided_case_is_offered_to_the_next_bodys_secretary_and_minutes_are_mailed(
    smtp_server, database_tasks, world, django_capture_on_commit_callbacks
):
    services.meeting_publish_agenda(meeting=world["meeting"])
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(item=world["open"], text="Godkendt.")
        services.decision_record(item=world["closed"], text="HEMMELIGBESLUTNING")
    work()
    offers = smtp_server.to("au@norddjurs.example")
    assert len(offers) == 2
    assert smtp_server.to("au-laeser@norddjurs.example") == []  # the secretary, not the reader
    subjects = sorted(o.subject for o in offers)
    assert subjects == [
        "En lukket sag er klar til Arbejdsmarkedsudvalget",
        "Sag 25/100 er klar til Arbejdsmarkedsudvalget",
    ]
    open_offer = next(o for o in offers if "25/100" in o.subject)
    assert "Sag 25/100 »Jordkøb ved Grenaa« er behandlet i Økonomiudvalget" in open_offer.part(
        "text/plain"
    )
    # Recording the decision again (a correction) does not offer the case twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(item=world["open"], text="Godkendt med en rettelse.")
    work()
    assert len(smtp_server.to("au@norddjurs.example")) == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_approve_minutes(meeting=world["meeting"])
    work()
    approved = [r for r in smtp_server.received if "Beslutningsprotokol" in r.subject]
    assert sorted(r.recipients[0] for r in approved) == [
        "medlem@norddjurs.example",
        "oek@norddjurs.example",
    ]
    assert "er godkendt" in approved[0].part("text/plain")
    for received in smtp_server.received:
        assert not [s for s in SECRETS if s in _text(received)]
