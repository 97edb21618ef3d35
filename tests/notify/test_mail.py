"""Mail through Django's mail framework, sent by the worker on both task backends to a real
SMTP server on loopback: what arrives (headers, Danish text, both parts), to whom, and once."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from notify import schedule
from notify.models import DailyRun, Delivery
from notify.preferences import register_kind, wants
from notify.services import mail_preferences_save, send_mail
from tests.factories import MunicipalityFactory, UserFactory

# The worker closes the connection between tasks (as Django does between requests), so the
# tests commit for real instead of running inside one transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def work(*, scheduler: bool = True) -> None:
    """What `kursen worker` does, until nothing is waiting. A task that asks for a mail
    enqueues it on commit: the test's transaction never commits, so that is done here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("worker", once=True, no_scheduler=not scheduler, verbosity=0)


@pytest.fixture
def daily_job():
    schedule.register_daily("test.daily", sent_reminders, at=datetime.time(7))
    yield
    schedule._JOBS.pop("test.daily")


@pytest.fixture
def anne(db):
    return UserFactory(
        username="anne", first_name="Anne", last_name="Ærø", email="anne@norddjurs.example"
    )


def test_mail_arrives_with_danish_text_and_html_and_the_kommunes_name(
    smtp_server, task_backend, anne, django_capture_on_commit_callbacks
):
    MunicipalityFactory(name="Norddjurs Kommune")
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            to=[anne, "sekretariat@norddjurs.example"],
            subject="Prøve på æøå",
            template="test_mail",
            context={"message": "Børnene får sol på ØK's møde"},
            kind="test",
        )
    assert smtp_server.received == []  # nothing is sent inside the request
    work()

    assert len(smtp_server.received) == 2  # one message per recipient
    [to_anne] = smtp_server.to("anne@norddjurs.example")
    message = to_anne.message
    assert message["Subject"] == "Prøve på æøå"
    assert message["From"] == "Kursen <kursen@norddjurs.example>"
    assert message["To"] == "Anne Ærø <anne@norddjurs.example>"
    assert "sekretariat" not in message["To"]
    text, html = to_anne.part("text/plain"), to_anne.part("text/html")
    for part in (text, html):
        assert "Kære Anne Ærø" in part
        assert "Norddjurs Kommune" in part
        assert "https://kursen.norddjurs.example/mine-mails/" in part
    assert "Børnene får sol på ØK's møde" in text
    assert "Børnene får sol på ØK&#x27;s møde" in html  # escaped in HTML
    assert html.lstrip().startswith("<!DOCTYPE html>") and 'lang="da"' in html
    [other] = smtp_server.to("sekretariat@norddjurs.example")
    assert "Kære modtager" in other.part("text/plain")
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_a_user_who_declined_the_kind_is_not_mailed(
    smtp_server, database_tasks, anne, django_capture_on_commit_callbacks
):
    register_kind("test.declined", "Prøvemails")
    bo = UserFactory(username="bo", email="bo@norddjurs.example")
    mail_preferences_save(user=anne, wanted={"test.declined": False})
    assert not wants(anne, "test.declined") and wants(bo, "test.declined")
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            to=[anne, bo], subject="Hej", template="test_mail", context={}, kind="test.declined"
        )
    work()
    assert [r.recipients for r in smtp_server.received] == [["bo@norddjurs.example"]]


def test_a_user_without_an_address_and_no_one_at_all_send_nothing(
    smtp_server, database_tasks, django_capture_on_commit_callbacks
):
    nobody = UserFactory(username="uden-adresse", email="")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            send_mail(to=[nobody], subject="Hej", template="test_mail", context={}, kind="test")
            is None
        )
    work()
    assert smtp_server.received == []


def test_a_mail_with_a_key_is_sent_once_however_often_it_is_asked_for(
    smtp_server, task_backend, anne, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            send_mail(
                to=[anne],
                subject="Påmindelse",
                template="test_mail",
                context={},
                kind="test",
                key="reminder:1:2025-06-02",
            )
        work()
    assert len(smtp_server.received) == 1


def test_a_task_run_twice_sends_once(smtp_server, database_tasks, anne):
    from notify.tasks import deliver_mail

    mail = send_mail(to=[anne], subject="Hej", template="test_mail", context={}, kind="test")
    assert deliver_mail.call(mail.pk) == 1
    assert deliver_mail.call(mail.pk) == 0
    assert len(smtp_server.received) == 1


def test_an_unreachable_server_leaves_the_delivery_waiting_with_the_reason(
    settings, database_tasks, anne
):
    from notify.tasks import deliver_mail
    from tests.notify.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    mail = send_mail(to=[anne], subject="Hej", template="test_mail", context={}, kind="test")
    assert deliver_mail.call(mail.pk) == 0  # recorded on the delivery, not raised
    [delivery] = mail.deliveries.all()
    assert delivery.state == Delivery.State.PENDING  # tried again at its next attempt
    assert delivery.error == "Mailserveren kunne ikke nås: forbindelsen blev afvist."


def sent_reminders(today: datetime.date) -> None:
    from django.contrib.auth.models import User

    send_mail(
        to=list(User.objects.filter(username="anne")),
        subject="Husk statusopfølgningen",
        template="test_mail",
        context={"message": today.isoformat()},
        kind="test.daily",
        key=f"test.daily:{today.isoformat()}",
    )


def test_a_daily_job_runs_once_a_day_even_with_two_workers(
    smtp_server, task_backend, anne, daily_job, django_capture_on_commit_callbacks
):
    morning = timezone.make_aware(datetime.datetime(2025, 6, 2, 6, 30))
    later = timezone.make_aware(datetime.datetime(2025, 6, 2, 7, 5))
    assert schedule.run_due(morning) == []  # not yet time
    with django_capture_on_commit_callbacks(execute=True):
        first = schedule.run_due(later)  # one worker's scheduler
        second = schedule.run_due(later)  # the other's, a moment later
    assert "test.daily" in first and "test.daily" not in second
    work(scheduler=False)
    work(scheduler=False)
    assert DailyRun.objects.filter(name="test.daily").count() == 1
    [reminder] = smtp_server.received
    assert reminder.subject == "Husk statusopfølgningen"
    assert "2025-06-02" in reminder.part("text/plain")
    # Run again by hand (e.g. after a failure): the key keeps it from being sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        sent_reminders(datetime.date(2025, 6, 2))
    work(scheduler=False)
    assert len(smtp_server.received) == 1


def test_mail_the_server_refused_is_sent_by_the_workers_next_sweep(
    settings, smtp_server, database_tasks, anne, django_capture_on_commit_callbacks
):
    from tests.notify.conftest import free_port

    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = free_port(), 2  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        mail = send_mail(to=[anne], subject="Hej", template="test_mail", context={}, kind="test")
    work(scheduler=False)  # the task fails; the mail waits
    assert mail.deliveries.get().state == Delivery.State.PENDING
    settings.EMAIL_PORT = working_port
    # Its next attempt comes (the tests move the stored time instead of sleeping).
    Delivery.objects.update(next_attempt_at=timezone.now())
    work()  # the worker's sweep enqueues the waiting mail again
    assert [r.recipients for r in smtp_server.received] == [["anne@norddjurs.example"]]
    assert mail.deliveries.get().state == Delivery.State.SENT
