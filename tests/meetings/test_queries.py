"""The calendar, a meeting's agenda, an item page and the case list run a fixed number of SQL
queries, however many meetings, items, attachments and decisions they show: an N+1 query on
an agenda of 30 items would make every page load of a committee's secretariat slow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import MeetingState
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_calendar_queries_do_not_grow_with_meetings(admin_client_, ok, kb):
    url = reverse("meetings:calendar") + "?maaned=2025-03"
    for day in (3, 4):
        MeetingFactory(body=ok, date=datetime.date(2025, 3, day))
    few = count_queries(admin_client_, url)
    for day in range(5, 31):
        MeetingFactory(body=kb if day % 2 else ok, date=datetime.date(2025, 3, day))
    assert count_queries(admin_client_, url) == few


def fill_agenda(meeting, items: int, previous_meeting):
    """Items with cases, attachments, absentees and an earlier decision on each case."""
    member = MemberFactory(body=meeting.body)
    for n in range(items):
        case = CaseFactory(routing=[previous_meeting.body, meeting.body])
        earlier = AgendaItemFactory(meeting=previous_meeting, case=case,
                                    number=100 + n + items * 10, decision="Tiltrådt.")  # fmt: skip
        earlier.not_participating.add(MemberFactory(body=previous_meeting.body))
        item = AgendaItemFactory(meeting=meeting, case=case, number=n + 1 + items * 10,
                                 decision="Godkendt.", closed=n % 3 == 0)  # fmt: skip
        item.not_participating.add(member)
        AttachmentFactory(agenda_item=item, number=1)
        AttachmentFactory(agenda_item=item, number=2, closed=True)


@pytest.mark.parametrize("client_name", ["admin_client_", "reader_client"])
def test_meeting_page_queries_do_not_grow_with_items(request, client_name, ok, kb):
    client = request.getfixturevalue(client_name)
    earlier = MeetingFactory(body=ok, date=datetime.date(2025, 1, 6),
                             state=MeetingState.MINUTES_APPROVED)  # fmt: skip
    meeting = MeetingFactory(body=kb, date=datetime.date(2025, 1, 13))
    fill_agenda(meeting, 2, earlier)
    url = meeting.get_absolute_url()
    few = count_queries(client, url)
    fill_agenda(meeting, 20, earlier)
    assert count_queries(client, url) == few


def test_agenda_item_page_queries_do_not_grow_with_the_agenda(admin_client_, ok, kb):
    earlier = MeetingFactory(body=ok, date=datetime.date(2025, 1, 6))
    meeting = MeetingFactory(body=kb, date=datetime.date(2025, 1, 13))
    fill_agenda(meeting, 2, earlier)
    url = meeting.items.order_by("number").first().get_absolute_url()
    few = count_queries(admin_client_, url)
    fill_agenda(meeting, 20, earlier)
    assert count_queries(admin_client_, url) == few


def test_case_list_queries_do_not_grow_with_cases(admin_client_, ok, kb):
    for _ in range(2):
        CaseFactory(routing=[ok, kb])
    few = count_queries(admin_client_, reverse("meetings:cases"))
    for _ in range(30):
        CaseFactory(routing=[ok, kb])
    assert count_queries(admin_client_, reverse("meetings:cases")) == few


def test_meeting_page_with_offered_cases_does_not_grow(admin_client_, ok, kb):
    ok_meeting = MeetingFactory(body=ok, date=datetime.date(2025, 1, 6))
    kb_meeting = MeetingFactory(body=kb, date=datetime.date(2025, 1, 13),
                                state=MeetingState.PLANNED)  # fmt: skip

    def offer(n):
        for _ in range(n):
            case = CaseFactory(routing=[ok, kb])
            item = AgendaItemFactory(meeting=ok_meeting, case=case,
                                     number=ok_meeting.items.count() + 1)  # fmt: skip
            services.decision_record(item=item, text="Tiltrådt.")

    offer(2)
    few = count_queries(admin_client_, kb_meeting.get_absolute_url())
    offer(20)
    page = admin_client_.get(kb_meeting.get_absolute_url()).content.decode()
    assert page.count("Sæt på dagsordenen</button>") == 22
    assert count_queries(admin_client_, kb_meeting.get_absolute_url()) == few
