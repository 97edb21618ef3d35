"""Every write to plans, items and notes goes through these functions.

Views, the Excel import, admin actions and the demo loader call the same code, so history,
versioning and validation hold for all of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from danish.formatting import long_date
from organisation.history import history_skipped, record_as
from organisation.models import Body, Director, Sdg
from plans import archiving, signals
from plans.models import (
    AMOUNT_FIELDS,
    DERIVED_FIELDS,
    EfficiencyTarget,
    Heading,
    Item,
    Plan,
    Proposal,
    RealisedAmount,
    StatusNote,
    Theme,
    ThemeCourse,
)

M2M_FIELDS = ("themes", "sdgs", "political_bodies")


class PlanArchived(PermissionDenied):
    """An archived plan is read-only: every write to it, its items and notes is refused."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _("%(plan)s er arkiveret og kan ikke ændres længere.") % {"plan": plan.name}
        )
        self.plan = plan


def plan_check_writable(*, plan_id: int) -> None:
    """Raise PlanArchived unless the plan may be changed; read from the database, so a plan
    archived while a form was open is refused too."""
    plan = Plan.objects.filter(pk=plan_id, state=Plan.State.ARCHIVED).first()
    if plan is not None:
        raise PlanArchived(plan)


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
    plan_check_writable(plan_id=plan.pk)
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
    plan_check_writable(plan_id=current.plan_id)
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
    plan_check_writable(plan_id=item.plan_id)
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
    moment = timezone.localtime(record.history_date)
    label = f"{long_date(moment.date(), weekday=False)} kl. {moment:%H.%M}"
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
_FK_FIELDS = ["plan", "committee", "heading", "director", "carried_from"]


