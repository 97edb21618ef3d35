"""factory_boy factories for every model the tests create."""

import datetime

import factory
from django.contrib.auth.models import User

from organisation.models import Body, Director, Municipality, Profile, Sdg
from plans.models import Heading, Item, Plan, StatusNote, Theme


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = "Testrup Kommune"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["abbreviation"]

    name = factory.Sequence(lambda n: f"Udvalg {n}")
    abbreviation = factory.Sequence(lambda n: f"U{n}")
    kind = Body.Kind.STANDING_COMMITTEE
    position = factory.Sequence(lambda n: n)


class DirectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Director
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"Direktør {n}")
    area = factory.Sequence(lambda n: f"Område {n}")


class SdgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sdg
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: n % 17 + 1)
    name = factory.LazyAttribute(lambda o: f"Verdensmål {o.number}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "adgangskode")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role="editor", bodies=[...]) gives the user a profile."""
        if not create:
            return
        role = extracted or Profile.Role.READER
        profile = Profile.objects.create(user=self, role=role)
        profile.bodies.set(kwargs.get("bodies", []))
        profile.directors.set(kwargs.get("directors", []))
        self.save()


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    name = factory.Sequence(lambda n: f"Udmøntningsplan {2025 + n}-{2028 + n}")
    first_year = 2025
    last_year = 2028
    state = Plan.State.ADOPTED
    adopted_on = datetime.date(2024, 12, 11)


class HeadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heading

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Hovedpunkt {n}")
    position = factory.Sequence(lambda n: n)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Tema {n}")
    course = "Kursen for 2025"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"T-{n:04d}")
    title = factory.Sequence(lambda n: f"Indsats nummer {n}")
    kind = Item.Kind.OPERATING_CHANGE
    committee = factory.SubFactory(BodyFactory)
    status = Item.Status.IN_PROGRESS
    process = "Administrationen udarbejder et oplæg."
    timing_year = 2025
    timing_quarter = 1
    amount_1 = -250
    amount_2 = -500


class StatusNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusNote

    item = factory.SubFactory(ItemFactory)
    date = datetime.date(2025, 3, 1)
    text = "Arbejdet er i gang."
    author = factory.SubFactory(UserFactory)
