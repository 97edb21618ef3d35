"""What django-simple-history reads from a model instance for the history entry its next save
or delete writes. The attributes are not fields, so django-stubs does not know them; they are
set here, in one place, through the instance's __dict__."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db import models


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
