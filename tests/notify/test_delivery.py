"""Mail that is not lost: each outgoing message is a record (recipient, subject, kind, key,
state, attempts, last error, sent at) that the worker tries again, later each time, while the
SMTP server is down or refuses for now (4xx), and marks failed with a Danish reason when it
refuses for good (5xx) or after the last attempt; never sent twice for one key and address.
Against a real SMTP server on loopback (aiosmtpd), on both task backends where it matters."""

from __future__ import annotations

import datetime
import smtplib
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from notify import services, tasks
from notify.failures import explain
from notify.models import Delivery
from notify.services import send_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

REFUSED = "Mailserveren kunne ikke nås: forbindelsen blev afvist."


def work(*, scheduler: bool = True) -> None:
    """What `kursen worker --once` does: the sweep (waiting mail that is due), then the tasks."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("worker", once=True, no_scheduler=not scheduler, verbosity=0)


def the_clock_moves_on() -> None:
    """Time passes until every waiting delivery's next attempt is due (the tests do not sleep:
    the stored time of the next attempt is moved to just now instead)."""
    Delivery.objects.filter(next_attempt_at__isnull=False).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.fixture
def anne(db):
    return UserFactory(username="anne", first_name="Anne", email="anne@norddjurs.example")


def _mail(to, *, key: str = "", subject: str = "Påmindelse", template: str = "test_mail"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_mail(
            to=to, subject=subject, template=template, context={}, kind="test", key=key
        )


def test_mail_waits_while_the_server_is_down_and_is_sent_once_when_it_is_back(
    smtp_server, task_backend, anne
):
    smtp_server.down()
    mail = _mail([anne], key="reminder:1:2025-06-02")
    work()
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.PENDING
    assert delivery.attempts == 1
    assert delivery.error == REFUSED
    assert delivery.next_attempt_at > timezone.now()  # not hammered: it waits

    smtp_server.up()
    work()  # the next attempt has not come yet
    assert smtp_server.received == []
    assert mail.deliveries.get().attempts == 1

    the_clock_moves_on()
    work()
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.SENT and delivery.sent_at is not None
    assert delivery.attempts == 2
    assert [r.recipients for r in smtp_server.received] == [["anne@norddjurs.example"]]

    # Asked for again, and the worker runs again: the key holds, nothing goes twice.
    assert _mail([anne], key="reminder:1:2025-06-02") is None
    the_clock_moves_on()
    work()
    assert len(smtp_server.received) == 1
    assert Delivery.objects.count() == 1


def test_a_temporary_refusal_is_tried_again_later_and_sent_once(smtp_server, database_tasks, anne):
    smtp_server.refusals["anne@norddjurs.example"] = "451 4.7.1 Try again later"
    bo = UserFactory(username="bo", email="bo@norddjurs.example")
    mail = _mail([anne, bo])
    work()
    waiting = mail.deliveries.get(address="anne@norddjurs.example")
    assert waiting.state == Delivery.State.PENDING and waiting.attempts == 1
    assert waiting.error == (
        "Mailserveren afviste modtageren midlertidigt (451 4.7.1 Try again later)."
    )
    # The refusal was of one recipient: the next one went over the same connection.
    assert mail.deliveries.get(address="bo@norddjurs.example").state == Delivery.State.SENT

    del smtp_server.refusals["anne@norddjurs.example"]
    the_clock_moves_on()
    work()
    assert mail.deliveries.get(address="anne@norddjurs.example").state == Delivery.State.SENT
    assert sorted(r.recipients[0] for r in smtp_server.received) == [
        "anne@norddjurs.example",
        "bo@norddjurs.example",
    ]


def test_a_permanent_refusal_fails_at_once_with_a_danish_reason(smtp_server, database_tasks, anne):
    smtp_server.refusals["anne@norddjurs.example"] = "550 5.1.1 User unknown"
    mail = _mail([anne])
    work()
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.FAILED
    assert delivery.attempts == 1
    assert delivery.error == "Mailserveren afviste modtageren (550 5.1.1 User unknown)."
    the_clock_moves_on()
    work()  # a failed mail is not tried again by itself
    assert mail.deliveries.get().attempts == 1
    assert smtp_server.received == []


def test_a_mail_that_cannot_be_rendered_fails_and_the_others_are_sent(
    smtp_server, database_tasks, anne
):
    broken = _mail([anne], template="findes_ikke")
    fine = _mail(["sekretariat@norddjurs.example"])
    work()
    delivery = broken.deliveries.get()
    assert delivery.state == Delivery.State.FAILED
    assert delivery.error.startswith("Mailen kunne ikke dannes: TemplateDoesNotExist")
    assert fine.deliveries.get().state == Delivery.State.SENT


def test_temporary_failures_give_up_after_the_last_attempt_waiting_longer_each_time(
    settings, smtp_server, database_tasks, anne
):
    settings.KURSEN_MAIL_ATTEMPTS = 3
    smtp_server.refusals["anne@norddjurs.example"] = "421 4.3.2 Service not available"
    mail = _mail([anne])
    waits = []
    for _ in range(3):
        before = timezone.now()
        work()
        delivery = mail.deliveries.get()
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - before)
        the_clock_moves_on()
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.FAILED and delivery.attempts == 3
    assert delivery.error == (
        "Mailserveren afviste modtageren midlertidigt (421 4.3.2 Service not available). "
        "Opgivet efter 3 forsøg."
    )
    assert len(waits) == 2 and waits[0] < waits[1]  # a minute, then two
    assert smtp_server.received == []


def test_the_wait_doubles_from_a_minute_up_to_an_hour():
    minutes = [tasks.retry_delay(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_failed_mail_sent_again_goes_once_and_says_who_sent_it_again(
    smtp_server, database_tasks, anne
):
    admin = UserFactory(username="root", first_name="Rikke")
    smtp_server.refusals["anne@norddjurs.example"] = "550 5.7.1 Relaying denied"
    mail = _mail([anne], key="agenda:7")
    work()
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.FAILED

    del smtp_server.refusals["anne@norddjurs.example"]  # the server's settings were mended
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.delivery_resend(delivery_id=delivery.pk, user=admin)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 0
    assert delivery.resent_by == admin and delivery.resent_at is not None
    with pytest.raises(services.AlreadyResent):  # a second click, or another administrator
        services.delivery_resend(delivery_id=delivery.pk, user=admin)
    work()
    work()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT and delivery.attempts == 1
    assert len(smtp_server.received) == 1
    with pytest.raises(services.AlreadyResent):  # a sent mail is not sent again
        services.delivery_resend(delivery_id=delivery.pk, user=admin)


def test_two_workers_claim_different_deliveries(database_tasks):
    _mail([f"person{n}@norddjurs.example" for n in range(30)])
    first = {d.pk for d in tasks._claim("worker-a")}
    second = {d.pk for d in tasks._claim("worker-b")}
    assert len(first) == tasks.BATCH and len(second) == 30 - tasks.BATCH
    assert first.isdisjoint(second)
    assert tasks._claim("worker-c") == []


@pytest.mark.skipif(
    "connection.vendor == 'sqlite'",
    reason="SQLite's test database is one in-memory file shared by threads; it locks writers",
)
def test_two_workers_at_once_send_each_mail_once(smtp_server, database_tasks):
    mail = _mail([f"person{n}@norddjurs.example" for n in range(60)], key="burst")
    results: list[int] = []

    def worker() -> None:
        try:
            results.append(tasks.deliver_mail.call(mail.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 60
    addresses = [r.recipients[0] for r in smtp_server.received]
    assert len(addresses) == 60 and len(set(addresses)) == 60
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_a_stopped_workers_claim_is_released_and_the_mail_sent(smtp_server, database_tasks, anne):
    mail = _mail([anne])
    [claimed] = tasks._claim("a-worker-that-was-killed")
    assert claimed.state == Delivery.State.SENDING
    assert tasks.release_stale(older_than=datetime.timedelta(hours=1)) == 0  # still its own
    assert tasks.release_stale(older_than=datetime.timedelta(0)) == 1
    delivery = mail.deliveries.get()
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 1
    assert delivery.error == "Afsendelsen blev afbrudt (baggrundsopgaven stoppede)."
    the_clock_moves_on()
    work()
    assert mail.deliveries.get().state == Delivery.State.SENT
    assert len(smtp_server.received) == 1


@pytest.mark.parametrize(
    ("error", "temporary", "lost", "reason"),
    [
        (
            smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid"),
            True,
            True,
            "Kursen kunne ikke logge ind på mailserveren (535 5.7.8 Authentication credentials "
            "invalid). Tjek brugernavn og adgangskode (EMAIL_HOST_USER og EMAIL_HOST_PASSWORD).",
        ),
        (TimeoutError("timed out"), True, True, "Mailserveren svarede ikke i tide."),
        (smtplib.SMTPServerDisconnected("gone"), True, True, "Mailserveren afbrød forbindelsen."),
        (
            smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"),
            False,
            False,
            "Mailserveren afviste mailen (554 5.7.1 Message rejected as spam).",
        ),
        (
            smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "kursen@norddjurs.dk"),
            False,
            False,
            "Mailserveren afviste afsenderen (553 5.7.1 Sender not allowed).",
        ),
        (
            smtplib.SMTPRecipientsRefused({"a@norddjurs.dk": (421, b"4.3.2 Closing")}),
            True,
            True,  # 421: the server closes the connection
            "Mailserveren afviste modtageren midlertidigt (421 4.3.2 Closing).",
        ),
        (
            smtplib.SMTPConnectError(554, b"5.7.1 No service for you"),
            True,  # refused at the greeting: the server's state, not the mail's
            True,
            "Mailserveren afviste forbindelsen (554 5.7.1 No service for you).",
        ),
    ],
)
def test_each_failure_has_a_danish_reason_and_says_whether_to_try_again(
    error, temporary, lost, reason
):
    failure = explain(error)
    assert (failure.temporary, failure.connection_lost, failure.reason) == (
        temporary,
        lost,
        reason,
    )
