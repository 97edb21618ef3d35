"""Every write to plans, items and notes goes through these functions.

Views, the Excel import, admin actions and the demo loader call the same code, so history,
versioning and validation hold for all of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from organisation.models import Body, Sdg
from plans.models import Item, Plan, StatusNote, Theme

M2M_FIELDS = ("themes", "sdgs", "political_bodies")


class ItemConflict(Exception):
    """The item changed after the user opened it; their save was refused."""

    def __init__(self, current: Item):
        super().__init__(f"Item {current.pk} is at version {current.version}")
        self.current = current


def _save_with_one_history_record(
    item: Item, *, m2m: Mapping[str, Iterable[Any]] | None, user, reason: str
) -> None:
    """Save fields and many-to-many sets as one history entry holding the final state.

    django-simple-history records on post_save and again on every m2m change; here the row is
    saved with recording off, the sets are applied, and post_save is then sent once, so the
    history gets a single entry ("+" for new, "~" for changed) with the complete state.
    """
    created = item.pk is None
    item._history_user = user
    item._change_reason = reason
    item.skip_history_when_saving = True
    try:
        item.save()
        for name, values in (m2m or {}).items():
            getattr(item, name).set(values)
    finally:
        del item.skip_history_when_saving
    post_save.send(sender=Item, instance=item, created=created, update_fields=None, raw=False,
                   using=item._state.db)  # fmt: skip


@transaction.atomic
def item_create(
    *,
    plan: Plan,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    user=None,
    reason: str = "Oprettet",
) -> Item:
    item = Item(plan=plan, **fields)
    item.full_clean()
    _save_with_one_history_record(item, m2m=m2m, user=user, reason=reason)
    return item


@transaction.atomic
def item_update(
    *,
    item: Item,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    expected_version: int,
    user=None,
    reason: str = "Redigeret",
) -> Item:
    """Apply a user's edit, unless someone else saved the item since the user opened it.

    The row is locked while the version is compared, so two simultaneous saves cannot both
    pass the check.
    """
    current = Item.objects.select_for_update().get(pk=item.pk)
    if current.version != expected_version:
        raise ItemConflict(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    _save_with_one_history_record(current, m2m=m2m, user=user, reason=reason)
    return current


@transaction.atomic
def item_restore(*, item: Item, history_id: int, expected_version: int, user) -> Item:
    """Bring back an earlier version as a new change (the history keeps everything)."""
    record = item.history.get(history_id=history_id)
    fields = {
        f.attname: getattr(record, f.attname)
        for f in Item._meta.concrete_fields
        if f.editable and f.name not in {"id", "plan"}
    }
    m2m = {
        name: [getattr(row, _m2m_target(name)) for row in getattr(record, name).all()]
        for name in M2M_FIELDS
    }
    label = record.history_date.astimezone().strftime("%d-%m-%Y %H:%M")
    return item_update(
        item=item,
        fields=fields,
        m2m=m2m,
        expected_version=expected_version,
        user=user,
        reason=f"Gendannet til versionen fra {label}",
    )


def _m2m_target(name: str) -> str:
    return {"themes": "theme_id", "sdgs": "sdg_id", "political_bodies": "body_id"}[name]


@transaction.atomic
def status_note_add(*, item: Item, text: str, date: datetime.date, user) -> StatusNote:
    note = StatusNote(item=item, text=text.strip(), date=date, author=user)
    note._history_user = user
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def plan_create(
    *,
    name: str,
    first_year: int,
    last_year: int,
    state: str = Plan.State.DRAFT,
    adopted_on: datetime.date | None = None,
    user=None,
) -> Plan:
    plan = Plan(
        name=name, first_year=first_year, last_year=last_year, state=state, adopted_on=adopted_on
    )
    plan._history_user = user
    plan.full_clean()
    plan.save()
    return plan


def m2m_from_names(
    *, plan: Plan, themes: Iterable[str] = (), sdgs: Iterable[int] = (), bodies: Iterable[str] = ()
) -> dict[str, list]:
    """Resolve themes by name, SDGs by number and bodies by abbreviation (for imports/demo)."""
    return {
        "themes": list(Theme.objects.filter(plan=plan, name__in=list(themes))),
        "sdgs": list(Sdg.objects.filter(number__in=list(sdgs))),
        "political_bodies": list(Body.objects.filter(abbreviation__in=list(bodies))),
    }
