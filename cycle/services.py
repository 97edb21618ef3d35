"""Every write to the annual cycle, and the placing of its events on the bodies' meetings.

Placing reads the events' occurrences and each body's meetings, and writes the forward plan's
topics through `meetings.services`, so the topics have their history like any other. It is
idempotent: a (event, body, occurrence) is placed once (`Placement` is unique on it), and a
topic is saved only when its date changes.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cycle import recurrence
from cycle.models import Event, EventKind, Placement
from meetings import services as meeting_services
from meetings.models import Meeting
from organisation.history import record_as
from organisation.models import Body
from organisation.permissions import editor_scope, user_is_administrator, user_role

# Placing looks this far back and ahead of today; older occurrences are history.
PLACE_BACK = datetime.timedelta(days=31)
PLACE_AHEAD = datetime.timedelta(days=400)
# The generated document a strategic review's item carries (registered by `documents`).
STRATEGIC_PLAN_STATUS = "strategic_plan_status"

EVENT_FIELDS = (
    "title",
    "description",
    "kind",
    "whole_organisation",
    "responsible",
    "start",
    "rule",
    "plan",
    "theme",
    "item",
    "on_meeting",
    "topic_title",
    "topic_text",
    "own_item",
    "window_days",
)


class EventConflict(Exception):
    """Someone else saved the event since the user opened it; `current` is the saved one."""

    def __init__(self, current: Event) -> None:
        super().__init__(f"{current!r} is at version {current.version}")
        self.current = current


class EventForbidden(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            _("Du kan kun redigere årshjulets begivenheder for de udvalg, du er sekretær for.")
        )


def user_can_edit_event(
    user: AbstractBaseUser | AnonymousUser,
    *,
    bodies: Iterable[Body] = (),
    whole_organisation: bool = False,
) -> bool:
    """Administrators edit every event; a body's secretary (an editor of the body) the events
    of their bodies only; the whole organisation's events are the administrators'."""
    if user_is_administrator(user):
        return True
    if user_role(user) != "editor" or whole_organisation:
        return False
    ids = {body.pk for body in bodies}
    return bool(ids) and ids <= editor_scope(user)["bodies"]


def _check(event: Event, bodies: list[Body], user: User | None) -> None:
    if user is not None and not user_can_edit_event(
        user, bodies=bodies, whole_organisation=event.whole_organisation
    ):
        raise EventForbidden
    event.rule = recurrence.validate(event.rule, start=event.start) if event.rule else ""
    if event.on_meeting and not bodies:
        raise ValidationError(
            {"bodies": _("Vælg udvalget, hvis møde begivenheden skal sættes på.")}
        )
    if not event.whole_organisation and not bodies:
        raise ValidationError(
            {"bodies": _("Vælg et eller flere udvalg, eller hele organisationen.")}
        )
    if event.theme is not None and event.plan_id and event.theme.plan_id != event.plan_id:
        raise ValidationError({"theme": _("Temaet hører ikke til den valgte plan.")})
    if event.plan_id is None:
        event.plan = event.theme.plan if event.theme else event.item.plan if event.item else None


@transaction.atomic
def event_create(
    *,
    fields: Mapping[str, Any],
    bodies: Iterable[Body] = (),
    user: User | None = None,
) -> Event:
    event = Event(**{name: value for name, value in fields.items() if name in EVENT_FIELDS})
    chosen = list(bodies)
    _check(event, chosen, user)
    record_as(event, user, "Oprettet")
    event.full_clean()
    event.save()
    event.bodies.set(chosen)
    cycle_place(events=[event], user=user)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    fields: Mapping[str, Any],
    bodies: Iterable[Body] | None = None,
    expected_version: int | None,
    user: User | None = None,
) -> Event:
    """Change an event as the user saw it (expected_version); a stale form raises
    EventConflict. A user must be allowed to edit both the event as it was and as it becomes.
    Its occurrences are placed again (moved, added, taken off) at once."""
    current: Event = Event.objects.select_for_update().get(pk=event.pk)
    if expected_version is not None and current.version != expected_version:
        raise EventConflict(current)
    before = list(current.bodies.all())
    if user is not None and not user_can_edit_event(
        user, bodies=before, whole_organisation=current.whole_organisation
    ):
        raise EventForbidden
    for name, value in fields.items():
        if name in EVENT_FIELDS:
            setattr(current, name, value)
    chosen = before if bodies is None else list(bodies)
    _check(current, chosen, user)
    current.version += 1
    record_as(current, user, "Redigeret")
    current.full_clean()
    current.save()
    if bodies is not None and {b.pk for b in chosen} != {b.pk for b in before}:
        current.bodies.set(chosen)
    cycle_place(events=[current], user=user)
    return current


@transaction.atomic
def event_delete(*, event: Event, user: User | None = None) -> None:
    """Remove an event; its topics still waiting on the forward plan go with it (those already
    made into agenda items stay on their agendas)."""
    if user is not None and not user_can_edit_event(
        user, bodies=list(event.bodies.all()), whole_organisation=event.whole_organisation
    ):
        raise EventForbidden
    for placement in Placement.objects.filter(event=event).select_related("topic"):
        if placement.topic.agenda_item_id is None:
            meeting_services.planned_topic_delete(topic=placement.topic, user=user)
    record_as(event, user)
    event.delete()


@dataclass
class PlacementResult:
    placed: int = 0  # new topics
    moved: int = 0  # topics whose meeting changed
    removed: int = 0  # topics of occurrences that are no longer in the cycle
    awaiting: int = 0  # occurrences with no fitting meeting (now)


def _topic_fields(event: Event, occurrence: datetime.date) -> dict[str, Any]:
    review = event.kind == EventKind.STRATEGIC_REVIEW and event.plan_id is not None
    return {
        "title": event.meeting_title,
        "description": event.topic_text or event.description,
        "own_item": event.own_item,
        "theme_id": event.theme_id,
        "recommendation": _("Det indstilles, at status drøftes.") if review else "",
        "document_kind": STRATEGIC_PLAN_STATUS if review else "",
        "document_obj_id": event.plan_id if review else None,
        # The meeting's item adds the day the document is made ("… pr. 1. december 2026"): the
        # status is as of then, not of the occurrence.
        "document_title": _("Status på den strategiske udmøntningsplan") if review else "",
        # Awaiting a date, the topic says which occurrence it is ("maj 2027").
        "wanted_for": occurrence,
    }


def _fitting(
    dates: list[datetime.date], occurrence: datetime.date, window: int
) -> datetime.date | None:
    """The first meeting date on or after the occurrence, within the window."""
    index = bisect.bisect_left(dates, occurrence)
    if index < len(dates) and dates[index] <= occurrence + datetime.timedelta(days=window):
        return dates[index]
    return None


@transaction.atomic
def cycle_place(
    *,
    events: Iterable[Event] | None = None,
    bodies: Iterable[Body] | None = None,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    user: User | None = None,
) -> PlacementResult:
    """Place every occurrence (from first to last; default a month back to 400 days ahead) of
    the events that go on a meeting on each of their bodies' first meeting on or after it,
    within the event's window; without one, the topic awaits a date. Topics already made into
    agenda items stay where they are. Run twice, it changes nothing the second time."""
    today = timezone.localdate()
    first = first or today - PLACE_BACK
    last = last or today + PLACE_AHEAD
    chosen = Event.objects.placed_on_meetings().prefetch_related("bodies")
    chosen = chosen.select_related("theme", "plan")
    if events is not None:
        chosen = chosen.filter(pk__in=[event.pk for event in events])
    body_ids = {body.pk for body in bodies} if bodies is not None else None
    wanted: dict[tuple[int, int, datetime.date], Event] = {}
    for event in chosen:
        for body in event.bodies.all():
            if body_ids is not None and body.pk not in body_ids:
                continue
            for occurrence in event.occurrences(first, last):
                wanted[(event.pk, body.pk, occurrence)] = event
    touched_bodies = {key[1] for key in wanted} | (body_ids or set())
    latest = max(
        (key[2] + datetime.timedelta(days=wanted[key].window_days) for key in wanted), default=last
    )
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    for body_id, date in (
        Meeting.objects.filter(body_id__in=touched_bodies, date__gte=first, date__lte=latest)
        .order_by("date")
        .values_list("body_id", "date")
    ):
        dates[body_id].append(date)
    existing = Placement.objects.filter(occurrence__gte=first, occurrence__lte=last).select_related(
        "topic"
    )
    if events is not None:
        existing = existing.filter(
            event_id__in=[event.pk for event in chosen] + [e.pk for e in events]
        )
    if body_ids is not None:
        existing = existing.filter(body_id__in=body_ids)
    result = PlacementResult()
    seen = set()
    for placement in existing:
        key = (placement.event_id, placement.body_id, placement.occurrence)
        topic = placement.topic
        if key not in wanted:
            if topic.agenda_item_id is None:
                meeting_services.planned_topic_delete(topic=topic, user=user)
                result.removed += 1
            continue
        seen.add(key)
        if topic.agenda_item_id is not None:
            continue
        event = wanted[key]
        date = _fitting(dates[placement.body_id], placement.occurrence, event.window_days)
        fields = {"planned_for": date, **_topic_fields(event, placement.occurrence)}
        updated = meeting_services.planned_topic_update(topic=topic, fields=fields, user=user)
        if updated.version != topic.version and date != topic.planned_for:
            result.moved += 1
        result.awaiting += date is None
    bodies_by_id = {body.pk: body for event in wanted.values() for body in event.bodies.all()}
    for key, event in sorted(wanted.items(), key=lambda pair: pair[0][2]):
        if key in seen:
            continue
        _event_id, body_id, occurrence = key
        date = _fitting(dates[body_id], occurrence, event.window_days)
        fields = _topic_fields(event, occurrence)
        del fields["theme_id"]
        topic = meeting_services.planned_topic_add(
            body=bodies_by_id[body_id], planned_for=date, theme=event.theme, user=user, **fields
        )
        placement = Placement(event=event, body_id=body_id, occurrence=occurrence, topic=topic)
        record_as(placement, user)
        placement.save()
        result.placed += 1
        result.awaiting += date is None
    return result


def on_meeting_dated(
    *,
    dated: list[tuple[Meeting, datetime.date | None]],
    user: User | None = None,
    **kwargs: Any,
) -> None:
    """Meetings were created or moved (meetings.signals): place again their bodies'
    occurrences that could fit them, on their old dates and their new, that is those up to a
    year before. Around the meetings' dates, not today's, so the same calendar gives the same
    placements."""
    body_ids = {meeting.body_id for meeting, _previous in dated}
    placed = body_ids & set(
        Event.objects.placed_on_meetings()
        .filter(bodies__in=body_ids)
        .values_list("bodies", flat=True)
    )
    dates = [
        date
        for meeting, previous_date in dated
        if meeting.body_id in placed
        for date in (meeting.date, previous_date)
        if date is not None
    ]
    if not dates:
        return
    cycle_place(
        bodies=[meeting.body for meeting, _previous in dated if meeting.body_id in placed],
        first=min(dates) - datetime.timedelta(days=366),
        last=max(dates),
        user=user,
    )
