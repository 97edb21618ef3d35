"""What status rounds add to an item's timeline (plans.timeline): each closed round's answer
(only submitted or approved ones: an unanswered item got nothing from the round), and the
decision on the agenda item the round's report was put on, if the user may read it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from danish.formatting import long_date
from followup import selectors
from followup.models import Answer, Round, Visit
from meetings.access import Access
from plans.models import STATUS_LABELS, Item
from plans.timeline import Entry


def item_entries(*, item: Item, user: Any) -> list[Entry]:
    """Two queries, whatever the item's history: its answers in closed rounds with their
    rounds' agenda items, and which of those the user may read."""
    answers = list(
        # Only what was answered: an item nobody answered for got no status from the round.
        Answer.objects.filter(
            item=item, round__state=Round.State.CLOSED, state__in=selectors.ANSWERED
        )
        .select_related("round__agenda_item__meeting__body")
        .order_by("round__closed_at")
    )
    agenda_ids = {a.round.agenda_item_id for a in answers if a.round.agenda_item_id}
    readable = Access.for_user(user).content_item_ids(agenda_ids)
    found: list[Entry] = []
    for answer in answers:
        round = answer.round
        facts = answer.snapshot or {}
        status = STATUS_LABELS[facts.get("status", answer.status)]
        before = STATUS_LABELS[facts.get("status_before", answer.status_before)]
        title = (
            f"{round.name}: {status}"
            if status == before
            else (f"{round.name}: {before} → {status}")
        )
        found.append(
            Entry(
                when=round.closed_at or round.opened_at,
                kind="Statusrunde",
                title=title,
                text=facts.get("note", ""),
                url=round.get_absolute_url(),
                who=facts.get("respondent", ""),
            )
        )
        agenda_item = round.agenda_item
        if agenda_item is not None and agenda_item.pk in readable and agenda_item.decision:
            meeting = agenda_item.meeting
            found.append(
                Entry(
                    when=agenda_item.decision_recorded_at or meeting.date,
                    kind="Beslutning",
                    title=f"{meeting.body.name} {long_date(meeting.date, weekday=False)}: "
                    f"{agenda_item.decision}",
                    text=f"Statusrapporten »{round.name}«",
                    url=agenda_item.get_absolute_url(),
                    who=meeting.body.name,
                )
            )
    return found


def remember_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Keep the login before this one: what others changed since is new on "Mit overblik"."""
    now = timezone.now()
    visit = Visit.objects.filter(user=user).first()
    if visit is None:
        Visit.objects.create(user=user, previous=None, last=now)
    else:
        visit.previous, visit.last = visit.last, now
        visit.save(update_fields=["previous", "last"])
