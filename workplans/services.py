"""Every write to the committees' work plans: placing, moving and marking done, adjusting an
item's indicative time to its placement, and presenting the work plan to the committee.

A placement carries a version: a form based on an older one is refused (WorkplanConflict), so
two secretaries cannot silently undo each other's moves.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from danish.formatting import long_date
from meetings import generated
from meetings import services as meeting_services
from meetings.access import Access
from meetings.models import AgendaItem, Meeting, PlannedTopic
from organisation.history import record_as
from organisation.models import Body
from plans import services as plan_services
from plans.models import Item
from workplans.models import Placement, WorkplanVersion
from workplans.selectors import MOVED, standing_by_time, where_label, workplan_for

WORKPLAN_TITLE = "Udvalgets arbejdsplan"


class WorkplanConflict(Exception):
    """Someone changed the placement after the user opened the work plan."""

    def __init__(self, current: Placement | None) -> None:
        super().__init__(f"{current!r} changed")
        self.current = current


def _current(
    *, body: Body, year: int, item: Item | None, topic: PlannedTopic | None, expected_version: int
) -> Placement:
    """The placement to change, locked, checked against the version the user saw (0: the
    entry had none yet), or a new one."""
    if (item is None) == (topic is None):
        raise ValueError("A placement is of an item or of a topic.")
    placements = Placement.objects.select_for_update().filter(body=body, year=year)
    found = (placements.filter(item=item) if item else placements.filter(topic=topic)).first()
    if found is None:
        if expected_version != 0:
            raise WorkplanConflict(None)
        return Placement(body=body, year=year, item=item, topic=topic)
    if found.version != expected_version:
        raise WorkplanConflict(found)
    return found


def _check_target(*, body: Body, year: int, meeting: Meeting | None, month: int | None) -> None:
    if meeting is not None and month is not None:
        raise ValidationError(_("Vælg et møde eller en måned, ikke begge."))
    if meeting is not None and (meeting.body_id != body.pk or meeting.date.year != year):
        raise ValidationError(_("Mødet hører ikke til denne arbejdsplan."))
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(_("Måneden skal være mellem 1 og 12."))


def _save(placement: Placement, user: User | None, reason: str) -> Placement:
    if placement.pk is not None:
        placement.version += 1
    record_as(placement, user, reason)
    placement.full_clean()
    placement.save()
    return placement


@transaction.atomic
def placement_save(
    *,
    body: Body,
    year: int,
    item: Item | None = None,
    topic: PlannedTopic | None = None,
    meeting: Meeting | None = None,
    month: int | None = None,
    expected_version: int,
    user: User | None = None,
) -> Placement:
    """Place an item or topic on a meeting of the committee's year, in a month, or (neither)
    awaiting a date; a placed topic's forward-plan date follows its meeting."""
    _check_target(body=body, year=year, meeting=meeting, month=month)
    if topic is not None and topic.body_id != body.pk:
        raise ValidationError(_("Emnet hører til et andet udvalgs plan."))
    placement = _current(
        body=body, year=year, item=item, topic=topic, expected_version=expected_version
    )
    if placement.pk is not None:
        if (placement.meeting_id, placement.month) == (meeting.pk if meeting else None, month):
            return placement  # already there: nothing moves, nothing to record
        origin = where_label(
            meeting_date=placement.meeting.date if placement.meeting else None,
            month=placement.month,
            year=year,
        )
    else:
        # An entry shown by its time on a meeting or in a month moves from there.
        origin = standing_by_time(body=body, year=year, item=item, topic=topic)
    placement.meeting, placement.month = meeting, month
    _save(placement, user, f"{MOVED} fra {origin}" if origin else "Placeret")
    if topic is not None:
        date = meeting.date if meeting is not None else None
        meeting_services.planned_topic_set_date(topic=topic, planned_for=date, user=user)
    return placement


@transaction.atomic
def placement_set_done(
    *,
    body: Body,
    year: int,
    item: Item | None = None,
    topic: PlannedTopic | None = None,
    done: bool,
    expected_version: int,
    user: User | None = None,
    where: tuple[Meeting | None, int | None] = (None, None),
) -> Placement:
    """Mark an entry treated (or not). An entry placed by its time only gets a placement where
    it stands (`where`), so marking it does not move it."""
    placement = _current(
        body=body, year=year, item=item, topic=topic, expected_version=expected_version
    )
    if placement.pk is None:
        _check_target(body=body, year=year, meeting=where[0], month=where[1])
        placement.meeting, placement.month = where
    elif placement.done == done:
        return placement
    placement.done = done
    return _save(
        placement, user, "Markeret som behandlet" if done else "Markeret som ikke behandlet"
    )


@transaction.atomic
def placement_adjust_timing(
    *, placement: Placement, expected_item_version: int, user: User | None = None
) -> Item:
    """Set the item's indicative time to where it is placed, at the precision it had (year,
    quarter or month); recorded in the item's history by plans.services."""
    if placement.item is None:
        raise ValidationError(_("Kun en indsats har et tidspunkt."))
    item = placement.item
    if placement.meeting is not None:
        date = placement.meeting.date
    elif placement.month is not None:
        date = datetime.date(placement.year, placement.month, 1)
    else:
        raise ValidationError(_("Indsatsen afventer dato; der er intet tidspunkt at tilpasse til."))
    fields: dict[str, int | None] = {"timing_year": date.year}
    if item.timing_quarter:
        fields["timing_quarter"] = (date.month - 1) // 3 + 1
    elif item.timing_month or item.timing_year is None:
        fields["timing_month"] = date.month
    return plan_services.item_update(
        item=item,
        fields=fields,
        expected_version=expected_item_version,
        user=user,
        reason="Tidspunkt tilpasset arbejdsplanen",
    )


@transaction.atomic
def workplan_present(
    *, body: Body, year: int, meeting: Meeting, user: User | None = None
) -> WorkplanVersion:
    """Put "Udvalgets arbejdsplan" on the committee's own meeting with the work plan attached
    (the open, public version: the agenda is published), and keep the version presented, so
    the next one can say what changed since."""
    if meeting.body_id != body.pk:
        raise ValidationError(_("Arbejdsplanen fremlægges på udvalgets eget møde."))
    plan = workplan_for(body=body, year=year, user=Access.system())
    version = WorkplanVersion(body=body, year=year, meeting=meeting, entries=plan.snapshot())
    record_as(version, user, "Fremlagt")
    version.save()
    text = _("Udvalget orienteres om arbejdsplanen for %(year)s, som den står den %(date)s.") % {
        "year": year,
        "date": long_date(datetime.date.today(), weekday=False),
    }
    agenda_item: AgendaItem = meeting_services.agenda_item_add(
        meeting=meeting,
        fields={
            "title": WORKPLAN_TITLE,
            "treatment": AgendaItem.Treatment.ORIENTATION,
            "case_presentation": text,
            "recommendation": _("Arbejdsplanen tages til efterretning."),
        },
        user=user,
    )
    filename, content = generated.make("workplan", obj_id=version.pk, access=Access.public())
    meeting_services.attachment_add(
        item=agenda_item,
        title=f"{WORKPLAN_TITLE} {year}",
        upload=SimpleUploadedFile(filename, content, content_type="application/pdf"),
        user=user,
    )
    version.agenda_item_id = agenda_item.pk
    with_history = WorkplanVersion.objects.filter(pk=version.pk)
    with_history.update(agenda_item_id=agenda_item.pk)
    return version
