"""The secretary orders the forward plan's topics of one date (and those awaiting a date) with
"Flyt op"/"Flyt ned": version-checked, in the history, and the order is kept wherever the
topics are listed (the forward plan page, the agenda made from the template, the work plan)."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import PlannedTopic, StandingKind
from workplans.selectors import workplan_for

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 11)


def _titles(body, planned_for=DAY):
    return list(
        PlannedTopic.objects.filter(body=body, planned_for=planned_for).values_list(
            "title", flat=True
        )
    )


@pytest.fixture
def topics(au):
    return [services.planned_topic_add(body=au, title=t, planned_for=DAY) for t in "ABC"]


def test_new_topics_go_last_and_a_move_swaps_with_the_neighbour(au, topics, editor):
    a, b, c = topics
    assert [t.position for t in topics] == [1, 2, 3]
    moved = services.planned_topic_move(topic=c, up=True, expected_version=1, user=editor)
    assert (moved.position, moved.version) == (2, 2)
    assert _titles(au) == ["A", "C", "B"]
    b.refresh_from_db()
    # The topic passed keeps its version (its texts are unchanged); the order is in its history.
    assert (b.position, b.version) == (3, 1)
    assert b.history.first().history_change_reason == "Rækkefølge ændret"
    assert moved.history.first().history_change_reason == "Flyttet op"
    assert moved.history.first().history_user == editor
    # At the top nothing changes.
    top = services.planned_topic_move(topic=a, up=True, expected_version=1)
    assert top.version == 1 and _titles(au) == ["A", "C", "B"]


def test_a_stale_move_is_refused(au, topics):
    services.planned_topic_update(topic=topics[2], fields={"title": "C2"}, expected_version=1)
    with pytest.raises(services.MeetingConflict):
        services.planned_topic_move(topic=topics[2], up=True, expected_version=1)
    assert _titles(au) == ["A", "B", "C2"]


def test_topics_of_other_dates_and_bodies_are_not_neighbours(au, buu, topics):
    other_day = services.planned_topic_add(body=au, title="X", planned_for=DAY.replace(day=12))
    services.planned_topic_add(body=buu, title="Y", planned_for=DAY)
    assert other_day.position == 1
    services.planned_topic_move(topic=other_day, up=True, expected_version=1)
    services.planned_topic_move(topic=topics[0], up=True, expected_version=1)
    assert _titles(au) == ["A", "B", "C"]


def test_a_topic_given_another_date_goes_last_there(au, topics):
    waiting = services.planned_topic_add(body=au, title="Venter")
    assert waiting.position == 1
    services.planned_topic_set_date(topic=waiting, planned_for=DAY)
    assert _titles(au) == ["A", "B", "C", "Venter"]
    waiting.refresh_from_db()
    assert waiting.history.first().history_change_reason == "Flyttet"


def test_the_page_moves_a_topic_and_says_so_in_danish(editor_client, au, topics):
    page = editor_client.get(reverse("meetings:forward_plan", args=[au.pk])).content.decode()
    assert page.index(">A<") < page.index(">B<") < page.index(">C<")
    assert 'Flyt op<span class="visually-hidden"> »B«' in page
    assert 'Flyt op<span class="visually-hidden"> »A«' not in page  # the first of its date
    assert 'Flyt ned<span class="visually-hidden"> »C«' not in page  # the last of its date
    url = reverse("meetings:planned_topic_move", args=[au.pk, topics[0].pk])
    response = editor_client.post(url, {"direction": "ned", "version": 1}, follow=True)
    assert "»A« er flyttet ned i rækkefølgen." in response.content.decode()
    assert _titles(au) == ["B", "A", "C"]
    page = response.content.decode()
    assert page.index(">B<") < page.index(">A<") < page.index(">C<")
    # The same button pressed again from the old page: refused, the page shows the new order.
    response = editor_client.post(url, {"direction": "ned", "version": 1}, follow=True)
    assert "»A« er ændret af en anden, siden du åbnede siden, og er ikke flyttet." in (
        response.content.decode()
    )
    assert _titles(au) == ["B", "A", "C"]


@pytest.mark.parametrize("data", [{}, {"direction": "sidelæns", "version": 1},
                                  {"direction": "op", "version": "x"}])  # fmt: skip
def test_bad_move_input_is_answered_in_danish(editor_client, au, topics, data):
    url = reverse("meetings:planned_topic_move", args=[au.pk, topics[1].pk])
    response = editor_client.post(url, data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vælg op eller ned." in text or "Siden mangler punktets version." in text
    assert _titles(au) == ["A", "B", "C"]


def test_only_the_secretary_moves(reader_client, editor_client, au, buu, topics):
    url = reverse("meetings:planned_topic_move", args=[au.pk, topics[1].pk])
    assert reader_client.post(url, {"direction": "op", "version": 1}).status_code == 403
    other = services.planned_topic_add(body=buu, title="BUU", planned_for=DAY)
    wrong_body = reverse("meetings:planned_topic_move", args=[au.pk, other.pk])
    assert editor_client.post(wrong_body, {"direction": "op", "version": 1}).status_code == 404
    assert editor_client.get(url).status_code == 405
    page = reader_client.get(reverse("meetings:forward_plan", args=[au.pk])).content.decode()
    assert "Flyt op" not in page


def test_the_agenda_made_from_the_template_follows_the_order(au, topics):
    services.standing_item_save(body=au, number=1, title="Øvrige punkter",
                                kind=StandingKind.TREATMENT)  # fmt: skip
    services.standing_item_save(body=au, number=2, title="Kommende punkter",
                                kind=StandingKind.FORWARD_PLAN)  # fmt: skip
    own = [
        services.planned_topic_add(body=au, title=t, planned_for=DAY, own_item=True)
        for t in ("Eget 1", "Eget 2")
    ]
    later = [
        services.planned_topic_add(body=au, title=t, planned_for=DAY.replace(day=20))
        for t in ("Senere 1", "Senere 2")
    ]
    services.planned_topic_move(topic=topics[2], up=True, expected_version=1)
    services.planned_topic_move(topic=own[1], up=True, expected_version=1)
    services.planned_topic_move(topic=later[1], up=True, expected_version=1)
    meeting = services.meeting_create(body=au, date=DAY, start_time=datetime.time(9))
    items = list(meeting.items.order_by("number"))
    treatment = next(i for i in items if i.standing == StandingKind.TREATMENT)
    text = treatment.case_presentation
    assert text.index("| A |") < text.index("| C |") < text.index("| B |")
    own_titles = [i.title for i in items if i.title.startswith("Eget")]
    assert own_titles == ["Eget 2", "Eget 1"]
    forward = services.meeting_create(body=au, date=DAY.replace(day=1), start_time=None)
    plan_text = next(
        i for i in forward.items.all() if i.standing == StandingKind.FORWARD_PLAN
    ).case_presentation
    assert plan_text.index("Senere 2") < plan_text.index("Senere 1")


def test_the_work_plan_follows_the_order(au, topics, reader):
    services.meeting_create(body=au, date=DAY, start_time=datetime.time(9), from_template=False)
    services.planned_topic_move(topic=topics[2], up=True, expected_version=1)
    services.planned_topic_move(topic=topics[2], up=True, expected_version=2)
    plan = workplan_for(body=au, year=2025, user=reader)
    slot = next(s for s in plan.slots if s.meeting is not None)
    assert [e.title for e in slot.entries if e.kind == "topic"] == ["C", "A", "B"]


def test_the_forward_plan_and_template_pages_cost_the_same_for_a_busy_body(editor_client, au):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AgendaItemFactory, MeetingFactory

    def fill(count: int, start: int) -> None:
        meeting = MeetingFactory(body=au, date=DAY.replace(day=1 + start % 20))
        for n in range(count):
            topic = services.planned_topic_add(
                body=au, title=f"Emne {start}-{n}", planned_for=DAY if n % 3 else None
            )
            if n % 4 == 0:
                topic.agenda_item = AgendaItemFactory(meeting=meeting, number=100 + n)
                topic.save()
            services.standing_item_add(body=au, title=f"Fast {start}-{n}")

    def count(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(reverse(f"meetings:{name}", args=[au.pk]))
        assert response.status_code == 200
        return len(queries)

    fill(2, 0)
    few = {name: count(name) for name in ("forward_plan", "standing_items")}
    fill(40, 1)
    assert {name: count(name) for name in ("forward_plan", "standing_items")} == few
