"""Every write of notify: asking for a mail to be sent, and a user's choice of mails."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from notify.models import Delivery, Mail, MailPreference
from notify.preferences import kinds, wanting

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _display_name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", None)
    return (full() if callable(full) else "") or ""


@transaction.atomic
def send_mail(
    *,
    to: Iterable[str | AbstractBaseUser],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    kind: str,
    key: str = "",
) -> Mail | None:
    """Ask for a mail to be sent in the background; returns it, or None when no one is to
    receive it.

    `to` holds users and/or addresses. Users who declined `kind` on "Mine mails", and users
    without an address, are left out; an address is one recipient whoever it belongs to. Each
    recipient gets their own message (no one sees who else got it). `template` names the pair
    templates/notify/<template>.txt and .html (or "app/folder/name" for another folder), whose
    context is `context` plus `municipality`, `base_url`, `recipient_name` and `subject`.
    `context` is stored as JSON: plain values only, nothing a recipient may not read.

    With a `key` (e.g. "followup.reminder:17:2025-06-02") the mail is sent at most once per
    address and key, however often it is asked for. The task is enqueued when the caller's
    transaction commits, so the worker never sees a mail that was rolled back; mails asked for
    in a burst (a round's reminders) share one task and one SMTP connection.
    """
    if not template.strip():
        raise ValueError("template is required")
    users: list[AbstractBaseUser] = []
    addresses: list[str] = []
    for recipient in to:
        if isinstance(recipient, str):
            addresses.append(recipient)
        else:
            users.append(recipient)
    recipients: dict[str, tuple[AbstractBaseUser | None, str]] = {}
    for user in wanting(users, kind):
        address = (getattr(user, "email", "") or "").strip()
        if address and address.lower() not in recipients:
            recipients[address.lower()] = (user, _display_name(user))
    for address in addresses:
        address = address.strip()
        if address and address.lower() not in recipients:
            recipients[address.lower()] = (None, "")
    if not recipients:
        return None
    mail = Mail.objects.create(kind=kind, template=template, subject=subject, context=dict(context))
    rows = [
        Delivery(mail=mail, user_id=user.pk if user else None, address=address, name=name, key=key)
        for address, (user, name) in recipients.items()
    ]
    if key:
        # An address that already had this key is left out by the unique constraint.
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        if not mail.deliveries.exists():
            mail.delete()
            return None
    else:
        Delivery.objects.bulk_create(rows)
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(mail_id: int) -> None:
    """One task for a burst of mails: only when no earlier mail is waiting. An earlier one's
    task, queued or running, claims what is waiting until nothing is, so it sends this one too
    over the same connection (this mail's rows are committed before the check). Mail that
    waits all the same (the server refused it for now) is retried by the worker's sweep."""
    from notify.tasks import deliver_mail

    # A new delivery (no next attempt set) has a task on its way; one waiting for its next
    # attempt is sent when the sweep finds it due, so it does not hold this mail back.
    earlier = Delivery.objects.filter(
        state=Delivery.State.PENDING, mail_id__lt=mail_id, next_attempt_at__isnull=True
    )
    if not earlier.exists():
        deliver_mail.enqueue(mail_id)


class AlreadyResent(Exception):
    """The delivery is no longer failed: someone sent it again, or it was sent."""


def delivery_resend(*, delivery_id: int, user: AbstractBaseUser) -> Delivery:
    """ "Send igen": a failed delivery waits again, with its attempts counted from nought, and
    is sent by the worker as a new one is; who asked, and when, is kept on it. Only a failed
    one is changed (the UPDATE asks for it), so two administrators clicking at once, or one
    clicking twice, queue it once; the key still holds, as it is the same delivery."""
    now = timezone.now()
    with transaction.atomic():
        changed = Delivery.objects.filter(pk=delivery_id, state=Delivery.State.FAILED).update(
            state=Delivery.State.PENDING,
            attempts=0,
            next_attempt_at=None,
            claim="",
            resent_by_id=user.pk,
            resent_at=now,
        )
        if not changed:
            raise AlreadyResent(delivery_id)
        delivery = Delivery.objects.select_related("mail").get(pk=delivery_id)
        mail_id = delivery.mail_id
        transaction.on_commit(lambda: _enqueue_now(mail_id))
    return delivery


def _enqueue_now(mail_id: int) -> None:
    from notify.tasks import deliver_mail

    deliver_mail.enqueue(mail_id)


@transaction.atomic
def mail_preferences_save(*, user: AbstractBaseUser, wanted: Mapping[str, bool]) -> None:
    """Store the user's choice for each registered kind (kinds not registered are ignored)."""
    known = {k.kind for k in kinds()}
    existing = {p.kind: p for p in MailPreference.objects.filter(user_id=user.pk)}
    for kind, value in wanted.items():
        if kind not in known:
            continue
        preference = existing.get(kind)
        if preference is None:
            if value:  # the default; nothing to store
                continue
            preference = MailPreference(user_id=user.pk, kind=kind, wanted=value)
        elif preference.wanted == value:
            continue
        preference.wanted = value
        vars(preference)["_history_user"] = user
        preference.save()
