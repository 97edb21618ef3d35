import pytest
from django.core.management import call_command

from meetings.models import Meeting
from organisation.models import Body, Member, Sdg
from plans.models import Item, Plan, ThemeCourse

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_only(monkeypatch):
    """The plan without the meetings (test_demo_meetings.py covers those): a faster load."""
    monkeypatch.setattr("demo.loader.demo_meetings", lambda **kwargs: {})


def snapshot():
    return list(Item.objects.order_by("code").values_list("code", "title", "status", "amount_1",
                                                           "committee__abbreviation"))  # fmt: skip


def test_demo_loads_a_realistic_adopted_plan_with_users_of_each_role(capsys, plan_only):
    call_command("demo")
    plan = Plan.objects.get(name="Udmøntningsplan 2025-2028")
    assert plan.state == Plan.State.ADOPTED
    items = Item.objects.filter(plan=plan)
    assert 130 <= items.count() <= 170
    assert items.filter(status=Item.Status.COMPLETED).exists()
    assert items.filter(cross_cutting=True).exists()
    assert items.filter(needs_political_treatment=True).exists()
    assert {k for k in items.values_list("kind", flat=True)} == set(Item.Kind.values)
    assert {"KB", "ØK", "AU", "BUU", "MTU", "VPU", "KFU", "EU", "DIR", "HU"} <= set(
        Body.objects.values_list("abbreviation", flat=True)
    )
    assert plan.headings.count() == 7 and plan.themes.count() == 5
    assert Sdg.objects.count() == 17 and Plan.objects.get().chosen_sdgs.count() == 6
    output = capsys.readouterr().out
    assert "admin / kursen-admin" in output and "laeser / kursen-laeser" in output


def test_demo_is_idempotent_and_deterministic():
    call_command("demo")
    first = snapshot()
    meetings = list(Meeting.objects.values_list("body__abbreviation", "date", "state"))
    members = Member.objects.count()
    call_command("demo")
    assert snapshot() == first
    assert list(Meeting.objects.values_list("body__abbreviation", "date", "state")) == meetings
    assert Member.objects.count() == members
    Plan.objects.all().delete()
    call_command("demo")
    assert snapshot() == first


def test_demo_if_empty_leaves_existing_data_alone(capsys, plan_only):
    call_command("demo")
    Item.objects.filter(code="AU-D01").update(title="Ændret")
    call_command("demo", "--if-empty")
    assert Item.objects.get(code="AU-D01").title == "Ændret"


def test_demo_has_the_strategic_plan_with_courses_for_2025_and_2026_and_six_sdgs(plan_only):
    call_command("demo")
    plan = Plan.objects.get(name="Udmøntningsplan 2025-2028")
    assert sorted(plan.chosen_sdgs.values_list("number", flat=True)) == [3, 4, 8, 11, 13, 17]
    for theme in plan.themes.prefetch_related("courses", "sdgs"):
        assert sorted(course.year for course in theme.courses.all()) == [2025, 2026], theme
        assert theme.strategy_link and theme.sdgs.exists(), theme
        assert theme.items.exists(), theme
    call_command("demo")  # again: nothing doubled
    assert ThemeCourse.objects.filter(theme__plan=plan).count() == 10