@transaction.atomic
def items_save_many(
    *, plan: Plan, changes: list[ItemChange], user: User | None, reason: str
) -> None:
    """Create and update many items at once, as item_create/item_update would one by one.

    The same field validation, version check (ItemConflict) and history (one entry per item,
    with its many-to-many sets), in a number of queries that does not grow with the items:
    the Excel import of a whole plan takes seconds, not minutes.
    """
    plan_check_writable(plan_id=plan.pk)
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
    plan_check_writable(plan_id=item.plan_id)
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
    current = StatusNote.objects.select_for_update().select_related("item").get(pk=note.pk)
    plan_check_writable(plan_id=current.item.plan_id)
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
    current = StatusNote.objects.select_for_update().select_related("item").get(pk=note.pk)
    plan_check_writable(plan_id=current.item.plan_id)
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
    """Change a plan's own fields (name, period, state, adoption date), recorded in history.

    An archived plan changes only by being taken out of the archive (its state alone)."""
    if set(fields) != {"state"} or fields["state"] == Plan.State.ARCHIVED:
        plan_check_writable(plan_id=plan.pk)
    if fields.get("state") == Plan.State.ARCHIVED:
        archiving.check_archivable(plan=plan)
    changed = {name: value for name, value in fields.items() if getattr(plan, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(plan, name, value)
        _save_recorded(plan, user)
    return plan


@transaction.atomic
def heading_save(*, plan: Plan, name: str, position: int, user: User | None = None) -> Heading:
    """Create the plan's heading of that name, or move it to the given position."""
    plan_check_writable(plan_id=plan.pk)
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
    plan_check_writable(plan_id=plan.pk)
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


# --- The next budget period ("videreførelse") -----------------------------------------------


class CarryAmounts(models.TextChoices):
    """What a carried item's amounts hold in the new plan's years."""

    OVERLAP = "overlap", _l("Behold beløbene for de år, planerne har fælles")
    BLANK = "blank", _l("Ingen beløb (udfyldes senere)")


@dataclass(frozen=True)
class CarryChoice:
    """One item of the old plan to carry over, and what its amounts become."""

    item: Item
    amounts: str = CarryAmounts.OVERLAP


def carry_over_default(item: Item) -> bool:
    """Carried over unless it is finished or dropped."""
    return item.status not in {Item.Status.COMPLETED, Item.Status.DROPPED}


def carried_amounts(
    *, item: Item, first_year: int, last_year: int, amounts: str
) -> dict[str, Decimal | None]:
    """The amount and derived-operation fields of the new item (amount_1 is first_year).

    OVERLAP keeps each year the two plans share at its old amount and leaves the new years
    blank; BLANK leaves every year blank."""
    old = {year: (a, d) for year, a, d in item.amounts()}
    values: dict[str, Decimal | None] = {}
    for index, year in enumerate(range(first_year, last_year + 1)):
        amount, derived = (
            old.get(year, (None, None)) if amounts == CarryAmounts.OVERLAP else (None, None)
        )
        values[AMOUNT_FIELDS[index]] = amount  # type: ignore[assignment]
        values[DERIVED_FIELDS[index]] = derived  # type: ignore[assignment]
    return values


# Attribute names (committee_id, not committee): copying the ids needs no query per item.
_CARRIED_FIELDS = [
    f.attname
    for f in Item._meta.concrete_fields
    if f.editable and f.name not in {"id", "plan", "heading", *AMOUNT_FIELDS, *DERIVED_FIELDS}
]


@transaction.atomic
def plan_carry_over(
    *,
    source: Plan,
    name: str,
    first_year: int,
    last_year: int,
    choices: list[CarryChoice],
    archive_source: bool,
    user: User | None,
) -> Plan:
    """Create the next period's plan from an adopted one, with the chosen items carried over.

    Each carried item keeps its texts, number, kind, committee, responsible, status, themes,
    SDGs, bodies and status notes; its amounts move to the new years as chosen per item; it
    remembers the item it came from (carried_from). All or nothing: one refusal (the old plan
    not adopted, an item already carried, a name in use) and no plan is made.
    """
    current = Plan.objects.select_for_update().get(pk=source.pk)
    if current.state != Plan.State.ADOPTED:
        raise ValidationError(_("Kun en vedtaget plan kan videreføres til en ny budgetperiode."))
    if archive_source:
        # Refused before anything is made: the old plan must be free to archive.
        archiving.check_archivable(plan=current)
    items = [choice.item for choice in choices]
    if any(item.plan_id != current.pk for item in items):
        raise ValidationError(_("Kun indsatser fra den plan, der videreføres, kan tages med."))
    already = list(
        Item.objects.filter(carried_from__in=items)
        .order_by("carried_from__code")
        .values_list("carried_from__code", flat=True)
    )
    if already:
        raise ValidationError(
            _("Disse indsatser er allerede videreført: %(codes)s.") % {"codes": ", ".join(already)}
        )
    if first_year <= current.first_year:
        raise ValidationError(
            _("Den nye plan skal begynde efter %(year)d, planens første budgetår.")
            % {"year": current.first_year}
        )
    if Plan.objects.filter(name=name).exists():
        raise ValidationError(
            _("Der findes allerede en plan med navnet %(name)s.") % {"name": name}
        )
    plan = plan_create(name=name, first_year=first_year, last_year=last_year, user=user)

    ids = [item.pk for item in items]
    loaded = {
        item.pk: item
        for item in Item.objects.filter(pk__in=ids)
        .select_related("plan", "heading")
        .prefetch_related("themes", "sdgs", "political_bodies")
    }
    headings: dict[str, Heading] = {}
    for heading in Heading.objects.filter(items__in=ids).distinct().order_by("position"):
        headings[heading.name] = heading_save(
            plan=plan, name=heading.name, position=heading.position, user=user
        )
    plan.chosen_sdgs.set(current.chosen_sdgs.all())
    themes: dict[str, Theme] = {}
    for theme in (
        Theme.objects.filter(items__in=ids)
        .distinct()
        .order_by("position")
        .prefetch_related("courses")
    ):
        # The course of each year the two periods share goes along ("Kursen for 2026").
        themes[theme.name] = theme_save(
            plan=plan,
            name=theme.name,
            description=theme.description,
            position=theme.position,
            courses={
                course.year: course.text
                for course in theme.courses.all()
                if first_year <= course.year <= last_year
            },
            user=user,
        )
    changes = []
    for choice in choices:
        old = loaded[choice.item.pk]
        fields: dict[str, Any] = {name: getattr(old, name) for name in _CARRIED_FIELDS}
        fields.update(
            carried_amounts(
                item=old, first_year=first_year, last_year=last_year, amounts=choice.amounts
            )
        )
        fields["heading"] = headings[old.heading.name] if old.heading else None
        fields["carried_from"] = old
        m2m: dict[str, list[models.Model]] = {
            "themes": [themes[t.name] for t in old.themes.all()],
            "sdgs": list(old.sdgs.all()),
            "political_bodies": list(old.political_bodies.all()),
        }
        changes.append(ItemChange(fields=fields, m2m=m2m))
    reason = f"Videreført fra {current.name}"
    try:
        items_save_many(plan=plan, changes=changes, user=user, reason=reason)
    except ItemsInvalid as invalid:
        first = next(iter(invalid.errors.values()))
        raise ValidationError(" ".join(first.messages)) from invalid

    new_of = dict(Item.objects.filter(plan=plan).values_list("carried_from_id", "pk"))
    notes = [
        StatusNote(item_id=new_of[note.item_id], date=note.date, text=note.text,
                   author_id=note.author_id)
        for note in StatusNote.objects.filter(item__in=ids).order_by("date", "created_at")
    ]  # fmt: skip
    StatusNote.objects.bulk_create(notes, batch_size=500)
    StatusNote.history.bulk_history_create(notes, default_user=user, default_change_reason=reason)
    if archive_source:
        plan_update(plan=current, fields={"state": Plan.State.ARCHIVED}, user=user)
    return plan


@transaction.atomic
def plan_archive(*, plan: Plan, user: User | None) -> Plan:
    """Archive a plan: from then on it is read-only."""
    return plan_update(plan=plan, fields={"state": Plan.State.ARCHIVED}, user=user)


# --- The råderumskatalog ---------------------------------------------------------------------


class ProposalConflict(Exception):
    """The proposal changed after the user opened it; their save was refused."""

    def __init__(self, current: Proposal) -> None:
        super().__init__(f"Proposal {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def proposal_create(
    *, plan: Plan, fields: Mapping[str, Any], user: User | None, reason: str = "Oprettet"
) -> Proposal:
    plan_check_writable(plan_id=plan.pk)
    proposal = Proposal(plan=plan, **fields)
    record_as(proposal, user, reason)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    fields: Mapping[str, Any],
    expected_version: int,
    user: User | None,
    reason: str = "Redigeret",
) -> Proposal:
    """Apply an edit, unless someone else saved the proposal since the user opened it."""
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    plan_check_writable(plan_id=current.plan_id)
    if current.version != expected_version:
        raise ProposalConflict(current)
    changed = {name: value for name, value in fields.items() if getattr(current, name) != value}
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    record_as(current, user, reason)
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def proposal_make_item(
    *,
    proposal: Proposal,
    code: str,
    expected_version: int,
    partly: bool = False,
    user: User | None,
) -> Item:
    """A chosen proposal becomes a plan item of kind råderum, which remembers where it came
    from (proposal.item); the proposal is marked "Valgt" (or "Delvist valgt")."""
    current = Proposal.objects.select_for_update().select_related("plan").get(pk=proposal.pk)
    plan_check_writable(plan_id=current.plan_id)
    if current.version != expected_version:
        raise ProposalConflict(current)
    if current.item_id is not None:
        raise ValidationError(_("Forslaget er allerede blevet til en indsats i planen."))
    if Item.objects.filter(plan_id=current.plan_id, code=code).exists():
        raise ValidationError(
            _("Nummeret %(code)s bruges allerede af en indsats i planen.") % {"code": code}
        )
    text = current.description
    if current.consequences:
        text = f"{text}\n\nKonsekvenser: {current.consequences}".strip()
    item = item_create(
        plan=current.plan,
        fields={
            "code": code,
            "title": current.title,
            "kind": Item.Kind.REALLOCATION,
            "committee": current.committee,
            "description": text,
            **{name: getattr(current, name) for name in AMOUNT_FIELDS},
        },
        user=user,
        reason=f"Oprettet fra råderumsforslag {current.number}",
    )
    current.item = item
    current.state = Proposal.State.PARTLY_CHOSEN if partly else Proposal.State.CHOSEN
    current.version += 1
    record_as(current, user, f"Blev til indsats {code}")
    current.save(update_fields=["item", "state", "version", "updated_at"])
    return item


@transaction.atomic
def proposal_link_item(
    *, proposal: Proposal, item: Item, partly: bool = False, user: User | None
) -> Proposal:
    """Record that a chosen proposal became an item already in the plan (typed in or read
    from the agreement before the catalogue was)."""
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    plan_check_writable(plan_id=current.plan_id)
    if item.plan_id != current.plan_id:
        raise ValidationError(_("Indsatsen hører ikke til forslagets plan."))
    current.item = item
    current.state = Proposal.State.PARTLY_CHOSEN if partly else Proposal.State.CHOSEN
    current.version += 1
    record_as(current, user, f"Blev til indsats {item.code}")
    current.save(update_fields=["item", "state", "version", "updated_at"])
    return current


# --- The efficiency contribution and what was realised ---------------------------------------


@transaction.atomic
def efficiency_target_set(
    *, plan: Plan, committee: Body, year: int, amount: Decimal | None, user: User | None
) -> EfficiencyTarget | None:
    """Set (or with None remove) a committee's efficiency contribution for one budget year."""
    plan_check_writable(plan_id=plan.pk)
    if year not in plan.years:
        raise ValidationError(
            _("%(year)d er ikke et budgetår i %(plan)s.") % {"year": year, "plan": plan.name}
        )
    target = EfficiencyTarget.objects.filter(plan=plan, committee=committee, year=year).first()
    if amount is None:
        if target is not None:
            record_as(target, user, "Slettet")
            target.delete()
        return None
    if target is None:
        target = EfficiencyTarget(plan=plan, committee=committee, year=year, amount=amount)
    elif target.amount == amount:
        return target
    target.amount = amount
    _save_recorded(target, user)
    return target


@transaction.atomic
def item_set_realised(
    *, item: Item, year: int, amount: Decimal | None, user: User | None
) -> RealisedAmount | None:
    """Record what an item realised in one budget year (None removes it). Status rounds
    (followup) call this for the amounts their answers report."""
    plan = Plan.objects.get(pk=item.plan_id)
    plan_check_writable(plan_id=plan.pk)
    if year not in plan.years:
        raise ValidationError(
            _("%(year)d er ikke et budgetår i %(plan)s.") % {"year": year, "plan": plan.name}
        )
    realised = RealisedAmount.objects.filter(item=item, year=year).first()
    if amount is None:
        if realised is not None:
            record_as(realised, user, "Slettet")
            realised.delete()
        return None
    if realised is None:
        realised = RealisedAmount(item=item, year=year, amount=amount)
    elif realised.amount == amount:
        return realised
    realised.amount = amount
    _save_recorded(realised, user)
    return realised
