"""Shared fixtures: a small municipality, users of each role, and logged-in clients."""

import pytest
from django.test import Client, override_settings

from organisation.models import Body, Profile
from tests.factories import (
    BodyFactory,
    DirectorFactory,
    HeadingFactory,
    ItemFactory,
    MemberFactory,
    MunicipalityFactory,
    PlanFactory,
    ThemeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Production's PBKDF2 takes a good part of a second per password on purpose; the
    factories, the demo loader and every login in the tests hash passwords, so tests use MD5."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Production serves hashed files from collectstatic's manifest; tests use the sources."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded attachments go to a fresh folder per test, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def au(db):
    return BodyFactory(name="Arbejdsmarkedsudvalget", abbreviation="AU")


@pytest.fixture
def buu(db):
    return BodyFactory(name="Børne- og Ungdomsudvalget", abbreviation="BUU")


@pytest.fixture
def ok(db):
    return BodyFactory(name="Økonomiudvalget", abbreviation="ØK", kind=Body.Kind.FINANCE_COMMITTEE)


@pytest.fixture
def kb(db):
    return BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)


@pytest.fixture
def ok_members(ok):
    """Two members of ØK, by name and party, as decisions print them."""
    return [
        MemberFactory(body=ok, name="Jens Meilvang", party="I"),
        MemberFactory(body=ok, name="Anette Ruby Liebe", party="A"),
    ]


@pytest.fixture
def plan(db, municipality):
    return PlanFactory(name="Udmøntningsplan 2025-2028")


@pytest.fixture
def heading(plan):
    return HeadingFactory(plan=plan, name="Økonomisk Politik")


@pytest.fixture
def theme(plan):
    return ThemeFactory(plan=plan, name="Økonomi og budget i balance")


@pytest.fixture
def director(db):
    return DirectorFactory(title="Fællesforvaltningsdirektør", area="Fællesforvaltningen")


@pytest.fixture
def item(plan, au, director):
    return ItemFactory(plan=plan, committee=au, director=director, code="AU-D01",
                       title="Styrket virksomhedsrettet indsats")  # fmt: skip


@pytest.fixture
def other_item(plan, buu):
    return ItemFactory(plan=plan, committee=buu, code="BUU-D01", title="Inklusion i folkeskolen")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=Profile.Role.ADMINISTRATOR, is_staff=True,
                       is_superuser=True)  # fmt: skip


@pytest.fixture
def editor(db, au):
    return UserFactory(username="redaktor", role=Profile.Role.EDITOR, role__bodies=[au])


@pytest.fixture
def reader(db):
    return UserFactory(username="laeser", role=Profile.Role.READER)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(administrator):
    return _client_for(administrator)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def reader_client(reader):
    return _client_for(reader)
