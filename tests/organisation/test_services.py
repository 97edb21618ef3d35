"""Bodies, members and profiles are written through organisation.services: only
administrators create bodies, and every change to a user's rights is in the history."""

import copy
import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from organisation import services
from organisation.models import Body, Member, Profile
from reading.importer import import_document
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parents[1] / "reading" / "golden"


def au_extract(routing: list[str]) -> dict:
    """Seed 003 (an extract of AU's case) with the given Sagsgang."""
    document = json.loads((GOLDEN / "003.json").read_text(encoding="utf-8"))
    document = copy.deepcopy(document)
    document["items"][0]["case_number"] = "25/4711"
    document["items"][0]["routing"] = routing
    return document


# --- Finding 11: only administrators create bodies --------------------------------------------


def test_editors_import_naming_an_unknown_body_is_refused_and_names_it(editor, au):
    """AU's editor imports AU's extract whose Sagsgang is "AU, BR": Byrådet is not in Kursen."""
    summary = import_document(au_extract(["AU", "BR"]), user=editor)

    assert summary.error is not None
    assert "Byrådet" in summary.error
    assert "kun en administrator" in summary.error
    assert list(Body.objects.values_list("abbreviation", flat=True)) == ["AU"]
    assert not Member.objects.exists()


def test_editors_import_within_known_bodies_is_stored(editor, au):
    summary = import_document(au_extract(["AU"]), user=editor)
    assert summary.error is None
    assert Body.objects.count() == 1


def test_administrators_import_creates_the_body_with_who_did_it(administrator, au):
    summary = import_document(au_extract(["AU", "BR"]), user=administrator)

    assert summary.error is None
    council = Body.objects.get(abbreviation="BR")
    assert council.name == "Byrådet" and council.kind == Body.Kind.COUNCIL
    entry = council.history.get()
    assert entry.history_user == administrator and entry.history_type == "+"


def test_body_create_refuses_an_editor(editor):
    with pytest.raises(PermissionDenied, match="Byrådet"):
        services.body_create(name="Byrådet", abbreviation="BR", kind="council", user=editor)
    assert not Body.objects.filter(abbreviation="BR").exists()


def test_member_create_is_for_the_bodys_secretariat(editor, au, ok):
    member = services.member_create(body=au, name="Anette Ruby Liebe", party="A", user=editor)
    assert member.history.get().history_user == editor
    with pytest.raises(PermissionDenied):
        services.member_create(body=ok, name="Jens Meilvang", party="I", user=editor)


# --- Finding 12: the history of a user's bodies and directors ---------------------------------


def test_profile_update_records_bodies_and_directors_whole_in_one_entry(
    administrator, au, ok, director
):
    user = UserFactory(username="ny", role=Profile.Role.EDITOR, role__bodies=[au])
    profile = user.profile
    before = profile.history.count()

    services.profile_update(
        profile=profile, bodies=[au, ok], directors=[director], user=administrator
    )
    services.profile_update(profile=profile, bodies=[ok], user=administrator)
    services.profile_update(profile=profile, bodies=[ok], user=administrator)  # no change

    entries = list(profile.history.order_by("history_id"))[before:]
    assert len(entries) == 2
    first, second = entries
    assert {b.body_id for b in first.bodies.all()} == {au.pk, ok.pk}
    assert {d.director_id for d in first.directors.all()} == {director.pk}
    assert {b.body_id for b in second.bodies.all()} == {ok.pk}
    assert {d.director_id for d in second.directors.all()} == {director.pk}  # whole state
    assert first.history_user == administrator == second.history_user


def test_admins_change_of_a_users_bodies_is_in_the_history_with_the_admin(
    admin_client_, administrator, au, ok
):
    """The administrator gives AU's editor ØK too in the admin; the profile's history says
    who did it and holds both bodies."""
    user = UserFactory(username="redaktor2", role=Profile.Role.EDITOR, role__bodies=[au])
    url = reverse("admin:auth_user_change", args=[user.pk])
    html = admin_client_.get(url).content.decode()
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data.setdefault(name, value)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        data[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
    for flag in ("is_active",):
        data[flag] = "on"
    for name in ("_addanother", "_continue", "_save"):
        data.pop(name, None)
    data["profile-0-bodies"] = [str(au.pk), str(ok.pk)]

    response = admin_client_.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    entry = user.profile.history.order_by("-history_id").first()
    assert entry.history_user == administrator
    assert {b.body_id for b in entry.bodies.all()} == {au.pk, ok.pk}
    assert set(user.profile.bodies.values_list("pk", flat=True)) == {au.pk, ok.pk}
