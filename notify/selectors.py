"""Every read of notify's administration page "Sendte mails"."""

from __future__ import annotations

from django.db.models import QuerySet

from notify.models import Delivery, Mail
from notify.preferences import kind_name, kinds


def sent_mails(*, state: str = "", kind: str = "") -> QuerySet[Delivery]:
    """Every outgoing message, newest first, with its mail (subject, kind) and who sent a
    failed one again: what the mail said and what became of it, nothing of what it is about."""
    deliveries = Delivery.objects.select_related("mail", "resent_by").order_by("-pk")
    if state:
        deliveries = deliveries.filter(state=state)
    if kind:
        deliveries = deliveries.filter(mail__kind=kind)
    return deliveries


def mail_kind_choices() -> list[tuple[str, str]]:
    """The kinds to filter by: those registered and those mailed (one query), by name."""
    known = {k.kind for k in kinds()} | set(
        Mail.objects.order_by().values_list("kind", flat=True).distinct()
    )
    return sorted(((kind, kind_name(kind)) for kind in known), key=lambda c: c[1].lower())
