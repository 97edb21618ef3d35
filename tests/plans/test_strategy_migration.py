"""The migration to a course per year: each theme's one course becomes its course for the
plan's first year, and the installation's chosen SDGs become each plan's chosen SDGs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("plans", "0003_danish_verbose_names"),
    ("organisation", "0005_municipality_coat_of_arms_user_label"),
]
AFTER = [("organisation", "0006_sdg_choice_moved_to_plans")]


@pytest.mark.django_db(transaction=True)
def test_one_course_becomes_the_first_years_and_the_chosen_sdgs_move_to_the_plans():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Plan, Theme = apps.get_model("plans", "Plan"), apps.get_model("plans", "Theme")
    Sdg = apps.get_model("organisation", "Sdg")
    plan = Plan.objects.create(name="Udmøntningsplan 2024-2027", first_year=2024, last_year=2027)
    Theme.objects.create(plan=plan, name="Klima", course="Kursen for 2024: energirenovering.")
    Theme.objects.create(plan=plan, name="Økonomi", course="")
    Sdg.objects.create(number=13, name="Klimaindsats", chosen=True)
    Sdg.objects.create(number=14, name="Livet i havet", chosen=False)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    ThemeCourse = apps.get_model("plans", "ThemeCourse")
    Plan = apps.get_model("plans", "Plan")
    assert list(ThemeCourse.objects.values_list("theme__name", "year", "text")) == [
        ("Klima", 2024, "Kursen for 2024: energirenovering.")
    ]
    assert list(Plan.objects.get().chosen_sdgs.values_list("number", flat=True)) == [13]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # and back
    apps = executor.loader.project_state(BEFORE).apps
    assert apps.get_model("plans", "Theme").objects.get(name="Klima").course.startswith("Kursen")
    assert list(
        apps.get_model("organisation", "Sdg")
        .objects.filter(chosen=True)
        .values_list("number", flat=True)
    ) == [13]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
