"""The rounds' pages run a fixed number of queries, however many items a round holds: a round
is opened on a whole plan (1,500 items in a large kommune), so one query per item would make
the progress page, the report and "Mit overblik" slow for everyone who opens them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup import services
from meetings import services as meeting_services
from tests.factories import ItemFactory, ThemeFactory
from tests.followup.conftest import DEADLINE, TODAY, client_for

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _round_of(plan, n, contact, au, buu, area, name):
    theme = ThemeFactory(plan=plan)
    for i in range(n):
        item = ItemFactory(
            plan=plan,
            committee=au if i % 2 else buu,
            director=area,
            contact="Karen Jensen",
            code=f"{name[:1]}-{i:04d}",
        )
        item.themes.add(theme)
    return services.round_open(plan=plan, name=name, deadline=DEADLINE, today=TODAY, committee=None)


def _answer_all(round, contact, area_director):
    for answer in round.answers.all():
        saved = services.answer_save(
            answer=answer,
            fields={"note": "Noten."},
            expected_version=answer.version,
            submit=True,
            user=contact,
        )
        services.answer_review(
            answer=saved, approve=True, expected_version=saved.version, user=area_director
        )


@pytest.mark.parametrize("page", ["round", "report", "round_answers", "rounds", "overview"])
def test_round_pages_run_the_same_queries_for_few_and_many_items(
    page, plan, au, buu, area, contact, area_director, administrator
):
    small = _round_of(plan, 3, contact, au, buu, area, "Small")
    large = _round_of(plan, 60, contact, au, buu, area, "Large")
    _answer_all(small, contact, area_director)
    _answer_all(large, contact, area_director)
    client = client_for(contact if page == "overview" else administrator)
    if page == "rounds":
        assert _queries(client, reverse("followup:rounds")) < 20
        return
    if page == "overview":
        # Due answers in a third round, and AU's coming meeting with items placed on it.
        meeting = meeting_services.meeting_create(
            body=au,
            date=timezone.localdate() + datetime.timedelta(days=5),
            start_time=datetime.time(9),
            from_template=False,
        )
        few = _queries(client, reverse("followup:overview"))
        _round_of(plan, 40, contact, au, buu, area, "Third")
        for n in range(10):
            meeting_services.agenda_item_add(meeting=meeting, fields={"title": f"Punkt {n}"})
        assert _queries(client, reverse("followup:overview")) == few
        return
    few = _queries(client, reverse(f"followup:{page}", args=[small.pk]))
    many = _queries(client, reverse(f"followup:{page}", args=[large.pk]))
    assert few == many


def test_closed_report_reads_the_snapshot_in_fixed_queries(
    plan, au, buu, area, contact, area_director, administrator
):
    small = _round_of(plan, 3, contact, au, buu, area, "Small")
    large = _round_of(plan, 60, contact, au, buu, area, "Large")
    for round in (small, large):
        _answer_all(round, contact, area_director)
        services.round_close(round=round, expected_version=round.version, user=administrator)
    client = client_for(administrator)
    few = _queries(client, reverse("followup:report", args=[small.pk]))
    assert _queries(client, reverse("followup:report", args=[large.pk])) == few
