"""The background tasks: sending a mail, and running a daily job. Both are safe to run twice."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.mail import get_connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task

from notify.mail import build_message, common_context

logger = logging.getLogger(__name__)


BATCH = 200
MARK_EVERY = 50


def _claim(token: str) -> list[Any]:
    """Take up to BATCH waiting deliveries for this worker: an UPDATE only on rows still
    pending, so of two workers each delivery goes to one."""
    from notify.models import Delivery

    waiting = list(
        Delivery.objects.filter(state=Delivery.State.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not waiting:
        return []
    Delivery.objects.filter(pk__in=waiting, state=Delivery.State.PENDING).update(
        state=Delivery.State.SENDING, claim=token
    )
    return list(
        Delivery.objects.filter(claim=token, state=Delivery.State.SENDING)
        .select_related("mail")
        .order_by("pk")
    )


@task()
def deliver_mail(mail_id: int) -> int:
    """Send what is waiting: this mail, and any other not yet sent (a status round's 200
    reminders go out over one SMTP connection, by the first of their tasks; the others find
    nothing left). Each delivery is claimed before it is sent, so a task run twice, or two
    workers, send it once; one that fails is marked failed with the reason and the rest are
    still sent. Returns how many were sent."""
    from notify.models import Delivery

    if not Delivery.objects.filter(state=Delivery.State.PENDING).exists():
        return 0
    common = common_context()
    token = get_random_string(32)
    sent = 0
    failures: list[str] = []
    # The connection is opened first: a server that cannot be reached leaves everything
    # pending, for the next task to try.
    with get_connection() as connection:
        while batch := _claim(token):
            done: list[int] = []
            for delivery in batch:
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
                    logger.exception("Mail %s to %s failed", mail.pk, delivery.address)
                    Delivery.objects.filter(pk=delivery.pk).update(
                        state=Delivery.State.FAILED, error=str(error)[:2000]
                    )
                    failures.append(delivery.address)
                    continue
                done.append(delivery.pk)
                if len(done) >= MARK_EVERY:
                    sent += _mark_sent(done)
            sent += _mark_sent(done)
    if failures:
        # The task is recorded as failed (its result says to whom); the sent ones stay sent.
        raise RuntimeError(f"Mail could not be sent to {', '.join(failures)}")
    return sent


def _mark_sent(ids: list[int]) -> int:
    from notify.models import Delivery

    count = len(ids)
    if ids:
        Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.State.SENT, sent_at=timezone.now()
        )
        ids.clear()
    return count


STALE_AFTER = datetime.timedelta(minutes=1)


def sweep(*, older_than: datetime.timedelta = STALE_AFTER) -> bool:
    """Enqueue a delivery task when mails have waited longer than `older_than` (their task
    failed, e.g. the SMTP server was down, or two bursts each left it to the other). Called by
    the worker's scheduler every half minute, so waiting mail is retried."""
    from notify.models import Delivery

    waiting = (
        Delivery.objects.filter(
            state=Delivery.State.PENDING, mail__created_at__lte=timezone.now() - older_than
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
