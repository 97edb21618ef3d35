"""Query counts of the portal's pages, to prevent an n+1 issue.

The portal is public and its meeting page must serve many visitors at once (bench/portal.py),
so every page runs a fixed number of queries whatever the number of bodies, meetings, items,
attachments and decisions. Each test counts at a small and a large size and compares.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Absence, Addendum, CaseRoute, Meeting
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def queries(url: str, *, status: int = 200) -> int:
    """The queries of one request (the municipality's name for the header is cached after the
    first request; the meeting test clears the cache to count a request that renders)."""
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, url
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


def test_index_queries_do_not_grow_with_bodies_and_meetings():
    """The front page lists every body with its next meetings and the latest agendas."""
    today = timezone.localdate()

    def add(count: int) -> None:
        for _ in range(count):
            body = BodyFactory()
            for days in (-30, -7, 7, 14, 21, 28, 35):
                state = Meeting.State.PLANNED if days > 20 else Meeting.State.AGENDA_PUBLISHED
                MeetingFactory(body=body, date=today + datetime.timedelta(days=days), state=state)

    add(2)
    queries(reverse("portal:index"))
    small = queries(reverse("portal:index"))
    add(18)
    assert queries(reverse("portal:index")) == small


def test_body_page_queries_do_not_grow_with_meetings_and_members(ok):
    """A body's page lists its members and a year's meetings."""

    def add(count: int) -> None:
        for n in range(count):
            MemberFactory(body=ok)
            MeetingFactory(body=ok, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
                           state=Meeting.State.MINUTES_APPROVED if n % 2 else
                           Meeting.State.PLANNED)  # fmt: skip

    url = reverse("portal:body", args=["oek"]) + "?aar=2025"
    add(2)
    queries(url)
    small = queries(url)
    add(18)
    assert queries(url) == small


def fill_agenda(meeting: Meeting, earlier: Meeting, count: int, start: int) -> None:
    """count items of every kind: open with a case decided earlier, closed, of a closed case;
    each with an open and a closed attachment, a member not taking part and an addendum."""
    user = User.objects.get_or_create(username="sekretaer")[0]
    members = list(meeting.body.members.all())
    for n in range(start, start + count):
        kind = n % 3
        case = CaseFactory(closed=kind == 2)
        CaseRoute.objects.create(case=case, body=earlier.body, position=0)
        CaseRoute.objects.create(case=case, body=meeting.body, position=1)
        before = AgendaItemFactory(meeting=earlier, number=n, case=case, decision="Tiltrådt.")
        before.not_participating.set(members[:1])
        item = AgendaItemFactory(meeting=meeting, number=n, case=case, closed=kind == 1,
                                 decision="Godkendt.")  # fmt: skip
        item.not_participating.set(members[:2])
        Addendum.objects.create(agenda_item=item, text="Tilføjelse.", created_by=user)
        AttachmentFactory(agenda_item=item, number=1, title=f"Åbent bilag {n}")
        AttachmentFactory(agenda_item=item, number=2, title=f"Fortroligt bilag {n}", closed=True)


def test_meeting_page_queries_do_not_grow_with_items_and_attachments(ok, settings):
    """The published agenda (decisions, earlier decisions, attachments) is read in a fixed
    number of queries, both when it is rendered and when it comes from the cache."""
    kb = BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB")
    for _ in range(3):
        MemberFactory(body=kb)
    earlier = MeetingFactory(body=ok, date=datetime.date(2025, 1, 6),
                             state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    meeting = MeetingFactory(body=kb, date=datetime.date(2025, 1, 13),
                             state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    Absence.objects.create(meeting=meeting, member=kb.members.first())
    url = reverse("portal:meeting", args=[meeting.pk])

    fill_agenda(meeting, earlier, 2, start=1)
    cold_small = queries(url)
    warm_small = queries(url)
    fill_agenda(meeting, earlier, 18, start=3)
    cache.clear()
    assert queries(url) == cold_small
    assert queries(url) == warm_small
    # From the cache, the page is one query: the meeting, whose updated_at names the version.
    assert warm_small == 1 < cold_small
    page = Client().get(url).content.decode()
    assert "Åbent bilag 18" in page and "Fortroligt bilag 18" not in page
    assert "Åbent bilag 19" not in page  # under a closed item


def test_feed_queries_do_not_grow_with_meetings(ok):
    """A body's calendar reads its meetings in one query."""
    today = timezone.localdate()

    def add(count: int) -> None:
        for n in range(count):
            MeetingFactory(body=ok, date=today + datetime.timedelta(days=n * 7 + 1),
                           state=Meeting.State.PLANNED if n % 2 else
                           Meeting.State.AGENDA_PUBLISHED)  # fmt: skip

    url = reverse("portal:body_calendar", args=["oek"])
    add(2)
    small = queries(url)
    add(18)
    assert queries(url) == small


def test_attachment_download_is_a_single_query(ok, settings, tmp_path):
    """Serving an open file checks the attachment, its item and the meeting in one query."""
    settings.MEDIA_ROOT = tmp_path
    item = AgendaItemFactory(meeting=MeetingFactory(body=ok))
    upload = SimpleUploadedFile("notat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    attachment = services.attachment_add(item=item, title="Notat", upload=upload)
    assert queries(reverse("portal:attachment", args=[attachment.pk])) == 1
