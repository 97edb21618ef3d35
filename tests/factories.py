"""factory_boy factories for every model the tests create."""

import datetime

import factory
from django.contrib.auth.models import User

from meetings.models import AgendaItem, Attachment, Case, Meeting, PlannedTopic, StandingItem
from organisation.models import Body, Director, Member, Municipality, Profile, Sdg
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


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Medlem Nummer {n}")
    party = "A"
    position = factory.Sequence(lambda n: n)


class CaseFactory(factory.django.DjangoModelFactory):
    """CaseFactory(routing=[ok, kb]) sets the routing ("Sagsgang")."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"25/{1000 + n}")
    title = factory.Sequence(lambda n: f"Sag nummer {n}")

    @factory.post_generation
    def routing(self, create, extracted, **kwargs):
        if create and extracted:
            from meetings.models import CaseRoute

            for position, body in enumerate(extracted):
                CaseRoute.objects.create(case=self, body=body, position=position)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    # Weekly from 6 January 2025, wrapping before 2026-10: a factory meeting has taken place,
    # since decisions and approvals are refused on meetings that lie in the future.
    date = factory.Sequence(
        lambda n: datetime.date(2025, 1, 6) + datetime.timedelta(days=7 * (n % 85))
    )
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)
    place = "Mødelokale 250, rådhuset"
    state = Meeting.State.AGENDA_PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dagsordenspunkt {n}")
    case_presentation = "Administrationen har udarbejdet et oplæg."
    recommendation = "Det indstilles, at sagen godkendes."


class AttachmentFactory(factory.django.DjangoModelFactory):
    """Attachment rows without a file; tests that need the file upload through the service."""

    class Meta:
        model = Attachment

    agenda_item = factory.SubFactory(AgendaItemFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Bilag {n}")
    document_number = factory.Sequence(lambda n: f"{100000 + n}/25")


class StandingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandingItem

    body = factory.SubFactory(BodyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Fast punkt {n}")


class PlannedTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedTopic

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Emne {n}")
