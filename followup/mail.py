"""The mails of a status round: the reminder to each person asked, in Danish, as plain text and
HTML, with the kommune's name. They name plan items only, never meeting content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from danish.formatting import long_date
from organisation.models import Municipality


def reminder_message(*, round: Any, user: Any, answers: Sequence[Any]) -> dict[str, str]:
    """Subject, text and HTML of the reminder to `user` about their unanswered `answers`."""
    municipality = Municipality.objects.first()
    context = {
        "round": round,
        "user": user,
        "answers": answers,
        "deadline": long_date(round.deadline),
        "municipality": municipality.name if municipality else "Kursen",
        "url": getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        + reverse("followup:overview"),
    }
    return {
        "subject": f"{round.name}: dine svar skal være indsendt {context['deadline']}",
        "text": render_to_string("followup/mail/reminder.txt", context),
        "html": render_to_string("followup/mail/reminder.html", context),
    }


def send_reminder(*, round: Any, user: Any, answers: Sequence[Any]) -> int:
    """Send the reminder; 0 when the user has no address."""
    if not user.email:
        return 0
    message = reminder_message(round=round, user=user, answers=answers)
    mail = EmailMultiAlternatives(message["subject"], message["text"], to=[user.email])
    mail.attach_alternative(message["html"], "text/html")
    return mail.send()
