"""The background tasks: sending a mail, and running a daily job. Both are safe to run twice."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task

from notify.failures import Failure, explain
from notify.mail import build_message, common_context

logger = logging.getLogger(__name__)


# A worker claims this many at a time; with EMAIL_TIMEOUT (30 s) per message a batch is sent
# well within STALE_CLAIM, after which a claim is taken to be a worker that stopped.
BATCH = 25
STALE_CLAIM = datetime.timedelta(minutes=30)
STALE_AFTER = datetime.timedelta(minutes=1)


def max_attempts() -> int:
    """How many times a delivery is tried before it is marked failed (KURSEN_MAIL_ATTEMPTS)."""
    return max(1, int(getattr(settings, "KURSEN_MAIL_ATTEMPTS", 10)))


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long a delivery waits after its `attempts`-th failed attempt: doubling from
    KURSEN_MAIL_RETRY_SECONDS (a minute), at most an hour (1, 2, 4, … 60, 60 minutes)."""
    base = float(getattr(settings, "KURSEN_MAIL_RETRY_SECONDS", 60))
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600.0))


def _due(now: datetime.datetime) -> Q:
    return Q(state="pending") & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def _claim(token: str) -> list[Any]:
    """Take up to BATCH deliveries that are due for this worker: an UPDATE only on rows still
    pending, so of two workers each delivery goes to one."""
    from notify.models import Delivery

    now = timezone.now()
    waiting = list(
        Delivery.objects.filter(_due(now)).order_by("pk").values_list("pk", flat=True)[:BATCH]
    )
    if not waiting:
        return []
    Delivery.objects.filter(pk__in=waiting, state=Delivery.State.PENDING).update(
        state=Delivery.State.SENDING, claim=token, claimed_at=now
    )
    return list(
        Delivery.objects.filter(claim=token, state=Delivery.State.SENDING)
        .select_related("mail")
        .order_by("pk")
    )


@task()
def deliver_mail(mail_id: int) -> int:
    """Send what is due: this mail, and any other waiting (a status round's 200 reminders go
    out over one SMTP connection, by the first of their tasks; the others find nothing left).

    Each delivery is claimed before it is sent and marked sent as soon as the server took it,
    so a task run twice, or two workers, send it once. One that fails is tried again later
    (a temporary failure) or marked failed (a permanent one, or the last attempt), with the
    reason; the rest are still sent. Returns how many were sent."""
    from notify.models import Delivery

    if not Delivery.objects.filter(_due(timezone.now())).exists():
        return 0
    common = common_context()
    token = get_random_string(32)
    sent = 0
    connection = get_connection()
    try:
        while batch := _claim(token):
            count, lost = _send_batch(batch, connection, common, token)
            sent += count
            if lost:  # the server is gone: what is left waits for the next attempt
                break
    finally:
        try:
            connection.close()
        except Exception:  # a connection that broke cannot be closed politely
            logger.debug("SMTP connection closed uncleanly", exc_info=True)
    return sent


def _send_batch(
    batch: list[Any], connection: Any, common: dict[str, Any], token: str
) -> tuple[int, bool]:
    """Send one claimed batch over the connection (opened first); (sent, connection lost)."""
    from notify.models import Delivery

    try:
        connection.open()
    except Exception as error:  # the server cannot be reached: every one of them waits
        failure = explain(error)
        logger.warning("SMTP server could not be reached: %s", failure.reason)
        _failed(batch, failure, token)
        return 0, True
    sent = 0
    for index, delivery in enumerate(batch):
        mail = delivery.mail
        try:
            build_message(
                template=mail.template,
                subject=mail.subject,
                context=mail.context,
                address=delivery.address,
                name=delivery.name,
                common=common,
                connection=connection,
            ).send()
        except Exception as error:  # the next recipient is still tried
            failure = explain(error)
            logger.warning("Mail %s to %s failed: %s", mail.pk, delivery.address, failure.reason)
            _failed([delivery], failure, token)
            if failure.connection_lost:
                # Not tried: due again at once, for the next task (the sweep enqueues it).
                rest = [d.pk for d in batch[index + 1 :]]
                Delivery.objects.filter(pk__in=rest, claim=token).update(
                    state=Delivery.State.PENDING, claim="", next_attempt_at=timezone.now()
                )
                return sent, True
            continue
        # Marked at once: a worker that stops now sends no mail twice but this one.
        sent += Delivery.objects.filter(pk=delivery.pk, claim=token).update(
            state=Delivery.State.SENT,
            sent_at=timezone.now(),
            attempts=delivery.attempts + 1,
            claim="",
        )
    return sent, False


def _failed(deliveries: list[Any], failure: Failure, token: str) -> None:
    """Record a failed attempt: waiting for the next one, later each time, or failed for good
    (a permanent failure, or the last attempt). One UPDATE per number of attempts made."""
    from notify.models import Delivery

    now = timezone.now()
    limit = max_attempts()
    by_attempts: dict[int, list[int]] = {}
    for delivery in deliveries:
        by_attempts.setdefault(delivery.attempts + 1, []).append(delivery.pk)
    for attempts, ids in by_attempts.items():
        rows = Delivery.objects.filter(pk__in=ids, claim=token, state=Delivery.State.SENDING)
        if failure.temporary and attempts < limit:
            rows.update(
                state=Delivery.State.PENDING,
                claim="",
                attempts=attempts,
                error=failure.reason,
                next_attempt_at=now + retry_delay(attempts),
            )
        else:
            reason = failure.reason
            if failure.temporary:
                reason += f" Opgivet efter {attempts} forsøg."
            rows.update(
                state=Delivery.State.FAILED,
                claim="",
                attempts=attempts,
                error=reason,
                next_attempt_at=None,
            )


def release_stale(*, older_than: datetime.timedelta = STALE_CLAIM) -> int:
    """Deliveries claimed longer ago than `older_than` were taken by a worker that stopped
    (killed, the machine went down): they wait again, as a failed attempt, so they are sent
    at least once. The one being sent when it stopped may go out twice; the rest not."""
    from notify.models import Delivery

    stale = list(
        Delivery.objects.filter(
            state=Delivery.State.SENDING, claimed_at__lt=timezone.now() - older_than
        )
    )
    for delivery in stale:
        _failed(
            [delivery],
            Failure(True, "Afsendelsen blev afbrudt (baggrundsopgaven stoppede)."),
            delivery.claim,
        )
    return len(stale)


def sweep(*, older_than: datetime.timedelta = STALE_AFTER) -> bool:
    """Enqueue a delivery task when mail is due: a new one that has waited longer than
    `older_than` (two bursts each left it to the other), or one whose next attempt has come
    (the SMTP server was down or refused it for now). Called by the worker's scheduler every
    half minute, so waiting mail is retried; it also releases the claims of stopped workers."""
    from notify.models import Delivery

    release_stale()
    now = timezone.now()
    waiting = (
        Delivery.objects.filter(state=Delivery.State.PENDING)
        .filter(
            Q(next_attempt_at__isnull=True, mail__created_at__lte=now - older_than)
            | Q(next_attempt_at__lte=now)
        )
        .values_list("mail_id", flat=True)
        .first()
    )
    if waiting is None:
        return False
    deliver_mail.enqueue(waiting)
    return True


@task()
def run_daily(name: str, day: str) -> None:
    """Run a registered daily job for the day (ISO date); claimed already by the scheduler."""
    from notify.schedule import job

    found = job(name)
    if found is None:
        logger.warning("No daily job named %s", name)
        return
    found.func(datetime.date.fromisoformat(day))
