"""Issue 14, point 5: the admin speaks Danish, and no page sends a non-administrator there."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# Field names that are the same word in Danish ("plan", "status", "version").
SAME_IN_DANISH = {"id", "plan", "status", "version"}


def _auto_name(model) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def _models_shown_in_admin():
    models = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        models |= {inline.model for inline in getattr(model_admin, "inlines", [])}
    return sorted(models, key=lambda m: m._meta.label)


def test_every_model_and_field_in_the_admin_has_a_danish_name():
    """Django's fallback is the English identifier ("body", "created at", "case route")."""
    untranslated = []
    for model in _models_shown_in_admin():
        if model._meta.app_label in {"auth", "contenttypes", "sessions"}:
            continue
        opts = model._meta
        if str(opts.verbose_name) == _auto_name(model) and opts.model_name != "statusnote":
            untranslated.append(opts.label)
        for field in opts.get_fields():
            if field.auto_created or not hasattr(field, "verbose_name"):
                continue
            if field.name not in SAME_IN_DANISH and field.verbose_name == field.name.replace(
                "_", " "
            ):
                untranslated.append(f"{opts.label}.{field.name}")
    assert untranslated == []


def test_the_apps_have_danish_names_in_the_admin(admin_client_):
    html = admin_client_.get(reverse("admin:index")).content.decode()
    for english in ("Meetings", "Plans", "Reading", "Search"):
        assert f">{english}<" not in html
    assert "Møder" in html and "Udmøntningsplaner" in html


def test_no_page_links_an_editor_to_the_admin(editor_client, item, plan):
    meeting = MeetingFactory()
    agenda_item = AgendaItemFactory(meeting=meeting)
    pages = [
        reverse("plans:plans"), plan.get_absolute_url(), item.get_absolute_url(),
        reverse("meetings:calendar"), reverse("meetings:cases"), meeting.get_absolute_url(),
        agenda_item.get_absolute_url(),
    ]  # fmt: skip
    for url in pages:
        html = editor_client.get(url).content.decode()
        assert "/admin/" not in html, url


def test_the_administrator_has_the_link(admin_client_, plan):
    assert "/admin/" in admin_client_.get(plan.get_absolute_url()).content.decode()
