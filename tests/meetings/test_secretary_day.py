"""Issue 14 on the meeting pages: moving items, date sense in routing, confirmations, and
"Indstillet af" shown where it is entered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting, MeetingState, StandingKind
from tests.factories import AgendaItemFactory, MeetingFactory, StandingItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ok_editor(ok):
    return UserFactory(username="sekretaer", role="editor", role__bodies=[ok])


@pytest.fixture
def ok_client(client, ok_editor):
    client.force_login(ok_editor)
    return client


def _numbers(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("number")
                .values_list("number", "title"))  # fmt: skip


# --- Point 2: reordering -----------------------------------------------------------------------


def test_moving_an_item_up_renumbers_the_agenda_in_one_step(ok_meeting, ok_editor):
    first = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Meddelelser"})
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Budget"})
    third = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Skolestruktur"})
    services.agenda_item_move(item=third, direction="up", user=ok_editor)
    assert _numbers(ok_meeting) == [(1, "Meddelelser"), (2, "Skolestruktur"), (3, "Budget")]
    services.agenda_item_move(item=first, position=3, user=ok_editor)
    assert _numbers(ok_meeting) == [(1, "Skolestruktur"), (2, "Budget"), (3, "Meddelelser")]
    moved = AgendaItem.objects.get(title="Meddelelser")
    assert moved.version == 2  # a stale edit form of the moved item is refused, not applied
    assert moved.history.first().history_change_reason == "Flyttet"


def test_an_item_cannot_move_past_the_top_and_says_so_in_danish(ok_meeting):
    first = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Meddelelser"})
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Budget"})
    with pytest.raises(services.MoveRefused, match="står allerede først"):
        services.agenda_item_move(item=first, direction="up")


def test_moving_is_refused_on_approved_minutes(ok_meeting):
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Meddelelser"})
    second = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Budget"})
    Meeting.objects.filter(pk=ok_meeting.pk).update(state=MeetingState.MINUTES_APPROVED)
    with pytest.raises(services.MinutesLocked):
        services.agenda_item_move(item=second, direction="up")
    assert _numbers(ok_meeting) == [(1, "Meddelelser"), (2, "Budget")]


def test_the_meeting_page_has_named_move_buttons_that_work(ok_client, ok_meeting):
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Meddelelser"})
    second = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Budget"})
    page = ok_client.get(ok_meeting.get_absolute_url()).content.decode()
    assert 'aria-label="Flyt punkt 2 op"' in page
    assert 'aria-label="Flyt punkt 1 ned"' in page
    assert 'aria-label="Flyt punkt 1 op"' not in page
    response = ok_client.post(reverse("meetings:agenda_item_move", args=[second.pk]),
                              {"retning": "op"})  # fmt: skip
    assert response.status_code == 302
    assert _numbers(ok_meeting) == [(1, "Budget"), (2, "Meddelelser")]


def test_a_new_case_goes_before_eventuelt(ok, ok_client, case):
    StandingItemFactory(body=ok, number=1, title="Meddelelser")
    StandingItemFactory(body=ok, number=2, title="Eventuelt, herunder punkter til næste møde",
                        kind=StandingKind.FORWARD_PLAN)  # fmt: skip
    meeting = services.meeting_create(body=ok, date=datetime.date(2022, 12, 6),
                                      start_time=datetime.time(14))  # fmt: skip
    ok_client.post(reverse("meetings:agenda_item_add", args=[meeting.pk]), {"case": case.pk})
    assert _numbers(meeting) == [
        (1, "Meddelelser"), (2, case.title), (3, "Eventuelt, herunder punkter til næste møde"),
    ]  # fmt: skip


# --- Point 3: date sense -----------------------------------------------------------------------


def test_a_case_is_offered_only_to_meetings_after_the_last_decision(ok, kb, case, ok_editor):
    kb_editor = UserFactory(username="kb-sekretaer", role="editor", role__bodies=[kb])
    today = timezone.localdate()
    decided = services.meeting_create(body=ok, date=today, start_time=datetime.time(9),
                                      from_template=False)  # fmt: skip
    item = services.agenda_item_add(meeting=decided, case=case)
    services.meeting_publish_agenda(meeting=decided)
    services.decision_record(item=item, text="Anbefales.")
    too_early = MeetingFactory(body=kb, date=today, state=MeetingState.PLANNED)
    later = MeetingFactory(body=kb, date=today + datetime.timedelta(days=7),
                           state=MeetingState.PLANNED)  # fmt: skip
    from django.test import Client

    client = Client()
    client.force_login(kb_editor)
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'value="{later.pk}"' in page
    assert f'value="{too_early.pk}"' not in page
    response = client.post(reverse("meetings:case_put_on_agenda", args=[case.pk]),
                           {"meeting": too_early.pk}, follow=True)  # fmt: skip
    assert "efter beslutningen den" in response.content.decode()
    assert not too_early.items.exists()
    # The meeting page's own "Sag" choice refuses it too.
    response = client.post(reverse("meetings:agenda_item_add", args=[too_early.pk]),
                           {"case": case.pk}, follow=True)  # fmt: skip
    assert "kan kun sættes på et senere møde" in response.content.decode()
    assert not too_early.items.exists()
    client.post(reverse("meetings:agenda_item_add", args=[later.pk]), {"case": case.pk})
    assert later.items.filter(case=case).exists()


def test_no_decision_on_a_meeting_that_lies_in_the_future(ok, case):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    future = services.meeting_create(body=ok, date=soon, start_time=datetime.time(9),
                                     from_template=False)  # fmt: skip
    item = services.agenda_item_add(meeting=future, case=case)
    services.meeting_publish_agenda(meeting=future)
    with pytest.raises(services.WrongState, match="Mødet holdes først"):
        services.decision_record(item=item, text="Godkendt.")
    with pytest.raises(services.WrongState, match="kan først godkendes efter mødet"):
        services.meeting_approve_minutes(meeting=future)


# --- Point 4: confirmations --------------------------------------------------------------------


def test_publishing_asks_first_and_says_what_will_happen(ok_client, ok_meeting):
    Meeting.objects.filter(pk=ok_meeting.pk).update(state=MeetingState.PLANNED)
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Budget"})
    page = ok_client.get(ok_meeting.get_absolute_url()).content.decode()
    url = reverse("meetings:meeting_publish", args=[ok_meeting.pk])
    assert f'href="{url}"' in page  # a link to the confirmation, not a one-click form
    confirm = ok_client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "offentlige portal" in text and "kan ikke fortrydes" in text
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.PLANNED
    ok_client.post(url)
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.AGENDA_PUBLISHED


def test_approving_asks_first_and_lists_items_without_decision(ok_client, ok_meeting):
    AgendaItemFactory(meeting=ok_meeting, number=1, title="Budget")
    Meeting.objects.filter(pk=ok_meeting.pk).update(state=MeetingState.HELD)
    url = reverse("meetings:meeting_approve", args=[ok_meeting.pk])
    text = ok_client.get(url).content.decode()
    assert "Beslutningerne låses" in text and "1. Budget" in text
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.HELD


# --- Point 6: Indstillet af --------------------------------------------------------------------


def test_indstillet_af_is_shown_on_the_item_and_the_meeting_page(ok_client, ok_meeting):
    item = AgendaItemFactory(meeting=ok_meeting, number=1, recommended_by="Kommunaldirektøren")
    for url in (item.get_absolute_url(), ok_meeting.get_absolute_url()):
        text = ok_client.get(url).content.decode()
        assert "<dt>Indstillet af</dt><dd>Kommunaldirektøren</dd>" in text
