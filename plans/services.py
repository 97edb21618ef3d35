"""Every write to plans, items and notes goes through these functions.

Views, the Excel import, admin actions and the demo loader call the same code, so history,
versioning and validation hold for all of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.history import history_skipped, record_as
from organisation.models import Body, Director, Sdg
from plans import signals
from plans.models import Heading, Item, Plan, StatusNote, Theme, ThemeCourse

M2M_FIELDS = ("themes", "sdgs", "political_bodies")


class ItemConflict(Exception):
    """The item changed after the user opened it; their save was refused."""

    def __init__(self, current: Item) -> None:
        super().__init__(f"Item {current.pk} is at version {current.version}")
        self.current = current


def _save_with_one_history_record(
    item: Item,
    *,
    m2m: Mapping[str, Iterable[Any]] | None,
    user: User | None,
    reason: str,
) -> None:
    """Save fields and many-to-many sets as one history entry holding the final state.

    django-simple-history records on post_save and again on every m2m change; here the row is
    saved with recording off, the sets are applied, and post_save is then sent once, so the
    history gets a single entry ("+" for new, "~" for changed) with the complete state.
    """
    created = item.pk is None
    record_as(item, user, reason)
    with history_skipped(item):
        item.save()
        for name, values in (m2m or {}).items():
            getattr(item, name).set(values)
    post_save.send(sender=Item, instance=item, created=created, update_fields=None, raw=False,
                   using=item._state.db)  # fmt: skip


@transaction.atomic
def item_create(
    *,
    plan: Plan,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    user: User | None = None,
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
    user: User | None = None,
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
def item_restore(*, item: Item, history_id: int, expected_version: int, user: User | None) -> Item:
    """Bring back an earlier version as a new change (the history keeps everything).

    The result is exactly that version, every field and set, or nothing: a version that can
    no longer be whole (its number now used by another item, or a heading, committee,
    director, theme, SDG or body since deleted) raises ValidationError with a Danish message
    instead of being restored in part."""
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
    label = timezone.localtime(record.history_date).strftime("%d-%m-%Y %H:%M")
    _check_restorable(item=item, fields=fields, m2m=m2m, label=label)
    return item_update(
        item=item,
        fields=fields,
        m2m=m2m,
        expected_version=expected_version,
        user=user,
        reason=f"Gendannet til versionen fra {label}",
    )


def _check_restorable(
    *, item: Item, fields: dict[str, Any], m2m: dict[str, list[Any]], label: str
) -> None:
    if Item.objects.filter(plan_id=item.plan_id, code=fields["code"]).exclude(pk=item.pk).exists():
        raise ValidationError(
            _(
                "Versionen fra %(label)s kan ikke gendannes: nummeret %(code)s bruges nu af en "
                "anden indsats i planen."
            )
            % {"label": label, "code": fields["code"]}
        )
    targets: dict[str, type[Heading | Body | Director | Theme | Sdg]] = {
        "heading_id": Heading, "committee_id": Body, "director_id": Director,
        "themes": Theme, "sdgs": Sdg, "political_bodies": Body,
    }  # fmt: skip
    for name, model in targets.items():
        wanted = set(m2m[name]) if name in m2m else {fields[name]} - {None}
        if wanted and model.objects.filter(pk__in=wanted).count() != len(wanted):
            raise ValidationError(
                _("Versionen fra %(label)s kan ikke gendannes helt: den henviser til "
                  "%(what)s, som er slettet siden.")
                % {"label": label, "what": model._meta.verbose_name}
            )  # fmt: skip


def _m2m_target(name: str) -> str:
    return {"themes": "theme_id", "sdgs": "sdg_id", "political_bodies": "body_id"}[name]


@dataclass
class ItemChange:
    """One item of a bulk write: new (item is None) or an update of item as the user saw it."""

    fields: dict[str, Any]
    m2m: dict[str, list[models.Model]]
    item: Item | None = None


class ItemsInvalid(Exception):
    """Some items of a bulk write failed validation; errors maps change index to the error."""

    def __init__(self, errors: dict[int, ValidationError]) -> None:
        super().__init__(f"{len(errors)} invalid items")
        self.errors = errors


# Foreign keys are checked by the caller (it resolved them from the database), so the bulk path
# validates fields without a query per row; the database's own constraints still hold.
_FK_FIELDS = ["plan", "committee", "heading", "director"]


@transaction.atomic
def items_save_many(
    *, plan: Plan, changes: list[ItemChange], user: User | None, reason: str
) -> None:
    """Create and update many items at once, as item_create/item_update would one by one.

    The same field validation, version check (ItemConflict) and history (one entry per item,
    with its many-to-many sets), in a number of queries that does not grow with the items:
    the Excel import of a whole plan takes seconds, not minutes.
    """
    updates = [c.item for c in changes if c.item is not None]
    versions = dict(
        Item.objects.select_for_update()
        .filter(pk__in=[item.pk for item in updates])
        .values_list("pk", "version")
    )
    for updated in updates:
        if versions.get(updated.pk) != updated.version:
            raise ItemConflict(Item.objects.get(pk=updated.pk))

    now = timezone.now()
    items: list[Item] = []
    errors: dict[int, ValidationError] = {}
    for index, change in enumerate(changes):
        item = change.item or Item(plan=plan)
        for name, value in change.fields.items():
            setattr(item, name, value)
        if change.item is not None:
            item.version += 1
            item.updated_at = now
        try:
            item.full_clean(exclude=_FK_FIELDS, validate_unique=False, validate_constraints=False)
            item.derive_fields()
        except ValidationError as error:
            errors[index] = error
        items.append(item)
    if errors:
        raise ItemsInvalid(errors)

    new = [item for item, change in zip(items, changes, strict=True) if change.item is None]
    changed = [item for item, change in zip(items, changes, strict=True) if change.item]
    Item.objects.bulk_create(new, batch_size=500)
    if changed:
        names = [f.name for f in Item._meta.concrete_fields if f.name not in {"id", "plan"}]
        Item.objects.bulk_update(changed, names, batch_size=500)
    # Bulk writes send no post_save: the apps that keep derived rows are told here.
    signals.items_saved_in_bulk.send(sender=Item, ids=[item.pk for item in items])

    records = [
        *(Item.history.bulk_history_create(new, default_user=user, default_change_reason=reason,
                                           default_date=now) or []),
        *(Item.history.bulk_history_create(changed, update=True, default_user=user,
                                           default_change_reason=reason, default_date=now) or []),
    ]  # fmt: skip
    record_of = {record.id: record for record in records}
    for name in M2M_FIELDS:
        through = getattr(Item, name).through
        target = _m2m_target(name)
        through.objects.filter(item__in=changed).delete()
        rows = through.objects.bulk_create(
            [
                through(item_id=item.pk, **{target: obj.pk})
                for item, change in zip(items, changes, strict=True)
                for obj in change.m2m.get(name, [])
            ],
            batch_size=1000,
        )
        history_model = _m2m_history_model(name)
        history_model._default_manager.bulk_create(
            [
                history_model(
                    history=record_of[row.item_id],
                    id=row.id,
                    item_id=row.item_id,
                    **{target: getattr(row, target)},
                )
                for row in rows
            ],
            batch_size=1000,
        )


def _m2m_history_model(name: str) -> type[models.Model]:
    """The model that keeps an m2m field's rows in each history entry (django-simple-history)."""
    accessor = f"historicalitem_{name}_set"
    relation = next(
        r for r in Item.history.model._meta.related_objects if r.get_accessor_name() == accessor
    )
    model: type[models.Model] = relation.related_model
    return model


