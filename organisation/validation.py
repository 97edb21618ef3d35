"""Model validation as the services run it before each save."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models
from django.db.models import F, Q

# The values of the unique fields as a row was read under its lock (`remember_loaded`): a
# unique check of values the row already holds in the database cannot fail, so it is skipped.
_LOADED = "_validation_loaded"


def full_clean(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    """Model.full_clean, but without the database round trips whose answer is known here:

    - a foreign key whose object the caller holds, read from the database, is not looked up
      again (the database's foreign key constraint still holds);
    - a check constraint made of plain comparisons of the row's own fields is evaluated here
      (Django asks the database, one query per constraint per save), with SQL's rule that a
      comparison with NULL passes; any other condition is still asked of the database;
    - a unique check of values the row held when it was read under its lock
      (`remember_loaded`) is skipped: the database row already holds them.

    The errors are Django's own, with the same messages."""
    errors: dict[str, Any] = {}
    skipped = set(exclude)
    unchanged = _unchanged_fields(obj)
    relations = {*_loaded_relations(obj), *(unchanged & _foreign_keys(type(obj)))}
    try:
        obj.clean_fields(exclude=skipped | relations)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    skipped |= {name for name in errors if name != NON_FIELD_ERRORS}
    database_unique = _unique_by_database.get()
    if database_unique:  # every unique field and unique_together left to the database
        unchanged = unchanged | {f.name for f in obj._meta.concrete_fields}
    try:
        obj.validate_unique(exclude=skipped | unchanged)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        _validate_constraints(obj, skipped, unchanged)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


# Inside `unique_checked_by_database`: unique checks are the database's (see there).
_unique_by_database: ContextVar[bool] = ContextVar("unique_by_database", default=False)


@contextmanager
def unique_checked_by_database() -> Iterator[None]:
    """Inside the block, `full_clean` asks the database nothing about uniqueness: a row that
    would break a unique field or constraint fails at its INSERT or UPDATE (IntegrityError),
    and `unique_violation_message` gives that error Django's Danish message. For a run of
    writes that is all or nothing, as one imported document: the failed write's transaction
    is rolled back whole and nothing inside it goes on after the error."""
    token = _unique_by_database.set(True)
    try:
        yield
    finally:
        _unique_by_database.reset(token)


def unique_violation_message(error: IntegrityError) -> str | None:
    """The Danish message Django's validation gives for the unique field or constraint the
    database refused (the constraint's own message where it has one); None when the error is
    not a unique violation of a model's field or constraint."""
    table, columns, name = _violated(error)
    if table is None:
        return None
    for model in apps.get_models():
        if model._meta.db_table != table:
            continue
        by_column = {f.column: f.name for f in model._meta.concrete_fields}
        fields = tuple(by_column.get(c, c) for c in columns)
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and (
                constraint.name == name or (columns and tuple(constraint.fields) == fields)
            ):
                if constraint.violation_error_message != constraint.default_violation_error_message:
                    return str(constraint.get_violation_error_message())
                fields = tuple(constraint.fields)
                break
        if not fields and name:  # a unique field's own constraint: <table>_<column>_key
            fields = tuple(n for c, n in by_column.items() if name == f"{table}_{c}_key")
        if not fields:
            return None
        message = model().unique_error_message(model, fields)
        return " ".join(str(m) for m in message.messages)
    return None


def _violated(error: IntegrityError) -> tuple[str | None, tuple[str, ...], str]:
    """(table, columns, constraint name) of a unique violation, as each database says it."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # PostgreSQL (psycopg)
        if getattr(cause, "sqlstate", None) != "23505":
            return None, (), ""
        detail = diag.message_detail or ""
        columns = detail.partition("(")[2].partition(")")[0]
        names = tuple(c.strip().strip('"') for c in columns.split(",") if c.strip())
        return diag.table_name, names, diag.constraint_name or ""
    text = str(error)  # SQLite: "UNIQUE constraint failed: table.column, table.column"
    if not text.startswith("UNIQUE constraint failed: "):
        return None, (), ""
    pairs = [part.strip().partition(".") for part in text.split(": ", 1)[1].split(",")]
    return pairs[0][0], tuple(column for _table, _dot, column in pairs), ""


def _foreign_keys(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)}


def remember_loaded(obj: models.Model) -> None:
    """Note the row's values as just read from the database (under its row lock, so they are
    the database's): `full_clean` then skips unique checks of values it still holds."""
    vars(obj)[_LOADED] = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _unchanged_fields(obj: models.Model) -> set[str]:
    loaded = vars(obj).pop(_LOADED, None)  # once: after this save the row holds new values
    if (
        not loaded
        or obj._state.adding
        or obj.pk is None
        or loaded.get(obj._meta.pk.attname) != (obj.pk)
    ):
        return set()
    return {
        f.name
        for f in obj._meta.concrete_fields
        if f.attname in loaded and loaded[f.attname] == getattr(obj, f.attname)
    }


def _validate_constraints(obj: models.Model, exclude: set[str], unchanged: set[str]) -> None:
    """Model.validate_constraints, each constraint answered here where it can be."""
    from django.db import router

    using = router.db_for_write(type(obj), instance=obj)
    errors: dict[str, Any] = {}
    for model_class, constraints in obj.get_constraints():
        for constraint in constraints:
            try:
                if isinstance(constraint, models.CheckConstraint):
                    passed = _check_here(model_class, obj, constraint.condition, exclude)
                    if passed is False:
                        raise ValidationError(
                            constraint.get_violation_error_message(),
                            code=constraint.violation_error_code,
                        )
                    if passed is True:
                        continue
                elif (
                    isinstance(constraint, models.UniqueConstraint)
                    and constraint.fields
                    and not constraint.expressions
                    and constraint.condition is None
                    and set(constraint.fields) <= unchanged
                ):
                    continue
                checked: Any = constraint  # every constraint validates; the stubs' base omits it
                checked.validate(model_class, obj, exclude=exclude, using=using)
            except ValidationError as error:
                fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class _Unsupported(Exception):
    """A condition this module does not evaluate: the database answers it."""


# Values compared here as the database compares them (not text: collations order it).
_ORDERED = (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.datetime)
_COMPARABLE = (str, bool, *_ORDERED)
_PASSED = "passed"  # a constraint referring to an excluded field is not checked (as Django)


def _check_here(model: type[models.Model], obj: models.Model, condition: Any,
                exclude: set[str]) -> bool | None:  # fmt: skip
    """True or False when the condition is evaluated here (NULL passes, as in SQL's CHECK);
    None when the database must answer."""
    try:
        result = _evaluate(model, obj, Q(condition), exclude)
    except _Unsupported:
        return None
    if result == _PASSED:
        return True
    return result is not False


def _evaluate(model, obj, node, exclude):
    """Three-valued: True, False or None (unknown, a NULL took part)."""
    if isinstance(node, Q):
        results = [_evaluate(model, obj, child, exclude) for child in node.children]
        if _PASSED in results:
            return _PASSED
        if node.connector == Q.AND:
            value = False if False in results else (None if None in results else True)
        elif node.connector == Q.OR:
            value = True if True in results else (None if None in results else False)
        else:
            raise _Unsupported
        if node.negated:
            value = None if value is None else not value
        return value
    if not isinstance(node, tuple) or len(node) != 2:
        raise _Unsupported
    path, right = node
    name, _sep, lookup = path.partition("__")
    lookup = lookup or "exact"
    if "__" in lookup:
        raise _Unsupported
    left = _value(model, obj, name, exclude)
    if isinstance(right, F):
        right = _value(model, obj, right.name, exclude)
    elif hasattr(right, "resolve_expression"):
        raise _Unsupported
    if _PASSED in (left, right):
        return _PASSED
    if lookup == "isnull":
        if not isinstance(right, bool):
            raise _Unsupported
        return (left is None) == right
    if lookup == "in":
        if left is None:
            return None
        values = list(right)
        if not all(isinstance(v, (str, int, bool)) for v in [left, *values]):
            raise _Unsupported
        return left in values
    if left is None or right is None:
        return None
    for kind in (bool, datetime.datetime):  # subclasses of int and date the database tells apart
        if isinstance(left, kind) != isinstance(right, kind):
            raise _Unsupported
    if lookup == "exact":
        if not any(isinstance(left, kind) and isinstance(right, kind) for kind in _COMPARABLE):
            raise _Unsupported
        return left == right
    if lookup in {"gt", "gte", "lt", "lte"}:
        if not (isinstance(left, _ORDERED) and isinstance(right, _ORDERED)):
            raise _Unsupported
        if lookup == "gt":
            return left > right
        if lookup == "gte":
            return left >= right
        if lookup == "lt":
            return left < right
        return left <= right
    raise _Unsupported


def _value(model, obj, name, exclude):
    if name == "pk":
        return _PASSED if "pk" in exclude else obj.pk
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise _Unsupported from error
    if not getattr(field, "concrete", False) or getattr(field, "generated", False):
        raise _Unsupported
    if field.name in exclude:
        return _PASSED
    value = getattr(obj, field.attname)
    if isinstance(value, bool) or value is None:
        return value
    # What the database would store (a string typed into a date field is a date).
    try:
        return field.to_python(value)
    except ValidationError as error:
        raise _Unsupported from error


def _loaded_relations(obj: models.Model) -> list[str]:
    """Foreign keys whose object the caller holds, read from the database: full_clean would ask
    the database again whether it exists (one query each, per save). The database's own
    foreign key constraint still holds."""
    loaded = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(obj):
            related = field.get_cached_value(obj)
            if (
                related is not None
                and not related._state.adding
                and (related.pk == getattr(obj, field.attname))
            ):
                loaded.append(field.name)
    return loaded
