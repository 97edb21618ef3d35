"""The background tasks: sending a mail, and running a daily job. Both are safe to run twice."""

from __future__ import annotations

import datetime
import logging

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from notify.mail import build_message, common_context

logger = logging.getLogger(__name__)


@task()
def deliver_mail(mail_id: int) -> int:
    """Send the mail to each of its recipients not yet sent to, over one SMTP connection.
    Each delivery is claimed first (pending → sending), so a task run twice, or two workers,
    send it once. Returns how many were sent."""
    from notify.models import Delivery, Mail

    mail = Mail.objects.filter(pk=mail_id).first()
    if mail is None:
        return 0
    pending = list(mail.deliveries.filter(state=Delivery.State.PENDING).order_by("pk"))
    if not pending:
        return 0
    common = common_context()
    sent = 0
    failures: list[str] = []
    with get_connection() as connection:
        for delivery in pending:
            claimed = Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.PENDING).update(
                state=Delivery.State.SENDING
            )
            if not claimed:
                continue
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
            Delivery.objects.filter(pk=delivery.pk).update(
                state=Delivery.State.SENT, sent_at=timezone.now()
            )
            sent += 1
    if failures:
        # The task is recorded as failed (its result says to whom), the sent ones stay sent.
        raise RuntimeError(f"Mail {mail.pk} could not be sent to {', '.join(failures)}")
    return sent


@task()
def run_daily(name: str, day: str) -> None:
    """Run a registered daily job for the day (ISO date); claimed already by the scheduler."""
    from notify.schedule import job

    found = job(name)
    if found is None:
        logger.warning("No daily job named %s", name)
        return
    found.func(datetime.date.fromisoformat(day))