def _save_recorded(obj: models.Model, user: User | None) -> None:
    """Validate and save a plan, heading, theme or note, recording the user in its history."""
    record_as(obj, user)
    obj.full_clean()
    obj.save()


@transaction.atomic
def status_note_add(*, item: Item, text: str, date: datetime.date, user: User) -> StatusNote:
    note = StatusNote(item=item, text=text.strip(), date=date, author=user)
    _save_recorded(note, user)
    return note


class NoteForbidden(PermissionDenied):
    """Only its author corrects or deletes a status note."""

    def __init__(self) -> None:
        super().__init__(_("Kun den, der skrev statusnoten, kan rette eller slette den."))


@transaction.atomic
def status_note_update(
    *, note: StatusNote, text: str, date: datetime.date, user: User
) -> StatusNote:
    """The author corrects a note; the history keeps what it said before."""
    current = StatusNote.objects.select_for_update().get(pk=note.pk)
    if current.author_id != user.pk:
        raise NoteForbidden
    current.text = text.strip()
    current.date = date
    record_as(current, user, "Rettet")
    current.full_clean()
    current.save(update_fields=["text", "date"])
    return current


@transaction.atomic
def status_note_delete(*, note: StatusNote, user: User) -> None:
    """The author deletes a note; the history keeps it, with who deleted it."""
    current = StatusNote.objects.select_for_update().get(pk=note.pk)
    if current.author_id != user.pk:
        raise NoteForbidden
    record_as(current, user, "Slettet")
    current.delete()


