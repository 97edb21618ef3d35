"""Every list page runs a fixed number of SQL queries, however many rows it shows.

Each test renders a page with few rows, then with many, and compares the query counts: a
difference means an N+1 query crept in, which on a plan of thousands of items makes the page
slow for every user.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Body
from plans import services
from plans.models import Item, StatusNote
from tests.factories import (
    BodyFactory,
    HeadingFactory,
    ItemFactory,
    PlanFactory,
    SdgFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_items(plan, n, start=0):
    committees = list(Body.objects.all()) or [BodyFactory()]
    heading = HeadingFactory(plan=plan)
    theme = ThemeFactory(plan=plan)
    sdg = SdgFactory(number=13)
    for i in range(start, start + n):
        item = ItemFactory(
            plan=plan,
            committee=committees[i % len(committees)],
            kind=list(Item.Kind)[i % 4],
            heading=heading,
            code=f"Q-{i:05d}",
        )
        item.themes.add(theme)
        item.sdgs.add(sdg)
        item.political_bodies.add(committees[0])


def test_plan_page_query_count_does_not_grow_with_items(reader_client, plan, au, buu, ok):
    """The plan page is the busiest page: it must not query per item or per group."""
    url = reverse("plans:plan", args=[plan.pk])
    filtered = url + f"?committee={au.pk}&q=Indsats"
    add_items(plan, 4)
    few, few_filtered = count_queries(reader_client, url), count_queries(reader_client, filtered)
    add_items(plan, 80, start=100)
    assert count_queries(reader_client, url) == few
    assert count_queries(reader_client, filtered) == few_filtered


def test_plan_list_query_count_does_not_grow_with_plans(reader_client):
    """Plans accumulate one per year; the list must stay one query."""
    PlanFactory()
    few = count_queries(reader_client, reverse("plans:plans"))
    for _ in range(15):
        PlanFactory()
    assert count_queries(reader_client, reverse("plans:plans")) == few


def test_extract_page_query_count_does_not_grow_with_items(reader_client, plan, au):
    """An extract lists all of a committee's items with themes and bodies."""
    url = reverse("plans:extract", args=[plan.pk, "AU"])
    add_items(plan, 4)
    few = count_queries(reader_client, url)
    add_items(plan, 60, start=100)
    assert count_queries(reader_client, url) == few


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_extract_documents_query_count_does_not_grow_with_items(reader_client, plan, au, ext):
    """The extract's PDF and Word document read the items, their bodies and the plan once."""
    url = reverse("documents:extract", args=[plan.pk, "AU", ext])
    add_items(plan, 4)
    few = count_queries(reader_client, url)
    add_items(plan, 60, start=100)
    assert count_queries(reader_client, url) == few


def test_extract_index_query_count_does_not_grow_with_committees(reader_client, plan):
    """The list of committees' extracts reads the committees once."""
    BodyFactory()
    few = count_queries(reader_client, reverse("plans:extracts", args=[plan.pk]))
    for _ in range(12):
        BodyFactory()
    assert count_queries(reader_client, reverse("plans:extracts", args=[plan.pk])) == few


def test_item_history_query_count_does_not_grow_with_versions(reader_client, editor, item, theme):
    """A living plan edits items often; the history must not query per version."""
    url = reverse("plans:item_history", args=[item.pk])
    services.item_update(item=item, fields={"title": "A"}, expected_version=1, user=editor)
    few = count_queries(reader_client, url)
    for version in range(2, 25):
        services.item_update(item=item, fields={"title": f"Titel {version}"},
                             m2m={"themes": [theme] if version % 2 else []},
                             expected_version=version, user=editor)  # fmt: skip
    assert count_queries(reader_client, url) == few


def test_item_page_query_count_does_not_grow_with_status_notes(reader_client, editor, item):
    """Status notes pile up over the year on the item page."""
    url = reverse("plans:item", args=[item.pk])
    StatusNote.objects.create(item=item, date=datetime.date(2025, 1, 1), text="a", author=editor)
    few = count_queries(reader_client, url)
    for day in range(2, 25):
        StatusNote.objects.create(item=item, date=datetime.date(2025, 1, day), text="b",
                                  author=editor)  # fmt: skip
    assert count_queries(reader_client, url) == few


def test_excel_export_query_count_does_not_grow_with_items(reader_client, plan, au):
    """The export reads the whole plan; it must not query per item."""
    url = reverse("plans:export", args=[plan.pk])
    add_items(plan, 4)
    few = count_queries(reader_client, url)
    add_items(plan, 60, start=100)
    assert count_queries(reader_client, url) == few
