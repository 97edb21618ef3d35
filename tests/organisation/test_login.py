"""Login throttling: wrong passwords for one username from one address lock that pair out for
a while, with a Danish explanation on the login page; the tests' own logins keep working."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

LOGIN = reverse("login")


def _try(client: Client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def laeser(db):
    return UserFactory(username="laeser")


def test_forty_wrong_passwords_then_the_right_one_is_refused(laeser):
    client = Client()
    for _ in range(40):
        _try(client, "laeser", "forkert")
    response = _try(client, "laeser", "adgangskode")
    assert response.status_code == 429
    page = response.content.decode()
    assert "For mange forkerte forsøg" in page
    assert "15 minutter" in page
    assert "_auth_user_id" not in client.session
    # The login form is shown again, with the username kept.
    assert 'value="laeser"' in page


def test_the_lockout_starts_at_the_failure_limit(laeser):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _try(client, "laeser", "forkert")
        assert response.status_code == 200
        assert "korrekt brugernavn og adgangskode" in response.content.decode()
    assert _try(client, "laeser", "forkert").status_code == 429
    assert _try(client, "laeser", "adgangskode").status_code == 429


def test_a_few_mistakes_then_the_right_password_logs_in_and_resets_the_count(laeser):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "laeser", "forkert")
    response = _try(client, "laeser", "adgangskode")
    assert response.status_code == 302
    client.post(reverse("logout"))
    # The count started again: as many mistakes once more are not a lockout.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "laeser", "forkert")
    assert _try(client, "laeser", "adgangskode").status_code == 302


def test_lockout_is_per_username_and_address(laeser):
    UserFactory(username="kollega")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "laeser", "forkert", ip="192.0.2.10")
    # The same user from another address, and a colleague from the same address, still log in.
    assert _try(Client(), "laeser", "adgangskode", ip="192.0.2.99").status_code == 302
    assert _try(Client(), "kollega", "adgangskode", ip="192.0.2.10").status_code == 302
    assert _try(Client(), "laeser", "adgangskode", ip="192.0.2.10").status_code == 429


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(laeser):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "laeser", "password": "forkert"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": "laeser", "password": "adgangskode"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 429


def test_behind_the_proxy_the_address_it_appended_is_counted(laeser, settings):
    settings.KURSEN_BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN,
            {"username": "laeser", "password": "forkert"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 192.0.2.10",
        )
    locked = Client().post(
        LOGIN,
        {"username": "laeser", "password": "adgangskode"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert locked.status_code == 429
    other = Client().post(
        LOGIN,
        {"username": "laeser", "password": "adgangskode"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.77",
    )
    assert other.status_code == 302


def test_the_lockout_ends_after_the_cool_off(laeser):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(), "laeser", "forkert")
    assert _try(Client(), "laeser", "adgangskode").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    assert _try(Client(), "laeser", "adgangskode").status_code == 302


def test_the_admin_login_is_throttled_too(laeser):
    admin_login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            admin_login, {"username": "laeser", "password": "forkert"}, REMOTE_ADDR="192.0.2.10"
        )
    response = Client().post(
        LOGIN, {"username": "laeser", "password": "adgangskode"}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 429


def test_the_test_clients_own_logins_keep_working(laeser):
    client = Client()
    assert client.login(username="laeser", password="adgangskode")
    assert client.get(reverse("plans:plans")).status_code == 200
    forced = Client()
    forced.force_login(laeser)
    assert forced.get(reverse("plans:plans")).status_code == 200