@transaction.atomic
def plan_create(
    *,
    name: str,
    first_year: int,
    last_year: int,
    state: str = Plan.State.DRAFT,
    adopted_on: datetime.date | None = None,
    user: User | None = None,
) -> Plan:
    plan = Plan(
        name=name, first_year=first_year, last_year=last_year, state=state, adopted_on=adopted_on
    )
    _save_recorded(plan, user)
    return plan


def m2m_from_names(
    *, plan: Plan, themes: Iterable[str] = (), sdgs: Iterable[int] = (), bodies: Iterable[str] = ()
) -> dict[str, list[models.Model]]:
    """Resolve themes by name, SDGs by number and bodies by abbreviation (for imports/demo)."""
    return {
        "themes": list(Theme.objects.filter(plan=plan, name__in=list(themes))),
        "sdgs": list(Sdg.objects.filter(number__in=list(sdgs))),
        "political_bodies": list(Body.objects.filter(abbreviation__in=list(bodies))),
    }


@transaction.atomic
def plan_update(*, plan: Plan, fields: Mapping[str, Any], user: User | None = None) -> Plan:
    """Change a plan's own fields (name, period, state, adoption date), recorded in history."""
    changed = {name: value for name, value in fields.items() if getattr(plan, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(plan, name, value)
        _save_recorded(plan, user)
    return plan


@transaction.atomic
def heading_save(*, plan: Plan, name: str, position: int, user: User | None = None) -> Heading:
    """Create the plan's heading of that name, or move it to the given position."""
    heading = Heading.objects.filter(plan=plan, name=name).first() or Heading(plan=plan, name=name)
    if heading.pk is None or heading.position != position:
        heading.position = position
        _save_recorded(heading, user)
    return heading


@transaction.atomic
def theme_save(
    *,
    plan: Plan,
    name: str,
    description: str,
    position: int,
    courses: Mapping[int, str] | None = None,
    user: User | None = None,
) -> Theme:
    """Create the plan's strategic theme of that name, or update its texts and position, and
    set its course for the years given (the Excel import; an empty text removes that year's)."""
    theme = Theme.objects.filter(plan=plan, name=name).first() or Theme(plan=plan, name=name)
    values = {"description": description, "position": position}
    if theme.pk is None or any(getattr(theme, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(theme, key, value)
        if theme.pk is not None:
            theme.version += 1
        _save_recorded(theme, user)
    current = {course.year: course for course in theme.courses.all()}
    for year, text in (courses or {}).items():
        course = current.get(year)
        _course_write(theme=theme, year=year, text=text, course=course, user=user)
    return theme


class StaleEdit(Exception):
    """The theme, course or choice changed after the user opened it; the save was refused."""

    def __init__(self, current: Any) -> None:
        super().__init__(f"{current!r} changed")
        self.current = current


THEME_FIELDS = ("name", "description", "strategy_link", "position")


@transaction.atomic
def theme_create(
    *,
    plan: Plan,
    fields: Mapping[str, Any],
    sdgs: Iterable[Sdg] = (),
    user: User | None = None,
) -> Theme:
    """A new strategic theme of the plan, with its ties to the plan's chosen SDGs."""
    theme = Theme(plan=plan, **{k: v for k, v in fields.items() if k in THEME_FIELDS})
    record_as(theme, user, _("Oprettet"))
    theme.full_clean()
    with history_skipped(theme):
        theme.save()
        theme.sdgs.set(_chosen_only(plan, sdgs))
    _history_now(theme, user, "+")
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    fields: Mapping[str, Any],
    sdgs: Iterable[Sdg],
    expected_version: int,
    user: User | None = None,
) -> Theme:
    """Change a theme's name, description, ties and SDGs: one history entry, refused when
    someone saved the theme after `expected_version`."""
    current = Theme.objects.select_for_update().get(pk=theme.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    for key, value in fields.items():
        if key in THEME_FIELDS:
            setattr(current, key, value)
    current.version += 1
    record_as(current, user)
    current.full_clean()
    with history_skipped(current):
        current.save()
        current.sdgs.set(_chosen_only(current.plan, sdgs))
    _history_now(current, user, "~")
    return current


def _chosen_only(plan: Plan, sdgs: Iterable[Sdg]) -> list[Sdg]:
    """A theme is tied to the SDGs the kommune chose for the plan, not to the others."""
    chosen = set(plan.chosen_sdgs.values_list("pk", flat=True))
    return [sdg for sdg in sdgs if sdg.pk in chosen]


def _history_now(obj: models.Model, user: User | None, kind: str) -> None:
    """One history entry with the object's final state, many-to-many sets included."""
    post_save.send(
        sender=type(obj),
        instance=obj,
        created=kind == "+",
        update_fields=None,
        raw=False,
        using=obj._state.db,
    )


@transaction.atomic
def theme_course_set(
    *,
    theme: Theme,
    year: int,
    text: str,
    expected_version: int,
    user: User | None = None,
) -> ThemeCourse | None:
    """Write the theme's course for `year` ("Kursen for 2026"); an empty text removes it.

    `expected_version` is the version the user opened (0: there was no course that year);
    the save is refused when someone saved that year's course since.
    """
    if year not in theme.plan.years:
        raise ValidationError(
            {
                "year": _("Året %(year)s ligger ikke i planens periode %(first)s-%(last)s.")
                % {"year": year, "first": theme.plan.first_year, "last": theme.plan.last_year}
            }
        )
    course = ThemeCourse.objects.select_for_update().filter(theme=theme, year=year).first()
    if (course.version if course else 0) != expected_version:
        raise StaleEdit(course)
    return _course_write(theme=theme, year=year, text=text, course=course, user=user)


def _course_write(
    *, theme: Theme, year: int, text: str, course: ThemeCourse | None, user: User | None
) -> ThemeCourse | None:
    text = text.strip()
    if not text:
        if course is not None:
            record_as(course, user)
            course.delete()
        return None
    if course is None:
        course = ThemeCourse(theme=theme, year=year, text=text)
    elif course.text == text:
        return course
    else:
        course.text = text
        course.version += 1
    _save_recorded(course, user)
    return course


@transaction.atomic
def plan_choose_sdgs(
    *, plan: Plan, sdgs: Iterable[Sdg], expected: Iterable[int], user: User | None = None
) -> Plan:
    """Set the SDGs the kommune has chosen for the plan. `expected` is the set of numbers
    the user saw: the save is refused when someone changed the choice since. Themes keep
    only ties to goals still chosen."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    current = set(locked.chosen_sdgs.values_list("number", flat=True))
    if current != set(expected):
        raise StaleEdit(locked)
    chosen = list(sdgs)
    record_as(locked, user, _("Udvalgte verdensmål ændret"))
    with history_skipped(locked):
        locked.chosen_sdgs.set(chosen)
    _history_now(locked, user, "~")
    numbers = {sdg.pk for sdg in chosen}
    for theme in Theme.objects.filter(plan=locked).prefetch_related("sdgs"):
        kept = [sdg for sdg in theme.sdgs.all() if sdg.pk in numbers]
        if len(kept) != len(theme.sdgs.all()):
            theme.version += 1
            record_as(theme, user, _("Verdensmål fravalgt på planen"))
            with history_skipped(theme):
                theme.save(update_fields=["version"])
                theme.sdgs.set(kept)
            _history_now(theme, user, "~")
    return locked


@transaction.atomic
def item_record_decision(
    *,
    items: Iterable[Item],
    agenda_item_id: int,
    reason: str,
    user: User | None = None,
) -> list[Any]:
    """A history entry on each plan item, saying which decision was made on a case tied to it
    ("Beslutning i Økonomiudvalget den 06-12-2022 (sag 22/291): Tiltrådt.").

    The item's fields are unchanged, but the entry holds its whole state, many-to-many rows
    included, so restoring it gives exactly that version and the history shows no false
    removals. The entry remembers the agenda item the decision was made on: the history views
    show it only to those who may read that item (a decision on a closed item stays closed).
    """
    recorded = list(items)
    if not recorded:
        return []
    now = timezone.now()
    # Historical records: models django-simple-history builds at run time, unknown to the stubs.
    records: list[Any] = (
        Item.history.bulk_history_create(
            recorded,
            update=True,
            default_user=user,
            default_change_reason=reason[:2000],
            default_date=now,
            custom_historical_attrs={"decision_agenda_item_id": agenda_item_id},
        )
        or []
    )
    record_of = {record.id: record for record in records}
    for name in M2M_FIELDS:
        through = getattr(Item, name).through
        target = _m2m_target(name)
        rows = through.objects.filter(item_id__in=list(record_of))
        history_model = _m2m_history_model(name)
        history_model._default_manager.bulk_create(
            [
                history_model(
                    history=record_of[row.item_id],
                    id=row.id,
                    item_id=row.item_id,
                    **{target: getattr(row, target)},
                )
                for row in rows
            ],
            batch_size=1000,
        )
    return records
