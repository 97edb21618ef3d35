"""What django-simple-history reads from a model instance for the history entry its next save
or delete writes. The attributes are not fields, so django-stubs does not know them; they are
set here, in one place, through the instance's __dict__."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def record_as(obj: models.Model, user: AbstractBaseUser | None, reason: str | None = None) -> None:
    """The entry's user (None: the operator's commands, the import) and, when given, its
    reason ("Oprettet")."""
    vars(obj)["_history_user"] = user
    if reason is not None:
        vars(obj)["_change_reason"] = reason


@contextmanager
def history_skipped(obj: models.Model) -> Iterator[None]:
    """Saves inside the block write no history entry; the caller writes one afterwards."""
    vars(obj)["skip_history_when_saving"] = True
    try:
        yield
    finally:
        vars(obj).pop("skip_history_when_saving")


# --- Bulk history -----------------------------------------------------------------------------
#
# django-simple-history writes one INSERT per save (and reads the many-to-many rows for each
# entry). A long run of writes, such as one imported document, can instead collect the entries
# and write them together at the end of the run: the entries are the same (each save's whole
# state at the moment of the save, its user, reason and date, its many-to-many rows), only
# written later, in the order they were made, inside the same transaction.

_collector: ContextVar[_Collected | None] = ContextVar("bulk_history", default=None)


class _Collected:
    def __init__(self) -> None:
        # (history record, {m2m history model: through-row values}) in the order of the saves
        self.entries: list[tuple[Any, dict[Any, list[dict[str, Any]]]]] = []
        # The many-to-many rows as this run last saw them, per (model, pk, field name);
        # dropped when the set changes.
        self.m2m_rows: dict[tuple[type, Any, str], list[dict[str, Any]]] = {}


@contextmanager
def bulk_history() -> Iterator[None]:
    """History entries of the saves inside the block are written together when it ends
    (nested blocks belong to the outermost). Use inside a transaction."""
    if _collector.get() is not None:
        yield
        return
    collected = _Collected()
    token = _collector.set(collected)
    try:
        yield
    finally:
        _collector.reset(token)
    _write(collected)


def m2m_rows_known(instance: models.Model, field_name: str, rows: list[dict[str, Any]]) -> None:
    """Inside `bulk_history`: the instance's many-to-many rows of this field as the caller has
    just read or written them (each row's through-model values), so its next entry does not
    read them again. A change of the set still drops them (`_m2m_changing`)."""
    collected = _collector.get()
    if collected is not None:
        collected.m2m_rows[(type(instance), instance.pk, field_name)] = rows


def _m2m_values(records: Any, history: Any, instance: models.Model, created: bool,
                collected: _Collected) -> dict[Any, list[dict[str, Any]]]:  # fmt: skip
    """The instance's many-to-many rows for its entry, read once per run and set."""
    values: dict[Any, list[dict[str, Any]]] = {}
    for field in history._history_m2m_fields:
        key = (type(instance), instance.pk, field.name)
        if created:  # a row just inserted has no many-to-many rows yet
            collected.m2m_rows[key] = []
        if key not in collected.m2m_rows:
            through = getattr(instance, field.name).through
            name = _m2m_field_name(field)
            collected.m2m_rows[key] = list(
                through.objects.filter(**{name: instance}).values(
                    *(f.attname for f in through._meta.fields)
                )
            )
        values[records.m2m_models[field]] = collected.m2m_rows[key]
    return values


def _m2m_field_name(field: Any) -> str:
    from simple_history.utils import get_m2m_field_name

    return str(get_m2m_field_name(field))


def _write(collected: _Collected) -> None:
    from simple_history.signals import post_create_historical_record

    by_model: dict[Any, list[Any]] = {}
    for record, _values in collected.entries:
        by_model.setdefault(type(record), []).append(record)
    for model, records in by_model.items():
        model.objects.bulk_create(records)
    # Without returned primary keys (an old SQLite), the entries are saved one by one.
    for record, _values in collected.entries:
        if record.pk is None:
            record.save()
    rows_by_model: dict[Any, list[Any]] = {}
    for record, values in collected.entries:
        for m2m_model, rows in values.items():
            for row in rows:
                rows_by_model.setdefault(m2m_model, []).append(m2m_model(history=record, **row))
    for m2m_model, m2m_rows in rows_by_model.items():
        m2m_model.objects.bulk_create(m2m_rows)
    if not post_create_historical_record.has_listeners():
        return
    for record, _values in collected.entries:
        post_create_historical_record.send(
            sender=type(record), instance=record.instance, history_instance=record,
            history_date=record.history_date, history_user=record.history_user,
            history_change_reason=record.history_change_reason, using=None,
        )  # fmt: skip


def _m2m_changing(sender: Any, instance: models.Model, action: str, reverse: bool,
                  **kwargs: Any) -> None:  # fmt: skip
    collected = _collector.get()
    if collected is None or not action.startswith("pre_"):
        return
    if reverse:  # changed from the other side: every set is read again
        collected.m2m_rows.clear()
        return
    for key in [k for k in collected.m2m_rows if k[:2] == (type(instance), instance.pk)]:
        del collected.m2m_rows[key]


_history_models: dict[tuple[type, str], Any] = {}


def _history_model(model: type, manager_name: str) -> Any:
    """The model's history model, as its history descriptor holds it: reading the descriptor
    from an instance builds a manager class each time (a tenth of an import's time)."""
    key = (model, manager_name)
    if key not in _history_models:
        descriptor = next(vars(k)[manager_name] for k in model.__mro__ if manager_name in vars(k))
        _history_models[key] = descriptor.model
    return _history_models[key]


def install() -> None:
    """Let django-simple-history's recording take part in `bulk_history` (AppConfig.ready)."""
    from django.db.models.signals import m2m_changed
    from simple_history.models import HistoricalRecords
    from simple_history.signals import pre_create_historical_record

    if getattr(HistoricalRecords, "_kursen_bulk", False):
        return
    original_create = HistoricalRecords.create_historical_record

    def create_historical_record(
        self: Any, instance: models.Model, history_type: str, using: Any = None
    ) -> None:
        collected = _collector.get()
        if collected is None or history_type == "-":
            original_create(self, instance, history_type, using)
            return
        # As simple_history builds the entry, without saving it yet.
        history_date = getattr(instance, "_history_date", timezone.now())
        history_user = self.get_history_user(instance)
        reason = self.get_change_reason_for_object(instance, history_type, using)
        history_model = _history_model(type(instance), self.manager_name)
        attrs = {f.attname: getattr(instance, f.attname) for f in self.fields_included(instance)}
        if getattr(history_model, "history_relation", None) is not None:
            attrs["history_relation"] = instance
        record = history_model(
            history_date=history_date, history_type=history_type, history_user=history_user,
            history_change_reason=reason, **attrs,
        )  # fmt: skip
        pre_create_historical_record.send(
            sender=history_model, instance=instance, history_date=history_date,
            history_user=history_user, history_change_reason=reason, history_instance=record,
            using=using,
        )  # fmt: skip
        values = _m2m_values(self, record, instance, history_type == "+", collected)
        collected.entries.append((record, values))

    HistoricalRecords.create_historical_record = create_historical_record
    # simple_history records a set's change on its post_* signal; the rows this run knows of
    # the instance are dropped before (pre_*), so that entry reads them as changed.
    m2m_changed.connect(_m2m_changing, weak=False, dispatch_uid="organisation.bulk_history")
    HistoricalRecords._kursen_bulk = True
