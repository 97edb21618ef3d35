"""The mails of a status round: the reminder to each person asked, in Danish, sent in the
background by notify (plain text and HTML, with the kommune's name). They name plan items only,
never meeting content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danish.formatting import long_date
from notify.preferences import register_kind
from notify.services import send_mail

REMINDER = "followup.reminder"


def register_kinds() -> None:
    register_kind(
        REMINDER,
        gettext_lazy("en statusrunde venter på mit svar"),
        gettext_lazy("Påmindelser før svarfristen, og når administratoren påminder igen."),
        position=5,
        name=gettext_lazy("Påmindelse om statusrunde"),
    )


def reminder_context(*, round: Any, answers: Sequence[Any]) -> dict[str, Any]:
    """Plain values only: notify stores the context as JSON."""
    return {
        "round": round.name,
        "plan": round.plan.name,
        "deadline": long_date(round.deadline),
        "items": [
            {
                "code": answer.item.code,
                "title": answer.item.title,
                "returned": answer.state == "returned",
                "comment": answer.review_comment,
            }
            for answer in answers
        ],
        "url": reverse("followup:overview"),
    }


def send_reminder(*, round: Any, user: Any, answers: Sequence[Any], key: str = "") -> int:
    """Ask notify to mail the reminder (once per address and key); 1 when it will go out."""
    mail = send_mail(
        to=[user],
        subject=_("%(round)s: dit svar skal være indsendt %(deadline)s")
        % {"round": round.name, "deadline": long_date(round.deadline)},
        template="followup/mail/reminder",
        context=reminder_context(round=round, answers=answers),
        kind=REMINDER,
        key=f"{REMINDER}:{round.pk}:{key}" if key else "",
    )
    return 0 if mail is None else 1
