"""Concurrent edits in Django's admin: a save based on a stale form is refused, not applied.

Items carry a version number (plans.services checks it). Reference data edited in the admin
(bodies, directors, SDGs, plans with their headings and themes, users and their roles) has
none; instead the change form carries a fingerprint of the object as the user saw it, and
the save is refused when the object (or the inline rows that go with it) changed since.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "edit_fingerprint"
# Changes that are not edits: logging in must not make an open user form stale.
IGNORED_FIELDS = {"last_login"}


def fingerprint(obj: models.Model, related: tuple[str, ...] = ()) -> str:
    """A digest of the object's fields and many-to-many sets, and of its related rows."""
    parts = [_values(obj)]
    for name in related:
        try:
            related_objects = getattr(obj, name)
        except ObjectDoesNotExist:  # a reverse one-to-one not made yet (a user's profile)
            related_objects = None
        if isinstance(related_objects, models.Manager):
            parts += [_values(o) for o in related_objects.order_by("pk")]
        elif related_objects is not None:
            parts.append(_values(related_objects))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _values(obj: models.Model) -> list:
    values = [
        (f.attname, getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.name not in IGNORED_FIELDS
    ]
    values += [
        (f.name, sorted(getattr(obj, f.name).values_list("pk", flat=True)))
        for f in obj._meta.many_to_many
    ]
    return values


class EditLockAdminMixin:
    """Add to a ModelAdmin; list inline relations in edit_lock_related to cover them too."""

    edit_lock_related: tuple[str, ...] = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = _locked(kwargs.get("form", self.form), self.edit_lock_related)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        options = {**options, "fields": [*options["fields"], TOKEN_FIELD]}
        return [(name, options), *rest]


def _locked(form: type[forms.ModelForm], related: tuple[str, ...]) -> type[forms.ModelForm]:
    """The admin's form with the fingerprint of the object as opened, checked on save."""

    class EditLockForm(form):  # type: ignore[valid-type,misc]  # a base chosen at run time
        edit_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.is_bound:
                self.initial[TOKEN_FIELD] = fingerprint(self.instance, related)

        def clean(self):
            cleaned = super().clean()
            current = type(self.instance).objects.select_for_update().get(pk=self.instance.pk)
            if cleaned.get(TOKEN_FIELD) != fingerprint(current, related):
                raise ValidationError(
                    _("Nogen har gemt ændringer her, mens du redigerede. Dine ændringer er "
                      "ikke gemt: genindlæs siden for at se den nye udgave, og ret igen.")
                )  # fmt: skip
            return cleaned

    EditLockForm.__name__ = form.__name__
    return EditLockForm
