"""Two administrators editing the same reference data in the admin: the second is told."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from organisation.models import Body
from plans.models import Heading

STALE = "Nogen har gemt ændringer her, mens du redigerede."


def form_data(client: Client, url: str) -> dict:
    """The change form's fields as the browser would post them (text inputs and selects)."""
    html = client.get(url).content.decode()
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data.setdefault(name, value)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = selected.group(1) if selected else ""
    data.pop("_addanother", None)
    data.pop("_continue", None)
    return data


@pytest.fixture
def second_admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def test_second_save_of_a_committee_is_refused_and_the_first_kept(
    admin_client_, second_admin_client, au
):
    url = reverse("admin:organisation_body_change", args=[au.pk])
    first, second = form_data(admin_client_, url), form_data(second_admin_client, url)

    response = admin_client_.post(url, {**first, "name": "Arbejdsmarkedsudvalget (ny)"})
    assert response.status_code == 302

    response = second_admin_client.post(url, {**second, "name": "Beskæftigelsesudvalget"})
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Body.objects.get(pk=au.pk).name == "Arbejdsmarkedsudvalget (ny)"


def test_a_save_from_a_fresh_form_goes_through(admin_client_, au):
    url = reverse("admin:organisation_body_change", args=[au.pk])
    response = admin_client_.post(url, {**form_data(admin_client_, url), "position": "7"})
    assert response.status_code == 302
    assert Body.objects.get(pk=au.pk).position == 7


def test_a_heading_changed_meanwhile_makes_the_plan_form_stale(admin_client_, plan, heading):
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = form_data(admin_client_, url)
    Heading.objects.filter(pk=heading.pk).update(name="Økonomisk politik og styring")

    response = admin_client_.post(url, {**data, "name": "Udmøntningsplan 2025-2028 (rettet)"})

    assert STALE in response.content.decode()
    plan.refresh_from_db()
    assert plan.name == "Udmøntningsplan 2025-2028"
    assert Heading.objects.get(pk=heading.pk).name == "Økonomisk politik og styring"


def test_items_are_read_only_in_the_admin(admin_client_, item):
    url = reverse("admin:plans_item_change", args=[item.pk])
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.post(url, {"title": "Fra admin"}).status_code == 403
    assert admin_client_.get(reverse("admin:plans_item_add")).status_code == 403
    item.refresh_from_db()
    assert item.title == "Styrket virksomhedsrettet indsats"


def test_a_users_role_changed_meanwhile_makes_the_user_form_stale(admin_client_, reader):
    url = reverse("admin:auth_user_change", args=[reader.pk])
    data = form_data(admin_client_, url)
    assert data["profile-0-role"] == "reader"
    reader.profile.role = "editor"
    reader.profile.save()

    response = admin_client_.post(url, {**data, "first_name": "Lise"})

    assert STALE in response.content.decode()
    reader.refresh_from_db()
    assert (reader.first_name, reader.profile.role) != ("Lise", "reader")
    assert reader.profile.role == "editor"


def test_user_form_saves_when_nothing_changed_meanwhile(admin_client_, reader):
    url = reverse("admin:auth_user_change", args=[reader.pk])
    response = admin_client_.post(url, {**form_data(admin_client_, url), "first_name": "Lise"})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.first_name == "Lise"


def test_a_user_added_in_stamdata_gets_a_reader_profile_and_its_page_opens(admin_client_):
    """Adding a user and leaving the role as it is: the user is a reader, and the user's page
    (where the role is changed) opens instead of failing on the missing profile."""
    from django.contrib.auth.models import User

    add = reverse("admin:auth_user_add")
    data = form_data(admin_client_, add)
    data.update(username="ny.bruger", password1="Kursen-2026-test", password2="Kursen-2026-test",
                usable_password="true", _continue="1")  # fmt: skip

    response = admin_client_.post(add, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="ny.bruger")
    assert user.profile.role == "reader"
    page = admin_client_.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert page.status_code == 200
    assert 'name="profile-0-role"' in page.content.decode()


def test_a_user_without_a_profile_opens_in_stamdata(admin_client_):
    """A user made outside Kursen's pages (createsuperuser) has no profile yet."""
    from django.contrib.auth.models import User

    user = User.objects.create_user("uden.profil")

    assert admin_client_.get(reverse("admin:auth_user_change", args=[user.pk])).status_code == 200


def test_the_user_list_names_roles_in_danish(admin_client_, reader):
    html = admin_client_.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Rolle" in html and "Læser" in html
    assert "Profile role" not in html and ">reader<" not in html
