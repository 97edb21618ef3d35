"""Model validation as the services run it before each save."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def full_clean(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    """Model.full_clean, but a foreign key whose object the caller holds, read from the
    database, is not looked up again (one query per key per save; the database's constraint
    still holds). Unique and constraint checks run as in full_clean."""
    errors: dict[str, Any] = {}
    skipped = set(exclude)
    try:
        obj.clean_fields(exclude={*skipped, *_loaded_relations(obj)})
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    skipped |= {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        obj.validate_unique(exclude=skipped)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.validate_constraints(exclude=skipped)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


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
