"""A plan with items in two committees, the people who answer for them and their director."""

import datetime

import pytest
from django.test import Client

from followup import services
from organisation.models import Body, Profile
from tests.factories import BodyFactory, DirectorFactory, ItemFactory, UserFactory
from tests.notify.conftest import database_tasks, smtp_server  # noqa: F401 (the mail fixtures)

DEADLINE = datetime.date(2026, 12, 18)  # a Friday
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def area(db):
    return DirectorFactory(title="Velfærdsdirektør", area="Velfærd")


@pytest.fixture
def contact(db, au):
    return UserFactory(
        username="kaje",
        first_name="Karen",
        last_name="Jensen",
        email="kaje@testrup.dk",
        role=Profile.Role.EDITOR,
        role__bodies=[au],
    )


@pytest.fixture
def area_director(db, area):
    return UserFactory(
        username="direktor",
        first_name="Dorte",
        last_name="Dahl",
        email="dd@testrup.dk",
        role=Profile.Role.EDITOR,
        role__directors=[area],
    )


@pytest.fixture
def items(plan, au, buu, area, theme):
    made = [
        ItemFactory(
            plan=plan,
            committee=au,
            director=area,
            contact="Karen Jensen",
            code="AU-D01",
            title="Jobindsats",
        ),
        ItemFactory(
            plan=plan,
            committee=au,
            director=area,
            contact="karen jensen",
            code="AU-D02",
            title="Flere i job",
            amount_1=None,
            amount_2=None,
        ),
        ItemFactory(
            plan=plan, committee=buu, contact="Ukendt Person", code="BUU-D01", title="Inklusion"
        ),
        ItemFactory(plan=plan, committee=buu, code="BUU-D02", title="Færdig", status="completed"),
    ]
    made[0].themes.add(theme)
    return made


@pytest.fixture
def dir_body(db):
    return BodyFactory(name="Direktionen", abbreviation="DIR", kind=Body.Kind.EXECUTIVE_BOARD)


@pytest.fixture
def open_round(plan, items, contact, area_director, administrator):
    return services.round_open(
        plan=plan,
        name="Status december 2026",
        deadline=DEADLINE,
        user=administrator,
        today=TODAY,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
