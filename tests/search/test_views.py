"""The staff search page and the portal's: filters, result list, limits, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import MeetingState
from plans.models import Item
from search import selectors
from search.models import Kind
from tests.factories import (
    AgendaItemFactory,
    ItemFactory,
    MeetingFactory,
    PlanFactory,
    StatusNoteFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
PORTAL = reverse("portal:search")


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_page_lists_ranked_results_with_marks(admin_client_, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Ledighed blandt unge",
                description="Flere unge i <uddannelse> & job.")  # fmt: skip
    html = page(admin_client_, URL, q="uddannelse")
    assert "1 resultat for »uddannelse«" in html
    assert '<a href="/indsatser/' in html
    assert "&lt;<mark>uddannelse</mark>&gt; &amp; job" in html
    assert 'role="search"' in html and '<ol class="search-results">' in html
    assert '<h2 class="search-result__title">' in html


def test_empty_search_shows_the_form_only(admin_client_):
    html = page(admin_client_, URL)
    assert "resultat" not in html and '<label for="id_q">' in html


def test_no_results_says_so(admin_client_):
    assert "Ingen resultater for »ingenting«" in page(admin_client_, URL, q="ingenting")


def test_header_has_the_search_box(admin_client_):
    html = page(admin_client_, reverse("meetings:cases"))
    assert f'action="{URL}" role="search"' in html and 'for="header-search-q"' in html


def test_staff_search_needs_login(client):
    response = client.get(URL, {"q": "budget"})
    assert response.status_code == 302 and "/log-ind/" in response["Location"]


def test_filters_kind_body_year_and_status(admin_client_, au, buu):
    plan_2025 = PlanFactory(name="Plan 2025", first_year=2025, last_year=2028)
    plan_2024 = PlanFactory(name="Plan 2024", first_year=2024, last_year=2027)
    ItemFactory(plan=plan_2025, committee=au, code="A", title="Energi A",
                status=Item.Status.COMPLETED)  # fmt: skip
    ItemFactory(plan=plan_2025, committee=buu, code="B", title="Energi B")
    ItemFactory(plan=plan_2024, committee=au, code="C", title="Energi C")
    StatusNoteFactory(item=ItemFactory(plan=plan_2024, committee=buu, code="D", title="Andet"),
                      text="Energi sparet.", date=datetime.date(2024, 5, 1))  # fmt: skip

    def codes(**params) -> list[str]:
        html = page(admin_client_, URL, q="energi", **params)
        return sorted(c for c in "ABCD" if f">{c} <mark>" in html or f"til {c} " in html)

    assert codes() == ["A", "B", "C", "D"]
    assert codes(udvalg=au.pk) == ["A", "C"]
    assert codes(aar=2024) == ["C", "D"]
    assert codes(status=Item.Status.COMPLETED) == ["A"]
    assert codes(type=Kind.STATUS_NOTE) == ["D"]
    assert codes(type=Kind.PLAN_ITEM, udvalg=buu.pk) == ["B"]


def test_unknown_filter_values_are_refused_not_errors(admin_client_):
    html = page(admin_client_, URL, q="energi", type="hemmelig", aar="x")
    assert "Ingen resultater" not in html and "resultat" not in html


def test_at_most_fifty_results_with_the_total(admin_client_, plan, au):
    for n in range(53):
        ItemFactory(plan=plan, committee=au, code=f"K-{n}", title=f"Kystsikring etape {n}")
    html = page(admin_client_, URL, q="kystsikring")
    assert "53 resultater" in html and "Viser de første 50." in html
    assert html.count('class="search-result"') == 50


def fill(meeting, n: int):
    for _ in range(n):
        number = meeting.items.count() + 1
        item = AgendaItemFactory(meeting=meeting, number=number, title=f"Budgetopfølgning {number}",
                                 decision="Godkendt budgetopfølgning.")  # fmt: skip
        item.attachments.create(number=1, title="Budgetopfølgning, bilag")


@pytest.mark.parametrize("client_name", ["admin_client_", "reader_client", "client"])
def test_search_queries_do_not_grow_with_results(request, client_name, ok):
    """A result list of 60 must cost what a list of 6 costs: one query ranks and counts, one
    fetches the entries with their body, whatever their kind."""
    client = request.getfixturevalue(client_name)
    url = PORTAL if client_name == "client" else URL
    meeting = MeetingFactory(body=ok, state=MeetingState.MINUTES_APPROVED)
    fill(meeting, 2)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"q": "budgetopfølgning"}).status_code == 200
        return len(queries)

    count()  # the portal keeps the municipality in the cache after the first page
    few = count()
    fill(meeting, 20)
    assert selectors.search(query="budgetopfølgning", public=True).total == 66
    assert count() == few


def test_portal_search_is_open_to_anyone_and_links_to_the_portal(client, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Havneudvidelse"})
    services.meeting_publish_agenda(meeting=ok_meeting)
    html = page(client, PORTAL, q="havn")
    assert f'href="/offentlig/moede/{ok_meeting.pk}/#punkt-{item.number}"' in html
    assert "1 resultat" in html
    # The staff filter on status is not offered, the kinds are the portal's.
    assert 'name="status"' not in html and f'value="{Kind.PLAN_ITEM}"' not in html


def test_portal_front_page_and_header_have_a_search_box(client, municipality):
    html = page(client, reverse("portal:index"))
    assert f'action="{PORTAL}"' in html and 'for="portal-search-q"' in html
    assert 'for="header-search-q"' in html


@pytest.mark.parametrize("url", [URL, PORTAL])
def test_typing_asks_for_the_results_only(request, url, ok_meeting):
    """htmx (as the user types) gets the result list without the page around it."""
    client = request.getfixturevalue("admin_client_" if url == URL else "client")
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Havneudvidelse"})
    services.meeting_publish_agenda(meeting=ok_meeting)
    html = client.get(url, {"q": "havneudv"}, headers={"HX-Request": "true"}).content.decode()
    assert '<ol class="search-results">' in html and "<mark>Havneudvidelse</mark>" in html
    assert "<html" not in html and "<form" not in html
