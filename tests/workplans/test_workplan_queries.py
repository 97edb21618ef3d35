"""The work plan of a busy committee runs a fixed number of queries: 60 items, 20 meetings and
40 topics, with placements and cases on the meetings, cost what 2 of each cost. An N+1 here
would make the page, the PDF, the .docx and the iCal file of every committee slow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services as meeting_services
from tests.factories import ItemFactory, PlannedTopicFactory
from workplans import services

pytestmark = pytest.mark.django_db


def _fill(au, ok, kb, plan, *, items, meetings, topics, start):
    made = []
    for n in range(meetings):
        made.append(
            meeting_services.meeting_create(
                body=au,
                date=datetime.date(2025, 1 + (start + n) % 12, 1 + (start + n) // 12),
                start_time=datetime.time(9),
                from_template=False,
            )
        )
    for n in range(items):
        item = ItemFactory(
            plan=plan,
            committee=au if n % 3 else ok,
            needs_political_treatment=True,
            timing_year=2025,
            timing_quarter=None,
            timing_month=1 + n % 12,
        )
        if n % 3 == 0:
            case = meeting_services.case_create(
                number=f"25/{start}{n}",
                title=f"Sag {n}",
                routing=[ok, au],
                items=[item],
                closed=n % 2 == 0,
            )
            meeting_services.agenda_item_add(meeting=made[n % meetings], case=case)
        elif n % 3 == 1:
            services.placement_save(
                body=au, year=2025, item=item, meeting=made[n % meetings], expected_version=0
            )
    for n in range(topics):
        topic = PlannedTopicFactory(body=au, planned_for=made[n % meetings].date if n % 2 else None)
        if n % 4 == 0:
            services.placement_save(
                body=au, year=2025, topic=topic, month=1 + n % 12, expected_version=0
            )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name, args",
    [
        ("workplans:workplan", []),
        ("workplans:workplan_calendar", []),
        ("documents:workplan", ["docx"]),
    ],
)
def test_work_plan_queries_do_not_grow_with_a_busy_committee(
    editor_client, au, ok, kb, plan, name, args
):
    url = reverse(name, args=[au.pk, 2025, *args])
    _fill(au, ok, kb, plan, items=3, meetings=2, topics=4, start=0)
    services.workplan_present(body=au, year=2025, meeting=au.meetings.first())
    few = _count(editor_client, url)
    _fill(au, ok, kb, plan, items=60, meetings=20, topics=40, start=2)
    assert _count(editor_client, url) == few
