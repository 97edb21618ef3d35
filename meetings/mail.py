"""The meetings' mails: an agenda sent out, a case offered to the next body, minutes approved.

Called from meetings.services through transaction.on_commit. Nothing closed goes into a mail,
whoever receives it (a mail leaves Kursen: it is forwarded, printed, read on a phone): a mail
names the meeting or case and links to it, where the access gate decides what the reader sees.
Its list of items is the public agenda's (meetings.access), and a closed item in it is its
number and "Lukket punkt". A closed case is not named at all.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danish.formatting import long_date
from meetings.access import CLOSED_ITEM, Access
from meetings.models import AgendaItem, Meeting
from notify.preferences import register_kind
from notify.services import send_mail
from organisation.models import Body, Profile

AGENDA_SENT = "meetings.agenda_sent"
CASE_OFFERED = "meetings.case_offered"
MINUTES_APPROVED = "meetings.minutes_approved"


def register_kinds() -> None:
    register_kind(
        AGENDA_SENT,
        gettext_lazy("en dagsorden er udsendt til et udvalg, jeg er med i"),
        gettext_lazy("Til udvalgets medlemmer med login i Kursen."),
        position=10,
        name=gettext_lazy("Dagsorden udsendt"),
    )
    register_kind(
        CASE_OFFERED,
        gettext_lazy("en sag er klar til behandling i et udvalg, jeg er sekretær for"),
        gettext_lazy("Når det forrige udvalg i sagsgangen har truffet beslutning."),
        position=20,
        name=gettext_lazy("Sag klar til behandling"),
    )
    register_kind(
        MINUTES_APPROVED,
        gettext_lazy("beslutningsprotokollen er godkendt i et udvalg, jeg er med i"),
        gettext_lazy("Til udvalgets medlemmer med login i Kursen."),
        position=30,
        name=gettext_lazy("Beslutningsprotokol godkendt"),
    )


def members_with_login(body: Body) -> QuerySet[User]:
    """The body's people in Kursen: the users whose profile names the body."""
    return User.objects.filter(is_active=True, profile__bodies=body).order_by("pk").distinct()


def secretaries(body: Body) -> QuerySet[User]:
    """Who prepares the body's meetings: its editors."""
    return members_with_login(body).filter(profile__role=Profile.Role.EDITOR)


def _when(meeting: Meeting) -> str:
    text = long_date(meeting.date)
    if meeting.start_time:
        text += f" kl. {meeting.start_time.hour}.{meeting.start_time.minute:02d}"
    return text


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "body": meeting.body.name,
        "when": _when(meeting),
        "place": meeting.place,
        "url": meeting.get_absolute_url(),
    }


def public_items(meeting: Meeting) -> list[dict[str, Any]]:
    """The agenda's items as the public may read their headings: a closed one is its number
    and "Lukket punkt"."""
    access = Access.public()
    items = AgendaItem.objects.filter(meeting=meeting).select_related("case").order_by("number")
    open_ids = access.content_item_ids([item.pk for item in items])
    return [
        {
            "number": item.number,
            "title": item.title if item.pk in open_ids else str(CLOSED_ITEM),
            "closed": item.pk not in open_ids,
        }
        for item in items
    ]


def mail_agenda_sent(meeting_id: int) -> None:
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    send_mail(
        to=members_with_login(meeting.body),
        subject=_("Dagsorden udsendt: %(body)s %(date)s")
        % {"body": meeting.body.name, "date": long_date(meeting.date, weekday=False)},
        template="meetings/mail/agenda_sent",
        context=_meeting_context(meeting) | {"items": public_items(meeting)},
        kind=AGENDA_SENT,
        key=f"{AGENDA_SENT}:{meeting.pk}",
    )


def mail_minutes_approved(meeting_id: int) -> None:
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    send_mail(
        to=members_with_login(meeting.body),
        subject=_("Beslutningsprotokol godkendt: %(body)s %(date)s")
        % {"body": meeting.body.name, "date": long_date(meeting.date, weekday=False)},
        template="meetings/mail/minutes_approved",
        context=_meeting_context(meeting) | {"items": public_items(meeting)},
        kind=MINUTES_APPROVED,
        key=f"{MINUTES_APPROVED}:{meeting.pk}",
    )


def mail_case_offered(agenda_item_id: int, next_body_id: int) -> None:
    """After a decision: the case is offered to the next body on its routing."""
    item = AgendaItem.objects.select_related("meeting__body", "case").get(pk=agenda_item_id)
    case = item.case
    next_body = Body.objects.filter(pk=next_body_id).first()
    if case is None or next_body is None:
        return
    context = {
        "decided_by": item.meeting.body.name,
        "decided_on": long_date(item.meeting.date),
        "next_body": next_body.name,
        "case_closed": case.closed,
        # A closed case is neither numbered nor titled: the link shows it to those who may.
        "case_number": "" if case.closed else case.number,
        "case_title": "" if case.closed else case.title,
        "url": case.get_absolute_url(),
    }
    subject = (
        _("En lukket sag er klar til %(body)s") % {"body": next_body.name}
        if case.closed
        else _("Sag %(number)s er klar til %(body)s")
        % {"number": case.number, "body": next_body.name}
    )
    send_mail(
        to=secretaries(next_body),
        subject=subject,
        template="meetings/mail/case_offered",
        context=context,
        kind=CASE_OFFERED,
        key=f"{CASE_OFFERED}:{case.pk}:{item.pk}:{next_body.pk}",
    )
